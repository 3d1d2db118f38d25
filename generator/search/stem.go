package search

import (
	"context"
	"runtime"
	"slices"
	"strings"
	"sync"

	"golang.org/x/sync/errgroup"
	"unicode/utf8"

	"github.com/kljensen/snowball/english"
	"github.com/kljensen/snowball/french"
	"github.com/kljensen/snowball/spanish"
)

// stemmers are the Snowball algorithms of the languages the archive
// publishes in, by base language code. A language without one is indexed
// without stems: its words match exactly, by prefix and with one edit.
var stemmers = map[string]func(word string, stemStopWords bool) string{
	"en": english.Stem,
	"fr": french.Stem,
	"es": spanish.Stem,
}

// MaxWordLen is the longest word, in code points, that is stemmed or
// matched with one edit. Longer runs of letters are names, identifiers or
// encoded data rather than words a reader types; they are indexed and
// found as they are, and as prefixes.
const MaxWordLen = 40

// baseLang returns the language code of a BCP 47 tag, lowercased: "en" for
// "en-GB", "" for "".
func baseLang(tag string) string {
	if i := strings.IndexAny(tag, "-_"); i >= 0 {
		tag = tag[:i]
	}
	return strings.ToLower(tag)
}

// stemOf returns the stem of a word in language lang (a base code), as the
// index keeps it: form is the word as written, lowercased, with its
// accents (the French and Spanish algorithms read them: "réunions", not
// "reunions"); the stem is then normalized like every word. A language
// without a stemmer, or a word longer than MaxWordLen, gives the word
// itself, normalized.
func stemOf(lang, form string) string {
	f := stemmers[lang]
	if f == nil || utf8.RuneCountInString(form) > MaxWordLen {
		return Normalize(form)
	}
	return Normalize(safeStem(f, form))
}

// safeStem runs a stemmer, and returns the word unchanged should the
// stemmer fail on it: an odd word in one record must not stop the build.
func safeStem(f func(string, bool) string, form string) (s string) {
	defer func() {
		if recover() != nil {
			s = form
		}
	}()
	return f(form, true)
}

// stemCache remembers stems from one Build to the next: stemming is the
// same whatever the documents, so a preview rebuild stems only new words.
// A nil *stemCache remembers nothing (within a Build, each word is stemmed
// once in each of its languages anyway).
type stemCache struct {
	mu sync.Mutex
	m  map[stemKey]string
}

type stemKey struct{ lang, form string }

// stem returns stemOf(lang, form), word being form normalized.
func (c *stemCache) stem(lang, form, word string) string {
	if stemmers[lang] == nil || utf8.RuneCountInString(word) > MaxWordLen {
		return word // as stemOf would, without a copy of a long word kept
	}
	if c == nil {
		return stemOf(lang, form)
	}
	k := stemKey{lang, form}
	c.mu.Lock()
	s, ok := c.m[k]
	c.mu.Unlock()
	if ok {
		return s
	}
	s = stemOf(lang, form)
	c.mu.Lock()
	if c.m == nil {
		c.m = map[stemKey]string{}
	}
	c.m[k] = s
	c.mu.Unlock()
	return s
}

// docLangs returns the languages of an index, and the index of each
// document's among them: the index's own first, then those of the other
// documents that have a stemmer, in order, then "" for all the others,
// whose words are their own stems. So there are at most two more than
// there are stemmers, and a word's languages fit in a bit set.
func docLangs(lang string, docs []*Doc) ([]string, []uint8) {
	own := baseLang(lang)
	at := map[string]uint8{own: 0}
	var others []string
	none := false
	for _, d := range docs {
		l := baseLang(d.Lang)
		if _, ok := at[l]; ok || l == "" {
			continue
		}
		if stemmers[l] == nil {
			none = true
			continue
		}
		at[l] = 0
		others = append(others, l)
	}
	slices.Sort(others)
	langs := append([]string{own}, others...)
	if none {
		langs = append(langs, "")
	}
	clear(at)
	for i, l := range langs {
		if _, ok := at[l]; !ok {
			at[l] = uint8(i)
		}
	}
	of := make([]uint8, len(docs))
	for i, d := range docs {
		l := baseLang(d.Lang)
		if l == "" {
			continue // the index's language
		}
		k, ok := at[l]
		if !ok {
			k = at[""]
		}
		of[i] = k
	}
	return langs, of
}

