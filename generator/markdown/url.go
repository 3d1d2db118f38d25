package markdown

import (
	"bytes"
	"html"
	"strings"

	"github.com/yuin/goldmark/util"
)

// dangerousURL reports whether dest, a destination from Markdown syntax,
// could run code or read local files when a browser, or any later
// consumer of the HTML, follows it.
//
// It judges every spelling the destination has on its way to the page:
// as written; with escapes and character references decoded, by goldmark
// and by the HTML5 rules (what the author meant: "&#106;avascript:",
// "java&#9;script:"); again and again, as a careless consumer might
// decode an excerpt or feed twice ("&amp;#106;avascript:"); and as
// goldmark's renderer writes it into the attribute (what the browser
// gets). Any spelling being dangerous is enough: a false alarm costs a
// link that was a trick anyway.
func dangerousURL(dest []byte, image bool) bool {
	spellings := [][]byte{dest, util.URLEscape(dest, true)}
	d := dest
	for range 3 {
		g := decodeDest(d)
		h := []byte(html.UnescapeString(string(util.UnescapePunctuations(d))))
		spellings = append(spellings, g, h)
		if bytes.Equal(g, d) && bytes.Equal(h, d) {
			break
		}
		d = h
	}
	for _, s := range spellings {
		if dangerousScheme(s, image) || hasScriptScheme(s) {
			return true
		}
	}
	return false
}

// decodeDest decodes the backslash escapes and character references of a
// link destination, as goldmark does before writing it out.
func decodeDest(dest []byte) []byte {
	return util.ResolveEntityNames(util.ResolveNumericReferences(util.UnescapePunctuations(dest)))
}

// dangerousScheme reads the scheme of u the way a browser's URL parser
// does, so that spellings like " java\tscript:" or "\x01javascript:" are
// caught, and reports whether it is one that must not reach href or src.
func dangerousScheme(u []byte, image bool) bool {
	scheme, rest, ok := urlScheme(u)
	if !ok {
		return false // a relative URL: no scheme, nothing to run
	}
	switch scheme {
	case "javascript", "vbscript", "file":
		return true
	case "data":
		return !image || !safeImageData(rest)
	}
	return false
}

// hasScriptScheme reports whether a script scheme appears anywhere in u,
// spaces and controls ignored. A relative URL such as "\javascript:x" or
// "%EF%BF%BDjavascript:x" runs nothing in a browser, but it only ever
// comes from someone probing a filter, and whatever resolves or decodes
// it next might.
func hasScriptScheme(u []byte) bool {
	var b strings.Builder
	for _, c := range u {
		if c > ' ' {
			if 'A' <= c && c <= 'Z' {
				c |= 0x20
			}
			b.WriteByte(c)
		}
	}
	s := b.String()
	return strings.Contains(s, "javascript:") || strings.Contains(s, "vbscript:")
}

// urlScheme returns the lowercased scheme of u and what follows its colon,
// after the clean-up every browser performs before parsing: leading and
// trailing C0 controls and spaces trimmed, ASCII tabs and newlines
// removed anywhere.
func urlScheme(u []byte) (scheme, rest string, ok bool) {
	u = bytes.TrimFunc(u, func(r rune) bool { return r <= ' ' })
	var b strings.Builder
	for i, c := range u {
		switch {
		case c == '\t' || c == '\n' || c == '\r':
			continue
		case c == ':':
			if b.Len() == 0 {
				return "", "", false
			}
			return b.String(), string(u[i+1:]), true
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z':
			b.WriteByte(c | 0x20)
		case b.Len() > 0 && ('0' <= c && c <= '9' || c == '+' || c == '-' || c == '.'):
			b.WriteByte(c)
		default:
			return "", "", false
		}
	}
	return "", "", false
}

// safeImageData reports whether the part of a data: URL after "data:"
// declares one of the raster image types a browser cannot execute (SVG
// can carry script, so it is not one of them).
func safeImageData(rest string) bool {
	var b strings.Builder
	for _, c := range []byte(rest) {
		if c == '\t' || c == '\n' || c == '\r' {
			continue
		}
		if c == ';' || c == ',' {
			break
		}
		if 'A' <= c && c <= 'Z' {
			c |= 0x20
		}
		b.WriteByte(c)
	}
	switch strings.TrimSpace(b.String()) {
	case "image/png", "image/gif", "image/jpeg", "image/webp":
		return true
	}
	return false
}
