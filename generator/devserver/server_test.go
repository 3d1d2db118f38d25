package devserver

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

const (
	firstFile  = "content/meetings/2013-first-meeting.md"
	firstURL   = "/meetings/2013-first-meeting/"
	secondFile = "content/meetings/2014-second-meeting.md"
	secondURL  = "/meetings/2014-second-meeting/"
)

// reloadAfter waits for the reload that follows one change: it must be
// the very next event, be the build after prevSeq (one change, one build),
// and name exactly the files in changed.
func reloadAfter(t *testing.T, s *stream, prevSeq int, changed ...string) int {
	t.Helper()
	ev := s.expect(t, "reload")
	_, seq := ev.build(t)
	if seq != prevSeq+1 {
		t.Fatalf("reload of build %d after build %d: want exactly one rebuild per change", seq, prevSeq)
	}
	var d event
	if err := json.Unmarshal([]byte(ev.Data), &d); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(d.Changed, changed) {
		t.Errorf("reload names changed files %q, want %q", d.Changed, changed)
	}
	return seq
}

// TestLiveReload runs the author's round trip on a temporary copy of the
// fixture site: every kind of save gives exactly one reload, after which
// the new page is served, and a broken file shows the error while the
// last good pages stay served.
func TestLiveReload(t *testing.T) {
	f := startFixture(t)
	// The displayed paths are relative to the working folder only when
	// under it; the temporary folder is not, so they are absolute.
	abs := func(rel string) string { return filepath.ToSlash(f.path(rel)) }

	s := f.subscribe(t)
	tab2 := f.subscribe(t) // many open tabs all reload
	_, seq := s.expect(t, "hello").build(t)
	if seq != 1 {
		t.Fatalf("hello after the first build names build %d", seq)
	}
	tab2.expect(t, "hello")
	f.mustServe(t, firstURL, "First Meeting")
	f.mustServe(t, "/sessions/2019-draft-session/", "Draft Session") // drafts shown

	t.Run("edit", func(t *testing.T) {
		src := readFile(t, f.path(firstFile))
		writeFile(t, f.path(firstFile), strings.Replace(src, `title: "First Meeting"`, `title: "First Meeting, Edited"`, 1))
		seq = reloadAfter(t, s, seq, abs(firstFile))
		tab2.expect(t, "reload")
		f.mustServe(t, firstURL, "First Meeting, Edited")
		f.mustServe(t, secondURL, "Second Meeting")
	})

	t.Run("atomic save", func(t *testing.T) {
		// What editors do: write a temporary file beside the original,
		// then rename it over the original.
		src := readFile(t, f.path(firstFile))
		tmp := f.path(firstFile) + ".tmp-81432"
		writeFile(t, tmp, strings.Replace(src, "The first meeting took place in Geneva.", "Atomically saved body.", 1))
		if err := os.Rename(tmp, f.path(firstFile)); err != nil {
			t.Fatal(err)
		}
		seq = reloadAfter(t, s, seq, abs(firstFile))
		tab2.expect(t, "reload")
		f.mustServe(t, firstURL, "Atomically saved body.")
	})

	t.Run("ignored files", func(t *testing.T) {
		// Swap files and permission changes are no change; the next real
		// save is the next event, naming only its file.
		writeFile(t, f.path("content/meetings/.2014-second-meeting.md.swp"), "swap")
		writeFile(t, f.path("content/meetings/2014-second-meeting.md~"), "backup")
		if err := os.Chmod(f.path(firstFile), 0o600); err != nil {
			t.Fatal(err)
		}
		src := readFile(t, f.path(secondFile))
		writeFile(t, f.path(secondFile), strings.Replace(src, "took place in Nairobi", "was held in Nairobi", 1))
		seq = reloadAfter(t, s, seq, abs(secondFile))
		tab2.expect(t, "reload")
		f.mustServe(t, secondURL, "was held in Nairobi")
	})

	t.Run("new folder", func(t *testing.T) {
		// A page bundle: a new folder holding the event and its attachment.
		bundle := f.path("content/sessions/2020-bundle")
		if err := os.Mkdir(bundle, 0o755); err != nil {
			t.Fatal(err)
		}
		writeFile(t, filepath.Join(bundle, "index.md"), `---
title: "Bundled Session"
date: 2020-05-05
location: "Online"
region: global
summary: "A session in a folder of its own."
documents:
  - title: "Notes"
    file: notes.txt
---
A bundled session.
`)
		writeFile(t, filepath.Join(bundle, "notes.txt"), "the notes")
		ev := s.expect(t, "reload")
		if _, n := ev.build(t); n != seq+1 {
			t.Fatalf("build %d after %d", n, seq)
		}
		seq++
		tab2.expect(t, "reload")
		f.mustServe(t, "/sessions/2020-bundle/", "Bundled Session")
		f.mustServe(t, "/sessions/2020-bundle/notes.txt", "the notes")
		f.mustServe(t, "/sessions/", "Bundled Session")

		// The new folder is watched: editing the event inside reloads.
		writeFile(t, filepath.Join(bundle, "notes.txt"), "new notes")
		seq = reloadAfter(t, s, seq, abs("content/sessions/2020-bundle/notes.txt"))
		tab2.expect(t, "reload")
		f.mustServe(t, "/sessions/2020-bundle/notes.txt", "new notes")
	})

	t.Run("rename folder", func(t *testing.T) {
		from, to := f.path("content/sessions/2020-bundle"), f.path("content/sessions/2020-moved")
		if err := os.Rename(from, to); err != nil {
			t.Fatal(err)
		}
		seq = reloadAfter(t, s, seq, abs("content/sessions/2020-bundle"), abs("content/sessions/2020-moved"))
		tab2.expect(t, "reload")
		f.mustServe(t, "/sessions/2020-moved/", "Bundled Session")
		if code, _ := f.get(t, "/sessions/2020-bundle/"); code != http.StatusNotFound {
			t.Errorf("the old URL answers %d after the rename", code)
		}
		// The watch follows the folder to its new name.
		writeFile(t, filepath.Join(to, "notes.txt"), "moved notes")
		seq = reloadAfter(t, s, seq, abs("content/sessions/2020-moved/notes.txt"))
		tab2.expect(t, "reload")
		f.mustServe(t, "/sessions/2020-moved/notes.txt", "moved notes")
	})

	t.Run("move file", func(t *testing.T) {
		from, to := f.path("content/sessions/2019-draft-session.md"), f.path("content/meetings/2019-draft-session.md")
		if err := os.Rename(from, to); err != nil {
			t.Fatal(err)
		}
		seq = reloadAfter(t, s, seq, abs("content/meetings/2019-draft-session.md"), abs("content/sessions/2019-draft-session.md"))
		tab2.expect(t, "reload")
		f.mustServe(t, "/meetings/2019-draft-session/", "Draft Session")
		if code, _ := f.get(t, "/sessions/2019-draft-session/"); code != http.StatusNotFound {
			t.Errorf("the old URL answers %d after the move", code)
		}
	})

	t.Run("site.yaml", func(t *testing.T) {
		site := f.path("content/site.yaml")
		writeFile(t, site, strings.Replace(readFile(t, site), `title: "Preview Test Archive"`, `title: "Renamed Archive"`, 1))
		seq = reloadAfter(t, s, seq, abs("content/site.yaml"))
		tab2.expect(t, "reload")
		f.mustServe(t, "/", "<title>Renamed Archive</title>")
		f.mustServe(t, secondURL, "Renamed Archive")
	})

	t.Run("delete", func(t *testing.T) {
		if err := os.Remove(f.path(secondFile)); err != nil {
			t.Fatal(err)
		}
		seq = reloadAfter(t, s, seq, abs(secondFile))
		tab2.expect(t, "reload")
		code, body := f.get(t, secondURL)
		if code != http.StatusNotFound || !strings.Contains(body, ReloadTag) {
			t.Errorf("GET %s after delete = %d, want 404 with the site's 404 page", secondURL, code)
		}
		f.mustServe(t, firstURL, "Atomically saved body.")
		code, body = f.get(t, "/meetings/")
		if code != http.StatusOK || strings.Contains(body, "Second Meeting") {
			t.Errorf("the meetings index still lists the deleted event")
		}
	})

	t.Run("broken YAML then fixed", func(t *testing.T) {
		good := readFile(t, f.path(firstFile))
		broken := strings.Replace(good, `location: "Geneva, Switzerland"`, `location: "Geneva, Switzerland`, 1)
		writeFile(t, f.path(firstFile), broken)
		ev := s.expect(t, "builderror")
		tab2.expect(t, "builderror")
		var fail failure
		if err := json.Unmarshal([]byte(ev.Data), &fail); err != nil {
			t.Fatal(err)
		}
		if _, n := ev.build(t); n != seq {
			t.Errorf("the error names build %d as served, want %d", n, seq)
		}
		if len(fail.Errors) == 0 {
			t.Fatalf("builderror without errors: %s", ev.Data)
		}
		p := fail.Errors[0]
		if p.Path != firstFile || p.Line < 2 || p.Msg == "" {
			t.Errorf("error at %s:%d:%d %q, want %s with a line", p.Path, p.Line, p.Col, p.Msg, firstFile)
		}
		marked := ""
		for _, l := range p.Lines {
			if l.Mark {
				marked = l.Text
				if l.N != p.Line {
					t.Errorf("marked line %d, error on line %d", l.N, p.Line)
				}
			}
		}
		if marked == "" || len(p.Lines) < 2 {
			t.Errorf("overlay lines %+v: want the offending line marked, with context", p.Lines)
		}
		if !strings.Contains(f.log.String(), p.String()) {
			t.Errorf("the terminal does not show %q:\n%s", p.String(), f.log.String())
		}
		// The last good build is still served, every page of it.
		f.mustServe(t, firstURL, "Atomically saved body.")
		f.mustServe(t, "/", "Welcome to the preview test archive.")
		f.mustServe(t, "/sessions/2020-moved/", "Bundled Session")
		// A page opened now gets the error as soon as it connects.
		late := f.subscribe(t)
		late.expect(t, "hello")
		late.expect(t, "builderror")

		writeFile(t, f.path(firstFile), strings.Replace(good, "Atomically saved body.", "Fixed body.", 1))
		seq = reloadAfter(t, s, seq, abs(firstFile))
		tab2.expect(t, "reload")
		late.expect(t, "reload")
		f.mustServe(t, firstURL, "Fixed body.")
	})

	t.Run("stylesheet only", func(t *testing.T) {
		css := f.path("themes/default/assets/css/site.css")
		_, page := f.get(t, firstURL)
		src := readFile(t, css)
		writeFile(t, css, src+"\n.preview-test { color: red; }\n")
		ev := s.expect(t, "css")
		tab2.expect(t, "css")
		var d event
		if err := json.Unmarshal([]byte(ev.Data), &d); err != nil {
			t.Fatal(err)
		}
		if _, n := ev.build(t); n != seq+1 {
			t.Errorf("css event of build %d after %d", n, seq)
		}
		seq++
		if len(d.CSS) != 1 {
			t.Fatalf("css swaps %v, want one", d.CSS)
		}
		for old, cur := range d.CSS {
			if !strings.Contains(page, `href="`+old+`"`) {
				t.Errorf("the page did not link %s", old)
			}
			f.mustServe(t, cur, ".preview-test")
		}
	})

	t.Run("broken layout then fixed", func(t *testing.T) {
		layout := f.path("themes/default/layouts/event.html")
		good := readFile(t, layout)
		first, rest, _ := strings.Cut(good, "\n")
		writeFile(t, layout, first+"\n{{/* a comment */}}\n<p>{{nosuchfunc .Title}}</p>\n"+rest)
		ev := s.expect(t, "builderror")
		tab2.expect(t, "builderror")
		var fail failure
		if err := json.Unmarshal([]byte(ev.Data), &fail); err != nil {
			t.Fatal(err)
		}
		p := fail.Errors[0]
		if p.Path != abs("themes/default/layouts/event.html") || p.Line != 3 || !strings.Contains(p.Msg, "nosuchfunc") {
			t.Errorf("theme error at %s:%d %q, want event.html:3", p.Path, p.Line, p.Msg)
		}
		if len(p.Lines) == 0 || !slices.ContainsFunc(p.Lines, func(l srcLine) bool { return l.Mark && strings.Contains(l.Text, "nosuchfunc") }) {
			t.Errorf("theme error lines %+v", p.Lines)
		}
		f.mustServe(t, firstURL, "Fixed body.")

		writeFile(t, layout, good+"\n{{/* edited */}}\n")
		seq = reloadAfter(t, s, seq, abs("themes/default/layouts/event.html"))
		tab2.expect(t, "reload")
	})

	// Nothing else is pending: the next change is the next event.
	writeFile(t, f.path(firstFile), strings.Replace(readFile(t, f.path(firstFile)), "Fixed body.", "Last body.", 1))
	reloadAfter(t, s, seq, abs(firstFile))
	f.mustServe(t, firstURL, "Last body.")

	// Shutting down leaves nothing behind and ends the streams.
	before := listTree(t, f.dir)
	f.stop()
	for range s.events {
	}
	if after := listTree(t, f.dir); !slices.Equal(before, after) {
		t.Errorf("files changed by shutting down:\nbefore %q\nafter  %q", before, after)
	}
}

