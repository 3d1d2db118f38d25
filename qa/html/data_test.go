package html

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	ics "github.com/arran4/golang-ical"

	"github.com/iom-cso/archive/generator/content"
	"github.com/iom-cso/archive/internal/qasite"
)

func pageFile(s *qasite.Site, t *testing.T, sitePath string) []byte {
	t.Helper()
	name := strings.TrimPrefix(sitePath, "/")
	if name == "" || strings.HasSuffix(name, "/") {
		name += "index.html"
	}
	b, ok := s.Files[name]
	if !ok {
		t.Fatalf("the build has no %s", name)
	}
	return b
}

// TestEventStructuredData checks the schema.org Event on every event page:
// the properties schema.org and search engines expect of an event, with
// values that agree with the content and with the page.
func TestEventStructuredData(t *testing.T) {
	s := qasite.Shipped(t)
	site, events := qasite.ShippedEvents(t)
	base := strings.TrimRight(site.BaseURL, "/")
	for _, e := range events {
		t.Run(e.Kind.Folder+"/"+e.Slug, func(t *testing.T) {
			page := pageFile(s, t, qasite.EventPath(e))
			var found []map[string]any
			for _, raw := range jsonLD(page) {
				var v map[string]any
				if err := json.Unmarshal(raw, &v); err != nil {
					t.Fatalf("JSON-LD is not valid JSON: %v\n%s", err, raw)
				}
				if v["@type"] == "Event" {
					found = append(found, v)
				}
			}
			if len(found) != 1 {
				t.Fatalf("%d schema.org Events on the page, want 1", len(found))
			}
			ev := found[0]
			str := func(key string) string {
				v, _ := ev[key].(string)
				if strings.TrimSpace(v) == "" {
					t.Errorf("%s is missing or empty", key)
				}
				return v
			}
			if ctx := str("@context"); ctx != "https://schema.org" {
				t.Errorf("@context = %q", ctx)
			}
			if got := str("name"); got != e.Title || got != h1Text(page) {
				t.Errorf("name = %q, want the title %q (h1 %q)", got, e.Title, h1Text(page))
			}
			if got := str("description"); got != e.Summary {
				t.Errorf("description = %q, want the summary %q", got, e.Summary)
			}
			start, end := str("startDate"), str("endDate")
			// Days, or the times with their offset when the record gives them.
			wantStart, wantEnd := e.Date.Format("2006-01-02"), e.LastDay().Format("2006-01-02")
			if e.HasTime() {
				wantStart, wantEnd = e.Start.Format(time.RFC3339), e.End.Format(time.RFC3339)
			}
			if start != wantStart {
				t.Errorf("startDate = %q, want %s", start, wantStart)
			}
			if end != wantEnd {
				t.Errorf("endDate = %q, want %s", end, wantEnd)
			}
			if end < start {
				t.Errorf("endDate %s is before startDate %s", end, start)
			}
			// The registration page, while there is something to register for.
			offer, _ := ev["offers"].(map[string]any)
			if qasite.Upcoming(e) && e.Registration != "" {
				if offer == nil || offer["@type"] != "Offer" || offer["url"] != e.Registration {
					t.Errorf("offers = %v, want an Offer with url %s", ev["offers"], e.Registration)
				}
			} else if ev["offers"] != nil {
				t.Errorf("offers = %v on an event that is over or has no registration", ev["offers"])
			}
			status := str("eventStatus")
			switch status {
			case "https://schema.org/EventScheduled", "https://schema.org/EventCancelled", "https://schema.org/EventPostponed",
				"https://schema.org/EventRescheduled", "https://schema.org/EventMovedOnline":
			default:
				t.Errorf("eventStatus %q is not a schema.org EventStatusType", status)
			}
			mode, _ := ev["eventAttendanceMode"].(string)
			if mode == "" && !(e.LocationUnknown && e.Format == "") {
				t.Errorf("eventAttendanceMode is missing or empty")
			}
			wantMode := map[string]string{
				"": "https://schema.org/OfflineEventAttendanceMode", "in-person": "https://schema.org/OfflineEventAttendanceMode",
				"online": "https://schema.org/OnlineEventAttendanceMode", "hybrid": "https://schema.org/MixedEventAttendanceMode",
			}[e.Format]
			if e.LocationUnknown && e.Format == "" {
				// No source says where or how it was held: nothing is claimed.
				wantMode = ""
			}
			if mode != wantMode {
				t.Errorf("eventAttendanceMode = %q, want %q for format %q", mode, wantMode, e.Format)
			}
			pageURL := base + qasite.EventPath(e)
			if got := str("url"); got != pageURL {
				t.Errorf("url = %q, want %q", got, pageURL)
			}
			if c := linkHref(page, "canonical"); len(c) != 1 || c[0] != pageURL {
				t.Errorf("canonical %v, want the Event's url %s", c, pageURL)
			}
			if e.LocationUnknown {
				if loc, ok := ev["location"]; ok {
					t.Errorf("location %v given for a record whose place no source states (location: unknown)", loc)
				}
			} else {
				checkLocation(t, ev["location"], mode, e)
			}
			checkOrganizer(t, ev["organizer"], e)
		})
	}
}

