//go:build linux || darwin || freebsd || openbsd || netbsd || dragonfly

package output

import (
	"errors"
	"os"

	"golang.org/x/sys/unix"
)

// lockFile is a flock(2) lock: the kernel releases it when its process
// dies, so a killed build never leaves a stale one.
type lockFile struct{ f *os.File }

func openLock(path string) (*lockFile, error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, err
	}
	return &lockFile{f}, nil
}

func (l *lockFile) try() (bool, error) {
	err := flock(l.f, unix.LOCK_EX|unix.LOCK_NB)
	if errors.Is(err, unix.EWOULDBLOCK) {
		return false, nil
	}
	return err == nil, err
}

func (l *lockFile) wait() error { return flock(l.f, unix.LOCK_EX) }

// release unlocks (if held) and closes.
func (l *lockFile) release() {
	_ = flock(l.f, unix.LOCK_UN)
	l.f.Close()
}

func flock(f *os.File, how int) error {
	for {
		err := unix.Flock(int(f.Fd()), how)
		if err != unix.EINTR {
			return err
		}
	}
}
