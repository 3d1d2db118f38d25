package search

import (
	"cmp"
	"encoding/json"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"
)

// The query rules, shared with the page's query.js.
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

// The tiers of a match, from the weakest: a document matches a query word
// by one edit, by stem, as a prefix (the word being typed) or exactly. A
// document's tier is its weakest among the query words, and results are
// ordered by tier first.
const (
	TierEdit = 1 + iota
	TierStem
	TierPrefix
	TierExact
)

// The weights of each tier in a document's score (see doc.go).
const (
	WeightExact  = 6
	WeightPrefix = 3
	WeightStem   = 2
	WeightEdit   = 1
)

// Query is what a reader asks: words and facet values ("" or 0 for all).
type Query struct {
	Text   string
	Year   int
	Region string
	Kind   string
	Topic  string // a key of Input.Topics
	// Typing is set while the reader is typing the last word, which the
	// page asks for at every keystroke: an open word then stands for half
	// as many words as a prefix (TypingExpansions) and has no one-edit
	// matches, which change with every letter and each bring files of
	// their own. Once the reader pauses or submits, the page asks again
	// without Typing. A word followed by a space is not open: it matches
	// in full at once.
	Typing bool
}

// Hit is one matching document.
type Hit struct {
	Doc   int
	Score int
	Tier  int // the weakest tier among the query words (TierEdit...TierExact)
}

