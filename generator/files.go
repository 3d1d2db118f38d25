package generator

import (
	"bytes"
	"cmp"
	"fmt"
	"html/template"
	"net/url"
	"path"
	"slices"
	"strings"
	"time"

	"github.com/iom-cso/archive/generator/content"
	"github.com/iom-cso/archive/generator/feed"
	"github.com/iom-cso/archive/generator/output"
	"github.com/iom-cso/archive/internal/memo"
)

// The files of the site that are not pages: the feed, the calendar, the
// sitemap, robots.txt, Netlify's _redirects and _headers, and the
// attachments copied beside their events.

func (r *renderer) calendar() feed.Calendar {
	m := r.m
	return feed.Calendar{Name: m.siteView.Title, Description: m.siteView.Description, ProdID: "-//archive//" + m.site.Title + "//" + strings.ToUpper(m.lang), URL: m.theme.Abs(m.url(homeURL()))}
}

// entry is e as the feed and the calendar describe it in r's language
// (its original's text when it has no translation into it); html is its
// body in that text.
func (r *renderer) entry(e *content.Event, html template.HTML) feed.Entry {
	m := r.m
	u := m.eventURL(e)
	loc := e.In(m.lang)
	ent := feed.Entry{
		ID:       feed.TagURI(m.base, e.Date.Year(), strings.TrimSuffix(strings.TrimPrefix(u, "/"), "/")),
		URL:      m.theme.Abs(u),
		Title:    loc.Title,
		Summary:  loc.Summary,
		Start:    feed.DateOf(e.Date),
		Location: loc.Location,
		Online:   e.Format == "online",
		Authors:  e.Organizers,
		Updated:  addedOn(e),
		// Published is when the record was added; an entry without it
		// keeps its start date, as before published: existed.
		Published: e.Published,
		StartTime: e.Start,
		EndTime:   e.End,
	}
	if s := m.summary[e]; s != nil {
		ent.Lang = s.Lang // the original's, when it has no translation into m.lang
	}
	if m.upcoming(e) && e.Registration != "" {
		ent.Registration, ent.RegistrationLabel = e.Registration, m.t("event_register")
	}
	if !e.EndDate.IsZero() {
		ent.End = feed.DateOf(e.EndDate)
	}
	ent.Categories = append(ent.Categories, e.Kind.NameIn(m.lang), e.Region.NameIn(m.lang))
	ent.Categories = append(ent.Categories, e.Topics...)
	if len(e.Topics) > 0 {
		ent.CategoryLabels = make(map[string]string, len(e.Topics))
		for _, t := range e.Topics {
			ent.CategoryLabels[t] = m.topicName(t)
		}
	}
	ent.Content = string(html)
	return ent
}

// addedOn is the day e was added to the archive as the feed knows it:
// published, or the event's date when its record does not say.
func addedOn(e *content.Event) time.Time {
	if !e.Published.IsZero() {
		return e.Published
	}
	return e.Date
}

// newInArchive orders events as the feed lists them: the last added
// first (addedOn), then by date, newest first, then by path, so that a
// record of 2013 added today comes before a session of last week added
// last week, and the order never depends on the file system.
func newInArchive(events []*content.Event) []*content.Event {
	out := slices.Clone(events)
	slices.SortFunc(out, func(a, b *content.Event) int {
		return cmp.Or(addedOn(b).Compare(addedOn(a)), b.Date.Compare(a.Date), strings.Compare(a.Path, b.Path))
	})
	return out
}

// renderFeed writes the Atom feed of the records added last (m.newest,
// whose bodies are html). The calendar of all events is put together at
// the end of render, from each event's VEVENT.
func (r *renderer) renderFeed(html []template.HTML) error {
	m := r.m
	var k memo.Digest
	m.key(&k, m.url(feedURL()))
	m.addEvents(&k, m.newest...)
	return r.file(k.Sum(), filePath(m.url(feedURL())), func() ([]byte, error) {
		var entries []feed.Entry
		var updated time.Time
		for i, e := range m.newest {
			entries = append(entries, r.entry(e, html[i]))
			if addedOn(e).After(updated) {
				updated = addedOn(e)
			}
		}
		return feed.Atom(feed.FeedMeta{Title: m.siteView.Title, Subtitle: m.siteView.Description, SiteURL: m.theme.Abs(m.url(homeURL())),
			FeedURL: m.theme.Abs(m.url(feedURL())), ID: m.theme.Abs(m.url(feedURL())), Lang: m.lang, Updated: updated, Author: m.siteView.Title}, entries), nil
	})
}

