package search_test

import (
	"context"
	"os"
	"path"
	"regexp"
	"strings"
	"testing"

	"github.com/iom-cso/archive/generator"
	"github.com/iom-cso/archive/generator/output"
)

// TestSearchPage checks the built search page without a browser: what it
// says without JavaScript, how it loads its script, and the header box on
// every page.
func TestSearchPage(t *testing.T) {
	files := buildFixture(t)
	page := string(files["search/index.html"])
	noscript := regexp.MustCompile(`(?s)<noscript>(.*?)</noscript>`).FindStringSubmatch(page)
	if noscript == nil || !strings.Contains(noscript[1], `href="/years/"`) || !strings.Contains(noscript[1], `href="/regions/"`) ||
		!strings.Contains(noscript[1], "Search needs JavaScript") {
		t.Errorf("no-JavaScript message: %q", noscript)
	}
	scripts := regexp.MustCompile(`<script[^>]*>`).FindAllString(page, -1)
	if len(scripts) != 1 || !regexp.MustCompile(`^<script type="module" src="/assets/js/search/ui\.[0-9a-f]{8}\.js">$`).MatchString(scripts[0]) {
		t.Errorf("scripts: %q (want one module from /assets/, nothing inline)", scripts)
	}
	// The modules import each other by their published names.
	imports := regexp.MustCompile(`(?m)^(?:import|export) [^;]*? from '(\./[^']+)';$`)
	for _, name := range []string{"ui", "query"} {
		p := strings.TrimPrefix(moduleURL(t, files, name), "/")
		deps := imports.FindAllStringSubmatch(string(files[p]), -1)
		if len(deps) == 0 {
			t.Errorf("%s imports nothing", p)
		}
		for _, m := range deps {
			if dep := path.Join(path.Dir(p), m[1]); files[dep] == nil {
				t.Errorf("%s imports %s, which the build did not write", p, m[1])
			}
		}
	}
	if strings.Contains(page, "style=") || strings.Contains(page, "<style") {
		t.Error("inline style on the search page")
	}
	for _, want := range []string{`<label class="search-label" for="search-q">`, `id="search-q"`, `name="q"`, `role="status" aria-live="polite"`,
		`<select id="search-year" name="year"`, `<select id="search-region" name="region"`, `<select id="search-kind" name="kind"`,
		`<option value="2018" data-label="2018">2018</option>`, `<option value="africa" data-label="Africa">Africa</option>`} {
		if !strings.Contains(page, want) {
			t.Errorf("search page lacks %s", want)
		}
	}
	dir := indexDir(t, files)
	if _, ok := files[dir+"meta.json"]; !ok || !strings.HasPrefix(dir, "assets/search/") {
		t.Errorf("index folder %s has no meta.json", dir)
	}
	header := regexp.MustCompile(`(?s)<form class="header-search" action="/search/" method="get" role="search" aria-label="[^"]+">\s*<label class="visually-hidden" for="header-search-q">[^<]+</label>\s*<input id="header-search-q" [^>]*name="q"`)
	n := 0
	for p, data := range files {
		if !strings.HasSuffix(p, ".html") {
			continue
		}
		n++
		if !header.Match(data) {
			t.Errorf("%s: no header search form", p)
		}
	}
	if n < 20 {
		t.Errorf("only %d pages", n)
	}
}

// TestHitTemplate checks that the search page's <template id="search-hit">,
// which ui.js fills with each result, writes an event as
// partials/event-item.html does in the lists, with what a result adds:
// the region after the kind (a name, not a link) and an excerpt for the
// summary. A change to one that is not made to the other fails here.
//
// On the French search page of a site in three languages, the template
// holds the label of English, which ui.js keeps for an English result: the
// same markup as an untranslated record in the French lists.
func TestHitTemplate(t *testing.T) {
	files := buildFixture(t)
	testHitTemplate(t, files, "search/index.html", "index.html", "")
	multi, _, err := generator.Build(context.Background(), generator.Config{Content: os.DirFS("../testdata/site"), ContentDir: "../testdata/site"})
	if err != nil {
		t.Fatal(err)
	}
	testHitTemplate(t, multi, "fr/search/index.html", "fr/years/2017/index.html", "lang-badge")
	if page := string(multi["fr/search/index.html"]); !strings.Contains(page, `<span class="badge lang-badge" data-lang="en">En anglais</span>`) {
		t.Error("the French search page has no label for English results")
	}
	if page := string(multi["search/index.html"]); strings.Contains(page, "data-lang=") {
		t.Error("the English search page has a label for results in another language, though it has none")
	}
}

// testHitTemplate compares the hit template of searchPage with the first
// list item of listPage that holds with.
func testHitTemplate(t *testing.T, files output.Files, searchPage, listPage, with string) {
	t.Helper()
	hit := regexp.MustCompile(`(?s)<template id="search-hit">(.*?)</template>`).FindStringSubmatch(string(files[searchPage]))
	var item string
	for _, li := range regexp.MustCompile(`(?s)<li class="event-item">.*?</li>`).FindAllString(string(files[listPage]), -1) {
		if strings.Contains(li, with) {
			item = li
			break
		}
	}
	if hit == nil || item == "" {
		t.Fatalf("template %q, list item %q", hit, item)
	}
	want := strings.NewReplacer(
		"li.event-item ", "li.event-item search-hit ",
		"a.kind-tag /a /p", `span.kind-tag /span span.sep[true] /span span /span /p`,
		"p.event-summary ", "p.event-summary search-excerpt ",
	).Replace(skeleton(item))
	if got := skeleton(hit[1]); got != want {
		t.Errorf("the search page's template is\n%s\nwhere partials/event-item.html gives\n%s", got, want)
	}
	if !strings.Contains(hit[1], `data-field="excerpt"`) {
		t.Error("the template has no excerpt field")
	}
}

// skeleton returns the tags of an HTML fragment with their classes (and
// aria-hidden values), without text and other attributes.
func skeleton(html string) string {
	attr := regexp.MustCompile(`(class|aria-hidden)="([^"]*)"`)
	var b strings.Builder
	for _, m := range regexp.MustCompile(`<(/?)([a-z0-9]+)([^>]*)>`).FindAllStringSubmatch(html, -1) {
		b.WriteString(m[1] + m[2])
		for _, a := range attr.FindAllStringSubmatch(m[3], -1) {
			if a[1] == "class" {
				b.WriteString("." + a[2])
			} else {
				b.WriteString("[" + a[2] + "]")
			}
		}
		b.WriteString(" ")
	}
	return b.String()
}
