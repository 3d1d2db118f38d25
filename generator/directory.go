package generator

import (
	"cmp"
	"encoding/json"
	"fmt"
	"html/template"
	"slices"
	"strconv"
	"strings"

	"github.com/iom-cso/archive/generator/chart"
	"github.com/iom-cso/archive/generator/content"
	"github.com/iom-cso/archive/generator/markdown"
	"github.com/iom-cso/archive/generator/search"
	"github.com/iom-cso/archive/generator/taxonomy"
	"github.com/iom-cso/archive/internal/memo"
)

// The directory of organizations and the topic index: /organizations/,
// /organizations/<key>/, /topics/ and /topics/<key>/ (paginated like the
// other indexes). The content model resolves organizers and topics
// (content.Archive.Organizations, content.Site.Topics); this file groups
// the published events by them, once, and renders the pages.
//
// /organizations/ exists when the archive has a directory
// (content/organizations/), /topics/ when its events have topics: the
// vocabulary of site.yaml, or, for a site that declares none, every key
// the records use. Both addresses are claimed either way, so that a plain
// page cannot take an address the site makes as soon as it has either.
// Their URLs are decided in routes.go.

// directory is the site's grouping of its published events by
// organization and by topic, computed once by load.
type directory struct {
	orgEvents   map[*content.Organization][]*content.Event // published, newest first
	topics      []*content.Topic                           // the vocabulary, or the keys used
	topicEvents map[string][]*content.Event                // by topic key: published, newest first
	orgMD       map[*content.Organization]*markdown.Result // drafts' included; for check and render
	orgSum      map[*content.Organization]memo.Sum         // the organization's file
	// An organization as every event page it convened names it, in the
	// site's language, made once (makeDirectoryViews) rather than once an
	// event: its link, and its JSON-LD, encoded.
	orgLink map[*content.Organization]Link
	orgLD   map[*content.Organization]json.RawMessage
}

// siteTopics is the topic list of the site for events: site.yaml's
// vocabulary, or, without one, every topic key events use, in key order,
// each named by its words.
func siteTopics(s *content.Site, events []*content.Event) []*content.Topic {
	if len(s.Topics) > 0 {
		return s.Topics
	}
	seen := map[string]bool{}
	var out []*content.Topic
	for _, e := range events {
		for _, t := range e.Topics {
			if !seen[t] {
				seen[t] = true
				out = append(out, &content.Topic{Key: t, Name: strings.ReplaceAll(t, "-", " ")})
			}
		}
	}
	slices.SortFunc(out, func(a, b *content.Topic) int { return strings.Compare(a.Key, b.Key) })
	return out
}

// byTopic groups events by topic, one group per topic of topics, newest
// first within each.
func byTopic(topics []*content.Topic, events []*content.Event) map[string][]*content.Event {
	out := make(map[string][]*content.Event, len(topics))
	for _, t := range topics {
		out[t.Key] = nil
	}
	for _, e := range events {
		for _, t := range e.Topics {
			if _, ok := out[t]; ok {
				out[t] = append(out[t], e)
			}
		}
	}
	for k, es := range out {
		out[k] = taxonomy.NewestFirst(es)
	}
	return out
}

// topicIndexes are the topic pages as indexes of events (paginate.go),
// in the order of topics.
func topicIndexes(topics []*content.Topic, groups map[string][]*content.Event) []indexInfo {
	out := make([]indexInfo, 0, len(topics))
	for _, t := range topics {
		out = append(out, indexInfo{url: topicPageURL(t.Key), name: "the index of the topic " + t.Name, events: len(groups[t.Key])})
	}
	return out
}

// orgIndexes are the organizations' pages as indexes of events, in the
// directory's order: of events, those each organization convened.
func orgIndexes(orgs []*content.Organization, events []*content.Event) []indexInfo {
	if len(orgs) == 0 {
		return nil
	}
	in := make(map[*content.Event]bool, len(events))
	for _, e := range events {
		in[e] = true
	}
	out := make([]indexInfo, 0, len(orgs))
	for _, o := range orgs {
		n := 0
		for _, e := range o.Events {
			if in[e] {
				n++
			}
		}
		out = append(out, indexInfo{url: organizationURL(o), name: "the page of " + o.Name, events: n})
	}
	return out
}

