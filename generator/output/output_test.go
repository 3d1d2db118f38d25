package output

import (
	"os"
	"path/filepath"
	"strconv"
	"testing"
)

func TestWriteReplacesFolder(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "public")
	first := Files{"index.html": []byte("one"), "stale/index.html": []byte("old")}
	for i := range 300 {
		first["a/"+strconv.Itoa(i%7)+"/"+strconv.Itoa(i)+".html"] = []byte(strconv.Itoa(i))
	}
	if err := Write(dir, first); err != nil {
		t.Fatal(err)
	}
	second := Files{"index.html": []byte("two"), "a/b/c/d.txt": []byte("deep")}
	for i := range 300 {
		second["x/"+strconv.Itoa(i)+"/index.html"] = []byte(strconv.Itoa(i))
	}
	if err := Write(dir, second); err != nil {
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
	if err := Write(dir, Files{"../evil": []byte("x")}); err == nil {
		t.Error("wrote ../evil")
	}
}

func TestWriteFailureKeepsPrevious(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "public")
	if err := Write(dir, Files{"index.html": []byte("one")}); err != nil {
		t.Fatal(err)
	}
	// A file and a folder of the same name cannot both be written.
	bad := Files{"a": []byte("file"), "a/b": []byte("under a file")}
	for i := range 100 {
		bad["z/"+strconv.Itoa(i)] = nil
	}
	if err := Write(dir, bad); err == nil {
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
