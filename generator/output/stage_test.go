package output

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
)

// stageAll puts files into s from several goroutines at once, as a build's
// workers do, and returns the first error in path order.
func stageAll(s *Stage, files Files) error {
	paths := files.Paths()
	errs := make([]error, len(paths))
	var wg sync.WaitGroup
	for w := range 4 {
		wg.Go(func() {
			for i := w; i < len(paths); i += 4 {
				errs[i] = s.Put(paths[i], files[paths[i]])
			}
		})
	}
	wg.Wait()
	return firstError(errs)
}

// TestStageWritesWhatIsPut: files put one by one from several goroutines,
// then committed with copies, make exactly the site Write makes of the
// same files, with nothing left beside it; Written counts them.
func TestStageWritesWhatIsPut(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	if err := Write(out, siteA, nil); err != nil {
		t.Fatal(err)
	}
	site := Files{"index.html": []byte("home"), "feed.xml": []byte("feed")}
	for i := range 300 {
		site["x/"+strconv.Itoa(i%7)+"/"+strconv.Itoa(i)+"/index.html"] = []byte(strconv.Itoa(i))
	}
	_, src := source(t, "report.pdf", "%PDF-1.4 report")
	copies := Copies{"x/0/0/report.pdf": {FS: src, Name: "report.pdf", Size: 15}, "top.pdf": {FS: src, Name: "report.pdf", Size: 15}}
	s := mustStage(t, out)
	if err := stageAll(s, site); err != nil {
		t.Fatal(err)
	}
	if !sameFiles(t, out, siteA) {
		t.Errorf("before Commit the folder holds %v, want the previous site", files(t, out))
	}
	if err := s.Commit(copies); err != nil {
		t.Fatal(err)
	}
	want := maps(site)
	want["x/0/0/report.pdf"], want["top.pdf"] = []byte("%PDF-1.4 report"), []byte("%PDF-1.4 report")
	if !sameFiles(t, out, want) {
		t.Errorf("the folder does not hold exactly the staged site")
	}
	checkClean(t, out)
	if pages, n, size := s.Written(); pages != 301 || n != 304 || size != site.Size()+30 {
		t.Errorf("Written() = %d pages, %d files, %d bytes; want 301, 304, %d", pages, n, size, site.Size()+30)
	}
	s.Abort() // does nothing after Commit
	if !sameFiles(t, out, want) {
		t.Errorf("Abort after Commit changed the folder")
	}
	// The record vouches for the tree: the next build replaces it.
	if err := Write(out, siteC, nil); err != nil || !sameFiles(t, out, siteC) {
		t.Errorf("the next build: %v, holds %v", err, files(t, out))
	}
}

func maps(f Files) Files {
	out := Files{}
	for p, d := range f {
		out[p] = d
	}
	return out
}

// TestStageAbortKeepsPrevious: a build that fails after putting part of
// its site leaves the previous site as it was and nothing staged behind,
// and releases the lock for the next build.
func TestStageAbortKeepsPrevious(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	if err := Write(out, siteA, nil); err != nil {
		t.Fatal(err)
	}
	s := mustStage(t, out)
	if err := stageAll(s, siteB); err != nil {
		t.Fatal(err)
	}
	s.Abort()
	s.Abort()
	if !sameFiles(t, out, siteA) {
		t.Errorf("after Abort the folder holds %v, want the previous site", files(t, out))
	}
	checkClean(t, out)
	if err := s.Put("late.html", nil); err == nil {
		t.Error("Put after Abort succeeded")
	}
	if err := s.Commit(nil); err == nil || !sameFiles(t, out, siteA) {
		t.Errorf("Commit after Abort: %v, holds %v", err, files(t, out))
	}
	waited := false
	if err := (Options{Waiting: func() { waited = true }}).Write(context.Background(), out, siteC, nil); err != nil || waited {
		t.Fatalf("the next build: %v (waited: %v)", err, waited)
	}
	checkClean(t, out)
}

// TestStageFirstBuild: into a folder that does not exist yet, an aborted
// build leaves none, and a committed one makes it.
func TestStageFirstBuild(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	s := mustStage(t, out)
	if err := stageAll(s, siteB); err != nil {
		t.Fatal(err)
	}
	s.Abort()
	if _, err := os.Lstat(out); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("an aborted first build left %s: %v", out, err)
	}
	s = mustStage(t, out)
	if err := stageAll(s, siteB); err != nil {
		t.Fatal(err)
	}
	if err := s.Commit(nil); err != nil || !sameFiles(t, out, siteB) {
		t.Fatalf("Commit: %v, holds %v", err, files(t, out))
	}
	checkClean(t, out)
}

