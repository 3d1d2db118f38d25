package feed

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"

	"github.com/iom-cso/archive/internal/golden"
)

// longTitle mixes Arabic and French so that 75-octet folds fall among
// two-byte letters; the "é" and "’" are two and three bytes long.
const longTitle = "المشاورات الإقليمية للمجتمع المدني بشأن الاتفاق العالمي للهجرة — " +
	"Consultation régionale de la société civile pour l’Afrique du Nord et le Moyen-Orient"

func day(y int, m time.Month, d int) Date { return Date{Year: y, Month: m, Day: d} }

func midnight(d Date) time.Time { return d.Time() }

// fixture returns entries that exercise every field and every escape.
func fixture() []Entry {
	return []Entry{
		{
			ID:         TagURI("iom-cso-archive", 2017, "/rcsc/2017-mena/"),
			URL:        "https://archive.example.org/rcsc/2017-mena/",
			Title:      longTitle,
			Summary:    "Civil society from North Africa and the Middle East met in Beirut.",
			Content:    "<p>Two days of <em>regional</em> consultation &amp; exchange.</p>\n<ul><li>One</li></ul>",
			Start:      day(2017, time.August, 4),
			End:        day(2017, time.August, 5),
			Location:   "Beirut, Lebanon",
			Categories: []string{"Regional Civil Society Consultations", "Middle East and North Africa", "global-compact", "global-compact"},
			Authors:    []string{"IOM", "NGO Committee on Migration"},
			Updated:    midnight(day(2017, time.August, 5)),
		},
		{
			ID:         TagURI("iom-cso-archive", 2020, "info-sessions/2020-covid-19"),
			URL:        "https://archive.example.org/info-sessions/2020-covid-19/",
			Title:      "Panel: borders, rights; law \\ policy\nsecond line",
			Summary:    "Semicolons; commas, backslashes \\ and\nnewlines.",
			Start:      day(2020, time.May, 14),
			Location:   "Geneva",
			Online:     true,
			Categories: []string{"Information Sharing Sessions", "Global", "covid-19, health"},
			Updated:    midnight(day(2020, time.May, 14)),
		},
		{
			ID:       TagURI("iom-cso-archive", 2013, "annual-consultations/2013-migrants-and-development"),
			URL:      "https://archive.example.org/annual-consultations/2013-migrants-and-development/",
			Title:    `<script>alert("x")</script> & "Friends" 'n' co` + "\x00\x01\x1b\x7f\u0085\uFFFE",
			Summary:  "Control\x0b chars\x0c are\x08 stripped.\r\nCRLF becomes LF.",
			Start:    day(2013, time.September, 12),
			End:      day(2013, time.September, 13),
			Location: "Geneva, Switzerland",
			Authors:  []string{"IOM"},
			// Updated left zero: the start date applies.
		},
	}
}

var (
	testMeta = FeedMeta{
		Title:    "IOM–CSO Consultations Archive",
		Subtitle: "Consultations between IOM and civil society, since 2011",
		SiteURL:  "https://archive.example.org/",
		FeedURL:  "https://archive.example.org/feed.xml",
		ID:       "tag:iom-cso-archive,2011:feed",
		Lang:     "en",
		Updated:  midnight(day(2011, time.January, 1)),
		Author:   "IOM Civil Society Unit",
	}
	testCal = Calendar{
		Name:        "IOM–CSO consultations",
		Description: "Every consultation, all-day events; times are local.",
		ProdID:      "-//IOM-CSO//archive test//EN",
		URL:         "https://archive.example.org/calendar.ics",
		Host:        "iom-cso-archive",
	}
)

func TestGolden(t *testing.T) {
	entries := fixture()
	var urls []SitemapURL
	urls = append(urls, SitemapURL{Loc: "https://archive.example.org/"})
	for _, e := range entries {
		urls = append(urls, SitemapURL{Loc: e.URL, LastMod: e.Start})
	}
	for _, tc := range []struct {
		name string
		out  func() []byte
	}{
		{"atom.golden", func() []byte { return Atom(testMeta, entries) }},
		{"sitemap.golden", func() []byte { return Sitemap(urls) }},
		{"robots.golden", func() []byte { return Robots("https://archive.example.org/sitemap.xml", false) }},
		{"robots-preview.golden", func() []byte { return Robots("", true) }},
		{"calendar.golden", func() []byte { return calendarICS(testCal, entries) }},
		{"event.golden", func() []byte { return eventICS(testCal, entries[0]) }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			first, second := tc.out(), tc.out()
			if !bytes.Equal(first, second) {
				t.Fatal("two calls with the same input gave different bytes")
			}
			golden.Check(t, "testdata/"+tc.name, first)
		})
	}
}

// ---- Atom ----

type atomFeed struct {
	XMLName  xml.Name     `xml:"http://www.w3.org/2005/Atom feed"`
	Lang     string       `xml:"http://www.w3.org/XML/1998/namespace lang,attr"`
	ID       string       `xml:"id"`
	Title    string       `xml:"title"`
	Subtitle string       `xml:"subtitle"`
	Updated  string       `xml:"updated"`
	Links    []atomLink   `xml:"link"`
	Authors  []atomAuthor `xml:"author"`
	Entries  []atomEntry  `xml:"entry"`
}

