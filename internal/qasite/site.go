// Package qasite is the harness the site checks in qa/ share (qa/doc.go):
// it builds the shipped archive (content/ plus one upcoming fixture
// session) once per test binary, serves it on 127.0.0.1 as Netlify would
// with netlify.toml's headers, lists the pages every browser check visits,
// finds the tools (chromium, java, node, tools/sitecheck/node_modules), and
// drives chromium for the browser checks. It is imported by the tests of
// qa/... only.
//
// Each qa package is its own test binary, so each builds the site once;
// the build takes seconds, the checks minutes. A missing tool goes through
// internal/browsertest, which fails the test under CI=true and otherwise
// skips it and names it in the package's one-line summary.
package qasite

import (
	"bytes"
	"compress/gzip"
	"context"
	_ "embed"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"mime"
	"net/http"
	"net/http/httptest"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"text/template"
	"time"

	"github.com/iom-cso/archive/generator"
	"github.com/iom-cso/archive/generator/output"
)

// PageSize is the number of events on a page of an index in the qa build:
// the shipped archive's events fit on one page of site.yaml's size, so the
// build uses pages of 4 instead, for the checks to cover the pages of an
// index and their pager (Global's 10 events make 3 pages).
const PageSize = 4

// Today is the day the tests take as today, as archive build does.
var Today = time.Now().UTC().Truncate(24 * time.Hour)

// upcomingDate is the date of the fixture session, 30 days ahead: it
// stays upcoming however long the tests take.
var upcomingDate = Today.AddDate(0, 0, 30)

// UpcomingPath is the site path of the fixture session.
var UpcomingPath = "/information-sessions/" + upcomingDate.Format("2006-01-02") + "-qa-upcoming-session/"

//go:embed testdata/upcoming-session.md.tmpl
var upcomingTemplate string

var (
	rootOnce sync.Once
	root     string
	rootErr  error
)

// RepoRoot returns the repository's folder: the nearest folder above the
// working directory (go test runs a test in its package's folder) whose
// go.mod declares this module, so that the qa packages can sit at any depth.
func RepoRoot(t testing.TB) string {
	t.Helper()
	rootOnce.Do(func() { root, rootErr = findRoot() })
	if rootErr != nil {
		t.Fatal(rootErr)
	}
	return root
}

func findRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		mod, err := os.ReadFile(filepath.Join(dir, "go.mod"))
		if err == nil && bytes.HasPrefix(mod, []byte("module github.com/iom-cso/archive\n")) {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("qasite: no go.mod of github.com/iom-cso/archive above the working directory: run the qa tests with go test inside the repository")
		}
		dir = parent
	}
}

// Site is a build served on 127.0.0.1.
type Site struct {
	// Files is the build, by file name (404.html, years/2017/index.html).
	Files output.Files
	// Headers are netlify.toml's [[headers]] rules.
	Headers     []HeaderRule
	copies      output.Copies // attachments, read from the content folder
	fileHeaders []HeaderRule  // the build's _headers
	srv         *httptest.Server

	dirOnce sync.Once
	dir     string
	dirErr  error
}

var (
	siteOnce sync.Once
	theSite  *Site
	siteErr  error
)

// Shipped builds content/ with the default theme, plus the upcoming fixture
// session (ShippedContent), and serves it on 127.0.0.1 with netlify.toml's
// headers. It builds once per test binary; the server lives until the
// binary exits.
func Shipped(t testing.TB) *Site {
	t.Helper()
	dir := RepoRoot(t)
	siteOnce.Do(func() {
		rules, err := LoadNetlifyHeaders(filepath.Join(dir, "netlify.toml"))
		if err != nil {
			siteErr = err
			return
		}
		fsys, err := ShippedContent(dir)
		if err != nil {
			siteErr = err
			return
		}
		files, copies, err := generator.Build(context.Background(), generator.Config{
			Content:    fsys,
			ContentDir: "content",
			Today:      Today,
			PageSize:   PageSize,
		})
		if err != nil {
			siteErr = err
			return
		}
		theSite, siteErr = ServeBuild(files, copies, rules)
	})
	if siteErr != nil {
		t.Fatalf("building the shipped archive: %v", siteErr)
	}
	return theSite
}

// ShippedContent is the content/ folder of the repository at root as it
// is, with one record added on top of it: testdata/upcoming-session.md.tmpl,
// dated 30 days after Today. The archive ships no session still to come
// (its records are facts, and the facts are of meetings held), so without
// it the pages of an upcoming event would never be checked. content/ is
// read into memory, which keeps the folder itself untouched; it holds text
// and a few small attachments.
func ShippedContent(root string) (fs.FS, error) {
	dir := os.DirFS(filepath.Join(root, "content"))
	fsys := fstest.MapFS{}
	err := fs.WalkDir(dir, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(dir, p)
		if err != nil {
			return err
		}
		fsys[p] = &fstest.MapFile{Data: data, Mode: 0o644}
		return nil
	})
	if err != nil {
		return nil, err
	}
	tmpl, err := template.New("upcoming-session.md.tmpl").Parse(upcomingTemplate)
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	if err := tmpl.Execute(&b, map[string]string{"Date": upcomingDate.Format("2006-01-02"), "Today": Today.Format("2006-01-02")}); err != nil {
		return nil, err
	}
	name := strings.Trim(UpcomingPath, "/") + ".md"
	if _, ok := fsys[name]; ok {
		return nil, fmt.Errorf("content/%s exists: the qa fixture would replace it", name)
	}
	fsys[name] = &fstest.MapFile{Data: b.Bytes(), Mode: 0o644}
	return fsys, nil
}

