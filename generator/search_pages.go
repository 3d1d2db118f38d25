package generator

import (
	"strings"

	"github.com/iom-cso/archive/generator/search"
)

// SearchView is the search page's content: where its index is, and the
// facet values the page lists before the index has loaded.
type SearchView struct {
	IndexURL string // the index folder, ending in "/"
	Years    []int  // newest first
	Regions  []*RegionView
	Kinds    []*KindView
	Total    int
}

// searchCache keeps the analysis of unchanged events from one build to the
// next (a field of Cache).
type searchCache = search.Cache

// searchInput is every published event as the search index sees it.
func (b *builder) searchInput() search.Input {
	in := search.Input{Docs: make([]search.Doc, 0, len(b.events)), Language: b.site.Language}
	for _, k := range b.site.Kinds {
		in.Kinds = append(in.Kinds, search.Facet{Key: k.Key, Name: k.Name})
	}
	for _, r := range b.site.Regions {
		in.Regions = append(in.Regions, search.Facet{Key: r.Key, Name: r.Name})
	}
	for _, e := range b.events {
		d := search.Doc{URL: eventURL(e), Title: e.Title, Date: e.Date, DateText: b.theme.DateRange(e.Date, e.EndDate),
			Location: e.Location, Region: e.Region.Key, Kind: e.Kind.Key, Topics: e.Topics, Summary: e.Summary,
			Extra: strings.Join(append(append([]string(nil), e.Organizers...), e.Kind.Name, e.Region.Name), " · ")}
		if r := b.rendered[e]; r != nil {
			d.Body = r.Text
		}
		in.Docs = append(in.Docs, d)
	}
	return in
}

// renderSearch writes the search index and the /search/ page that reads it.
func (b *builder) renderSearch() error {
	var opts search.Options
	if c := b.cfg.Cache; c != nil {
		c.mu.Lock()
		if c.search == nil {
			c.search = search.NewCache()
		}
		opts.Cache = c.search
		c.mu.Unlock()
	}
	idx, err := search.Build(b.ctx, b.searchInput(), opts)
	if err != nil {
		return err
	}
	dir := searchIndexURL(idx.Version)
	for name, data := range idx.Files {
		b.put(filePath(dir+name), data)
	}
	sv := &SearchView{IndexURL: dir, Regions: b.siteView.Regions, Kinds: b.siteView.Kinds, Total: len(b.events)}
	for _, y := range b.yearCounts() {
		sv.Years = append(sv.Years, y.Year)
	}
	d := b.page("search", searchURL(), b.t("search_title"), b.t("search_description"))
	d.Search = sv
	return b.write(searchURL(), d, "search")
}