type atomLink struct {
	Rel  string `xml:"rel,attr"`
	Type string `xml:"type,attr"`
	Href string `xml:"href,attr"`
}

type atomAuthor struct {
	Name string `xml:"name"`
}

type atomText struct {
	Type string `xml:"type,attr"`
	Body string `xml:",chardata"`
}

type atomEntry struct {
	ID         string         `xml:"id"`
	Title      string         `xml:"title"`
	Updated    string         `xml:"updated"`
	Published  string         `xml:"published"`
	Links      []atomLink     `xml:"link"`
	Authors    []atomAuthor   `xml:"author"`
	Categories []atomCategory `xml:"category"`
	Summary    *atomText      `xml:"summary"`
	Content    *atomText      `xml:"content"`
}

type atomCategory struct {
	Term  string `xml:"term,attr"`
	Label string `xml:"label,attr"`
}

func parseAtom(t *testing.T, data []byte) atomFeed {
	t.Helper()
	var f atomFeed
	if err := xml.Unmarshal(data, &f); err != nil {
		t.Fatalf("Atom output does not parse: %v\n%s", err, data)
	}
	return f
}

func linkHref(links []atomLink, rel string) string {
	for _, l := range links {
		if l.Rel == rel {
			return l.Href
		}
	}
	return ""
}

func TestAtomStructure(t *testing.T) {
	entries := fixture()
	f := parseAtom(t, Atom(testMeta, entries))

	if f.Lang != "en" || f.ID != testMeta.ID || f.Title != testMeta.Title || f.Subtitle != testMeta.Subtitle {
		t.Errorf("feed head = lang %q id %q title %q subtitle %q", f.Lang, f.ID, f.Title, f.Subtitle)
	}
	if got := linkHref(f.Links, "self"); got != testMeta.FeedURL {
		t.Errorf("rel=self = %q, want %q", got, testMeta.FeedURL)
	}
	if got := linkHref(f.Links, "alternate"); got != testMeta.SiteURL {
		t.Errorf("rel=alternate = %q, want %q", got, testMeta.SiteURL)
	}
	if len(f.Authors) != 1 || f.Authors[0].Name != testMeta.Author {
		t.Errorf("feed authors = %+v", f.Authors)
	}
	// The newest Updated among the entries (2020-05-14) beats meta.Updated.
	if f.Updated != "2020-05-14T00:00:00Z" {
		t.Errorf("feed updated = %q, want the latest entry's", f.Updated)
	}
	if len(f.Entries) != len(entries) {
		t.Fatalf("%d entries, want %d", len(f.Entries), len(entries))
	}
	seen := map[string]bool{}
	for i, e := range f.Entries {
		in := entries[i]
		if e.ID == "" || seen[e.ID] {
			t.Errorf("entry %d: id %q empty or duplicated", i, e.ID)
		}
		seen[e.ID] = true
		if e.ID != in.ID {
			t.Errorf("entry %d: id %q, want %q (order kept)", i, e.ID, in.ID)
		}
		for _, ts := range []string{e.Updated, e.Published} {
			if _, err := time.Parse(time.RFC3339, ts); err != nil {
				t.Errorf("entry %d: %v", i, err)
			}
		}
		if want := in.Start.String() + "T00:00:00Z"; e.Published != want {
			t.Errorf("entry %d: published %q, want %q", i, e.Published, want)
		}
		if got := linkHref(e.Links, "alternate"); got != in.URL {
			t.Errorf("entry %d: alternate link %q, want %q", i, got, in.URL)
		}
		if e.Summary == nil || e.Summary.Type != "text" || e.Summary.Body != clean(in.Summary) {
			t.Errorf("entry %d: summary %+v, want text %q", i, e.Summary, clean(in.Summary))
		}
		switch {
		case in.Content == "" && e.Content != nil:
			t.Errorf("entry %d: content without Content", i)
		case in.Content != "" && (e.Content == nil || e.Content.Type != "html" || e.Content.Body != in.Content):
			t.Errorf("entry %d: content %+v, want html %q", i, e.Content, in.Content)
		}
		var authors []string
		for _, a := range e.Authors {
			authors = append(authors, a.Name)
		}
		if diff := cmp.Diff(in.Authors, authors); diff != "" {
			t.Errorf("entry %d: authors (-want +got):\n%s", i, diff)
		}
	}
	// Duplicate categories collapse; a comma inside a term is kept.
	var terms []string
	for _, c := range f.Entries[0].Categories {
		terms = append(terms, c.Term)
	}
	if diff := cmp.Diff([]string{"Regional Civil Society Consultations", "Middle East and North Africa", "global-compact"}, terms); diff != "" {
		t.Errorf("categories (-want +got):\n%s", diff)
	}
	// An entry without Updated uses its start date.
	if got := f.Entries[2].Updated; got != "2013-09-12T00:00:00Z" {
		t.Errorf("entry without Updated: updated %q", got)
	}
}

