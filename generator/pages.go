package generator

import (
	"cmp"
	"fmt"
	"html/template"
	"strings"
	"time"

	"github.com/iom-cso/archive/generator/chart"
	"github.com/iom-cso/archive/generator/content"
	"github.com/iom-cso/archive/generator/feed"
	"github.com/iom-cso/archive/generator/taxonomy"
	"github.com/iom-cso/archive/internal/memo"
)

// The pages of the site, one render task each (render.go). Each computes
// its memo key from what it shows before it makes its data, so that a
// warm build that finds the page makes nothing.

func (r *renderer) yearCounts() []YearCount {
	var out []YearCount
	for _, g := range r.m.years {
		out = append(out, YearCount{Year: g.Year, URL: r.m.url(yearURL(g.Year)), Count: len(g.Events)})
	}
	return out
}

func (r *renderer) renderHome() error {
	m := r.m
	home := m.arch.Home
	var upcoming, past []*content.Event
	for _, e := range m.events {
		if m.upcoming(e) {
			upcoming = append(upcoming, e)
		} else {
			past = append(past, e)
		}
	}
	more := 0
	if len(upcoming) > MaxHomeUpcoming {
		more = len(upcoming) - MaxHomeUpcoming
		upcoming = upcoming[:MaxHomeUpcoming]
	}
	latest := taxonomy.NewestFirst(past)
	if len(latest) > 6 {
		latest = latest[:6]
	}
	years := r.yearCounts()
	var k memo.Digest
	m.key(&k, m.url(homeURL()))
	addPage(&k, home)
	m.addListed(&k, upcoming...)
	m.addListed(&k, latest...)
	k.Int(more)
	k.Int(len(m.events))
	for _, y := range years {
		k.Int(y.Year)
		k.Int(y.Count)
	}
	loc := home.In(m.pageLang(home))
	return r.write(&k, m.url(homeURL()), func() *PageData {
		d := r.page("home", m.url(homeURL()), "", loc.Summary)
		hv := &HomeView{Total: len(m.events), Years: years, MoreUpcoming: more, Latest: r.summaries(latest)}
		if len(upcoming) > 0 {
			hv.Upcoming = r.summaries(upcoming)
		}
		if t := m.pageTranslation(home); t != nil {
			hv.Intro = template.HTML(m.bodyHTML(m.trMD[t], true, homeURL()))
		} else if b := m.pageMD[home]; b != nil {
			hv.Intro = b.HTML
		}
		d.Home = hv
		d.JSONLD = map[string]any{"@context": "https://schema.org", "@type": "WebSite", "name": m.siteView.Title, "url": m.theme.Abs(m.url(homeURL())), "description": m.siteView.Description, "inLanguage": m.lang}
		return d
	}, "home")
}

