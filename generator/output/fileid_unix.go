//go:build unix

package output

import (
	"os"
	"strconv"
	"syscall"
)

// folderID returns the inode of the folder at path, "" if it cannot be
// read. Renames and exchanges keep it; a folder deleted and made again
// gets a new one (or, at worst, a reused number: see the package comment).
// The device number is left out: some file systems (btrfs) renumber it
// at every mount.
func folderID(path string) string {
	st, err := os.Lstat(path)
	if err != nil {
		return ""
	}
	if s, ok := st.Sys().(*syscall.Stat_t); ok {
		return strconv.FormatUint(uint64(s.Ino), 10)
	}
	return ""
}