// TestAtomCategoryLabels: a category whose term is a key carries its
// readable name as label, escaped; a label equal to its term, or empty,
// is left out; iCalendar, which shows its categories' text as it is,
// writes the labels in the terms' place.
func TestAtomCategoryLabels(t *testing.T) {
	e := Entry{URL: "https://archive.example.org/a/", Title: "A", Start: day(2017, time.August, 4),
		Categories:     []string{"Consultations régionales", "global-compact", "labour", "covid-19"},
		CategoryLabels: map[string]string{"global-compact": "Pacte mondial « sur les migrations » & <asile>", "labour": "labour", "kind": "never shown"}}
	f := parseAtom(t, Atom(testMeta, []Entry{e}))
	var got []atomCategory
	got = append(got, f.Entries[0].Categories...)
	want := []atomCategory{{Term: "Consultations régionales"}, {Term: "global-compact", Label: "Pacte mondial « sur les migrations » & <asile>"}, {Term: "labour"}, {Term: "covid-19"}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("categories (-want +got):\n%s", diff)
	}
	if ics := strings.ReplaceAll(string(calendarICS(testCal, []Entry{e})), "\r\n ", ""); !strings.Contains(ics, "CATEGORIES:Consultations régionales,Pacte mondial « sur les migrations » & <asile>,labour,covid-19\r\n") {
		t.Errorf("calendar categories:\n%s", ics)
	}
}

func TestAtomEscaping(t *testing.T) {
	entries := fixture()
	out := Atom(testMeta, entries)
	for _, raw := range []string{"<script>", "</script>", "<p>", "<em>"} {
		if bytes.Contains(out, []byte(raw)) {
			t.Errorf("output contains raw %q", raw)
		}
	}
	if !bytes.Contains(out, []byte("&lt;script&gt;")) {
		t.Errorf("output lacks the escaped &lt;script&gt;")
	}
	for _, c := range []string{"\x00", "\x01", "\x1b", "\x7f", "\u0085", "\uFFFE", "\x0b", "\x0c", "\x08", "\r"} {
		if bytes.Contains(out, []byte(c)) {
			t.Errorf("output contains control character %q", c)
		}
	}
	f := parseAtom(t, out)
	if want := `<script>alert("x")</script> & "Friends" 'n' co`; f.Entries[2].Title != want {
		t.Errorf("title round trip = %q, want %q", f.Entries[2].Title, want)
	}
	if want := "Control chars are stripped.\nCRLF becomes LF."; f.Entries[2].Summary.Body != want {
		t.Errorf("summary round trip = %q, want %q", f.Entries[2].Summary.Body, want)
	}
	if f.Entries[0].Title != longTitle {
		t.Errorf("non-ASCII title round trip = %q", f.Entries[0].Title)
	}
	if !utf8.Valid(out) {
		t.Error("output is not valid UTF-8")
	}
}

func TestAtomFallbacks(t *testing.T) {
	bad := "bad\xff utf-8"
	meta := FeedMeta{Title: "T", FeedURL: "https://x.example/feed.xml", SiteURL: "https://x.example/"}
	e := Entry{URL: "https://x.example/a/", Title: bad, Start: day(2019, time.March, 1)}
	f := parseAtom(t, Atom(meta, []Entry{e}))
	if f.ID != meta.FeedURL {
		t.Errorf("feed id = %q, want the feed URL", f.ID)
	}
	if len(f.Authors) != 1 || f.Authors[0].Name != "T" {
		t.Errorf("feed author = %+v, want the title", f.Authors)
	}
	if f.Lang != "" {
		t.Errorf("xml:lang = %q without Lang", f.Lang)
	}
	en := f.Entries[0]
	if en.ID != e.URL || en.Updated != "2019-03-01T00:00:00Z" || en.Summary != nil || len(en.Authors) != 0 {
		t.Errorf("entry = %+v", en)
	}
	if en.Title != "bad\uFFFD utf-8" {
		t.Errorf("invalid UTF-8 title = %q", en.Title)
	}
	// An empty feed still parses, with meta.Updated as its updated time.
	meta.Updated = time.Date(2024, 1, 2, 3, 4, 5, 0, time.FixedZone("CET", 3600))
	f = parseAtom(t, Atom(meta, nil))
	if f.Updated != "2024-01-02T02:04:05Z" || len(f.Entries) != 0 {
		t.Errorf("empty feed: updated %q, %d entries", f.Updated, len(f.Entries))
	}
}

// ---- Sitemap and robots.txt ----

