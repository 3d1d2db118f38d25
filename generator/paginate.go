package generator

import (
	"fmt"
	"slices"

	"github.com/iom-cso/archive/generator/content"
	"github.com/iom-cso/archive/generator/taxonomy"
	"github.com/iom-cso/archive/internal/memo"
)

// Indexes (a year, a region, a kind) list their events newest first, on
// pages of site.yaml's pagination.page_size events: page 1 at the index's
// own URL, the others at <index>page/<n>/ (routes.go). Each page is an
// ordinary page of the site, rendered through write and memoized by the
// events it lists and its place in the index; the sitemap and the route
// table (which the duplicate-URL claims and check's links read) list the
// pages from indexes below, so that they cannot disagree with what is
// rendered.

// pageCount is how many pages an index of n events has: one at least,
// since an empty index still has its page, which says so.
func pageCount(n, size int) int {
	if n <= size {
		return 1
	}
	return (n + size - 1) / size
}

// pageSize is the number of events on one page of an index: Config's, or
// site.yaml's.
func (m *site) pageSize() int {
	if m.cfg.PageSize > 0 {
		return m.cfg.PageSize
	}
	if m.site.PageSize > 0 {
		return m.site.PageSize
	}
	return content.DefaultPageSize
}

// indexInfo is one index of events, as far as its URLs are concerned.
type indexInfo struct {
	url    string // page 1
	name   string // for messages
	events int
	region bool // an index of a region: the sitemap lists /regions/ before the first
}

// indexes lists every index the site makes of events, in the order
// the sitemap gives them: the years that have events, every region and
// every kind of site.yaml (an empty one still has its page). Check lists
// them for content with errors too, where an event may lack its region.
func (m *site) indexes(events []*content.Event) []indexInfo {
	years := taxonomy.ByYear(events)
	if slices.ContainsFunc(events, func(e *content.Event) bool { return e.Region == nil || e.Kind == nil }) {
		events = slices.DeleteFunc(slices.Clone(events), func(e *content.Event) bool { return e.Region == nil || e.Kind == nil })
	}
	topics := siteTopics(m.site, events)
	out := append(indexesOf(years, taxonomy.ByRegion(m.site, events), taxonomy.ByKind(m.site, events)), topicIndexes(topics, byTopic(topics, events))...)
	return append(out, orgIndexes(m.arch.Organizations, events)...)
}

// publishedIndexes is indexes(m.events), from the groupings load made.
func (m *site) publishedIndexes() []indexInfo {
	out := append(indexesOf(m.years, m.regions, m.kinds), topicIndexes(m.directory.topics, m.directory.topicEvents)...)
	for _, o := range m.arch.Organizations {
		out = append(out, indexInfo{url: organizationURL(o), name: "the page of " + o.Name, events: len(m.directory.orgEvents[o])})
	}
	return out
}

func indexesOf(years, regions, kinds []*taxonomy.Group) []indexInfo {
	var out []indexInfo
	for _, g := range years {
		out = append(out, indexInfo{yearURL(g.Year), fmt.Sprint("the index of ", g.Year), len(g.Events), false})
	}
	for _, g := range regions {
		out = append(out, indexInfo{regionURL(g.Region), "the index of " + g.Region.Name, len(g.Events), true})
	}
	for _, g := range kinds {
		out = append(out, indexInfo{kindURL(g.Kind), "the index of " + g.Kind.Plural, len(g.Events), false})
	}
	return out
}

// indexPages is one index to render: what its pages share.
type indexPages struct {
	url         string // page 1's
	title, desc string
	list        ListView // Heading, Description, Kind, Region, Year; the rest is set per page
	breadcrumbs []Link
	events      []*content.Event // newest first
	layouts     []string
	item        string // the partial that renders an event's item (listitems.go)
	// sum and decorate are for indexes that show more than their events
	// (an organization's page): what else the pages show, for their memo
	// key, and what adds it to each page's data.
	sum      memo.Sum
	decorate func(d *PageData, n int) error
}

