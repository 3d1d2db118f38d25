package search

import (
	"encoding/json"
	"math/rand/v2"
	"os"
	"slices"
	"strings"
	"testing"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// NormalizeCase is one line of testdata/normalize.json, the table that
// search.js is also tested against (see the browser test).
type NormalizeCase struct {
	In     string   `json:"in"`
	Norm   string   `json:"norm"`
	Tokens []string `json:"tokens"`
}

// QueryCase is one line of testdata/query.json.
type QueryCase struct {
	In    string   `json:"in"`
	Words []string `json:"words"`
	Open  bool     `json:"open"`
}

func readJSON(t *testing.T, name string, v any) {
	t.Helper()
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, v); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
}

func TestNormalizeTable(t *testing.T) {
	var cases []NormalizeCase
	readJSON(t, "testdata/normalize.json", &cases)
	if len(cases) < 30 {
		t.Fatalf("only %d cases in the table", len(cases))
	}
	for _, c := range cases {
		if got := Normalize(c.In); got != c.Norm {
			t.Errorf("Normalize(%q) = %q, want %q", c.In, got, c.Norm)
		}
		if diff := cmp.Diff(c.Tokens, Tokens(c.In), cmpopts.EquateEmpty()); diff != "" {
			t.Errorf("Tokens(%q) (-want +got):\n%s", c.In, diff)
		}
	}
}

func TestParseTable(t *testing.T) {
	var cases []QueryCase
	readJSON(t, "testdata/query.json", &cases)
	for _, c := range cases {
		got := Parse(c.In)
		if !slices.Equal(got.Words, c.Words) || got.Open != c.Open {
			t.Errorf("Parse(%q) = %q open=%v, want %q open=%v", c.In, got.Words, got.Open, c.Words, c.Open)
		}
	}
}

// TestNormalizeIdempotent checks that normalized text normalizes to itself
// and that tokens are already normalized, over every code point of the
// planes that texts use.
func TestNormalizeIdempotent(t *testing.T) {
	for r := rune(0); r < 0x30000; r++ {
		if !utf8.ValidRune(r) {
			continue
		}
		n := Normalize(string(r))
		if again := Normalize(n); again != n {
			t.Fatalf("U+%04X: Normalize = %q, again %q", r, n, again)
		}
		for _, tok := range Tokens(string(r)) {
			if strings.ContainsFunc(tok, func(c rune) bool { return !isWordRune(c) }) {
				t.Fatalf("U+%04X: token %q holds a separator", r, tok)
			}
		}
	}
}

func TestJSLess(t *testing.T) {
	pool := []rune{'a', 'z', 'é', 'σ', 0xD7FF, 0xE000, 0xFFFD, 0xFF21, 0x10000, 0x1D40C, 0x1F30D}
	rnd := rand.New(rand.NewPCG(1, 2))
	word := func() string {
		var b strings.Builder
		for range rnd.IntN(4) {
			b.WriteRune(pool[rnd.IntN(len(pool))])
		}
		return b.String()
	}
	units := func(s string) []uint16 { return utf16.Encode([]rune(s)) }
	for range 20000 {
		a, b := word(), word()
		want := slices.Compare(units(a), units(b)) < 0
		if got := jsLess(a, b); got != want {
			t.Fatalf("jsLess(%q, %q) = %v, want %v", a, b, got, want)
		}
	}
}

func TestPostingsRoundTrip(t *testing.T) {
	rnd := rand.New(rand.NewPCG(3, 4))
	var want []Posting
	var enc []byte
	doc := -1
	for range 5000 {
		gap := rnd.IntN(3)
		switch rnd.IntN(10) {
		case 0:
			gap = rnd.IntN(40000)
		case 1:
			gap = 31 + rnd.IntN(3)
		}
		q := 1 + rnd.IntN(maxImpact)
		enc = appendPosting(enc, gap, q)
		doc += gap + 1
		want = append(want, Posting{doc, q})
	}
	if strings.ContainsFunc(string(enc), func(r rune) bool { return !strings.ContainsRune(alphabet, r) }) {
		t.Fatal("postings use characters outside the alphabet")
	}
	got, err := DecodePostings(string(enc))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Fatalf("round trip (-want +got):\n%s", diff)
	}
	for _, bad := range []string{"A", "z", "0", "0!", "!1"} {
		if _, err := DecodePostings(bad); err == nil {
			t.Errorf("DecodePostings(%q): no error", bad)
		}
	}
}