// checkLocation wants a Place with a name and an address for events held
// in person, a VirtualLocation with a URL for events held online, and both
// for hybrid ones.
func checkLocation(t *testing.T, loc any, mode string, e *content.Event) {
	t.Helper()
	var items []map[string]any
	switch v := loc.(type) {
	case map[string]any:
		items = append(items, v)
	case []any:
		for _, x := range v {
			m, ok := x.(map[string]any)
			if !ok {
				t.Errorf("location item %v is not an object", x)
				continue
			}
			items = append(items, m)
		}
	default:
		t.Errorf("location %v is missing or not an object", loc)
		return
	}
	places, virtual := 0, 0
	for _, it := range items {
		switch it["@type"] {
		case "Place":
			places++
			if n, _ := it["name"].(string); n == "" {
				t.Errorf("Place has no name: %v", it)
			}
			switch a := it["address"].(type) {
			case string:
				if a != e.Location {
					t.Errorf("Place address %q, want %q", a, e.Location)
				}
			case map[string]any:
				if a["@type"] != "PostalAddress" {
					t.Errorf("Place address %v is not a PostalAddress", a)
				}
			default:
				t.Errorf("Place has no address: %v", it)
			}
		case "VirtualLocation":
			virtual++
			u, _ := it["url"].(string)
			if pu, err := url.Parse(u); err != nil || !pu.IsAbs() {
				t.Errorf("VirtualLocation url %q is not absolute", u)
			}
		default:
			t.Errorf("location of @type %v, want Place or VirtualLocation", it["@type"])
		}
	}
	switch mode {
	case "https://schema.org/OfflineEventAttendanceMode":
		if places != 1 || virtual != 0 {
			t.Errorf("an in-person event has %d Place and %d VirtualLocation, want 1 and 0", places, virtual)
		}
	case "https://schema.org/OnlineEventAttendanceMode":
		if virtual != 1 {
			t.Errorf("an online event has %d VirtualLocation, want 1", virtual)
		}
	case "https://schema.org/MixedEventAttendanceMode":
		if places != 1 || virtual != 1 {
			t.Errorf("a hybrid event has %d Place and %d VirtualLocation, want 1 and 1", places, virtual)
		}
	}
}

func checkOrganizer(t *testing.T, org any, e *content.Event) {
	t.Helper()
	var items []any
	switch v := org.(type) {
	case []any:
		items = v
	case map[string]any:
		items = []any{v}
	default:
		t.Errorf("organizer is missing (organizers: %v)", e.Organizers)
		return
	}
	// An organizer of the directory is named as the directory names it,
	// with a url; any other as the record writes it.
	var names, want []string
	for i, x := range items {
		m, _ := x.(map[string]any)
		if m == nil || (m["@type"] != "Organization" && m["@type"] != "Person") {
			t.Errorf("organizer %v is not an Organization or a Person", x)
			continue
		}
		n, _ := m["name"].(string)
		names = append(names, n)
		if i < len(e.ResolvedOrganizers) && e.ResolvedOrganizers[i].Org != nil {
			if u, _ := m["url"].(string); !strings.HasPrefix(u, "http") {
				t.Errorf("organizer %q of the directory has no absolute url: %v", n, m["url"])
			}
		}
	}
	for _, o := range e.ResolvedOrganizers {
		if o.Org != nil {
			want = append(want, o.Org.Name)
		} else {
			want = append(want, o.Text)
		}
	}
	if fmt.Sprint(names) != fmt.Sprint(want) {
		t.Errorf("organizer names %q, want %q", names, want)
	}
}