// groupDirectory computes the directory's groupings of the published
// events.
func (m *site) groupDirectory() {
	d := &m.directory
	published := make(map[*content.Event]bool, len(m.events))
	for _, e := range m.events {
		published[e] = true
	}
	d.orgEvents = make(map[*content.Organization][]*content.Event, len(m.arch.Organizations))
	d.orgSum = make(map[*content.Organization]memo.Sum, len(m.arch.Organizations))
	for _, o := range m.arch.Organizations {
		var es []*content.Event
		for _, e := range o.Events {
			if published[e] {
				es = append(es, e)
			}
		}
		d.orgEvents[o] = taxonomy.NewestFirst(es)
		var k memo.Digest
		k.String(o.Path)
		k.Bytes(o.Hash[:])
		d.orgSum[o] = k.Sum()
	}
	d.topics = siteTopics(m.site, m.events)
	d.topicEvents = byTopic(d.topics, m.events)
}

// directoryRoutes are the routes of the directory and the topic index:
// their pages when the site makes them, the addresses reserved when it
// does not. The pages of organizations and topics are among the indexes
// (paginate.go): an organization's list of consultations is paginated
// like any index, IOM's being the whole archive. The directory's own
// pages after the first are at /organizations/page/<n>/, a folder kept
// free whether or not the directory has that many organizations.
func (m *site) directoryRoutes() []route {
	var rs []route
	orgs := route{url: organizationsURL(), kind: routeReserved, what: "the directory of organizations (" + organizationsURL() + ")"}
	if len(m.arch.Organizations) > 0 {
		orgs.kind = routePage
	}
	rs = append(rs, orgs)
	for n := 2; n <= m.directoryPages(); n++ {
		u := listPageURL(organizationsURL(), n)
		rs = append(rs, route{url: u, kind: routePage, what: fmt.Sprintf("page %d of the directory of organizations (%s)", n, u)})
	}
	u := listPagesURL(organizationsURL())
	rs = append(rs, route{url: u, kind: routeReserved, what: "the folder of the further pages of the directory of organizations (" + u + "2/ and on)"})
	all := siteTopics(m.site, m.arch.Events)
	topics := route{url: topicsURL(), kind: routeReserved, what: "the index of topics (" + topicsURL() + ")"}
	if len(all) > 0 {
		topics.kind = routePage
	}
	rs = append(rs, topics)
	return rs
}

// directoryPages is the number of pages of /organizations/: 0 without a
// directory.
func (m *site) directoryPages() int {
	if len(m.arch.Organizations) == 0 {
		return 0
	}
	return pageCount(len(m.arch.Organizations), m.pageSize())
}

// directoryURLs are the sitemap's addresses of the directory's pages and
// of /topics/ (the topic pages are among the indexes).
func (m *site) directoryURLs() []string {
	var urls []string
	for n := 1; n <= m.directoryPages(); n++ {
		urls = append(urls, listPageURL(organizationsURL(), n))
	}
	if len(m.directory.topics) > 0 {
		urls = append(urls, topicsURL())
	}
	return urls
}

// directoryPageCount is the number of pages of the directory and /topics/
// (the pages of topics and organizations are counted with the indexes),
// for Stats, and those of the directory when it has several (0 when
// not).
func (m *site) directoryPageCount(events []*content.Event) (pages, paginated int) {
	pages = m.directoryPages()
	if pages > 1 {
		paginated = pages
	}
	if len(siteTopics(m.site, events)) > 0 {
		pages++
	}
	return pages, paginated
}

// directoryNav is what the navigation of every page adds for the
// directory and the topics.
func (m *site) directoryNav() []NavItem {
	var nav []NavItem
	if m.siteView.TopicsURL != "" {
		nav = append(nav, NavItem{Label: m.t("nav_topics"), URL: m.siteView.TopicsURL})
	}
	if m.siteView.OrganizationsURL != "" {
		nav = append(nav, NavItem{Label: m.t("nav_organizations"), URL: m.siteView.OrganizationsURL})
	}
	return nav
}

