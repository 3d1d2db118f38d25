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
