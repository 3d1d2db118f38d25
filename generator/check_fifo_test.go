//go:build unix

package generator_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/iom-cso/archive/generator"
)

// TestHostileNamedPipe: a named pipe called .md (or index.md, or
// site.yaml) is refused without being opened; opening one would block
// until someone writes to it, that is, forever.
func TestHostileNamedPipe(t *testing.T) {
	tests := []struct {
		name, pipe, path, want string
	}{
		{"event file", "annual-consultations/2013-pipe.md", "annual-consultations/2013-pipe.md", "not a regular file"},
		{"bundle index.md", "annual-consultations/2013-pipe/index.md", "annual-consultations/2013-pipe/index.md", "index.md is not a regular file"},
		{"attachment", "annual-consultations/2013-ok/pipe.pdf", "annual-consultations/2013-ok/pipe.pdf", "not a regular file"},
		{"site.yaml", "site.yaml", "site.yaml", "site.yaml is not a regular file"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "content")
			fsMkdir(t, filepath.Join(dir, "annual-consultations", "2013-pipe"))
			fsMkdir(t, filepath.Join(dir, "annual-consultations", "2013-ok"))
			fsWrite(t, filepath.Join(dir, "annual-consultations", "2013-ok", "index.md"), []byte(okEvent))
			if tt.pipe != "site.yaml" {
				fsWrite(t, filepath.Join(dir, "site.yaml"), []byte(checkSiteYAML))
			}
			if err := syscall.Mkfifo(filepath.Join(dir, filepath.FromSlash(tt.pipe)), 0o644); err != nil {
				t.Skipf("cannot make a named pipe here: %v", err)
			}
			root, err := os.OpenRoot(dir)
			if err != nil {
				t.Fatal(err)
			}
			defer root.Close()
			bounded(t, "Check", func() {
				problems, err := generator.Check(context.Background(), generator.Config{Content: root.FS()})
				if err != nil {
					t.Error(err)
				}
				found := false
				for _, p := range problems {
					found = found || (p.Path == "content/"+tt.path && strings.Contains(p.Msg, tt.want))
				}
				if !found {
					t.Errorf("no problem at %s saying %q; got:\n%v", tt.path, tt.want, problems)
				}
			})
			bounded(t, "Build", func() {
				if _, _, err := generator.Build(context.Background(), generator.Config{Content: root.FS()}); err == nil {
					t.Error("Build succeeded")
				}
			})
		})
	}
}