// makeDirectoryViews adds the directory's addresses to the site view,
// and makes each organization's link and JSON-LD in m's language.
func (m *site) makeDirectoryViews(sv *SiteView) {
	if len(m.arch.Organizations) > 0 {
		sv.OrganizationsURL = m.url(organizationsURL())
	}
	// New maps: a language's site is a copy of the default language's.
	m.directory.orgLink = make(map[*content.Organization]Link, len(m.arch.Organizations))
	m.directory.orgLD = make(map[*content.Organization]json.RawMessage, len(m.arch.Organizations))
	for _, o := range m.arch.Organizations {
		name := m.orgText(o).Title
		m.directory.orgLink[o] = Link{Label: name, URL: m.url(organizationURL(o))}
		url := o.URL
		if url == "" {
			url = m.theme.Abs(m.url(organizationURL(o)))
		}
		// As encoding/json writes the map {@type, name, url}, which the
		// page's JSON-LD holds as it is.
		ld, err := json.Marshal(map[string]any{"@type": "Organization", "name": name, "url": url})
		if err != nil {
			panic(err) // strings only: cannot fail
		}
		m.directory.orgLD[o] = ld
	}
	if len(m.directory.topics) > 0 {
		sv.TopicsURL = m.url(topicsURL())
	}
}

// digestDirectory adds to the site digest what every page shows of the
// directory: whether there is one (the navigation links to it), and the
// names of the topics and organization types in every language (event
// pages, lists and the directory show them; one site digest serves every
// language).
func (m *site) digestDirectory(d *memo.Digest) {
	d.String(m.siteView.OrganizationsURL)
	d.String(m.siteView.TopicsURL)
	for _, t := range m.directory.topics {
		d.String(t.Key)
		for _, lang := range m.site.Languages {
			d.String(t.NameIn(lang))
			d.String(t.DescriptionIn(lang))
		}
	}
	for _, t := range m.site.OrganizationTypes {
		d.String(t.Key)
		for _, lang := range m.site.Languages {
			d.String(t.NameIn(lang))
			d.String(t.DescriptionIn(lang))
		}
	}
}

// addOrganizers adds to an event's digest what its page shows of its
// organizers: the organization each names, by its name and websites.
func addOrganizers(d *memo.Digest, e *content.Event) {
	d.Int(len(e.ResolvedOrganizers))
	for _, o := range e.ResolvedOrganizers {
		if o.Org == nil {
			d.String("")
			continue
		}
		d.String(o.Org.Key)
		d.String(o.Org.Name)
		d.String(o.Org.URL)
		// Its name in each language: the pages of every language share
		// the event's digest.
		addTranslations(d, o.Org.Translations)
	}
}

// yearCountPartial is the theme's partial that writes a year of an
// organization's consultations per year, once per year, number and
// language (YearCount.HTML).
const yearCountPartial = "year-count"

// organizerLinkPartial is the theme's partial that writes an
// organization's link on the pages of the events it convened, once per
// organization and language (an event page calls an escaper through
// reflection for every part of a link it writes itself).
const organizerLinkPartial = "organizer-link"

// organizerLinks are an event's organizers as its page shows them: a
// known organization by its name, linked to its page (and that link as
// the theme's organizer-link partial writes it, when it has one); any
// other entry as written.
func (r *renderer) organizerLinks(e *content.Event) ([]OrganizerLink, error) {
	m := r.m
	if len(e.ResolvedOrganizers) != len(e.Organizers) {
		out := make([]OrganizerLink, len(e.Organizers))
		for i, s := range e.Organizers {
			out[i] = OrganizerLink{Label: s}
		}
		return out, nil
	}
	partial := m.theme.HasPartial(organizerLinkPartial)
	out := make([]OrganizerLink, len(e.ResolvedOrganizers))
	for i, o := range e.ResolvedOrganizers {
		if o.Org == nil {
			out[i] = OrganizerLink{Label: o.Text}
			continue
		}
		l := m.directory.orgLink[o.Org]
		out[i] = OrganizerLink{Label: l.Label, URL: l.URL}
		if partial {
			h, err := r.partialOnce(organizerLinkPartial, o.Org, &l)
			if err != nil {
				return nil, err
			}
			out[i].HTML = template.HTML(h)
		}
	}
	return out, nil
}

// topicName is the name of a topic key in m's language: the
// vocabulary's, or its words.
func (m *site) topicName(key string) string {
	if t := m.site.TopicByKey(key); t != nil {
		return t.NameIn(m.lang)
	}
	return strings.ReplaceAll(key, "-", " ")
}

