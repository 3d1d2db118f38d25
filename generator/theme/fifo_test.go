//go:build unix

package theme

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// TestThemeNamedPipe: a named pipe in a theme is refused without being
// opened; opening one blocks until someone writes to it, that is, forever.
func TestThemeNamedPipe(t *testing.T) {
	for _, tt := range []struct{ name, pipe string }{
		{"asset", "assets/css/pipe.css"},
		{"layout", "layouts/event.html"},
		{"partial", "layouts/partials/pipe.html"},
		{"strings", "i18n/en.yaml"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "themes", "hostile")
			writeTheme(t, dir)
			p := filepath.Join(dir, filepath.FromSlash(tt.pipe))
			_ = os.Remove(p)
			if err := syscall.Mkfifo(p, 0o644); err != nil {
				t.Skipf("cannot make a named pipe here: %v", err)
			}
			loadHostile(t, dir, tt.pipe, "not a regular file")
		})
	}
}
