package search

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"math/rand/v2"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

var (
	testKinds   = []Facet{{"annual", "Annual Consultation"}, {"regional", "Regional Consultation"}}
	testRegions = []Facet{{"global", "Global"}, {"africa", "Africa"}, {"asia", "Asia"}}
)

func day(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC) }

// filler is body text that matches none of the test queries.
var filler = strings.Repeat("The participants discussed partnership, cooperation and the next steps of the dialogue. ", 6)

func mustBuild(t testing.TB, in Input, opts Options) *Index {
	t.Helper()
	idx, err := Build(context.Background(), in, opts)
	if err != nil {
		t.Fatal(err)
	}
	return idx
}

func searcher(t testing.TB, idx *Index) *Searcher {
	t.Helper()
	s, err := NewSearcher(func(name string) ([]byte, error) {
		b, ok := idx.File(name)
		if !ok {
			return nil, os.ErrNotExist
		}
		return b, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// urls returns the URLs of the hits of q, in order: those of at least
// the tier given, or all.
func urls(t *testing.T, s *Searcher, q Query, tier ...int) []string {
	t.Helper()
	res, err := s.Search(q)
	if err != nil {
		t.Fatal(err)
	}
	var ids []int
	for _, h := range res.Hits {
		if len(tier) == 0 || h.Tier >= tier[0] {
			ids = append(ids, h.Doc)
		}
	}
	docs, err := s.Docs(ids)
	if err != nil {
		t.Fatal(err)
	}
	out := make([]string, len(docs))
	for i, d := range docs {
		out[i] = d.URL
	}
	return out
}

// rankingInput is a fixture whose expected orders are obvious.
func rankingInput() Input {
	doc := func(url string, date time.Time, region, title, summary, body string, topics ...string) Doc {
		return Doc{URL: url, Title: title, Date: date, DateText: date.Format("2 January 2006"), Location: "Geneva, Switzerland",
			Region: region, Kind: "annual", Summary: summary, Body: body + " " + filler, Topics: topics}
	}
	return Input{Kinds: testKinds, Regions: testRegions, Docs: []Doc{
		doc("/body/", day(2015, 1, 1), "global", "A meeting", "A meeting of partners.", "One session touched on trafficking in persons."),
		doc("/title/", day(2013, 1, 1), "africa", "Trafficking in persons", "A meeting of partners.", "The session."),
		doc("/summary/", day(2014, 1, 1), "asia", "A meeting", "Partners discussed trafficking.", "The session."),
		doc("/topic/", day(2012, 1, 1), "africa", "A meeting", "A meeting of partners.", "The session.", "human-trafficking"),
		doc("/none/", day(2016, 1, 1), "global", "Labour migration", "Migrants and their rights.", "Migration and development."),
		doc("/prefix-title/", day(2017, 1, 1), "global", "Migrants' rights", "Rights of migrants.", "Migrants and their families."),
		doc("/exact-body/", day(2011, 1, 1), "asia", "A meeting", "A meeting of partners.", "One migrant spoke."),
		doc("/twin-old/", day(2010, 1, 1), "global", "Remittances", "Remittances.", "Remittances."),
		doc("/twin-new/", day(2018, 1, 1), "global", "Remittances", "Remittances.", "Remittances."),
	}}
}

func TestRanking(t *testing.T) {
	s := searcher(t, mustBuild(t, rankingInput(), Options{}))
	// want lists URLs in order, but /title/ and /topic/ may come in
	// either order when next to each other: title and topics weigh the same.
	canon := func(urls []string) []string {
		out := slices.Clone(urls)
		for i := 0; i+1 < len(out); i++ {
			if out[i] == "/topic/" && out[i+1] == "/title/" {
				out[i], out[i+1] = out[i+1], out[i]
			}
		}
		return out
	}
	for _, c := range []struct {
		q    Query
		want []string
	}{
		// Title and topics (which weigh the same) above summary above body.
		{Query{Text: "trafficking "}, []string{"/topic/", "/title/", "/summary/", "/body/"}},
		// The word being typed matches as a prefix.
		{Query{Text: "traff"}, []string{"/topic/", "/title/", "/summary/", "/body/"}},
		// Exact above prefix: "migrant" in a body beats "migrants" in a title.
		{Query{Text: "migrant"}, []string{"/exact-body/", "/prefix-title/", "/none/"}},
		{Query{Text: "MIGRANT"}, []string{"/exact-body/", "/prefix-title/", "/none/"}},
		// Every word must match; only the last is a prefix.
		{Query{Text: "rights migr"}, []string{"/prefix-title/", "/none/"}},
		{Query{Text: "rights migr "}, nil},
		// Equal scores: newest first.
		{Query{Text: "remittances"}, []string{"/twin-new/", "/twin-old/"}},
		// Facets.
		{Query{Text: "trafficking", Region: "africa"}, []string{"/topic/", "/title/"}},
		{Query{Text: "trafficking", Year: 2014}, []string{"/summary/"}},
		{Query{Text: "trafficking", Region: "mars"}, nil},
		// Facets alone list their events, newest first.
		{Query{Region: "asia"}, []string{"/summary/", "/exact-body/"}},
		// Nothing to search for.
		{Query{Text: "t"}, nil},
		{Query{Text: "zzz"}, nil},
	} {
		if got := urls(t, s, c.q); !slices.Equal(canon(got), canon(c.want)) {
			t.Errorf("%+v: got %q, want %q", c.q, got, c.want)
		}
	}
}

func TestFacetCounts(t *testing.T) {
	s := searcher(t, mustBuild(t, rankingInput(), Options{}))
	res, err := s.Search(Query{Text: "trafficking", Region: "africa"})
	if err != nil {
		t.Fatal(err)
	}
	// Regions count as if no region were chosen; years and kinds within Africa.
	if want := []int{1, 2, 1}; !slices.Equal(res.Regions, want) {
		t.Errorf("regions = %v, want %v", res.Regions, want)
	}
	years := map[int]int{}
	for i, n := range res.Years {
		if n > 0 {
			years[s.meta.Years[i]] = n
		}
	}
	if fmt.Sprint(years) != "map[2012:1 2013:1]" {
		t.Errorf("years = %v", years)
	}
	if want := []int{2, 0}; !slices.Equal(res.Kinds, want) {
		t.Errorf("kinds = %v, want %v", res.Kinds, want)
	}
	res, _ = s.Search(Query{})
	if res.Active || len(res.Hits) != 0 || res.Regions[0] != 5 {
		t.Errorf("empty query: active=%v hits=%d regions=%v", res.Active, len(res.Hits), res.Regions)
	}
}

// randomInput makes n documents over a vocabulary large enough to need
// many shards, with accents, non-Latin scripts and supplementary-plane
// letters among the words.
func randomInput(n int, seed uint64) Input {
	rnd := rand.New(rand.NewPCG(seed, seed+1))
	syll := []string{"mi", "gra", "tion", "ré", "fu", "gié", "ka", "lo", "sa", "ño", "δι", "κη", "هج", "رة", "𝐌", "ﬁ", "ss", "ø"}
	vocab := make([]string, 600)
	for i := range vocab {
		var b strings.Builder
		for range 1 + rnd.IntN(4) {
			b.WriteString(syll[rnd.IntN(len(syll))])
		}
		vocab[i] = b.String()
	}
	text := func(words int) string {
		var b strings.Builder
		for i := range words {
			if i > 0 {
				b.WriteString([]string{" ", ", ", "-", " (", "’"}[rnd.IntN(5)])
			}
			b.WriteString(vocab[int(float64(len(vocab))*rnd.Float64()*rnd.Float64())]) // skewed, like real text
		}
		return b.String()
	}
	in := Input{Kinds: testKinds, Regions: testRegions}
	for i := range n {
		in.Docs = append(in.Docs, Doc{
			URL: "/e/" + strconv.Itoa(i) + "/", Title: text(5), Date: day(2011+rnd.IntN(8), 1+rnd.IntN(12), 1+rnd.IntN(28)),
			Location: text(2), Region: testRegions[rnd.IntN(3)].Key, Kind: testKinds[rnd.IntN(2)].Key,
			Topics: []string{text(2), text(1)}, Summary: text(15), Body: text(60 + rnd.IntN(100)), Extra: text(3),
		})
	}
	return in
}

// TestSplitting checks a finely split index: every word is in exactly one
// dictionary shard and one postings block, shards and blocks hold
// consecutive words, every document is in one chunk, and every word of
// every document is found, with exactly the documents that hold it.
func TestSplitting(t *testing.T) {
	in := randomInput(120, 7)
	idx := mustBuild(t, in, Options{DictBytes: 300, PostingsBytes: 400, DocsPerChunk: 7})
	var m meta
	if err := json.Unmarshal(idx.Files["meta.json"], &m); err != nil {
		t.Fatal(err)
	}
	if len(m.Dict) < 10 {
		t.Fatalf("only %d dictionary shards; the test needs many", len(m.Dict))
	}

	// Dictionary shards: consecutive, sorted, no word twice.
	var all []dictEntry
	for i := range m.Dict {
		var raw struct{ W, G []any }
		if err := json.Unmarshal(idx.Files["dict/"+strconv.Itoa(i)+".json"], &raw); err != nil {
			t.Fatal(err)
		}
		if raw.W[0] != m.Dict[i] {
			t.Errorf("shard %d starts with %q, meta says %q", i, raw.W[0], m.Dict[i])
		}
		for j := 0; j < len(raw.W); j += 4 {
			all = append(all, dictEntry{term: raw.W[j].(string), idf: int(raw.W[j+1].(float64)), block: int(raw.W[j+2].(float64))})
			if g := int(raw.W[j+3].(float64)); g < 0 || 3*g > len(raw.G) {
				t.Errorf("%q: group %d of %d in its shard", raw.W[j], g, len(raw.G)/3)
			}
		}
	}
	if _, ok := idx.Files["dict/"+strconv.Itoa(len(m.Dict))+".json"]; ok {
		t.Error("a dictionary shard is missing from meta.json")
	}
	for i := 1; i < len(all); i++ {
		if !jsLess(all[i-1].term, all[i].term) {
			t.Fatalf("words %q and %q out of order or repeated", all[i-1].term, all[i].term)
		}
	}
	if len(all) != idx.Terms {
		t.Errorf("%d words in the dictionary, %d indexed", len(all), idx.Terms)
	}

	// Postings blocks: each word in the block its entry names, and nowhere else.
	inBlock := map[string]int{}
	blocks := 0
	for name, data := range idx.Files {
		if !strings.HasPrefix(name, "post/") {
			continue
		}
		blocks++
		b, _ := strconv.Atoi(strings.TrimSuffix(strings.TrimPrefix(name, "post/"), ".json"))
		var words map[string]json.RawMessage
		if err := json.Unmarshal(data, &words); err != nil {
			t.Fatal(err)
		}
		for w := range words {
			if strings.HasSuffix(w, " ") {
				continue // a stem group
			}
			if prev, ok := inBlock[w]; ok {
				t.Errorf("%q in blocks %d and %d", w, prev, b)
			}
			inBlock[w] = b
		}
	}
	if blocks < 10 {
		t.Errorf("only %d postings blocks; the test needs many", blocks)
	}
	for _, e := range all {
		if b, ok := inBlock[e.term]; !ok || b != e.block {
			t.Errorf("%q: dictionary says block %d, found in %d (%v)", e.term, e.block, b, ok)
		}
	}
	if len(inBlock) != len(all) {
		t.Errorf("%d words in blocks, %d in the dictionary", len(inBlock), len(all))
	}

	// Every document in one chunk, with one text file.
	seen := map[string]int{}
	for k := 0; ; k++ {
		data, ok := idx.Files["docs/"+strconv.Itoa(k)+".json"]
		if !ok {
			break
		}
		var chunk [][]string
		if err := json.Unmarshal(data, &chunk); err != nil {
			t.Fatal(err)
		}
		if len(chunk) > 7 {
			t.Errorf("chunk %d has %d documents", k, len(chunk))
		}
		for _, d := range chunk {
			seen[d[0]]++
		}
	}
	for _, d := range in.Docs {
		if seen[d.URL] != 1 {
			t.Errorf("%s in %d chunks", d.URL, seen[d.URL])
		}
	}
	texts := map[string]bool{}
	for k := 0; ; k++ {
		data, ok := idx.Files["docs/"+strconv.Itoa(k)+".json"]
		if !ok {
			break
		}
		var chunk [][]string
		json.Unmarshal(data, &chunk)
		for _, d := range chunk {
			if _, ok := idx.File(TextFolder + d[5] + ".json"); !ok {
				t.Errorf("%s: no text file %s", d[0], d[5])
			}
			texts[d[5]+".json"] = true
		}
	}
	for name := range idx.Texts {
		if !texts[name] {
			t.Errorf("text file %s: no document refers to it", name)
		}
	}

	// Every word findable, with exactly its documents.
	s := searcher(t, idx)
	holders := map[string]map[string]bool{}
	for _, d := range in.Docs {
		var words []string
		for _, f := range append([]string{d.Title, d.Location, d.Summary, d.Body, d.Extra, strconv.Itoa(d.Date.Year())}, d.Topics...) {
			words = append(words, Tokens(f)...)
		}
		for _, w := range words {
			if holders[w] == nil {
				holders[w] = map[string]bool{}
			}
			holders[w][d.URL] = true
		}
	}
	if len(holders) != idx.Terms {
		t.Errorf("%d distinct words in the documents, %d indexed", len(holders), idx.Terms)
	}
	for w, docs := range holders {
		got := urls(t, s, Query{Text: w + " "}, TierExact)
		if len(got) != len(docs) {
			t.Errorf("%q: %d hits, want %d", w, len(got), len(docs))
			continue
		}
		for _, u := range got {
			if !docs[u] {
				t.Errorf("%q: hit %s does not hold it", w, u)
			}
		}
	}

	// Prefixes find the most common words that start with them, across
	// shard boundaries.
	for _, prefix := range []string{"mi", "ré", "gr", "ss", "δι", "هج", "𝐌", "migr", "gié", "réfu", "𝐌𝐢"} {
		pn := Normalize(prefix)
		var want []dictEntry
		for _, e := range all {
			if e.term != pn && strings.HasPrefix(e.term, pn) {
				want = append(want, e)
			}
		}
		slices.SortStableFunc(want, func(a, b dictEntry) int { return cmp.Compare(a.idf, b.idf) })
		want = want[:min(len(want), Expansions(pn))]
		got, err := s.expand(pn, Expansions(pn))
		if err != nil {
			t.Fatal(err)
		}
		for i := range got {
			got[i].group = nil
		}
		if !slices.Equal(got, want) {
			t.Errorf("expand(%q) = %v, want %v", pn, got, want)
		}
	}
}

// TestOneWordFetches checks that a one-word query reads one dictionary
// shard, only the postings blocks of its words, and, for a word long
// enough to match with one edit, a shard of the one-edit index per key.
func TestOneWordFetches(t *testing.T) {
	in := randomInput(300, 9)
	in.Language = "en"
	idx := mustBuild(t, in, Options{DictBytes: 400, PostingsBytes: 400, NearBytes: 400})
	count := func(s *Searcher) map[string]int {
		n := map[string]int{}
		for _, name := range s.Fetched() {
			n[strings.SplitN(name, "/", 2)[0]]++
		}
		return n
	}
	s := searcher(t, idx)
	if _, err := s.Search(Query{Text: "kalo "}); err != nil { // four letters: no edits
		t.Fatal(err)
	}
	f := s.Fetched()
	if len(f) > 4 || f[0] != "meta.json" || !strings.HasPrefix(f[1], "dict/") || count(s)["near"] > 0 {
		t.Errorf("an exact word fetched %q", f)
	}
	for _, q := range []string{"migration ", "kalosa ", "sations "} {
		s = searcher(t, idx)
		if _, err := s.Search(Query{Text: q}); err != nil {
			t.Fatal(err)
		}
		n := count(s)
		if n["dict"] != 1 || n["near"] == 0 || n["near"] > len(signatures([]rune(q[:len(q)-1]))) || n["post"] > 2+MaxExpansions {
			t.Errorf("%q fetched %q", q, s.Fetched())
		}
	}
	s = searcher(t, idx)
	if _, err := s.Search(Query{Text: "gra"}); err != nil {
		t.Fatal(err)
	}
	if posts := count(s)["post"]; posts == 0 || posts > MaxExpansions+1 {
		t.Errorf("a prefix fetched %d postings blocks: %q", posts, s.Fetched())
	}
}

func TestDeterministic(t *testing.T) {
	in := randomInput(60, 11)
	a := mustBuild(t, in, Options{DictBytes: 500})
	rnd := rand.New(rand.NewPCG(5, 6))
	rnd.Shuffle(len(in.Docs), func(i, j int) { in.Docs[i], in.Docs[j] = in.Docs[j], in.Docs[i] })
	b := mustBuild(t, in, Options{DictBytes: 500})
	if a.Version != b.Version || len(a.Files) != len(b.Files) || len(a.Texts) != len(b.Texts) {
		t.Fatalf("versions %s and %s, %d and %d files, %d and %d texts", a.Version, b.Version, len(a.Files), len(b.Files), len(a.Texts), len(b.Texts))
	}
	for name, data := range a.Files {
		if !bytes.Equal(data, b.Files[name]) {
			t.Errorf("%s differs between two builds", name)
		}
	}
	for name, data := range a.Texts {
		if !bytes.Equal(data, b.Texts[name]) {
			t.Errorf("text %s differs between two builds", name)
		}
	}
	in.Docs[0].Title += " changed"
	if c := mustBuild(t, in, Options{DictBytes: 500}); c.Version == a.Version {
		t.Error("the version did not change with the content")
	}
}

func TestBuildErrors(t *testing.T) {
	in := rankingInput()
	in.Docs[0].Region = "mars"
	if _, err := Build(context.Background(), in, Options{}); err == nil || !strings.Contains(err.Error(), `unknown region "mars"`) {
		t.Errorf("unknown region: %v", err)
	}
	in = rankingInput()
	in.Docs[0].Kind = "x"
	if _, err := Build(context.Background(), in, Options{}); err == nil {
		t.Error("unknown kind: no error")
	}
	idx := mustBuild(t, Input{Kinds: testKinds, Regions: testRegions}, Options{})
	s := searcher(t, idx)
	if res, err := s.Search(Query{Text: "anything"}); err != nil || len(res.Hits) != 0 {
		t.Errorf("empty index: %v, %v", res, err)
	}
}

func TestCut(t *testing.T) {
	for _, c := range []struct {
		s    string
		n    int
		want string
	}{
		{"short", 10, "short"},
		{"one two three four", 10, "one two"},
		{"ééééé", 5, "éé"},
		{"abcdefghij", 5, "abcde"},
	} {
		if got := cut(c.s, c.n); got != c.want {
			t.Errorf("cut(%q, %d) = %q, want %q", c.s, c.n, got, c.want)
		}
	}
}

// TestCache checks that a Build with a Cache gives the same bytes as one
// without, after edits, additions and removals, and that the cache drops
// the documents that are gone.
func TestCache(t *testing.T) {
	c := NewCache()
	in := randomInput(50, 13)
	in.Language = "en" // stems too, cached from one build to the next
	for round := range 4 {
		switch round {
		case 1:
			in.Docs[3].Body += " edited"
		case 2:
			in.Docs = append(in.Docs[:10], in.Docs[11:]...)
		case 3:
			in.Docs = append(in.Docs, Doc{URL: "/new/", Title: "Nouvelles réunions", Date: day(2020, 1, 1), Region: "global", Kind: "annual", Lang: "fr"})
		}
		want := mustBuild(t, in, Options{DictBytes: 500})
		got := mustBuild(t, in, Options{DictBytes: 500, Cache: c})
		if got.Version != want.Version || len(got.Files) != len(want.Files) || len(got.Texts) != len(want.Texts) {
			t.Fatalf("round %d: cached build differs", round)
		}
		for name, data := range want.Files {
			if !bytes.Equal(data, got.Files[name]) {
				t.Errorf("round %d: %s differs with the cache", round, name)
			}
		}
		for name, data := range want.Texts {
			if !bytes.Equal(data, got.Texts[name]) {
				t.Errorf("round %d: text %s differs with the cache", round, name)
			}
		}
		if c.docs.Len() != len(in.Docs) {
			t.Errorf("round %d: %d documents cached, %d built", round, c.docs.Len(), len(in.Docs))
		}
	}
}

// TestDocLang: a document written in another language than the index's
// (an untranslated record in the French index) keeps its language in the
// index, for the page to mark its title and text with lang= and a label;
// documents in the index's language, said or implied, carry none, and
// their entries stay six fields long.
func TestDocLang(t *testing.T) {
	in := Input{Language: "fr", Kinds: testKinds, Regions: testRegions, Docs: []Doc{
		{URL: "/fr/a/", Title: "Migrants et développement", Date: day(2013, 9, 12), Region: "global", Kind: "annual", Summary: "Le dialogue."},
		{URL: "/b/", Title: "Asia Regional Consultation", Date: day(2017, 6, 1), Region: "asia", Kind: "regional", Summary: "The dialogue.", Lang: "en"},
		{URL: "/fr/c/", Title: "Séance", Date: day(2018, 1, 1), Region: "africa", Kind: "regional", Summary: "La séance.", Lang: "fr"},
	}}
	idx := mustBuild(t, in, Options{})
	got, err := searcher(t, idx).Docs([]int{0, 1, 2})
	if err != nil {
		t.Fatal(err)
	}
	for i, want := range []string{"", "en", ""} {
		if got[i].Lang != want {
			t.Errorf("%s: Lang %q, want %q", got[i].URL, got[i].Lang, want)
		}
	}
	if chunk := string(idx.Files["docs/0.json"]); strings.Count(chunk, `"en"]`) != 1 || strings.Count(chunk, `"fr"]`) != 0 {
		t.Errorf("docs/0.json: %s", chunk)
	}
}

// TestTextShared: two indexes that share a folder of text files through
// Options.Claim (a site's languages) hold a text the two have once, in
// the index that claimed it first; each document refers to its text by
// the same name in both, and a Searcher of either reads it.
func TestTextShared(t *testing.T) {
	en := Input{Language: "en", Kinds: testKinds, Regions: testRegions, Docs: []Doc{
		{URL: "/a/", Title: "Migrants and development", Date: day(2013, 9, 12), Region: "global", Kind: "annual", Summary: "The dialogue.", Body: filler},
		{URL: "/b/", Title: "Asia Regional Consultation", Date: day(2017, 6, 1), Region: "asia", Kind: "regional", Summary: "In Bangkok.", Body: filler},
	}}
	fr := Input{Language: "fr", Kinds: testKinds, Regions: testRegions, Docs: []Doc{
		{URL: "/fr/a/", Title: "Migrants et développement", Date: day(2013, 9, 12), Region: "global", Kind: "annual", Summary: "Le dialogue.", Body: filler},
		{URL: "/b/", Title: "Asia Regional Consultation", Date: day(2017, 6, 1), Region: "asia", Kind: "regional", Summary: "In Bangkok.", Body: filler, Lang: "en"},
	}}
	claimed := map[string]bool{}
	claim := func(name string) bool {
		if claimed[name] {
			return false
		}
		claimed[name] = true
		return true
	}
	a := mustBuild(t, en, Options{Claim: claim})
	b := mustBuild(t, fr, Options{Claim: claim})
	if len(a.Texts) != 2 || len(b.Texts) != 1 {
		t.Fatalf("%d and %d text files, want 2 and 1 (the translated record's)", len(a.Texts), len(b.Texts))
	}
	// Both indexes as the site publishes them: the texts in one folder.
	texts := maps.Clone(a.Texts)
	maps.Copy(texts, b.Texts)
	var got [2][]DocInfo
	for i, idx := range []*Index{a, b} {
		s, err := NewSearcher(func(name string) ([]byte, error) {
			if t, ok := strings.CutPrefix(name, TextFolder); ok {
				if data, ok := texts[t]; ok {
					return data, nil
				}
			} else if data, ok := idx.Files[name]; ok {
				return data, nil
			}
			return nil, os.ErrNotExist
		})
		if err != nil {
			t.Fatal(err)
		}
		if got[i], err = s.Docs([]int{0, 1}); err != nil {
			t.Fatal(err)
		}
	}
	if got[0][0].Summary != "The dialogue." || got[1][0].Summary != "Le dialogue." || got[0][1].Summary != "In Bangkok." || got[1][1].Summary != "In Bangkok." {
		t.Errorf("summaries %q %q, %q %q", got[0][0].Summary, got[0][1].Summary, got[1][0].Summary, got[1][1].Summary)
	}
	// Without Claim, an index holds all its texts, and the same bytes.
	c := mustBuild(t, fr, Options{})
	if len(c.Texts) != 2 || !maps.EqualFunc(c.Files, b.Files, bytes.Equal) {
		t.Errorf("without Claim: %d text files, the index's files equal: %v", len(c.Texts), maps.EqualFunc(c.Files, b.Files, bytes.Equal))
	}
	for name, data := range c.Texts {
		if !bytes.Equal(data, texts[name]) {
			t.Errorf("%s differs with and without Claim", name)
		}
	}
}

// TestTextName: a document's text file is named by 32 hexadecimal digits
// whatever its text, and a Searcher refuses a docs chunk that names it
// otherwise, rather than fetch another file.
func TestTextName(t *testing.T) {
	in := Input{Language: "en", Kinds: testKinds, Regions: testRegions, Docs: []Doc{
		{URL: "/a/", Title: "A", Date: day(2013, 9, 12), Region: "global", Kind: "annual", Summary: "../../../etc/passwd", Body: "/../x.json\x00"},
	}}
	idx := mustBuild(t, in, Options{})
	for name := range idx.Texts {
		if !regexp.MustCompile(`^[0-9a-f]{32}\.json$`).MatchString(name) {
			t.Errorf("text file %q", name)
		}
	}
	chunk := string(idx.Files["docs/0.json"])
	for _, bad := range []string{"../../meta", "", "0123456789ABCDEF0123456789ABCDEF"} {
		idx.Files["docs/0.json"] = []byte(regexp.MustCompile(`"[0-9a-f]{32}"`).ReplaceAllLiteralString(chunk, strconv.Quote(bad)))
		_, err := searcher(t, idx).Docs([]int{0})
		if err == nil || !strings.Contains(err.Error(), "names no text file") {
			t.Errorf("text name %q: %v", bad, err)
		}
	}
}
