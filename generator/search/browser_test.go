package search_test

import (
	"context"
	"encoding/json"
	"fmt"
	"mime"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/iom-cso/archive/generator"
	"github.com/iom-cso/archive/generator/output"
	"github.com/iom-cso/archive/generator/search"
	"github.com/iom-cso/archive/internal/browsertest"
)

// server serves a built site from memory, as Netlify would: pages at their
// folder, the strict Content-Security-Policy the site ships with. It
// records the paths it serves.
type server struct {
	*httptest.Server
	files output.Files
	mu    sync.Mutex
	paths []string
}

func serve(t testing.TB, files output.Files) *server {
	t.Helper()
	s := &server{files: files}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p := strings.TrimPrefix(r.URL.Path, "/")
		if p == "" || strings.HasSuffix(p, "/") {
			p += "index.html"
		}
		data, ok := files[p]
		if !ok {
			http.NotFound(w, r)
			return
		}
		s.mu.Lock()
		s.paths = append(s.paths, p)
		s.mu.Unlock()
		ct := mime.TypeByExtension(path.Ext(p))
		if ct == "" {
			ct = "application/octet-stream"
		}
		w.Header().Set("Content-Type", ct)
		w.Header().Set("Content-Security-Policy", "default-src 'self'")
		w.Header().Set("X-Content-Type-Options", "nosniff")
		w.Header().Set("Cache-Control", "no-store") // every fetch reaches the server and is counted
		w.Write(data)
	}))
	t.Cleanup(s.Close)
	return s
}

// served returns the paths served since the last call.
func (s *server) served() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	p := s.paths
	s.paths = nil
	return p
}

