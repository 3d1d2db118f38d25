package search_test

import (
	"regexp"
	"strings"
	"testing"
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
	if len(scripts) != 1 || !regexp.MustCompile(`^<script src="/assets/js/search\.[0-9a-f]{8}\.js" defer>$`).MatchString(scripts[0]) {
		t.Errorf("scripts: %q (want one deferred file from /assets/, nothing inline)", scripts)
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
