package generator_test

import (
	"bytes"
	"context"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/iom-cso/archive/generator"
	"github.com/iom-cso/archive/generator/content"
	"github.com/iom-cso/archive/generator/output"
	"github.com/iom-cso/archive/internal/golden"
)

var today = time.Date(2026, 1, 15, 0, 0, 0, 0, time.UTC)

func fixtureConfig(t testing.TB, drafts bool) generator.Config {
	t.Helper()
	return generator.Config{Content: os.DirFS("testdata/site"), ContentDir: "testdata/site", Drafts: drafts, Today: today}
}

func build(t testing.TB, cfg generator.Config) output.Files {
	t.Helper()
	files, _ := buildAll(t, cfg)
	return files
}

// pageOf returns the file p of a build as a string; a test fails at once
// when the build has no such file.
func pageOf(t testing.TB, files output.Files, p string) string {
	t.Helper()
	data, ok := files[p]
	if !ok {
		t.Fatalf("no %s", p)
	}
	return string(data)
}

// buildAll builds cfg and returns the generated files and the copied ones.
func buildAll(t testing.TB, cfg generator.Config) (output.Files, output.Copies) {
	t.Helper()
	files, copies, err := generator.Build(context.Background(), cfg)
	if err != nil {
		t.Fatalf("Build: %v", err)
	}
	return files, copies
}

// TestGolden builds the fixture site and compares every output file with
// testdata/golden. Run with -update to accept a deliberate change. The
// theme's fingerprinted assets (assets/, the search index among them) are
// left out, so that a change of CSS or JavaScript renames no golden file:
// the theme's tests check the fingerprints and the search tests the index.
func TestGolden(t *testing.T) {
	built, copies := buildAll(t, fixtureConfig(t, false))
	files := map[string][]byte{}
	for p, b := range built {
		if !strings.HasPrefix(p, "assets/") {
			files[p] = b
		}
	}
	// The attachments are compared like the generated files.
	for p, c := range copies {
		f, err := c.Open()
		if err != nil {
			t.Fatal(err)
		}
		files[p], err = io.ReadAll(f)
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
	}
	golden.CheckTree(t, "testdata/golden", files)
}

func TestEveryPageTypeExists(t *testing.T) {
	files, copies := buildAll(t, fixtureConfig(t, false))
	// A bundle attachment is copied beside its page.
	if c, ok := copies["regional-consultations/2017-africa-bamako/report.pdf"]; !ok || c.Name != "regional-consultations/2017-africa-bamako/report.pdf" || c.Size != 60 {
		t.Errorf("attachment copy = %+v, %v", c, ok)
	}
	for _, p := range []string{
		"index.html", "404.html", "about/index.html",
		"annual-consultations/index.html", "regional-consultations/index.html",
		"information-sessions/index.html", // a kind with no events yet still has its index
		"annual-consultations/2013-migrants/index.html",
		"annual-consultations/2013-migrants/2013-migrants.ics",
		"regional-consultations/2017-africa-bamako/index.html",
		"years/index.html", "years/2013/index.html", "years/2017/index.html",
		"regions/index.html", "regions/global/index.html", "regions/africa/index.html", "regions/asia-pacific/index.html",
		"feed.xml", "calendar.ics", "sitemap.xml", "robots.txt", "_redirects",
	} {
		if _, ok := files[p]; !ok {
			t.Errorf("missing %s", p)
		}
	}
	if !strings.Contains(string(files["information-sessions/index.html"]), "Sessions held several times a year since 2018.") {
		t.Error("empty kind index does not show the kind's description")
	}
	// The aliases (the French pages' too), then each other language's 404 page.
	if got := string(files["_redirects"]); got != "/2013/ /annual-consultations/2013-migrants/ 301\n/about-us/ /about/ 301\n"+
		"/fr/2013/ /fr/annual-consultations/2013-migrants/ 301\n/fr/about-us/ /fr/about/ 301\n/fr/* /fr/404.html 404\n/es/* /es/404.html 404\n" {
		t.Errorf("_redirects = %q", got)
	}
}

