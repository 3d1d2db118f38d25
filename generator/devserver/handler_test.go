package devserver

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/iom-cso/archive/generator/output"
)

// servedSite is what the handler tests serve, without building anything.
var servedSite = output.Files{
	"index.html":                   []byte("<!DOCTYPE html><html><head><title>Home</title></head><body>home</body></html>"),
	"404.html":                     []byte("<!DOCTYPE html><html><HEAD><title>Not found</title></HEAD><body>missing</body></html>"),
	"years/index.html":             []byte("<!DOCTYPE html><html><head></head><body>years</body></html>"),
	"years/2013/index.html":        []byte("<!DOCTYPE html><html><head></head><body>2013</body></html>"),
	"assets/css/site.1a2b3c4d.css": []byte("body{color:red}"),
	"assets/js/search.0a1b2c3d.js": []byte("console.log(1)"),
	"assets/img/logo.svg":          []byte("<svg xmlns='http://www.w3.org/2000/svg'/>"),
	"feed.xml":                     []byte(`<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"></feed>`),
	"sitemap.xml":                  []byte(`<?xml version="1.0"?><urlset></urlset>`),
	"calendar.ics":                 []byte("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"),
	"robots.txt":                   []byte("User-agent: *\n"),
	"search/meta.json":             []byte(`{}`),
	"e/report.pdf":                 []byte("%PDF-1.4"),
	"e/data.bin":                   []byte("<html><script>alert(1)</script>"),
	"_redirects":                   []byte("# aliases\n/old/page/ /years/2013/ 301\n/temp /years/ 302\n"),
	"_headers":                     []byte("/*\n  X-Robots-Tag: noindex\n"),
}

func newTestServer(t *testing.T) (*Server, *httptest.Server) {
	t.Helper()
	s := New(Options{})
	s.site.Store(newSnapshot(servedSite, "test-1", time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)))
	ts := httptest.NewServer(s)
	t.Cleanup(ts.Close)
	return s, ts
}

// rawGet sends target as the request line's path exactly as given, as an
// attacker would, bypassing any client-side cleaning.
func rawGet(t *testing.T, addr, target string) (int, string) {
	t.Helper()
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	_ = conn.SetDeadline(time.Now().Add(waitTimeout))
	fmt.Fprintf(conn, "GET %s HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n\r\n", target, addr)
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatalf("GET %q: %v", target, err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body)
}

func TestPathTraversal(t *testing.T) {
	_, ts := newTestServer(t)
	addr := strings.TrimPrefix(ts.URL, "http://")
	for _, target := range []string{
		"/../../../../etc/passwd",
		"/years/../../etc/passwd",
		"/years/../index.html",
		"/..",
		"/%2e%2e/%2e%2e/etc/passwd",
		"/%2E%2E/%2E%2E/etc/passwd",
		"/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
		"/years/..%2f..%2fetc%2fpasswd",
		"/years/%2e%2e/index.html",
		"/.%2e/etc/passwd",
		"/..%5c..%5cetc%5cpasswd",
		"/..\\..\\etc\\passwd",
		"/%5c%5cserver%5cshare",
		"/./index.html",
		"/years/./2013/",
		"//etc/passwd",
		"/years//2013/",
		"/%00",
		"/index.html%00.txt",
		"/%c0%ae%c0%ae/etc/passwd", // overlong UTF-8 for "."
		"/%ff",
		"/%0d%0aSet-Cookie:x=1",
		"../../etc/passwd",
	} {
		code, body := rawGet(t, addr, target)
		if code != http.StatusBadRequest && code != http.StatusNotFound {
			t.Errorf("GET %q = %d, want 400 or 404", target, code)
		}
		if strings.Contains(body, "root:") || strings.Contains(body, "2013") || strings.Contains(body, "home") {
			t.Errorf("GET %q served a file: %.80q", target, body)
		}
	}
	// Double encoding is not decoded twice: the path names a file that
	// does not exist.
	if code, _ := rawGet(t, addr, "/%252e%252e/%252e%252e/etc/passwd"); code != http.StatusNotFound {
		t.Errorf("double-encoded traversal = %d, want 404", code)
	}
	// The same files are served by their plain names.
	if code, body := rawGet(t, addr, "/years/2013/"); code != http.StatusOK || !strings.Contains(body, "2013") {
		t.Errorf("GET /years/2013/ = %d", code)
	}
}

