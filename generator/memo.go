package generator

import (
	"fmt"
	"maps"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/iom-cso/archive/generator/content"
	"github.com/iom-cso/archive/generator/markdown"
	"github.com/iom-cso/archive/generator/search"
	"github.com/iom-cso/archive/internal/memo"
)

// A Build with a warm Cache renders again only what an edit changed, on
// the same code path as a cold build: every stage looks its work up in a
// memo.Table by an explicit key, and each table sweeps at the end of a
// build what that build did not use.
//
//   - content.Load keeps parsed files by path and bytes;
//   - load keeps rendered Markdown by the file's hash (mdKey);
//   - render keeps each event's files (eventFiles) by the site digest, the
//     event's digest and its two neighbours' as lists show them (prev/next
//     links); every other page by the site digest, the digests of the
//     events it shows (as lists show them: a body edit changes no list)
//     and the few figures it prints (counts, page numbers); the feed by
//     its events whole, since it carries their bodies;
//   - search.Build keeps each document's analysis by its text.
//
// The site digest covers everything all pages share: site.yaml as parsed,
// the theme's files (layouts, i18n, assets), the build options, Today,
// and the site-wide views (kind and region counts, the menu). An event's
// digest covers its file's bytes (content.Event.Hash), its path and its
// bundle's attachments: everything else about an event is derived from
// those and the site.

// Cache carries memoized work from one Build to the next (the preview
// server keeps one). It is safe for one Build at a time.
type Cache struct {
	content  *content.Cache
	markdown memo.Table[mdKey, *markdown.Result]
	events   memo.Table[memo.Sum, eventFiles] // by the key render makes for each event
	files    memo.Table[memo.Sum, []byte]     // any other rendered file, by its key
	search   *search.Cache
}

// NewCache returns an empty build cache.
func NewCache() *Cache {
	return &Cache{content: content.NewCache(), search: search.NewCache()}
}

// eventFiles is what one event contributes to the site: its page, its
// .ics file (each with its path in the output) and its VEVENT, which the
// site's calendar gathers.
type eventFiles struct {
	pagePath, icsPath string
	page, ics, vevent []byte
}

// digest computes the site digest and every published event's.
func (m *site) digest() {
	var d memo.Digest
	for _, lang := range m.site.Languages {
		td := m.themes[lang].Digest()
		d.Bytes(td[:])
	}
	siteConfigDigest(&d, m.site)
	d.String(m.base)
	d.Bool(m.cfg.Drafts)
	d.String(m.cfg.Today.Format(time.RFC3339Nano))
	d.String(m.cfg.Today.Location().String())
	d.String(m.dir)
	d.Int(m.pageSize())
	// The views every page shows: the counts in the navigation and the
	// menu of plain pages.
	for _, k := range m.siteView.Kinds {
		d.Int(k.Count)
	}
	for _, r := range m.siteView.Regions {
		d.Int(r.Count)
	}
	for _, l := range m.siteView.Pages {
		d.String(l.Label)
		d.String(l.URL)
	}
	m.digestDirectory(&d)
	// Which records and pages each language publishes: every page links
	// to them (lists, the menu, a translation's links, alternates).
	// The menu's labels in other languages are the translations'
	// titles, which their hashes cover.
	for _, e := range m.events {
		addTranslations(&d, e.Translations)
	}
	for _, p := range m.pages {
		addTranslations(&d, p.Translations)
	}
	m.sum = d.Sum()

	m.eventSum = make(map[*content.Event]memo.Sum, len(m.events))
	for _, e := range m.events {
		var d memo.Digest
		d.String(e.Path)
		d.Bytes(e.Hash[:])
		d.Int(len(e.Files))
		for _, f := range e.Files {
			d.String(f)
			d.Int(int(e.FileSizes[f]))
		}
		for _, doc := range e.Documents {
			d.Int(int(doc.Size))
			d.String(doc.TypeKey)
		}
		d.Bool(e.Draft)
		addOrganizers(&d, e)
		addTranslations(&d, e.Translations)
		m.eventSum[e] = d.Sum()
	}
	m.listedSums()
}

// listedSums computes the digest of every published event as m's lists
// show it, in m's language.
func (m *site) listedSums() {
	m.listedSum = make(map[*content.Event]memo.Sum, len(m.events))
	for _, e := range m.events {
		m.listedSum[e] = summaryDigest(m.summary[e])
	}
}

