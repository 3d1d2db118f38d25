package golden

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// recorder is a testing.TB that keeps what a check reports.
type recorder struct {
	testing.TB
	msgs  []string
	fatal bool
}

func (r *recorder) Helper() {}

func (r *recorder) Errorf(format string, args ...any) {
	r.msgs = append(r.msgs, fmt.Sprintf(format, args...))
}

func (r *recorder) Fatalf(format string, args ...any) {
	r.Errorf(format, args...)
	r.fatal = true
	runtime.Goexit()
}

func (r *recorder) Fatal(args ...any) { r.Fatalf("%s", fmt.Sprint(args...)) }

// record runs fn on a recorder, on its own goroutine so that a Fatal
// ends fn only.
func record(t *testing.T, fn func(tb testing.TB)) *recorder {
	r := &recorder{TB: t}
	done := make(chan struct{})
	go func() {
		defer close(done)
		fn(r)
	}()
	<-done
	return r
}

func withUpdate(t *testing.T) {
	old := *update
	*update = true
	t.Cleanup(func() { *update = old })
}

func write(t *testing.T, path, s string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
}

func read(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestCheckSame(t *testing.T) {
	p := filepath.Join(t.TempDir(), "page.golden")
	write(t, p, "a\nb\n")
	if r := record(t, func(tb testing.TB) { Check(tb, filepath.ToSlash(p), []byte("a\nb\n")) }); len(r.msgs) > 0 {
		t.Errorf("same bytes reported: %q", r.msgs)
	}
}

func TestCheckShowsTheChangedLines(t *testing.T) {
	p := filepath.Join(t.TempDir(), "page.golden")
	write(t, p, "one\ntwo\nthree\n")
	r := record(t, func(tb testing.TB) { Check(tb, filepath.ToSlash(p), []byte("one\nTWO\nthree\n")) })
	if len(r.msgs) != 1 || r.fatal {
		t.Fatalf("reports = %q, fatal %v; want one error", r.msgs, r.fatal)
	}
	msg := r.msgs[0]
	for _, want := range []string{filepath.ToSlash(p) + " differs", "-update", `-`, `"two\n"`, `+`, `"TWO\n"`} {
		if !strings.Contains(msg, want) {
			t.Errorf("message lacks %q:\n%s", want, msg)
		}
	}
}

func TestCheckMissingFileSaysHowToCreateIt(t *testing.T) {
	p := filepath.Join(t.TempDir(), "new.golden")
	r := record(t, func(tb testing.TB) { Check(tb, filepath.ToSlash(p), []byte("x")) })
	if !r.fatal || len(r.msgs) != 1 || !strings.Contains(r.msgs[0], "-update") {
		t.Errorf("reports = %q, fatal %v; want a fatal error naming -update", r.msgs, r.fatal)
	}
}

func TestUpdateWrites(t *testing.T) {
	withUpdate(t)
	p := filepath.Join(t.TempDir(), "sub", "page.golden")
	if r := record(t, func(tb testing.TB) { Check(tb, filepath.ToSlash(p), []byte("new\n")) }); len(r.msgs) > 0 {
		t.Fatalf("update reported: %q", r.msgs)
	}
	if got := read(t, p); got != "new\n" {
		t.Errorf("file holds %q after -update", got)
	}
}

func TestCheckTree(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "golden")
	write(t, filepath.Join(dir, "same.html"), "same\n")
	write(t, filepath.Join(dir, "a", "changed.html"), "before\n")
	write(t, filepath.Join(dir, "gone.html"), "gone\n")
	files := map[string][]byte{
		"same.html":      []byte("same\n"),
		"a/changed.html": []byte("after\n"),
		"new.html":       []byte("new\n"),
	}
	r := record(t, func(tb testing.TB) { CheckTree(tb, filepath.ToSlash(dir), files) })
	got := strings.Join(r.msgs, "\n")
	if len(r.msgs) != 3 {
		t.Errorf("%d reports, want 3 (changed, new, gone):\n%s", len(r.msgs), got)
	}
	for _, want := range []string{"a/changed.html differs", `"before\n"`, `"after\n"`, "new.html: in the output but not in", "gone.html: in " + filepath.ToSlash(dir) + " but no longer in the output"} {
		if !strings.Contains(got, want) {
			t.Errorf("reports lack %q:\n%s", want, got)
		}
	}
	if strings.Contains(got, "same.html") {
		t.Errorf("an unchanged file is reported:\n%s", got)
	}
}

func TestUpdateTreeRemovesWhatIsNoLongerBuilt(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "golden")
	write(t, filepath.Join(dir, "gone.html"), "gone\n")
	withUpdate(t)
	files := map[string][]byte{"index.html": []byte("home\n"), "a/b/page.html": []byte("page\n")}
	if r := record(t, func(tb testing.TB) { CheckTree(tb, filepath.ToSlash(dir), files) }); len(r.msgs) > 0 {
		t.Fatalf("update reported: %q", r.msgs)
	}
	*update = false
	if r := record(t, func(tb testing.TB) { CheckTree(tb, filepath.ToSlash(dir), files) }); len(r.msgs) > 0 {
		t.Errorf("the tree written by -update does not match: %q", r.msgs)
	}
	if _, err := os.Stat(filepath.Join(dir, "gone.html")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("gone.html is still there after -update (%v)", err)
	}
}

func TestDiffOfBinaryGivesSizes(t *testing.T) {
	if got, want := diff([]byte("\xff\x00"), []byte("\xff\x00\x01")), "binary: 2 bytes wanted, 3 bytes got"; got != want {
		t.Errorf("diff = %q, want %q", got, want)
	}
}