// orgText is o's text on m's pages: its translation into m's language,
// or its own (Lang "") when it has none.
func (m *site) orgText(o *content.Organization) content.Localized {
	return o.In(m.lang)
}

// translationOf is o's translation into m's language; nil in the default
// language or when it has none.
func (m *site) translationOf(o *content.Organization) *content.Translation {
	if m.isDefault() {
		return nil
	}
	return o.Translations[m.lang]
}

// orgLang is the language o's text is shown in on m's pages when it is
// not m's: the default language's code for an organization without a
// translation into m's language, "" otherwise.
func (m *site) orgLang(o *content.Organization) string {
	if m.isDefault() || o.Translations[m.lang] != nil {
		return ""
	}
	return m.site.Language
}

// OrganizationsView is a page of /organizations/: the directory, grouped
// by type, on pages of the indexes' size.
type OrganizationsView struct {
	Heading string
	Groups  []OrganizationGroup // this page's
	Count   int                 // the organizations of the whole directory
	Pager   *Pager              // nil when the directory fits on one page
	// Types are where each type's organizations are in a directory of
	// several pages; nil when it has one.
	Types []OrganizationTypeLink
}

// OrganizationGroup is the organizations of one type on a page of the
// directory, in the order of site.yaml's organization_types.
type OrganizationGroup struct {
	Key, Name, Description string // Name: organizations_other for a group without a type
	// ID is the group's heading's, the same on every page it is on.
	ID string
	// Continued is set when the group began on the page before: its
	// heading says so.
	Continued     bool
	Organizations []*OrganizationSummary
}

// OrganizationTypeLink is a type of a directory of several pages: where
// its organizations begin (the page and its heading), how many there are
// and on which pages.
type OrganizationTypeLink struct {
	Name                string
	URL                 string
	Count               int
	FirstPage, LastPage int
}

// OrganizationSummary is an organization as the directory lists it, in
// the page's language.
type OrganizationSummary struct {
	Key, Name, ShortName, Summary string
	// Lang is the language its name and summary are written in when it is
	// not the page's (an organization without a translation into it):
	// the page marks them with it. "" otherwise.
	Lang        string
	URL         string // its page on the site
	Website     string // its own site; "" when not known
	Count       int    // published consultations it convened
	First, Last int    // their first and last years; 0 without any
}

// OrganizationView is /organizations/<key>/.
// Its consultations are the page's List, paginated like any index; the
// first page alone has the body, the chart and the years.
type OrganizationView struct {
	// What OrganizationSummary has, as fields of its own: a template
	// finds the fields of an embedded struct through reflection's search
	// of the embedded structs, which allocates at every use.
	Key, Name, ShortName, Summary string
	Lang                          string // as OrganizationSummary's
	URL, Website                  string
	Count, First, Last            int
	FirstPage                     bool // the first page of its list
	Type                          string
	Region                        *RegionView // nil when not given
	Body                          template.HTML
	Years                         []YearCount // the chart's figures, oldest first
	Chart                         *chart.Chart
}

// TopicsView is /topics/: every topic, most used first and by name.
type TopicsView struct {
	ByCount, ByName []*TopicView
}

// TopicView is a topic with its page and number of consultations.
type TopicView struct {
	Key, Name, Description, URL string
	Count                       int
}

func (m *site) orgSummary(o *content.Organization) *OrganizationSummary {
	es := m.directory.orgEvents[o]
	loc := m.orgText(o)
	s := &OrganizationSummary{Key: o.Key, Name: loc.Title, ShortName: loc.ShortName, Summary: loc.Summary, Lang: m.orgLang(o), URL: m.url(organizationURL(o)), Website: o.URL, Count: len(es)}
	if len(es) > 0 {
		s.Last, s.First = es[0].Date.Year(), es[len(es)-1].Date.Year()
	}
	return s
}

// addDirectoryTasks adds the render tasks of the directory and the topic
// pages.
func (r *renderer) addDirectoryTasks(add func(string, func() error)) {
	m := r.m
	if len(m.arch.Organizations) > 0 {
		add("organizations", r.renderOrganizations)
		for _, o := range m.arch.Organizations {
			add(o.Path, func() error { return r.renderOrganization(o) })
		}
	}
	if len(m.directory.topics) > 0 {
		add("topics", r.renderTopics)
	}
}