// renderEvent makes an event's page, its .ics file and its VEVENT. html is
// its body.
func (r *renderer) renderEvent(e, prev, next *content.Event, html template.HTML) (eventFiles, error) {
	m := r.m
	s := m.summary[e]
	loc := e.In(m.lang)
	d := r.page("event", s.URL, loc.Title, loc.Summary)
	d.Draft = e.Draft
	d.OGType = "article"
	orgs, err := r.organizerLinks(e)
	if err != nil {
		return eventFiles{}, err
	}
	ev := &EventView{EventSummary: *s, Organizers: orgs, ICSURL: m.url(eventICSURL(e)), Year: Link{Label: fmt.Sprint(e.Date.Year()), URL: m.url(yearURL(e.Date.Year()))},
		Upcoming: m.upcoming(e), Time: eventTime(e), Published: e.Published, Body: html}
	if loc.Translated() && loc.Title != e.Title {
		ev.OriginalTitle, ev.OriginalLang = e.Title, m.site.Language
	}
	if ev.Upcoming {
		ev.Registration = e.Registration
	}
	for _, t := range e.Topics {
		ev.Topics = append(ev.Topics, Link{Label: m.topicName(t), URL: m.url(topicURL(t))})
	}
	for _, doc := range e.Documents {
		dv := DocumentView{Title: loc.DocumentTitle(doc), Type: m.theme.DocType(doc.TypeKey), Size: doc.Size, Lang: doc.Lang}
		if doc.File != "" {
			dv.URL = attachmentURL(e, doc.File)
		} else {
			dv.URL = doc.URL
			dv.External = !strings.HasPrefix(doc.URL, "/")
		}
		ev.Documents = append(ev.Documents, dv)
	}
	if prev != nil {
		ev.Prev = m.summary[prev]
	}
	if next != nil {
		ev.Next = m.summary[next]
	}
	d.Event = ev
	d.Breadcrumbs = []Link{{Label: m.t("nav_home"), URL: m.url(homeURL())}, {Label: s.Kind.Plural, URL: s.Kind.URL}}
	d.JSONLD = r.eventJSONLD(e)
	page, err := r.render(d, "event")
	if err != nil {
		return eventFiles{}, err
	}
	cal := r.calendar()
	vevent := feed.VEvent(cal, r.entry(e, html))
	return eventFiles{pagePath: filePath(s.URL), page: page, icsPath: filePath(m.url(eventICSURL(e))), ics: feed.EventICSOf(cal, vevent), vevent: vevent}, nil
}

// eventTime is the EventTime of e, or nil when its record gives no time.
func eventTime(e *content.Event) *EventTime {
	if !e.HasTime() {
		return nil
	}
	zone := e.Start.Location().String()
	abbr, offset := e.Start.Zone()
	t := &EventTime{Start: e.Start.Format("15:04"), End: e.End.Format("15:04"),
		StartISO: e.Start.Format(time.RFC3339), EndISO: e.End.Format(time.RFC3339), Zone: zone, Offset: utcOffset(offset)}
	// Some zones have letters for their time (CET, EAT), others only an
	// offset ("+07"), which the UTC offset already says.
	if strings.ContainsFunc(abbr, func(r rune) bool { return 'A' <= r && r <= 'Z' }) && abbr != "UTC" {
		t.Abbr = abbr
	}
	// Etc/GMT-1 and UTC name no place: their offset says it all.
	if area, _, _ := strings.Cut(zone, "/"); area != "Etc" && zone != "UTC" {
		t.City = strings.ReplaceAll(zone[strings.LastIndexByte(zone, '/')+1:], "_", " ")
	}
	if !e.EndDate.IsZero() {
		t.StartDay, t.EndDay = e.Date, e.EndDate
	}
	return t
}

// utcOffset writes an offset east of UTC in seconds as readers know it:
// UTC+1, UTC+5:30, UTC-4, or UTC.
func utcOffset(sec int) string {
	if sec == 0 {
		return "UTC"
	}
	sign := "+"
	if sec < 0 {
		sign, sec = "-", -sec
	}
	s := fmt.Sprintf("UTC%s%d", sign, sec/3600)
	if m := sec % 3600 / 60; m != 0 {
		s += fmt.Sprintf(":%02d", m)
	}
	return s
}

