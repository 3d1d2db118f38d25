package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// unknownPlace is a record whose place no source states.
const unknownPlace = "---\ntitle: A\ndate: 2013-09-12\nlocation: unknown\nregion: global\nsummary: S.\n---\nBody.\n"

// TestCheckLocationUnknown: "location: unknown" is no problem for check,
// not even a warning.
func TestCheckLocationUnknown(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "content")
	writeSite(t, dir, map[string]string{"site.yaml": testSite, "annual-consultations/2013-a.md": unknownPlace})
	code, stdout, stderr := runArchive(t, "check", "--content", dir)
	if code != 0 || stdout != "" || !strings.Contains(stderr, "archive check: no problems found in ") {
		t.Errorf("exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
}

// TestBuildLocationUnknown: the page of a record whose place is unknown
// says the place is not recorded, and its calendar entry has no place.
func TestBuildLocationUnknown(t *testing.T) {
	dir := t.TempDir()
	content, public := filepath.Join(dir, "content"), filepath.Join(dir, "public")
	writeSite(t, content, map[string]string{"site.yaml": testSite, "annual-consultations/2013-a.md": unknownPlace})
	if code, _, stderr := runArchive(t, "build", "--content", content, "--out", public); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	page, err := os.ReadFile(filepath.Join(public, "annual-consultations", "2013-a", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(page), "<dd>Place not recorded</dd>") || strings.Contains(string(page), ">unknown<") {
		t.Errorf("the page does not say the place is not recorded:\n%s", page)
	}
	ics, err := os.ReadFile(filepath.Join(public, "annual-consultations", "2013-a", "2013-a.ics"))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(ics), "LOCATION") {
		t.Errorf("the calendar entry has a place:\n%s", ics)
	}
}

// TestNewTopicsFromVocabulary: archive new's template shows a topic of
// site.yaml's vocabulary when there is one.
func TestNewTopicsFromVocabulary(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "content")
	writeSite(t, dir, map[string]string{"site.yaml": newSite + "topics:\n  - {key: climate-change, name: Climate change}\n"})
	code, stdout, stderr := runArchive(t, "new", "--content", dir, "info-session", "Climate", "--date", "2026-03-12")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	got, err := os.ReadFile(strings.TrimSpace(stdout))
	if err != nil {
		t.Fatal(err)
	}
	if want := "# topics: [climate-change]       # keys of the topics: list in site.yaml\n"; !strings.Contains(string(got), want) {
		t.Errorf("no line %q in:\n%s", want, got)
	}
}
