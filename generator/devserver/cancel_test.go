package devserver

import (
	"encoding/json"
	"io/fs"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// stallFS is a content folder on a drive that hangs: once armed, the next
// Open of one file does not return until the test releases it, whatever
// the build's context says (fs.FS has none). The file is opened before the
// stall, so that what it held then is what is read.
type stallFS struct {
	fs.FS
	mu      sync.Mutex
	name    string        // the file to stall on; "" when disarmed
	entered chan struct{} // closed when an Open has stalled
	release chan struct{} // closed by the test
	once    sync.Once
}

func newStallFS(fsys fs.FS) *stallFS {
	return &stallFS{FS: fsys, entered: make(chan struct{}), release: make(chan struct{})}
}

func (s *stallFS) arm(name string) {
	s.mu.Lock()
	s.name = name
	s.mu.Unlock()
}

func (s *stallFS) unblock() { s.once.Do(func() { close(s.release) }) }

func (s *stallFS) Open(name string) (fs.File, error) {
	s.mu.Lock()
	stall := s.name != "" && name == s.name
	if stall {
		s.name = ""
	}
	s.mu.Unlock()
	f, err := s.FS.Open(name)
	if stall {
		close(s.entered)
		<-s.release
	}
	return f, err
}

// stalled waits until the armed Open has stalled.
func (s *stallFS) stalled(t *testing.T) {
	t.Helper()
	select {
	case <-s.entered:
	case <-time.After(waitTimeout):
		t.Fatalf("no build opened the armed file within %s", waitTimeout)
	}
}

// startStalling serves the fixture site through a stallFS.
func startStalling(t *testing.T) (*fixture, *stallFS) {
	t.Helper()
	var sfs *stallFS
	f := startFixture(t, func(o *Options) {
		sfs = newStallFS(o.Config.Content)
		o.Config.Content = sfs
	})
	// Registered after the fixture's own cleanup, so it runs before it:
	// whatever the test asserted, the stalled build ends.
	t.Cleanup(sfs.unblock)
	return f, sfs
}

// stopWithin is how long Ctrl-C may take to stop the server while a build
// is stuck: far more than it takes, far less than forever.
const stopWithin = 5 * time.Second

// TestSaveCancelsStuckBuild: a save while a build is running cancels it and
// builds again after the debounce, without waiting for the old build, here
// stuck on a file that does not open; the reload names the changes of
// both, and what the old build does once it ends is dropped.
func TestSaveCancelsStuckBuild(t *testing.T) {
	f, sfs := startStalling(t)
	abs := func(rel string) string { return filepath.ToSlash(f.path(rel)) }
	s := f.subscribe(t)
	_, seq := s.expect(t, "hello").build(t)

	sfs.arm(strings.TrimPrefix(firstFile, "content/"))
	writeFile(t, f.path(firstFile), strings.Replace(readFile(t, f.path(firstFile)), `title: "First Meeting"`, `title: "First Meeting, Stalled"`, 1))
	sfs.stalled(t)
	writeFile(t, f.path(secondFile), strings.Replace(readFile(t, f.path(secondFile)), "took place in Nairobi", "was held in Nairobi", 1))
	seq = reloadAfter(t, s, seq, abs(firstFile), abs(secondFile))
	f.mustServe(t, firstURL, "First Meeting, Stalled")
	f.mustServe(t, secondURL, "was held in Nairobi")

	// The stuck build ends; it publishes nothing: the next change is the
	// next event.
	sfs.unblock()
	waitBuilds(t, f.srv)
	writeFile(t, f.path(firstFile), strings.Replace(readFile(t, f.path(firstFile)), "Stalled", "Released", 1))
	reloadAfter(t, s, seq, abs(firstFile))
	f.mustServe(t, firstURL, "First Meeting, Released")
}

// TestStopDuringStuckBuild: Ctrl-C while a build is stuck stops the server
// at once: Serve returns and the pages' event streams end, without
// waiting for the build.
func TestStopDuringStuckBuild(t *testing.T) {
	f, sfs := startStalling(t)
	s := f.subscribe(t)
	s.expect(t, "hello")
	sfs.arm(strings.TrimPrefix(firstFile, "content/"))
	writeFile(t, f.path(firstFile), strings.Replace(readFile(t, f.path(firstFile)), "took place", "met", 1))
	sfs.stalled(t)

	f.cancel()
	select {
	case <-f.served:
	case <-time.After(stopWithin):
		t.Fatalf("Serve did not return within %s of Ctrl-C while a build was stuck", stopWithin)
	}
	deadline := time.After(stopWithin)
	for open := true; open; {
		select {
		case _, open = <-s.events:
		case <-deadline:
			t.Fatalf("the event stream still open %s after Serve returned", stopWithin)
		}
	}
}

// waitBuilds waits until no build goroutine is left, abandoned ones too.
func waitBuilds(t *testing.T, srv *Server) {
	t.Helper()
	done := make(chan struct{})
	go func() {
		srv.running.Wait()
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(waitTimeout):
		t.Fatalf("builds still running %s after their files were released", waitTimeout)
	}
}

// failureOf decodes a builderror event.
func failureOf(t *testing.T, ev sseEvent) failure {
	t.Helper()
	var f failure
	if err := json.Unmarshal([]byte(ev.Data), &f); err != nil {
		t.Fatal(err)
	}
	return f
}