func TestCleanPath(t *testing.T) {
	for p, want := range map[string]string{
		"/":               "index.html",
		"/years/":         "years/index.html",
		"/years":          "years",
		"/a/b.css":        "a/b.css",
		"/réunion/":       "réunion/index.html",
		"/../x":           "",
		"/a/../x":         "",
		"/a/./x":          "",
		"/a//x":           "",
		"/a\\x":           "",
		"/a\x00":          "",
		"/a\x7f":          "",
		"a":               "",
		"":                "",
		"/\xff":           "",
		"/a/..":           "",
		"/a/../":          "",
		"/....//":         "",
		"/.hidden/":       ".hidden/index.html",
		"/%2e%2e/literal": "%2e%2e/literal",
	} {
		got, ok := cleanPath(p)
		if got != want || ok != (want != "") {
			t.Errorf("cleanPath(%q) = %q, %v; want %q", p, got, ok, want)
		}
	}
}

func TestServing(t *testing.T) {
	_, ts := newTestServer(t)
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	do := func(method, path string, header ...string) *http.Response {
		t.Helper()
		req, err := http.NewRequest(method, ts.URL+path, nil)
		if err != nil {
			t.Fatal(err)
		}
		for i := 0; i+1 < len(header); i += 2 {
			req.Header.Set(header[i], header[i+1])
		}
		resp, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { resp.Body.Close() })
		return resp
	}
	body := func(resp *http.Response) string {
		b, _ := io.ReadAll(resp.Body)
		return string(b)
	}

	t.Run("content types", func(t *testing.T) {
		for path, want := range map[string]string{
			"/":                             "text/html; charset=utf-8",
			"/assets/css/site.1a2b3c4d.css": "text/css; charset=utf-8",
			"/assets/js/search.0a1b2c3d.js": "text/javascript; charset=utf-8",
			"/assets/img/logo.svg":          "image/svg+xml",
			"/feed.xml":                     "application/atom+xml; charset=utf-8",
			"/sitemap.xml":                  "application/xml; charset=utf-8",
			"/calendar.ics":                 "text/calendar; charset=utf-8",
			"/robots.txt":                   "text/plain; charset=utf-8",
			"/search/meta.json":             "application/json",
			"/e/report.pdf":                 "application/pdf",
			"/e/data.bin":                   "application/octet-stream", // never sniffed as HTML
			"/_archive/reload.js":           "text/javascript; charset=utf-8",
			"/_archive/overlay.css":         "text/css; charset=utf-8",
		} {
			resp := do("GET", path)
			if resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Type") != want {
				t.Errorf("GET %s = %d %q, want 200 %q", path, resp.StatusCode, resp.Header.Get("Content-Type"), want)
			}
			if resp.Header.Get("X-Content-Type-Options") != "nosniff" {
				t.Errorf("GET %s: no nosniff", path)
			}
		}
	})

	t.Run("reload script only in HTML", func(t *testing.T) {
		b := body(do("GET", "/"))
		if !strings.Contains(b, ReloadTag+"\n</head>") {
			t.Errorf("home page without the reload tag before </head>:\n%s", b)
		}
		if strings.Count(b, ReloadTag) != 1 {
			t.Errorf("reload tag %d times", strings.Count(b, ReloadTag))
		}
		for _, p := range []string{"/assets/css/site.1a2b3c4d.css", "/feed.xml", "/e/data.bin", "/assets/img/logo.svg"} {
			if strings.Contains(body(do("GET", p)), "_archive") {
				t.Errorf("%s got the reload tag", p)
			}
		}
		if csp := do("GET", "/").Header.Get("Content-Security-Policy"); !strings.HasPrefix(csp, "default-src 'self'") {
			t.Errorf("HTML served with CSP %q", csp)
		}
	})

	t.Run("HEAD", func(t *testing.T) {
		get, head := do("GET", "/years/"), do("HEAD", "/years/")
		gb, hb := body(get), body(head)
		if head.StatusCode != http.StatusOK || hb != "" || head.Header.Get("Content-Length") != fmt.Sprint(len(gb)) {
			t.Errorf("HEAD = %d, body %q, Content-Length %s; GET body has %d bytes", head.StatusCode, hb, head.Header.Get("Content-Length"), len(gb))
		}
		if head.Header.Get("ETag") != get.Header.Get("ETag") || head.Header.Get("Content-Type") != get.Header.Get("Content-Type") {
			t.Errorf("HEAD and GET headers differ")
		}
		if resp := do("HEAD", "/missing/"); resp.StatusCode != http.StatusNotFound || body(resp) != "" {
			t.Errorf("HEAD of a missing page = %d", resp.StatusCode)
		}
		if resp := do("POST", "/"); resp.StatusCode != http.StatusMethodNotAllowed || resp.Header.Get("Allow") == "" {
			t.Errorf("POST = %d, Allow %q", resp.StatusCode, resp.Header.Get("Allow"))
		}
	})

	t.Run("conditional requests", func(t *testing.T) {
		first := do("GET", "/assets/css/site.1a2b3c4d.css")
		etag, lm := first.Header.Get("ETag"), first.Header.Get("Last-Modified")
		if !strings.HasPrefix(etag, `"`) || lm == "" || first.Header.Get("Cache-Control") != "no-cache" {
			t.Fatalf("ETag %q, Last-Modified %q, Cache-Control %q", etag, lm, first.Header.Get("Cache-Control"))
		}
		if r := do("GET", "/assets/css/site.1a2b3c4d.css", "If-None-Match", etag); r.StatusCode != http.StatusNotModified || body(r) != "" {
			t.Errorf("If-None-Match with the ETag = %d", r.StatusCode)
		}
		if r := do("GET", "/assets/css/site.1a2b3c4d.css", "If-None-Match", `"other"`); r.StatusCode != http.StatusOK {
			t.Errorf("If-None-Match with another ETag = %d", r.StatusCode)
		}
		if r := do("GET", "/assets/css/site.1a2b3c4d.css", "If-Modified-Since", lm); r.StatusCode != http.StatusNotModified {
			t.Errorf("If-Modified-Since Last-Modified = %d", r.StatusCode)
		}
		if r := do("GET", "/assets/css/site.1a2b3c4d.css", "If-Modified-Since", "Mon, 02 Jan 2006 15:04:05 GMT"); r.StatusCode != http.StatusOK {
			t.Errorf("If-Modified-Since long ago = %d", r.StatusCode)
		}
		page := do("GET", "/")
		if r := do("GET", "/", "If-None-Match", page.Header.Get("ETag")); r.StatusCode != http.StatusNotModified {
			t.Errorf("If-None-Match on a page = %d", r.StatusCode)
		}
		if r := do("GET", "/robots.txt", "Range", "bytes=0-3"); r.StatusCode != http.StatusPartialContent || body(r) != "User" {
			t.Errorf("Range = %d", r.StatusCode)
		}
	})

	t.Run("folders, 404 and redirects", func(t *testing.T) {
		if r := do("GET", "/years/2013?x=1"); r.StatusCode != http.StatusMovedPermanently || r.Header.Get("Location") != "/years/2013/?x=1" {
			t.Errorf("GET /years/2013 = %d → %q", r.StatusCode, r.Header.Get("Location"))
		}
		r := do("GET", "/no/such/page/")
		b := body(r)
		if r.StatusCode != http.StatusNotFound || !strings.Contains(b, "missing") || !strings.Contains(b, ReloadTag+"\n</HEAD>") {
			t.Errorf("missing page = %d %q", r.StatusCode, b)
		}
		for path, want := range map[string]string{"/old/page/": "/years/2013/", "/old/page": "/years/2013/", "/temp/": "/years/"} {
			r := do("GET", path)
			if (r.StatusCode != http.StatusMovedPermanently && r.StatusCode != http.StatusFound) || r.Header.Get("Location") != want {
				t.Errorf("GET %s = %d → %q, want a redirect to %s", path, r.StatusCode, r.Header.Get("Location"), want)
			}
		}
		for _, p := range []string{"/_redirects", "/_headers", "/_archive/nope", "/_archive/../index.html"} {
			if r := do("GET", p); r.StatusCode != http.StatusNotFound && r.StatusCode != http.StatusBadRequest {
				t.Errorf("GET %s = %d, want it hidden", p, r.StatusCode)
			}
		}
	})
}

