package feed

import (
	"cmp"
	"fmt"
	"net/url"
	"strings"
	"time"
)

// Entry is one event as the feeds see it.
type Entry struct {
	// ID is the stable unique id of the entry, such as a tag URI made by
	// TagURI; Atom falls back to URL when it is empty.
	ID string
	// URL is the absolute URL of the event page.
	URL string
	// Title is the event title, plain text.
	Title string
	// Summary is the one or two sentence summary, plain text.
	Summary string
	// Lang is the language (a BCP 47 tag) of Title, Summary and Content
	// when it is not the feed's (FeedMeta.Lang): a record listed in a
	// language it has no translation into. Atom marks those three with
	// xml:lang, not the entry, whose categories are in the feed's language.
	Lang string
	// Content is the HTML of the body; optional, used by Atom only.
	Content string
	// Start is the first day of the event.
	Start Date
	// End is the last day, inclusive; zero (or a day before Start) means
	// the event lasts one day.
	End Date
	// Location is where the event takes place.
	Location string
	// Online reports an online event; its location is written as "Online".
	Online bool
	// Categories are the kind name, the region name and the topics.
	Categories []string
	// CategoryLabels are the readable labels of categories whose term is
	// a key (a topic's name, in the feed's language, for its key), by
	// term. Atom writes a category's label beside its term; iCalendar,
	// which has no terms, writes the label in its place.
	CategoryLabels map[string]string
	// Authors are the organizers.
	Authors []string
	// Updated is a deterministic time derived from the content, such as the
	// event date; never the time of the build. Zero means the start date.
	Updated time.Time
	// Published is when the entry was first made available (for the
	// archive, the day the record was added); Atom's published, which
	// falls back to the start date when it is zero.
	Published time.Time
	// StartTime and EndTime are when the event starts and ends, for an
	// event given with times; zero for an event of whole days. The
	// calendar writes them in UTC.
	StartTime, EndTime time.Time
	// Registration is the address where readers register; "" for none.
	// The calendar adds it to DESCRIPTION after RegistrationLabel
	// ("Registration" when empty).
	Registration      string
	RegistrationLabel string
}

// timed reports whether e has a start and an end time.
func (e Entry) timed() bool {
	return !e.StartTime.IsZero() && e.EndTime.After(e.StartTime)
}

// location returns the location written for e.
func (e Entry) location() string {
	if e.Online {
		return "Online"
	}
	return e.Location
}

// lastDay returns the last day of e, inclusive.
func (e Entry) lastDay() Date {
	if e.End.IsZero() || e.End.Compare(e.Start) < 0 {
		return e.Start
	}
	return e.End
}

// updated returns e.Updated in UTC, or the start date when it is zero.
func (e Entry) updated() time.Time {
	if e.Updated.IsZero() && !e.Start.IsZero() {
		return e.Start.Time()
	}
	return e.Updated.UTC()
}

// Date is a calendar day without a time or a time zone. Its fields are kept
// as given; AddDays and Time normalize out-of-range values the way time.Date
// does.
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// DateOf returns the day of t in t's location.
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	return Date{Year: y, Month: m, Day: d}
}

// IsZero reports whether d is the zero Date, which means "no date".
func (d Date) IsZero() bool { return d == Date{} }

// String returns d as YYYY-MM-DD.
func (d Date) String() string {
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, int(d.Month), d.Day)
}

// compact returns d as YYYYMMDD, the iCalendar DATE form.
func (d Date) compact() string {
	return fmt.Sprintf("%04d%02d%02d", d.Year, int(d.Month), d.Day)
}

// Time returns midnight UTC at the start of d.
func (d Date) Time() time.Time {
	return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC)
}

// AddDays returns the day n days after d (before it when n is negative).
func (d Date) AddDays(n int) Date {
	return DateOf(time.Date(d.Year, d.Month, d.Day+n, 0, 0, 0, 0, time.UTC))
}

