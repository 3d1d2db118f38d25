package search

import (
	"fmt"
	"runtime"
	"strings"
	"testing"
	"time"
)

// TestHostileText builds indexes of documents that stress stemming and
// the one-edit index, each within the bounds the content tests use for a
// hostile file (a minute, 64 MB allocated): Markdown files are at most 4 MB.
func TestHostileText(t *testing.T) {
	distinct := func(n int) string { // n different words of six letters
		var b strings.Builder
		for i := range n {
			w := []byte("aaaaaa")
			for j, k := 0, i; j < 6; j, k = j+1, k/26 {
				w[j] = byte('a' + k%26)
			}
			b.Write(w)
			b.WriteByte(' ')
		}
		return b.String()
	}
	for _, c := range []struct{ name, body, lang string }{
		{"a word of a million letters", strings.Repeat("abcdé", 200_000), "fr"},
		{"forty thousand different words", distinct(40_000), "en"},
		{"a letter with a thousand accents", "e" + strings.Repeat("\u0301", 1000) + " réunions", "fr"},
		{"a hundred thousand accented words", strings.Repeat("réunions régionales ", 50_000), "fr"},
	} {
		in := Input{Language: "en", Kinds: testKinds, Regions: testRegions, Docs: []Doc{
			{URL: "/hostile/", Title: "Hostile", Date: day(2020, 1, 1), Region: "global", Kind: "annual", Body: c.body, Lang: c.lang},
			{URL: "/other/", Title: "Réunion", Date: day(2021, 1, 1), Region: "global", Kind: "annual", Body: "Les réunions."},
		}}
		runtime.GC()
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		start := time.Now()
		done := make(chan *Index)
		go func() { done <- mustBuild(t, in, Options{}) }()
		var idx *Index
		select {
		case idx = <-done:
		case <-time.After(time.Minute): // a hang, not a loaded machine (markdown's hangTime)
			t.Fatalf("%s: the index was not built within a minute", c.name)
		}
		runtime.ReadMemStats(&after)
		alloc := after.TotalAlloc - before.TotalAlloc
		t.Logf("%s: %v, %.1f MB allocated, %d files", c.name, time.Since(start).Round(time.Millisecond), float64(alloc)/(1<<20), len(idx.Files))
		if alloc > 64<<20 {
			t.Errorf("%s: %.1f MB allocated; the bound is 64 MB", c.name, float64(alloc)/(1<<20))
		}
		if got := urls(t, searcher(t, idx), Query{Text: "reunion "}); len(got) == 0 || got[0] != "/other/" {
			t.Errorf("%s: reunion finds %q", c.name, got)
		}
	}
}

// TestNearShardsCapped checks that the one-edit index keeps to
// MaxNearShards files however small its shards were asked to be, and that
// every word is still found one edit away.
func TestNearShardsCapped(t *testing.T) {
	in := randomInput(200, 21)
	idx := mustBuild(t, in, Options{NearBytes: 1})
	s := searcher(t, idx)
	if n := len(s.meta.Near); n > MaxNearShards || n < MaxNearShards/2 {
		t.Errorf("%d shards in the one-edit index; want at most %d, and close to it", n, MaxNearShards)
	}
	small := mustBuild(t, in, Options{})
	for _, q := range []string{"migration", "kalosa", "fugiera"} {
		a, err := s.edits(q, false)
		if err != nil {
			t.Fatal(err)
		}
		b, err := searcher(t, small).edits(q, false)
		if err != nil {
			t.Fatal(err)
		}
		if fmt.Sprint(a) != fmt.Sprint(b) {
			t.Errorf("%q: %v with many shards, %v with few", q, a, b)
		}
	}
}
