package devserver

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestContentReplaced: the content folder deleted and restored, as a switch
// of git branch or a sync tool does, by renaming a copy into place and by
// recreating it file by file. While it is absent, the overlay says the
// folder is missing and the last good build stays served; once it is
// back, the next build reads the new folder and reloads, and the new
// folder is watched.
func TestContentReplaced(t *testing.T) {
	for _, poll := range []bool{false, true} {
		t.Run(map[bool]string{false: "events", true: "polling"}[poll], func(t *testing.T) {
			f := startFixture(t, func(o *Options) {
				if poll {
					o.Poll = 20 * time.Millisecond
				}
			})
			content := f.path("content")
			s := f.subscribe(t)
			s.expect(t, "hello")

			// A copy, with an edit, renamed into place once the folder
			// is gone.
			copyFS(t, os.DirFS(content), f.path("content.new"))
			edit(t, filepath.Join(f.path("content.new"), "meetings", "2013-first-meeting.md"), `title: "First Meeting"`, `title: "First Meeting, Renamed In"`)
			removeContent(t, f, s)
			if err := os.Rename(f.path("content.new"), content); err != nil {
				t.Fatal(err)
			}
			awaitReload(t, s)
			f.mustServe(t, firstURL, "First Meeting, Renamed In")

			// Recreated from scratch, folder by folder, file by file.
			removeContent(t, f, s)
			copyFS(t, os.DirFS("testdata/site/content"), content)
			edit(t, f.path(secondFile), "took place in Nairobi", "was recreated in Nairobi")
			awaitReload(t, s)
			f.mustServe(t, secondURL, "was recreated in Nairobi")
			f.mustServe(t, firstURL, "First Meeting")

			// The new folder is watched, folders below it too.
			edit(t, f.path(firstFile), "took place", "was watched")
			awaitReload(t, s)
			f.mustServe(t, firstURL, "was watched")
		})
	}
}

// edit replaces old by new in the file at path.
func edit(t *testing.T, path, old, new string) {
	t.Helper()
	src := readFile(t, path)
	if !strings.Contains(src, old) {
		t.Fatalf("%s holds no %q", path, old)
	}
	writeFile(t, path, strings.Replace(src, old, new, 1))
}

// removeContent deletes the content folder and waits for the overlay that
// says it is missing, while the last good build is still served.
func removeContent(t *testing.T, f *fixture, s *stream) {
	t.Helper()
	_, page := f.get(t, firstURL)
	if err := os.RemoveAll(f.path("content")); err != nil {
		t.Fatal(err)
	}
	// Builds may run while the folder is being emptied; the last one
	// finds it gone.
	for {
		ev := s.next(t)
		if ev.Event != "builderror" {
			t.Fatalf("got %s %s while the content folder is gone", ev.Event, ev.Data)
		}
		fail := failureOf(t, ev)
		if len(fail.Errors) == 0 {
			t.Fatalf("builderror without errors: %s", ev.Data)
		}
		if fail.Errors[0].Path != "" {
			continue // a content error of a half-deleted folder
		}
		msg := fail.Errors[0].Msg
		if !strings.Contains(msg, "content folder") || !strings.Contains(msg, "missing") || !strings.Contains(msg, filepath.ToSlash(f.path("content"))) {
			t.Errorf("the overlay says %q, want that the content folder is missing", msg)
		}
		if fail.Build == "" {
			t.Error("the overlay names no build as still served")
		}
		break
	}
	if _, now := f.get(t, firstURL); now != page {
		t.Error("the page served changed while the content folder is gone")
	}
	if !strings.Contains(f.log.String(), "content folder") {
		t.Errorf("the terminal does not say the content folder is missing:\n%s", f.log.String())
	}
}

// awaitReload waits for the reload that follows the content folder's
// return; builds made while it was half-written may fail first.
func awaitReload(t *testing.T, s *stream) {
	t.Helper()
	for {
		ev := s.next(t)
		switch ev.Event {
		case "reload":
			return
		case "builderror":
			continue
		default:
			t.Fatalf("got %s %s, want reload", ev.Event, ev.Data)
		}
	}
}
