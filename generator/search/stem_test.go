package search

import (
	"encoding/json"
	"math/rand/v2"
	"os"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// TestStemTable checks the stems of testdata/stem.json: Snowball's English,
// French and Spanish algorithms, read on the word as written (accents
// included), the stem normalized like every word; a language without a
// stemmer keeps its words whole.
func TestStemTable(t *testing.T) {
	data, err := os.ReadFile("testdata/stem.json")
	if err != nil {
		t.Fatal(err)
	}
	var rows []struct{ Lang, Word, Stem string }
	if err := json.Unmarshal(data, &rows); err != nil {
		t.Fatal(err)
	}
	for _, r := range rows {
		var got string
		var s wordScanner
		s.scan(r.Word, func(word, spell []byte) {
			form := string(word)
			if spell != nil {
				form = string(spell)
			}
			got = stemOf(baseLang(r.Lang), form)
		})
		if got != r.Stem {
			t.Errorf("%s %q: stem %q, want %q", r.Lang, r.Word, got, r.Stem)
		}
	}
	long := strings.Repeat("ab", MaxWordLen/2) + "ing"
	if stemOf("en", long) != long || (&stemCache{}).stem("en", long, long) != long {
		t.Error("a word longer than MaxWordLen was stemmed")
	}
}

// TestStemmerFailure checks that a stemmer failing on a word leaves the
// word as it is.
func TestStemmerFailure(t *testing.T) {
	if got := safeStem(func(string, bool) string { panic("odd word") }, "réunions"); got != "réunions" {
		t.Errorf("got %q", got)
	}
}

// TestStemmersOnAnything feeds the stemmers random words of every script
// and odd code points: none may fail, and each gives a word of the index.
func TestStemmersOnAnything(t *testing.T) {
	rnd := rand.New(rand.NewPCG(1, 2))
	alphabet := []rune("aeiouyâàéèêëîïôûùüÿçñœæßáíóúAEIOUYsbcdfgtnmlrvhqwxzk'’-\u0301\u0308δικηهجرة𝐌ﬁ1½")
	for range 20000 {
		var b strings.Builder
		for range 1 + rnd.IntN(14) {
			b.WriteRune(alphabet[rnd.IntN(len(alphabet))])
		}
		var s wordScanner
		s.scan(b.String(), func(word, spell []byte) {
			form := string(word)
			if spell != nil {
				form = string(spell)
			}
			for lang := range stemmers {
				st := stemOf(lang, form)
				if !utf8.ValidString(st) || st != Normalize(st) {
					t.Fatalf("%s %q: stem %q", lang, form, st)
				}
			}
		})
	}
}

// TestWordScanner checks that the analyzer's words are those of Tokens,
// and their spellings those the stemmers need.
func TestWordScanner(t *testing.T) {
	words := func(text string) (ws, spells []string) {
		var s wordScanner
		s.scan(text, func(word, spell []byte) {
			ws = append(ws, string(word))
			spells = append(spells, string(spell))
		})
		return
	}
	for _, c := range []struct {
		in     string
		spells []string
	}{
		{"Réunions régionales", []string{"réunions", "régionales"}},
		{"Re\u0301union", []string{"réunion"}}, // a combining accent, composed
		{"ﬁnance FINANCE", []string{"", ""}},   // spelled as normalized
		{"Straße", []string{"straße"}},         // ß kept for the stemmer
		{"½ l’OIM", []string{"", "", "", ""}},  // 1, 2, l, oim
		{"NIÑAS", []string{"niñas"}},           // lowercased
		{"\u0301alone", []string{""}},          // a mark before any word is dropped
		{"co\u00adoperation", []string{""}},    // a soft hyphen joins
		{"Ｇenève", []string{"genève"}},         // full-width to plain
		{"𝐌igration", []string{""}},            // mathematical letters to plain
		{"ΟΔΟΣ", []string{""}},                 // capital sigma lowercases to σ either way
		{"İstanbul", []string{""}},             // the simple lowercase of İ is i
		{"", nil},
	} {
		ws, spells := words(c.in)
		if !slices.Equal(ws, Tokens(c.in)) && len(ws)+len(Tokens(c.in)) > 0 {
			t.Errorf("%q: words %q, Tokens %q", c.in, ws, Tokens(c.in))
		}
		if !slices.Equal(spells, c.spells) {
			t.Errorf("%q: spellings %q, want %q", c.in, spells, c.spells)
		}
	}
	// Any text: the same words as Tokens.
	rnd := rand.New(rand.NewPCG(3, 4))
	alphabet := []rune("aZé\u0301 -’.ﬁ½ßŁΣςİı\u00ad𝐌Ｉ٣هج\u200d\t")
	for range 20000 {
		var b strings.Builder
		for range rnd.IntN(12) {
			b.WriteRune(alphabet[rnd.IntN(len(alphabet))])
		}
		ws, _ := words(b.String())
		if toks := Tokens(b.String()); !slices.Equal(ws, toks) && len(ws)+len(toks) > 0 {
			t.Fatalf("%q: words %q, Tokens %q", b.String(), ws, toks)
		}
	}
}
