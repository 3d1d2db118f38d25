package content

import (
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Limits on names and paths. Every name in the content folder becomes a
// file or a folder of the built site (an event's slug also names its
// <slug>.ics), so Load refuses what a file system could not write, and
// check and build, which both load, agree.
const (
	// MaxSlugLength bounds a slug (an event's file or bundle name, a
	// page's file name) and a kind's key or folder or a region's key:
	// each becomes a URL segment and a folder name; no one types a
	// longer address.
	MaxSlugLength = 100 // characters, which in a slug are bytes
	// MaxNameBytes bounds the name of each file and folder inside a
	// bundle; file systems stop at 255 bytes.
	MaxNameBytes = 200
	// MaxBundleDepth bounds how many folders deep an attachment may sit
	// below its bundle folder.
	MaxBundleDepth = 8
	// MaxPathBytes bounds a path below the content folder, which the
	// built site repeats below its output folder.
	MaxPathBytes = 1000
	// MaxAliasLength bounds an alias, in bytes.
	MaxAliasLength = 500
)

// ValidSlug reports whether s may name an event or a page: lowercase ASCII
// letters and digits in words joined by single hyphens, at most
// MaxSlugLength characters.
func ValidSlug(s string) bool {
	return validSlug(s) && len(s) <= MaxSlugLength
}

const aliasHint = "; an alias is an old address of this page, a site path such as /old/path/"

var schemeRE = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9+.-]*:`)

// badAlias explains why s cannot be an alias, or returns "". An alias
// becomes the first field of a line of Netlify's _redirects, so it is an
// ASCII site path: nothing that could end the line or the field (control
// characters, any whitespace), name another site ("//host", "https:"),
// leave the site's root (".." segments), or mean a pattern to Netlify
// ("*", ":name"). Other characters are percent-encoded, as browsers copy
// addresses; badAlias says how.
func badAlias(s string) string {
	switch {
	case s == "":
		return "is empty" + aliasHint
	case len(s) > MaxAliasLength:
		return fmt.Sprintf("is %d bytes long; the limit is %d", len(s), MaxAliasLength) + aliasHint
	}
	for _, r := range s {
		if what := invisible(r); what != "" {
			return "holds " + what + aliasHint
		}
	}
	switch {
	case schemeRE.MatchString(s):
		return "is a full address; give only its path, starting with /" + aliasHint
	case s[0] != '/':
		return "does not start with /" + aliasHint
	case strings.HasPrefix(s, "//"):
		return "starts with //, which browsers read as the address of another site" + aliasHint
	}
	for i, r := range s {
		switch {
		case r == '\\':
			return "holds a backslash; use / between folders" + aliasHint
		case r == '?':
			return `holds "?": an alias is a path, without a query` + aliasHint
		case r == '#':
			return `holds "#": an alias is a path, without a #fragment` + aliasHint
		case r == '*' || r == ':':
			return fmt.Sprintf("holds %q, which Netlify's redirects read as a pattern", string(r)) + aliasHint
		case r >= utf8.RuneSelf:
			return fmt.Sprintf("holds %q: redirects need it percent-encoded, as the browser's address bar copies it: write %q", string(r), percentEncode(s))
		case r == '%':
			if i+2 >= len(s) || !isHex(s[i+1]) || !isHex(s[i+2]) {
				return fmt.Sprintf("holds %q, which is not a percent-encoded byte (%% and two hex digits)", s[i:min(i+3, len(s))]) + aliasHint
			}
		case !pathChar(byte(r)):
			return fmt.Sprintf("holds %q, which an address cannot hold; leave it out or percent-encode it", string(r)) + aliasHint
		}
	}
	dec, err := url.PathUnescape(s)
	if err != nil || !utf8.ValidString(dec) || strings.IndexFunc(dec, func(r rune) bool { return r != ' ' && invisible(r) != "" }) >= 0 {
		return "percent-encodes an invisible character or bytes that are not UTF-8 text" + aliasHint
	}
	for _, seg := range strings.Split(dec, "/") {
		if seg == "." || seg == ".." {
			return `has a "." or ".." segment; write the path without it` + aliasHint
		}
	}
	return ""
}

// invisible names a character that does not show as itself in an
// address: a space, a line break, a control, whitespace or format
// character (bidirectional overrides and zero-width spaces among them);
// "" for any other.
func invisible(r rune) string {
	switch {
	case r == ' ':
		return "a space"
	case r == '\n':
		return "a line break"
	case unicode.IsControl(r) || unicode.IsSpace(r) || unicode.Is(unicode.Cf, r) || r == utf8.RuneError:
		return fmt.Sprintf("the invisible character U+%04X", r)
	}
	return ""
}

// pathChar reports the ASCII characters an alias holds as they are: those
// a URL path holds unencoded (RFC 3986), but for ":" and "*".
func pathChar(c byte) bool {
	switch {
	case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
		return true
	}
	return strings.IndexByte("-._~/!$&'()+,;=@", c) >= 0
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

// percentEncode writes every byte of s outside ASCII as %XX.
func percentEncode(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= utf8.RuneSelf {
			fmt.Fprintf(&b, "%%%02X", c)
		} else {
			b.WriteByte(c)
		}
	}
	return b.String()
}
