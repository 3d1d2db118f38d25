package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestHugeAttachmentBoundedMemory runs archive build on a bundle with a
// 3 GB attachment (a sparse file: no disk is used) and a 40 MB one. Before,
// every attachment was read whole: the process took 3.2 GB of memory. Now
// the 3 GB one is refused by its size, unread, and the peak memory of the
// process stays far below it; once it is removed, the 40 MB one is copied,
// byte for byte (generator's TestAttachmentMemoryBounded measures that
// copy's allocations).
//
// A child's peak RSS on Linux counts the memory of the test process it was
// forked from until it runs the binary, so the bound is on top of that.
func TestHugeAttachmentBoundedMemory(t *testing.T) {
	work := t.TempDir()
	bundle := filepath.Join(work, "content", "annual-consultations", "2013-bundle")
	writeSite(t, filepath.Join(work, "content"), map[string]string{
		"site.yaml": testSite,
		"annual-consultations/2013-bundle/index.md": "---\ntitle: Bundle\ndate: 2013-09-12\nlocation: Geneva\nregion: global\nsummary: S.\n" +
			"documents:\n  - title: Report\n    file: report.pdf\n    lang: en\n---\n",
		"annual-consultations/2013-bundle/report.pdf": validPDF,
		"annual-consultations/2013-bundle/huge.pdf":   validPDF,
	})
	for name, size := range map[string]int64{"report.pdf": 40 << 20, "huge.pdf": 3 << 30} {
		if err := os.Truncate(filepath.Join(bundle, name), size); err != nil {
			t.Skipf("cannot make a sparse file here: %v", err)
		}
	}
	build := func() (int, string, int64) {
		t.Helper()
		cmd := exec.Command(archiveBinary(t), "build", "--content", "content", "--out", "public")
		cmd.Dir = work
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		err := cmd.Run()
		if _, ok := err.(*exec.ExitError); err != nil && !ok {
			t.Fatal(err)
		}
		rss := cmd.ProcessState.SysUsage().(*syscall.Rusage).Maxrss << 10 // KB on Linux
		return cmd.ProcessState.ExitCode(), stderr.String(), rss
	}

	var self syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &self); err != nil {
		t.Fatal(err)
	}
	bound := self.Maxrss<<10 + 256<<20
	code, stderr, rss := build()
	t.Logf("refusing a 3 GB attachment: peak RSS %d MB (this test: %d MB)", rss>>20, self.Maxrss>>10)
	want := `content/annual-consultations/2013-bundle/huge.pdf: attachment "huge.pdf" is 3072.0 MB; the limit is 50 MB`
	if code != 1 || !strings.Contains(stderr, want) {
		t.Errorf("exit %d, stderr:\n%s\nwant %q", code, stderr, want)
	}
	if rss > bound {
		t.Errorf("peak RSS %d MB refusing a 3 GB attachment; the bound is %d MB", rss>>20, bound>>20)
	}

	if err := os.Remove(filepath.Join(bundle, "huge.pdf")); err != nil {
		t.Fatal(err)
	}
	if code, stderr, _ = build(); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	got, err := os.ReadFile(filepath.Join(work, "public", "annual-consultations", "2013-bundle", "report.pdf"))
	if err != nil || len(got) != 40<<20 || !bytes.HasPrefix(got, []byte(validPDF)) {
		t.Errorf("copied attachment: %d bytes, %v", len(got), err)
	}
}