// renderOrganizations writes the directory: its organizations in
// site.yaml's order of types, on pages of the index's size, as an index
// of events is (page 2 and on at /organizations/page/<n>/), so that no
// page grows with the directory. A type whose organizations go on from
// the page before is headed again there, "(continued)", as a year is on
// the pages of an index; a directory of several pages says on each where
// every type begins.
func (r *renderer) renderOrganizations() error {
	m := r.m
	orgs := m.arch.Organizations
	sums := make([]*OrganizationSummary, len(orgs))
	var all memo.Digest // what every page shows of the whole directory
	for i, o := range orgs {
		sums[i] = m.orgSummary(o)
		all.Digest(m.directory.orgSum[o])
		addTranslations(&all, o.Translations)
		all.Int(sums[i].Count)
		all.Int(sums[i].First)
		all.Int(sums[i].Last)
	}
	groups := m.orgGroups(orgs, sums)
	size := m.pageSize()
	pages := pageCount(len(orgs), size)
	index := m.url(organizationsURL())
	var types []OrganizationTypeLink
	if pages > 1 {
		for _, g := range groups {
			first, last := g.start/size+1, (g.start+len(g.Organizations)-1)/size+1
			types = append(types, OrganizationTypeLink{Name: g.Name, URL: listPageURL(index, first) + "#" + g.ID, Count: len(g.Organizations), FirstPage: first, LastPage: last})
		}
	}
	sum := all.Sum()
	for n := 1; n <= pages; n++ {
		url := listPageURL(index, n)
		lo, hi := (n-1)*size, min(n*size, len(orgs))
		var k memo.Digest
		m.key(&k, url)
		k.Int(n)
		k.Int(pages)
		k.Int(size)
		k.Digest(sum)
		err := r.write(&k, url, func() *PageData {
			title := m.t("organizations_title")
			if n > 1 {
				title = r.pageTitle(title, n, pages)
			}
			d := r.page("organizations", url, title, m.t("organizations_description"))
			v := &OrganizationsView{Heading: m.t("organizations_title"), Count: len(orgs), Groups: pageGroups(groups, lo, hi), Types: types}
			d.Breadcrumbs = []Link{{Label: m.t("nav_home"), URL: m.url(homeURL())}}
			if pages > 1 {
				v.Pager = &Pager{Page: n, Pages: pages, First: lo + 1, Last: hi, Items: pagerItems(index, n, pages)}
				if n > 1 {
					v.Pager.Prev = listPageURL(index, n-1)
					d.Breadcrumbs = append(d.Breadcrumbs, Link{Label: v.Heading, URL: index})
				}
				if n < pages {
					v.Pager.Next = listPageURL(index, n+1)
				}
			}
			d.Organizations = v
			return d
		}, "organizations")
		if err != nil {
			return err
		}
	}
	return nil
}

// orgGroup is one type's organizations in the whole directory, and where
// they begin in it.
type orgGroup struct {
	OrganizationGroup
	start int
}

// orgGroups groups the directory's summaries, in its order, by type. A
// group's ID is its place among them, the same on every page.
func (m *site) orgGroups(orgs []*content.Organization, sums []*OrganizationSummary) []orgGroup {
	var out []orgGroup
	for i, o := range orgs {
		if len(out) == 0 || o.Type == nil || out[len(out)-1].Key != o.Type.Key {
			g := orgGroup{start: i}
			g.ID = "type-" + strconv.Itoa(len(out))
			if o.Type != nil {
				g.Key, g.Name, g.Description = o.Type.Key, o.Type.NameIn(m.lang), o.Type.DescriptionIn(m.lang)
			}
			if g.Name == "" {
				g.Name = m.t("organizations_other")
			}
			out = append(out, g)
		}
		g := &out[len(out)-1]
		g.Organizations = append(g.Organizations, sums[i])
	}
	return out
}

// pageGroups are the parts of groups that fall within the directory's
// entries lo to hi (excluded): a group begun on an earlier page is
// Continued.
func pageGroups(groups []orgGroup, lo, hi int) []OrganizationGroup {
	var out []OrganizationGroup
	for _, g := range groups {
		end := g.start + len(g.Organizations)
		if end <= lo || g.start >= hi {
			continue
		}
		pg := g.OrganizationGroup
		pg.Organizations = g.Organizations[max(lo, g.start)-g.start : min(hi, end)-g.start]
		pg.Continued = g.start < lo
		out = append(out, pg)
	}
	return out
}

