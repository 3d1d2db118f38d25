package qa

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"io"
	"io/fs"
	"mime"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
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
	"github.com/iom-cso/archive/internal/browsertest"
)

// repoRoot is the repository, seen from this package's folder (go test runs
// tests in the package's folder).
const repoRoot = ".."

// qaPageSize is the number of events on a page of an index in the qa
// build: the shipped archive's 17 events fit on one page of site.yaml's
// size, so the build uses pages of 4 instead, for the checks to cover
// the pages of an index and their pager (Global's 10 events make 3 pages).
const qaPageSize = 4

// builtSite is the shipped archive, built once for every test of the package.
type builtSite struct {
	files       output.Files
	copies      output.Copies // attachments, read from the content folder
	headers     []headerRule  // netlify.toml's
	fileHeaders []headerRule  // the build's _headers
	srv         *httptest.Server

	dirOnce sync.Once
	dir     string
	dirErr  error
}

var (
	siteOnce sync.Once
	theSite  *builtSite
	siteErr  error
)

// shippedSite builds content/ with the default theme and serves it on
// 127.0.0.1 with netlify.toml's headers. The server lives until the test
// binary exits.
func shippedSite(t testing.TB) *builtSite {
	t.Helper()
	siteOnce.Do(func() {
		rules, err := loadNetlifyHeaders(filepath.Join(repoRoot, "netlify.toml"))
		if err != nil {
			siteErr = err
			return
		}
		fsys, err := shippedContent()
		if err != nil {
			siteErr = err
			return
		}
		files, copies, err := generator.Build(context.Background(), generator.Config{
			Content:    fsys,
			ContentDir: "content",
			Today:      qaToday,
			PageSize:   qaPageSize,
		})
		if err != nil {
			siteErr = err
			return
		}
		theSite, siteErr = serveBuild(files, copies, rules)
	})
	if siteErr != nil {
		t.Fatalf("building the shipped archive: %v", siteErr)
	}
	return theSite
}

// qaToday is the day the tests take as today, as archive build does.
var qaToday = time.Now().UTC().Truncate(24 * time.Hour)

// upcomingDate is the date of the fixture session, 30 days ahead: it
// stays upcoming however long the tests take.
var upcomingDate = qaToday.AddDate(0, 0, 30)

// upcomingPath is the site path of the fixture session.
var upcomingPath = "/information-sessions/" + upcomingDate.Format("2006-01-02") + "-qa-upcoming-session/"

// shippedContent is content/ as it is, with one record added on top of
// it: testdata/upcoming-session.md.tmpl, dated upcomingDate. The archive
// ships no session still to come (its records are facts, and the facts
// are of meetings held), so without it the pages of an upcoming event
// would never be checked. content/ is read into memory, which keeps the
// folder itself untouched; it holds text and a few small attachments.
func shippedContent() (fs.FS, error) {
	dir := os.DirFS(filepath.Join(repoRoot, "content"))
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
	tmpl, err := template.ParseFiles(filepath.Join("testdata", "upcoming-session.md.tmpl"))
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	if err := tmpl.Execute(&b, map[string]string{"Date": upcomingDate.Format("2006-01-02"), "Today": qaToday.Format("2006-01-02")}); err != nil {
		return nil, err
	}
	name := strings.Trim(upcomingPath, "/") + ".md"
	if _, ok := fsys[name]; ok {
		return nil, fmt.Errorf("content/%s exists: the qa fixture would replace it", name)
	}
	fsys[name] = &fstest.MapFile{Data: b.Bytes(), Mode: 0o644}
	return fsys, nil
}

// serveFiles serves files on 127.0.0.1 with the header rules, until the test
// binary exits.
func serveFiles(files output.Files, rules []headerRule) *builtSite {
	s := &builtSite{files: files, headers: rules}
	s.srv = httptest.NewServer(s)
	return s
}

// serveBuild serves a build, its attachments and the rules of its own
// _headers besides netlify.toml's, as Netlify does.
func serveBuild(files output.Files, copies output.Copies, rules []headerRule) (*builtSite, error) {
	fileRules, err := parseHeadersFile(files["_headers"])
	if err != nil {
		return nil, err
	}
	s := &builtSite{files: files, copies: copies, headers: rules, fileHeaders: fileRules}
	s.srv = httptest.NewServer(s)
	return s, nil
}

// URL returns the served address of a site path.
func (s *builtSite) URL(p string) string { return s.srv.URL + p }

// Dir writes the build to a temporary folder once, for tools that read files.
func (s *builtSite) Dir(t testing.TB) string {
	t.Helper()
	s.dirOnce.Do(func() {
		s.dir, s.dirErr = os.MkdirTemp("", "archive-qa-")
		if s.dirErr == nil {
			out := filepath.Join(s.dir, "public")
			s.dirErr = output.Write(out, s.files, s.copies)
			s.dir = out
		}
	})
	if s.dirErr != nil {
		t.Fatal(s.dirErr)
	}
	return s.dir
}

