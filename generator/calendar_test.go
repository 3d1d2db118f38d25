package generator_test

import (
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"html"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	ics "github.com/arran4/golang-ical"

	"github.com/iom-cso/archive/generator"
	"github.com/iom-cso/archive/generator/output"
)

// calendarSite has, on today (2026-01-15): an online session to come,
// with a time, a registration page and the day it was added; a session
// that is over, with the same keys; a record of 2013 added after both;
// and a record of 2024 that says nothing of when it was added.
func calendarSite() fstest.MapFS {
	fsys := fstest.MapFS{
		"site.yaml": &fstest.MapFile{Data: []byte("title: T\nbase_url: https://x.example/\nkinds:\n" +
			"  - {key: annual-consultation, folder: annual-consultations, name: Annual}\n" +
			"  - {key: info-session, folder: information-sessions, name: Session}\n" +
			"regions:\n  - {key: global, name: Global}\n")},
	}
	rec := func(path, date string, extra ...string) {
		fsys[path] = &fstest.MapFile{Data: []byte("---\ntitle: " + path + "\ndate: " + date + "\nlocation: Online\nformat: online\nregion: global\nsummary: S.\n" +
			strings.Join(extra, "\n") + "\n---\nBody.\n")}
	}
	rec("information-sessions/2026-03-12-labour.md", "2026-03-12", "time: 14:00–16:00 Europe/Zurich", "registration: https://www.iom.int/register?s=12", "published: 2026-01-10")
	rec("information-sessions/2025-06-05-past.md", "2025-06-05", "time: 09:30-11:00 Africa/Nairobi", "registration: https://www.iom.int/register?s=5", "published: 2025-05-20")
	rec("annual-consultations/2013-added-late.md", "2013-09-12", "published: 2026-01-12")
	rec("annual-consultations/2024-no-published.md", "2024-06-01")
	return fsys
}

func buildCalendarSite(t *testing.T) output.Files {
	t.Helper()
	return build(t, generator.Config{Content: calendarSite(), Today: today})
}

var jsonLDRE = regexp.MustCompile(`(?s)<script type="application/ld\+json">(.*?)</script>`)

func eventJSONLD(t *testing.T, page []byte) map[string]any {
	t.Helper()
	m := jsonLDRE.FindSubmatch(page)
	if m == nil {
		t.Fatal("no JSON-LD on the page")
	}
	var v map[string]any
	if err := json.Unmarshal(m[1], &v); err != nil {
		t.Fatalf("JSON-LD: %v\n%s", err, m[1])
	}
	return v
}

// TestUpcomingEventPage: an event still to come shows the Upcoming mark,
// its time in its own zone, named, with the instants in <time>, the
// Register link and Add to calendar; one that is over shows its time but
// none of the rest.
func TestUpcomingEventPage(t *testing.T) {
	files := buildCalendarSite(t)
	// html/template writes the "+" of an offset as &#43;.
	up := html.UnescapeString(string(files["information-sessions/2026-03-12-labour/index.html"]))
	for _, want := range []string{
		`<h2 id="upcoming-status" class="upcoming-mark">Upcoming</h2>`,
		`<p class="upcoming-when"><time datetime="2026-03-12">12 March 2026</time>, <time datetime="2026-03-12T14:00:00+01:00">14:00</time>–<time datetime="2026-03-12T16:00:00+01:00">16:00</time> Zurich time (CET, UTC+1)</p>`,
		`<a class="button" href="https://www.iom.int/register?s=12">Register</a> <a href="/information-sessions/2026-03-12-labour/2026-03-12-labour.ics" download>Add to calendar (.ics)</a>`,
		`<div><dt>Time</dt><dd><time datetime="2026-03-12T14:00:00+01:00">14:00</time>–<time datetime="2026-03-12T16:00:00+01:00">16:00</time> Zurich time (CET, UTC+1)</dd></div>`,
		`<p class="added">Added to the archive on 10 January 2026</p>`,
	} {
		if !strings.Contains(up, want) {
			t.Errorf("upcoming page lacks %s", want)
		}
	}
	past := html.UnescapeString(string(files["information-sessions/2025-06-05-past/index.html"]))
	for _, unwanted := range []string{"Upcoming", "Register", "register?s=5", ".ics", "Add to calendar"} {
		if strings.Contains(past, unwanted) {
			t.Errorf("past event page shows %q", unwanted)
		}
	}
	if want := `<div><dt>Time</dt><dd><time datetime="2025-06-05T09:30:00+03:00">09:30</time>–<time datetime="2025-06-05T11:00:00+03:00">11:00</time> Nairobi time (EAT, UTC+3)</dd></div>`; !strings.Contains(past, want) {
		t.Errorf("past event page lacks its time %s", want)
	}
	if !strings.Contains(past, "Added to the archive on 20 May 2025") {
		t.Error("past event page lacks the day it was added")
	}
	if strings.Contains(string(files["annual-consultations/2024-no-published/index.html"]), "Added to the archive") {
		t.Error("a record without published: says when it was added")
	}
	// The calendar file of an event is still there for old links, and the
	// home page lists what is to come.
	if _, ok := files["information-sessions/2025-06-05-past/2025-06-05-past.ics"]; !ok {
		t.Error("past event has no .ics file")
	}
	if home := string(files["index.html"]); !strings.Contains(home, `<h2 id="upcoming">Upcoming</h2>`) || strings.Index(home, "2026-03-12-labour") > strings.Index(home, `id="latest"`) {
		t.Error("home page does not list the session under Upcoming")
	}
}

