package generator

import (
	"slices"
	"strings"

	"github.com/iom-cso/archive/generator/content"
	"github.com/iom-cso/archive/generator/markdown"
	"github.com/iom-cso/archive/generator/search"
	"github.com/iom-cso/archive/internal/memo"
)

// SearchView is the search page's content: where its index is, and the
// facet values the page lists before the index has loaded.
type SearchView struct {
	IndexURL string // the index folder, ending in "/"
	Years    []int  // newest first
	Regions  []*RegionView
	Kinds    []*KindView
	Topics   []*TopicView // the topic facet's values, by name; none on a site without topics
	Total    int
	// Langs are the languages, other than the page's, that records
	// without a translation into it are written in (search.Doc.Lang): the
	// page holds the label of each, for the results in that language.
	Langs []string
}

// searchInput is every published event as the search index sees it;
// bodies are their Markdown.
func (r *renderer) searchInput(bodies map[*content.Event]*markdown.Result) search.Input {
	m := r.m
	in := search.Input{Docs: make([]search.Doc, 0, len(m.events)), Language: m.lang}
	for _, k := range m.site.Kinds {
		in.Kinds = append(in.Kinds, search.Facet{Key: k.Key, Name: k.NameIn(m.lang)})
	}
	for _, rg := range m.site.Regions {
		in.Regions = append(in.Regions, search.Facet{Key: rg.Key, Name: rg.NameIn(m.lang)})
	}
	for _, t := range m.directory.topics {
		in.Topics = append(in.Topics, search.Facet{Key: t.Key, Name: t.NameIn(m.lang)})
	}
	for _, e := range m.events {
		// Every event, in the language's text where it has one, as it is
		// written otherwise (Doc.Lang: analyzed as its own language).
		s := m.summary[e]
		d := search.Doc{URL: s.URL, Title: s.Title, Date: e.Date, DateText: m.theme.DateRange(e.Date, e.EndDate),
			Location: s.Location, Region: e.Region.Key, Kind: e.Kind.Key, Topics: m.topicNames(e), TopicKeys: e.Topics, Summary: s.Summary, Lang: s.Lang,
			Extra: strings.Join(append(m.organizerWords(e), s.Kind.Name, s.Region.Name), " · ")}
		if t := m.translation(e); t != nil {
			if b := r.tr[t]; b != nil {
				d.Body = b.Text
			}
		} else {
			if b := bodies[e]; b != nil {
				d.Body = b.Text
			}
			// The languages after this one without a translation
			// have the record as it is written too.
			for _, l := range r.later {
				if l.translation(e) == nil {
					d.Shares++
				}
			}
		}
		in.Docs = append(in.Docs, d)
	}
	return in
}

// renderSearch writes the search index of in and the /search/ page that
// reads it.
func (r *renderer) renderSearch(in search.Input) error {
	m := r.m
	// The indexes of the site's languages share one folder of text files,
	// named by their digests: a record without a translation has one for
	// all of them (search.TextFolder).
	opts := search.Options{Claim: func(name string) bool { return r.out.claim(searchTextURL(name)) }}
	if r.cache != nil {
		opts.Cache = r.cache.search
	}
	opts.Shared = r.shared
	idx, err := search.Build(r.ctx, in, opts)
	if err != nil {
		return err
	}
	dir := searchIndexURL(idx.Version)
	for name, data := range idx.Files {
		r.put(filePath(dir+name), data)
	}
	for name, data := range idx.Texts {
		r.put(filePath(searchTextURL(name)), data)
	}
	years := r.yearCounts()
	var k memo.Digest
	m.key(&k, m.url(searchURL()))
	k.String(dir)
	k.Int(len(m.events))
	for _, y := range years {
		k.Int(y.Year)
	}
	var langs []string
	for _, d := range in.Docs {
		if d.Lang != "" && d.Lang != m.lang && !slices.Contains(langs, d.Lang) {
			langs = append(langs, d.Lang)
		}
	}
	slices.Sort(langs)
	for _, l := range langs {
		k.String(l)
	}
	return r.write(&k, m.url(searchURL()), func() *PageData {
		sv := &SearchView{IndexURL: dir, Regions: m.siteView.Regions, Kinds: m.siteView.Kinds, Total: len(m.events), Topics: m.topicFacet(), Langs: langs}
		for _, y := range years {
			sv.Years = append(sv.Years, y.Year)
		}
		d := r.page("search", m.url(searchURL()), m.t("search_title"), m.t("search_description"))
		d.Search = sv
		return d
	}, "search")
}