// TestFirstBuildFails serves a placeholder with the error until the site
// builds, then reloads.
func TestFirstBuildFails(t *testing.T) {
	dir := t.TempDir()
	copyFS(t, os.DirFS("testdata/site"), dir)
	file := filepath.Join(dir, "content/meetings/2014-second-meeting.md")
	good := readFile(t, file)
	writeFile(t, file, strings.Replace(good, "region: africa", "region: atlantis", 1))
	f := startServer(t, dir)
	s := f.subscribe(t)
	if b, _ := s.expect(t, "hello").build(t); b != "" {
		t.Errorf("hello names build %q before any good build", b)
	}
	ev := s.expect(t, "builderror")
	if !strings.Contains(ev.Data, "atlantis") || !strings.Contains(ev.Data, "2014-second-meeting.md") {
		t.Errorf("builderror %s", ev.Data)
	}
	code, body := f.get(t, "/")
	if code != http.StatusServiceUnavailable || !strings.Contains(body, ReloadTag) {
		t.Errorf("GET / before a good build = %d %q", code, body)
	}
	writeFile(t, file, good)
	s.expect(t, "reload")
	f.mustServe(t, secondURL, "Second Meeting")
}

// TestPoll watches by polling, as on a network drive.
func TestPoll(t *testing.T) {
	f := startFixture(t, func(o *Options) { o.Poll = 20 * time.Millisecond })
	s := f.subscribe(t)
	_, seq := s.expect(t, "hello").build(t)
	src := readFile(t, f.path(firstFile))
	writeFile(t, f.path(firstFile), strings.Replace(src, "took place in Geneva", "was polled in Geneva", 1))
	reloadAfter(t, s, seq, filepath.ToSlash(f.path(firstFile)))
	f.mustServe(t, firstURL, "was polled in Geneva")
}

