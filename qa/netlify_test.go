package qa

import (
	"fmt"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
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
