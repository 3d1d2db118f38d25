package qa

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
	"github.com/iom-cso/archive/generator"
)

// headerRule is one [[headers]] table of netlify.toml.
type headerRule struct {
	pattern string
	re      *regexp.Regexp
	values  map[string]string
}

func (r headerRule) match(urlPath string) bool { return r.re.MatchString(urlPath) }

// loadNetlifyHeaders reads the [[headers]] tables of netlify.toml.
func loadNetlifyHeaders(file string) ([]headerRule, error) {
	src, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	var cfg struct {
		Headers []struct {
			For    string            `toml:"for"`
			Values map[string]string `toml:"values"`
		} `toml:"headers"`
	}
	if err := toml.Unmarshal(src, &cfg); err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	var rules []headerRule
	for _, h := range cfg.Headers {
		re, err := netlifyPattern(h.For)
		if err != nil {
			return nil, fmt.Errorf("%s: headers for %q: %w", file, h.For, err)
		}
		rules = append(rules, headerRule{pattern: h.For, re: re, values: h.Values})
	}
	if len(rules) == 0 {
		return nil, fmt.Errorf("%s: no [[headers]]", file)
	}
	return rules, nil
}

// netlifyPattern turns a Netlify path pattern into a regular expression:
// "*" matches any run of characters (slashes included), ":name" one path
// segment, everything else itself.
func netlifyPattern(p string) (*regexp.Regexp, error) {
	if !strings.HasPrefix(p, "/") {
		return nil, fmt.Errorf("path must start with /")
	}
	var b strings.Builder
	b.WriteString("^")
	for i := 0; i < len(p); i++ {
		switch c := p[i]; {
		case c == '*':
			b.WriteString(".*")
		case c == ':' && i > 0 && p[i-1] == '/':
			j := i + 1
			for j < len(p) && p[j] != '/' {
				j++
			}
			b.WriteString("[^/]+")
			i = j - 1
		default:
			b.WriteString(regexp.QuoteMeta(string(c)))
		}
	}
	b.WriteString("$")
	return regexp.Compile(b.String())
}

func TestNetlifyPattern(t *testing.T) {
	for _, tc := range []struct {
		pattern, path string
		want          bool
	}{
		{"/*", "/", true},
		{"/*", "/years/2013/", true},
		{"/assets/*", "/assets/css/site.1a2b3c4d.css", true},
		{"/assets/*", "/about/", false},
		{"/*.ics", "/annual-consultations/2013-x/2013-x.ics", true},
		{"/*.ics", "/calendar.ics.html", false},
		{"/feed.xml", "/feed.xml", true},
		{"/feed.xml", "/feedxxml", false},
		{"/:kind/index.html", "/annual/index.html", true},
		{"/:kind/index.html", "/a/b/index.html", false},
	} {
		re, err := netlifyPattern(tc.pattern)
		if err != nil {
			t.Fatal(err)
		}
		if got := re.MatchString(tc.path); got != tc.want {
			t.Errorf("%s matches %s = %v, want %v", tc.pattern, tc.path, got, tc.want)
		}
	}
}

// TestNetlifyHeaders checks that the published headers hold what the site's
// quality bars rest on: a CSP without 'unsafe-inline' and no third-party
// origin, immutable caching of fingerprinted assets, and the feed and
// calendar types.
func TestNetlifyHeaders(t *testing.T) {
	s := shippedSite(t)
	all := func(p string) map[string]string {
		out := map[string]string{}
		for _, r := range s.headers {
			if r.match(p) {
				for k, v := range r.values {
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

// parseHeadersFile reads a Netlify _headers file: a path on a line of its
// own, the headers for it indented below as "Name: value", # comments.
func parseHeadersFile(data []byte) ([]headerRule, error) {
	var rules []headerRule
	for i, line := range strings.Split(string(data), "\n") {
		text := strings.TrimSpace(line)
		switch {
		case text == "" || strings.HasPrefix(text, "#"):
		case strings.HasPrefix(text, "/"):
			re, err := netlifyPattern(text)
			if err != nil {
				return nil, fmt.Errorf("_headers:%d: %w", i+1, err)
			}
			rules = append(rules, headerRule{pattern: text, re: re, values: map[string]string{}})
		default:
			name, value, ok := strings.Cut(text, ":")
			if !ok || len(rules) == 0 || line == text {
				return nil, fmt.Errorf("_headers:%d: %q is neither a path nor an indented header of one", i+1, line)
			}
			rules[len(rules)-1].values[strings.TrimSpace(name)] = strings.TrimSpace(value)
		}
	}
	return rules, nil
}

// TestAttachmentHeaders serves a build with an attachment (the generator's
// test fixture: the shipped archive has none yet) under netlify.toml's
// headers and its own _headers together, as Netlify does: the attachment
// gets the site's policy and a sandbox, two policies a browser both
// enforces, and nosniff; the event page beside it keeps running the site's
// script.
func TestAttachmentHeaders(t *testing.T) {
	rules, err := loadNetlifyHeaders(filepath.Join(repoRoot, "netlify.toml"))
	if err != nil {
		t.Fatal(err)
	}
	for _, drafts := range []bool{false, true} {
		dir := filepath.Join(repoRoot, "generator", "testdata", "site")
		files, copies, err := generator.Build(context.Background(), generator.Config{Content: os.DirFS(dir), ContentDir: "site", Drafts: drafts})
		if err != nil {
			t.Fatal(err)
		}
		s, err := serveBuild(files, copies, rules)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(s.srv.Close)
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
