package search

import (
	"encoding/json"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"
)

// The query rules, shared with search.js.
const (
	// MinPrefix is the fewest code points a word being typed needs to match
	// as a prefix; a shorter one is left out of the query until it grows.
	MinPrefix = 2
	// MaxExpansions is how many words a prefix stands for at most: the
	// most common words that start with it. A prefix shorter than
	// LongPrefix, which says little of the word to come, stands for half
	// as many, so that the first keystrokes of a word fetch little.
	MaxExpansions = 8
	LongPrefix    = 4
	// PageSize is how many results the page shows at first, and adds each
	// time the reader asks for more.
	PageSize = 10
)

// Query is what a reader asks: words and facet values ("" or 0 for all).
type Query struct {
	Text   string
	Year   int
	Region string
	Kind   string
}

// Hit is one matching document.
type Hit struct {
	Doc   int
	Score int
	Exact bool // the last word matched exactly, not only as a prefix
}

// Result is the answer to a Query.
type Result struct {
	// Hits are the matches in the order the page shows them: exact matches
	// of the word being typed first, then by score, then newest first.
	Hits []Hit
	// Active is false when there was nothing to search for: no word and no
	// facet value.
	Active bool
	// Years, Regions and Kinds count the matches per facet value (index as
	// in meta.json); each counts as if its own facet were not set.
	Years, Regions, Kinds []int
}

// ParsedQuery is the words of a query text.
type ParsedQuery struct {
	Words []string
	// Open is true when the last word is still being typed: the text ends
	// inside it, so it matches as a prefix.
	Open bool
}

// Parse splits a query text into words by the rules of the index:
//
//  1. the words are Tokens(text);
//  2. the last word is open (a prefix) when the normalized text ends inside
//     it, not with a space or punctuation;
//  3. an open word shorter than MinPrefix is dropped;
//  4. a repeated word counts once, where it last appears.
func Parse(text string) ParsedQuery {
	norm := appendNormalized(nil, text)
	var toks []string
	forEachToken(norm, func(tok []byte) { toks = append(toks, string(tok)) })
	var p ParsedQuery
	if len(toks) == 0 {
		return p
	}
	r, _ := utf8.DecodeLastRune(norm)
	p.Open = isWordRune(r)
	if p.Open && utf8.RuneCountInString(toks[len(toks)-1]) < MinPrefix {
		toks, p.Open = toks[:len(toks)-1], false
	}
	seen := map[string]bool{}
	for i := len(toks) - 1; i >= 0; i-- {
		if !seen[toks[i]] {
			seen[toks[i]] = true
			p.Words = append(p.Words, toks[i])
		}
	}
	slices.Reverse(p.Words)
	return p
}

// Searcher runs queries against a built index exactly as the theme's
// search.js does, reading only the files search.js would fetch. It is the
// reference for the client: tests compare the two, and benchmarks use it to
// measure what a query downloads.
type Searcher struct {
	fetch   func(name string) ([]byte, error)
	meta    meta
	dict    map[int][]dictEntry
	blocks  map[int]map[string]string
	lists   map[string][]Posting
	fetched []string
}

type dictEntry struct {
	term  string
	idf   int
	block int
}

// NewSearcher loads meta.json through fetch, which returns the bytes of an
// index file by name.
func NewSearcher(fetch func(name string) ([]byte, error)) (*Searcher, error) {
	s := &Searcher{fetch: fetch, dict: map[int][]dictEntry{}, blocks: map[int]map[string]string{}, lists: map[string][]Posting{}}
	if err := s.load("meta.json", &s.meta); err != nil {
		return nil, err
	}
	if s.meta.Version != formatVersion {
		return nil, fmt.Errorf("search: index format %d, want %d", s.meta.Version, formatVersion)
	}
	return s, nil
}

// Fetched returns the names of the files read so far, in order.
func (s *Searcher) Fetched() []string { return append([]string(nil), s.fetched...) }

// N returns the number of documents.
func (s *Searcher) N() int { return s.meta.N }

func (s *Searcher) load(name string, v any) error {
	data, err := s.fetch(name)
	if err != nil {
		return err
	}
	s.fetched = append(s.fetched, name)
	if err := json.Unmarshal(data, v); err != nil {
		return fmt.Errorf("search: %s: %w", name, err)
	}
	return nil
}