// addTranslations adds a record's or a page's translations: their
// languages, files and bytes.
func addTranslations(d *memo.Digest, trs map[string]*content.Translation) {
	d.Int(len(trs))
	if len(trs) == 0 {
		return // most records and organizations: no sorting to allocate for
	}
	for _, lang := range slices.Sorted(maps.Keys(trs)) {
		d.String(lang)
		d.String(trs[lang].Path)
		d.Bytes(trs[lang].Hash[:])
	}
}

// summaryDigest is the digest of an event as lists show it: its
// EventSummary, whose kind and region views the site digest covers. A
// list changes when a title or a date does, not when a body does.
// (TestSummaryDigestCoversEventSummary holds this to every field.)
func summaryDigest(s *EventSummary) memo.Sum {
	var d memo.Digest
	d.String(s.Title)
	d.String(s.URL)
	d.String(s.Date.Format(time.RFC3339Nano))
	d.String(s.EndDate.Format(time.RFC3339Nano))
	d.String(s.Location)
	d.String(s.Format)
	d.String(s.Kind.Key)
	d.String(s.Region.Key)
	d.String(s.Summary)
	d.Bool(s.Draft)
	d.String(s.Lang)
	return d.Sum()
}

// key starts d as the key of the file at url: the site digest and the
// URL. Callers add what else the file shows.
func (m *site) key(d *memo.Digest, url string) *memo.Digest {
	d.Digest(m.sum)
	d.String(url)
	return d
}

// addListed adds the digests of events as a list shows them (nil for a
// missing neighbour).
func (m *site) addListed(d *memo.Digest, events ...*content.Event) {
	d.Int(len(events))
	for _, e := range events {
		if e == nil {
			d.Int(0)
			continue
		}
		d.Digest(m.listedSum[e])
	}
}

// addEvents adds the digests of events whole, bodies included.
func (m *site) addEvents(d *memo.Digest, events ...*content.Event) {
	d.Int(len(events))
	for _, e := range events {
		d.Digest(m.eventSum[e])
	}
}

// addPage adds what a plain page's (or the home page's) file holds.
func addPage(d *memo.Digest, p *content.Page) {
	d.String(p.Path)
	d.Bytes(p.Hash[:])
	d.Bool(p.Draft)
	addTranslations(d, p.Translations)
}

// siteConfigDigest adds site.yaml as parsed to d: its values, every
// field of the model, so that a field added to it is covered without a
// line here, and none of its addresses (its kinds, regions, topics and
// organization types are pointers, new at every parse), so that a re-read
// of an unchanged site.yaml keeps the cache.
func siteConfigDigest(d *memo.Digest, site *content.Site) {
	valueDigest(d, reflect.ValueOf(site), 0)
}

// valueDigest adds the value v to d: what a pointer leads to rather than
// the pointer, a map in the order of its keys, each field with its name,
// unexported ones too (read, never called). A model holds no cycle; depth
// bounds the walk all the same.
func valueDigest(d *memo.Digest, v reflect.Value, depth int) {
	if depth > 32 {
		panic("valueDigest: the site model nests deeper than 32 values, or holds a cycle")
	}
	d.Int(int(v.Kind()))
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		d.Bool(v.IsNil())
		if !v.IsNil() {
			valueDigest(d, v.Elem(), depth+1)
		}
	case reflect.Struct:
		t := v.Type()
		d.String(t.String())
		for i := range t.NumField() {
			d.String(t.Field(i).Name)
			valueDigest(d, v.Field(i), depth+1)
		}
	case reflect.Slice, reflect.Array:
		d.Int(v.Len())
		for i := range v.Len() {
			valueDigest(d, v.Index(i), depth+1)
		}
	case reflect.Map:
		d.Int(v.Len())
		keys := v.MapKeys()
		slices.SortFunc(keys, func(a, b reflect.Value) int { return strings.Compare(fmt.Sprint(a), fmt.Sprint(b)) })
		for _, k := range keys {
			valueDigest(d, k, depth+1)
			valueDigest(d, v.MapIndex(k), depth+1)
		}
	case reflect.String:
		d.String(v.String())
	case reflect.Bool:
		d.Bool(v.Bool())
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		d.Int(int(v.Int()))
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		d.Int(int(v.Uint()))
	case reflect.Float32, reflect.Float64:
		d.String(strconv.FormatFloat(v.Float(), 'g', -1, 64))
	default:
		// Functions, channels: the model has none; a value of them
		// would not be one of site.yaml's.
		panic("valueDigest: a " + v.Kind().String() + " in the site model")
	}
}