// eventJSONLD describes the event for search engines (schema.org Event).
// Times carry their offset when the record gives them. While the event
// is upcoming, its registration address is where an online event is
// attended (VirtualLocation) and the url of its offer; schema.org's Event
// has no property of its own for registration.
func (r *renderer) eventJSONLD(e *content.Event) map[string]any {
	m := r.m
	page := m.theme.Abs(m.url(eventURL(e)))
	loc := e.In(m.lang)
	reg := ""
	if m.upcoming(e) {
		reg = e.Registration
	}
	virtual := map[string]any{"@type": "VirtualLocation", "url": cmp.Or(reg, page)}
	mode := "https://schema.org/OfflineEventAttendanceMode"
	var place any = map[string]any{"@type": "Place", "name": loc.Location, "address": loc.Location}
	if e.LocationUnknown || loc.Location == "" {
		place = nil // no source says where: nothing to claim
	}
	switch e.Format {
	case "online":
		mode = "https://schema.org/OnlineEventAttendanceMode"
		place = virtual
	case "hybrid":
		mode = "https://schema.org/MixedEventAttendanceMode"
		if place != nil {
			place = []any{place, virtual}
		} else {
			place = virtual
		}
	}
	start, end := e.Date.Format("2006-01-02"), e.LastDay().Format("2006-01-02")
	if e.HasTime() {
		start, end = e.Start.Format(time.RFC3339), e.End.Format(time.RFC3339)
	}
	j := map[string]any{
		"@context":            "https://schema.org",
		"@type":               "Event",
		"name":                loc.Title,
		"description":         loc.Summary,
		"startDate":           start,
		"endDate":             end,
		"eventAttendanceMode": mode,
		"eventStatus":         "https://schema.org/EventScheduled",
		"url":                 page,
		"inLanguage":          m.lang,
	}
	if place != nil {
		j["location"] = place
	} else if e.Format == "" {
		// Nor whether anyone attended in person.
		delete(j, "eventAttendanceMode")
	}
	if reg != "" {
		j["offers"] = map[string]any{"@type": "Offer", "url": reg}
	}
	var orgs []any
	for _, o := range e.ResolvedOrganizers {
		orgs = append(orgs, m.organizerJSONLD(o))
	}
	if len(orgs) > 0 {
		j["organizer"] = orgs
	}
	if len(e.Topics) > 0 {
		names := make([]string, len(e.Topics))
		for i, t := range e.Topics {
			names[i] = m.topicName(t)
		}
		j["keywords"] = strings.Join(names, ", ")
	}
	return j
}

// renderFollow writes the page the footer's feed and calendar links lead
// to: what each address is for and what to do with it, rather than a raw
// XML file or a calendar download.
func (r *renderer) renderFollow() error {
	m := r.m
	var k memo.Digest
	return r.write(m.key(&k, m.url(followURL())), m.url(followURL()), func() *PageData {
		d := r.page("follow", m.url(followURL()), m.t("follow_title"), m.t("follow_description"))
		cal := m.theme.Abs(m.url(calendarURL()))
		webcal := "webcal://" + strings.TrimPrefix(strings.TrimPrefix(cal, "https://"), "http://")
		d.Follow = &FollowView{FeedURL: m.theme.Abs(m.url(feedURL())), CalendarURL: cal, WebcalURL: template.URL(webcal)}
		d.Breadcrumbs = []Link{{Label: m.t("nav_home"), URL: m.url(homeURL())}}
		return d
	}, "follow")
}

func (r *renderer) renderPlainPage(p *content.Page) error {
	m := r.m
	var k memo.Digest
	url := m.url(pageURL(p))
	m.key(&k, url)
	addPage(&k, p)
	loc := p.In(m.lang)
	return r.write(&k, url, func() *PageData {
		d := r.page("page", url, loc.Title, loc.Summary)
		d.Draft = p.Draft
		if t := m.pageTranslation(p); t != nil {
			d.Body = template.HTML(m.bodyHTML(m.trMD[t], true, pageURL(p)))
		} else if b := m.pageMD[p]; b != nil {
			d.Body = b.HTML
		}
		return d
	}, p.Slug, "page")
}

func (r *renderer) kindSeries() []chart.Series {
	var s []chart.Series
	for i, k := range r.m.site.Kinds {
		s = append(s, chart.Series{Label: k.PluralIn(r.m.lang), Class: fmt.Sprintf("k%d", i%8)})
	}
	return s
}

