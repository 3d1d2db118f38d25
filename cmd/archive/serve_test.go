package main

import (
	"bytes"
	"context"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

// lockedBuffer collects what the server prints from its goroutines.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// serveTestSite writes a small content folder with one draft and returns it.
func serveTestSite(t *testing.T) string {
	t.Helper()
	content := filepath.Join(t.TempDir(), "content")
	writeSite(t, content, map[string]string{
		"site.yaml":                      testSite,
		"annual-consultations/2013-a.md": "---\ntitle: Draft A\ndate: 2013-09-12\nlocation: Geneva\nregion: global\nsummary: S.\ndraft: true\n---\nBody.\n",
	})
	return content
}

// startServe runs "archive serve" with args on a free port until the test
// ends and returns the preview's URL once the first build is served, what
// it printed, and a stop function that cancels it as Ctrl-C does and
// returns its exit code.
func startServe(t *testing.T, args ...string) (url string, stderr *lockedBuffer, stop func() int) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	var stdout lockedBuffer
	stderr = &lockedBuffer{}
	done := make(chan int, 1)
	go func() {
		done <- run(ctx, append([]string{"serve", "--addr", "127.0.0.1:0"}, args...), &stdout, stderr)
	}()
	urlRE := regexp.MustCompile(`preview at (http://127\.0\.0\.1:\d+/)`)
	deadline := time.Now().Add(15 * time.Second)
	for url == "" {
		if m := urlRE.FindStringSubmatch(stderr.String()); m != nil && strings.Contains(stderr.String(), "built ") {
			url = m[1]
			break
		}
		select {
		case code := <-done:
			t.Fatalf("serve exited %d: %s", code, stderr.String())
		case <-time.After(10 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			t.Fatalf("no URL printed: %s", stderr.String())
		}
	}
	stop = func() int {
		cancel()
		select {
		case code := <-done:
			return code
		case <-time.After(15 * time.Second):
			t.Fatal("serve did not stop after Ctrl-C")
			return -1
		}
	}
	return url, stderr, stop
}

// TestServeCommand runs "archive serve" on a free port, fetches a draft
// with its banner, and stops it as Ctrl-C does, by cancelling the context.
func TestServeCommand(t *testing.T) {
	content := serveTestSite(t)
	url, stderr, stop := startServe(t, "--content", content)
	resp, err := http.Get(url + "annual-consultations/2013-a/")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || !strings.Contains(string(body), "Draft A") || !strings.Contains(string(body), `class="draft-banner"`) {
		t.Errorf("draft page: %d\n%.300s", resp.StatusCode, body)
	}
	if !strings.Contains(string(body), `<script src="/_archive/reload.js" defer></script>`) {
		t.Error("served page without the reload script")
	}
	if code := stop(); code != 0 {
		t.Errorf("exit %d after Ctrl-C, want 0: %s", code, stderr.String())
	}
	if _, err := os.Stat(filepath.Join(filepath.Dir(content), "public")); err == nil {
		t.Error("serve wrote public/")
	}
}

// TestServeAllowHost: the names given with --allow-host, or through
// ARCHIVE_ALLOW_HOST as the dev container sets it, are served; every other
// foreign Host header is still refused.
func TestServeAllowHost(t *testing.T) {
	content := serveTestSite(t)
	get := func(url, host string) int {
		t.Helper()
		req, _ := http.NewRequest("GET", url, nil)
		req.Host = host
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}

	url, stderr, stop := startServe(t, "--content", content, "--allow-host", "box-1313.preview.example", "--allow-host", "second.example")
	for host, want := range map[string]int{
		"box-1313.preview.example":      http.StatusOK,
		"second.example:443":            http.StatusOK,
		"other-1313.preview.example":    http.StatusForbidden,
		"box-1313.preview.example.evil": http.StatusForbidden,
	} {
		if got := get(url, host); got != want {
			t.Errorf("--allow-host: Host %q: %d, want %d", host, got, want)
		}
	}
	if !strings.Contains(stderr.String(), "also answering to the host name box-1313.preview.example") {
		t.Errorf("serve did not say which names it answers to:\n%s", stderr.String())
	}
	stop()

	// Outside a codespace the dev container's variable holds a fragment
	// ("-1313."): skipped, the valid name kept.
	t.Setenv("ARCHIVE_ALLOW_HOST", "-1313., env-1313.preview.example")
	url, _, stop = startServe(t, "--content", content)
	if got := get(url, "env-1313.preview.example"); got != http.StatusOK {
		t.Errorf("ARCHIVE_ALLOW_HOST: %d, want 200", got)
	}
	if got := get(url, "evil.example"); got != http.StatusForbidden {
		t.Errorf("ARCHIVE_ALLOW_HOST: foreign host %d, want 403", got)
	}
	stop()
}

func TestServeUsage(t *testing.T) {
	var out, errb bytes.Buffer
	if code := run(context.Background(), []string{"serve", "--help"}, &out, &errb); code != 0 {
		t.Errorf("--help exit %d", code)
	}
	for _, want := range []string{"--drafts", "default true", "Draft", "--poll", "--addr", "127.0.0.1:1313"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("help lacks %q:\n%s", want, out.String())
		}
	}
	for _, args := range [][]string{
		{"serve", "--poll", "-1s"},
		{"serve", "--addr", "nonsense"},
		{"serve", "extra"},
		{"serve", "--allow-host", "https://box.example/"},
		{"serve", "--allow-host", "box.example:8080"},
	} {
		out.Reset()
		errb.Reset()
		if code := run(context.Background(), args, &out, &errb); code != 2 {
			t.Errorf("%q: exit %d, want 2 (%s)", args, code, errb.String())
		}
	}
}

// TestExposedWarning: listening beyond this machine warns, and with drafts
// on says that they are shown to anyone who connects and how to hide them.
func TestExposedWarning(t *testing.T) {
	all := &net.TCPAddr{IP: net.IPv4zero, Port: 1313}
	tests := []struct {
		host   string
		drafts bool
		want   string
	}{
		{"0.0.0.0", true, "archive serve: warning: listening on 0.0.0.0:1313, reachable from other machines; drafts are shown to anyone who can connect (--drafts=false hides them)\n"},
		{"", true, "archive serve: warning: listening on 0.0.0.0:1313, reachable from other machines; drafts are shown to anyone who can connect (--drafts=false hides them)\n"},
		{"0.0.0.0", false, "archive serve: warning: listening on 0.0.0.0:1313, reachable from other machines\n"},
		{"127.0.0.1", true, ""},
		{"::1", true, ""},
		{"localhost", true, ""},
	}
	for _, tt := range tests {
		if got := exposedWarning(tt.host, all, tt.drafts); got != tt.want {
			t.Errorf("host %q, drafts %v: %q, want %q", tt.host, tt.drafts, got, tt.want)
		}
	}
}
