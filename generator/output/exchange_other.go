//go:build !linux && !darwin

package output

import (
	"errors"
	"os"
)

// exchange would swap two folders in one step; this system has no such
// call, so Write falls back to two renames.
func exchange(a, b string) error {
	return &os.LinkError{Op: "exchange", Old: a, New: b, Err: errors.ErrUnsupported}
}
