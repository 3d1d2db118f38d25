package feed

import (
	"crypto/sha256"
	"encoding/hex"
	"net/url"
	"strings"
	"unicode/utf8"
)

// maxLineOctets is the longest content line RFC 5545 §3.1 allows, not
// counting the CRLF.
const maxLineOctets = 75

// VEvent returns the VEVENT component of e as ICSOf and EventICSOf embed
// it, so that a caller can keep it and assemble calendars without writing
// unchanged events again.
func VEvent(cal Calendar, e Entry) []byte {
	var w icsWriter
	w.event(hostName(firstNonEmpty(cal.Host, cal.URL)), e)
	return []byte(w.b.String())
}

// ICSOf returns an RFC 5545 calendar holding the given VEVENTs (from
// [VEvent]), in the given order.
func ICSOf(cal Calendar, vevents [][]byte) []byte {
	return writeICS(cal, vevents, true)
}

// EventICSOf returns a calendar holding the single VEVENT vevent, for an
// "Add to calendar" link. It has no calendar name or description, so that
// clients add the event instead of creating a calendar.
func EventICSOf(cal Calendar, vevent []byte) []byte {
	return writeICS(cal, [][]byte{vevent}, false)
}

func writeICS(cal Calendar, vevents [][]byte, named bool) []byte {
	var w icsWriter
	w.prop("BEGIN", "VCALENDAR")
	w.prop("VERSION", "2.0")
	w.prop("PRODID", icsText(firstNonEmpty(cal.ProdID, DefaultProdID)))
	w.prop("CALSCALE", "GREGORIAN")
	w.prop("METHOD", "PUBLISH")
	if named {
		if cal.Name != "" {
			w.prop("X-WR-CALNAME", icsText(cal.Name))
			w.prop("NAME", icsText(cal.Name))
		}
		if cal.Description != "" {
			w.prop("X-WR-CALDESC", icsText(cal.Description))
			w.prop("DESCRIPTION", icsText(cal.Description))
		}
		if u := sitemapLoc(cal.URL); u != "" {
			w.prop("URL", u)
		}
	}
	head := w.b.String()
	n := len(head) + len("END:VCALENDAR\r\n")
	for _, v := range vevents {
		n += len(v)
	}
	out := make([]byte, 0, n)
	out = append(out, head...)
	for _, v := range vevents {
		out = append(out, v...)
	}
	return append(out, "END:VCALENDAR\r\n"...)
}

type icsWriter struct {
	b strings.Builder
}

// prop writes the content line name:value, folded. value is already
// escaped for its type.
func (w *icsWriter) prop(name, value string) {
	w.b.WriteString(fold(name + ":" + value))
}

func (w *icsWriter) event(host string, e Entry) {
	w.prop("BEGIN", "VEVENT")
	w.prop("UID", icsText(UID(host, e)))
	w.prop("DTSTAMP", e.updated().Format("20060102T150405Z"))
	switch {
	case e.timed():
		// In UTC rather than with a TZID, which would need a VTIMEZONE
		// with the zone's rules: every client shows a UTC time in its
		// reader's own zone.
		w.prop("DTSTART", e.StartTime.UTC().Format("20060102T150405Z"))
		w.prop("DTEND", e.EndTime.UTC().Format("20060102T150405Z"))
	case !e.Start.IsZero():
		w.prop("DTSTART;VALUE=DATE", e.Start.compact())
		w.prop("DTEND;VALUE=DATE", e.lastDay().AddDays(1).compact())
	}
	w.prop("SUMMARY", icsText(e.Title))
	desc := strings.TrimSpace(clean(e.Summary))
	if u := cleanLine(e.Registration); u != "" {
		if desc != "" {
			desc += "\n\n"
		}
		desc += strings.TrimSpace(clean(firstNonEmpty(e.RegistrationLabel, "Registration"))) + ": " + u
	}
	if u := cleanLine(e.URL); u != "" {
		if desc != "" {
			desc += "\n\n"
		}
		desc += u
	}
	if desc != "" {
		w.prop("DESCRIPTION", icsText(desc))
	}
	if loc := strings.TrimSpace(e.location()); loc != "" {
		w.prop("LOCATION", icsText(loc))
	}
	if u := sitemapLoc(e.URL); u != "" {
		w.prop("URL", u)
	}
	// iCalendar has no term beside a category's text: a calendar shows
	// what is written, so a topic is written by its name, not its key.
	named := make([]string, len(e.Categories))
	for i, c := range e.Categories {
		if l := e.CategoryLabels[c]; l != "" {
			c = l
		}
		named[i] = c
	}
	if cats := uniq(named); len(cats) > 0 {
		for i, c := range cats {
			cats[i] = icsText(c)
		}
		w.prop("CATEGORIES", strings.Join(cats, ","))
	}
	w.prop("STATUS", "CONFIRMED")
	w.prop("TRANSP", "TRANSPARENT")
	w.prop("END", "VEVENT")
}

// UID returns the iCalendar UID of e: "path@host", where path is the path
// of e.URL without its surrounding slashes and host is the given domain
// (left out, with the "@", when empty). When that path is empty or holds
// characters other than ASCII letters, digits and "-._~/", it is replaced
// by the first 32 hex digits of the SHA-256 of e.ID (or of e.URL when the
// id is empty, or of the title and start date when both are).
func UID(host string, e Entry) string {
	local := ""
	if u, err := url.Parse(strings.TrimSpace(e.URL)); err == nil {
		local = strings.Trim(u.Path, "/")
	}
	if local == "" || strings.IndexFunc(local, notUIDRune) >= 0 {
		key := firstNonEmpty(e.ID, e.URL)
		if key == "" {
			key = e.Title + "\x00" + e.Start.String()
		}
		sum := sha256.Sum256([]byte(key))
		local = hex.EncodeToString(sum[:16])
	}
	if host = hostName(host); host != "" {
		return local + "@" + host
	}
	return local
}

func notUIDRune(r rune) bool {
	return !('a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9' ||
		strings.ContainsRune("-._~/", r))
}

// icsText cleans s (see clean) and escapes it as an RFC 5545 TEXT value:
// backslash, semicolon and comma get a backslash, a newline becomes \n.
func icsText(s string) string {
	s = clean(s)
	if !strings.ContainsAny(s, "\\;,\n") {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '\\', ';', ',':
			b.WriteByte('\\')
			b.WriteByte(c)
		case '\n':
			b.WriteString(`\n`)
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// fold returns the content line folded as RFC 5545 §3.1 requires, with a
// CRLF after every physical line: no physical line is longer than 75
// octets, and each continuation line starts with one space. A fold never
// falls inside a UTF-8 sequence, nor between a backslash and the character
// it escapes, which some readers mishandle.
func fold(line string) string {
	var b strings.Builder
	b.Grow(len(line) + len(line)/maxLineOctets*3 + 2)
	n := 0 // octets on the current physical line
	for i := 0; i < len(line); {
		_, size := utf8.DecodeRuneInString(line[i:])
		if line[i] == '\\' && i+1 < len(line) {
			_, next := utf8.DecodeRuneInString(line[i+1:])
			size += next
		}
		if n+size > maxLineOctets {
			b.WriteString("\r\n ")
			n = 1
		}
		b.WriteString(line[i : i+size])
		n += size
		i += size
	}
	b.WriteString("\r\n")
	return b.String()
}