// renderSiteFiles writes the sitemap, robots.txt, redirects and preview headers.
func (r *renderer) renderSiteFiles() error {
	m := r.m
	var urls []string
	urls = append(urls, homeURL(), yearsURL())
	// Every page of every index: years, /regions/ and regions, kinds.
	size := m.pageSize()
	regions := false
	for _, ix := range m.publishedIndexes() {
		if ix.region && !regions {
			urls = append(urls, regionsURL())
			regions = true
		}
		for n := range pageCount(ix.events, size) {
			urls = append(urls, listPageURL(ix.url, n+1))
		}
	}
	if !regions {
		urls = append(urls, regionsURL()) // a site.yaml without regions
	}
	urls = append(urls, searchURL(), followURL())
	urls = append(urls, m.directoryURLs()...)
	for _, p := range m.pages {
		urls = append(urls, pageURL(p))
	}
	for _, e := range m.events {
		urls = append(urls, eventURL(e))
	}
	// Only the sitemap costs anything to write: it is memoized by its URLs
	// (which pages each language has, the site digest covers).
	var k memo.Digest
	m.key(&k, sitemapURL())
	k.Int(len(urls))
	for _, u := range urls {
		k.String(u)
	}
	if err := r.file(k.Sum(), filePath(sitemapURL()), func() ([]byte, error) {
		// The default language's pages, then each other language's: each
		// page with its language versions when the site has several.
		var locs []feed.SitemapURL
		for _, l := range m.langs {
			for _, u := range urls {
				if !l.isDefault() && !m.langPages[l.lang][u] {
					continue
				}
				loc := feed.SitemapURL{Loc: l.theme.Abs(l.url(u))}
				if len(m.langs) > 1 {
					vs := m.versions(u)
					for _, v := range vs {
						loc.Alternates = append(loc.Alternates, feed.SitemapAlternate{Hreflang: v.lang, Href: v.theme.Abs(v.url(u))})
					}
					loc.Alternates = append(loc.Alternates, feed.SitemapAlternate{Hreflang: "x-default", Href: m.theme.Abs(u)})
				}
				locs = append(locs, loc)
			}
		}
		return feed.Sitemap(locs), nil
	}); err != nil {
		return err
	}
	r.put(filePath(robotsURL()), feed.Robots(m.theme.Abs(sitemapURL()), m.cfg.Drafts))

	var rules []redirectRule
	for _, e := range m.events {
		for _, a := range e.Aliases {
			rules = append(rules, redirectRule{a, eventURL(e)})
		}
	}
	for _, p := range m.pages {
		for _, a := range p.Aliases {
			rules = append(rules, redirectRule{a, pageURL(p)})
		}
	}
	// A translated page's old addresses, in its language's folder: only
	// where the page exists in that language (listRoutes claims them).
	for _, l := range m.langs {
		if l.isDefault() {
			continue
		}
		for _, e := range m.events {
			if e.Translations[l.lang] != nil {
				for _, a := range e.Aliases {
					rules = append(rules, redirectRule{l.url(a), l.url(eventURL(e))})
				}
			}
		}
		for _, p := range m.pages {
			if p.Translations[l.lang] != nil {
				for _, a := range p.Aliases {
					rules = append(rules, redirectRule{l.url(a), l.url(pageURL(p))})
				}
			}
		}
	}
	if len(rules) > 0 || len(m.langs) > 1 {
		slices.SortStableFunc(rules, func(a, b redirectRule) int { return strings.Compare(a.from, b.from) })
		redirects, err := redirectsFile(rules)
		if err != nil {
			return err
		}
		// After the aliases, which Netlify tries first: an address under
		// a language's folder that no file answers gets that language's
		// 404 page, with status 404 (a rule without "!" never hides a
		// file). redirectsFile escapes "*", so these are written here.
		for _, lang := range m.site.OtherLanguages() {
			redirects = fmt.Appendf(redirects, "/%s/* %s 404\n", lang, "/"+lang+notFoundURL())
		}
		r.put(filePath(redirectsURL()), redirects)
	}
	headers, err := r.headers()
	if err != nil {
		return err
	}
	if len(headers) > 0 {
		r.put(filePath(headersURL()), headers)
	}
	return nil
}

