package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func runArchive(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(context.Background(), args, &out, &errb)
	return code, out.String(), errb.String()
}

func writeSite(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

const testSite = "title: T\nbase_url: https://x.example/\nkinds:\n  - {key: annual-consultation, folder: annual-consultations, name: Annual}\nregions:\n  - {key: global, name: Global}\n"

func TestBuildCommand(t *testing.T) {
	dir := t.TempDir()
	content, public := filepath.Join(dir, "content"), filepath.Join(dir, "public")
	writeSite(t, content, map[string]string{
		"site.yaml":                      testSite,
		"annual-consultations/2013-a.md": "---\ntitle: A\ndate: 2013-09-12\nlocation: Geneva\nregion: global\nsummary: S.\n---\nBody.\n",
	})
	code, _, stderr := runArchive(t, "build", "--content", content, "--out", public)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(stderr, "archive: built ") || strings.Count(stderr, "\n") != 1 {
		t.Errorf("summary line = %q", stderr)
	}
	if _, err := os.Stat(filepath.Join(public, "annual-consultations/2013-a/index.html")); err != nil {
		t.Fatal(err)
	}
	before, _ := os.ReadFile(filepath.Join(public, "index.html"))

	// A content error: exit 1, every problem printed, public/ untouched.
	writeSite(t, content, map[string]string{
		"annual-consultations/2013-b.md": "---\ntitle: B\ndate: 2013-13-01\nlocation: Geneva\nregion: mars\nsummary: S.\n---\n",
	})
	code, _, stderr = runArchive(t, "build", "--content", content, "--out", public)
	if code != 1 {
		t.Fatalf("exit %d, want 1", code)
	}
	b := filepath.ToSlash(filepath.Join(content, "annual-consultations/2013-b.md"))
	for _, want := range []string{
		b + `:3:7: date: "2013-13-01" is not a real day of the calendar`,
		b + `:5:9: unknown region "mars"; site.yaml declares: global`,
		"archive: 2 errors; nothing was written",
	} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
	after, _ := os.ReadFile(filepath.Join(public, "index.html"))
	if !bytes.Equal(before, after) {
		t.Error("failed build changed public/")
	}
}

func TestUsageErrors(t *testing.T) {
	for _, args := range [][]string{
		{},
		{"frobnicate"},
		{"build", "--no-such-flag"},
		{"build", "extra-argument"},
	} {
		if code, _, _ := runArchive(t, args...); code != 2 {
			t.Errorf("archive %v: exit %d, want 2", args, code)
		}
	}
	for _, cmd := range []string{"build", "check", "serve", "new"} {
		code, stdout, stderr := runArchive(t, cmd, "--help")
		if code != 0 || !strings.Contains(stdout, "Usage: archive "+cmd) || stderr != "" {
			t.Errorf("%s --help: exit %d, stdout %q, stderr %q (help goes once, to stdout)", cmd, code, stdout, stderr)
		}
	}
	code, _, stderr := runArchive(t, "build", "--content", filepath.Join(t.TempDir(), "nope"))
	if code != 1 || !strings.Contains(stderr, "content folder") {
		t.Errorf("missing content folder: exit %d, %q", code, stderr)
	}
}

// TestShippedArchiveBuilds: the real archive in content/ builds.
func TestShippedArchiveBuilds(t *testing.T) {
	code, _, stderr := runArchive(t, "build", "--content", "../../content", "--out", filepath.Join(t.TempDir(), "public"))
	if code != 0 {
		t.Fatalf("exit %d:\n%s", code, stderr)
	}
}

// TestBuildFailsOnWhatCheckCallsErrors: one definition of an error. A link
// to a page that does not exist, a link to a .md file and a missing
// #anchor fail build with the message and position check gives them;
// warnings do not fail it, and build counts them.
func TestBuildFailsOnWhatCheckCallsErrors(t *testing.T) {
	dir := t.TempDir()
	content, public := filepath.Join(dir, "content"), filepath.Join(dir, "public")
	const event = "---\ntitle: A\ndate: 2013-09-12\nlocation: Geneva\nregion: global\nsummary: S.\n---\n"
	writeSite(t, content, map[string]string{
		"site.yaml":                      testSite,
		"annual-consultations/2013-a.md": event + "## Outcomes\n\n[gone](/annual-consultations/2099-x/) [file](2013-b.md) [anchor](#outcome)\n",
		"annual-consultations/2013-b.md": strings.Replace(event, "title: A", "title: B", 1),
	})
	code, checkOut, _ := runArchive(t, "check", "--content", content)
	if code != 1 {
		t.Fatalf("check: exit %d, want 1\n%s", code, checkOut)
	}
	code, _, stderr := runArchive(t, "build", "--content", content, "--out", public)
	if code != 1 || !strings.Contains(stderr, "3 errors; nothing was written") {
		t.Errorf("build: exit %d, want 1 with 3 errors:\n%s", code, stderr)
	}
	for _, line := range strings.Split(strings.TrimSpace(checkOut), "\n") {
		if !strings.Contains(line, ": error: ") {
			continue
		}
		// check writes "path:line:col: error: message", build "path:line:col: message".
		if want := strings.Replace(line, ": error: ", ": ", 1); !strings.Contains(stderr, want) {
			t.Errorf("build does not report what check does:\n%s\nbuild said:\n%s", want, stderr)
		}
	}
	if _, err := os.Stat(public); err == nil {
		t.Error("a failed build wrote the output folder")
	}

	// Only warnings: the build succeeds and counts them.
	writeSite(t, content, map[string]string{
		"annual-consultations/2013-a.md": strings.Replace(event, "summary: S.", "summary: "+strings.Repeat("Long. ", 60), 1) + "## Outcomes\n\n[b](/annual-consultations/2013-b/) [anchor](#outcomes)\n",
	})
	code, _, stderr = runArchive(t, "build", "--content", content, "--out", public)
	if code != 0 || !strings.Contains(stderr, "archive: 1 warning: run archive check to see it\n") {
		t.Errorf("build with a warning: exit %d\n%s", code, stderr)
	}
}
