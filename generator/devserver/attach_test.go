package devserver

import (
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/iom-cso/archive/generator/output"
)

// TestServeAttachment: an attachment is served from the content folder as
// a stream, with the headers of the published site (sandbox, nosniff, its
// type by extension), an ETag that gives 304 Not Modified, and ranges; once
// the file is not what the build checked, it is not served.
func TestServeAttachment(t *testing.T) {
	dir := t.TempDir()
	const pdf = "%PDF-1.4 a report"
	if err := os.WriteFile(filepath.Join(dir, "report.pdf"), []byte(pdf), 0o644); err != nil {
		t.Fatal(err)
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	s := New(Options{})
	snap := newSnapshot(output.Files{"e/index.html": []byte("<html><head></head></html>")}, "test-1", time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC))
	snap.copies = output.Copies{"e/report.pdf": {FS: root.FS(), Name: "report.pdf", Size: int64(len(pdf)), Source: "content/e/report.pdf"}}
	s.site.Store(snap)
	ts := httptest.NewServer(s)
	defer ts.Close()

	get := func(header ...string) (*http.Response, string) {
		t.Helper()
		req, _ := http.NewRequest("GET", ts.URL+"/e/report.pdf", nil)
		for i := 0; i+1 < len(header); i += 2 {
			req.Header.Set(header[i], header[i+1])
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		return resp, string(body)
	}
	resp, body := get()
	if resp.StatusCode != 200 || body != pdf {
		t.Fatalf("GET = %d %q", resp.StatusCode, body)
	}
	h := resp.Header
	if h.Get("Content-Type") != "application/pdf" || h.Get("X-Content-Type-Options") != "nosniff" {
		t.Errorf("Content-Type %q, X-Content-Type-Options %q", h.Get("Content-Type"), h.Get("X-Content-Type-Options"))
	}
	if csp := h.Values("Content-Security-Policy"); len(csp) != 2 || !strings.HasPrefix(csp[0], "default-src 'self'") || csp[1] != "sandbox" {
		t.Errorf("Content-Security-Policy = %q, want the site's and sandbox", csp)
	}
	etag := h.Get("ETag")
	if etag == "" {
		t.Fatal("no ETag")
	}
	if resp, _ := get("If-None-Match", etag); resp.StatusCode != http.StatusNotModified {
		t.Errorf("If-None-Match: %d, want 304", resp.StatusCode)
	}
	if resp, body := get("Range", "bytes=0-3"); resp.StatusCode != http.StatusPartialContent || body != "%PDF" {
		t.Errorf("Range: %d %q, want 206 %%PDF", resp.StatusCode, body)
	}
	// The page beside it is not sandboxed: it runs the site's script.
	if resp, err := http.Get(ts.URL + "/e/"); err != nil {
		t.Fatal(err)
	} else if resp.Body.Close(); slices.Contains(resp.Header.Values("Content-Security-Policy"), "sandbox") {
		t.Error("the event page is sandboxed")
	}

	// Grown since the build: not served until the rebuild.
	if err := os.WriteFile(filepath.Join(dir, "report.pdf"), []byte(pdf+"<script>"), 0o644); err != nil {
		t.Fatal(err)
	}
	if resp, body := get(); resp.StatusCode != http.StatusServiceUnavailable || !strings.Contains(body, "content/e/report.pdf changed after it was checked") {
		t.Errorf("changed file: %d %q", resp.StatusCode, body)
	}
	// A link in its place, to a file of the same size.
	if err := os.WriteFile(filepath.Join(dir, "other.pdf"), []byte(strings.Repeat("x", len(pdf))), 0o644); err != nil {
		t.Fatal(err)
	}
	os.Remove(filepath.Join(dir, "report.pdf"))
	if err := os.Symlink("other.pdf", filepath.Join(dir, "report.pdf")); err != nil {
		t.Skipf("no symbolic links here: %v", err)
	}
	if resp, body := get(); resp.StatusCode != http.StatusServiceUnavailable || !strings.Contains(body, "content/e/report.pdf is no longer a regular file") {
		t.Errorf("link: %d %q", resp.StatusCode, body)
	}
}
