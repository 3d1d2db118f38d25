package search_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/iom-cso/archive/generator/search"
)

// snowballVocabulary returns the words of the Snowball stemmers' test
// vocabularies for English, French and Spanish (about 78,000 words, 63,000
// once normalized), read from the module of the stemmer the index uses:
// a real vocabulary of the archive's three languages, large enough to
// show what one-edit matching costs on a large archive.
func snowballVocabulary(t testing.TB) map[string][]string {
	t.Helper()
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "github.com/kljensen/snowball").Output()
	if err != nil {
		t.Fatalf("go list -m github.com/kljensen/snowball: %v", err)
	}
	dir := strings.TrimSpace(string(out))
	entry := regexp.MustCompile(`(?m)^\s*\{"([^"]+)", "`)
	vocab := map[string][]string{}
	for lang, name := range map[string]string{"en": "english", "fr": "french", "es": "spanish"} {
		data, err := os.ReadFile(filepath.Join(dir, name+"_vocab", "vocab_test.go"))
		if err != nil {
			t.Fatalf("the Snowball vocabulary: %v", err)
		}
		for _, m := range entry.FindAllSubmatch(data, -1) {
			vocab[lang] = append(vocab[lang], string(m[1]))
		}
		if len(vocab[lang]) < 15000 {
			t.Fatalf("%s: only %d words", name, len(vocab[lang]))
		}
	}
	return vocab
}

// vocabularyInput makes n documents in English, French and Spanish that
// use every word of vocab: each document draws its words from its
// language's list, common words often and rare ones seldom (the rank of a
// word is random), and word i of a language appears at least in document
// i mod the documents of that language.
func vocabularyInput(vocab map[string][]string, n, words int) search.Input {
	rnd := rand.New(rand.NewPCG(1, 2))
	langs := []string{"en", "fr", "es"}
	in := search.Input{Language: "en", Regions: fixtureRegions,
		Kinds: []search.Facet{{Key: "annual-consultation", Name: "Annual Consultation"}, {Key: "rcsc", Name: "Regional Consultation"}}}
	ranked := map[string][]string{}
	for _, l := range langs {
		ranked[l] = append([]string(nil), vocab[l]...)
		rnd.Shuffle(len(ranked[l]), func(i, j int) { ranked[l][i], ranked[l][j] = ranked[l][j], ranked[l][i] })
	}
	for i := range n {
		l := langs[i%3]
		v := ranked[l]
		text := func(k int) string {
			w := make([]string, k)
			for j := range w {
				w[j] = v[int(float64(len(v))*rnd.Float64()*rnd.Float64()*rnd.Float64())] // skewed, like real text
			}
			return strings.Join(w, " ")
		}
		var body strings.Builder
		for j := i / 3; j < len(v); j += (n + 2) / 3 {
			body.WriteString(v[j] + " ")
		}
		body.WriteString(text(words))
		date := time.Date(2011+rnd.IntN(16), time.Month(1+rnd.IntN(12)), 1+rnd.IntN(28), 0, 0, 0, 0, time.UTC)
		in.Docs = append(in.Docs, search.Doc{URL: fmt.Sprintf("/e/%d/", i), Lang: l, Title: text(6), Date: date,
			DateText: date.Format("2 January 2006"), Location: text(1), Region: fixtureRegions[rnd.IntN(6)].Key,
			Kind: in.Kinds[rnd.IntN(2)].Key, Topics: []string{text(2)}, Summary: text(20), Body: body.String()})
	}
	return in
}

// typed returns what the search page fetches while a reader types word
// key by key: at each keystroke, the files of its query as the page asks
// it (Query.Typing, unless typing is false, as the page asked before it
// had Typing), then, after the pause, the files of the full query and of
// its first page of results. Each file counts once, gzipped, as the page
// keeps what it fetched; meta.json, loaded with the page, not at all.
// It is the most the page fetches: at a reader's pace, a keystroke's
// query is often given up when the next key comes.
func typed(t testing.TB, idx *search.Index, sizes map[string]int, word string, typing bool) (int, int) {
	t.Helper()
	s, err := search.NewSearcher(func(name string) ([]byte, error) {
		b, ok := idx.File(name)
		if !ok {
			return nil, os.ErrNotExist
		}
		return b, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	rs := []rune(word)
	for i := 1; i <= len(rs); i++ {
		if _, err := s.Search(search.Query{Text: string(rs[:i]), Typing: typing}); err != nil {
			t.Fatal(err)
		}
	}
	res, err := s.Search(search.Query{Text: word}) // the pause
	if err != nil {
		t.Fatal(err)
	}
	var ids []int
	for _, h := range res.Hits[:min(len(res.Hits), search.PageSize)] {
		ids = append(ids, h.Doc)
	}
	if _, err := s.Docs(ids); err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{"meta.json": true}
	files, n := 0, 0
	for _, f := range s.Fetched() {
		if !seen[f] {
			seen[f] = true
			if _, ok := sizes[f]; !ok {
				data, _ := idx.File(f)
				sizes[f] = gz(data)
			}
			files, n = files+1, n+sizes[f]
		}
	}
	return files, n
}

// TestTypingLargeVocabulary types words, some with a typo, into the search
// of 10,000 documents over a vocabulary of 72,000 words (English, French
// and Spanish), and checks that none fetches 150 KB (gzipped), the
// target of docs/performance.md for a first query, though every
// keystroke's query is fetched in full. Before Query.Typing, the one-edit
// matches and the prefix variants of every keystroke took the worst word
// past it.
func TestTypingLargeVocabulary(t *testing.T) {
	vocab := snowballVocabulary(t)
	idx, err := search.Build(context.Background(), vocabularyInput(vocab, 10000, 300), search.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if idx.Terms < 60000 {
		t.Fatalf("only %d words in the index", idx.Terms)
	}
	const limit = 150_000
	sizes := map[string]int{}
	worst, worstBefore := 0, 0
	for _, w := range []string{"consultation", "consultaton", "migration", "migraton", "réintégration", "reintegraton", "trafficking", "traffiking",
		"abandonner", "abandoner", "desarrollo", "desarollo", "gouvernement", "goverment", "refugees", "refugies", "labour", "labor"} {
		files, n := typed(t, idx, sizes, w, true)
		filesBefore, before := typed(t, idx, sizes, w, false)
		t.Logf("typing %q fetches %d files, %.1f KB (%d files, %.1f KB without Typing)", w, files, float64(n)/1e3, filesBefore, float64(before)/1e3)
		if n >= limit {
			t.Errorf("typing %q fetches %d files, %.1f KB gzipped: over %d KB", w, files, float64(n)/1e3, limit/1000)
		}
		worst, worstBefore = max(worst, n), max(worstBefore, before)
	}
	t.Logf("%d words, %d stem groups, %d files; the worst word: %.1f KB (%.1f KB without Typing)", idx.Terms, idx.Stems, len(idx.Files), float64(worst)/1e3, float64(worstBefore)/1e3)
}