func (r *renderer) renderYears() error {
	m := r.m
	years := taxonomy.YearSpan(m.events)
	counts := map[int][]int{}
	kidx := map[string]int{}
	for i, k := range m.site.Kinds {
		kidx[k.Key] = i
	}
	for _, y := range years {
		counts[y] = make([]int, len(m.site.Kinds))
	}
	for _, e := range m.events {
		counts[e.Date.Year()][kidx[e.Kind.Key]]++
	}
	var k memo.Digest
	m.key(&k, m.url(yearsURL()))
	for _, y := range years {
		k.Int(y)
		for _, n := range counts[y] {
			k.Int(n)
		}
	}
	if err := r.write(&k, m.url(yearsURL()), func() *PageData {
		d := r.page("years", m.url(yearsURL()), m.t("years_title"), m.t("years_description"))
		d.Years = &YearsView{Years: r.yearCounts(), Chart: chart.Timeline(years, r.kindSeries(), counts, m.theme.ChartTip)}
		return d
	}, "years"); err != nil {
		return err
	}
	for _, g := range m.years {
		title := fmt.Sprint(g.Year)
		if err := r.writeIndex(indexPages{
			url: m.url(yearURL(g.Year)), title: title, desc: fmt.Sprintf(m.t("year_description"), g.Year),
			list:        ListView{Heading: title, Year: g.Year},
			breadcrumbs: []Link{{Label: m.t("nav_home"), URL: m.url(homeURL())}, {Label: m.t("years_title"), URL: m.url(yearsURL())}},
			events:      g.Events, layouts: []string{"year", "list"}, item: eventItem,
		}); err != nil {
			return err
		}
	}
	return nil
}

func (r *renderer) renderRegions() error {
	m := r.m
	var labels []string
	var values []int
	var k memo.Digest
	m.key(&k, m.url(regionsURL()))
	for _, g := range m.regions {
		labels = append(labels, g.Region.NameIn(m.lang))
		values = append(values, len(g.Events))
		k.String(g.Region.Key)
		k.Int(len(g.Events))
	}
	if err := r.write(&k, m.url(regionsURL()), func() *PageData {
		d := r.page("regions", m.url(regionsURL()), m.t("regions_title"), m.t("regions_description"))
		d.Regions = &RegionsView{Regions: m.siteView.Regions, Chart: chart.Bars(labels, values, m.theme.ChartTip)}
		return d
	}, "regions"); err != nil {
		return err
	}
	for _, g := range m.regions {
		rv := m.regView[g.Region.Key]
		desc := rv.Description
		if desc == "" {
			desc = fmt.Sprintf(m.t("region_description"), rv.Name)
		}
		if err := r.writeIndex(indexPages{
			url: rv.URL, title: rv.Name, desc: desc,
			list:        ListView{Heading: rv.Name, Description: rv.Description, Region: rv},
			breadcrumbs: []Link{{Label: m.t("nav_home"), URL: m.url(homeURL())}, {Label: m.t("regions_title"), URL: m.url(regionsURL())}},
			events:      g.Events, layouts: []string{"region", "list"}, item: eventItem,
		}); err != nil {
			return err
		}
	}
	return nil
}

func (r *renderer) renderKinds() error {
	m := r.m
	for _, g := range m.kinds {
		kv := m.kindView[g.Kind.Key]
		if err := r.writeIndex(indexPages{
			url: kv.URL, title: kv.Plural, desc: kv.Description,
			list:        ListView{Heading: kv.Plural, Description: kv.Description, Kind: kv},
			breadcrumbs: []Link{{Label: m.t("nav_home"), URL: m.url(homeURL())}},
			events:      g.Events, layouts: []string{"kind", "list"}, item: eventItem,
		}); err != nil {
			return err
		}
	}
	return nil
}

func (r *renderer) render404() error {
	d := r.page("404", r.m.url(notFoundURL()), r.m.t("notfound_title"), "")
	// Netlify serves this page for every unknown address, with status 404,
	// which keeps it out of search indexes; a canonical URL would point
	// crawlers at /404.html instead, and noindex would only cost the page
	// Lighthouse's SEO audit.
	d.Canonical = ""
	out, err := r.m.theme.RenderBytes(d, "404")
	if err != nil {
		return err
	}
	r.put(filePath(r.m.url(notFoundURL())), out)
	return nil
}