// renderOrganization writes an organization's pages: who they are, its
// consultations by year as a chart and a list, and the consultations
// themselves, newest first, on pages of the index's size.
func (r *renderer) renderOrganization(o *content.Organization) error {
	m := r.m
	url := m.url(organizationURL(o))
	events := m.directory.orgEvents[o]
	counts := map[int]int{}
	for _, e := range events {
		counts[e.Date.Year()]++
	}
	years := taxonomy.YearSpan(events)
	var k memo.Digest
	k.Digest(m.directory.orgSum[o])
	addTranslations(&k, o.Translations)
	for _, y := range years {
		k.Int(y)
		k.Int(counts[y])
	}
	loc := m.orgText(o)
	return r.writeIndex(indexPages{
		url: url, title: loc.Title, desc: loc.Summary,
		list:        ListView{Heading: loc.Title},
		breadcrumbs: []Link{{Label: m.t("nav_home"), URL: m.url(homeURL())}, {Label: m.t("organizations_title"), URL: m.url(organizationsURL())}},
		events:      events, layouts: []string{"organization"}, item: r.orgEventItem(),
		sum: k.Sum(),
		decorate: func(d *PageData, n int) error {
			s := m.orgSummary(o)
			v := &OrganizationView{Key: s.Key, Name: s.Name, ShortName: s.ShortName, Summary: s.Summary, Lang: s.Lang, URL: s.URL, Website: s.Website,
				Count: s.Count, First: s.First, Last: s.Last, FirstPage: n == 1}
			if o.Type != nil {
				v.Type = o.Type.NameIn(m.lang)
			}
			if o.Region != nil {
				v.Region = m.regView[o.Region.Key]
			}
			if n == 1 {
				if t := loc.Translation; t != nil {
					v.Body = template.HTML(m.bodyHTML(m.trMD[t], true, organizationURL(o)))
				} else if b := m.directory.orgMD[o]; b != nil {
					v.Body = b.HTML
				}
				partial := m.theme.HasPartial(yearCountPartial)
				for _, y := range years {
					if counts[y] == 0 {
						continue
					}
					yc := YearCount{Year: y, URL: m.url(yearURL(y)), Count: counts[y]}
					if partial {
						// The same for every organization with as many
						// consultations that year.
						h, err := r.partialOnce(yearCountPartial, [2]int{y, yc.Count}, &yc)
						if err != nil {
							return err
						}
						yc.HTML = template.HTML(h)
					}
					v.Years = append(v.Years, yc)
				}
				if len(years) > 0 {
					v.Chart = chart.Strip(years, counts, m.t("organization_chart_series"))
				}
			}
			d.Layout = "organization"
			d.Organization = v
			j := map[string]any{"@context": "https://schema.org", "@type": "Organization", "name": loc.Title, "description": loc.Summary}
			if o.URL != "" {
				j["url"] = o.URL
			}
			if alt := orgAlternateNames(o, loc); len(alt) == 1 {
				j["alternateName"] = alt[0]
			} else if len(alt) > 1 {
				j["alternateName"] = alt
			}
			d.JSONLD = j
			return nil
		},
	})
}

// orgAlternateNames are the names of o, other than loc's name, that
// JSON-LD gives as alternateName: the short name on the page, then the
// original's name and short name where the translation's differ.
func orgAlternateNames(o *content.Organization, loc content.Localized) []string {
	var out []string
	for _, n := range []string{loc.ShortName, o.Name, o.ShortName} {
		if n != "" && n != loc.Title && !slices.Contains(out, n) {
			out = append(out, n)
		}
	}
	return out
}