// shard returns the dictionary shard i, loading it once.
func (s *Searcher) shard(i int) ([]dictEntry, error) {
	if d, ok := s.dict[i]; ok {
		return d, nil
	}
	var raw []any
	if err := s.load("dict/"+strconv.Itoa(i)+".json", &raw); err != nil {
		return nil, err
	}
	var d []dictEntry
	for j := 0; j+2 < len(raw); j += 3 {
		t, _ := raw[j].(string)
		idf, _ := raw[j+1].(float64)
		b, _ := raw[j+2].(float64)
		d = append(d, dictEntry{t, int(idf), int(b)})
	}
	s.dict[i] = d
	return d, nil
}

// shardFor returns the index of the shard where word would be.
func (s *Searcher) shardFor(word string) int {
	// The last shard whose first term is <= word.
	i := sort.Search(len(s.meta.Dict), func(i int) bool { return jsLess(word, s.meta.Dict[i]) })
	return max(0, i-1)
}

// lookup returns the entry of word, or ok false.
func (s *Searcher) lookup(word string) (dictEntry, bool, error) {
	if len(s.meta.Dict) == 0 {
		return dictEntry{}, false, nil
	}
	d, err := s.shard(s.shardFor(word))
	if err != nil {
		return dictEntry{}, false, err
	}
	i := sort.Search(len(d), func(i int) bool { return !jsLess(d[i].term, word) })
	if i < len(d) && d[i].term == word {
		return d[i], true, nil
	}
	return dictEntry{}, false, nil
}

// Expansions returns how many words a prefix stands for: MaxExpansions,
// or half as many for a prefix shorter than LongPrefix code points.
func Expansions(prefix string) int {
	if utf8.RuneCountInString(prefix) < LongPrefix {
		return MaxExpansions / 2
	}
	return MaxExpansions
}

// expand returns the words other than prefix itself that start with it,
// the Expansions(prefix) most common (lowest idf first, then in term order).
func (s *Searcher) expand(prefix string) ([]dictEntry, error) {
	if len(s.meta.Dict) == 0 {
		return nil, nil
	}
	var out []dictEntry
	for i := s.shardFor(prefix); i < len(s.meta.Dict); i++ {
		if i > s.shardFor(prefix) && !strings.HasPrefix(s.meta.Dict[i], prefix) {
			break
		}
		d, err := s.shard(i)
		if err != nil {
			return nil, err
		}
		for _, e := range d {
			if e.term != prefix && strings.HasPrefix(e.term, prefix) {
				out = append(out, e)
			}
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].idf < out[j].idf })
	if n := Expansions(prefix); len(out) > n {
		out = out[:n]
	}
	return out, nil
}

// postings returns the postings of a dictionary entry, loading its block.
func (s *Searcher) postings(e dictEntry) ([]Posting, error) {
	if l, ok := s.lists[e.term]; ok {
		return l, nil
	}
	b, ok := s.blocks[e.block]
	if !ok {
		if err := s.load("post/"+strconv.Itoa(e.block)+".json", &b); err != nil {
			return nil, err
		}
		s.blocks[e.block] = b
	}
	enc, ok := b[e.term]
	if !ok {
		return nil, fmt.Errorf("search: %q is not in postings block %d", e.term, e.block)
	}
	l, err := DecodePostings(enc)
	if err != nil {
		return nil, err
	}
	s.lists[e.term] = l
	return l, nil
}

