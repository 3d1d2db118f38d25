// Package golden compares what a test produced with files kept under
// testdata, for the tests whose expected output is too long to write in
// Go: rendered Markdown, feeds, archive check's reports, the built site.
//
// A test that imports it takes one flag, -update, which rewrites the
// golden files from the current output instead of comparing:
//
//	go test ./generator/feed -update
//
// Golden files are only ever refreshed that way, never by hand, and the
// change is reviewed in the commit's diff. On a mismatch the test fails
// with a line diff (-want +got), so that the change can be read in the
// test's output without running -update first.
package golden

import (
	"bytes"
	"flag"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite the golden files from the current output")

// Check compares got with the file at path (slash-separated, relative to
// the test's package), or writes got there when the test runs with
// -update.
func Check(t testing.TB, path string, got []byte) {
	t.Helper()
	file := filepath.FromSlash(path)
	if *update {
		if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(file, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(file)
	if err != nil {
		t.Fatalf("%v (run the test with -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the output (run the test with -update if the change is intended, and review the diff):\n%s", path, diff(want, got))
	}
}

// CheckTree compares files (slash-separated paths relative to dir) with
// every file below dir: each one's bytes, and which files exist on each
// side. With -update it makes dir hold exactly files.
func CheckTree(t testing.TB, dir string, files map[string][]byte) {
	t.Helper()
	if *update {
		// Everything is rewritten, so that a file no longer built goes.
		if err := os.RemoveAll(filepath.FromSlash(dir)); err != nil {
			t.Fatal(err)
		}
		for _, p := range sortedKeys(files) {
			Check(t, path.Join(dir, p), files[p])
		}
		return
	}
	want := map[string][]byte{}
	root := filepath.FromSlash(dir)
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(root, p)
		want[filepath.ToSlash(rel)] = b
		return err
	})
	if err != nil {
		t.Fatalf("reading the golden folder (run the test with -update to create it): %v", err)
	}
	for _, p := range sortedKeys(files) {
		w, ok := want[p]
		switch {
		case !ok:
			t.Errorf("%s: in the output but not in %s (run the test with -update if it is a new file)", p, dir)
		case !bytes.Equal(w, files[p]):
			t.Errorf("%s differs from %s/%s (run the test with -update if the change is intended, and review the diff):\n%s", p, dir, p, diff(w, files[p]))
		}
	}
	for _, p := range sortedKeys(want) {
		if _, ok := files[p]; !ok {
			t.Errorf("%s: in %s but no longer in the output (run the test with -update if it went on purpose)", p, dir)
		}
	}
}

// diff describes how got differs from want: the lines that differ, with a
// few around them (-want +got), or the sizes when either is not text.
func diff(want, got []byte) string {
	if !utf8.Valid(want) || !utf8.Valid(got) {
		return fmt.Sprintf("binary: %d bytes wanted, %d bytes got", len(want), len(got))
	}
	return cmp.Diff(strings.SplitAfter(string(want), "\n"), strings.SplitAfter(string(got), "\n"))
}

func sortedKeys(m map[string][]byte) []string { return slices.Sorted(maps.Keys(m)) }
