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

// TestServeCommand runs "archive serve" on a free port, fetches a draft
// with its banner, and stops it as Ctrl-C does, by cancelling the context.
func TestServeCommand(t *testing.T) {
	dir := t.TempDir()
	content := filepath.Join(dir, "content")
	for name, data := range map[string]string{
		"site.yaml":                      "title: T\nbase_url: https://x.example/\nkinds:\n  - {key: annual-consultation, folder: annual-consultations, name: Annual}\nregions:\n  - {key: global, name: Global}\n",
		"annual-consultations/2013-a.md": "---\ntitle: Draft A\ndate: 2013-09-12\nlocation: Geneva\nregion: global\nsummary: S.\ndraft: true\n---\nBody.\n",
	} {
		p := filepath.Join(content, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var stdout, stderr lockedBuffer
	done := make(chan int, 1)
	go func() {
		done <- run(ctx, []string{"serve", "--content", content, "--addr", "127.0.0.1:0"}, &stdout, &stderr)
	}()

	urlRE := regexp.MustCompile(`preview at (http://127\.0\.0\.1:\d+/)`)
	var url string
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
	cancel()
	select {
	case code := <-done:
		if code != 0 {
			t.Errorf("exit %d after Ctrl-C, want 0: %s", code, stderr.String())
		}
	case <-time.After(15 * time.Second):
		t.Fatal("serve did not stop after Ctrl-C")
	}
	if _, err := os.Stat(filepath.Join(dir, "public")); err == nil {
		t.Error("serve wrote public/")
	}
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