// TestMetaTags checks what search engines and social networks read on every
// page: lang, title, description, canonical URL, Open Graph and Twitter
// card; canonical URLs and titles are unique across the site.
func TestMetaTags(t *testing.T) {
	s := qasite.Shipped(t)
	site, _ := qasite.ShippedEvents(t)
	base := strings.TrimRight(site.BaseURL, "/")
	titles := map[string]string{}
	canonicals := map[string]string{}
	titleRe := regexp.MustCompile(`(?s)<title>(.*?)</title>`)
	for _, p := range s.HTMLPages() {
		page := pageFile(s, t, p)
		html := tags(page, "html")
		if want := pageLang(site, p); len(html) != 1 || html[0]["lang"] != want {
			t.Errorf("%s: <html> lang is %v, want %q", p, html, want)
		}
		m := titleRe.FindSubmatch(page)
		if m == nil || strings.TrimSpace(string(m[1])) == "" {
			t.Errorf("%s: no <title>", p)
		} else if prev, dup := titles[string(m[1])]; dup {
			t.Errorf("%s and %s share the title %q", prev, p, m[1])
		} else {
			titles[string(m[1])] = p
		}
		desc, n := metaContent(page, "name", "description")
		if n != 1 || utf8.RuneCountInString(desc) < 30 {
			t.Errorf("%s: %d meta descriptions, %q; want one of at least 30 characters", p, n, desc)
		}
		robots, _ := metaContent(page, "name", "robots")
		if is404(p) {
			continue // not a page of its own: Netlify serves it for unknown addresses
		}
		if strings.Contains(robots, "noindex") {
			t.Errorf("%s: noindex on a published page", p)
		}
		canon := linkHref(page, "canonical")
		if len(canon) != 1 || canon[0] != base+p {
			t.Errorf("%s: canonical %v, want %s", p, canon, base+p)
		} else if prev, dup := canonicals[canon[0]]; dup {
			t.Errorf("%s and %s share the canonical URL %s", prev, p, canon[0])
		} else {
			canonicals[canon[0]] = p
		}
		for _, prop := range []string{"og:type", "og:site_name", "og:title", "og:description", "og:url", "og:locale"} {
			if v, n := metaContent(page, "property", prop); n != 1 || v == "" {
				t.Errorf("%s: %d %s, %q; want one, not empty", p, n, prop, v)
			}
		}
		if v, _ := metaContent(page, "property", "og:url"); len(canon) == 1 && v != canon[0] {
			t.Errorf("%s: og:url %q differs from the canonical URL %q", p, v, canon[0])
		}
		for _, name := range []string{"twitter:card", "twitter:title", "twitter:description"} {
			if v, n := metaContent(page, "name", name); n != 1 || v == "" {
				t.Errorf("%s: %d %s, %q; want one, not empty", p, n, name, v)
			}
		}
		// Links to documents in another language say which (hreflang).
		for _, a := range tags(page, "a") {
			if hl, ok := a["hreflang"]; ok && !regexp.MustCompile(`^[a-z]{2,3}(-[A-Za-z0-9]+)*$`).MatchString(hl) {
				t.Errorf("%s: hreflang %q is not a language tag", p, hl)
			}
		}
	}
}

