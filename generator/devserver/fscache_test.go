package devserver

import (
	"io/fs"
	"os"
	"path/filepath"
	"testing"
	"testing/fstest"
)

func TestFileCacheConforms(t *testing.T) {
	dir := t.TempDir()
	copyFS(t, os.DirFS("testdata/site/content"), dir)
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	c := newFileCache(root.FS())
	// Twice: from disk, then from memory.
	for range 2 {
		if err := fstest.TestFS(c, "site.yaml", "meetings/2013-first-meeting.md", "sessions/2019-draft-session.md"); err != nil {
			t.Fatal(err)
		}
	}
	if len(c.files) == 0 || len(c.dirs) == 0 {
		t.Error("nothing was cached")
	}
}

func TestFileCacheForget(t *testing.T) {
	dir := t.TempDir()
	write := func(name, data string) {
		t.Helper()
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("a/x.md", "one")
	write("a/b/y.md", "two")
	write("z.md", "three")
	c := newFileCache(os.DirFS(dir))
	read := func(name string) string {
		t.Helper()
		b, err := fs.ReadFile(c, name)
		if err != nil {
			return "error"
		}
		return string(b)
	}
	names := func(dir string) int {
		t.Helper()
		list, _ := fs.ReadDir(c, dir)
		return len(list)
	}
	read("a/x.md")
	read("a/b/y.md")
	read("z.md")
	names("a")

	// Without forget the cache answers; the watcher's batch makes it look.
	write("a/x.md", "ONE")
	if got := read("a/x.md"); got != "one" {
		t.Fatalf("cached read = %q", got)
	}
	c.forget(relPaths(dir, []string{filepath.Join(dir, "a", "x.md")}))
	if got := read("a/x.md"); got != "ONE" {
		t.Errorf("after forget = %q", got)
	}

	// A new file: its folder's listing is forgotten.
	write("a/new.md", "new")
	c.forget([]string{"a/new.md"})
	if n := names("a"); n != 3 {
		t.Errorf("listing of a has %d entries, want 3", n)
	}

	// A folder: everything below it.
	write("a/b/y.md", "TWO")
	c.forget([]string{"a"})
	if got := read("a/b/y.md"); got != "TWO" {
		t.Errorf("below a forgotten folder = %q", got)
	}

	// A copy per ReadFile: callers may change it.
	b, _ := fs.ReadFile(c, "z.md")
	b[0] = 'X'
	if got := read("z.md"); got != "three" {
		t.Errorf("ReadFile handed out the cached bytes: %q", got)
	}

	// Everything, and paths outside the folder are ignored.
	if got := relPaths(dir, []string{dir, filepath.Join(filepath.Dir(dir), "elsewhere")}); len(got) != 1 || got[0] != "." {
		t.Errorf("relPaths = %q", got)
	}
	write("z.md", "THREE")
	c.forget([]string{"."})
	if got := read("z.md"); got != "THREE" || c.bytes != int64(len("THREE")) {
		t.Errorf("after forgetting everything: %q, %d bytes cached", got, c.bytes)
	}
}

// TestFileCacheReadDuringForget: a read that began before a change and
// ends after it (a cancelled build, still reading while the next one runs)
// does not leave the old bytes in the cache.
func TestFileCacheReadDuringForget(t *testing.T) {
	mem := fstest.MapFS{"x.md": {Data: []byte("old")}}
	sfs := newStallFS(mem)
	c := newFileCache(sfs)
	sfs.arm("x.md")
	read := make(chan string)
	go func() {
		b, _ := fs.ReadFile(c, "x.md")
		read <- string(b)
	}()
	sfs.stalled(t)
	mem["x.md"] = &fstest.MapFile{Data: []byte("new")}
	c.forget([]string{"x.md"})
	sfs.unblock()
	<-read
	if b, _ := fs.ReadFile(c, "x.md"); string(b) != "new" {
		t.Errorf("after the change, the cache gives %q, want %q", b, "new")
	}
}
