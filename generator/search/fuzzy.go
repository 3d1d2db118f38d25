package search

import (
	"bytes"
	"sort"
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
// of at least min code points.
func fuzzyWord(w []rune, min int) bool {
	if len(w) < min {
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
	head := func(r []rune) string { return string(r[:min(len(r), sigLen)]) }
	out := []string{head(w)}
	tmp := make([]rune, 0, sigLen+1)
	for i := 0; i <= sigLen && i < len(w); i++ {
		tmp = append(tmp[:0], w[:i]...)
		tmp = append(tmp, w[i+1:min(len(w), sigLen+1)]...)
		s := head(tmp)
		dup := false
		for _, o := range out {
			if o == s {
				dup = true
				break
			}
		}
		if !dup {
			out = append(out, s)
		}
	}
	return out
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

// InlineDF is the most documents a word may have for the one-edit index
// to hold its postings in place of the number of its postings block: the
// words one edit away from a query word are mostly rare, and their
// postings are then shorter than the block a client would fetch for them.
const InlineDF = 3

// writeNear writes the one-edit index: for each key (see signatures), the
// words of at least MinFuzzy−1 letters that have it, as a flat array
// [word, idf, block or postings, ...] in word order, in shards
// {"key": [...], ...} of consecutive keys in JavaScript order.
func writeNear(idx *Index, m *meta, terms []*term, opts Options) {
	byKey := map[string][]int32{}
	enc := make([][]byte, len(terms)) // each word's entry, once
	for i, t := range terms {
		w := []rune(t.text)
		if !fuzzyWord(w, MinFuzzy-1) {
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
		for _, k := range signatures(w) {
			byKey[k] = append(byKey[k], int32(i))
		}
	}
	keys := make([]string, 0, len(byKey))
	for k := range byKey {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return jsLess(keys[i], keys[j]) })
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
	for _, k := range keys {
		entry := len(k) + 6
		for _, i := range byKey[k] {
			entry += len(enc[i]) + 1
		}
		if cur.Len() > 0 && cur.Len()+entry > opts.NearBytes {
			flush()
		}
		if cur.Len() == 0 {
			cur.WriteByte('{')
			m.Near = append(m.Near, k)
		} else {
			cur.WriteByte(',')
		}
		cur.Write(marshal(k))
		cur.WriteString(":[")
		for j, i := range byKey[k] {
			if j > 0 {
				cur.WriteByte(',')
			}
			cur.Write(enc[i])
		}
		cur.WriteByte(']')
	}
	flush()
	if m.Near == nil {
		m.Near = []string{}
	}
}
