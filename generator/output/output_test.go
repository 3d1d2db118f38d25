package output

import (
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

func TestWriteReplacesFolder(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "public")
	first := Files{"index.html": []byte("one"), "stale/index.html": []byte("old")}
	for i := range 300 {
		first["a/"+strconv.Itoa(i%7)+"/"+strconv.Itoa(i)+".html"] = []byte(strconv.Itoa(i))
	}
	if err := Write(dir, first, nil); err != nil {
		t.Fatal(err)
	}
	second := Files{"index.html": []byte("two"), "a/b/c/d.txt": []byte("deep")}
	for i := range 300 {
		second["x/"+strconv.Itoa(i)+"/index.html"] = []byte(strconv.Itoa(i))
	}
	if err := Write(dir, second, nil); err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		got[filepath.ToSlash(rel)] = string(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(second) {
		t.Errorf("%d files, want %d", len(got), len(second))
	}
	for p, data := range second {
		if got[p] != string(data) {
			t.Errorf("%s = %q, want %q", p, got[p], data)
		}
	}
	entries, _ := os.ReadDir(filepath.Dir(dir))
	if len(entries) != 1 {
		t.Errorf("left beside the output: %v", entries)
	}
}

func TestWriteRefusesEscapes(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "public")
	if err := Write(dir, Files{"../evil": []byte("x")}, nil); err == nil {
		t.Error("wrote ../evil")
	}
}

func TestWriteFailureKeepsPrevious(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "public")
	if err := Write(dir, Files{"index.html": []byte("one")}, nil); err != nil {
		t.Fatal(err)
	}
	// A file and a folder of the same name cannot both be written.
	bad := Files{"a": []byte("file"), "a/b": []byte("under a file")}
	for i := range 100 {
		bad["z/"+strconv.Itoa(i)] = nil
	}
	if err := Write(dir, bad, nil); err == nil {
		t.Fatal("no error")
	}
	data, err := os.ReadFile(filepath.Join(dir, "index.html"))
	if err != nil || string(data) != "one" {
		t.Errorf("previous site lost: %q, %v", data, err)
	}
	entries, _ := os.ReadDir(filepath.Dir(dir))
	if len(entries) != 1 {
		t.Errorf("left beside the output: %v", entries)
	}
}

// source makes a folder holding name with data and returns its os.Root FS,
// as the command line opens the content folder.
func source(t *testing.T, name, data string) (string, fs.FS) {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { root.Close() })
	return dir, root.FS()
}

func TestWriteCopies(t *testing.T) {
	_, src := source(t, "report.pdf", "%PDF-1.4 report")
	dir := filepath.Join(t.TempDir(), "public")
	copies := Copies{"e/report.pdf": {FS: src, Name: "report.pdf", Size: 15, Source: "content/e/report.pdf"}}
	if err := Write(dir, Files{"e/index.html": []byte("page")}, copies); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(filepath.Join(dir, "e", "report.pdf"))
	if err != nil || string(got) != "%PDF-1.4 report" {
		t.Errorf("copy = %q, %v", got, err)
	}
	if copies.Size() != 15 || len(copies.Paths()) != 1 {
		t.Errorf("Size %d, Paths %v", copies.Size(), copies.Paths())
	}
}

// TestWriteCopyRefusesChangedSource: a file checked at one size and found
// at another, or replaced by a symbolic link, when it is copied is not
// published; the error names it and the previous site stays.
func TestWriteCopyRefusesChangedSource(t *testing.T) {
	for _, tc := range []struct {
		name   string
		change func(t *testing.T, dir string)
		want   string
	}{
		{"grown", func(t *testing.T, dir string) {
			if err := os.WriteFile(filepath.Join(dir, "report.pdf"), []byte("%PDF-1.4 report, and more"), 0o644); err != nil {
				t.Fatal(err)
			}
		}, "content/e/report.pdf changed after it was checked (15 bytes then, 25 now)"},
		{"removed", func(t *testing.T, dir string) {
			if err := os.Remove(filepath.Join(dir, "report.pdf")); err != nil {
				t.Fatal(err)
			}
		}, "content/e/report.pdf was removed after it was checked"},
		{"link", func(t *testing.T, dir string) {
			// A link to a file of the same size: only its type tells.
			if err := os.WriteFile(filepath.Join(dir, "other.pdf"), []byte("<html>15 bytes!"), 0o644); err != nil {
				t.Fatal(err)
			}
			os.Remove(filepath.Join(dir, "report.pdf"))
			if err := os.Symlink("other.pdf", filepath.Join(dir, "report.pdf")); err != nil {
				t.Skipf("no symbolic links here: %v", err)
			}
		}, "content/e/report.pdf is no longer a regular file"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srcDir, src := source(t, "report.pdf", "%PDF-1.4 report")
			dir := filepath.Join(t.TempDir(), "public")
			if err := Write(dir, Files{"index.html": []byte("one")}, nil); err != nil {
				t.Fatal(err)
			}
			tc.change(t, srcDir)
			err := Write(dir, Files{"index.html": []byte("two")}, Copies{"e/report.pdf": {FS: src, Name: "report.pdf", Size: 15, Source: "content/e/report.pdf"}})
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error %v, want %q", err, tc.want)
			}
			if data, err := os.ReadFile(filepath.Join(dir, "index.html")); err != nil || string(data) != "one" {
				t.Errorf("previous site lost: %q, %v", data, err)
			}
			if entries, _ := os.ReadDir(filepath.Dir(dir)); len(entries) != 1 {
				t.Errorf("left beside the output: %v", entries)
			}
		})
	}
}

func TestWriteRefusesCopyEscapesAndClashes(t *testing.T) {
	_, src := source(t, "a.pdf", "%PDF-")
	dir := filepath.Join(t.TempDir(), "public")
	if err := Write(dir, nil, Copies{"../a.pdf": {FS: src, Name: "a.pdf", Size: 5}}); err == nil {
		t.Error("copied to ../a.pdf")
	}
	err := Write(dir, Files{"a.pdf": nil}, Copies{"a.pdf": {FS: src, Name: "a.pdf", Size: 5}})
	if err == nil || !strings.Contains(err.Error(), `"a.pdf" is both a generated file and a copy of a.pdf`) {
		t.Errorf("clash: %v", err)
	}
}