// TestEventTimeOverDays: a time with end_date starts on the first day and
// ends on the last, each said with its day.
func TestEventTimeOverDays(t *testing.T) {
	fsys := calendarSite()
	fsys["information-sessions/2026-03-12-labour.md"].Data = bytes.Replace(fsys["information-sessions/2026-03-12-labour.md"].Data,
		[]byte("time: 14:00–16:00 Europe/Zurich"), []byte("end_date: 2026-03-13\ntime: 14:00–12:00 UTC"), 1)
	files := build(t, generator.Config{Content: fsys, Today: today})
	page := string(files["information-sessions/2026-03-12-labour/index.html"])
	if want := `<time datetime="2026-03-12T14:00:00Z">14:00 on 12 March 2026</time> – <time datetime="2026-03-13T12:00:00Z">12:00 on 13 March 2026</time> UTC</dd>`; !strings.Contains(page, want) {
		t.Errorf("page lacks %s", want)
	}
}

// TestEventStructuredDataTimes: JSON-LD dates carry the time and offset
// when given; an online event to come is attended at its registration
// page, which is also its offer's url; once over, neither.
func TestEventStructuredDataTimes(t *testing.T) {
	files := buildCalendarSite(t)
	up := eventJSONLD(t, files["information-sessions/2026-03-12-labour/index.html"])
	for k, want := range map[string]any{
		"startDate":           "2026-03-12T14:00:00+01:00",
		"endDate":             "2026-03-12T16:00:00+01:00",
		"eventStatus":         "https://schema.org/EventScheduled",
		"eventAttendanceMode": "https://schema.org/OnlineEventAttendanceMode",
		"location":            map[string]any{"@type": "VirtualLocation", "url": "https://www.iom.int/register?s=12"},
		"offers":              map[string]any{"@type": "Offer", "url": "https://www.iom.int/register?s=12"},
		"url":                 "https://x.example/information-sessions/2026-03-12-labour/",
	} {
		if got, _ := json.Marshal(up[k]); !bytes.Equal(got, must(json.Marshal(want))) {
			t.Errorf("upcoming %s = %s, want %s", k, got, must(json.Marshal(want)))
		}
	}
	past := eventJSONLD(t, files["information-sessions/2025-06-05-past/index.html"])
	if got, _ := json.Marshal(past["location"]); string(got) != `{"@type":"VirtualLocation","url":"https://x.example/information-sessions/2025-06-05-past/"}` {
		t.Errorf("past location = %s, want the page", got)
	}
	if _, ok := past["offers"]; ok {
		t.Error("past event has offers")
	}
	if past["startDate"] != "2025-06-05T09:30:00+03:00" {
		t.Errorf("past startDate = %v", past["startDate"])
	}
	if d := eventJSONLD(t, files["annual-consultations/2024-no-published/index.html"]); d["startDate"] != "2024-06-01" || d["endDate"] != "2024-06-01" {
		t.Errorf("without time: startDate %v endDate %v, want the day", d["startDate"], d["endDate"])
	}
}

func must(b []byte, err error) []byte {
	if err != nil {
		panic(err)
	}
	return b
}

