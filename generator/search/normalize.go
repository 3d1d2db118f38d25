package search

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/iom-cso/archive/internal/fold"
	"golang.org/x/text/unicode/norm"
)

// special spells out the lowercase letters that Unicode does not decompose
// into a base letter and marks, so that readers without the key find them:
// the Latin letters of fold.Latin ("Straße" by "strasse", "Łódź" by
// "lodz", "København" by "kobenhavn"), which heading ids spell the same
// way, and two that only search folds: final sigma, so that "ΟΔΟΣ" and
// "οδος" are one word, and the soft hyphen, so that "co\u00adoperation"
// is "cooperation". search.js holds the same table;
// testdata/normalize.json checks both.
var special = func() map[rune]string {
	m := map[rune]string{
		'ς':      "σ",
		'\u00ad': "",
	}
	fold.Each(func(r rune, s string) { m[r] = s })
	return m
}()

var foldCache sync.Map // rune → string, for runes outside ASCII

var spellCache sync.Map // rune → string, for runes outside ASCII

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

// spellRune returns what the code point r contributes to a word as written,
// for stemming: its compatibility composition (NFKC: "ﬁ" → "fi", full-width
// letters to plain ones), lowercased, accents kept. The French and Spanish
// stemmers read accents that normalization drops.
func spellRune(r rune) string {
	if v, ok := spellCache.Load(r); ok {
		return v.(string)
	}
	var b strings.Builder
	for _, c := range norm.NFKC.String(string(r)) {
		b.WriteRune(unicode.ToLower(c))
	}
	s := b.String()
	spellCache.Store(r, s)
	return s
}

// wordScanner splits text into the words of Tokens, and gives each word's
// spelling too: the word as written, lowercased, in Unicode NFC, with its
// accents. Analyzing a document needs both: the word is what the index
// stores, the spelling is what the stemmer reads.
type wordScanner struct {
	word, spell, nfc []byte
	spelled          bool // spell differs from word so far
	open             bool
}

// scan calls fn with every word of text and its spelling, or a nil
// spelling when it is the word itself (always so for ASCII text). The
// slices are only valid during the call.
func (s *wordScanner) scan(text string, fn func(word, spell []byte)) {
	s.word, s.spell, s.spelled, s.open = s.word[:0], s.spell[:0], false, false
	for i := 0; i < len(text); {
		c := text[i]
		if c < utf8.RuneSelf {
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			if 'a' <= c && c <= 'z' || '0' <= c && c <= '9' {
				s.add(c)
			} else {
				s.end(fn)
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(text[i:])
		i += n
		f := foldRune(r)
		if f == "" {
			// A combining mark, or a soft hyphen: the word goes on, and a
			// mark stays in its spelling ("e" + U+0301 is "é").
			if s.open && unicode.Is(unicode.M, r) {
				s.startSpelling()
				s.spell = utf8.AppendRune(s.spell, r)
			}
			continue
		}
		allWord := true
		for _, d := range f {
			if !isWordRune(d) {
				allWord = false
				break
			}
		}
		if !allWord {
			// Part word, part separator ("½" is "1⁄2"): spelled as folded.
			for _, d := range f {
				if isWordRune(d) {
					s.word = utf8.AppendRune(s.word, d)
					if s.spelled {
						s.spell = utf8.AppendRune(s.spell, d)
					}
					s.open = true
				} else {
					s.end(fn)
				}
			}
			continue
		}
		sp := spellRune(r)
		if !s.spelled && sp != f {
			s.startSpelling()
		}
		s.word = append(s.word, f...)
		if s.spelled {
			s.spell = append(s.spell, sp...)
		}
		s.open = true
	}
	s.end(fn)
}

func (s *wordScanner) add(c byte) {
	s.word = append(s.word, c)
	if s.spelled {
		s.spell = append(s.spell, c)
	}
	s.open = true
}

// startSpelling starts keeping a spelling apart from the word, from the
// word so far (which was spelled as it is).
func (s *wordScanner) startSpelling() {
	if !s.spelled {
		s.spell = append(s.spell[:0], s.word...)
		s.spelled = true
	}
}

func (s *wordScanner) end(fn func(word, spell []byte)) {
	if !s.open {
		return
	}
	var spell []byte
	if s.spelled {
		s.nfc = norm.NFC.Append(s.nfc[:0], s.spell...)
		if string(s.nfc) != string(s.word) {
			spell = s.nfc
		}
	}
	fn(s.word, spell)
	s.word, s.spell, s.spelled, s.open = s.word[:0], s.spell[:0], false, false
}