// group is a stem shared by two words or more, with the postings of the
// documents that hold any of them.
type group struct {
	stem     string
	key      string  // see groupKey
	words    []*term // in term order
	df, idf  int
	postings []byte
	block    int
}

// groupKey is a group's name among the words of the postings blocks: the
// stem and a space, which no word contains, so that it sorts right after
// the word the stem spells, near the words that have it.
func groupKey(stem string) string { return stem + " " }

// stemGroups stems every word in each language it is used in, and returns
// the stems that two words or more share, in the order of their keys.
// A word belongs to the group of each of its stems; the dictionary names
// one, its stem in the first of its languages (the index's own when the
// word is used in it) that has a group.
//
// A group's postings hold every document that holds one of its words,
// with the largest impact among them there.
func stemGroups(ctx context.Context, terms []*term, langs []string, sc *stemCache, n int) []*group {
	// A word's stem in each of its languages: one, but for the few words
	// used in several languages whose stems differ there.
	stem := make([]string, len(terms))
	more := make([][]string, len(terms))
	parallel(len(terms), func(lo, hi int) {
		for i := lo; i < hi; i++ {
			t := terms[i]
			for l := range uint8(len(langs)) {
				if t.langs&(1<<l) == 0 {
					continue
				}
				s := sc.stem(langs[l], t.form(l, t.text), t.text)
				if stem[i] == "" {
					stem[i] = s
				} else if s != stem[i] && !slices.Contains(more[i], s) {
					more[i] = append(more[i], s)
				}
			}
		}
	})
	// A stem becomes a group when a second word has it.
	first := map[string]int32{}
	byStem := map[string]*group{}
	join := func(s string, i int) {
		if g := byStem[s]; g != nil {
			g.words = append(g.words, terms[i])
			return
		}
		f, ok := first[s]
		if !ok {
			first[s] = int32(i)
			return
		}
		byStem[s] = &group{stem: s, key: groupKey(s), words: []*term{terms[f], terms[i]}}
	}
	for i := range terms {
		join(stem[i], i)
		for _, s := range more[i] {
			join(s, i)
		}
	}
	groups := make([]*group, 0, len(byStem))
	for _, g := range byStem {
		groups = append(groups, g)
	}
	slices.SortFunc(groups, func(a, b *group) int { return jsCompare(a.key, b.key) })
	for i, t := range terms {
		t.group = byStem[stem[i]]
		for _, s := range more[i] {
			if t.group == nil {
				t.group = byStem[s]
			}
		}
	}
	if ctx.Err() != nil {
		return nil
	}
	parallel(len(groups), func(lo, hi int) {
		best := make([]uint8, n)
		for _, g := range groups[lo:hi] {
			g.postings, g.df = unionPostings(g.words, best)
			g.idf = idf(n, g.df)
		}
	})
	return groups
}

// unionPostings merges the postings of words: every document that holds
// one of them, with the largest of their impacts there. best is scratch
// space of one byte per document, all zero, and left so.
func unionPostings(words []*term, best []uint8) ([]byte, int) {
	var touched []int
	for _, t := range words {
		forEachPosting(t.postings, func(doc, q int) {
			if best[doc] == 0 {
				touched = append(touched, doc)
			}
			best[doc] = max(best[doc], uint8(q))
		})
	}
	var out []byte
	last := -1
	put := func(d int) {
		out = appendPosting(out, d-last-1, int(best[d]))
		best[d] = 0
		last = d
	}
	if len(touched) > len(best)/16 { // many documents: read them in order
		for d := range best {
			if best[d] != 0 {
				put(d)
			}
		}
	} else {
		slices.Sort(touched)
		for _, d := range touched {
			put(d)
		}
	}
	return out, len(touched)
}

// parallel calls fn on consecutive runs of [0, n), one per CPU.
func parallel(n int, fn func(lo, hi int)) {
	workers := max(1, min(runtime.GOMAXPROCS(0), n/64))
	var g errgroup.Group
	for w := range workers {
		g.Go(func() error {
			fn(w*n/workers, (w+1)*n/workers)
			return nil
		})
	}
	g.Wait()
}