// TestStageRefuses: what Write refuses before touching anything, Put and
// Commit refuse too; a refused commit keeps the previous site.
func TestStageRefuses(t *testing.T) {
	_, src := source(t, "a.pdf", "%PDF-")
	for _, tc := range []struct {
		name   string
		puts   []string
		copies Copies
		want   string
	}{
		{"escape", []string{"../evil"}, nil, `refusing to write "../evil" outside`},
		{"repository", []string{"x/.git/config"}, nil, `refusing to write "x/.git/config": an output folder never holds .git`},
		{"module", []string{"go.mod"}, nil, `refusing to write "go.mod": an output folder never holds go.mod`},
		{"twice", []string{"a/index.html", "a/index.html"}, nil, `"a/index.html" is written twice`},
		{"file and folder", []string{"a/b/index.html", "a/b"}, nil, `"a/b" is both a file and a folder of the site`},
		{"copy escape", nil, Copies{"../a.pdf": {FS: src, Name: "a.pdf", Size: 5}}, `refusing to write "../a.pdf" outside`},
		{"copy clash", []string{"e/a.pdf"}, Copies{"e/a.pdf": {FS: src, Name: "a.pdf", Size: 5}}, `"e/a.pdf" is both a generated file and a copy of a.pdf`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "public")
			if err := Write(out, siteA, nil); err != nil {
				t.Fatal(err)
			}
			s, err := Options{}.Stage(context.Background(), out)
			if err != nil {
				t.Fatal(err)
			}
			var errs []error
			for _, p := range tc.puts {
				errs = append(errs, s.Put(p, []byte("x")))
			}
			errs = append(errs, s.Commit(tc.copies))
			err = errors.Join(errs...)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %v, want %q", err, tc.want)
			}
			if !sameFiles(t, out, siteA) {
				t.Errorf("holds %v, want the previous site", files(t, out))
			}
			checkClean(t, out)
		})
	}
}

// TestStageInterrupted: a build interrupted before its commit does not
// swap its tree in.
func TestStageInterrupted(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	if err := Write(out, siteA, nil); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	s, err := Options{}.Stage(ctx, out)
	if err != nil {
		t.Fatal(err)
	}
	if err := stageAll(s, siteB); err != nil {
		t.Fatal(err)
	}
	cancel()
	if err := s.Commit(nil); !errors.Is(err, context.Canceled) {
		t.Fatalf("error %v, want context.Canceled", err)
	}
	if !sameFiles(t, out, siteA) {
		t.Errorf("holds %v, want the previous site", files(t, out))
	}
	checkClean(t, out)
}

// TestStageHoldsTheLock: a second build into the folder waits while the
// first one stages, from Stage to Commit, and its site is the one left.
func TestStageHoldsTheLock(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	s := mustStage(t, out)
	waiting := make(chan struct{})
	second := make(chan error)
	go func() {
		second <- Options{Waiting: func() { close(waiting) }}.Write(context.Background(), out, siteC, nil)
	}()
	<-waiting
	if err := stageAll(s, siteB); err != nil {
		t.Fatal(err)
	}
	if err := s.Commit(nil); err != nil {
		t.Fatal(err)
	}
	if err := <-second; err != nil {
		t.Fatal(err)
	}
	if !sameFiles(t, out, siteC) {
		t.Errorf("holds %v, want the second build's site", files(t, out))
	}
	checkClean(t, out)
}

// TestStageRefusesTarget: Stage applies Write's rules to the folder before
// anything is written.
func TestStageRefusesTarget(t *testing.T) {
	parent := t.TempDir()
	out := filepath.Join(parent, "public")
	if err := os.MkdirAll(filepath.Join(out, ".git"), 0o755); err != nil {
		t.Fatal(err)
	}
	_, err := Options{}.Stage(context.Background(), out)
	var te *TargetError
	if !errors.As(err, &te) {
		t.Fatalf("error %v, want a *TargetError", err)
	}
	entries, _ := os.ReadDir(parent)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if !slices.Equal(names, []string{"public"}) {
		t.Errorf("beside the refused folder: %v", names)
	}
}

// mustStage starts a build into out; the test fails at once if it cannot.
func mustStage(t *testing.T, out string) *Stage {
	t.Helper()
	s, err := Options{}.Stage(context.Background(), out)
	if err != nil {
		t.Fatal(err)
	}
	return s
}
