package search

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// special spells out the lowercase letters that Unicode does not decompose
// into a base letter and marks, so that readers without the key find them:
// "Straße" by "strasse", "Łódź" by "lodz", "København" by "kobenhavn".
// search.js holds the same table; testdata/normalize.json checks both.
var special = map[rune]string{
	'ß':      "ss",
	'æ':      "ae",
	'œ':      "oe",
	'ø':      "o",
	'đ':      "d",
	'ð':      "d",
	'ħ':      "h",
	'ł':      "l",
	'ŧ':      "t",
	'þ':      "th",
	'ı':      "i",
	'ς':      "σ", // final sigma: "ΟΔΟΣ" and "οδος" are one word
	'\u00ad': "",  // soft hyphen: "co\u00adoperation" is "cooperation"
}

var foldCache sync.Map // rune → string, for runes outside ASCII

// foldRune returns what the code point r becomes in normalized text. This
// is the whole specification of normalization, one code point at a time:
//
//  1. decompose r for compatibility (Unicode NFKD);
//  2. drop every combining mark (general category M);
//  3. lowercase each remaining code point (simple case mapping);
//  4. replace each one found in special by its spelling.
func foldRune(r rune) string {
	if v, ok := foldCache.Load(r); ok {
		return v.(string)
	}
	var b strings.Builder
	for _, c := range norm.NFKD.String(string(r)) {
		if unicode.Is(unicode.M, c) {
			continue
		}
		c = unicode.ToLower(c)
		if s, ok := special[c]; ok {
			b.WriteString(s)
		} else {
			b.WriteRune(c)
		}
	}
	s := b.String()
	foldCache.Store(r, s)
	return s
}

// appendNormalized appends the normalized form of s to dst.
func appendNormalized(dst []byte, s string) []byte {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			dst = append(dst, c)
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		dst = append(dst, foldRune(r)...)
		i += n
	}
	return dst
}

// Normalize returns s as the index sees it: each code point decomposed for
// compatibility (NFKD), combining marks dropped, lowercased, and the few
// letters that do not decompose spelled out (ß → ss, œ → oe, ł → l). So
// "Genève" and "geneve" are the same word, and so are "Réfugiés" and
// "REFUGIES". The theme's search.js applies the same rules to queries.
func Normalize(s string) string {
	return string(appendNormalized(nil, s))
}

// isWordRune reports whether r belongs to a word: a letter or a digit
// (general categories L and N).
func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || '0' <= r && r <= '9' || 'A' <= r && r <= 'Z'
	}
	return unicode.IsLetter(r) || unicode.IsNumber(r)
}

// Tokens returns the words of s: the maximal runs of letters and digits of
// Normalize(s). Everything else separates words, so "follow-up" is two
// words, "l’OIM" is "l" and "oim", and "2017–2018" is "2017" and "2018".
func Tokens(s string) []string {
	var out []string
	forEachToken(appendNormalized(nil, s), func(tok []byte) { out = append(out, string(tok)) })
	return out
}

// forEachToken calls fn with every word of the normalized text norm; tok
// is only valid during the call.
func forEachToken(norm []byte, fn func(tok []byte)) {
	start := -1
	for i := 0; i < len(norm); {
		c := norm[i]
		if c < utf8.RuneSelf {
			if 'a' <= c && c <= 'z' || '0' <= c && c <= '9' {
				if start < 0 {
					start = i
				}
			} else if start >= 0 {
				fn(norm[start:i])
				start = -1
			}
			i++
			continue
		}
		r, n := utf8.DecodeRune(norm[i:])
		if isWordRune(r) {
			if start < 0 {
				start = i
			}
		} else if start >= 0 {
			fn(norm[start:i])
			start = -1
		}
		i += n
	}
	if start >= 0 {
		fn(norm[start:])
	}
}