func (r *renderer) renderTopics() error {
	m := r.m
	views := make([]*TopicView, len(m.directory.topics))
	var k memo.Digest
	url := m.url(topicsURL())
	m.key(&k, url)
	for i, t := range m.directory.topics {
		views[i] = &TopicView{Key: t.Key, Name: t.NameIn(m.lang), Description: t.DescriptionIn(m.lang), URL: m.url(topicPageURL(t.Key)), Count: len(m.directory.topicEvents[t.Key])}
		k.Int(views[i].Count)
	}
	if err := r.write(&k, url, func() *PageData {
		d := r.page("topics", url, m.t("topics_title"), m.t("topics_description"))
		v := &TopicsView{ByCount: slices.Clone(views), ByName: slices.Clone(views)}
		slices.SortStableFunc(v.ByCount, func(a, b *TopicView) int { return cmp.Compare(b.Count, a.Count) })
		slices.SortStableFunc(v.ByName, func(a, b *TopicView) int {
			return cmp.Or(strings.Compare(search.Normalize(a.Name), search.Normalize(b.Name)), strings.Compare(a.Key, b.Key))
		})
		d.Topics = v
		d.Breadcrumbs = []Link{{Label: m.t("nav_home"), URL: m.url(homeURL())}}
		return d
	}, "topics"); err != nil {
		return err
	}
	for _, tv := range views {
		desc := tv.Description
		if desc == "" {
			desc = fmt.Sprintf(m.t("topic_description"), tv.Name)
		}
		if err := r.writeIndex(indexPages{
			url: tv.URL, title: tv.Name, desc: desc,
			list:        ListView{Heading: tv.Name, Description: tv.Description, Topic: tv},
			breadcrumbs: []Link{{Label: m.t("nav_home"), URL: m.url(homeURL())}, {Label: m.t("topics_title"), URL: m.url(topicsURL())}},
			events:      m.directory.topicEvents[tv.Key], layouts: []string{"topic", "list"}, item: topicEventItem,
		}); err != nil {
			return err
		}
	}
	return nil
}

// directoryLinkSources are the organizations' pages, whose Markdown check
// holds to the rules of every page's.
func (m *site) directoryLinkSources() []*linkSource {
	out := make([]*linkSource, 0, len(m.arch.Organizations))
	for _, o := range m.arch.Organizations {
		s := &linkSource{path: o.Path, url: organizationURL(o), bodyLine: o.BodyLine, result: m.directory.orgMD[o]}
		s.ids = elementIDs(s.result)
		out = append(out, s)
	}
	return out
}

// organizerJSONLD describes an organizer for search engines: an
// Organization by its name, and its url: its website, else its page in
// the directory; an organizer the directory does not know has its name
// as written and no url.
func (m *site) organizerJSONLD(o content.Organizer) any {
	if o.Org == nil {
		return map[string]any{"@type": "Organization", "name": o.Text}
	}
	return m.directory.orgLD[o.Org]
}

// topicNames are the names of e's topics, which the search index makes
// words of e.
func (m *site) topicNames(e *content.Event) []string {
	names := make([]string, len(e.Topics))
	for i, t := range e.Topics {
		names[i] = m.topicName(t)
	}
	return names
}

// organizerWords are the names by which e's organizers are found in m's
// search index: every name of each organization of the directory (its
// name, short name and aliases, and its names in m's language), and any
// other entry as written.
func (m *site) organizerWords(e *content.Event) []string {
	if len(e.ResolvedOrganizers) != len(e.Organizers) {
		return slices.Clone(e.Organizers)
	}
	var out []string
	for _, o := range e.ResolvedOrganizers {
		if o.Org == nil {
			out = append(out, o.Text)
			continue
		}
		names := o.Org.Names()
		if t := m.translationOf(o.Org); t != nil {
			for _, n := range []string{t.Title, t.ShortName} {
				if n != "" && !slices.Contains(names, n) {
					names = append(names, n)
				}
			}
		}
		out = append(out, names...)
		if !slices.Contains(names, o.Text) {
			out = append(out, o.Text)
		}
	}
	return out
}

// topicFacet is the search page's topic facet: every topic, by name.
func (m *site) topicFacet() []*TopicView {
	out := make([]*TopicView, len(m.directory.topics))
	for i, t := range m.directory.topics {
		out[i] = &TopicView{Key: t.Key, Name: t.NameIn(m.lang), URL: m.url(topicPageURL(t.Key))}
	}
	slices.SortStableFunc(out, func(a, b *TopicView) int {
		return cmp.Or(strings.Compare(search.Normalize(a.Name), search.Normalize(b.Name)), strings.Compare(a.Key, b.Key))
	})
	return out
}
