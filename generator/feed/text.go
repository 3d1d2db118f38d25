package feed

import (
	"strings"
	"time"
	"unicode/utf8"
)

// clean prepares text for XML and iCalendar alike: CRLF and lone CR become
// LF, invalid UTF-8 becomes U+FFFD, and control characters other than tab
// and newline (C0, DEL, C1) and the noncharacters U+FFFE and U+FFFF are
// removed.
func clean(s string) string {
	if isClean(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	afterCR := false
	for _, r := range s {
		if r == '\n' && afterCR {
			afterCR = false
			continue
		}
		afterCR = r == '\r'
		switch {
		case r == '\r':
			b.WriteByte('\n')
		case keepRune(r):
			b.WriteRune(r)
		}
	}
	return b.String()
}

// isClean reports whether clean(s) == s.
func isClean(s string) bool {
	for i, r := range s {
		if r == '\r' || !keepRune(r) || r == utf8.RuneError && !strings.HasPrefix(s[i:], "\uFFFD") {
			return false
		}
	}
	return true
}

// keepRune reports whether clean keeps r.
func keepRune(r rune) bool {
	switch {
	case r == '\t' || r == '\n':
		return true
	case r < 0x20, 0x7f <= r && r <= 0x9f, r == 0xfffe, r == 0xffff:
		return false
	}
	return true
}

// cleanLine is clean with every newline and tab turned into a space, for
// values that must stay on one line, such as URLs.
func cleanLine(s string) string {
	return strings.TrimSpace(strings.Map(func(r rune) rune {
		if r == '\n' || r == '\t' {
			return ' '
		}
		return r
	}, clean(s)))
}

// uniq returns the cleaned, non-empty values of list, first occurrence
// first.
func uniq(list []string) []string {
	var out []string
	seen := make(map[string]bool, len(list))
	for _, s := range list {
		s = strings.TrimSpace(clean(s))
		if s == "" || seen[s] {
			continue
		}
		seen[s] = true
		out = append(out, s)
	}
	return out
}

// later returns the later of a and b.
func later(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}