func TestLastModifiedFollowsContent(t *testing.T) {
	s := New(Options{})
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	a := newSnapshot(output.Files{"a.css": []byte("a"), "b.css": []byte("b")}, "1", t0)
	b := newSnapshot(output.Files{"a.css": []byte("a"), "b.css": []byte("B")}, "2", t0.Add(time.Hour))
	if got := s.prepare(a, "a.css").modTime; !got.Equal(t0) {
		t.Errorf("first build: %v", got)
	}
	s.prepare(a, "b.css")
	if got := s.prepare(b, "a.css").modTime; !got.Equal(t0) {
		t.Errorf("unchanged file: Last-Modified %v, want %v", got, t0)
	}
	if got := s.prepare(b, "b.css").modTime; !got.Equal(t0.Add(time.Hour)) {
		t.Errorf("changed file: Last-Modified %v, want the new build's", got)
	}
}

func TestInjectReload(t *testing.T) {
	for in, want := range map[string]string{
		"<html><head></head><body></body></html>": "<html><head>" + ReloadTag + "\n</head><body></body></html>",
		"<html><body>x</BODY></html>":             "<html><body>x" + ReloadTag + "\n</BODY></html>",
		"fragment":                                "fragment" + ReloadTag + "\n",
		"<p>a < b</p></head>":                     "<p>a < b</p>" + ReloadTag + "\n</head>",
	} {
		if got := string(injectReload([]byte(in))); got != want {
			t.Errorf("injectReload(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestCSSSwaps(t *testing.T) {
	old := output.Files{"assets/css/site.1a2b3c4d.css": nil, "assets/css/syntax.00000000.css": nil, "index.html": nil}
	cur := output.Files{"assets/css/site.5e6f7a8b.css": nil, "assets/css/syntax.00000000.css": nil, "index.html": nil}
	got := cssSwaps(old, cur)
	if len(got) != 1 || got["/assets/css/site.1a2b3c4d.css"] != "/assets/css/site.5e6f7a8b.css" {
		t.Errorf("cssSwaps = %v", got)
	}
}

// TestAllowHost: a name given with --allow-host is served like localhost,
// in any case and with any port; every other foreign name stays refused.
func TestAllowHost(t *testing.T) {
	f := startFixture(t, func(o *Options) { o.AllowHosts = []string{"Preview-1313.App.Example"} })
	checkHosts(t, f, map[string]int{
		"preview-1313.app.example":        http.StatusOK,
		"PREVIEW-1313.APP.EXAMPLE:443":    http.StatusOK,
		"preview-1313.app.example.":       http.StatusOK,
		"localhost:1313":                  http.StatusOK,
		"other-1313.app.example":          http.StatusForbidden,
		"preview-1313.app.example.evil.x": http.StatusForbidden,
		"evil.example":                    http.StatusForbidden,
	})
}

func TestLoopbackHostOnly(t *testing.T) {
	f := startFixture(t)
	addr := strings.TrimPrefix(f.url, "http://")
	checkHosts(t, f, map[string]int{
		addr:                       http.StatusOK,
		"localhost:1313":           http.StatusOK,
		"LOCALHOST":                http.StatusOK,
		"preview.localhost:1313":   http.StatusOK,
		"127.0.0.2":                http.StatusOK,
		"[::1]:1313":               http.StatusOK,
		"evil.example:1313":        http.StatusForbidden,
		"127.0.0.1.evil.example":   http.StatusForbidden,
		"192.168.1.10:1313":        http.StatusForbidden,
		"localhost.evil.example:1": http.StatusForbidden,
	})
}

// checkHosts requests the home page with each Host header and wants the
// status given for it.
func checkHosts(t *testing.T, f *fixture, want map[string]int) {
	t.Helper()
	for host, code := range want {
		req, _ := http.NewRequest("GET", f.url+"/", nil)
		req.Host = host
		resp, err := f.client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != code {
			t.Errorf("Host %q: %d, want %d", host, resp.StatusCode, code)
		}
	}
}