// HTMLPages lists the site path of every HTML page of the build, sorted.
func (s *builtSite) HTMLPages() []string {
	var out []string
	for p := range s.files {
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

// ServeHTTP serves the build as Netlify does: pretty URLs (a folder's
// index.html, /x redirected to /x/), 404.html with status 404, the headers of
// netlify.toml (later rules override earlier ones for the same name) and
// then those of the build's _headers (added: a name both set, such as
// Content-Security-Policy, is sent twice, and browsers enforce both), its
// default Cache-Control, and gzip for text.
func (s *builtSite) ServeHTTP(w http.ResponseWriter, r *http.Request) {
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
	body, ok := s.files[name]
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
		if _, dir := s.files[name+"/index.html"]; dir {
			u := *r.URL
			u.Path = p + "/"
			http.Redirect(w, r, u.String(), http.StatusMovedPermanently)
			return
		}
		name, status = "404.html", http.StatusNotFound
		// An address under a language's folder gets that language's 404
		// page, as the build's _redirects (/fr/* /fr/404.html 404) give it.
		if seg, _, cut := strings.Cut(strings.TrimPrefix(p, "/"), "/"); cut && seg != "" {
			if _, lang := s.files[seg+"/404.html"]; lang {
				name = seg + "/404.html"
			}
		}
		body = s.files[name]
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
	for _, rule := range s.headers {
		if rule.match(r.URL.Path) {
			for k, v := range rule.values {
				h.Set(k, v)
			}
		}
	}
	for _, rule := range s.fileHeaders {
		if rule.match(r.URL.Path) {
			for k, v := range rule.values {
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

// inCI reports whether a missing tool must fail the test rather than skip it.
func inCI() bool { return browsertest.InCI() }

// missing fails (under CI) or skips (elsewhere) a test that lacks a tool.
func missing(t testing.TB, format string, args ...any) {
	t.Helper()
	browsertest.Missing(t, format, args...)
}

// chromePath finds Debian's chromium, or the browser CHROME_PATH names.
func chromePath(t testing.TB) string { return browsertest.Path(t) }

// sitecheck returns the path of a file under tools/sitecheck/node_modules.
func sitecheck(t testing.TB, rel string) string {
	t.Helper()
	p, err := filepath.Abs(filepath.Join(repoRoot, "tools", "sitecheck", "node_modules", rel))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(p); err != nil {
		missing(t, "%s is missing: cd tools/sitecheck && PUPPETEER_SKIP_DOWNLOAD=1 npm ci --ignore-scripts", rel)
	}
	return p
}

// lookTool finds a program on PATH.
func lookTool(t testing.TB, name, hint string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		missing(t, "%s is not installed: %s", name, hint)
	}
	return p
}

// chromeFlags are the flags chromium runs with here (browsertest.Flags),
// plus those that make screenshots and Lighthouse runs repeatable.
var chromeFlags = append(append([]string(nil), browsertest.Flags...),
	"--disable-extensions", "--hide-scrollbars", "--mute-audio", "--force-color-profile=srgb")

// checkedPage is one of the page types every browser check visits.
type checkedPage struct {
	Name   string // file-name friendly
	Path   string // site path with query
	Status int
}

// checkedPages are the page types the quality bars name: home, an event, a year, a
// region, a kind, a later page of a paginated index, search with a query
// (once the theme has a search page), the directory of organizations, an
// organization, the topics and a topic, about and the 404 page; and an event
// still to come (the fixture of shippedContent) and the page on following
// the archive.
func (s *builtSite) checkedPages() []checkedPage {
	pages := []checkedPage{
		{"home", "/", 200},
		{"event", "/regional-consultations/2017-africa-bamako/", 200},
		{"upcoming", upcomingPath, 200},
		{"year", "/years/2017/", 200},
		{"region", "/regions/africa/", 200},
		{"kind", "/annual-consultations/", 200},
		// A middle page of a paginated index: previous and next links,
		// the pager's current page.
		{"paged", "/regions/global/page/2/", 200},
	}
	if _, ok := s.files["search/index.html"]; ok {
		pages = append(pages, checkedPage{"search", "/search/?q=migration", 200})
	}
	// The directory of organizations and the topic index, with one page
	// of each (issue 12).
	if _, ok := s.files["organizations/index.html"]; ok {
		pages = append(pages, checkedPage{"organizations", "/organizations/", 200}, checkedPage{"organization", "/organizations/icva/", 200})
	}
	if _, ok := s.files["topics/index.html"]; ok {
		pages = append(pages, checkedPage{"topics", "/topics/", 200}, checkedPage{"topic", "/topics/global-compact-migration/", 200})
	}
	pages = append(pages,
		checkedPage{"follow", "/follow/", 200},
		checkedPage{"about", "/about/", 200},
		checkedPage{"404", "/no/such/page/", 404},
	)
	// The French and Spanish sites (site.yaml's languages:): a home, an
	// event, a year, search and the 404 page of each, which _redirects
	// gives an address under /fr/ or /es/ that nothing answers.
	for _, lang := range []string{"fr", "es"} {
		if _, ok := s.files[lang+"/index.html"]; !ok {
			continue
		}
		pages = append(pages,
			checkedPage{lang + "-home", "/" + lang + "/", 200},
			checkedPage{lang + "-event", "/" + lang + "/regional-consultations/2017-africa-bamako/", 200},
			checkedPage{lang + "-year", "/" + lang + "/years/2017/", 200},
			checkedPage{lang + "-search", "/" + lang + "/search/?q=migration", 200},
			checkedPage{lang + "-404", "/" + lang + "/no/such/page/", 404},
		)
	}
	// QA_PAGES=search,home narrows a local run to those pages while
	// working on them; CI always checks them all.
	if only := os.Getenv("QA_PAGES"); only != "" && !inCI() {
		var some []checkedPage
		for _, p := range pages {
			if strings.Contains(","+only+",", ","+p.Name+",") {
				some = append(some, p)
			}
		}
		pages = some
	}
	return pages
}

func TestCheckedPagesExist(t *testing.T) {
	s := shippedSite(t)
	for _, p := range s.checkedPages() {
		resp, err := http.Get(s.URL(p.Path))
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != p.Status {
			t.Errorf("GET %s: status %d, want %d", p.Path, resp.StatusCode, p.Status)
		}
		if csp := resp.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "default-src 'self'") {
			t.Errorf("GET %s: Content-Security-Policy %q, want netlify.toml's", p.Path, csp)
		}
	}
}
