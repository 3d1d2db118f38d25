package search

import (
	"encoding/json"
	"fmt"
	"os"
	"slices"
	"testing"
	"time"
)

// matchTable is testdata/match.json: documents, and what queries find in
// them, in order, with the tier of each hit.
type matchTable struct {
	Language string      `json:"language"`
	Topics   [][2]string `json:"topics"` // the topic facet: [key, name]
	Docs     []struct {
		URL, Date, Title, Summary, Body, Lang string
		Topics                                []string
	} `json:"docs"`
	Queries []struct {
		Q     string      `json:"q"`
		Topic string      `json:"topic"` // the topic facet's value; "" for all
		Hits  [][2]string `json:"hits"`
		// TopicCounts and TopicTotal are Result.Topics and
		// Result.TopicTotal, when given.
		TopicCounts []int `json:"topic_counts"`
		TopicTotal  *int  `json:"topic_total"`
	} `json:"queries"`
}

var tierNames = map[int]string{TierExact: "exact", TierPrefix: "prefix", TierStem: "stem", TierEdit: "edit"}

// MatchTable returns testdata/match.json and the index input it describes;
// the browser test uses it too.
func MatchTable(t testing.TB) (matchTable, Input) {
	t.Helper()
	data, err := os.ReadFile("testdata/match.json")
	if err != nil {
		t.Fatal(err)
	}
	var mt matchTable
	if err := json.Unmarshal(data, &mt); err != nil {
		t.Fatal(err)
	}
	in := Input{Language: mt.Language, Kinds: testKinds, Regions: testRegions}
	for _, t := range mt.Topics {
		in.Topics = append(in.Topics, Facet{Key: t[0], Name: t[1]})
	}
	for _, d := range mt.Docs {
		date, err := time.Parse("2006-01-02", d.Date)
		if err != nil {
			t.Fatal(err)
		}
		in.Docs = append(in.Docs, Doc{URL: d.URL, Title: d.Title, Date: date, DateText: d.Date, Location: "Online",
			Region: "global", Kind: "annual", TopicKeys: d.Topics, Summary: d.Summary, Body: d.Body, Lang: d.Lang})
	}
	return mt, in
}

// TestMatchTable checks stems, one-edit matches and their ranking against
// testdata/match.json, with the index in one file of each kind and split
// into many.
func TestMatchTable(t *testing.T) {
	mt, in := MatchTable(t)
	for _, opts := range []Options{{}, {DictBytes: 60, PostingsBytes: 60, NearBytes: 60, DocsPerChunk: 2}} {
		s := searcher(t, mustBuild(t, in, opts))
		for _, q := range mt.Queries {
			res, err := s.Search(Query{Text: q.Q, Topic: q.Topic})
			if err != nil {
				t.Fatal(err)
			}
			ids := make([]int, len(res.Hits))
			for i, h := range res.Hits {
				ids[i] = h.Doc
			}
			docs, err := s.Docs(ids)
			if err != nil {
				t.Fatal(err)
			}
			got := [][2]string{}
			for i, d := range docs {
				got = append(got, [2]string{d.URL, tierNames[res.Hits[i].Tier]})
			}
			if want := append([][2]string{}, q.Hits...); !slices.Equal(got, want) {
				t.Errorf("%q (%+v): got %v, want %v", q.Q, opts, got, want)
			}
			if q.TopicCounts != nil && !slices.Equal(res.Topics, q.TopicCounts) {
				t.Errorf("%q topic %q: topic counts %v, want %v", q.Q, q.Topic, res.Topics, q.TopicCounts)
			}
			if q.TopicTotal != nil && res.TopicTotal != *q.TopicTotal {
				t.Errorf("%q topic %q: topic total %d, want %d", q.Q, q.Topic, res.TopicTotal, *q.TopicTotal)
			}
		}
	}
}

// TestMatchedWords checks what the page highlights: the words of the
// index each query word matched.
func TestMatchedWords(t *testing.T) {
	_, in := MatchTable(t)
	s := searcher(t, mustBuild(t, in, Options{}))
	for q, want := range map[string]string{
		"labor":       "[[labour]]",
		"migrating ":  "[[migrating migration migrations]]",
		"reunions":    "[[reunion]]",
		"policy ret":  "[[policies policy] [retrouvees return]]",
		"consultaton": "[[consultation consultaton]]",
	} {
		res, err := s.Search(Query{Text: q})
		if err != nil {
			t.Fatal(err)
		}
		if got := fmt.Sprint(res.Words); got != want {
			t.Errorf("%q matched %s, want %s", q, got, want)
		}
	}
}

// TestTyping checks what a query asks while the reader types its last
// word (Query.Typing): no one-edit matches for that word, and half as
// many prefix variants; a word followed by a space matches in full.
func TestTyping(t *testing.T) {
	_, in := MatchTable(t)
	s := searcher(t, mustBuild(t, in, Options{}))
	count := func(q Query) (int, []string) {
		t.Helper()
		res, err := s.Search(q)
		if err != nil {
			t.Fatal(err)
		}
		var words []string
		for _, w := range res.Words {
			words = append(words, w...)
		}
		return len(res.Hits), words
	}
	for _, c := range []struct {
		q    Query
		hits int
	}{
		{Query{Text: "labor", Typing: true}, 0}, // "labour" is one edit away: after the pause
		{Query{Text: "labor"}, 3},
		{Query{Text: "labor ", Typing: true}, 3}, // a word typed in full
		{Query{Text: "migration labor", Typing: true}, 0},
		{Query{Text: "migration labor"}, 1},
		{Query{Text: "labor migr", Typing: true}, 1}, // only the last word waits
	} {
		if n, words := count(c.q); n != c.hits {
			t.Errorf("%+v: %d hits (%q), want %d", c.q, n, words, c.hits)
		}
	}
	_, typing := count(Query{Text: "mig", Typing: true})
	_, full := count(Query{Text: "mig"})
	if len(typing) != TypingExpansions("mig") || len(full) != Expansions("mig") {
		t.Errorf("mig stands for %q while typed, %q in full: want %d and %d words", typing, full, TypingExpansions("mig"), Expansions("mig"))
	}
}
