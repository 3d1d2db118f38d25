package output

import (
	"os"

	"golang.org/x/sys/unix"
)

// exchange swaps the folders a and b in one step: each path names one of
// the two trees at every instant.
func exchange(a, b string) error {
	err := unix.Renameat2(unix.AT_FDCWD, a, unix.AT_FDCWD, b, unix.RENAME_EXCHANGE)
	if err != nil {
		return &os.LinkError{Op: "renameat2 exchange", Old: a, New: b, Err: err}
	}
	return nil
}