type sitemapSet struct {
	XMLName xml.Name     `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
	URLs    []sitemapURL `xml:"url"`
}

type sitemapURL struct {
	Loc     string `xml:"loc"`
	LastMod string `xml:"lastmod"`
}

func TestSitemap(t *testing.T) {
	in := []SitemapURL{
		{Loc: "https://archive.example.org/"},
		{Loc: "https://archive.example.org/years/2017/", LastMod: day(2017, time.August, 5)},
		{Loc: "https://archive.example.org/search/?q=a&b=c d"},
		{Loc: "https://archive.example.org/régions/"},
		{Loc: "  "},
		{Loc: "https://archive.example.org/a%20b/"},
	}
	out := Sitemap(in)
	if !bytes.HasPrefix(out, []byte(`<?xml version="1.0" encoding="UTF-8"?>`)) {
		t.Errorf("missing XML declaration:\n%s", out)
	}
	if !bytes.Contains(out, []byte("q=a&amp;b=c%20d")) {
		t.Errorf("& must be entity-escaped and the space percent-encoded:\n%s", out)
	}
	var set sitemapSet
	if err := xml.Unmarshal(out, &set); err != nil {
		t.Fatalf("sitemap does not parse: %v\n%s", err, out)
	}
	want := []sitemapURL{
		{Loc: "https://archive.example.org/"},
		{Loc: "https://archive.example.org/years/2017/", LastMod: "2017-08-05"},
		{Loc: "https://archive.example.org/search/?q=a&b=c%20d"},
		{Loc: "https://archive.example.org/r%C3%A9gions/"},
		{Loc: "https://archive.example.org/a%20b/"},
	}
	if diff := cmp.Diff(want, set.URLs); diff != "" {
		t.Errorf("urls (-want +got):\n%s", diff)
	}
	lastmod := regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)
	for _, u := range set.URLs {
		p, err := url.Parse(u.Loc)
		if err != nil || p.Scheme != "https" || p.Host == "" || len(u.Loc) >= 2048 {
			t.Errorf("loc %q is not an absolute URL under 2048 characters (%v)", u.Loc, err)
		}
		for i := 0; i < len(u.Loc); i++ {
			if c := u.Loc[i]; c <= ' ' || c >= 0x7f {
				t.Errorf("loc %q has an unescaped byte %#x", u.Loc, c)
			}
		}
		if u.LastMod != "" && !lastmod.MatchString(u.LastMod) {
			t.Errorf("lastmod %q is not YYYY-MM-DD", u.LastMod)
		}
	}
	if set := Sitemap(nil); !bytes.Contains(set, []byte(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">`)) {
		t.Errorf("empty sitemap:\n%s", set)
	}
}

func TestRobots(t *testing.T) {
	got := string(Robots("https://archive.example.org/sitemap.xml", false))
	want := "User-agent: *\nDisallow:\n\nSitemap: https://archive.example.org/sitemap.xml\n"
	if got != want {
		t.Errorf("Robots(allow) = %q, want %q", got, want)
	}
	got = string(Robots("https://x.example/sitemap.xml\nDisallow: /", true))
	if !strings.HasPrefix(got, "User-agent: *\nDisallow: /\n") || strings.Count(got, "\n") != 4 {
		t.Errorf("Robots(disallowAll) = %q; a newline in the URL must not add a line", got)
	}
	if got := string(Robots("", true)); got != "User-agent: *\nDisallow: /\n" {
		t.Errorf("Robots(\"\", true) = %q", got)
	}
}

// ---- iCalendar ----

// unfold undoes RFC 5545 §3.1 folding and returns the content lines. It
// fails the test on a bare CR or LF, or a missing final CRLF.
func unfold(t *testing.T, data []byte) []string {
	t.Helper()
	s := string(data)
	if !strings.HasSuffix(s, "\r\n") {
		t.Errorf("output does not end in CRLF")
	}
	if n := strings.Count(s, "\n"); n != strings.Count(s, "\r\n") || n != strings.Count(s, "\r") {
		t.Errorf("bare CR or LF: %d LF, %d CR, %d CRLF", n, strings.Count(s, "\r"), strings.Count(s, "\r\n"))
	}
	s = strings.ReplaceAll(s, "\r\n ", "")
	s = strings.ReplaceAll(s, "\r\n\t", "")
	return strings.Split(strings.TrimSuffix(s, "\r\n"), "\r\n")
}

type icsProp struct {
	Name   string
	Params string // ";VALUE=DATE" etc., raw
	Value  string
}

type icsComponent struct {
	Name     string
	Props    []icsProp
	Children []*icsComponent
}

func (c *icsComponent) props(name string) []icsProp {
	var out []icsProp
	for _, p := range c.Props {
		if p.Name == name {
			out = append(out, p)
		}
	}
	return out
}

func (c *icsComponent) value(name string) string {
	if ps := c.props(name); len(ps) > 0 {
		return ps[0].Value
	}
	return ""
}

// parseLine splits a content line into name, parameters and value; the
// first colon outside a quoted parameter value ends the parameters.
func parseLine(line string) (icsProp, error) {
	inQuote := false
	for i := 0; i < len(line); i++ {
		switch line[i] {
		case '"':
			inQuote = !inQuote
		case ':':
			if inQuote {
				continue
			}
			head := line[:i]
			name, params, _ := strings.Cut(head, ";")
			if params != "" {
				params = ";" + params
			}
			if name == "" || strings.ToUpper(name) != name {
				return icsProp{}, fmt.Errorf("bad property name %q", name)
			}
			return icsProp{Name: name, Params: params, Value: line[i+1:]}, nil
		}
	}
	return icsProp{}, fmt.Errorf("no colon in %q", line)
}

// parseICS parses content lines into a component tree and checks that
// BEGIN and END balance.
func parseICS(t *testing.T, lines []string) *icsComponent {
	t.Helper()
	root := &icsComponent{}
	stack := []*icsComponent{root}
	for _, line := range lines {
		p, err := parseLine(line)
		if err != nil {
			t.Fatal(err)
		}
		top := stack[len(stack)-1]
		switch p.Name {
		case "BEGIN":
			c := &icsComponent{Name: p.Value}
			top.Children = append(top.Children, c)
			stack = append(stack, c)
		case "END":
			if len(stack) == 1 || top.Name != p.Value {
				t.Fatalf("END:%s does not close BEGIN:%s", p.Value, top.Name)
			}
			stack = stack[:len(stack)-1]
		default:
			if len(stack) == 1 {
				t.Fatalf("property %s outside any component", p.Name)
			}
			top.Props = append(top.Props, p)
		}
	}
	if len(stack) != 1 {
		t.Fatalf("BEGIN:%s never ends", stack[len(stack)-1].Name)
	}
	if len(root.Children) != 1 || root.Children[0].Name != "VCALENDAR" {
		t.Fatalf("want exactly one VCALENDAR, got %d components", len(root.Children))
	}
	return root.Children[0]
}

