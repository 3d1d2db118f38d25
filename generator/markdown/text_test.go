package markdown

import (
	"strings"
	"testing"
)

// TestCollapseSpace checks collapseSpace against the definition it
// replaces, on ASCII and Unicode spaces and on invalid UTF-8.
func TestCollapseSpace(t *testing.T) {
	parts := []string{"", " ", "  ", "\t", "\n", "\r\n", "\u00a0", "\u2003", "\u3000", "\u0085", "\u200b",
		"a", "é", "الهجرة", "\xff", "\xe2\x80", "word", "x\u2028y"}
	var cases []string
	for _, a := range parts {
		for _, b := range parts {
			for _, c := range parts {
				cases = append(cases, a+b+c, "w"+a+b+"w"+c)
			}
		}
	}
	for _, s := range cases {
		want := strings.Join(strings.Fields(s), " ")
		if got := collapseSpace(s); got != want {
			t.Errorf("collapseSpace(%q) = %q, want %q", s, got, want)
		}
	}
}

// TestPlainTextFastPath checks that writeMarkdownText's shortcut for text
// without backslashes, entities or NUL gives what decoding gives.
func TestPlainTextFastPath(t *testing.T) {
	for _, src := range []string{
		`Plain <words> "quotes" > here`, "Réunion régionale sur la migration; الهجرة والتنمية",
		"a < b and c > d, \"q\" 'single'", "<<>>\"\"", "tabs\tand\nlines", "",
	} {
		tw := newTextWriter()
		tw.decode([]byte(src))
		if got := tw.b.String(); got != src {
			t.Errorf("decode(%q) = %q: the shortcut would differ", src, got)
		}
	}
}
