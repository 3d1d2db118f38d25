package main

import (
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestHostileBuild: a content folder with a symbolic link out of it and a
// broken file. Build and check report both; build writes nothing, neither
// the output folder nor anything else; the file outside is never read.
func TestHostileBuild(t *testing.T) {
	work := t.TempDir()
	dir := filepath.Join(work, "content")
	writeSite(t, dir, map[string]string{
		"site.yaml":                         testSite,
		"annual-consultations/2013-list.md": "---\n- title: A\n- date: 2013-09-12\n---\n",
	})
	writeSite(t, work, map[string]string{"secret.md": "---\ntitle: SECRET\n---\nSECRET\n"})
	if err := os.Symlink(filepath.Join("..", "..", "secret.md"), filepath.Join(dir, "annual-consultations", "2013-secret.md")); err != nil {
		t.Skipf("cannot make symbolic links here: %v", err)
	}
	before := tree(t, work)

	code, stdout, stderr := runArchive(t, "build", "--content", dir, "--out", filepath.Join(work, "public"))
	if code != 1 {
		t.Errorf("build: exit %d, want 1", code)
	}
	for _, want := range []string{
		"annual-consultations/2013-secret.md: symbolic links are not followed",
		"annual-consultations/2013-list.md:2:1: front matter must be a map of keys to values, found a list",
		"nothing was written",
	} {
		if !strings.Contains(stderr, want) {
			t.Errorf("build: stderr lacks %q:\n%s", want, stderr)
		}
	}
	if strings.Contains(stdout+stderr, "SECRET") {
		t.Error("build read the file outside the content folder")
	}
	if diff := cmp.Diff(before, tree(t, work)); diff != "" {
		t.Errorf("build changed the file system (-before +after):\n%s", diff)
	}

	code, stdout, _ = runArchive(t, "check", "--content", dir, "--format", "json")
	want := `{"path":"` + filepath.ToSlash(dir) + `/annual-consultations/2013-list.md","line":2,"col":1,"severity":"error","message":"front matter must be a map of keys to values, found a list"}` + "\n" +
		`{"path":"` + filepath.ToSlash(dir) + `/annual-consultations/2013-secret.md","line":0,"col":0,"severity":"error","message":"symbolic links are not followed: replace the link with the file or folder itself"}` + "\n"
	if code != 1 || stdout != want {
		t.Errorf("check: exit %d\n%s\nwant:\n%s", code, stdout, want)
	}
}

// tree lists every path below dir.
func tree(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		out = append(out, filepath.ToSlash(rel))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(out)
	return out
}