// Compare returns -1, 0 or +1 as d is before, equal to or after e.
func (d Date) Compare(e Date) int {
	return cmp.Or(cmp.Compare(d.Year, e.Year), cmp.Compare(d.Month, e.Month), cmp.Compare(d.Day, e.Day))
}

// FeedMeta describes the Atom feed as a whole.
type FeedMeta struct {
	Title    string
	Subtitle string    // optional
	SiteURL  string    // the rel="alternate" link, the home page
	FeedURL  string    // the rel="self" link, where the feed is published
	ID       string    // stable feed id; falls back to FeedURL, then SiteURL
	Lang     string    // xml:lang, such as "en"; omitted when empty
	Updated  time.Time // lower bound for the feed's updated time
	Author   string    // feed author; falls back to Title
}

// SitemapURL is one url of a sitemap.
type SitemapURL struct {
	Loc     string // absolute URL
	LastMod Date   // optional
	// Alternates are the page in each of its languages, itself included
	// (Google's xhtml:link rel="alternate" hreflang); optional.
	Alternates []SitemapAlternate
}

// SitemapAlternate is one language version of a sitemap URL.
type SitemapAlternate struct {
	Hreflang string // a BCP 47 tag, or x-default
	Href     string // absolute URL
}

// Calendar describes an iCalendar file.
type Calendar struct {
	Name        string // X-WR-CALNAME and NAME
	Description string // X-WR-CALDESC and DESCRIPTION; optional
	ProdID      string // PRODID; a default is used when empty
	URL         string // URL of the calendar; optional
	Host        string // domain part of UIDs; falls back to the host of URL
}

// DefaultProdID is the PRODID written when Calendar.ProdID is empty.
const DefaultProdID = "-//IOM-CSO Consultations Archive//archive//EN"

// TagURI returns the RFC 4151 tag URI "tag:host,year:path". host is a
// domain name or e-mail address the archive controls (a URL is reduced to
// its host name, and letters are lowered); year is written with four
// digits; path loses its leading and trailing slashes, and bytes that a tag
// URI does not allow are percent-encoded. For example
// TagURI("iom-cso-archive", 2013, "/annual-consultations/2013-migrants/")
// is "tag:iom-cso-archive,2013:annual-consultations/2013-migrants".
func TagURI(host string, year int, path string) string {
	return "tag:" + hostName(host) + "," + fmt.Sprintf("%04d", year) + ":" +
		percentEncode(strings.Trim(path, "/"), isTagChar)
}

// hostName reduces a host, host:port or URL to a lower-case host name.
func hostName(s string) string {
	s = strings.TrimSpace(s)
	if strings.Contains(s, "://") {
		if u, err := url.Parse(s); err == nil {
			s = u.Hostname()
		}
	}
	s, _, _ = strings.Cut(s, "/")
	if h, _, ok := strings.Cut(s, ":"); ok {
		s = h
	}
	return strings.TrimSuffix(strings.ToLower(s), ".")
}

// isTagChar reports whether c may appear unescaped in the specific part of
// a tag URI (RFC 4151: pchar, "/" and "?").
func isTagChar(c byte) bool {
	switch {
	case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
		return true
	}
	return strings.IndexByte("-._~!$&'()*+,;=:@/?", c) >= 0
}

// isURLChar reports whether c may stay unescaped in a URL written to a
// sitemap or an iCalendar URL property: printable ASCII other than space
// and "<>\"{}|\\^`".
func isURLChar(c byte) bool {
	return c > ' ' && c < 0x7f && strings.IndexByte("<>\"{}|\\^`", c) < 0
}

// percentEncode percent-encodes every byte of s for which keep is false,
// leaving existing %XX escapes alone.
func percentEncode(s string, keep func(byte) bool) string {
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if keep(c) || c == '%' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]) {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('%')
		b.WriteByte(hex[c>>4])
		b.WriteByte(hex[c&15])
	}
	return b.String()
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}