// writeIndex renders every page of an index. A page's memo key is the
// events it lists, where it stands in the index and what the index is
// called: the rest of what it shows is the site's.
func (r *renderer) writeIndex(ix indexPages) error {
	m := r.m
	size := m.pageSize()
	pages := pageCount(len(ix.events), size)
	for n := 1; n <= pages; n++ {
		url := listPageURL(ix.url, n)
		lo, hi := (n-1)*size, min(n*size, len(ix.events))
		continued := lo > 0 && ix.events[lo-1].Date.Year() == ix.events[lo].Date.Year()
		var k memo.Digest
		m.key(&k, url)
		k.String(ix.title)
		k.String(ix.desc)
		k.Int(n)
		k.Int(pages)
		k.Int(len(ix.events))
		k.Bool(continued)
		k.Digest(ix.sum)
		m.addListed(&k, ix.events[lo:hi]...)
		page := func() (*PageData, error) {
			title := ix.title
			if n > 1 {
				title = r.pageTitle(ix.title, n, pages)
			}
			d := r.page("list", url, title, ix.desc)
			lv := ix.list
			lv.Count = len(ix.events)
			lv.Groups = r.yearGroups(ix.events[lo:hi], continued)
			if err := r.groupItems(lv.Groups, ix.item); err != nil {
				return nil, err
			}
			if pages > 1 {
				lv.Pager = &Pager{Page: n, Pages: pages, First: lo + 1, Last: hi, Items: pagerItems(ix.url, n, pages)}
				if n > 1 {
					lv.Pager.Prev = listPageURL(ix.url, n-1)
				}
				if n < pages {
					lv.Pager.Next = listPageURL(ix.url, n+1)
				}
			}
			d.List = &lv
			d.Breadcrumbs = ix.breadcrumbs
			if n > 1 {
				// Page 1 is where the index begins: a way back to it besides
				// the pager.
				d.Breadcrumbs = append(append([]Link(nil), ix.breadcrumbs...), Link{Label: ix.title, URL: ix.url})
			}
			if ix.decorate != nil {
				if err := ix.decorate(d, n); err != nil {
					return nil, err
				}
			}
			return d, nil
		}
		err := r.file(k.Sum(), filePath(url), func() ([]byte, error) {
			d, err := page()
			if err != nil {
				return nil, err
			}
			return r.render(d, ix.layouts...)
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// pageTitle is the title of page n of an index: the theme's
// list_page_title ("Heading — page 2 of 7").
func (r *renderer) pageTitle(heading string, n, pages int) string {
	if s, err := r.m.theme.String("list_page_title", heading, n, pages); err == nil {
		return s
	}
	return fmt.Sprintf("%s (%d/%d)", heading, n, pages)
}

// yearGroups groups events, newest first, by year. continued says the
// first year began on the page before.
func (r *renderer) yearGroups(events []*content.Event, continued bool) []YearGroup {
	var out []YearGroup
	for i, e := range events {
		if y := e.Date.Year(); i == 0 || y != events[i-1].Date.Year() {
			out = append(out, YearGroup{Year: y, Continued: i == 0 && continued})
		}
		g := &out[len(out)-1]
		g.Events = append(g.Events, r.m.summary[e])
	}
	return out
}

// pagerItems are the page numbers a pager shows on page of pages: the
// first and the last, this one and the pages on either side; a gap
// stands for two pages or more, and a single page left out is shown
// instead, where a gap would save nothing ("1 2 3 4 5", "1 … 4 5 6 … 100").
func pagerItems(index string, page, pages int) []PagerItem {
	var items []PagerItem
	num := func(n int) {
		items = append(items, PagerItem{Page: n, URL: listPageURL(index, n), Current: n == page})
	}
	last := 0
	for _, n := range []int{1, page - 1, page, page + 1, pages} {
		if n <= last || n > pages {
			continue
		}
		switch n - last {
		case 1:
		case 2:
			num(last + 1)
		default:
			items = append(items, PagerItem{})
		}
		num(n)
		last = n
	}
	return items
}

// Stats is the size of the site a build makes, as check reports it.
type Stats struct {
	// Pages is the number of HTML pages, the 404 page included.
	Pages int
	// Paginated is the number of indexes split over more than one page,
	// and IndexPages the number of pages they have together.
	Paginated, IndexPages int
}

// stats counts the pages of the site made of events and pages, from the
// routes alone: the count is the same whether or not the site renders.
func (m *site) stats(events []*content.Event, pages []*content.Page) Stats {
	// In each language: home, /years/, /regions/, /search/, /follow/
	// and /404.html, /organizations/ (its pages) and /topics/ when the site has them,
	// and every index; each event and plain page in the
	// default language, and those translated in the others.
	var one Stats
	dir, dirPaged := m.directoryPageCount(events)
	one.Pages = 6 + dir
	if dirPaged > 0 {
		one.Paginated, one.IndexPages = 1, dirPaged
	}
	size := m.pageSize()
	for _, ix := range m.indexes(events) {
		n := pageCount(ix.events, size)
		one.Pages += n
		if n > 1 {
			one.Paginated++
			one.IndexPages += n
		}
	}
	langs := len(m.site.Languages)
	s := Stats{Pages: langs*one.Pages + len(events) + len(pages), Paginated: langs * one.Paginated, IndexPages: langs * one.IndexPages}
	for _, lang := range m.site.OtherLanguages() {
		for _, e := range events {
			if e.Translations[lang] != nil {
				s.Pages++
			}
		}
		for _, p := range pages {
			if p.Translations[lang] != nil {
				s.Pages++
			}
		}
	}
	return s
}