// unescapeText undoes RFC 5545 TEXT escaping.
func unescapeText(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) {
			i++
			if s[i] == 'n' || s[i] == 'N' {
				b.WriteByte('\n')
			} else {
				b.WriteByte(s[i])
			}
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// splitText splits a TEXT list on unescaped commas.
func splitText(s string) []string {
	var out []string
	start := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\\':
			i++
		case ',':
			out = append(out, unescapeText(s[start:i]))
			start = i + 1
		}
	}
	return append(out, unescapeText(s[start:]))
}

func checkPhysicalLines(t *testing.T, data []byte) {
	t.Helper()
	for i, line := range strings.Split(strings.TrimSuffix(string(data), "\r\n"), "\r\n") {
		if len(line) > maxLineOctets {
			t.Errorf("line %d has %d octets: %q", i+1, len(line), line)
		}
		if !utf8.ValidString(line) {
			t.Errorf("line %d splits a UTF-8 sequence: %q", i+1, line)
		}
	}
}

func TestICSStructure(t *testing.T) {
	entries := fixture()
	out := calendarICS(testCal, entries)
	checkPhysicalLines(t, out)
	cal := parseICS(t, unfold(t, out))

	for name, want := range map[string]string{
		"VERSION":      "2.0",
		"PRODID":       testCal.ProdID,
		"CALSCALE":     "GREGORIAN",
		"METHOD":       "PUBLISH",
		"X-WR-CALNAME": testCal.Name,
		"URL":          testCal.URL,
	} {
		if got := cal.props(name); len(got) != 1 || unescapeText(got[0].Value) != want {
			t.Errorf("VCALENDAR %s = %+v, want one %q", name, got, want)
		}
	}
	if got := unescapeText(cal.value("X-WR-CALDESC")); got != testCal.Description {
		t.Errorf("X-WR-CALDESC = %q", got)
	}
	if len(cal.Children) != len(entries) {
		t.Fatalf("%d components, want %d VEVENTs", len(cal.Children), len(entries))
	}
	uids := map[string]bool{}
	for i, ev := range cal.Children {
		in := entries[i]
		if ev.Name != "VEVENT" {
			t.Fatalf("component %d is %s", i, ev.Name)
		}
		for _, name := range []string{"UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY", "DESCRIPTION", "LOCATION", "URL", "STATUS", "TRANSP"} {
			if n := len(ev.props(name)); n != 1 {
				t.Errorf("VEVENT %d has %d %s, want 1", i, n, name)
			}
		}
		uid := ev.value("UID")
		if uids[uid] {
			t.Errorf("duplicate UID %q", uid)
		}
		uids[uid] = true
		if !regexp.MustCompile(`^\d{8}T\d{6}Z$`).MatchString(ev.value("DTSTAMP")) {
			t.Errorf("DTSTAMP %q is not UTC date-time", ev.value("DTSTAMP"))
		}
		for _, name := range []string{"DTSTART", "DTEND"} {
			p := ev.props(name)[0]
			if p.Params != ";VALUE=DATE" || !regexp.MustCompile(`^\d{8}$`).MatchString(p.Value) {
				t.Errorf("%s = %+v, want an all-day DATE", name, p)
			}
		}
		if got := unescapeText(ev.value("SUMMARY")); got != clean(in.Title) {
			t.Errorf("SUMMARY = %q, want %q", got, clean(in.Title))
		}
		if want := clean(in.Summary) + "\n\n" + in.URL; unescapeText(ev.value("DESCRIPTION")) != want {
			t.Errorf("DESCRIPTION = %q, want %q", unescapeText(ev.value("DESCRIPTION")), want)
		}
		if ev.value("URL") != in.URL {
			t.Errorf("URL = %q, want %q", ev.value("URL"), in.URL)
		}
		if ev.value("STATUS") != "CONFIRMED" || ev.value("TRANSP") != "TRANSPARENT" {
			t.Errorf("STATUS %q TRANSP %q", ev.value("STATUS"), ev.value("TRANSP"))
		}
	}
	first, second := cal.Children[0], cal.Children[1]
	if first.value("SUMMARY") == "" || unescapeText(first.value("SUMMARY")) != longTitle {
		t.Errorf("long Arabic/French title does not survive folding: %q", first.value("SUMMARY"))
	}
	if got := unescapeText(second.value("LOCATION")); got != "Online" {
		t.Errorf("online event LOCATION = %q, want Online", got)
	}
	if got := unescapeText(first.value("LOCATION")); got != "Beirut, Lebanon" {
		t.Errorf("LOCATION = %q", got)
	}
	if diff := cmp.Diff([]string{"Information Sharing Sessions", "Global", "covid-19, health"}, splitText(second.value("CATEGORIES"))); diff != "" {
		t.Errorf("CATEGORIES (-want +got):\n%s", diff)
	}
	if n := len(cal.Children[2].props("CATEGORIES")); n != 0 {
		t.Errorf("entry without categories has %d CATEGORIES", n)
	}
}