// icsLines checks the RFC 5545 line rules on a raw calendar: CRLF line ends,
// no line longer than 75 octets, continuation lines starting with one space;
// and that TEXT values escape commas and semicolons.
func icsLines(t *testing.T, name string, raw []byte) {
	t.Helper()
	if !bytes.HasSuffix(raw, []byte("\r\n")) {
		t.Errorf("%s does not end with CRLF", name)
	}
	lines := strings.Split(strings.TrimSuffix(string(raw), "\r\n"), "\r\n")
	var unfolded []string
	for i, l := range lines {
		if strings.ContainsAny(l, "\r\n") {
			t.Errorf("%s:%d: bare CR or LF in a line", name, i+1)
		}
		if len(l) > 75 {
			t.Errorf("%s:%d: %d octets, want at most 75: %q", name, i+1, len(l), l)
		}
		if strings.HasPrefix(l, " ") || strings.HasPrefix(l, "\t") {
			if len(unfolded) == 0 {
				t.Errorf("%s:%d: continuation line at the start", name, i+1)
				continue
			}
			unfolded[len(unfolded)-1] += l[1:]
			continue
		}
		unfolded = append(unfolded, l)
	}
	unescaped := regexp.MustCompile(`(^|[^\\])(\\\\)*[,;]`)
	for _, l := range unfolded {
		prop, value, ok := strings.Cut(l, ":")
		if !ok {
			t.Errorf("%s: line without a colon: %q", name, l)
			continue
		}
		switch strings.SplitN(prop, ";", 2)[0] {
		case "SUMMARY", "DESCRIPTION", "LOCATION", "X-WR-CALNAME", "X-WR-CALDESC", "NAME":
			if unescaped.MatchString(value) {
				t.Errorf("%s: unescaped , or ; in %s: %q", name, prop, value)
			}
		}
	}
}

type icsEvent struct {
	uid, start, end, summary, location, url string
	startAllDay, endAllDay                  bool
}

func parseICS(t *testing.T, name string, raw []byte) []icsEvent {
	t.Helper()
	icsLines(t, name, raw)
	cal, err := ics.ParseCalendar(bytes.NewReader(raw))
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	props := map[string]string{}
	for _, p := range cal.CalendarProperties {
		props[p.IANAToken] = p.Value
	}
	if props["VERSION"] != "2.0" || props["PRODID"] == "" {
		t.Errorf("%s: VERSION %q, PRODID %q; want 2.0 and a product id", name, props["VERSION"], props["PRODID"])
	}
	var out []icsEvent
	for _, ev := range cal.Events() {
		get := func(p ics.ComponentProperty) (string, map[string][]string) {
			pr := ev.GetProperty(p)
			if pr == nil {
				return "", nil
			}
			return pr.Value, pr.ICalParameters
		}
		var e icsEvent
		var sp, ep map[string][]string
		e.uid, _ = get(ics.ComponentPropertyUniqueId)
		e.start, sp = get(ics.ComponentPropertyDtStart)
		e.end, ep = get(ics.ComponentPropertyDtEnd)
		e.summary, _ = get(ics.ComponentPropertySummary)
		e.location, _ = get(ics.ComponentPropertyLocation)
		e.url, _ = get(ics.ComponentPropertyUrl)
		e.startAllDay = len(sp["VALUE"]) == 1 && sp["VALUE"][0] == "DATE"
		e.endAllDay = len(ep["VALUE"]) == 1 && ep["VALUE"][0] == "DATE"
		if stamp, _ := get(ics.ComponentPropertyDtstamp); stamp == "" {
			t.Errorf("%s: event %s has no DTSTAMP", name, e.uid)
		}
		if _, err := ev.GetAllDayStartAt(); err != nil {
			t.Errorf("%s: event %s: DTSTART: %v", name, e.uid, err)
		}
		out = append(out, e)
	}
	return out
}