// browser starts a headless chromium for t and returns its tab's context
// and what the pages did wrong: exceptions, console errors (CSP violations
// among them) and dialogs, which the test checks at its end.
func browser(t testing.TB) (context.Context, *problems) {
	t.Helper()
	ctx := browsertest.New(t, chromedp.WindowSize(1000, 900))
	p := &problems{}
	err := chromedp.Listen(ctx, func(ev any) {
		switch ev := ev.(type) {
		case *runtime.EventExceptionThrown:
			p.add("exception: " + (&chromedp.ExceptionError{ExceptionDetails: ev.ExceptionDetails}).Error())
		case *runtime.EventConsoleAPICalled:
			if ev.Type == runtime.ConsoleAPICalledTypeError {
				var args []string
				for _, a := range ev.Args {
					args = append(args, string(a.Value)+a.Description)
				}
				p.add("console.error: " + strings.Join(args, " "))
			}
		case *log.EventEntryAdded:
			if ev.Entry.Level == log.EntryLevelError {
				p.add("log: " + ev.Entry.Text + " " + ev.Entry.URL)
			}
		case *page.EventJavascriptDialogOpening:
			p.add("dialog: " + ev.Message)
			go chromedp.Call(ctx, page.HandleJavaScriptDialog, page.HandleJavaScriptDialogParams{Accept: false})
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	return ctx, p
}

type problems struct {
	mu   sync.Mutex
	list []string
}

func (p *problems) add(s string) {
	p.mu.Lock()
	p.list = append(p.list, s)
	p.mu.Unlock()
}

func (p *problems) check(t testing.TB) {
	t.Helper()
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, s := range p.list {
		t.Errorf("the page reported %s", s)
	}
}

func do(t testing.TB, ctx context.Context, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	tctx, cancel := context.WithTimeout(ctx, 20*time.Second)
	defer cancel()
	if err := chromedp.Do(tctx, steps...); err != nil {
		t.Fatal(err)
	}
}

func eval[T any](t testing.TB, ctx context.Context, js string) T {
	t.Helper()
	tctx, cancel := context.WithTimeout(ctx, 20*time.Second)
	defer cancel()
	v, err := chromedp.Run(tctx, chromedp.Evaluate[T](js, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("%s: %v", js, err)
	}
	return v
}

// waitFor waits until the JavaScript expression is true.
func waitFor(t testing.TB, ctx context.Context, what, js string) {
	t.Helper()
	tctx, cancel := context.WithTimeout(ctx, 20*time.Second)
	defer cancel()
	if _, err := chromedp.Run(tctx, chromedp.Poll[chromedp.Void](js, chromedp.WithPollingTimeout(10*time.Second))); err != nil {
		state, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`location.href + " | status: " + (document.getElementById('search-status') || {}).textContent`))
		t.Fatalf("waiting for %s: %v (%s)", what, err, state)
	}
}

// moduleURL returns the published URL of one of the search page's modules
// (themes/default/assets/js/search/<name>.js), for a test to import.
func moduleURL(t testing.TB, files output.Files, name string) string {
	t.Helper()
	re := regexp.MustCompile(`^assets/js/search/` + name + `\.[0-9a-f]{8}\.js$`)
	for p := range files {
		if re.MatchString(p) {
			return "/" + p
		}
	}
	t.Fatalf("the build wrote no module %s.js", name)
	return ""
}

func jsString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

func waitStatus(t testing.TB, ctx context.Context, want string) {
	t.Helper()
	waitFor(t, ctx, "status "+want, `document.getElementById('search-status').textContent === `+jsString(want))
}

// pageState is what the search page shows.
type pageState struct {
	URL     string            `json:"url"`
	Query   string            `json:"query"`
	Status  string            `json:"status"`
	Titles  []string          `json:"titles"`
	Links   []string          `json:"links"`
	Marks   []string          `json:"marks"`
	Facets  map[string]string `json:"facets"`  // select id → selected value
	Options map[string]string `json:"options"` // select id → "label|label|..." of enabled options
	Imgs    int               `json:"imgs"`
	None    bool              `json:"none"`
}

const readState = `(() => {
  const q = s => Array.from(document.querySelectorAll(s));
  const facets = {}, options = {};
  for (const s of q('#search-form select')) {
    facets[s.id] = s.value;
    options[s.id] = Array.from(s.options).filter(o => !o.disabled).map(o => o.textContent).join('|');
  }
  return {
    url: location.pathname + location.search,
    query: document.getElementById('search-q').value,
    status: document.getElementById('search-status').textContent,
    titles: q('#search-results h3').map(h => h.textContent),
    links: q('#search-results h3 a').map(a => a.getAttribute('href')),
    marks: q('#search-results mark').map(m => m.textContent),
    facets, options,
    imgs: q('#search-results img, #search-results script').length,
    none: !document.getElementById('search-none').hidden,
  };
})()`

func state(t testing.TB, ctx context.Context) pageState {
	t.Helper()
	return eval[pageState](t, ctx, readState)
}

// typeQuery replaces the query by typing it key by key, as a reader does.
func typeQuery(t testing.TB, ctx context.Context, text string) {
	t.Helper()
	eval[chromedp.Void](t, ctx, `(() => { const i = document.getElementById('search-q'); i.focus(); i.select(); })()`)
	do(t, ctx, chromedp.SendKeys(chromedp.ID("search-q"), "\b"), chromedp.SendKeys(chromedp.ID("search-q"), text))
}

func buildFixture(t testing.TB) output.Files {
	t.Helper()
	files, _, err := generator.Build(context.Background(), generator.Config{Content: os.DirFS("testdata/site"), ContentDir: "testdata/site"})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// putIndex puts the files of idx into a site's files as the generator
// does: the index's folder, and its text files in the folder beside it.
func putIndex(files output.Files, idx *search.Index) {
	dir := "assets/search/" + idx.Version + "/"
	for name, data := range idx.Files {
		files[dir+name] = data
	}
	for name, data := range idx.Texts {
		files[path.Join(dir, search.TextFolder, name)] = data
	}
}

// indexDir returns the folder of the search index in a built site.
func indexDir(t testing.TB, files output.Files) string {
	t.Helper()
	m := regexp.MustCompile(`data-index="/([^"]+)"`).FindSubmatch(files["search/index.html"])
	if m == nil {
		t.Fatal("search/index.html names no index")
	}
	return string(m[1])
}

func goSearcher(t testing.TB, files output.Files, dir string) *search.Searcher {
	t.Helper()
	s, err := search.NewSearcher(func(name string) ([]byte, error) {
		b, ok := files[path.Join(dir, name)]
		if !ok {
			return nil, os.ErrNotExist
		}
		return b, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// goOrder returns the links of the first page of results for q, as the Go
// reference implementation orders them.
func goOrder(t testing.TB, s *search.Searcher, q search.Query) ([]string, int) {
	t.Helper()
	res, err := s.Search(q)
	if err != nil {
		t.Fatal(err)
	}
	var ids []int
	for _, h := range res.Hits[:min(len(res.Hits), search.PageSize)] {
		ids = append(ids, h.Doc)
	}
	docs, err := s.Docs(ids)
	if err != nil {
		t.Fatal(err)
	}
	links := []string{}
	for _, d := range docs {
		links = append(links, d.URL)
	}
	return links, len(res.Hits)
}

// TestBrowserSearch drives the search page of the fixture site in chromium.
func TestBrowserSearch(t *testing.T) {
	files := buildFixture(t)
	srv := serve(t, files)
	ctx, probs := browser(t)
	defer probs.check(t)

	// The page loads, and facet counts show the whole archive.
	do(t, ctx, chromedp.Navigate(srv.URL+"/search/"))
	waitFor(t, ctx, "the index", `document.getElementById('search-region').options[0].textContent === 'All regions (8)'`)

	// Typing: results, count, facet counts that follow the query.
	typeQuery(t, ctx, "trafficking")
	waitStatus(t, ctx, "3 results for “trafficking”")
	st := state(t, ctx)
	want := []string{"African consultation on trafficking", "Bamako consultation", "Bangkok consultation"}
	if !slices.Equal(st.Titles, want) {
		t.Errorf("titles = %q, want %q", st.Titles, want)
	}
	if st.URL != "/search/?q=trafficking" {
		t.Errorf("URL = %s", st.URL)
	}
	if got := st.Options["search-region"]; got != "All regions (3)|Africa (2)|Asia and the Pacific (1)" {
		t.Errorf("region options = %q", got)
	}
	if got := st.Options["search-year"]; got != "All years (3)|2018 (2)|2017 (1)" {
		t.Errorf("year options = %q", got)
	}
	if len(st.Marks) < 3 || !strings.EqualFold(st.Marks[0], "trafficking") {
		t.Errorf("marks = %q", st.Marks)
	}

	// A facet narrows the results; the other facets' counts follow.
	eval[chromedp.Void](t, ctx, `(() => { const s = document.getElementById('search-region'); s.value = 'africa'; s.dispatchEvent(new Event('change', {bubbles: true})); })()`)
	waitStatus(t, ctx, "2 results for “trafficking”")
	st = state(t, ctx)
	if st.URL != "/search/?q=trafficking&region=africa" {
		t.Errorf("URL after the facet = %s", st.URL)
	}
	if want := []string{"African consultation on trafficking", "Bamako consultation"}; !slices.Equal(st.Titles, want) {
		t.Errorf("titles = %q, want %q", st.Titles, want)
	}
	if got := st.Options["search-year"]; got != "All years (2)|2018 (1)|2017 (1)" {
		t.Errorf("year options in Africa = %q", got)
	}
	if got := st.Options["search-region"]; got != "All regions (3)|Africa (2)|Asia and the Pacific (1)" {
		t.Errorf("region options in Africa = %q", got)
	}
	before := st

	// Reloading the URL restores the same state.
	do(t, ctx, chromedp.Reload())
	waitStatus(t, ctx, "2 results for “trafficking”")
	if st = state(t, ctx); !slices.Equal(st.Titles, before.Titles) || st.Query != "trafficking" || st.Facets["search-region"] != "africa" ||
		st.Options["search-year"] != before.Options["search-year"] || st.URL != before.URL {
		t.Errorf("after reload: %+v\nbefore: %+v", st, before)
	}

	// Back walks through earlier states: without the facet, then the empty page.
	eval[chromedp.Void](t, ctx, `history.back()`)
	waitStatus(t, ctx, "3 results for “trafficking”")
	if st = state(t, ctx); st.URL != "/search/?q=trafficking" || st.Facets["search-region"] != "" || len(st.Titles) != 3 {
		t.Errorf("after back: %+v", st)
	}
	eval[chromedp.Void](t, ctx, `history.back()`)
	waitFor(t, ctx, "the empty page", `location.search === '' && document.querySelectorAll('#search-results li').length === 0`)
	if st = state(t, ctx); st.Query != "" || st.Status != "" || st.None {
		t.Errorf("back at the start: %+v", st)
	}
	eval[chromedp.Void](t, ctx, `history.forward()`)
	waitStatus(t, ctx, "3 results for “trafficking”")

	// Diacritics fold: "geneve" finds "Genève", "REFUGIES" finds "réfugiés".
	typeQuery(t, ctx, "geneve")
	waitStatus(t, ctx, "1 result for “geneve”")
	st = state(t, ctx)
	if !slices.Equal(st.Titles, []string{"Consultation annuelle à Genève"}) || !slices.Contains(st.Marks, "Genève") {
		t.Errorf("geneve: %+v", st)
	}
	// "Refugees" is one edit away from "refugies", and comes after it.
	typeQuery(t, ctx, "REFUGIES")
	waitStatus(t, ctx, "2 results for “REFUGIES”")
	if st = state(t, ctx); !slices.Equal(st.Titles, []string{"Consultation annuelle à Genève", "Consultation in Beirut"}) ||
		!slices.Contains(st.Marks, "réfugiés") || !slices.Contains(st.Marks, "Refugees") {
		t.Errorf("REFUGIES: %+v", st)
	}

	// Words that differ: "labor" finds "labour" (one edit), "consultations"
	// finds every "consultation" (one stem), and the page marks them.
	typeQuery(t, ctx, "labor")
	waitStatus(t, ctx, "2 results for “labor”")
	if st = state(t, ctx); !slices.Equal(slices.Sorted(slices.Values(st.Titles)), []string{"Bangkok consultation", "Labour migration and decent work"}) ||
		!slices.Contains(st.Marks, "Labour") || !slices.Contains(st.Marks, "labour") {
		t.Errorf("labor: %+v", st)
	}
	typeQuery(t, ctx, "consultations ")
	waitStatus(t, ctx, "8 results for “consultations”")
	if st = state(t, ctx); !slices.Contains(st.Marks, "consultation") {
		t.Errorf("consultations: %+v", st)
	}

	// The word being typed matches as a prefix.
	typeQuery(t, ctx, "bamak")
	waitStatus(t, ctx, "1 result for “bamak”")

	// A hostile title is text, and nothing runs.
	typeQuery(t, ctx, "onerror")
	waitStatus(t, ctx, "1 result for “onerror”")
	st = state(t, ctx)
	if !slices.Equal(st.Titles, []string{"<img src=x onerror=alert(1)>"}) || st.Imgs != 0 {
		t.Errorf("hostile title: %+v", st)
	}
	typeQuery(t, ctx, "script alert")
	waitStatus(t, ctx, "1 result for “script alert”")
	if st = state(t, ctx); st.Imgs != 0 {
		t.Errorf("an element came from the index: %+v", st)
	}

	// No results: the way out is shown.
	typeQuery(t, ctx, "zzzz")
	waitStatus(t, ctx, "0 results for “zzzz”")
	if st = state(t, ctx); !st.None {
		t.Error("no-results message hidden")
	}

	// The header box on any page leads to the search.
	do(t, ctx, chromedp.Navigate(srv.URL+"/years/"))
	tctx, cancel := context.WithTimeout(ctx, 20*time.Second)
	defer cancel()
	if _, err := chromedp.Run(tctx, chromedp.WaitEvent(page.LoadEventFired, nil, chromedp.SendKeys(chromedp.ID("header-search-q"), "Bangkok\n"))); err != nil {
		t.Fatal(err)
	}
	waitStatus(t, ctx, "1 result for “Bangkok”")
	if st = state(t, ctx); st.URL != "/search/?q=Bangkok" || !slices.Equal(st.Titles, []string{"Bangkok consultation"}) {
		t.Errorf("from the header: %+v", st)
	}

	// Everything the page loaded came from the site itself.
	for _, p := range srv.served() {
		if _, ok := files[p]; !ok {
			t.Errorf("served %s, which the build did not write", p)
		}
	}
}

// TestBrowserNormalization runs the page's normalization, tokenization and
// query parsing modules in chromium, whose Unicode tables may differ from
// Node's, on the tables the Go tests use.
func TestBrowserNormalization(t *testing.T) {
	files := buildFixture(t)
	srv := serve(t, files)
	ctx, probs := browser(t)
	defer probs.check(t)
	do(t, ctx, chromedp.Navigate(srv.URL+"/search/"))
	norm, query := moduleURL(t, files, "normalize"), moduleURL(t, files, "query")

	var cases []struct {
		In     string   `json:"in"`
		Norm   string   `json:"norm"`
		Tokens []string `json:"tokens"`
	}
	data, err := os.ReadFile("testdata/normalize.json")
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, &cases); err != nil {
		t.Fatal(err)
	}
	type out struct {
		Norm   string   `json:"norm"`
		Tokens []string `json:"tokens"`
	}
	got := eval[[]out](t, ctx, `import(`+jsString(norm)+`).then(m => (`+string(data)+`).map(c => ({norm: m.normalize(c.in), tokens: m.tokenize(c.in)})))`)
	for i, c := range cases {
		if got[i].Norm != c.Norm {
			t.Errorf("JS normalize(%q) = %q, want %q", c.In, got[i].Norm, c.Norm)
		}
		if !slices.Equal(got[i].Tokens, c.Tokens) && len(got[i].Tokens)+len(c.Tokens) > 0 {
			t.Errorf("JS tokenize(%q) = %q, want %q", c.In, got[i].Tokens, c.Tokens)
		}
	}

	var queries []struct {
		In    string   `json:"in"`
		Words []string `json:"words"`
		Open  bool     `json:"open"`
	}
	data, err = os.ReadFile("testdata/query.json")
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, &queries); err != nil {
		t.Fatal(err)
	}
	type parsed struct {
		Words []string `json:"words"`
		Open  bool     `json:"open"`
	}
	gotq := eval[[]parsed](t, ctx, fmt.Sprintf(`import(%s).then(m => (%s).map(c => m.parse(c.in, %d)))`, jsString(query), data, search.MinPrefix))
	for i, c := range queries {
		if (!slices.Equal(gotq[i].Words, c.Words) && len(gotq[i].Words)+len(c.Words) > 0) || gotq[i].Open != c.Open {
			t.Errorf("JS parse(%q) = %q open=%v, want %q open=%v", c.In, gotq[i].Words, gotq[i].Open, c.Words, c.Open)
		}
	}
}

// TestBrowserEdits checks query.js's one-edit rules against Go's: which
// words are one edit apart, and the keys of a word in the one-edit index.
func TestBrowserEdits(t *testing.T) {
	files := buildFixture(t)
	srv := serve(t, files)
	ctx, probs := browser(t)
	defer probs.check(t)
	do(t, ctx, chromedp.Navigate(srv.URL+"/search/"))
	query := moduleURL(t, files, "query")

	pairs, words := search.EditCases(3000)
	type answer struct {
		Edits []bool     `json:"edits"`
		Keys  [][]string `json:"keys"`
	}
	data, _ := json.Marshal(map[string]any{"pairs": pairs, "words": words})
	got := eval[answer](t, ctx, fmt.Sprintf(`import(%s).then(m => (d => ({
  edits: d.pairs.map(p => m.oneEdit(Array.from(p[0]), Array.from(p[1]))),
  keys: d.words.map(w => m.signatures(Array.from(w), %d)),
}))(%s))`, jsString(query), search.MinFuzzy-1, data))
	for i, p := range pairs {
		if want := search.OneEdit(p[0], p[1]); got.Edits[i] != want {
			t.Errorf("JS oneEdit(%q, %q) = %v, Go %v", p[0], p[1], got.Edits[i], want)
		}
	}
	for i, w := range words {
		if want := search.Signatures(w); !slices.Equal(got.Keys[i], want) {
			t.Errorf("JS signatures(%q) = %q, Go %q", w, got.Keys[i], want)
		}
	}
}

// TestBrowserMatchesGo checks that search.js ranks and counts exactly as
// the Go reference does, over an index split into many small files.
func TestBrowserMatchesGo(t *testing.T) {
	files := buildFixture(t)
	// Replace the fixture's index by a finely split index of many random
	// events that use the fixture's facet values.
	in := randomEvents(400, 3)
	idx, err := search.Build(context.Background(), in, search.Options{DictBytes: 600, PostingsBytes: 900, DocsPerChunk: 5})
	if err != nil {
		t.Fatal(err)
	}
	dir := "assets/search/" + idx.Version + "/"
	putIndex(files, idx)
	old := indexDir(t, files)
	files["search/index.html"] = []byte(strings.Replace(string(files["search/index.html"]), `data-index="/`+old+`"`, `data-index="/`+dir+`"`, 1))
	gs := goSearcher(t, files, dir)

	srv := serve(t, files)
	ctx, probs := browser(t)
	defer probs.check(t)
	do(t, ctx, chromedp.Navigate(srv.URL+"/search/"))
	waitFor(t, ctx, "the index", `document.getElementById('search-region').options[0].textContent.includes('(400)')`)

	queries := []search.Query{
		{Text: "mi"}, {Text: "migra"}, {Text: "migration"}, {Text: "migration "}, {Text: "re"}, {Text: "refugies"},
		{Text: "gra fu"}, {Text: "ka lo"}, {Text: "sa"}, {Text: "δι"}, {Text: "هج"}, {Text: "fi"}, {Text: "2015"},
		{Text: "mi", Region: "africa"}, {Text: "ka", Year: 2016}, {Text: "lo", Kind: "rcsc", Region: "global"},
		{Region: "mena"}, {Year: 2013, Kind: "annual-consultation"}, {Text: "zzz"},
		// Stems and one edit, alone, with the other tiers, and across words.
		{Text: "kalos "}, {Text: "kalosa"}, {Text: "fusaka"}, {Text: "grafus"}, {Text: "sations "}, {Text: "tions"},
		{Text: "fugié"}, {Text: "ñosas "}, {Text: "mitions "}, {Text: "kasa lomi"}, {Text: "gramis"}, {Text: "δικηs"},
		{Text: "mitions sations"}, {Text: "tions", Region: "africa"},
	}
	for _, q := range queries {
		u := "/search/?q=" + strings.ReplaceAll(q.Text, " ", "+")
		if q.Region != "" {
			u += "&region=" + q.Region
		}
		if q.Year != 0 {
			u += fmt.Sprintf("&year=%d", q.Year)
		}
		if q.Kind != "" {
			u += "&kind=" + q.Kind
		}
		do(t, ctx, chromedp.Navigate(srv.URL+u))
		waitFor(t, ctx, "results of "+u, `document.getElementById('search-status').textContent !== ''`)
		st := state(t, ctx)
		links, n := goOrder(t, gs, q)
		if !slices.Equal(st.Links, links) {
			t.Errorf("%s: search.js shows %q, Go %q", u, st.Links, links)
		}
		if !strings.HasPrefix(st.Status, fmt.Sprint(n)+" ") {
			t.Errorf("%s: status %q, Go finds %d", u, st.Status, n)
		}
		res, _ := gs.Search(q)
		if got, want := st.Options["search-region"], regionOptions(res.Regions); got != want {
			t.Errorf("%s: region options %q, Go %q", u, got, want)
		}
	}

	// "Show more" adds the next page and moves the focus to its first result.
	do(t, ctx, chromedp.Navigate(srv.URL+"/search/?q=mi"))
	waitFor(t, ctx, "results", `document.querySelectorAll('#search-results li').length === 10`)
	do(t, ctx, chromedp.Click(chromedp.ID("search-more")))
	waitFor(t, ctx, "more results", `document.querySelectorAll('#search-results li').length === 20`)
	res, _ := gs.Search(search.Query{Text: "mi"})
	var ids []int
	for _, h := range res.Hits[:20] {
		ids = append(ids, h.Doc)
	}
	docs, err := gs.Docs(ids)
	if err != nil {
		t.Fatal(err)
	}
	st := state(t, ctx)
	for i, d := range docs {
		if i >= len(st.Links) || st.Links[i] != d.URL {
			t.Fatalf("after Show more: %q, Go %v", st.Links, docs)
		}
	}
	if focus := eval[string](t, ctx, `document.activeElement.getAttribute('href')`); focus != docs[10].URL {
		t.Errorf("focus after Show more on %q, want %q", focus, docs[10].URL)
	}
}

// TestBrowserMatchTable runs testdata/match.json in search.js: stems, one
// edit and their ranking, as the Go reference (TestMatchTable) does.
func TestBrowserMatchTable(t *testing.T) {
	files := buildFixture(t)
	mt, in := search.MatchTable(t)
	in.Kinds = []search.Facet{{Key: "annual", Name: "Annual"}, {Key: "regional", Name: "Regional"}}
	in.Regions = fixtureRegions
	idx, err := search.Build(context.Background(), in, search.Options{DictBytes: 60, PostingsBytes: 60, NearBytes: 60, DocsPerChunk: 2})
	if err != nil {
		t.Fatal(err)
	}
	dir := "assets/search/" + idx.Version + "/"
	putIndex(files, idx)
	old := indexDir(t, files)
	page := strings.Replace(string(files["search/index.html"]), `data-index="/`+old+`"`, `data-index="/`+dir+`"`, 1)
	// The topic facet offers the table's topics, as the site's page
	// offers its own.
	topicOptions := `<option value="" data-label="All topics">All topics</option>`
	known := map[string]bool{"": true}
	for _, tp := range mt.Topics {
		topicOptions += fmt.Sprintf(`<option value="%s" data-label="%s">%s</option>`, tp[0], tp[1], tp[1])
		known[tp[0]] = true
	}
	sel := regexp.MustCompile(`(?s)(<select id="search-topic"[^>]*>).*?(</select>)`)
	if !sel.MatchString(page) {
		t.Fatal("the search page has no topic facet")
	}
	files["search/index.html"] = []byte(sel.ReplaceAllString(page, "${1}"+topicOptions+"${2}"))

	srv := serve(t, files)
	ctx, probs := browser(t)
	defer probs.check(t)
	for _, q := range mt.Queries {
		if !known[q.Topic] {
			continue // the page offers no such value: node's test runs it through query.js
		}
		u := srv.URL + "/search/?q=" + url.QueryEscape(q.Q)
		if q.Topic != "" {
			u += "&topic=" + url.QueryEscape(q.Topic)
		}
		do(t, ctx, chromedp.Navigate(u))
		waitFor(t, ctx, "results of "+q.Q, `document.getElementById('search-status').textContent !== ''`)
		st := state(t, ctx)
		want := []string{}
		for _, h := range q.Hits {
			want = append(want, h[0])
		}
		if !slices.Equal(st.Links, want) {
			t.Errorf("%q: search.js shows %q, want %q", q.Q, st.Links, want)
		}
	}
	// The words found by stem and by one edit are marked.
	do(t, ctx, chromedp.Navigate(srv.URL+"/search/?q=labor"))
	waitStatus(t, ctx, "3 results for “labor”")
	if st := state(t, ctx); !slices.Contains(st.Marks, "Labour") || !slices.Contains(st.Marks, "labour") {
		t.Errorf("labor: marks %q", st.Marks)
	}
	do(t, ctx, chromedp.Navigate(srv.URL+"/search/?q=policies+"))
	waitStatus(t, ctx, "2 results for “policies”")
	if st := state(t, ctx); !slices.Equal(st.Marks, []string{"Policies", "policy"}) {
		t.Errorf("policies: marks %q", st.Marks)
	}
}

var fixtureRegions = []search.Facet{{Key: "global", Name: "Global"}, {Key: "africa", Name: "Africa"}, {Key: "americas", Name: "Americas"},
	{Key: "asia-pacific", Name: "Asia and the Pacific"}, {Key: "europe-central-asia", Name: "Europe and Central Asia"}, {Key: "mena", Name: "Middle East and North Africa"}}

func regionOptions(counts []int) string {
	total := 0
	for _, n := range counts {
		total += n
	}
	opts := []string{fmt.Sprintf("All regions (%d)", total)}
	for i, r := range fixtureRegions {
		if counts[i] > 0 {
			opts = append(opts, fmt.Sprintf("%s (%d)", r.Name, counts[i]))
		}
	}
	return strings.Join(opts, "|")
}

// randomEvents makes n events with the fixture site's kinds, regions and
// years, over a small vocabulary of syllables so that prefixes match many
// words.
func randomEvents(n int, seed int) search.Input {
	syll := []string{"mi", "gra", "tion", "ré", "fu", "gié", "ka", "lo", "sa", "ño", "δι", "κη", "هج", "رة", "ﬁ", "s"}
	state := uint32(seed)
	next := func(k int) int { // xorshift: deterministic, no shared state
		state ^= state << 13
		state ^= state >> 17
		state ^= state << 5
		return int(state % uint32(k))
	}
	word := func() string {
		var b strings.Builder
		for range 1 + next(3) {
			b.WriteString(syll[next(len(syll))])
		}
		return b.String()
	}
	text := func(k int) string {
		w := make([]string, k)
		for i := range w {
			w[i] = word()
		}
		return strings.Join(w, " ")
	}
	in := search.Input{Language: "en", Regions: fixtureRegions, Kinds: []search.Facet{{Key: "annual-consultation", Name: "Annual Consultation"}, {Key: "rcsc", Name: "Regional Consultation"}}}
	for i := range n {
		date := time.Date(2013+next(6), time.Month(1+next(12)), 1+next(28), 0, 0, 0, 0, time.UTC)
		in.Docs = append(in.Docs, search.Doc{URL: fmt.Sprintf("/e/%d/", i), Title: text(4), Date: date, DateText: date.Format("2 January 2006"),
			Location: text(1), Region: fixtureRegions[next(6)].Key, Kind: in.Kinds[next(2)].Key, Topics: []string{text(2)},
			Summary: text(10), Body: text(40)})
	}
	return in
}

// TestBrowserUntranslated: on the French search page of a site in three
// languages, a record without a French translation is shown as the French
// lists show it: its English title and excerpt marked lang="en", and the
// label "En anglais"; a translated record carries neither. Each excerpt,
// on the three languages' pages, is its record's text in the page's
// language where there is a translation, the original's otherwise.
func TestBrowserUntranslated(t *testing.T) {
	files, _, err := generator.Build(context.Background(), generator.Config{Content: os.DirFS("../testdata/site"), ContentDir: "../testdata/site"})
	if err != nil {
		t.Fatal(err)
	}
	srv := serve(t, files)
	ctx, probs := browser(t)
	defer probs.check(t)

	type hit struct {
		URL, Lang, HrefLang, ExcerptLang string
		Labels                           []string
		Title, Excerpt                   string
	}
	results := func(page string) []hit {
		do(t, ctx, chromedp.Navigate(srv.URL+page))
		waitFor(t, ctx, "the results", `document.querySelectorAll('#search-results li').length > 0`)
		return eval[[]hit](t, ctx, `Array.from(document.querySelectorAll('#search-results li')).map(li => {
  const a = li.querySelector('h3 a');
  return {URL: a.getAttribute('href'), Lang: a.getAttribute('lang') || '', HrefLang: a.getAttribute('hreflang') || '',
    ExcerptLang: li.querySelector('.search-excerpt').getAttribute('lang') || '',
    Labels: Array.from(li.querySelectorAll('.lang-badge')).map(b => b.textContent + (b.hasAttribute('data-lang') ? ' [data-lang]' : '')),
    Title: li.querySelector('h3').textContent, Excerpt: li.querySelector('.search-excerpt').textContent};
})`)
	}
	// Each excerpt in the language of its record's page, whether its text
	// file is the index's own or shared with the other languages'.
	excerpts := map[string]string{}
	for lang, page := range map[string]string{"en": "/search/?q=consultation", "es": "/es/search/?q=consultation"} {
		for _, h := range results(page) {
			excerpts[lang+" "+h.URL] = h.Excerpt
		}
	}
	hits := results("/fr/search/?q=consultation")
	for _, h := range hits {
		excerpts["fr "+h.URL] = h.Excerpt
	}
	for key, want := range map[string]string{
		"en /annual-consultations/2013-migrants/":           "The 2013 consultation on migrants and development.",
		"fr /fr/annual-consultations/2013-migrants/":        "La consultation de 2013 sur les migrants et le développement.",
		"es /annual-consultations/2013-migrants/":           "The 2013 consultation on migrants and development.",
		"en /regional-consultations/2017-africa-bamako/":    "A two-day regional consultation in Bamako.",
		"fr /regional-consultations/2017-africa-bamako/":    "A two-day regional consultation in Bamako.",
		"es /es/regional-consultations/2017-africa-bamako/": "Una consulta regional de dos días en Bamako.",
		"fr /regional-consultations/2017-asia-bangkok/":     "A regional consultation in Bangkok.",
		"es /regional-consultations/2017-asia-bangkok/":     "A regional consultation in Bangkok.",
	} {
		if excerpts[key] != want {
			t.Errorf("%s: excerpt %q, want %q", key, excerpts[key], want)
		}
	}
	var en, fr int
	for _, h := range hits {
		if strings.HasPrefix(h.URL, "/fr/") {
			fr++
			if h.Lang != "" || h.HrefLang != "" || h.ExcerptLang != "" || len(h.Labels) != 0 {
				t.Errorf("translated %+v is marked as another language", h)
			}
			continue
		}
		en++
		if h.Lang != "en" || h.HrefLang != "en" || h.ExcerptLang != "en" || !slices.Equal(h.Labels, []string{"En anglais"}) {
			t.Errorf("untranslated %+v, want lang=en on its title and excerpt and the label En anglais", h)
		}
		if !strings.HasSuffix(h.Title, "\u00a0En anglais") && !strings.HasSuffix(h.Title, " En anglais") {
			t.Errorf("untranslated title %q: the label does not follow it after a space", h.Title)
		}
	}
	if en == 0 || fr == 0 {
		t.Errorf("%d untranslated and %d translated results (want both): %+v", en, fr, hits)
	}
}