// Search answers q.
func (s *Searcher) Search(q Query) (*Result, error) {
	p := Parse(q.Text)
	type acc struct {
		score int
		exact bool
	}
	var docs map[int]*acc
	for wi, w := range p.Words {
		open := p.Open && wi == len(p.Words)-1
		var entries []dictEntry
		var exact []bool
		if e, ok, err := s.lookup(w); err != nil {
			return nil, err
		} else if ok {
			entries, exact = append(entries, e), append(exact, true)
		}
		if open {
			more, err := s.expand(w)
			if err != nil {
				return nil, err
			}
			for _, e := range more {
				entries, exact = append(entries, e), append(exact, false)
			}
		}
		// An exact match scores idf × impact × 2. The words a prefix
		// stands for score as one word: the idf of the most common of
		// them times the best impact, so that a rare variant does not
		// outweigh a strong match of a common one.
		word := map[int]*acc{}
		best := map[int]int{}
		minIDF := 0
		for i, e := range entries {
			l, err := s.postings(e)
			if err != nil {
				return nil, err
			}
			if !exact[i] && (minIDF == 0 || e.idf < minIDF) {
				minIDF = e.idf
			}
			for _, post := range l {
				a := word[post.Doc]
				if a == nil {
					a = &acc{}
					word[post.Doc] = a
				}
				if exact[i] {
					a.score += e.idf * post.Impact * 2
					a.exact = true
				} else {
					best[post.Doc] = max(best[post.Doc], post.Impact)
				}
			}
		}
		for d, q := range best {
			word[d].score += minIDF * q
		}
		if docs == nil {
			docs = word
			continue
		}
		for d, a := range docs {
			if b, ok := word[d]; ok {
				a.score += b.score
				a.exact = b.exact // the last word decides
			} else {
				delete(docs, d)
			}
		}
	}
	res := &Result{Active: len(p.Words) > 0 || q.Year != 0 || q.Region != "" || q.Kind != "",
		Years: make([]int, len(s.meta.Years)), Regions: make([]int, len(s.meta.Regions)), Kinds: make([]int, len(s.meta.Kinds))}
	if len(p.Words) == 0 {
		docs = map[int]*acc{}
		for d := range s.meta.N {
			docs[d] = &acc{exact: true}
		}
	}
	year, region, kind := -1, -1, -1
	for i, y := range s.meta.Years {
		if y == q.Year {
			year = i
		}
	}
	for i, r := range s.meta.Regions {
		if r[0] == q.Region {
			region = i
		}
	}
	for i, k := range s.meta.Kinds {
		if k[0] == q.Kind {
			kind = i
		}
	}
	// A facet set to a value the index does not have matches nothing.
	yOK := func(d int) bool { return q.Year == 0 || s.meta.Year[d] == year }
	rOK := func(d int) bool { return q.Region == "" || s.meta.Region[d] == region }
	kOK := func(d int) bool { return q.Kind == "" || s.meta.Kind[d] == kind }
	for d, a := range docs {
		y, r, k := yOK(d), rOK(d), kOK(d)
		if r && k {
			res.Years[s.meta.Year[d]]++
		}
		if y && k {
			res.Regions[s.meta.Region[d]]++
		}
		if y && r {
			res.Kinds[s.meta.Kind[d]]++
		}
		if y && r && k && res.Active {
			res.Hits = append(res.Hits, Hit{Doc: d, Score: a.score, Exact: a.exact})
		}
	}
	sort.Slice(res.Hits, func(i, j int) bool {
		a, b := res.Hits[i], res.Hits[j]
		if a.Exact != b.Exact {
			return a.Exact
		}
		if a.Score != b.Score {
			return a.Score > b.Score
		}
		return a.Doc > b.Doc
	})
	return res, nil
}

// DocInfo is what the page shows of one result.
type DocInfo struct {
	URL, Title, Date, DateText, Location string
	Summary, Body                        string
}

// Docs loads what the page shows of the given documents: their metadata
// chunks and their text files, as search.js does for the results it shows.
func (s *Searcher) Docs(ids []int) ([]DocInfo, error) {
	chunks := map[int][][5]string{}
	out := make([]DocInfo, len(ids))
	for i, id := range ids {
		c := id / s.meta.Chunk
		chunk, ok := chunks[c]
		if !ok {
			if err := s.load("docs/"+strconv.Itoa(c)+".json", &chunk); err != nil {
				return nil, err
			}
			chunks[c] = chunk
		}
		m := chunk[id%s.meta.Chunk]
		var text [2]string
		if err := s.load("text/"+strconv.Itoa(id)+".json", &text); err != nil {
			return nil, err
		}
		out[i] = DocInfo{URL: m[0], Title: m[1], Date: m[2], DateText: m[3], Location: m[4], Summary: text[0], Body: text[1]}
	}
	return out, nil
}