// Result is the answer to a Query.
type Result struct {
	// Hits are the matches in the order the page shows them: by tier,
	// then by score, then newest first.
	Hits []Hit
	// Words holds, for each query word, the words of the index it matched
	// in any tier, sorted: what the page highlights.
	Words [][]string
	// Active is false when there was nothing to search for: no word and no
	// facet value.
	Active bool
	// Years, Regions, Kinds and Topics count the matches per facet value
	// (index as in meta.json); each counts as if its own facet were not
	// set. A match counts once for each of its topics.
	Years, Regions, Kinds, Topics []int
	// TopicTotal is the number of matches under the other facets than
	// the topic, whatever their topics: what "all topics" counts, which
	// Topics, where a match counts for each of its topics, does not sum.
	TopicTotal int
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

// Searcher runs queries against a built index exactly as the search page's
// query.js does, reading only the files it would fetch. It is the
// reference for the client: tests compare the two, and benchmarks use it to
// measure what a query downloads.
type Searcher struct {
	fetch   func(name string) ([]byte, error)
	meta    meta
	dict    map[int][]dictEntry
	near    map[int]map[string][]dictEntry
	blocks  map[int]map[string]json.RawMessage
	lists   map[string][]Posting
	members map[string][]string // group key → its words
	fetched []string
}

type dictEntry struct {
	term   string
	idf    int
	block  int
	inline string     // the postings themselves, in the one-edit index (see InlineDF)
	group  *dictEntry // the word's stem group: term is its key
}

// NewSearcher loads meta.json through fetch, which returns the bytes of an
// index file by its name relative to the index's folder: the text files
// are TextFolder + "<digest>.json" (Index.File is such a fetch).
func NewSearcher(fetch func(name string) ([]byte, error)) (*Searcher, error) {
	s := &Searcher{fetch: fetch, dict: map[int][]dictEntry{}, near: map[int]map[string][]dictEntry{},
		blocks: map[int]map[string]json.RawMessage{}, lists: map[string][]Posting{}, members: map[string][]string{}}
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

// entries reads a flat array [word, idf, block, ...] of stride n; the
// block may be the postings themselves.
func entries(raw []any, n int) []dictEntry {
	var out []dictEntry
	for j := 0; j+n-1 < len(raw); j += n {
		t, _ := raw[j].(string)
		idf, _ := raw[j+1].(float64)
		e := dictEntry{term: t, idf: int(idf)}
		switch b := raw[j+2].(type) {
		case float64:
			e.block = int(b)
		case string:
			e.inline = b
		}
		out = append(out, e)
	}
	return out
}

// shard returns the dictionary shard i, loading it once.
func (s *Searcher) shard(i int) ([]dictEntry, error) {
	if d, ok := s.dict[i]; ok {
		return d, nil
	}
	var raw struct {
		W []any `json:"w"`
		G []any `json:"g"`
	}
	if err := s.load("dict/"+strconv.Itoa(i)+".json", &raw); err != nil {
		return nil, err
	}
	groups := entries(raw.G, 3)
	for k := range groups {
		groups[k].term += " " // the key of its postings
	}
	d := entries(raw.W, 4)
	for k := range d {
		if g, _ := raw.W[4*k+3].(float64); g > 0 && int(g) <= len(groups) {
			d[k].group = &groups[int(g)-1]
		}
	}
	s.dict[i] = d
	return d, nil
}

// shardFor returns the index of the shard of firsts (the first key of each
// shard, in order) where key would be.
func shardFor(firsts []string, key string) int {
	// The last shard whose first key is <= key.
	i := sort.Search(len(firsts), func(i int) bool { return jsLess(key, firsts[i]) })
	return max(0, i-1)
}

// lookup returns the entry of word, or ok false.
func (s *Searcher) lookup(word string) (dictEntry, bool, error) {
	if len(s.meta.Dict) == 0 {
		return dictEntry{}, false, nil
	}
	d, err := s.shard(shardFor(s.meta.Dict, word))
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

// TypingExpansions is how many words a prefix stands for while the reader
// types it (Query.Typing): half of Expansions(prefix).
func TypingExpansions(prefix string) int { return Expansions(prefix) / 2 }

// expand returns the words other than prefix itself that start with it,
// the n most common (lowest idf first, then in term order).
func (s *Searcher) expand(prefix string, n int) ([]dictEntry, error) {
	if len(s.meta.Dict) == 0 {
		return nil, nil
	}
	var out []dictEntry
	first := shardFor(s.meta.Dict, prefix)
	for i := first; i < len(s.meta.Dict); i++ {
		if i > first && !strings.HasPrefix(s.meta.Dict[i], prefix) {
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
	slices.SortStableFunc(out, func(a, b dictEntry) int { return cmp.Compare(a.idf, b.idf) })
	if len(out) > n {
		out = out[:n]
	}
	return out, nil
}

// nearShard returns the shard i of the one-edit index, loading it once.
func (s *Searcher) nearShard(i int) (map[string][]dictEntry, error) {
	if d, ok := s.near[i]; ok {
		return d, nil
	}
	var raw map[string][]any
	if err := s.load("near/"+strconv.Itoa(i)+".json", &raw); err != nil {
		return nil, err
	}
	d := map[string][]dictEntry{}
	for k, v := range raw {
		d[k] = entries(v, 3)
	}
	s.near[i] = d
	return d, nil
}

// edits returns the words one edit away from word (see oneEdit), but for
// those an open word stands for as a prefix: the MaxExpansions most common
// (lowest idf first, then in term order). Only a word of MinFuzzy letters
// or more has any.
func (s *Searcher) edits(word string, open bool) ([]dictEntry, error) {
	w := []rune(word)
	if !fuzzyWord(w, MinFuzzy) || len(s.meta.Near) == 0 {
		return nil, nil
	}
	seen := map[string]bool{}
	var out []dictEntry
	for _, k := range signatures(w) {
		d, err := s.nearShard(shardFor(s.meta.Near, k))
		if err != nil {
			return nil, err
		}
		for _, e := range d[k] {
			if seen[e.term] {
				continue
			}
			seen[e.term] = true
			if open && strings.HasPrefix(e.term, word) || !oneEdit(w, []rune(e.term)) {
				continue
			}
			out = append(out, e)
		}
	}
	slices.SortFunc(out, func(a, b dictEntry) int {
		return cmp.Or(cmp.Compare(a.idf, b.idf), jsCompare(a.term, b.term))
	})
	if len(out) > MaxExpansions {
		out = out[:MaxExpansions]
	}
	return out, nil
}

// postings returns the postings of a dictionary entry, a word's or a
// group's, loading its block.
func (s *Searcher) postings(e dictEntry) ([]Posting, error) {
	if l, ok := s.lists[e.term]; ok {
		return l, nil
	}
	if e.inline != "" {
		l, err := DecodePostings(e.inline)
		if err != nil {
			return nil, err
		}
		s.lists[e.term] = l
		return l, nil
	}
	b, ok := s.blocks[e.block]
	if !ok {
		if err := s.load("post/"+strconv.Itoa(e.block)+".json", &b); err != nil {
			return nil, err
		}
		s.blocks[e.block] = b
	}
	raw, ok := b[e.term]
	if !ok {
		return nil, fmt.Errorf("search: %q is not in postings block %d", e.term, e.block)
	}
	var enc string
	if strings.HasSuffix(e.term, " ") { // a group: [postings, word, ...]
		var v []string
		if err := json.Unmarshal(raw, &v); err != nil || len(v) == 0 {
			return nil, fmt.Errorf("search: group %q in postings block %d: %v", e.term, e.block, err)
		}
		enc = v[0]
		s.members[e.term] = v[1:]
	} else if err := json.Unmarshal(raw, &enc); err != nil {
		return nil, fmt.Errorf("search: %q in postings block %d: %w", e.term, e.block, err)
	}
	l, err := DecodePostings(enc)
	if err != nil {
		return nil, err
	}
	s.lists[e.term] = l
	return l, nil
}

// match is how a document matches one query word.
type match struct {
	score int
	tier  int
}

// word returns the documents that match one query word, and the words of
// the index it matched. A document scores by its best tier:
//
//   - exact and prefix, which add up: WeightExact × idf × impact for the
//     word itself, plus WeightPrefix × the smallest idf of the words it
//     stands for as a prefix × the best impact among them (they score as
//     one word, so that a rare variant does not outweigh a strong match of
//     a common one);
//   - else stem: WeightStem × the group's idf × its impact;
//   - else one edit: WeightEdit × the smallest idf of the words one edit
//     away × the best impact among them.
//
// While the reader types an open word, it stands for fewer words and has
// no one-edit matches (see Query.Typing).
func (s *Searcher) word(w string, open, typing bool) (map[int]*match, []string, error) {
	var matched []string
	e, found, err := s.lookup(w)
	if err != nil {
		return nil, nil, err
	}
	docs := map[int]*match{}
	if found {
		matched = append(matched, w)
		l, err := s.postings(e)
		if err != nil {
			return nil, nil, err
		}
		for _, p := range l {
			docs[p.Doc] = &match{score: WeightExact * e.idf * p.Impact, tier: TierExact}
		}
	}
	// variants scores a set of words as one: the smallest idf times the
	// best impact; only in the documents not matched yet, when alone.
	variants := func(list []dictEntry, tier, weight int, alone bool) error {
		best := map[int]int{}
		minIDF := 0
		for _, x := range list {
			l, err := s.postings(x)
			if err != nil {
				return err
			}
			if minIDF == 0 || x.idf < minIDF {
				minIDF = x.idf
			}
			for _, p := range l {
				if !alone || docs[p.Doc] == nil {
					best[p.Doc] = max(best[p.Doc], p.Impact)
				}
			}
		}
		for d, q := range best {
			m := docs[d]
			if m == nil {
				m = &match{tier: tier}
				docs[d] = m
			}
			m.score += weight * minIDF * q
		}
		return nil
	}
	if open {
		n := Expansions(w)
		if typing {
			n = TypingExpansions(w)
		}
		more, err := s.expand(w, n)
		if err != nil {
			return nil, nil, err
		}
		if err := variants(more, TierPrefix, WeightPrefix, false); err != nil {
			return nil, nil, err
		}
		for _, x := range more {
			matched = append(matched, x.term)
		}
	}
	if found && e.group != nil {
		if err := variants([]dictEntry{*e.group}, TierStem, WeightStem, true); err != nil {
			return nil, nil, err
		}
		matched = append(matched, s.members[e.group.term]...)
	}
	var near []dictEntry
	if !typing {
		near, err = s.edits(w, open)
		if err != nil {
			return nil, nil, err
		}
	}
	if err := variants(near, TierEdit, WeightEdit, true); err != nil {
		return nil, nil, err
	}
	for _, x := range near {
		matched = append(matched, x.term)
	}
	slices.Sort(matched)
	return docs, slices.Compact(matched), nil
}

// Search answers q.
func (s *Searcher) Search(q Query) (*Result, error) {
	p := Parse(q.Text)
	res := &Result{Active: len(p.Words) > 0 || q.Year != 0 || q.Region != "" || q.Kind != "" || q.Topic != "",
		Years: make([]int, len(s.meta.Years)), Regions: make([]int, len(s.meta.Regions)), Kinds: make([]int, len(s.meta.Kinds)), Topics: make([]int, len(s.meta.Topics))}
	var docs map[int]*match
	for wi, w := range p.Words {
		open := p.Open && wi == len(p.Words)-1
		word, matched, err := s.word(w, open, open && q.Typing)
		if err != nil {
			return nil, err
		}
		res.Words = append(res.Words, matched)
		if docs == nil {
			docs = word
			continue
		}
		for d, a := range docs {
			if b, ok := word[d]; ok {
				a.score += b.score
				a.tier = min(a.tier, b.tier)
			} else {
				delete(docs, d)
			}
		}
	}
	if len(p.Words) == 0 {
		docs = map[int]*match{}
		for d := range s.meta.N {
			docs[d] = &match{tier: TierExact}
		}
	}
	year, region, kind, topic := -1, -1, -1, -1
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
	for i, t := range s.meta.Topics {
		if t[0] == q.Topic {
			topic = i
		}
	}
	// A facet set to a value the index does not have matches nothing.
	yOK := func(d int) bool { return q.Year == 0 || s.meta.Year[d] == year }
	rOK := func(d int) bool { return q.Region == "" || s.meta.Region[d] == region }
	kOK := func(d int) bool { return q.Kind == "" || s.meta.Kind[d] == kind }
	tOK := func(d int) bool { return q.Topic == "" || slices.Contains(s.meta.Topic[d], topic) }
	for d, a := range docs {
		y, r, k, t := yOK(d), rOK(d), kOK(d), tOK(d)
		if r && k && t {
			res.Years[s.meta.Year[d]]++
		}
		if y && k && t {
			res.Regions[s.meta.Region[d]]++
		}
		if y && r && t {
			res.Kinds[s.meta.Kind[d]]++
		}
		if y && r && k {
			res.TopicTotal++
			for _, ti := range s.meta.Topic[d] {
				res.Topics[ti]++
			}
		}
		if y && r && k && t && res.Active {
			res.Hits = append(res.Hits, Hit{Doc: d, Score: a.score, Tier: a.tier})
		}
	}
	slices.SortFunc(res.Hits, func(a, b Hit) int {
		return cmp.Or(cmp.Compare(b.Tier, a.Tier), cmp.Compare(b.Score, a.Score), cmp.Compare(b.Doc, a.Doc))
	})
	return res, nil
}

// DocInfo is what the page shows of one result.
type DocInfo struct {
	URL, Title, Date, DateText, Location string
	Summary, Body                        string
	// Lang is the language of the title, summary and body when it is not
	// the index's (Doc.Lang), "" otherwise.
	Lang string
}

// isTextName reports whether s is a name textName gives: 32 lowercase
// hexadecimal digits. The page checks it too, so that a name read from an
// index can only fetch a file of TextFolder.
func isTextName(s string) bool {
	if len(s) != 32 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
			return false
		}
	}
	return true
}

// Docs loads what the page shows of the given documents: their metadata
// chunks and their text files, as the page does for the results it shows.
func (s *Searcher) Docs(ids []int) ([]DocInfo, error) {
	chunks := map[int][][]string{}
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
		if len(m) < 6 {
			return nil, fmt.Errorf("search: document %d has %d fields, want 6 or 7", id, len(m))
		}
		if !isTextName(m[5]) {
			return nil, fmt.Errorf("search: document %d: %q names no text file", id, m[5])
		}
		var text [2]string
		if err := s.load(TextFolder+m[5]+".json", &text); err != nil {
			return nil, err
		}
		out[i] = DocInfo{URL: m[0], Title: m[1], Date: m[2], DateText: m[3], Location: m[4], Summary: text[0], Body: text[1]}
		if len(m) > 6 {
			out[i].Lang = m[6]
		}
	}
	return out, nil
}
