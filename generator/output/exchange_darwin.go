package output

import (
	"os"

	"golang.org/x/sys/unix"
)

// exchange swaps the folders a and b in one step: each path names one of
// the two trees at every instant.
func exchange(a, b string) error {
	if err := unix.RenamexNp(a, b, unix.RENAME_SWAP); err != nil {
		return &os.LinkError{Op: "renamex_np swap", Old: a, New: b, Err: err}
	}
	return nil
}
