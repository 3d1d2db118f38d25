package markdown

import (
	"strconv"
	"strings"
	"unicode"

	"github.com/iom-cso/archive/internal/fold"
	"github.com/yuin/goldmark/ast"
	"golang.org/x/text/unicode/norm"
)

// arabicTatweel stretches Arabic words for layout only; keeping it would
// make two spellings of one word two different slugs.
const arabicTatweel = '\u0640'

// Slugify returns the URL fragment form of s: lowercase, Latin letters
// stripped of their diacritics, letters and digits of other scripts kept,
// every other run of characters turned into one "-", and "section" when
// nothing is left. The Latin letters that keep their mark inside them
// are spelled as fold.Latin says, as search spells them: "Łódź" → "lodz".
//
// The ASCII part of the mapping is a stable contract: other packages derive
// tag and topic URLs from it, so changing it breaks published links.
func Slugify(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	dash := false      // a separator is pending before the next letter
	keepMarks := false // the last letter's combining marks are part of the letter
	for _, r := range norm.NFKD.String(s) {
		switch {
		case unicode.In(r, unicode.Mn, unicode.Mc, unicode.Me):
			// Accents on Latin letters and Arabic harakat are optional
			// spelling; vowel signs of Indic scripts, or the breve of
			// Cyrillic й, are the letter.
			if keepMarks {
				b.WriteRune(r)
			}
		case r == arabicTatweel || unicode.Is(unicode.Cf, r):
			// Invisible joiners and stretchers do not separate words.
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			r = unicode.ToLower(r)
			if f, ok := fold.Latin(r); ok {
				b.WriteString(f)
			} else {
				b.WriteRune(r)
			}
			keepMarks = unicode.IsLetter(r) && !unicode.In(r, unicode.Latin, unicode.Arabic)
		default:
			dash = true
			keepMarks = false
		}
	}
	if b.Len() == 0 {
		return "section"
	}
	// NFKD split Hangul syllables and kept marks apart from their letters;
	// NFC puts them back together so the slug reads like the heading.
	return norm.NFC.String(b.String())
}

// headingIDs is the parser.IDs of one document: it hands out slugs that
// are unique on the page, so every heading can be linked to.
type headingIDs struct {
	used map[string]bool
	// next remembers the last suffix tried for a base, so that a page with
	// many equal headings stays linear instead of rescanning from -1.
	next map[string]int
}

func newHeadingIDs(reserved []string) *headingIDs {
	ids := &headingIDs{used: make(map[string]bool), next: make(map[string]int)}
	for _, id := range reserved {
		ids.used[id] = true
	}
	return ids
}

// Generate implements parser.IDs: value is the heading's plain text.
func (ids *headingIDs) Generate(value []byte, _ ast.NodeKind) []byte {
	return []byte(ids.unique(Slugify(string(value))))
}

// Put implements parser.IDs: value is an id written by the author.
func (ids *headingIDs) Put(value []byte) {
	ids.used[string(value)] = true
}

func (ids *headingIDs) unique(base string) string {
	id := base
	for ids.used[id] {
		ids.next[base]++
		id = base + "-" + strconv.Itoa(ids.next[base])
	}
	ids.used[id] = true
	return id
}