// headers returns the site's Netlify _headers file, or nil when it needs
// none. Netlify applies these on top of netlify.toml's, which set the
// site's Content-Security-Policy for every path; a response with two
// policies must satisfy both.
func (r *renderer) headers() ([]byte, error) {
	m := r.m
	var buf bytes.Buffer
	if m.cfg.Drafts {
		buf.WriteString("# A preview: kept out of search engines.\n/*\n  X-Robots-Tag: noindex\n")
	}
	// Each attachment gets its own rule, rather than a pattern: Netlify's
	// "*" also matches the event pages beside them, which must keep
	// running the site's script. "sandbox" gives a document opened from
	// an attachment an origin of its own and no script.
	var paths []string
	for _, e := range m.events {
		for _, f := range e.Files {
			u := attachmentURL(e, f)
			// A line break in a path would start a rule of its own; the
			// content loader refuses such names, and this makes sure.
			if strings.ContainsFunc(u, func(r rune) bool { return r < 0x20 || r == 0x7f }) {
				return nil, fmt.Errorf("attachment %q: a control character in its name cannot be written to _headers", path.Join(m.dir, e.BundleDir, f))
			}
			paths = append(paths, u)
			// Names with spaces or other letters travel escaped; which
			// form Netlify compares is not documented, so both are given.
			if esc := (&url.URL{Path: u}).EscapedPath(); esc != u {
				paths = append(paths, esc)
			}
		}
	}
	slices.Sort(paths)
	if len(paths) > 0 {
		buf.WriteString("# Attachments are documents to read, never part of the site: no script, no type sniffing.\n")
	}
	for _, p := range paths {
		fmt.Fprintf(&buf, "%s\n  Content-Security-Policy: sandbox\n  X-Content-Type-Options: nosniff\n", p)
	}
	return buf.Bytes(), nil
}

// redirectRule is one line of _redirects: a permanent redirect from an
// alias to the page's URL.
type redirectRule struct{ from, to string }

// redirectsFile writes Netlify's _redirects, one "from to 301" line per
// rule. content.Load lets only plain site paths through as aliases; this
// is the second wall, so that no value can ever add a rule of its own:
// both fields must be site paths (one leading "/"), and every byte that
// could end a field or a line, start a comment or be a pattern to
// Netlify (whitespace, controls, bytes outside ASCII, "#", "*", ":") is
// written percent-encoded.
func redirectsFile(rules []redirectRule) ([]byte, error) {
	var b bytes.Buffer
	field := func(s string) error {
		if !strings.HasPrefix(s, "/") || strings.HasPrefix(s, "//") {
			return fmt.Errorf("_redirects: %q is not a site path", s)
		}
		for i := 0; i < len(s); i++ {
			switch c := s[i]; {
			case c <= ' ' || c >= 0x7f || c == '#' || c == '*' || c == ':':
				fmt.Fprintf(&b, "%%%02X", c)
			default:
				b.WriteByte(c)
			}
		}
		return nil
	}
	for _, r := range rules {
		if err := field(r.from); err != nil {
			return nil, err
		}
		b.WriteByte(' ')
		if err := field(r.to); err != nil {
			return nil, err
		}
		b.WriteString(" 301\n")
	}
	return b.Bytes(), nil
}

// attachments lists every bundle file to copy next to its event's page.
// Nothing is read: the content loader checked each file's type and size,
// and the copy checks that the file still has that size.
func (r *renderer) attachments() (output.Copies, error) {
	m := r.m
	copies := output.Copies{}
	for _, e := range m.events {
		for _, f := range e.Files {
			name := path.Join(e.BundleDir, f)
			size, ok := e.FileSizes[f]
			if !ok {
				return nil, fmt.Errorf("%s/%s: attachment has no size from the content loader", m.dir, name)
			}
			copies[filePath(attachmentURL(e, f))] = output.Copy{FS: m.cfg.Content, Name: name, Size: size, Source: m.dir + "/" + name}
		}
	}
	return copies, nil
}
