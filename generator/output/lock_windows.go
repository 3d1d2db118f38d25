package output

import (
	"errors"
	"os"

	"golang.org/x/sys/windows"
)

// lockFile is a LockFileEx lock: Windows releases it when its process
// dies, so a killed build never leaves a stale one. It locks one byte far
// past the end of the (empty) file, so it never blocks a read.
type lockFile struct{ f *os.File }

const lockOffsetHigh = 0x7fffffff

func openLock(path string) (*lockFile, error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, err
	}
	return &lockFile{f}, nil
}

func (l *lockFile) lockEx(flags uint32) error {
	ol := &windows.Overlapped{OffsetHigh: lockOffsetHigh}
	return windows.LockFileEx(windows.Handle(l.f.Fd()), flags|windows.LOCKFILE_EXCLUSIVE_LOCK, 0, 1, 0, ol)
}

func (l *lockFile) try() (bool, error) {
	err := l.lockEx(windows.LOCKFILE_FAIL_IMMEDIATELY)
	if errors.Is(err, windows.ERROR_LOCK_VIOLATION) {
		return false, nil
	}
	return err == nil, err
}

func (l *lockFile) wait() error { return l.lockEx(0) }

// release unlocks (if held) and closes.
func (l *lockFile) release() {
	ol := &windows.Overlapped{OffsetHigh: lockOffsetHigh}
	_ = windows.UnlockFileEx(windows.Handle(l.f.Fd()), 0, 1, 0, ol)
	l.f.Close()
}
