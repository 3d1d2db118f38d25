package search

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// osa is the optimal string alignment distance (Damerau–Levenshtein
// without repeated edits of one substring), computed the slow way.
func osa(a, b []rune) int {
	d := make([][]int, len(a)+1)
	for i := range d {
		d[i] = make([]int, len(b)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(a); i++ {
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(a)][len(b)]
}

// edits1 returns every word one edit away from w over alphabet.
func edits1(w []rune, alphabet []rune) [][]rune {
	var out [][]rune
	for i := 0; i <= len(w); i++ {
		for _, c := range alphabet {
			out = append(out, slices.Concat(w[:i], []rune{c}, w[i:])) // insert
			if i < len(w) && c != w[i] {
				out = append(out, slices.Concat(w[:i], []rune{c}, w[i+1:])) // replace
			}
		}
		if i < len(w) {
			out = append(out, slices.Concat(w[:i], w[i+1:])) // delete
		}
		if i+1 < len(w) && w[i] != w[i+1] {
			out = append(out, slices.Concat(w[:i], []rune{w[i+1], w[i]}, w[i+2:])) // swap
		}
	}
	return out
}

// TestOneEdit checks oneEdit against the distance computed the slow way.
func TestOneEdit(t *testing.T) {
	rnd := rand.New(rand.NewPCG(5, 6))
	alphabet := []rune("abé𝐌")
	word := func() []rune {
		w := make([]rune, rnd.IntN(7))
		for i := range w {
			w[i] = alphabet[rnd.IntN(len(alphabet))]
		}
		return w
	}
	for range 200000 {
		a, b := word(), word()
		if got, want := oneEdit(a, b), osa(a, b) == 1; got != want {
			t.Fatalf("oneEdit(%q, %q) = %v, distance %d", string(a), string(b), got, osa(a, b))
		}
	}
	for _, c := range [][2]string{{"labor", "labour"}, {"migraton", "migration"}, {"mgiration", "migration"}, {"reunions", "reunion"}, {"polcy", "policy"}} {
		if !oneEdit([]rune(c[0]), []rune(c[1])) {
			t.Errorf("%q and %q are one edit apart", c[0], c[1])
		}
	}
}

// TestSignatures checks the promise of the one-edit index: two words one
// edit apart share a key, whatever the edit and wherever it is.
func TestSignatures(t *testing.T) {
	rnd := rand.New(rand.NewPCG(7, 8))
	alphabet := []rune("aeinrstéñ𝐌")
	for range 3000 {
		w := make([]rune, MinFuzzy+rnd.IntN(6))
		for i := range w {
			w[i] = alphabet[rnd.IntN(len(alphabet))]
		}
		keys := signatures(w)
		for _, v := range edits1(w, alphabet) {
			if len(v) < MinFuzzy-1 {
				continue
			}
			shared := false
			for _, k := range signatures(v) {
				shared = shared || slices.Contains(keys, k)
			}
			if !shared {
				t.Fatalf("%q and %q share no key: %q, %q", string(w), string(v), keys, signatures(v))
			}
		}
	}
	if got := signatures([]rune("migra")); !slices.Equal(got, []string{"migr", "igra", "mgra", "mira", "miga"}) {
		t.Errorf("signatures(migra) = %q", got)
	}
}

// TestEditsComplete checks that the reference searcher finds, through the
// one-edit index split into many shards, every word of the index one edit
// away from a query word, and no other.
func TestEditsComplete(t *testing.T) {
	in := randomInput(150, 12)
	idx := mustBuild(t, in, Options{DictBytes: 300, PostingsBytes: 400, NearBytes: 300})
	s := searcher(t, idx)
	if len(s.meta.Near) < 10 {
		t.Fatalf("only %d shards in the one-edit index; the test needs many", len(s.meta.Near))
	}
	var words []string
	for i := range s.meta.Dict {
		d, err := s.shard(i)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range d {
			words = append(words, e.term)
		}
	}
	rnd := rand.New(rand.NewPCG(9, 10))
	checked := 0
	for range 400 {
		w := []rune(words[rnd.IntN(len(words))])
		if !fuzzyWord(w, MinFuzzy) {
			continue
		}
		// A word of the index, and a typo of it.
		for _, q := range [][]rune{w, edits1(w, []rune("aké"))[rnd.IntN(len(w))]} {
			if !fuzzyWord(q, MinFuzzy) {
				continue
			}
			var want []string
			for _, x := range words {
				if xr := []rune(x); fuzzyWord(xr, MinFuzzy-1) && osa(q, xr) == 1 {
					want = append(want, x)
				}
			}
			got, err := s.edits(string(q), false)
			if err != nil {
				t.Fatal(err)
			}
			var names []string
			for _, e := range got {
				names = append(names, e.term)
			}
			if len(want) > MaxExpansions {
				// The most common ones: check that they are among them.
				for _, n := range names {
					if !slices.Contains(want, n) {
						t.Errorf("%q: %q is not one edit away", string(q), n)
					}
				}
				continue
			}
			slices.SortFunc(names, strings.Compare)
			slices.SortFunc(want, strings.Compare)
			if !slices.Equal(names, want) {
				t.Errorf("%q: edits %q, want %q", string(q), names, want)
			}
			checked++
		}
	}
	if checked < 100 {
		t.Errorf("only %d queries checked", checked)
	}
}

// TestStemsByLanguage checks that each document is stemmed in its own
// language, and a query word takes the stem its documents give it,
// accents or not. Stems are compared as spelled, so the words of two
// languages with one stem (French abandonnée, English abandoned) meet.
func TestStemsByLanguage(t *testing.T) {
	doc := func(url, lang, title string) Doc {
		return Doc{URL: url, Lang: lang, Title: title, Date: day(2020, 1, 1), Region: "global", Kind: "annual"}
	}
	in := Input{Language: "en", Kinds: testKinds, Regions: testRegions, Docs: []Doc{
		doc("/fr-1/", "fr", "Les réunions régionales"),
		doc("/fr-2/", "fr-CA", "La réunion annuelle"),
		doc("/fr-3/", "fr", "Une décision abandonnée"),
		doc("/fr-4/", "fr", "Abandonner les camps"),
		doc("/en-1/", "", "Abandoned camps"),
		doc("/es-1/", "es", "Migración laboral"),
		doc("/es-2/", "es", "Las migraciones"),
	}}
	s := searcher(t, mustBuild(t, in, Options{}))
	for q, want := range map[string][]string{
		"reunions ":   {"/fr-1/", "/fr-2/"},           // French: réunions and réunion share their stem
		"abandonner ": {"/fr-4/", "/en-1/", "/fr-3/"}, // French abandonnée, read with its accent, and English abandoned: abandon
		"abandoned ":  {"/en-1/", "/fr-4/", "/fr-3/"}, // the same group, from English
		"abandonee ":  {"/en-1/", "/fr-3/"},           // one edit from abandoned and from abandonnee
		"migracion ":  {"/es-1/", "/es-2/"},           // Spanish, typed without the accent
		"migraciones": {"/es-2/", "/es-1/"},           // and the other way round
	} {
		if got := urls(t, s, Query{Text: q}); !slices.Equal(got, want) {
			t.Errorf("%q: got %q, want %q", q, got, want)
		}
	}
}

// EditCases returns random pairs of words, many one edit apart, and random
// words, for the browser test of search.js's one-edit rules.
func EditCases(n int) ([][2]string, []string) {
	rnd := rand.New(rand.NewPCG(11, 12))
	alphabet := []rune("abeé𝐌δ")
	word := func() []rune {
		w := make([]rune, rnd.IntN(8))
		for i := range w {
			w[i] = alphabet[rnd.IntN(len(alphabet))]
		}
		return w
	}
	var pairs [][2]string
	var words []string
	for range n {
		a := word()
		b := word()
		if e := edits1(a, alphabet); rnd.IntN(2) == 0 && len(e) > 0 {
			b = e[rnd.IntN(len(e))]
		}
		pairs = append(pairs, [2]string{string(a), string(b)})
		words = append(words, string(a))
	}
	return pairs, words
}

// OneEdit and Signatures give the browser test oneEdit and signatures.
func OneEdit(a, b string) bool { return oneEdit([]rune(a), []rune(b)) }

// Signatures returns the keys of word in the one-edit index.
func Signatures(word string) []string { return signatures([]rune(word)) }

// EditTable is testdata/edits.json, which query.js is tested against too
// (the node tests in jstest/).
type EditTable struct {
	Pairs      [][3]any `json:"pairs"`
	Signatures [][2]any `json:"signatures"`
}

func TestEditTable(t *testing.T) {
	var tab EditTable
	readJSON(t, "testdata/edits.json", &tab)
	for _, p := range tab.Pairs {
		a, b, want := p[0].(string), p[1].(string), p[2].(bool)
		if got := oneEdit([]rune(a), []rune(b)); got != want {
			t.Errorf("oneEdit(%q, %q) = %v, want %v", a, b, got, want)
		}
		if want != (osa([]rune(a), []rune(b)) == 1) {
			t.Errorf("%q, %q: the table says %v, the distance is %d", a, b, want, osa([]rune(a), []rune(b)))
		}
	}
	for _, s := range tab.Signatures {
		w := s[0].(string)
		var want []string
		for _, k := range s[1].([]any) {
			want = append(want, k.(string))
		}
		if got := signatures([]rune(w)); !slices.Equal(got, want) {
			t.Errorf("signatures(%q) = %q, want %q", w, got, want)
		}
	}
}