// TestCalendar parses /calendar.ics and every event's own .ics with
// golang-ical and checks them against the content: one VEVENT per event,
// stable unique UIDs, all-day DTSTART and exclusive DTEND, the title, place
// and page URL; each event page links its .ics.
func TestCalendar(t *testing.T) {
	s := qasite.Shipped(t)
	site, events := qasite.ShippedEvents(t)
	base := strings.TrimRight(site.BaseURL, "/")
	all := parseICS(t, "calendar.ics", s.Files["calendar.ics"])
	if len(all) != len(events) {
		t.Errorf("calendar.ics has %d events, want %d", len(all), len(events))
	}
	byURL := map[string]icsEvent{}
	uids := map[string]bool{}
	for _, e := range all {
		if uids[e.uid] {
			t.Errorf("calendar.ics: UID %q is not unique", e.uid)
		}
		uids[e.uid] = true
		byURL[e.url] = e
	}
	for _, e := range events {
		pageURL := base + qasite.EventPath(e)
		ce, ok := byURL[pageURL]
		if !ok {
			t.Errorf("calendar.ics has no event with URL %s", pageURL)
			continue
		}
		if !strings.Contains(ce.uid, e.Kind.Folder+"/"+e.Slug) || !strings.Contains(ce.uid, "@") {
			t.Errorf("%s: UID %q is not derived from the event's address, so it would change", pageURL, ce.uid)
		}
		if e.HasTime() {
			// The instants of the record, in UTC.
			if want := e.Start.UTC().Format("20060102T150405Z"); ce.start != want || ce.startAllDay {
				t.Errorf("%s: DTSTART %q (all-day %v), want %s", pageURL, ce.start, ce.startAllDay, want)
			}
			if want := e.End.UTC().Format("20060102T150405Z"); ce.end != want || ce.endAllDay {
				t.Errorf("%s: DTEND %q (all-day %v), want %s", pageURL, ce.end, ce.endAllDay, want)
			}
		} else {
			if want := e.Date.Format("20060102"); ce.start != want || !ce.startAllDay {
				t.Errorf("%s: DTSTART %q (all-day %v), want VALUE=DATE:%s", pageURL, ce.start, ce.startAllDay, want)
			}
			if want := e.LastDay().AddDate(0, 0, 1).Format("20060102"); ce.end != want || !ce.endAllDay {
				t.Errorf("%s: DTEND %q (all-day %v), want VALUE=DATE:%s, the day after the last", pageURL, ce.end, ce.endAllDay, want)
			}
		}
		if ce.summary != e.Title || ce.location != e.Location {
			t.Errorf("%s: SUMMARY %q LOCATION %q, want %q and %q", pageURL, ce.summary, ce.location, e.Title, e.Location)
		}

		// The event's own file, linked from its page while it is to come.
		page := pageFile(s, t, qasite.EventPath(e))
		own := qasite.EventPath(e) + e.Slug + ".ics"
		if linked := bytes.Contains(page, []byte(`href="`+own+`"`)); linked != qasite.Upcoming(e) {
			t.Errorf("%s links its calendar file %s: %v, want %v (upcoming)", qasite.EventPath(e), own, linked, qasite.Upcoming(e))
		}
		resp, err := http.Get(s.URL(own))
		if err != nil {
			t.Fatal(err)
		}
		raw, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/calendar") {
			t.Errorf("GET %s: %d %s, want 200 text/calendar", own, resp.StatusCode, resp.Header.Get("Content-Type"))
			continue
		}
		one := parseICS(t, own, raw)
		if len(one) != 1 || one[0] != ce {
			t.Errorf("%s: %+v, want the one event of calendar.ics %+v", own, one, ce)
		}
	}
}

type atomLink struct {
	Rel  string `xml:"rel,attr"`
	Type string `xml:"type,attr"`
	Href string `xml:"href,attr"`
}

type atomFeed struct {
	XMLName xml.Name   `xml:"http://www.w3.org/2005/Atom feed"`
	ID      string     `xml:"id"`
	Title   string     `xml:"title"`
	Updated string     `xml:"updated"`
	Links   []atomLink `xml:"link"`
	Author  []struct {
		Name string `xml:"name"`
	} `xml:"author"`
	Entries []struct {
		ID        string     `xml:"id"`
		Title     string     `xml:"title"`
		Updated   string     `xml:"updated"`
		Published string     `xml:"published"`
		Links     []atomLink `xml:"link"`
		Author    []struct {
			Name string `xml:"name"`
		} `xml:"author"`
		Summary string `xml:"summary"`
		Content struct {
			Type string `xml:"type,attr"`
			Body string `xml:",chardata"`
		} `xml:"content"`
	} `xml:"entry"`
}

