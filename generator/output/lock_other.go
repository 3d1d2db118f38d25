//go:build !(linux || darwin || freebsd || openbsd || netbsd || dragonfly || windows)

package output

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
)

// lockFile is a file created with O_EXCL, on systems without flock or
// LockFileEx: a build that is killed leaves it behind, and the next one
// says how to remove it rather than wait for ever.
type lockFile struct {
	path string
	held bool
}

func openLock(path string) (*lockFile, error) { return &lockFile{path: path}, nil }

func (l *lockFile) try() (bool, error) {
	f, err := os.OpenFile(l.path, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, fs.ErrExist) {
		return false, fmt.Errorf("%s exists: another build is writing this folder, or one was stopped before it finished; if no build is running, delete %s and build again", l.path, l.path)
	}
	if err != nil {
		return false, err
	}
	l.held = true
	return true, f.Close()
}

func (l *lockFile) wait() error { return errors.ErrUnsupported }

func (l *lockFile) release() {
	if l.held {
		os.Remove(l.path)
	}
}