// ServeFiles serves files on 127.0.0.1 with the header rules, until the
// test binary exits.
func ServeFiles(files output.Files, rules []HeaderRule) *Site {
	s := &Site{Files: files, Headers: rules}
	s.srv = httptest.NewServer(s)
	return s
}

// ServeBuild serves a build, its attachments and the rules of its own
// _headers besides netlify.toml's, as Netlify does.
func ServeBuild(files output.Files, copies output.Copies, rules []HeaderRule) (*Site, error) {
	fileRules, err := ParseHeadersFile(files["_headers"])
	if err != nil {
		return nil, err
	}
	s := &Site{Files: files, copies: copies, Headers: rules, fileHeaders: fileRules}
	s.srv = httptest.NewServer(s)
	return s, nil
}

// Close stops serving the site.
func (s *Site) Close() { s.srv.Close() }

// URL returns the served address of a site path.
func (s *Site) URL(p string) string { return s.srv.URL + p }

// Dir writes the build to a temporary folder once, for tools that read files.
func (s *Site) Dir(t testing.TB) string {
	t.Helper()
	s.dirOnce.Do(func() {
		s.dir, s.dirErr = os.MkdirTemp("", "archive-qa-")
		if s.dirErr == nil {
			out := filepath.Join(s.dir, "public")
			s.dirErr = output.Write(out, s.Files, s.copies)
			s.dir = out
		}
	})
	if s.dirErr != nil {
		t.Fatal(s.dirErr)
	}
	return s.dir
}

// HTMLPages lists the site path of every HTML page of the build, sorted.
func (s *Site) HTMLPages() []string {
	var out []string
	for p := range s.Files {
		if !strings.HasSuffix(p, ".html") {
			continue
		}
		switch {
		case p == "index.html":
			out = append(out, "/")
		case strings.HasSuffix(p, "/index.html"):
			out = append(out, "/"+strings.TrimSuffix(p, "index.html"))
		default:
			out = append(out, "/"+p)
		}
	}
	sort.Strings(out)
	return out
}

// File returns the file the site serves at sitePath (a folder's
// index.html), without the query, and whether the build has it.
func (s *Site) File(sitePath string) ([]byte, bool) {
	name, _, _ := strings.Cut(strings.TrimPrefix(sitePath, "/"), "?")
	if name == "" || strings.HasSuffix(name, "/") {
		name += "index.html"
	}
	b, ok := s.Files[name]
	return b, ok
}

// ServeHTTP serves the build as Netlify does: pretty URLs (a folder's
// index.html, /x redirected to /x/), 404.html with status 404, the headers of
// netlify.toml (later rules override earlier ones for the same name) and
// then those of the build's _headers (added: a name both set, such as
// Content-Security-Policy, is sent twice, and browsers enforce both), its
// default Cache-Control, and gzip for text.
func (s *Site) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	p := path.Clean(r.URL.Path)
	if strings.HasSuffix(r.URL.Path, "/") && p != "/" {
		p += "/"
	}
	name := strings.TrimPrefix(p, "/")
	if name == "" || strings.HasSuffix(name, "/") {
		name += "index.html"
	}
	status := http.StatusOK
	body, ok := s.Files[name]
	if ok && (name == "_redirects" || name == "_headers") {
		ok = false // Netlify reads these; it does not serve them
	}
	if c, copied := s.copies[name]; copied && !ok {
		f, err := c.Open()
		if err == nil {
			body, err = io.ReadAll(f)
			f.Close()
		}
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		ok = true
	}
	if !ok {
		if _, dir := s.Files[name+"/index.html"]; dir {
			u := *r.URL
			u.Path = p + "/"
			http.Redirect(w, r, u.String(), http.StatusMovedPermanently)
			return
		}
		name, status = "404.html", http.StatusNotFound
		// An address under a language's folder gets that language's 404
		// page, as the build's _redirects (/fr/* /fr/404.html 404) give it.
		if seg, _, cut := strings.Cut(strings.TrimPrefix(p, "/"), "/"); cut && seg != "" {
			if _, lang := s.Files[seg+"/404.html"]; lang {
				name = seg + "/404.html"
			}
		}
		body = s.Files[name]
	}
	h := w.Header()
	ctype := mime.TypeByExtension(path.Ext(name))
	switch path.Ext(name) {
	case ".html":
		ctype = "text/html; charset=utf-8"
	case ".xml":
		ctype = "application/xml; charset=utf-8"
	case ".ics":
		ctype = "text/calendar; charset=utf-8"
	case ".txt", "":
		ctype = "text/plain; charset=utf-8"
	}
	if ctype == "" {
		ctype = "application/octet-stream"
	}
	h.Set("Content-Type", ctype)
	h.Set("Cache-Control", "public, max-age=0, must-revalidate")
	for _, rule := range s.Headers {
		if rule.Match(r.URL.Path) {
			for k, v := range rule.Values {
				h.Set(k, v)
			}
		}
	}
	for _, rule := range s.fileHeaders {
		if rule.Match(r.URL.Path) {
			for k, v := range rule.Values {
				h.Add(k, v)
			}
		}
	}
	if compressible(h.Get("Content-Type")) && strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
		var buf bytes.Buffer
		zw := gzip.NewWriter(&buf)
		zw.Write(body)
		zw.Close()
		body = buf.Bytes()
		h.Set("Content-Encoding", "gzip")
		h.Add("Vary", "Accept-Encoding")
	}
	h.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		w.Write(body)
	}
}

func compressible(ctype string) bool {
	for _, p := range []string{"text/", "application/javascript", "application/json", "application/xml", "application/atom+xml", "image/svg+xml"} {
		if strings.HasPrefix(ctype, p) {
			return true
		}
	}
	return false
}