// TestAtomFeed parses /feed.xml as Atom (RFC 4287): feed and entries have
// ids (unique), titles, RFC 3339 updated times and links; entries are the
// records added last (published, or the date where a record does not
// say; then the date, newest first; then the file), each linking its page.
func TestAtomFeed(t *testing.T) {
	s := qasite.Shipped(t)
	site, events := qasite.ShippedEvents(t)
	base := strings.TrimRight(site.BaseURL, "/")
	var f atomFeed
	dec := xml.NewDecoder(bytes.NewReader(s.Files["feed.xml"]))
	dec.Strict = true
	if err := dec.Decode(&f); err != nil {
		t.Fatalf("feed.xml is not Atom: %v", err)
	}
	rfc3339 := func(what, v string) time.Time {
		tm, err := time.Parse(time.RFC3339, v)
		if err != nil {
			t.Errorf("%s: updated %q is not an RFC 3339 time", what, v)
		}
		return tm
	}
	if f.ID == "" || f.Title == "" {
		t.Errorf("feed id %q title %q, want both", f.ID, f.Title)
	}
	feedUpdated := rfc3339("feed", f.Updated)
	rels := map[string]string{}
	for _, l := range f.Links {
		rels[l.Rel] = l.Href
	}
	if rels["self"] != base+"/feed.xml" || rels["alternate"] != base+"/" {
		t.Errorf("feed links %v, want self %s/feed.xml and alternate %s/", rels, base, base)
	}
	want := min(len(events), 50)
	if len(f.Entries) != want {
		t.Errorf("%d entries, want %d", len(f.Entries), want)
	}
	added := func(e *content.Event) time.Time {
		if !e.Published.IsZero() {
			return e.Published
		}
		return e.Date
	}
	order := append([]*content.Event(nil), events...)
	sort.SliceStable(order, func(i, j int) bool {
		a, b := order[i], order[j]
		if !added(a).Equal(added(b)) {
			return added(a).After(added(b))
		}
		if !a.Date.Equal(b.Date) {
			return a.Date.After(b.Date)
		}
		return a.Path < b.Path
	})
	for i, e := range f.Entries {
		if i >= len(order) {
			break
		}
		var alt string
		for _, l := range e.Links {
			if l.Rel == "alternate" {
				alt = l.Href
			}
		}
		if want := base + qasite.EventPath(order[i]); alt != want {
			t.Errorf("entry %d is %s, want %s (added %s)", i+1, alt, want, added(order[i]).Format("2006-01-02"))
		}
	}
	hasFeedAuthor := len(f.Author) > 0 && f.Author[0].Name != ""
	ids := map[string]bool{}
	pages := map[string]bool{}
	for _, e := range events {
		pages[base+qasite.EventPath(e)] = true
	}
	var prev time.Time
	for i, e := range f.Entries {
		what := fmt.Sprintf("entry %d (%s)", i+1, e.Title)
		if e.ID == "" || ids[e.ID] {
			t.Errorf("%s: id %q is empty or not unique", what, e.ID)
		}
		ids[e.ID] = true
		if u, err := url.Parse(e.ID); err != nil || u.Scheme == "" {
			t.Errorf("%s: id %q is not an IRI", what, e.ID)
		}
		if e.Title == "" {
			t.Errorf("%s: no title", what)
		}
		up := rfc3339(what, e.Updated)
		if up.After(feedUpdated) {
			t.Errorf("%s: updated %s after the feed's %s", what, e.Updated, f.Updated)
		}
		if i > 0 && up.After(prev) {
			t.Errorf("%s: not newest first", what)
		}
		prev = up
		alt := ""
		for _, l := range e.Links {
			if l.Rel == "alternate" || l.Rel == "" {
				alt = l.Href
			}
		}
		if !pages[alt] {
			t.Errorf("%s: alternate link %q is not an event page", what, alt)
		}
		if !hasFeedAuthor && (len(e.Author) == 0 || e.Author[0].Name == "") {
			t.Errorf("%s: no author, and the feed has none", what)
		}
		if e.Summary == "" && e.Content.Body == "" {
			t.Errorf("%s: neither summary nor content", what)
		}
		if e.Content.Body != "" && e.Content.Type != "html" {
			t.Errorf("%s: content type %q, want html (escaped markup)", what, e.Content.Type)
		}
	}
}

