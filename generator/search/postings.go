package search

import "fmt"

// alphabet holds the 64 characters postings are written with; none needs
// escaping in JSON or in a URL.
const alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_"

var alphabetValue = func() (v [256]int8) {
	for i := range v {
		v[i] = -1
	}
	for i := 0; i < len(alphabet); i++ {
		v[alphabet[i]] = int8(i)
	}
	return v
}()

// appendPosting appends one posting: the gap since the previous document
// (its number minus the previous one's, minus one; the first document's
// number for the first posting), then the impact.
//
// The gap is written in base 32, most significant digit first: every digit
// but the last is alphabet[32+d], the last is alphabet[d]. The impact, 1 to
// 63, is one character, alphabet[q].
func appendPosting(dst []byte, gap, q int) []byte {
	var tmp [8]byte
	i := len(tmp) - 1
	tmp[i] = alphabet[gap&31]
	for gap >>= 5; gap > 0; gap >>= 5 {
		i--
		tmp[i] = alphabet[32+gap&31]
	}
	dst = append(dst, tmp[i:]...)
	return append(dst, alphabet[q])
}

// Posting is one document of a word's postings with the word's impact there.
type Posting struct {
	Doc    int
	Impact int
}

// DecodePostings decodes a postings string.
func DecodePostings(s string) ([]Posting, error) {
	var out []Posting
	doc := -1
	for i := 0; i < len(s); {
		gap := 0
		for {
			if i >= len(s) {
				return nil, fmt.Errorf("search: postings end inside a number")
			}
			v := alphabetValue[s[i]]
			i++
			if v < 0 {
				return nil, fmt.Errorf("search: bad postings character %q", s[i-1])
			}
			if v < 32 {
				gap = gap<<5 | int(v)
				break
			}
			gap = gap<<5 | int(v-32)
		}
		if i >= len(s) {
			return nil, fmt.Errorf("search: postings end before an impact")
		}
		q := alphabetValue[s[i]]
		i++
		if q < 1 {
			return nil, fmt.Errorf("search: bad impact %q", s[i-1])
		}
		doc += gap + 1
		out = append(out, Posting{Doc: doc, Impact: int(q)})
	}
	return out, nil
}

// forEachPosting calls fn with each posting of postings written by
// appendPosting, in order.
func forEachPosting(postings []byte, fn func(doc, q int)) {
	doc := -1
	for i := 0; i < len(postings); {
		gap := 0
		for {
			v := int(alphabetValue[postings[i]])
			i++
			if v < 32 {
				gap = gap<<5 | v
				break
			}
			gap = gap<<5 | (v - 32)
		}
		doc += gap + 1
		fn(doc, int(alphabetValue[postings[i]]))
		i++
	}
}