func TestDrafts(t *testing.T) {
	files := build(t, fixtureConfig(t, false))
	if _, ok := files["annual-consultations/2015-draft/index.html"]; ok {
		t.Error("draft built without --drafts")
	}
	if strings.Contains(string(files["_headers"]), "X-Robots-Tag") {
		t.Error("noindex header written without --drafts")
	}
	files = build(t, fixtureConfig(t, true))
	page := string(files["annual-consultations/2015-draft/index.html"])
	if !strings.Contains(page, "This page is a draft") {
		t.Error("draft page has no draft banner")
	}
	if !strings.Contains(string(files["index.html"]), "Preview: this build includes drafts") {
		t.Error("preview build has no preview banner")
	}
	if got := string(files["_headers"]); !strings.Contains(got, "X-Robots-Tag: noindex") {
		t.Errorf("_headers = %q, want X-Robots-Tag: noindex", got)
	}
	if !strings.Contains(string(files["robots.txt"]), "Disallow: /") {
		t.Error("preview robots.txt does not disallow crawling")
	}
	if !strings.Contains(page, `<meta name="robots" content="noindex">`) {
		t.Error("preview page lacks a noindex meta tag")
	}
}

func TestBaseURLOverride(t *testing.T) {
	cfg := fixtureConfig(t, true)
	cfg.BaseURL = "https://deploy-preview-7--fixture.example.net"
	files := build(t, cfg)
	if !strings.Contains(string(files["annual-consultations/2013-migrants/index.html"]), `<link rel="canonical" href="https://deploy-preview-7--fixture.example.net/annual-consultations/2013-migrants/">`) {
		t.Error("canonical URL does not use --base-url")
	}
}

func TestDeterministic(t *testing.T) {
	a := build(t, fixtureConfig(t, true))
	for range 3 {
		b := build(t, fixtureConfig(t, true))
		if len(a) != len(b) {
			t.Fatalf("builds differ in file count: %d vs %d", len(a), len(b))
		}
		for p := range a {
			if !bytes.Equal(a[p], b[p]) {
				t.Fatalf("%s differs between two builds of the same input", p)
			}
		}
	}
}

// TestEscaping: a title with markup is escaped everywhere it appears, and
// raw HTML in Markdown never reaches the output (javascript: links do not
// build at all: TestUnsafeMarkdown).
func TestEscaping(t *testing.T) {
	files := build(t, fixtureConfig(t, false))
	for _, p := range files.Paths() {
		if strings.HasPrefix(p, "assets/") || strings.HasSuffix(p, ".pdf") || strings.HasSuffix(p, ".ics") {
			continue
		}
		s := string(files[p])
		if strings.Contains(s, "<script>alert") || strings.Contains(s, "<b>markup") {
			t.Errorf("%s: unescaped markup from content", p)
		}
		if strings.Contains(strings.ToLower(s), "javascript:") {
			t.Errorf("%s: javascript: URL in output", p)
		}
		if strings.Contains(s, "<em>raw</em>") {
			t.Errorf("%s: raw HTML from Markdown rendered", p)
		}
	}
	// The escaped title is present where it should be.
	for _, p := range []string{"annual-consultations/2014-script/index.html", "years/2014/index.html", "feed.xml", "index.html"} {
		if !strings.Contains(string(files[p]), "&lt;script&gt;alert(") {
			t.Errorf("%s: escaped title not found", p)
		}
	}
	if !strings.Contains(string(files["calendar.ics"]), "SUMMARY:<script>alert('x')</script> & Co") {
		t.Error("calendar.ics: title not carried as plain text")
	}
	// html/template escapes inside the JSON-LD script too.
	ev := string(files["annual-consultations/2014-script/index.html"])
	if !strings.Contains(ev, `\u003cscript\u003e`) {
		t.Error("JSON-LD: title not escaped inside the script element")
	}
}

func TestUnsafeMarkdown(t *testing.T) {
	fsys := fstest.MapFS{}
	base := os.DirFS("testdata/site")
	_ = fs.WalkDir(base, ".", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			b, _ := fs.ReadFile(base, p)
			fsys[p] = &fstest.MapFile{Data: b}
		}
		return err
	})
	fsys["site.yaml"].Data = []byte(strings.Replace(string(fsys["site.yaml"].Data), "theme: default\n", "theme: default\nmarkdown:\n  unsafe: true\n", 1))
	files := build(t, generator.Config{Content: fsys, Today: today})
	page := string(files["annual-consultations/2014-script/index.html"])
	if !strings.Contains(page, "<em>raw</em>") {
		t.Error("markdown.unsafe: true does not render raw HTML")
	}
	// unsafe is about raw HTML only: a javascript: link still fails the
	// build, as check reports it.
	fsys["annual-consultations/2014-script.md"].Data = append(fsys["annual-consultations/2014-script.md"].Data, "[x](javascript:alert(1))\n"...)
	_, _, err := generator.Build(context.Background(), generator.Config{Content: fsys, Today: today})
	if err == nil || !strings.Contains(err.Error(), "content/annual-consultations/2014-script.md:9:1: link to a javascript: address is dropped from the page; link to a web page instead") {
		t.Errorf("build with a javascript: link: %v", err)
	}
}