// TestSitemap parses /sitemap.xml (sitemaps.org 0.9): every published page
// is listed once, by its absolute canonical URL, and nothing else is.
func TestSitemap(t *testing.T) {
	s := qasite.Shipped(t)
	site, _ := qasite.ShippedEvents(t)
	base := strings.TrimRight(site.BaseURL, "/")
	var sm struct {
		XMLName xml.Name `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
		URLs    []struct {
			Loc     string `xml:"loc"`
			LastMod string `xml:"lastmod"`
		} `xml:"url"`
	}
	raw := s.Files["sitemap.xml"]
	dec := xml.NewDecoder(bytes.NewReader(raw))
	dec.Strict = true
	if err := dec.Decode(&sm); err != nil {
		t.Fatalf("sitemap.xml: %v", err)
	}
	if len(sm.URLs) == 0 || len(sm.URLs) > 50000 || len(raw) > 50<<20 {
		t.Fatalf("sitemap.xml has %d URLs in %d bytes", len(sm.URLs), len(raw))
	}
	listed := map[string]bool{}
	for _, u := range sm.URLs {
		if listed[u.Loc] {
			t.Errorf("%s is listed twice", u.Loc)
		}
		listed[u.Loc] = true
		if !strings.HasPrefix(u.Loc, base+"/") {
			t.Errorf("%s is not under the base URL %s", u.Loc, base)
			continue
		}
		if u.LastMod != "" {
			if _, err := time.Parse("2006-01-02", u.LastMod); err != nil {
				if _, err := time.Parse(time.RFC3339, u.LastMod); err != nil {
					t.Errorf("%s: lastmod %q is not a W3C date", u.Loc, u.LastMod)
				}
			}
		}
		name := strings.TrimPrefix(u.Loc, base+"/")
		if name == "" || strings.HasSuffix(name, "/") {
			name += "index.html"
		}
		if _, ok := s.Files[name]; !ok {
			t.Errorf("%s is listed but the build has no %s", u.Loc, name)
		}
	}
	var missing []string
	for _, p := range s.HTMLPages() {
		if is404(p) {
			continue
		}
		if !listed[base+p] {
			missing = append(missing, p)
		}
	}
	sort.Strings(missing)
	if len(missing) > 0 {
		t.Errorf("pages missing from sitemap.xml: %v", missing)
	}
}

// TestRobots: robots.txt allows crawling and names the sitemap.
func TestRobots(t *testing.T) {
	s := qasite.Shipped(t)
	site, _ := qasite.ShippedEvents(t)
	robots := string(s.Files["robots.txt"])
	if !strings.Contains(robots, "Sitemap: "+strings.TrimRight(site.BaseURL, "/")+"/sitemap.xml") {
		t.Errorf("robots.txt does not name the sitemap:\n%s", robots)
	}
	if regexp.MustCompile(`(?m)^Disallow:\s*/\s*$`).MatchString(robots) {
		t.Errorf("robots.txt disallows the whole site:\n%s", robots)
	}
}

// pageLang is the language a page of the site is written in: the one
// whose folder it is in (/fr/…), or the site's default.
func pageLang(site *content.Site, p string) string {
	for _, l := range site.OtherLanguages() {
		if strings.HasPrefix(p, "/"+l+"/") {
			return l
		}
	}
	return site.Language
}

// is404 reports whether p is a language's 404 page (/404.html, /fr/404.html).
func is404(p string) bool {
	return p == "/404.html" || strings.Count(p, "/") == 2 && strings.HasSuffix(p, "/404.html")
}