// TestICSContentLines checks that unfolding gives back exactly the content
// lines of a one-event calendar, escapes included.
func TestICSContentLines(t *testing.T) {
	e := fixture()[1]
	got := unfold(t, eventICS(testCal, e))
	want := []string{
		"BEGIN:VCALENDAR",
		"VERSION:2.0",
		"PRODID:-//IOM-CSO//archive test//EN",
		"CALSCALE:GREGORIAN",
		"METHOD:PUBLISH",
		"BEGIN:VEVENT",
		"UID:info-sessions/2020-covid-19@iom-cso-archive",
		"DTSTAMP:20200514T000000Z",
		"DTSTART;VALUE=DATE:20200514",
		"DTEND;VALUE=DATE:20200515",
		`SUMMARY:Panel: borders\, rights\; law \\ policy\nsecond line`,
		`DESCRIPTION:Semicolons\; commas\, backslashes \\ and\nnewlines.\n\nhttps://archive.example.org/info-sessions/2020-covid-19/`,
		"LOCATION:Online",
		"URL:https://archive.example.org/info-sessions/2020-covid-19/",
		`CATEGORIES:Information Sharing Sessions,Global,covid-19\, health`,
		"STATUS:CONFIRMED",
		"TRANSP:TRANSPARENT",
		"END:VEVENT",
		"END:VCALENDAR",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("content lines (-want +got):\n%s", diff)
	}
}

func TestICSAllDayEnd(t *testing.T) {
	for _, tc := range []struct {
		start, end Date
		dtend      string
	}{
		{day(2017, time.August, 4), day(2017, time.August, 5), "20170806"},
		{day(2017, time.August, 4), Date{}, "20170805"},
		{day(2017, time.August, 4), day(2017, time.August, 4), "20170805"},
		{day(2016, time.December, 31), Date{}, "20170101"},
		{day(2016, time.February, 28), day(2016, time.February, 29), "20160301"},
		{day(2017, time.August, 4), day(2017, time.August, 1), "20170805"}, // End before Start: one day
	} {
		cal := parseICS(t, unfold(t, eventICS(Calendar{}, Entry{URL: "https://x.example/e/", Start: tc.start, End: tc.end})))
		ev := cal.Children[0]
		if got := ev.value("DTSTART"); got != tc.start.compact() {
			t.Errorf("%v..%v: DTSTART %s", tc.start, tc.end, got)
		}
		if got := ev.value("DTEND"); got != tc.dtend {
			t.Errorf("%v..%v: DTEND %s, want %s", tc.start, tc.end, got, tc.dtend)
		}
	}
}

func TestEventICS(t *testing.T) {
	e := fixture()[0]
	out := eventICS(testCal, e)
	checkPhysicalLines(t, out)
	cal := parseICS(t, unfold(t, out))
	for _, name := range []string{"X-WR-CALNAME", "NAME", "X-WR-CALDESC", "DESCRIPTION"} {
		if len(cal.props(name)) != 0 {
			t.Errorf("one-event calendar has %s", name)
		}
	}
	if len(cal.Children) != 1 {
		t.Fatalf("%d components", len(cal.Children))
	}
	// The event is the same VEVENT the full calendar carries.
	full := parseICS(t, unfold(t, calendarICS(testCal, []Entry{e})))
	if diff := cmp.Diff(full.Children[0], cal.Children[0]); diff != "" {
		t.Errorf("VEVENT differs from ICS (-ICS +EventICS):\n%s", diff)
	}
}

func TestUIDStable(t *testing.T) {
	e := fixture()[0]
	want := "rcsc/2017-mena@iom-cso-archive"
	if got := UID(testCal.Host, e); got != want {
		t.Errorf("UID = %q, want %q", got, want)
	}
	// A deploy preview serves the same page from another host: same UID.
	preview := e
	preview.URL = "https://deploy-preview-42--archive.netlify.app/rcsc/2017-mena/"
	preview.Title = "Edited title"
	if got := UID(testCal.Host, preview); got != want {
		t.Errorf("preview UID = %q, want %q", got, want)
	}
	// Host falls back to the calendar URL's host.
	cal := parseICS(t, unfold(t, calendarICS(Calendar{URL: "https://Archive.Example.org/calendar.ics"}, []Entry{e})))
	if got := cal.Children[0].value("UID"); got != "rcsc/2017-mena@archive.example.org" {
		t.Errorf("UID without Host = %q", got)
	}
	// Unusual paths hash the id: stable, distinct, safe.
	odd := Entry{ID: "tag:x,2020:é", URL: "https://x.example/é/"}
	odd2 := Entry{ID: "tag:x,2020:è", URL: "https://x.example/è/"}
	u1, u2 := UID("x.example", odd), UID("x.example", odd2)
	if u1 != UID("x.example", odd) || u1 == u2 || !regexp.MustCompile(`^[0-9a-f]{32}@x\.example$`).MatchString(u1) {
		t.Errorf("hashed UIDs %q, %q", u1, u2)
	}
	if got := UID("", Entry{URL: "https://x.example/"}); !regexp.MustCompile(`^[0-9a-f]{32}$`).MatchString(got) {
		t.Errorf("UID of a root URL without host = %q", got)
	}
}