func TestDuplicateURLs(t *testing.T) {
	fsys := minimalSite()
	fsys["annual-consultations/2013-a.md"] = event("A", "2013-01-01")
	fsys["annual-consultations/2013-a/index.md"] = event("B", "2013-02-01")
	fsys["years.md"] = &fstest.MapFile{Data: []byte("---\ntitle: Years\n---\n")}
	_, _, err := generator.Build(context.Background(), generator.Config{Content: fsys})
	got := messages(t, err)
	want := []string{
		"content/annual-consultations/2013-a/index.md:1:1: event /annual-consultations/2013-a/ has the address of the event made by content/annual-consultations/2013-a.md: two files cannot make one address; rename one of them (a file's name, or its bundle folder's, is the address)",
		"content/years.md:1:1: page /years/ would take the address of a page the site generates (/years/): rename this file (its name is the address)",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("errors:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func messages(t *testing.T, err error) []string {
	t.Helper()
	list, ok := err.(content.List)
	if !ok {
		t.Fatalf("error %v (%T) is not a content.List", err, err)
	}
	var out []string
	for _, e := range list {
		out = append(out, e.Error())
	}
	sort.Strings(out)
	return out
}

func minimalSite() fstest.MapFS {
	return fstest.MapFS{
		"site.yaml": &fstest.MapFile{Data: []byte("title: T\nbase_url: https://x.example/\nkinds:\n  - {key: annual-consultation, folder: annual-consultations, name: Annual}\nregions:\n  - {key: global, name: Global}\n")},
	}
}

func event(title, date string) *fstest.MapFile {
	return &fstest.MapFile{Data: []byte("---\ntitle: " + title + "\ndate: " + date + "\nlocation: Geneva\nregion: global\nsummary: S.\n---\nBody.\n")}
}

// TestFailedBuildKeepsPublic: a failed build leaves the previous output
// byte-identical, and a good build removes stale files.
func TestFailedBuildKeepsPublic(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "public")
	fsys := minimalSite()
	fsys["annual-consultations/2013-a.md"] = event("A", "2013-01-01")
	fsys["annual-consultations/2013-b.md"] = event("B", "2013-02-01")
	files, copies, err := generator.Build(context.Background(), generator.Config{Content: fsys})
	if err != nil {
		t.Fatal(err)
	}
	if err := output.Write(dir, files, copies); err != nil {
		t.Fatal(err)
	}
	before := snapshot(t, dir)

	fsys["annual-consultations/2013-b.md"] = &fstest.MapFile{Data: []byte("---\ntitle: [broken\n---\n")}
	if _, _, err := generator.Build(context.Background(), generator.Config{Content: fsys}); err == nil {
		t.Fatal("broken content built")
	}
	if after := snapshot(t, dir); !equalTrees(before, after) {
		t.Fatal("failed build changed the output folder")
	}

	delete(fsys, "annual-consultations/2013-b.md")
	files, copies, err = generator.Build(context.Background(), generator.Config{Content: fsys})
	if err != nil {
		t.Fatal(err)
	}
	if err := output.Write(dir, files, copies); err != nil {
		t.Fatal(err)
	}
	after := snapshot(t, dir)
	if _, ok := after["annual-consultations/2013-b/index.html"]; ok {
		t.Error("stale page of a deleted event survived a good build")
	}
	if _, ok := after["annual-consultations/2013-a/index.html"]; !ok {
		t.Error("good build lost a page")
	}
	// Beside public/: public/ and .public.archive/ (the lock and the
	// record, no temporary tree).
	entries, _ := os.ReadDir(filepath.Dir(dir))
	state, _ := os.ReadDir(filepath.Join(filepath.Dir(dir), ".public.archive"))
	if len(entries) != 2 || len(state) != 2 {
		t.Errorf("temporary folders left beside the output: %v, %v", entries, state)
	}
}

func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	m := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		m[filepath.ToSlash(rel)] = string(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func equalTrees(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

func TestMarkdownLimitPosition(t *testing.T) {
	fsys := minimalSite()
	fsys["annual-consultations/2013-a.md"] = &fstest.MapFile{Data: []byte("---\ntitle: A\ndate: 2013-01-01\nlocation: Geneva\nregion: global\nsummary: S.\n---\nFirst paragraph.\n\n" + strings.Repeat(">", 200) + " deep\n")}
	_, _, err := generator.Build(context.Background(), generator.Config{Content: fsys})
	got := messages(t, err)
	want := "content/annual-consultations/2013-a.md:10: markdown nested too deeply (more than 100 levels)"
	if len(got) != 1 || got[0] != want {
		t.Errorf("got %q, want %q", got, want)
	}
}
