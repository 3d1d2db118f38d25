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
		out = append(out, YearCount{Year: g.Year, URL: yearURL(g.Year), Count: len(g.Events)})
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
	m.key(&k, homeURL())
	addPage(&k, home)
	m.addListed(&k, upcoming...)
	m.addListed(&k, latest...)
	k.Int(more)
	k.Int(len(m.events))
	for _, y := range years {
		k.Int(y.Year)
		k.Int(y.Count)
	}
	return r.write(&k, homeURL(), func() *PageData {
		d := r.page("home", homeURL(), "", home.Summary)
		hv := &HomeView{Total: len(m.events), Years: years, MoreUpcoming: more, Latest: r.summaries(latest)}
		if len(upcoming) > 0 {
			hv.Upcoming = r.summaries(upcoming)
		}
		if b := m.pageMD[home]; b != nil {
			hv.Intro = b.HTML
		}
		d.Home = hv
		d.JSONLD = map[string]any{"@context": "https://schema.org", "@type": "WebSite", "name": m.site.Title, "url": m.base, "description": m.site.Description, "inLanguage": m.site.Language}
		return d
	}, "home")
}

// renderEvent makes an event's page, its .ics file and its VEVENT. html is
// its body.
func (r *renderer) renderEvent(e, prev, next *content.Event, html template.HTML) (eventFiles, error) {
	m := r.m
	s := m.summary[e]
	d := r.page("event", s.URL, e.Title, e.Summary)
	d.Draft = e.Draft
	d.OGType = "article"
	ev := &EventView{EventSummary: *s, Organizers: organizerLinks(e), ICSURL: eventICSURL(e), Year: Link{Label: fmt.Sprint(e.Date.Year()), URL: yearURL(e.Date.Year())},
		Upcoming: m.upcoming(e), Time: eventTime(e), Published: e.Published, Body: html}
	if ev.Upcoming {
		ev.Registration = e.Registration
	}
	for _, t := range e.Topics {
		ev.Topics = append(ev.Topics, Link{Label: m.topicName(t), URL: topicURL(t)})
	}
	for _, doc := range e.Documents {
		dv := DocumentView{Title: doc.Title, Type: doc.Type, Size: doc.Size, Lang: doc.Lang}
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
	d.Breadcrumbs = []Link{{Label: m.t("nav_home"), URL: homeURL()}, {Label: e.Kind.Plural, URL: kindURL(e.Kind)}}
	d.JSONLD = r.eventJSONLD(e)
	page, err := r.render(d, "event")
	if err != nil {
		return eventFiles{}, err
	}
	cal := r.calendar()
	vevent := feed.VEvent(cal, r.entry(e, html))
	return eventFiles{pagePath: filePath(s.URL), page: page, icsPath: filePath(eventICSURL(e)), ics: feed.EventICSOf(cal, vevent), vevent: vevent}, nil
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
	page := m.theme.Abs(eventURL(e))
	reg := ""
	if m.upcoming(e) {
		reg = e.Registration
	}
	virtual := map[string]any{"@type": "VirtualLocation", "url": cmp.Or(reg, page)}
	mode := "https://schema.org/OfflineEventAttendanceMode"
	var loc any = map[string]any{"@type": "Place", "name": e.Location, "address": e.Location}
	if e.LocationUnknown || e.Location == "" {
		loc = nil // no source says where: nothing to claim
	}
	switch e.Format {
	case "online":
		mode = "https://schema.org/OnlineEventAttendanceMode"
		loc = virtual
	case "hybrid":
		mode = "https://schema.org/MixedEventAttendanceMode"
		if loc != nil {
			loc = []any{loc, virtual}
		} else {
			loc = virtual
		}
	}
	start, end := e.Date.Format("2006-01-02"), e.LastDay().Format("2006-01-02")
	if e.HasTime() {
		start, end = e.Start.Format(time.RFC3339), e.End.Format(time.RFC3339)
	}
	j := map[string]any{
		"@context":            "https://schema.org",
		"@type":               "Event",
		"name":                e.Title,
		"description":         e.Summary,
		"startDate":           start,
		"endDate":             end,
		"eventAttendanceMode": mode,
		"eventStatus":         "https://schema.org/EventScheduled",
		"url":                 page,
		"inLanguage":          m.site.Language,
	}
	if loc != nil {
		j["location"] = loc
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
	return r.write(m.key(&k, followURL()), followURL(), func() *PageData {
		d := r.page("follow", followURL(), m.t("follow_title"), m.t("follow_description"))
		cal := m.theme.Abs(calendarURL())
		webcal := "webcal://" + strings.TrimPrefix(strings.TrimPrefix(cal, "https://"), "http://")
		d.Follow = &FollowView{FeedURL: m.theme.Abs(feedURL()), CalendarURL: cal, WebcalURL: template.URL(webcal)}
		d.Breadcrumbs = []Link{{Label: m.t("nav_home"), URL: homeURL()}}
		return d
	}, "follow")
}

func (r *renderer) renderPlainPage(p *content.Page) error {
	m := r.m
	var k memo.Digest
	m.key(&k, pageURL(p))
	addPage(&k, p)
	return r.write(&k, pageURL(p), func() *PageData {
		d := r.page("page", pageURL(p), p.Title, p.Summary)
		d.Draft = p.Draft
		if b := m.pageMD[p]; b != nil {
			d.Body = b.HTML
		}
		return d
	}, p.Slug, "page")
}

func (r *renderer) kindSeries() []chart.Series {
	var s []chart.Series
	for i, k := range r.m.site.Kinds {
		s = append(s, chart.Series{Label: k.Plural, Class: fmt.Sprintf("k%d", i%8)})
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
	m.key(&k, yearsURL())
	for _, y := range years {
		k.Int(y)
		for _, n := range counts[y] {
			k.Int(n)
		}
	}
	if err := r.write(&k, yearsURL(), func() *PageData {
		d := r.page("years", yearsURL(), m.t("years_title"), m.t("years_description"))
		d.Years = &YearsView{Years: r.yearCounts(), Chart: chart.Timeline(years, r.kindSeries(), counts)}
		return d
	}, "years"); err != nil {
		return err
	}
	for _, g := range m.years {
		title := fmt.Sprint(g.Year)
		if err := r.writeIndex(indexPages{
			url: yearURL(g.Year), title: title, desc: fmt.Sprintf(m.t("year_description"), g.Year),
			list:        ListView{Heading: title, Year: g.Year},
			breadcrumbs: []Link{{Label: m.t("nav_home"), URL: homeURL()}, {Label: m.t("years_title"), URL: yearsURL()}},
			events:      g.Events, layouts: []string{"year", "list"},
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
	m.key(&k, regionsURL())
	for _, g := range m.regions {
		labels = append(labels, g.Region.Name)
		values = append(values, len(g.Events))
		k.String(g.Region.Key)
		k.Int(len(g.Events))
	}
	if err := r.write(&k, regionsURL(), func() *PageData {
		d := r.page("regions", regionsURL(), m.t("regions_title"), m.t("regions_description"))
		d.Regions = &RegionsView{Regions: m.siteView.Regions, Chart: chart.Bars(labels, values)}
		return d
	}, "regions"); err != nil {
		return err
	}
	for _, g := range m.regions {
		rv := m.regView[g.Region.Key]
		desc := g.Region.Description
		if desc == "" {
			desc = fmt.Sprintf(m.t("region_description"), g.Region.Name)
		}
		if err := r.writeIndex(indexPages{
			url: rv.URL, title: g.Region.Name, desc: desc,
			list:        ListView{Heading: g.Region.Name, Description: g.Region.Description, Region: rv},
			breadcrumbs: []Link{{Label: m.t("nav_home"), URL: homeURL()}, {Label: m.t("regions_title"), URL: regionsURL()}},
			events:      g.Events, layouts: []string{"region", "list"},
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
			url: kv.URL, title: g.Kind.Plural, desc: g.Kind.Description,
			list:        ListView{Heading: g.Kind.Plural, Description: g.Kind.Description, Kind: kv},
			breadcrumbs: []Link{{Label: m.t("nav_home"), URL: homeURL()}},
			events:      g.Events, layouts: []string{"kind", "list"},
		}); err != nil {
			return err
		}
	}
	return nil
}

func (r *renderer) render404() error {
	d := r.page("404", notFoundURL(), r.m.t("notfound_title"), "")
	// Netlify serves this page for every unknown address, with status 404,
	// which keeps it out of search indexes; a canonical URL would point
	// crawlers at /404.html instead, and noindex would only cost the page
	// Lighthouse's SEO audit.
	d.Canonical = ""
	out, err := r.m.theme.RenderBytes(d, "404")
	if err != nil {
		return err
	}
	r.put(filePath(notFoundURL()), out)
	return nil
}
