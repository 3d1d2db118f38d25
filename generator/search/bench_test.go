package search_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"io/fs"
	"path"
	"regexp"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/iom-cso/archive/generator"
	"github.com/iom-cso/archive/generator/content"
	"github.com/iom-cso/archive/generator/markdown"
	"github.com/iom-cso/archive/generator/output"
	"github.com/iom-cso/archive/generator/search"
	"github.com/iom-cso/archive/internal/synth"
)

// gz returns the size of data compressed with gzip, as a server sends it.
func gz(data []byte) int {
	var b bytes.Buffer
	w, _ := gzip.NewWriterLevel(&b, gzip.DefaultCompression)
	w.Write(data)
	w.Close()
	return b.Len()
}

func gzAll(files output.Files, paths []string) int {
	n := 0
	for _, p := range paths {
		n += gz(files[p])
	}
	return n
}

var (
	bigOnce  sync.Once
	bigFiles output.Files
	bigFS    fs.FS
	bigErr   error
)

// bigSite builds the synthetic 10,000-event archive once per test binary.
func bigSite(b *testing.B) (fs.FS, output.Files) {
	b.Helper()
	bigOnce.Do(func() {
		bigFS = synth.Generate(10000, 1)
		bigFiles, _, bigErr = generator.Build(context.Background(), generator.Config{Content: bigFS})
	})
	if bigErr != nil {
		b.Fatal(bigErr)
	}
	return bigFS, bigFiles
}

// inputOf makes the index input of a content folder the way the generator
// does (generator/search_pages.go), without the rest of the site.
func inputOf(b *testing.B, fsys fs.FS) search.Input {
	b.Helper()
	arch, problems := content.Load(context.Background(), fsys, content.Options{})
	if err := problems.Err(); err != nil {
		b.Fatal(err)
	}
	md := markdown.New(markdown.Options{Unsafe: arch.Site.Unsafe})
	texts := make([]string, len(arch.Events))
	var wg sync.WaitGroup
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	for i, e := range arch.Events {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			if r, err := md.Render(e.Body); err == nil {
				texts[i] = r.Text
			}
		}()
	}
	wg.Wait()
	in := search.Input{Language: arch.Site.Language}
	for _, k := range arch.Site.Kinds {
		in.Kinds = append(in.Kinds, search.Facet{Key: k.Key, Name: k.Name})
	}
	for _, r := range arch.Site.Regions {
		in.Regions = append(in.Regions, search.Facet{Key: r.Key, Name: r.Name})
	}
	for i, e := range arch.Events {
		if e.Draft {
			continue
		}
		in.Docs = append(in.Docs, search.Doc{URL: "/" + e.Kind.Folder + "/" + e.Slug + "/", Title: e.Title, Date: e.Date,
			DateText: e.Date.Format("2 January 2006"), Location: e.Location, Region: e.Region.Key, Kind: e.Kind.Key,
			Topics: e.Topics, Summary: e.Summary, Body: texts[i],
			Extra: strings.Join(append(append([]string(nil), e.Organizers...), e.Kind.Name, e.Region.Name), " · ")})
	}
	return in
}

// pageAssets returns the files the search page loads before the first
// keystroke: the page, its stylesheets and script modules (those they
// import included, once each), and meta.json.
func pageAssets(b testing.TB, files output.Files) []string {
	b.Helper()
	html := files["search/index.html"]
	paths := []string{"search/index.html"}
	seen := map[string]bool{}
	var module func(p string)
	module = func(p string) {
		if seen[p] {
			return
		}
		seen[p] = true
		paths = append(paths, p)
		for _, m := range regexp.MustCompile(`(?m)^(?:import|export) [^;]*? from '(\./[^']+)';$`).FindAllStringSubmatch(string(files[p]), -1) {
			module(path.Join(path.Dir(p), m[1]))
		}
	}
	for _, m := range regexp.MustCompile(`<link rel="(?:stylesheet|icon)" href="/([^"]+)"|<script type="module" src="/([^"]+)"`).FindAllSubmatch(html, -1) {
		if len(m[1]) > 0 {
			paths = append(paths, string(m[1]))
		} else {
			module(string(m[2]))
		}
	}
	return append(paths, indexDir(b, files)+"meta.json")
}