func TestFold(t *testing.T) {
	lines := []string{
		"",
		"SUMMARY:short",
		"SUMMARY:" + icsText(longTitle),
		"X:" + strings.Repeat("a", 73),
		"X:" + strings.Repeat("a", 74),
		"X:" + strings.Repeat("é", 100),
		"X:" + strings.Repeat("€", 100),
		"X:" + strings.Repeat("😀", 100),
		"X:" + strings.Repeat(`\,`, 100),
		"X:" + strings.Repeat("a", 72) + `\n` + strings.Repeat("b", 80),
	}
	for _, line := range lines {
		folded := fold(line)
		checkPhysicalLines(t, []byte(folded))
		got := unfold(t, []byte(folded))
		if len(got) != 1 || got[0] != line {
			t.Errorf("unfold(fold(%q)) = %q", line, got)
		}
		for _, phys := range strings.Split(folded, "\r\n") {
			if strings.HasSuffix(phys, `\`) && !strings.HasSuffix(phys, `\\`) {
				t.Errorf("fold splits an escape: %q", phys)
			}
		}
	}
	if got := fold("X:" + strings.Repeat("a", 73)); strings.Count(got, "\r\n") != 1 {
		t.Errorf("a 75-octet line was folded: %q", got)
	}
	if got := fold("X:" + strings.Repeat("a", 74)); got != "X:"+strings.Repeat("a", 73)+"\r\n a\r\n" {
		t.Errorf("a 76-octet line folds as %q", got)
	}
}

func FuzzFold(f *testing.F) {
	f.Add("SUMMARY:" + longTitle)
	f.Add(strings.Repeat(`\\`, 60))
	f.Fuzz(func(t *testing.T, s string) {
		line := "X:" + icsText(s)
		folded := fold(line)
		checkPhysicalLines(t, []byte(folded))
		if got := unfold(t, []byte(folded)); len(got) != 1 || got[0] != line {
			t.Fatalf("unfold(fold(%q)) = %q", line, got)
		}
		if got := unescapeText(icsText(s)); got != clean(s) {
			t.Fatalf("unescape(icsText(%q)) = %q, want %q", s, got, clean(s))
		}
	})
}

func TestICSEscapingAndControls(t *testing.T) {
	e := fixture()[2]
	out := calendarICS(testCal, []Entry{e})
	for _, c := range []string{"\x00", "\x01", "\x1b", "\x7f", "\u0085", "\x0b", "\x0c", "\x08"} {
		if bytes.Contains(out, []byte(c)) {
			t.Errorf("output contains control character %q", c)
		}
	}
	ev := parseICS(t, unfold(t, out)).Children[0]
	if got, want := unescapeText(ev.value("SUMMARY")), `<script>alert("x")</script> & "Friends" 'n' co`; got != want {
		t.Errorf("SUMMARY = %q, want %q", got, want)
	}
	if got := ev.value("DESCRIPTION"); !strings.HasPrefix(got, `Control chars are stripped.\nCRLF becomes LF.\n\n`) {
		t.Errorf("DESCRIPTION = %q", got)
	}
	if got := icsText("a\\b;c,d\ne\r\nf\rg"); got != `a\\b\;c\,d\ne\nf\ng` {
		t.Errorf("icsText = %q", got)
	}
}

func TestDeterminism(t *testing.T) {
	a, b := fixture(), fixture()
	outs := func(entries []Entry) [][]byte {
		return [][]byte{Atom(testMeta, entries), calendarICS(testCal, entries), eventICS(testCal, entries[1])}
	}
	x, y := outs(a), outs(b)
	for i := range x {
		if !bytes.Equal(x[i], y[i]) {
			t.Errorf("output %d differs between two calls", i)
		}
	}
	if diff := cmp.Diff(fixture(), a); diff != "" {
		t.Errorf("the input was modified:\n%s", diff)
	}
}

// ---- Date, TagURI, clean ----

func TestDate(t *testing.T) {
	d := day(2017, time.August, 4)
	if d.String() != "2017-08-04" || d.compact() != "20170804" {
		t.Errorf("String %q compact %q", d.String(), d.compact())
	}
	if d.IsZero() || !(Date{}).IsZero() {
		t.Error("IsZero")
	}
	if got := d.AddDays(28); got != day(2017, time.September, 1) {
		t.Errorf("AddDays(28) = %v", got)
	}
	if got := d.AddDays(-4); got != day(2017, time.July, 31) {
		t.Errorf("AddDays(-4) = %v", got)
	}
	if d.Compare(d.AddDays(1)) != -1 || d.AddDays(1).Compare(d) != 1 || d.Compare(d) != 0 {
		t.Error("Compare")
	}
	if got := DateOf(time.Date(2017, 8, 4, 23, 30, 0, 0, time.UTC)); got != d {
		t.Errorf("DateOf = %v", got)
	}
	if got := d.Time(); !got.Equal(time.Date(2017, 8, 4, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("Time = %v", got)
	}
}

func TestTagURI(t *testing.T) {
	for _, tc := range []struct {
		host string
		year int
		path string
		want string
	}{
		{"iom-cso-archive", 2013, "annual-consultations/2013-migrants-and-development",
			"tag:iom-cso-archive,2013:annual-consultations/2013-migrants-and-development"},
		{"Archive.Example.ORG", 2017, "/rcsc/2017-mena/", "tag:archive.example.org,2017:rcsc/2017-mena"},
		{"https://archive.example.org:8443/x", 2017, "rcsc", "tag:archive.example.org,2017:rcsc"},
		{"example.org", 999, "a b/é?x=1#f", "tag:example.org,0999:a%20b/%C3%A9?x=1%23f"},
		{"example.org", 2020, "a%2Fb", "tag:example.org,2020:a%2Fb"},
	} {
		if got := TagURI(tc.host, tc.year, tc.path); got != tc.want {
			t.Errorf("TagURI(%q, %d, %q) = %q, want %q", tc.host, tc.year, tc.path, got, tc.want)
		}
	}
}

func TestClean(t *testing.T) {
	for in, want := range map[string]string{
		"plain":                 "plain",
		"a\r\nb\rc\nd":          "a\nb\nc\nd",
		"tab\tkept":             "tab\tkept",
		"\x00nul\x1fus\x7fdel":  "nulusdel",
		"c1\u0080\u009f":        "c1",
		"non\uFFFE\uFFFFchar":   "nonchar",
		"bad\xffbyte":           "bad\uFFFDbyte",
		"real \uFFFD kept":      "real \uFFFD kept",
		"\r\n\r\n":              "\n\n",
		"العربية et français é": "العربية et français é",
	} {
		if got := clean(in); got != want {
			t.Errorf("clean(%q) = %q, want %q", in, got, want)
		}
	}
}

// calendarICS is the calendar the site writes for entries.
func calendarICS(cal Calendar, entries []Entry) []byte {
	vevents := make([][]byte, len(entries))
	for i, e := range entries {
		vevents[i] = VEvent(cal, e)
	}
	return ICSOf(cal, vevents)
}

// eventICS is the "Add to calendar" file the site writes for e.
func eventICS(cal Calendar, e Entry) []byte { return EventICSOf(cal, VEvent(cal, e)) }

// TestAtomEntryLang: an entry in another language than the feed's (a
// record without a translation, in the French feed) has xml:lang on its
// title, summary and content, which feed readers pass on to screen
// readers; its categories, in the feed's language, and the entries in the
// feed's language have none. The feed still parses.
func TestAtomEntryLang(t *testing.T) {
	meta := FeedMeta{Title: "Archive", FeedURL: "https://x.example/fr/feed.xml", SiteURL: "https://x.example/fr/", Lang: "fr"}
	entries := []Entry{
		{URL: "https://x.example/a/", Title: "Asia Regional Consultation", Summary: "In Bangkok.", Content: "<p>Body.</p>", Lang: "en",
			Categories: []string{"Asie-Pacifique"}, Start: day(2017, time.June, 1)},
		{URL: "https://x.example/fr/b/", Title: "Migrants et développement", Summary: "À Genève.", Start: day(2013, time.September, 12)},
		{URL: "https://x.example/fr/c/", Title: "Séance", Summary: "Une séance.", Lang: "fr", Start: day(2018, time.January, 1)},
		{URL: "https://x.example/d/", Title: "Odd", Summary: "Odd tag.", Lang: `en"><x y="`, Start: day(2019, time.January, 1)},
	}
	out := Atom(meta, entries)
	type langText struct {
		Lang string `xml:"http://www.w3.org/XML/1998/namespace lang,attr"`
		Body string `xml:",chardata"`
	}
	var f struct {
		Entries []struct {
			Title    langText   `xml:"title"`
			Summary  langText   `xml:"summary"`
			Content  *langText  `xml:"content"`
			Category []langText `xml:"category"`
		} `xml:"entry"`
	}
	if err := xml.Unmarshal(out, &f); err != nil {
		t.Fatalf("the feed does not parse: %v\n%s", err, out)
	}
	parseAtom(t, out)
	if len(f.Entries) != 4 {
		t.Fatalf("%d entries", len(f.Entries))
	}
	e := f.Entries[0]
	if e.Title.Lang != "en" || e.Summary.Lang != "en" || e.Content == nil || e.Content.Lang != "en" || e.Category[0].Lang != "" {
		t.Errorf("untranslated entry: title %q, summary %q, content %+v, category %q; want en, en, en and none",
			e.Title.Lang, e.Summary.Lang, e.Content, e.Category[0].Lang)
	}
	for _, e := range f.Entries[1:3] {
		if e.Title.Lang != "" || e.Summary.Lang != "" {
			t.Errorf("%s: xml:lang %q %q in the feed's language", e.Title.Body, e.Title.Lang, e.Summary.Lang)
		}
	}
	if e := f.Entries[3]; e.Title.Lang != "enxy" || e.Title.Body != "Odd" {
		t.Errorf("a tag with markup: xml:lang %q, title %q", e.Title.Lang, e.Title.Body)
	}
	if strings.Count(string(out), "xml:lang=") != 1+3+2 {
		t.Errorf("xml:lang where it is not needed:\n%s", out)
	}
}
