package main

import (
	"context"
	"encoding/json"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/iom-cso/archive/internal/visible"
)

// Hostile names and texts: a window title, a cleared screen, a fake
// colour, a right-to-left override that makes "gpj.exe" read "exe.jpg",
// a C1 control sequence introducer, and a newline that would start a line
// of its own (a GitHub workflow command, a forged problem).
const (
	escTitle = "\x1b]0;title\x07"
	escClear = "\x1b[2J"
	escRed   = "\x1b[31m"
	bidi     = "\u202e"
	c1CSI    = "\u009b"
)

// escapeSite writes a content folder whose file names and file contents
// hold escape sequences, and returns its path; the file names (relative to
// the content folder) are returned too.
func escapeSite(t *testing.T) (string, []string) {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "content")
	names := []string{
		"annual-consultations/2013-" + escTitle + ".md",
		"annual-consultations/2013-" + bidi + "gpj.exe.md",
		"annual-consultations/2013-" + c1CSI + "2J.md",
		"annual-consultations/2013-x\n::error file=forged.md::forged.md",
	}
	files := map[string]string{
		"site.yaml": testSite,
		// Links and images are quoted in check's messages as written.
		"annual-consultations/2013-a.md": "---\ntitle: A\ndate: 2013-09-12\nlocation: Geneva\nregion: global\nsummary: S.\n---\n" +
			"[x](/a" + bidi + "b/) [y](</c" + escRed + "d/>) [z](/e" + c1CSI + "f/) ![](img" + escTitle + ".png) [w](#x" + escClear + ")\n",
	}
	for _, n := range names {
		files[n] = "---\ntitle: B\n---\n"
	}
	writeSite(t, dir, files)
	return dir, names
}

// noRawControls fails when out holds a character a terminal would act on
// or hide, or invalid UTF-8.
func noRawControls(t *testing.T, what, out string) {
	t.Helper()
	if !utf8.ValidString(out) {
		t.Errorf("%s: output is not valid UTF-8: %q", what, out)
	}
	for _, r := range out {
		if visible.Hidden(r) {
			t.Errorf("%s: output holds a raw %U:\n%q", what, r, out)
			return
		}
	}
}

// TestEscapeSequences: file names and file contents with escape
// sequences, bidi overrides and C1 controls reach build's, check's (in
// each format) and new's output visibly escaped, never raw.
func TestEscapeSequences(t *testing.T) {
	dir, names := escapeSite(t)
	seen := []string{`\x1b]0;title\x07`, `\u202egpj.exe`, `\u009b2J`, `/c\x1b[31md/`, `#x\x1b[2J`}

	code, stdout, stderr := execArchive(t, filepath.Dir(dir), "build", "--out", filepath.Join(t.TempDir(), "public"))
	if code != 1 {
		t.Errorf("build: exit %d, want 1", code)
	}
	noRawControls(t, "build", stdout+stderr)
	for _, want := range seen[:3] {
		if !strings.Contains(stderr, want) {
			t.Errorf("build: stderr lacks %s:\n%s", want, stderr)
		}
	}
	if !strings.Contains(stderr, `2013-x\n::error file=forged.md::forged.md: `) {
		t.Errorf("build: the newline in a file name is not escaped:\n%s", stderr)
	}

	code, stdout, stderr = execArchive(t, filepath.Dir(dir), "check")
	if code != 1 {
		t.Errorf("check: exit %d, want 1", code)
	}
	noRawControls(t, "check", stdout+stderr)
	for _, want := range seen {
		if !strings.Contains(stdout, want) {
			t.Errorf("check: stdout lacks %s:\n%s", want, stdout)
		}
	}
	for line := range strings.Lines(stdout) {
		if !strings.HasPrefix(line, "content/") {
			t.Errorf("check: a line that is not a problem: %q", line)
		}
	}

	code, stdout, stderr = execArchive(t, filepath.Dir(dir), "check", "--format", "github")
	if code != 1 {
		t.Errorf("check --format github: exit %d, want 1", code)
	}
	noRawControls(t, "check --format github", stdout+stderr)
	for line := range strings.Lines(stdout) {
		if !strings.HasPrefix(line, "::error file=content/") && !strings.HasPrefix(line, "::warning file=content/") {
			t.Errorf("check --format github: a line that is not an annotation of a content file: %q", line)
		}
	}
	for _, want := range []string{`::error file=content/annual-consultations/2013-x%0A%3A%3Aerror file=forged.md%3A%3Aforged.md::`, `2013-\x1b]0;title\x07.md::`} {
		if !strings.Contains(stdout, want) {
			t.Errorf("check --format github: stdout lacks %s:\n%s", want, stdout)
		}
	}

	code, stdout, stderr = execArchive(t, filepath.Dir(dir), "check", "--format", "json")
	if code != 1 {
		t.Errorf("check --format json: exit %d, want 1", code)
	}
	noRawControls(t, "check --format json", stdout+stderr)
	paths, messages := map[string]bool{}, ""
	for line := range strings.Lines(stdout) {
		var p jsonProblem
		if err := json.Unmarshal([]byte(line), &p); err != nil {
			t.Fatalf("check --format json: %v: %s", err, line)
		}
		paths[p.Path] = true
		messages += p.Message + "\n"
	}
	for _, n := range names {
		if !paths["content/"+n] {
			t.Errorf("check --format json: no problem decodes to the path %q; got %v", "content/"+n, paths)
		}
	}
	for _, want := range []string{"/a" + bidi + "b/", "/c" + escRed + "d/", "/e" + c1CSI + "f/", "img" + escTitle + ".png", "#x" + escClear} {
		if !strings.Contains(messages, want) {
			t.Errorf("check --format json: no message decodes to hold %q:\n%q", want, messages)
		}
	}
}