// BenchmarkSearchIndex10000 builds the index of 10,000 synthetic events
// (internal/synth) and reports, besides the build time per op:
//
//	index-files, index-MB, index-MB-gz   the whole index, raw and gzipped
//	page-KB-gz      the search page before the first keystroke: HTML, CSS,
//	                JS, meta.json, each gzipped
//	query-KB-gz     the most that a first one-word query fetches, among
//	                several words, the files of its ten results included
//	typo-KB-gz      the same for words with a typo, found one edit away
//	terms, stems    distinct words, and stems shared by two words or more
func BenchmarkSearchIndex10000(b *testing.B) {
	fsys, files := bigSite(b)
	in := inputOf(b, fsys)
	if len(in.Docs) != 10000 {
		b.Fatalf("%d events", len(in.Docs))
	}
	var idx *search.Index
	for b.Loop() {
		var err error
		if idx, err = search.Build(context.Background(), in, search.Options{}); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()

	dir := indexDir(b, files)
	var raw, packed, count int
	kinds := map[string][3]int{}
	textDir := path.Join(dir, search.TextFolder) + "/" // all the site's texts are this index's
	for p, data := range files {
		if strings.HasPrefix(p, dir) || strings.HasPrefix(p, textDir) {
			raw += len(data)
			packed += gz(data)
			count++
			k := strings.SplitN(strings.TrimPrefix(p, dir), "/", 2)[0]
			if strings.HasPrefix(p, textDir) {
				k = "text"
			}
			v := kinds[k]
			kinds[k] = [3]int{v[0] + 1, v[1] + len(data), v[2] + gz(data)}
		}
	}
	for _, k := range []string{"meta.json", "dict", "post", "near", "docs", "text"} {
		b.Logf("%s: %d files, %d bytes, %d gzipped", k, kinds[k][0], kinds[k][1], kinds[k][2])
	}
	page := pageAssets(b, files)
	b.Logf("page before the first keystroke: %d bytes gzipped (%s)", gzAll(files, page), strings.Join(page, ", "))

	worst, typo := 0, 0
	for _, q := range []string{"trafficking", "migration", "the", "réintégration", "bangkok", "climate", "migr", "consul", "الهجرة",
		"labor", "migraton", "traffiking", "reintegraton", "bangok", "cimate"} {
		s := goSearcher(b, files, dir)
		res, err := s.Search(search.Query{Text: q})
		if err != nil {
			b.Fatal(err)
		}
		var ids []int
		for _, h := range res.Hits[:min(len(res.Hits), search.PageSize)] {
			ids = append(ids, h.Doc)
		}
		if _, err := s.Docs(ids); err != nil {
			b.Fatal(err)
		}
		fetched := s.Fetched()[1:] // meta.json is counted with the page
		var paths []string
		for _, f := range fetched {
			paths = append(paths, path.Join(dir, f))
		}
		n := gzAll(files, paths)
		if res.Hits != nil && res.Hits[0].Tier == search.TierEdit {
			typo = max(typo, n)
		} else {
			worst = max(worst, n)
		}
		b.Logf("first query %q: %d hits, %d files, %d bytes gzipped", q, len(res.Hits), len(fetched), n)
	}
	b.ReportMetric(float64(count), "index-files")
	b.ReportMetric(float64(raw)/1e6, "index-MB")
	b.ReportMetric(float64(packed)/1e6, "index-MB-gz")
	b.ReportMetric(float64(gzAll(files, page))/1e3, "page-KB-gz")
	b.ReportMetric(float64(worst)/1e3, "query-KB-gz")
	b.ReportMetric(float64(typo)/1e3, "typo-KB-gz")
	b.ReportMetric(float64(idx.Terms), "terms")
	b.ReportMetric(float64(idx.Stems), "stems")
}

// BenchmarkSearchBrowser10000 serves the 10,000-event site to chromium and
// measures what a reader gets: the bytes the page loads before the first
// keystroke, the bytes a first one-word query fetches when typed at a
// reader's pace (every prefix along the way included), and the time from a
// keystroke to its rendered results once the data is loaded (median and
// slowest over the ops; run it with -benchtime=40x).
func BenchmarkSearchBrowser10000(b *testing.B) {
	_, files := bigSite(b)
	srv := serve(b, files)
	ctx, probs := browser(b)
	defer probs.check(b)

	do(b, ctx, chromedp.Navigate(srv.URL+"/search/"))
	waitFor(b, ctx, "the index", `document.getElementById('search-region').options[0].textContent.includes('(')`)
	load := srv.served()
	b.Logf("the page loaded %d files, %d bytes gzipped", len(load), gzAll(files, load))

	// Type a word at about six keys a second, on a fresh page each time;
	// what the page fetched for it, every prefix along the way included,
	// is the cost of a first one-word query. The worst word counts.
	var query []string
	for _, word := range []string{"consultation", "trafficking", "réintégration", "bangkok"} {
		do(b, ctx, chromedp.Navigate(srv.URL+"/search/"))
		waitFor(b, ctx, "the index", `document.getElementById('search-region').options[0].textContent.includes('(')`)
		srv.served()
		for _, r := range word {
			do(b, ctx, chromedp.SendKeys(chromedp.ID("search-q"), string(r)))
			time.Sleep(160 * time.Millisecond)
		}
		waitFor(b, ctx, "results", `document.getElementById('search-q').value === `+jsString(word)+` && document.querySelectorAll('#search-results li').length === 10 && document.getElementById('search-results').getAttribute('aria-busy') === 'false'`)
		got := srv.served()
		b.Logf("typing %q fetched %d files, %d bytes gzipped", word, len(got), gzAll(files, got))
		if gzAll(files, got) > gzAll(files, query) {
			query = got
		}
	}
	keystroke(b, ctx, "trafficking")

	// Keystrokes whose data is loaded: each op is one keystroke, its time
	// measured in the page from the input event to the rendered list.
	texts := []string{"trafficking", "traffickin", "trafficking", "trafficking m", "trafficking mi", "trafficking mig", "trafficking migr"}
	for _, s := range texts { // load their data first
		keystroke(b, ctx, s)
	}
	var ms, frames []float64
	i := 0
	for b.Loop() {
		m, f := keystroke(b, ctx, texts[i%len(texts)])
		ms, frames = append(ms, m), append(frames, f)
		i++
	}
	sort.Float64s(ms)
	sort.Float64s(frames)
	// Metrics after the loop: b.Loop's first call deletes earlier ones.
	b.ReportMetric(float64(gzAll(files, load))/1e3, "page-KB-gz")
	b.ReportMetric(float64(gzAll(files, query))/1e3, "query-KB-gz")
	b.ReportMetric(ms[len(ms)/2], "keystroke-ms")
	b.ReportMetric(ms[len(ms)-1], "keystroke-max-ms")
	b.ReportMetric(frames[len(frames)/2], "to-frame-ms")
	b.ReportMetric(frames[len(frames)-1], "to-frame-max-ms")
}

// keystroke sets the query as a keystroke would and returns the time the
// page took to show its results: until the list is rendered, and until the
// next animation frame after it.
func keystroke(b *testing.B, ctx context.Context, text string) (float64, float64) {
	r := eval[[3]float64](b, ctx, `new Promise(resolve => {
  const form = document.getElementById('search-form'), input = document.getElementById('search-q');
  const t0 = performance.now();
  form.addEventListener('search:done', e => requestAnimationFrame(() => resolve([e.detail.ms, performance.now() - t0, e.detail.searchMs])), {once: true});
  input.value = `+jsString(text)+`;
  input.dispatchEvent(new InputEvent('input', {bubbles: true}));
})`)
	if testing.Verbose() {
		b.Logf("%q: %.1f ms searching, %.1f ms to the list, %.1f ms to the next frame", text, r[2], r[0], r[1])
	}
	return r[0], r[1]
}

// BenchmarkSearchIndex10000Edit rebuilds the index of 10,000 events after
// an edit of one, with a warm Cache, as the preview server does.
func BenchmarkSearchIndex10000Edit(b *testing.B) {
	fsys, _ := bigSite(b)
	in := inputOf(b, fsys)
	c := search.NewCache()
	if _, err := search.Build(context.Background(), in, search.Options{Cache: c}); err != nil {
		b.Fatal(err)
	}
	body := in.Docs[5000].Body
	i := 0
	for b.Loop() {
		i++
		in.Docs[5000].Body = body + " edit " + strings.Repeat("x", i%7)
		if _, err := search.Build(context.Background(), in, search.Options{Cache: c}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSearchIndex10000Languages builds the indexes of the 10,000
// synthetic events in English, French and Spanish, a third translated into
// each of French and Spanish (as synth.Translate: a new title and summary),
// one after another as a one-shot build does: "alone" each index by
// itself, "shared" with a Shared and the text files claimed once, as the
// generator builds them. Besides the time, it reports text-files-MB, the
// text files made for the three.
func BenchmarkSearchIndex10000Languages(b *testing.B) {
	fsys, _ := bigSite(b)
	en := inputOf(b, fsys)
	var ins [3]search.Input
	for l, lang := range []string{"en", "fr", "es"} {
		in := en
		in.Language = lang
		in.Docs = slices.Clone(en.Docs)
		for i := range in.Docs {
			d := &in.Docs[i]
			tr := i%3 + 1 // the language it is translated into; 3: none
			if l > 0 {
				d.Extra += " " + lang // the names of its kind and region, in the language
				d.Lang = "en"
				if tr == l {
					d.Title, d.Summary, d.Lang = "["+lang+"] "+d.Title, "["+lang+"] "+d.Summary, ""
				}
			}
			if tr != l {
				for later := l + 1; later < 3; later++ {
					if tr != later {
						d.Shares++
					}
				}
			}
		}
		ins[l] = in
	}
	for _, shared := range []bool{false, true} {
		name := "alone"
		if shared {
			name = "shared"
		}
		b.Run(name, func(b *testing.B) {
			texts := 0
			for b.Loop() {
				var opts search.Options
				if shared {
					claimed := map[string]bool{}
					opts = search.Options{Shared: search.NewShared(), Claim: func(name string) bool {
						if claimed[name] {
							return false
						}
						claimed[name] = true
						return true
					}}
				}
				texts = 0
				for _, in := range ins {
					idx, err := search.Build(context.Background(), in, opts)
					if err != nil {
						b.Fatal(err)
					}
					for _, data := range idx.Texts {
						texts += len(data)
					}
				}
			}
			b.ReportMetric(float64(texts)/1e6, "text-files-MB")
		})
	}
}
