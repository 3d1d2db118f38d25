//go:build unix

package main

import (
	"path/filepath"
	"syscall"
	"testing"
)

// TestHostileThemePipe: a named pipe in a theme's assets is refused
// without being opened (which would block forever): build and check end,
// within execArchive's bound, with a message naming it.
func TestHostileThemePipe(t *testing.T) {
	work := hostileThemeSite(t)
	if err := syscall.Mkfifo(filepath.Join(work, "themes", "hostile", "assets", "feed.xml"), 0o644); err != nil {
		t.Skipf("cannot make a named pipe here: %v", err)
	}
	expectThemeRefused(t, work, "themes/hostile/assets/feed.xml: not a regular file")
}