func listTree(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		out = append(out, p)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestIgnoredNamesSkipped: a file whose name the watcher ignores
// (content.Ignored) triggers no rebuild of its own, and no build reads
// it: the content loader and the theme reader skip the names the watcher
// does, so the three never disagree. Here an asset "notes.temp" of the
// theme, which the theme once published with the others.
func TestIgnoredNamesSkipped(t *testing.T) {
	for _, poll := range []bool{false, true} {
		t.Run(map[bool]string{false: "events", true: "polling"}[poll], func(t *testing.T) {
			f := startFixture(t, func(o *Options) {
				if poll {
					o.Poll = 20 * time.Millisecond
				}
			})
			s := f.subscribe(t)
			s.expect(t, "hello")
			f.mustServe(t, "/", "</html>")

			const notes = "temporary data"
			writeFile(t, f.path("themes/default/assets/notes.temp"), notes)
			writeFile(t, f.path(firstFile), strings.Replace(readFile(t, f.path(firstFile)), "took place", "met", 1))
			ev := s.expect(t, "reload")
			if strings.Contains(ev.Data, "notes.temp") {
				t.Errorf("reload %s names the ignored file", ev.Data)
			}
			sum := sha256.Sum256([]byte(notes))
			if code, body := f.get(t, "/assets/notes."+hex.EncodeToString(sum[:4])+".temp"); code != http.StatusNotFound {
				t.Errorf("the ignored asset is served: %d %q", code, body)
			}
		})
	}
}

// TestCheckProblemsInPreview: what check reports reaches the preview. A
// broken link, an error, shows in the overlay (as it fails the build); a
// warning about a file just saved goes with the reload, for the notice
// every open page shows, and to the terminal, while the warnings of files
// nobody touched stay out of the way.
func TestCheckProblemsInPreview(t *testing.T) {
	f := startFixture(t)
	s := f.subscribe(t)
	s.expect(t, "hello")
	long := strings.Repeat("A long summary. ", 25)

	// An untouched file with a warning is not shown: only files saved
	// since the server started are.
	src := readFile(t, f.path(secondFile))
	writeFile(t, f.path(secondFile), strings.Replace(src, "took place in Nairobi", "took place in Nairobi ([broken](/nowhere/))", 1))
	ev := s.expect(t, "builderror")
	if !strings.Contains(ev.Data, `link to /nowhere/: there is no such page or file on the site`) {
		t.Errorf("builderror lacks the broken link: %s", ev.Data)
	}
	f.mustServe(t, secondURL, "Second Meeting") // the last good build stays
	writeFile(t, f.path(secondFile), src)
	ev = s.expect(t, "reload")
	if strings.Contains(ev.Data, "warnings") {
		t.Errorf("reload carries warnings: %s", ev.Data)
	}

	first := readFile(t, f.path(firstFile))
	writeFile(t, f.path(firstFile), strings.Replace(first, `summary: "The first meeting of the test archive."`, `summary: "`+long+`"`, 1))
	ev = s.expect(t, "reload")
	var d struct {
		Warnings []struct {
			Path string
			Line int
			Col  int
			Msg  string
		}
	}
	if err := json.Unmarshal([]byte(ev.Data), &d); err != nil {
		t.Fatal(err)
	}
	if len(d.Warnings) != 1 || !strings.HasSuffix(d.Warnings[0].Path, "content/meetings/2013-first-meeting.md") || d.Warnings[0].Line != 6 ||
		!strings.Contains(d.Warnings[0].Msg, "summary is 399 characters long") {
		t.Errorf("reload warnings = %+v", d.Warnings)
	}
	// A page opened later gets them in its hello.
	late := f.subscribe(t)
	if ev := late.expect(t, "hello"); !strings.Contains(ev.Data, "summary is 399 characters long") {
		t.Errorf("hello lacks the warnings: %s", ev.Data)
	}
	if log := f.log.String(); !strings.Contains(log, "content/meetings/2013-first-meeting.md:6:10: warning: summary is 399 characters long") {
		t.Errorf("the terminal did not get the warning:\n%s", log)
	}

	// Fixed: the notice goes with the next reload.
	writeFile(t, f.path(firstFile), first)
	if ev := s.expect(t, "reload"); strings.Contains(ev.Data, "warnings") {
		t.Errorf("warnings after the fix: %s", ev.Data)
	}
}
