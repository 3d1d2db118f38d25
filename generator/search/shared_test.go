package search

import (
	"bytes"
	"maps"
	"strings"
	"testing"
)

// languages returns the inputs of the indexes of a site in English, French
// and Spanish over the documents of randomInput: a third translated into
// French, another into Spanish, the rest in English in all three; the
// facet names and Extra differ by language, and share words with the
// texts, so that a word is in a shared text and in a document's own
// fields too. Doc.Shares counts, as the generator does, the later
// languages without a translation.
func languages(n int, seed uint64) [3]Input {
	base := randomInput(n, seed)
	// A word counted past what a packed count holds, and words in
	// several text fields, which are kept unpacked.
	base.Docs[0].Body += strings.Repeat(" labour", maxPacked+5)
	base.Docs[1].Title += " " + base.Docs[1].Body
	// A record written in French, whose words stem together only with
	// their accents (the spellings a shared text keeps).
	base.Docs[2].Lang = "fr"
	base.Docs[2].Body += " abandonnée abandonner"
	var out [3]Input
	for l, lang := range []string{"en", "fr", "es"} {
		in := Input{Language: lang, Kinds: base.Kinds, Regions: base.Regions}
		for i, d := range base.Docs {
			if l > 0 {
				d.Topics = []string{d.Topics[0] + " " + lang, "réunion"}
				d.Extra = lang + " " + d.Extra + " " + strings.Fields(d.Body)[0] + " Réunion"
				if i%3 == l-1 {
					d.Title, d.Summary, d.Body = lang+" "+d.Title, lang+" "+d.Summary, d.Body+" "+lang
					d.URL = "/" + lang + d.URL
					d.Lang = lang
				} else if d.Lang == "" {
					d.Lang = "en"
				}
			}
			if tr := i%3 + 1; tr != l { // 3: in no other language
				for later := l + 1; later < 3; later++ {
					if tr != later {
						d.Shares++
					}
				}
			}
			in.Docs = append(in.Docs, d)
		}
		out[l] = in
	}
	return out
}

// TestSharedSameIndex: the indexes of three languages built one after
// another with a Shared, reading each shared text once, are the bytes of
// those built each alone.
func TestSharedSameIndex(t *testing.T) {
	for seed := range uint64(3) {
		ins := languages(90, seed)
		sh := NewShared()
		for l, in := range ins {
			want := mustBuild(t, in, Options{DictBytes: 500})
			got := mustBuild(t, in, Options{DictBytes: 500, Shared: sh})
			if !maps.EqualFunc(got.Files, want.Files, bytes.Equal) || !maps.EqualFunc(got.Texts, want.Texts, bytes.Equal) {
				for name, data := range want.Files {
					if !bytes.Equal(data, got.Files[name]) {
						t.Errorf("seed %d, %s: %s differs with a Shared", seed, in.Language, name)
					}
				}
				t.Fatalf("seed %d, %s: the index differs with a Shared", seed, in.Language)
			}
			kept := 0
			for _, d := range in.Docs {
				if d.Shares > 0 {
					kept++
				}
			}
			if l == 0 && len(sh.texts) != kept {
				t.Errorf("seed %d: %d texts kept after the first index, want %d", seed, len(sh.texts), kept)
			}
		}
		if len(sh.texts) != 0 {
			t.Errorf("seed %d: %d texts kept after the last index", seed, len(sh.texts))
		}
	}
}

// TestSharedRead: a Build reads again only the texts no earlier Build
// kept: none of the untranslated documents of the second language's index.
func TestSharedRead(t *testing.T) {
	ins := languages(30, 9)
	sh := NewShared()
	mustBuild(t, ins[0], Options{Shared: sh})
	for i, d := range ins[1].Docs {
		if got := sh.take(textKey(&d, 12<<10)) != nil; got != (i%3 != 0) {
			t.Errorf("document %d (%s): kept %v", i, d.URL, got)
		}
	}
	if n := len(sh.texts); n != 10+10 { // for the Spanish index: i%3 == 0, and 2
		t.Errorf("%d texts kept for the third index, want 20", n)
	}
}
