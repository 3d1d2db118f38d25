package main

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

const newSite = `title: T
base_url: https://x.example/
kinds:
  - {key: annual-consultation, folder: annual-consultations, name: Annual consultation}
  - {key: info-session, folder: information-sessions, name: Information session}
regions:
  - {key: global, name: Global}
  - {key: africa, name: Africa}
`

func newContent(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "content")
	writeSite(t, dir, map[string]string{"site.yaml": newSite})
	return dir
}

// TestNew: the file is written where the issue says, with every field,
// the path is printed, the file passes check, and it is never overwritten.
func TestNew(t *testing.T) {
	dir := newContent(t)
	before := time.Now().Format("2006-01-02")
	code, stdout, stderr := runArchive(t, "new", "--content", dir, "info-session", "Labour migration and skills", "--date", "2026-03-12", "--region", "africa")
	after := time.Now().Format("2006-01-02")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	path := filepath.Join(dir, "information-sessions", "2026-03-12-labour-migration-and-skills.md")
	if stdout != path+"\n" {
		t.Errorf("stdout %q, want the path %q", stdout, path)
	}
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	want := `---
title: "Labour migration and skills" # required: the title of the meeting, as published
date: 2026-03-12                 # required: the first day, YYYY-MM-DD
# end_date: 2026-03-12           # the last day, for events of more than one day
# time: 14:00–16:00 Europe/Zurich # start–end, 24-hour clock, time zone (Area/City)
location: "TODO: city, country (or Online)" # required: city and country, Online, or unknown when no source says where
# format: in-person              # in-person | online | hybrid
region: africa                   # global | africa
summary: "TODO: one or two plain sentences." # required: used in lists, search, feeds and link previews
# topics: [labour-migration]     # keys of the topics: list in site.yaml
# organizers: ["IOM"]            # the organizations that convened it
# documents:                     # reports, agendas, presentations: a link (url:), or a
#   - title: "Final report"      # file: beside index.md when the event is a page bundle
#     url: https://www.iom.int/  # (<kind folder>/<slug>/index.md)
#     lang: en
# registration: https://www.iom.int/ # where readers register, shown until the day
published: TODAY                 # the day the record was added to the archive
# aliases: [/old/address/]       # old addresses that should redirect here
draft: true                      # delete this line when the record is ready to publish
---
<!-- The record, in Markdown: what the meeting was about, who took part, what came out
     of it, and where this information comes from (a "## Sources" list of links). -->
`
	// published is the day the file was written (whatever its date),
	// which is before or after the midnight the run may straddle.
	m := regexp.MustCompile(`\npublished: (\S+)`).FindSubmatch(got)
	if m == nil || string(m[1]) != before && string(m[1]) != after {
		t.Errorf("published: %q, want today, %s", m, before)
	} else {
		got = bytes.Replace(got, m[1], []byte("TODAY     "), 1)
	}
	if diff := cmp.Diff(want, string(got)); diff != "" {
		t.Errorf("file (-want +got):\n%s", diff)
	}

	// The new file passes check: it is a draft, and its placeholders are
	// warnings.
	code, out, errOut := runArchive(t, "check", "--content", dir)
	if code != 0 || !strings.Contains(errOut, "0 errors, 2 warnings") || strings.Count(out, "placeholder") != 2 {
		t.Errorf("check after new: exit %d\n%s%s", code, out, errOut)
	}
	// What Netlify runs publishes nothing of it.
	public := filepath.Join(filepath.Dir(dir), "public")
	code, _, errOut = runArchive(t, "build", "--content", dir, "--out", public)
	if code != 0 {
		t.Fatalf("build after new: exit %d\n%s", code, errOut)
	}
	if _, err := os.Stat(filepath.Join(public, "information-sessions", "2026-03-12-labour-migration-and-skills")); err == nil {
		t.Error("build published the draft archive new wrote")
	}
	if err := filepath.WalkDir(public, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if b, _ := os.ReadFile(p); strings.Contains(string(b), "TODO") {
				t.Errorf("%s holds a placeholder", p)
			}
		}
		return err
	}); err != nil {
		t.Fatal(err)
	}
	// Published with its placeholders, it fails build and check alike, at
	// the placeholder.
	src, _ := os.ReadFile(path)
	undrafted := strings.Replace(string(src), "draft: true", "# draft: true", 1)
	if err := os.WriteFile(path, []byte(undrafted), 0o644); err != nil {
		t.Fatal(err)
	}
	wantErr := path + ":6:11: location still holds the placeholder written by archive new: replace it, or put back draft: true until the record is ready"
	code, _, errOut = runArchive(t, "build", "--content", dir, "--out", public)
	if code != 1 || !strings.Contains(errOut, wantErr) || !strings.Contains(errOut, "2 errors; nothing was written") {
		t.Errorf("build of a published placeholder: exit %d\n%s", code, errOut)
	}
	code, out, _ = runArchive(t, "check", "--content", dir)
	if code != 1 || !strings.Contains(out, strings.Replace(wantErr, ":6:11: ", ":6:11: error: ", 1)) {
		t.Errorf("check of a published placeholder: exit %d\n%s", code, out)
	}

	// Filled in, it is clean.
	filled := "---\ntitle: \"Labour migration and skills\"\ndate: 2026-03-12\nlocation: \"Online\"\nregion: global\nsummary: \"A session on skills partnerships.\"\n---\nWhat was said.\n"
	if err := os.WriteFile(path, []byte(filled), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errOut = runArchive(t, "check", "--content", dir, "--format", "github")
	if code != 0 || out != "" || !strings.Contains(errOut, "no problems found") {
		t.Errorf("check after filling in: exit %d\n%s%s", code, out, errOut)
	}

	// Never overwritten.
	if err := os.WriteFile(path, []byte("edited"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, stderr = runArchive(t, "new", "--content", dir, "info-session", "Labour migration and skills", "--date", "2026-03-12")
	if code != 1 || !strings.Contains(stderr, "already exists; nothing was written") {
		t.Errorf("second new: exit %d, %q", code, stderr)
	}
	if b, _ := os.ReadFile(path); string(b) != "edited" {
		t.Errorf("the existing file was changed: %q", b)
	}
}

// TestNewFileNames: titles become ASCII slugs, and the defaults apply.
func TestNewFileNames(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"annual-consultation", "Réunion régionale: Łódź & São Paulo", "--date", "2014-01-02"}, "annual-consultations/2014-01-02-reunion-regionale-lodz-sao-paulo.md"},
		{[]string{"--date", "2014-01-02", "information-sessions", "  Spaces   everywhere  "}, "information-sessions/2014-01-02-spaces-everywhere.md"},
		{[]string{"info-session", "الهجرة والتنمية", "--date=2014-01-02", "--slug", "migration-and-development"}, "information-sessions/2014-01-02-migration-and-development.md"},
		{[]string{"info-session", "🎉 2024 🎉", "--date=2014-01-02"}, "information-sessions/2014-01-02-2024.md"},
		// A title is text, not a path.
		{[]string{"info-session", "../../etc/x", "--date=2014-01-02"}, "information-sessions/2014-01-02-etc-x.md"},
		{[]string{"info-session", "a/b", "--date=2014-01-02"}, "information-sessions/2014-01-02-a-b.md"},
		{[]string{"info-session", `..\..\Windows\win.ini`, "--date=2014-01-02"}, "information-sessions/2014-01-02-windows-win-ini.md"},
		{[]string{"info-session", strings.Repeat("Migration governance ", 9) + "end", "--date", "2014-01-02"}, "information-sessions/2014-01-02-migration-governance-migration-governance-migration.md"},
		{[]string{"info-session", "--date", "2014-01-02", "--", "-dash title"}, "information-sessions/2014-01-02-dash-title.md"},
	}
	for _, tt := range tests {
		dir := newContent(t)
		code, stdout, stderr := runArchive(t, append([]string{"new", "--content", dir}, tt.args...)...)
		want := filepath.Join(dir, filepath.FromSlash(tt.want))
		if code != 0 || stdout != want+"\n" {
			t.Errorf("new %q: exit %d, %q%s; want %s", tt.args, code, stdout, stderr, want)
			continue
		}
		if code, out, errOut := runArchive(t, "check", "--content", dir); code != 0 {
			t.Errorf("new %q: check fails: %s%s", tt.args, out, errOut)
		}
	}

	// Without --date and --region: today and the first region.
	dir := newContent(t)
	code, stdout, _ := runArchive(t, "new", "--content", dir, "info-session", "Today")
	if code != 0 || !strings.HasSuffix(stdout, "-today.md\n") {
		t.Fatalf("exit %d, %q", code, stdout)
	}
	b, err := os.ReadFile(strings.TrimSpace(stdout))
	if err != nil || !strings.Contains(string(b), "\nregion: global ") {
		t.Errorf("want region global by default: %v\n%s", err, b)
	}
}

