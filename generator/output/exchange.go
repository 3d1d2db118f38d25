package output

import (
	"errors"
	"syscall"
)

// exchangeUnsupported reports whether exchange failed because the system
// or the file system has no atomic exchange, rather than for a reason
// that the fallback's renames would meet too.
func exchangeUnsupported(err error) bool {
	return errors.Is(err, errors.ErrUnsupported) || errors.Is(err, syscall.EINVAL)
}
