package devserver

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"io/fs"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/iom-cso/archive/generator"
	"github.com/iom-cso/archive/themes"
)

// waitTimeout bounds every wait of the tests: they wait on events, never
// for a fixed time.
const waitTimeout = 15 * time.Second

// startTimeout bounds the first build, which for the benchmark's 10,000
// events takes a while on a busy machine.
const startTimeout = 3 * time.Minute

// fixture is a running preview server over a temporary copy of
// testdata/site, with the default theme copied beside it as a folder.
type fixture struct {
	dir    string // holds content/ and themes/default/
	url    string // http://127.0.0.1:port
	srv    *Server
	log    *syncBuffer
	client *http.Client
	stop   func()
	// cancel cancels Serve's context, as Ctrl-C does; served is closed
	// when Serve has returned.
	cancel func()
	served chan struct{}
}

func (f *fixture) path(rel string) string { return filepath.Join(f.dir, filepath.FromSlash(rel)) }

// syncBuffer is a bytes.Buffer safe for the server's log and the test.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// copyFS writes every file of fsys below dir.
func copyFS(t testing.TB, fsys fs.FS, dir string) {
	t.Helper()
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		full := filepath.Join(dir, filepath.FromSlash(p))
		if d.IsDir() {
			return os.MkdirAll(full, 0o755)
		}
		data, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		return os.WriteFile(full, data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// startFixture copies the fixture site and serves it on a random loopback
// port until the test ends. Changes may be made once it returns: the
// first build is done and the watches are in place.
func startFixture(t testing.TB, configure ...func(*Options)) *fixture {
	t.Helper()
	dir := t.TempDir()
	copyFS(t, os.DirFS("testdata/site"), dir)
	copyFS(t, themes.Default(), filepath.Join(dir, "themes", "default"))
	return startServer(t, dir, configure...)
}

// startServer serves the site in dir (content/, optionally themes/).
func startServer(t testing.TB, dir string, configure ...func(*Options)) *fixture {
	t.Helper()
	contentDir := filepath.Join(dir, "content")
	root, err := os.OpenRoot(contentDir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { root.Close() })
	themeDir := func(name string) string {
		d := filepath.Join(dir, "themes", name)
		if _, err := os.Stat(filepath.Join(d, "layouts")); err != nil {
			return ""
		}
		return d
	}
	log := &syncBuffer{}
	opts := Options{
		Config: generator.Config{
			Content:    root.FS(),
			ContentDir: "content",
			Drafts:     true,
			ResolveTheme: func(name string) (fs.FS, error) {
				if d := themeDir(name); d != "" {
					return os.DirFS(d), nil
				}
				return themes.Default(), nil
			},
		},
		ContentPath: contentDir,
		ThemeDir:    themeDir,
		Debounce:    50 * time.Millisecond,
		Log:         log,
	}
	for _, c := range configure {
		c(&opts)
	}
	srv := New(opts)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	served := make(chan struct{})
	var serveErr error
	go func() {
		defer close(served)
		serveErr = srv.Serve(ctx, ln)
	}()
	transport := &http.Transport{}
	f := &fixture{dir: dir, url: "http://" + ln.Addr().String(), srv: srv, log: log, cancel: cancel, served: served,
		client: &http.Client{Transport: transport, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
	stopped := false
	f.stop = func() {
		if stopped {
			return
		}
		stopped = true
		cancel()
		select {
		case <-served:
			if serveErr != nil {
				t.Errorf("Serve: %v", serveErr)
			}
		case <-time.After(waitTimeout):
			t.Errorf("Serve did not return %s after cancellation", waitTimeout)
		}
		transport.CloseIdleConnections()
	}
	t.Cleanup(func() {
		f.stop()
		if t.Failed() {
			t.Logf("server log:\n%s", log.String())
		}
	})
	select {
	case <-srv.ready:
	case <-served:
		t.Fatalf("Serve returned before watching: %v", serveErr)
	case <-time.After(startTimeout):
		t.Fatalf("the server did not start watching within %s", startTimeout)
	}
	return f
}

// get fetches path and returns the status and body.
func (f *fixture) get(t testing.TB, path string) (int, string) {
	t.Helper()
	resp, err := f.client.Get(f.url + path)
	if err != nil {
		t.Fatalf("GET %s: %v", path, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("GET %s: %v", path, err)
	}
	return resp.StatusCode, string(body)
}

// mustServe checks that path answers 200 with a body containing want.
func (f *fixture) mustServe(t testing.TB, path, want string) {
	t.Helper()
	code, body := f.get(t, path)
	if code != http.StatusOK || !strings.Contains(body, want) {
		t.Errorf("GET %s = %d, want 200 with %q; body:\n%.400s", path, code, want, body)
	}
}

// sseEvent is one Server-Sent Event as a client reads it.
type sseEvent struct {
	Event string
	ID    string
	Data  string
}

// build returns the build id of the event's data, and its sequence number.
func (e sseEvent) build(t testing.TB) (string, int) {
	t.Helper()
	var d struct {
		Build string `json:"build"`
	}
	if err := json.Unmarshal([]byte(e.Data), &d); err != nil {
		t.Fatalf("event %s: data %q: %v", e.Event, e.Data, err)
	}
	_, n, _ := strings.Cut(d.Build, "-")
	seq, _ := strconv.Atoi(n)
	return d.Build, seq
}

// stream is an open subscription to /_archive/events.
type stream struct {
	events chan sseEvent
	cancel func()
}

// subscribe opens the event stream; it is closed when the test ends.
func (f *fixture) subscribe(t testing.TB) *stream {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, f.url+"/_archive/events", nil)
	if err != nil {
		t.Fatal(err)
	}
	resp, err := f.client.Do(req)
	if err != nil {
		cancel()
		t.Fatalf("subscribe: %v", err)
	}
	if resp.StatusCode != http.StatusOK || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/event-stream") {
		cancel()
		t.Fatalf("subscribe: %s, Content-Type %q", resp.Status, resp.Header.Get("Content-Type"))
	}
	s := &stream{events: make(chan sseEvent, 64), cancel: cancel}
	go func() {
		defer close(s.events)
		defer resp.Body.Close()
		r := bufio.NewReader(resp.Body)
		var ev sseEvent
		for {
			line, err := r.ReadString('\n')
			if err != nil {
				return
			}
			line = strings.TrimRight(line, "\r\n")
			switch {
			case line == "":
				if ev.Event != "" || ev.Data != "" {
					s.events <- ev
				}
				ev = sseEvent{}
			case strings.HasPrefix(line, ":"), strings.HasPrefix(line, "retry:"):
			case strings.HasPrefix(line, "event: "):
				ev.Event = strings.TrimPrefix(line, "event: ")
			case strings.HasPrefix(line, "id: "):
				ev.ID = strings.TrimPrefix(line, "id: ")
			case strings.HasPrefix(line, "data: "):
				if ev.Data != "" {
					ev.Data += "\n"
				}
				ev.Data += strings.TrimPrefix(line, "data: ")
			}
		}
	}()
	t.Cleanup(cancel)
	return s
}

// next returns the next event, failing the test after waitTimeout.
func (s *stream) next(t testing.TB) sseEvent {
	t.Helper()
	select {
	case ev, ok := <-s.events:
		if !ok {
			t.Fatal("the event stream ended")
		}
		return ev
	case <-time.After(waitTimeout):
		t.Fatalf("no event within %s", waitTimeout)
	}
	return sseEvent{}
}

// expect returns the next event and checks its type.
func (s *stream) expect(t testing.TB, kind string) sseEvent {
	t.Helper()
	ev := s.next(t)
	if ev.Event != kind {
		t.Fatalf("got event %q (%s), want %q", ev.Event, ev.Data, kind)
	}
	return ev
}

// writeFile writes data to path the way a plain editor saves.
func writeFile(t testing.TB, path, data string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

// readFile returns the contents of path.
func readFile(t testing.TB, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