// TestEscapeNew: archive new prints the path it wrote, and its errors,
// with the content folder's name escaped.
func TestEscapeNew(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "site"+escTitle+bidi+c1CSI, "content")
	writeSite(t, dir, map[string]string{"site.yaml": testSite})
	code, stdout, stderr := runArchive(t, "new", "--content", dir, "annual-consultation", "A title", "--date", "2013-09-12")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	noRawControls(t, "new", stdout+stderr)
	if !strings.Contains(stdout, `site\x1b]0;title\x07\u202e\u009b`) {
		t.Errorf("stdout: %q", stdout)
	}
	code, stdout, stderr = runArchive(t, "new", "--content", filepath.Join(dir, "nope"+escClear), "annual-consultation", "A title")
	if code != 1 {
		t.Errorf("missing folder: exit %d", code)
	}
	noRawControls(t, "new", stdout+stderr)
	if !strings.Contains(stderr, `nope\x1b[2J`) {
		t.Errorf("stderr: %q", stderr)
	}
}

// TestEscapeServe: the preview's log, which quotes the failing file and
// the lines around the error, shows them escaped.
func TestEscapeServe(t *testing.T) {
	dir, _ := escapeSite(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var stdout, stderr lockedBuffer
	done := make(chan int, 1)
	go func() {
		done <- run(ctx, []string{"serve", "--content", dir, "--addr", "127.0.0.1:0"}, &stdout, &stderr)
	}()
	failed := regexp.MustCompile(`nothing to serve until the build succeeds`)
	deadline := time.Now().Add(15 * time.Second)
	for !failed.MatchString(stderr.String()) {
		select {
		case code := <-done:
			t.Fatalf("serve exited %d: %s", code, stderr.String())
		case <-time.After(10 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			t.Fatalf("no build failure printed: %s", stderr.String())
		}
	}
	cancel()
	select {
	case <-done:
	case <-time.After(15 * time.Second):
		t.Fatal("serve did not stop after Ctrl-C")
	}
	noRawControls(t, "serve", stdout.String()+stderr.String())
	if !strings.Contains(stderr.String(), `2013-\x1b]0;title\x07.md`) {
		t.Errorf("serve: stderr lacks the escaped file name:\n%s", stderr.String())
	}
}