func TestNewErrors(t *testing.T) {
	tests := []struct {
		args   []string
		code   int
		stderr string
	}{
		{[]string{"workshop", "T"}, 2, "archive new: unknown kind \"workshop\"; site.yaml declares:\n  annual-consultation (Annual consultation)\n  info-session (Information session)\n"},
		{[]string{"info-session", "T", "--region", "europe"}, 2, "archive new: unknown region \"europe\"; site.yaml declares:\n  global (Global)\n  africa (Africa)\n"},
		{[]string{"info-session", "T", "--date", "12/03/2026"}, 2, `archive new: --date "12/03/2026" is not a day of the calendar written YYYY-MM-DD, e.g. 2026-03-12` + "\n"},
		{[]string{"info-session", "T", "--date", "2026-02-30"}, 2, `archive new: --date "2026-02-30" is not a day`},
		{[]string{"info-session", " "}, 2, "archive new: the title is empty\n"},
		{[]string{"info-session", strings.Repeat("a", 201)}, 2, "archive new: the title is 201 characters long; the limit is 200\n"},
		{[]string{"info-session"}, 2, "archive new: want a kind and a title, got 1 argument\n"},
		{[]string{"info-session", "T", "extra"}, 2, "archive new: want a kind and a title, got 3 arguments\n"},
		{[]string{"info-session", "T", "--nope"}, 2, "archive new: flag provided but not defined: -nope\n"},
		{[]string{"info-session", "🎉🎉"}, 2, "archive new: the title \"🎉🎉\" gives no letters or digits for a file name (only a-z and 0-9 are used); name the file with --slug, e.g. --slug labour-migration\n"},
		{[]string{"info-session", "الهجرة والتنمية"}, 2, "archive new: the title \"الهجرة والتنمية\" gives no letters or digits for a file name"},
		{[]string{"info-session", "../.."}, 2, "archive new: the title \"../..\" gives no letters or digits for a file name"},
		{[]string{"info-session", "T", "--slug", "Bad_Slug"}, 2, "archive new: --slug \"Bad_Slug\": use lowercase ASCII letters, digits and single hyphens, e.g. --slug labour-migration\n"},
		{[]string{"info-session", "T", "--slug", "../x"}, 2, "archive new: --slug \"../x\": use lowercase"},
		{[]string{"info-session", "T", "--slug", strings.Repeat("a", 90)}, 2, "archive new: --slug is 90 characters long; the limit is 89\n"},
	}
	for _, tt := range tests {
		dir := newContent(t)
		code, stdout, stderr := runArchive(t, append([]string{"new", "--content", dir}, tt.args...)...)
		if code != tt.code || !strings.HasPrefix(stderr, tt.stderr) || stdout != "" {
			t.Errorf("new %q: exit %d, stdout %q, stderr %q; want %d, %q", tt.args, code, stdout, stderr, tt.code, tt.stderr)
		}
		entries, _ := os.ReadDir(dir)
		if len(entries) != 1 {
			t.Errorf("new %q wrote something: %v", tt.args, entries)
		}
	}

	// A page bundle with the same name is the same page.
	dir := newContent(t)
	writeSite(t, dir, map[string]string{"information-sessions/2026-03-12-t/index.md": "x"})
	code, _, stderr := runArchive(t, "new", "--content", dir, "info-session", "T", "--date", "2026-03-12")
	if code != 1 || !strings.Contains(stderr, "already exists as a page bundle") {
		t.Errorf("bundle exists: exit %d, %q", code, stderr)
	}
	// A kind folder that is a link out of the content folder.
	dir = newContent(t)
	outside := t.TempDir()
	if err := os.Symlink(outside, filepath.Join(dir, "information-sessions")); err != nil {
		t.Logf("cannot make symbolic links here: %v", err)
	} else {
		code, _, stderr = runArchive(t, "new", "--content", dir, "info-session", "T", "--date", "2026-03-12")
		want := "archive new: " + filepath.Join(dir, "information-sessions") + " is a symbolic link, which archive (like check and build) does not follow; replace it with the folder itself; nothing was written\n"
		if code != 1 || stderr != want {
			t.Errorf("kind folder is a link: exit %d, %q\nwant %q", code, stderr, want)
		}
		if entries, _ := os.ReadDir(outside); len(entries) != 0 {
			t.Errorf("new wrote outside the content folder: %v", entries)
		}
	}
	// No content folder.
	code, _, stderr = runArchive(t, "new", "--content", filepath.Join(t.TempDir(), "nope"), "info-session", "T")
	if code != 1 || !strings.Contains(stderr, "content folder") {
		t.Errorf("no content folder: exit %d, %q", code, stderr)
	}
}
