package main

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/iom-cso/archive/themes"
)

// TestBuildFailingMidwayKeepsPrevious: archive build writes each file into
// a staged tree as it is made. A build that fails after writing part of
// the site (here the theme's event layout fails on the second record,
// after the search index and the lists are written) leaves the previous
// public/ exactly as it was and nothing staged behind, and the next build
// goes through.
func TestBuildFailingMidwayKeepsPrevious(t *testing.T) {
	work := t.TempDir()
	content, public := filepath.Join(work, "content"), filepath.Join(work, "public")
	writeSite(t, content, map[string]string{
		"site.yaml":                      testSite,
		"annual-consultations/2013-a.md": "---\ntitle: A\ndate: 2013-09-12\nlocation: Geneva\nregion: global\nsummary: S.\n---\nBody.\n",
		"annual-consultations/2014-b.md": "---\ntitle: B\ndate: 2014-09-12\nlocation: Geneva\nregion: global\nsummary: S.\n---\nBody.\n",
	})
	if code, _, stderr := runArchive(t, "build", "--content", content, "--out", public); code != 0 {
		t.Fatalf("first build: exit %d:\n%s", code, stderr)
	}
	before := treeContents(t, public)

	theme := filepath.Join(work, "themes", "broken")
	if err := os.CopyFS(theme, themes.Default()); err != nil {
		t.Fatal(err)
	}
	layout := filepath.Join(theme, "layouts", "event.html")
	data, err := os.ReadFile(layout)
	if err != nil {
		t.Fatal(err)
	}
	broken := strings.Replace(string(data), `{{define "main"}}`, `{{define "main"}}{{if eq .Event.Title "B"}}{{index .Nav 99}}{{end}}`, 1)
	if broken == string(data) {
		t.Fatal("the event layout has no main template to break")
	}
	writeSite(t, theme, map[string]string{"layouts/event.html": broken})
	writeSite(t, content, map[string]string{"site.yaml": testSite + "theme: broken\n"})

	code, _, stderr := runArchive(t, "build", "--content", content, "--out", public)
	if code != 1 || !strings.Contains(stderr, "annual-consultations/2014-b.md") || !strings.Contains(stderr, "index out of range") || !strings.HasSuffix(stderr, "\nnothing was written\n") {
		t.Errorf("exit %d, want 1 with the failing page and \"nothing was written\":\n%s", code, stderr)
	}
	if diff := cmp.Diff(before, treeContents(t, public)); diff != "" {
		t.Errorf("the failed build changed public/ (-before +after):\n%s", diff)
	}
	entries, err := os.ReadDir(filepath.Join(work, ".public.archive"))
	if err != nil {
		t.Fatal(err)
	}
	var state []string
	for _, e := range entries {
		state = append(state, e.Name())
	}
	if !slices.Equal(state, []string{"lock", "record"}) {
		t.Errorf("the failed build left %v beside public/, want only the lock and the record", state)
	}

	writeSite(t, content, map[string]string{"site.yaml": testSite})
	if code, _, stderr := runArchive(t, "build", "--content", content, "--out", public); code != 0 {
		t.Fatalf("the next build: exit %d:\n%s", code, stderr)
	}
	if diff := cmp.Diff(before, treeContents(t, public)); diff != "" {
		t.Errorf("the next build made another site (-first +next):\n%s", diff)
	}
}