// TestCalendarTimes: the calendars carry times in UTC, read back by
// golang-ical as the instants of the page, and the registration address
// while the event is to come.
func TestCalendarTimes(t *testing.T) {
	files := buildCalendarSite(t)
	read := func(name string) []*ics.VEvent {
		cal, err := ics.ParseCalendar(bytes.NewReader(files[name]))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		return cal.Events()
	}
	one := read("information-sessions/2026-03-12-labour/2026-03-12-labour.ics")
	if len(one) != 1 {
		t.Fatalf("%d events", len(one))
	}
	start, err := one[0].GetStartAt()
	if err != nil || start.Format("2006-01-02T15:04:05Z07:00") != "2026-03-12T13:00:00Z" {
		t.Errorf("DTSTART %v (%v), want 13:00 UTC", start, err)
	}
	end, err := one[0].GetEndAt()
	if err != nil || end.Format("2006-01-02T15:04:05Z07:00") != "2026-03-12T15:00:00Z" {
		t.Errorf("DTEND %v (%v), want 15:00 UTC", end, err)
	}
	if d := one[0].GetProperty(ics.ComponentPropertyDescription); d == nil || !strings.Contains(d.Value, `Register: https://www.iom.int/register?s=12`) {
		t.Errorf("DESCRIPTION %+v lacks the registration", d)
	}
	for _, ev := range read("calendar.ics") {
		d := ev.GetProperty(ics.ComponentPropertyDescription)
		if d != nil && strings.Contains(d.Value, "register?s=5") {
			t.Error("calendar.ics gives the registration of a past session")
		}
	}
}

// TestAtomNewInArchive: the feed lists records by the day they were
// added (the date where a record does not say), so a record of 2013
// added last comes first; updated is that day.
func TestAtomNewInArchive(t *testing.T) {
	files := buildCalendarSite(t)
	var f struct {
		Updated string `xml:"updated"`
		Entries []struct {
			Title     string `xml:"title"`
			Updated   string `xml:"updated"`
			Published string `xml:"published"`
		} `xml:"entry"`
	}
	if err := xml.Unmarshal(files["feed.xml"], &f); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range f.Entries {
		got = append(got, e.Title+" "+e.Updated+" "+e.Published)
	}
	want := []string{
		"annual-consultations/2013-added-late.md 2026-01-12T00:00:00Z 2026-01-12T00:00:00Z",
		"information-sessions/2026-03-12-labour.md 2026-01-10T00:00:00Z 2026-01-10T00:00:00Z",
		"information-sessions/2025-06-05-past.md 2025-05-20T00:00:00Z 2025-05-20T00:00:00Z",
		"annual-consultations/2024-no-published.md 2024-06-01T00:00:00Z 2024-06-01T00:00:00Z",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("entries:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if f.Updated != "2026-01-12T00:00:00Z" {
		t.Errorf("feed updated %s", f.Updated)
	}
}

// TestFollowPage: the footer's feed and calendar links lead to /follow/,
// which gives each address with what to do with it; the page is in the
// sitemap and its address is the site's.
func TestFollowPage(t *testing.T) {
	files := buildCalendarSite(t)
	page := string(files["follow/index.html"])
	for _, want := range []string{
		`<h1 id="title">Follow the archive</h1>`,
		`<li id="feed"><strong>News feed:</strong> add this address to your feed reader to see each record as it is added to the archive: <a class="follow-url" href="https://x.example/feed.xml">https://x.example/feed.xml</a></li>`,
		`<a class="follow-url" href="webcal://x.example/calendar.ics">webcal://x.example/calendar.ics</a>`,
		`<a class="follow-url" href="https://x.example/calendar.ics">https://x.example/calendar.ics</a>`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("follow page lacks %s", want)
		}
	}
	for _, p := range []string{"index.html", "follow/index.html", "information-sessions/2026-03-12-labour/index.html", "404.html"} {
		s := string(files[p])
		if !strings.Contains(s, `<a href="/follow/#feed">News feed</a>`) || !strings.Contains(s, `<a href="/follow/#calendar">Calendar</a>`) {
			t.Errorf("%s: footer does not link the follow page", p)
		}
		if strings.Contains(s, `<a href="/feed.xml"`) || strings.Contains(s, `<a href="/calendar.ics"`) {
			t.Errorf("%s: a link to the raw feed or calendar", p)
		}
	}
	if !strings.Contains(string(files["sitemap.xml"]), "<loc>https://x.example/follow/</loc>") {
		t.Error("sitemap lacks /follow/")
	}

	// A page of the content cannot take the address.
	fsys := calendarSite()
	fsys["follow.md"] = &fstest.MapFile{Data: []byte("---\ntitle: Follow\n---\nx\n")}
	_, _, err := generator.Build(context.Background(), generator.Config{Content: fsys, Today: today})
	if got := strings.Join(messages(t, err), "\n"); got != "content/follow.md:1:1: page /follow/ would take the address of a page the site generates (/follow/): rename this file (its name is the address)" {
		t.Errorf("follow.md: %s", got)
	}
	// A link to it from Markdown is a link to a page of the site.
	fsys = calendarSite()
	fsys["about.md"] = &fstest.MapFile{Data: []byte("---\ntitle: About\n---\n[Follow](/follow/#calendar) the archive.\n")}
	problems, err := generator.Check(context.Background(), generator.Config{Content: fsys, Today: today})
	if err != nil || len(problems) != 0 {
		t.Errorf("check with a link to /follow/: %v %v", problems, err)
	}
}
