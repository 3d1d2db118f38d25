package html

import (
	"context"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/iom-cso/archive/generator"
	"github.com/iom-cso/archive/internal/qasite"
)

// TestNetlifyHeaders checks that the published headers hold what the site's
// quality bars rest on: a CSP without 'unsafe-inline' and no third-party
// origin, immutable caching of fingerprinted assets, and the feed and
// calendar types.
func TestNetlifyHeaders(t *testing.T) {
	s := qasite.Shipped(t)
	all := func(p string) map[string]string {
		out := map[string]string{}
		for _, r := range s.Headers {
			if r.Match(p) {
				for k, v := range r.Values {
					out[k] = v
				}
			}
		}
		return out
	}
	home := all("/")
	csp := home["Content-Security-Policy"]
	for _, want := range []string{"default-src 'self'", "object-src 'none'", "base-uri 'self'", "frame-ancestors 'none'"} {
		if !strings.Contains(csp, want) {
			t.Errorf("CSP %q lacks %q", csp, want)
		}
	}
	for _, bad := range []string{"unsafe-inline", "unsafe-eval", "http:", "https:", "*"} {
		if strings.Contains(csp, bad) {
			t.Errorf("CSP %q allows %q", csp, bad)
		}
	}
	for _, k := range []string{"X-Content-Type-Options", "Referrer-Policy", "X-Frame-Options"} {
		if home[k] == "" {
			t.Errorf("/ has no %s", k)
		}
	}
	if got := all("/assets/css/site.css")["Cache-Control"]; !strings.Contains(got, "immutable") {
		t.Errorf("assets Cache-Control = %q, want immutable", got)
	}
	if got := all("/calendar.ics")["Content-Type"]; !strings.HasPrefix(got, "text/calendar") {
		t.Errorf("calendar.ics Content-Type = %q", got)
	}
	if got := all("/feed.xml")["Content-Type"]; !strings.HasPrefix(got, "application/atom+xml") {
		t.Errorf("feed.xml Content-Type = %q", got)
	}
}

// TestAttachmentHeaders serves a build with an attachment (the generator's
// test fixture: the shipped archive has none yet) under netlify.toml's
// headers and its own _headers together, as Netlify does: the attachment
// gets the site's policy and a sandbox, two policies a browser both
// enforces, and nosniff; the event page beside it keeps running the site's
// script.
func TestAttachmentHeaders(t *testing.T) {
	rules, err := qasite.LoadNetlifyHeaders(filepath.Join(qasite.RepoRoot(t), "netlify.toml"))
	if err != nil {
		t.Fatal(err)
	}
	for _, drafts := range []bool{false, true} {
		dir := filepath.Join(qasite.RepoRoot(t), "generator", "testdata", "site")
		files, copies, err := generator.Build(context.Background(), generator.Config{Content: os.DirFS(dir), ContentDir: "site", Drafts: drafts})
		if err != nil {
			t.Fatal(err)
		}
		s, err := qasite.ServeBuild(files, copies, rules)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(s.Close)
		get := func(p string) (http.Header, string) {
			t.Helper()
			resp, err := http.Get(s.URL(p))
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			body, _ := io.ReadAll(resp.Body)
			if resp.StatusCode != http.StatusOK {
				t.Fatalf("GET %s: status %d", p, resp.StatusCode)
			}
			return resp.Header, string(body)
		}

		h, body := get("/regional-consultations/2017-africa-bamako/report.pdf")
		if !strings.HasPrefix(body, "%PDF-") {
			t.Errorf("attachment body %q", body)
		}
		csp := h.Values("Content-Security-Policy")
		if len(csp) != 2 || !strings.Contains(csp[0], "default-src 'self'") || csp[1] != "sandbox" {
			t.Errorf("drafts=%v: attachment Content-Security-Policy = %q, want netlify.toml's and sandbox", drafts, csp)
		}
		if got := h.Values("X-Content-Type-Options"); len(got) == 0 || got[0] != "nosniff" {
			t.Errorf("drafts=%v: attachment X-Content-Type-Options = %q", drafts, got)
		}
		if drafts && h.Get("X-Robots-Tag") != "noindex" {
			t.Errorf("preview attachment X-Robots-Tag = %q", h.Get("X-Robots-Tag"))
		}

		for _, page := range []string{"/regional-consultations/2017-africa-bamako/", "/", "/search/"} {
			h, _ := get(page)
			for _, v := range h.Values("Content-Security-Policy") {
				if strings.Contains(v, "sandbox") {
					t.Errorf("drafts=%v: %s is sandboxed: %q", drafts, page, v)
				}
			}
			if csp := h.Get("Content-Security-Policy"); !strings.Contains(csp, "default-src 'self'") {
				t.Errorf("drafts=%v: %s Content-Security-Policy = %q", drafts, page, csp)
			}
		}
	}
}
