package search

import (
	"bytes"
	"slices"
	"strconv"
	"unicode"
)

// MinFuzzy is the fewest code points a query word needs to match words one
// edit away. Shorter words have too many neighbours ("rights", "fights",
// "nights") for a typo to be told from another word.
const MinFuzzy = 5

// sigLen is the length of the keys of the one-edit index, in code points.
// The keys of a query word depend only on its first sigLen+1 code points,
// so they stay the same while a reader types the rest of the word.
const sigLen = MinFuzzy - 1

// fuzzyWord reports whether w takes part in one-edit matching: a word of
// letters only (numbers, dates and codes are never "almost" each other),
// of at least min code points and at most MaxWordLen.
func fuzzyWord(w []rune, min int) bool {
	if len(w) < min || len(w) > MaxWordLen {
		return false
	}
	for _, r := range w {
		if !unicode.IsLetter(r) {
			return false
		}
	}
	return true
}

// signatures returns the keys of a word in the one-edit index: its first
// sigLen code points, and the first sigLen code points left when one of its
// first sigLen+1 is deleted. Two words one edit apart always share a key:
// an edit after the first sigLen code points leaves those the same; one
// within them is undone by deleting the changed, inserted or moved code
// point from one word or from both (see doc.go).
func signatures(w []rune) []string {
	var out []string
	for _, k := range appendKeys(nil, w, 0) {
		out = append(out, string(k.key[:k.n]))
	}
	return out
}

// nearKey is a key of the one-edit index, and a word that has it.
type nearKey struct {
	key  [sigLen]rune
	n    uint8
	term int32
}

// appendKeys appends the keys of w (see signatures), in that order and
// without repeats, for the word numbered term.
func appendKeys(dst []nearKey, w []rune, term int32) []nearKey {
	start := len(dst)
	add := func(parts ...[]rune) {
		k := nearKey{term: term}
		for _, p := range parts {
			for _, r := range p {
				if int(k.n) == sigLen {
					break
				}
				k.key[k.n] = r
				k.n++
			}
		}
		for _, o := range dst[start:] {
			if o.n == k.n && o.key == k.key {
				return
			}
		}
		dst = append(dst, k)
	}
	add(w)
	for i := 0; i <= sigLen && i < len(w); i++ {
		add(w[:i], w[i+1:])
	}
	return dst
}

// keyLess orders keys as JavaScript orders the strings they spell.
func keyLess(a, b *nearKey) bool {
	for i := 0; i < int(a.n) && i < int(b.n); i++ {
		if a.key[i] != b.key[i] {
			return utf16Weight(a.key[i]) < utf16Weight(b.key[i])
		}
	}
	return a.n < b.n
}

// oneEdit reports whether a and b are exactly one edit apart: one code
// point inserted, deleted or replaced, or two adjacent code points swapped
// (the Damerau–Levenshtein distance, which counts a swap, the commonest
// typing slip, as one edit rather than two).
func oneEdit(a, b []rune) bool {
	if len(a) > len(b) {
		a, b = b, a
	}
	if len(b)-len(a) > 1 {
		return false
	}
	i := 0
	for i < len(a) && a[i] == b[i] {
		i++
	}
	if len(a) != len(b) { // one inserted into a at i
		return runesEqual(a[i:], b[i+1:])
	}
	if i == len(a) {
		return false // equal
	}
	if runesEqual(a[i+1:], b[i+1:]) { // replaced at i
		return true
	}
	return i+1 < len(a) && a[i] == b[i+1] && a[i+1] == b[i] && runesEqual(a[i+2:], b[i+2:])
}

func runesEqual(a, b []rune) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// MaxNearShards is the most shards the one-edit index is cut into: past
// it, shards grow beyond Options.NearBytes. A record of hundreds of
// thousands of different made-up words then costs the site 2,000
// files, not tens of thousands, and a query reads bigger shards.
const MaxNearShards = 2000

// InlineDF is the most documents a word may have for the one-edit index
// to hold its postings in place of the number of its postings block: the
// words one edit away from a query word are mostly rare, and their
// postings are then shorter than the block a client would fetch for them.
const InlineDF = 3

// writeNear writes the one-edit index: for each key (see signatures), the
// words of MinFuzzy−1 to MaxWordLen letters that have it, as a flat array
// [word, idf, block or postings, ...] in word order, in shards
// {"key": [...], ...} of consecutive keys in JavaScript order.
func writeNear(idx *Index, m *meta, terms []*term, opts Options) {
	// Every (key, word) pair, sorted: no map, no string per key, so that a
	// document of a hundred thousand different words costs little more
	// than its words.
	enc := make([][]byte, len(terms)) // each word's entry, once
	var w []rune
	eligible := func(t *term) bool {
		if len(t.text) > 4*MaxWordLen {
			return false // too long, whatever its letters
		}
		w = append(w[:0], []rune(t.text)...)
		return fuzzyWord(w, MinFuzzy-1)
	}
	n := 0
	for _, t := range terms {
		if eligible(t) {
			n++
		}
	}
	pairs := make([]nearKey, 0, n*(sigLen+1))
	for i, t := range terms {
		if !eligible(t) {
			continue
		}
		e := append(marshal(t.text), ',')
		e = strconv.AppendInt(e, int64(t.idf), 10)
		e = append(e, ',')
		if t.df <= InlineDF {
			e = append(e, '"')
			e = append(e, t.postings...) // the postings alphabet needs no escaping
			e = append(e, '"')
		} else {
			e = strconv.AppendInt(e, int64(t.block), 10)
		}
		enc[i] = e
		pairs = appendKeys(pairs, w, int32(i))
	}
	slices.SortFunc(pairs, func(a, b nearKey) int {
		if a.n != b.n || a.key != b.key {
			if keyLess(&a, &b) {
				return -1
			}
			return 1
		}
		return int(a.term - b.term) // terms are in word order
	})
	total := 0
	for i, p := range pairs {
		total += len(enc[p.term]) + 1
		if i == 0 || p.n != pairs[i-1].n || p.key != pairs[i-1].key {
			total += 4*int(p.n) + 6
		}
	}
	shardBytes := max(opts.NearBytes, total/MaxNearShards+1)
	var cur bytes.Buffer
	nshard := 0
	flush := func() {
		if cur.Len() == 0 {
			return
		}
		cur.WriteByte('}')
		idx.Files["near/"+strconv.Itoa(nshard)+".json"] = append([]byte(nil), cur.Bytes()...)
		cur.Reset()
		nshard++
	}
	for i := 0; i < len(pairs); {
		j := i + 1
		for j < len(pairs) && pairs[j].n == pairs[i].n && pairs[j].key == pairs[i].key {
			j++
		}
		key := string(pairs[i].key[:pairs[i].n]) // letters: nothing to escape in JSON
		entry := len(key) + 6
		for _, p := range pairs[i:j] {
			entry += len(enc[p.term]) + 1
		}
		if cur.Len() > 0 && cur.Len()+entry > shardBytes {
			flush()
		}
		if cur.Len() == 0 {
			cur.WriteByte('{')
			m.Near = append(m.Near, key)
		} else {
			cur.WriteByte(',')
		}
		cur.WriteByte('"')
		cur.WriteString(key)
		cur.WriteString(`":[`)
		for k, p := range pairs[i:j] {
			if k > 0 {
				cur.WriteByte(',')
			}
			cur.Write(enc[p.term])
		}
		cur.WriteByte(']')
		i = j
	}
	flush()
	if m.Near == nil {
		m.Near = []string{}
	}
}
