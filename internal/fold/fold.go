// Package fold holds the one table of Latin letters that heading ids
// (markdown.Slugify) and search (search.Normalize) spell out the same way.
//
// Both decompose text for compatibility (NFKD) and drop the marks, so that
// "Genève" reads "geneve". A few Latin letters carry their "accent" inside
// the letter itself, and NFKD cannot split it off; Latin spells them the
// way a reader would type them on an English keyboard: "Łódź" → "lodz",
// "Ørsted" → "orsted", "Straße" → "strasse". The search index goes
// further (final sigma, soft hyphen: see search.Normalize) where heading
// ids must not, since they are published links.
//
// search.js holds the same table as the search package;
// generator/search/testdata/normalize.json checks both.
package fold

// latin maps lowercase letters to their spelling.
var latin = map[rune]string{
	'ß': "ss",
	'æ': "ae",
	'œ': "oe",
	'ø': "o",
	'đ': "d",
	'ð': "d",
	'ħ': "h",
	'ł': "l",
	'ŧ': "t",
	'þ': "th",
	'ı': "i",
}

// Latin returns the spelling of the lowercase letter r, if it is one of
// the Latin letters that NFKD does not decompose.
func Latin(r rune) (string, bool) {
	s, ok := latin[r]
	return s, ok
}

// Each calls fn with every letter of the table and its spelling, in no
// particular order.
func Each(fn func(r rune, s string)) {
	for r, s := range latin {
		fn(r, s)
	}
}
