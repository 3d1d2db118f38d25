package synth_test

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/iom-cso/archive/generator"
	"github.com/iom-cso/archive/internal/synth"
)

func TestGenerateBuilds(t *testing.T) {
	fsys := synth.Generate(200, 1)
	files, copies, err := generator.Build(context.Background(), generator.Config{Content: fsys})
	if err != nil {
		t.Fatal(err)
	}
	events, bundles := 0, 0
	for name := range fsys {
		if strings.HasSuffix(name, ".md") && strings.Contains(name, "/") {
			events++
		}
		if strings.HasSuffix(name, "/index.md") {
			bundles++
		}
	}
	if events != 200 {
		t.Errorf("%d event files, want 200", events)
	}
	if bundles == 0 {
		t.Error("no page bundles")
	}
	pages := 0
	for p := range files {
		if strings.HasSuffix(p, "/index.html") && strings.Count(p, "/") == 2 && !strings.HasPrefix(p, "years/") && !strings.HasPrefix(p, "regions/") && !strings.HasPrefix(p, "topics/") {
			pages++
		}
	}
	if pages != 200 {
		t.Errorf("%d event pages built, want 200", pages)
	}
	if len(copies) != bundles {
		t.Errorf("%d attachments, want one per bundle (%d)", len(copies), bundles)
	}
}

func TestGenerateDeterministic(t *testing.T) {
	a, b := synth.Generate(200, 1), synth.Generate(200, 1)
	if len(a) != len(b) {
		t.Fatalf("%d files, then %d", len(a), len(b))
	}
	for name, f := range a {
		g, ok := b[name]
		if !ok || !bytes.Equal(f.Data, g.Data) {
			t.Fatalf("%s differs between two runs", name)
		}
	}
	c := synth.Generate(200, 2)
	same := 0
	for name, f := range a {
		if g, ok := c[name]; ok && bytes.Equal(f.Data, g.Data) {
			same++
		}
	}
	if same == len(a) {
		t.Error("seeds 1 and 2 give the same archive")
	}
}

func TestBodies(t *testing.T) {
	fsys := synth.Generate(100, 3)
	for name, f := range fsys {
		if !strings.HasSuffix(name, ".md") || !strings.Contains(name, "/") {
			continue
		}
		_, body, _ := strings.Cut(strings.TrimPrefix(string(f.Data), "---\n"), "\n---\n")
		n := len(strings.Fields(body))
		if n < 300 || n > 1000 {
			t.Errorf("%s: body of %d words", name, n)
		}
	}
}

// TestGenerateWithDirectory: the organizations and the topic vocabulary
// check clean (every organizer entry names one organization, every topic
// is declared), and the site has a page for each.
func TestGenerateWithDirectory(t *testing.T) {
	fsys := synth.GenerateWith(200, 1, synth.Options{Organizations: 30, Topics: 45})
	problems, err := generator.Check(context.Background(), generator.Config{Content: fsys})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range problems {
		t.Errorf("%v", p)
	}
	files, _, err := generator.Build(context.Background(), generator.Config{Content: fsys})
	if err != nil {
		t.Fatal(err)
	}
	orgs, topics := 0, 0
	for p := range files {
		if strings.HasPrefix(p, "organizations/") && strings.Count(p, "/") == 2 {
			orgs++
		}
		if strings.HasPrefix(p, "topics/") && strings.Count(p, "/") == 2 {
			topics++
		}
	}
	if orgs != 30 || topics != 45 {
		t.Errorf("%d organization pages and %d topic pages, want 30 and 45", orgs, topics)
	}
}

// TestGenerateWithNothing: Options{} is Generate's archive, byte for byte.
func TestGenerateWithNothing(t *testing.T) {
	a, b := synth.Generate(50, 4), synth.GenerateWith(50, 4, synth.Options{})
	if len(a) != len(b) {
		t.Fatalf("%d files, then %d", len(a), len(b))
	}
	for name, f := range a {
		if g := b[name]; g == nil || string(g.Data) != string(f.Data) {
			t.Errorf("%s differs", name)
		}
	}
}

// TestTranslateBuilds: a synthetic archive with a third of its events
// translated into each of French and Spanish builds, with a page under
// /fr/ and /es/ for each translation, and the directory and the topic
// pages in each language.
func TestTranslateBuilds(t *testing.T) {
	fsys := synth.GenerateWith(60, 1, synth.Options{Organizations: 10, Topics: 12})
	synth.Translate(fsys, []string{"fr", "es"}, 3)
	files, _, err := generator.Build(context.Background(), generator.Config{Content: fsys})
	if err != nil {
		t.Fatal(err)
	}
	for _, lang := range []string{"fr", "es"} {
		n := 0
		for name := range fsys {
			if strings.HasSuffix(name, "."+lang+".md") {
				n++
			}
		}
		pages, orgs, topics := 0, 0, 0
		for p := range files {
			switch {
			case !strings.HasPrefix(p, lang+"/") || !strings.HasSuffix(p, "/index.html") || strings.Count(p, "/") != 3:
			case strings.HasPrefix(p, lang+"/organizations/"):
				orgs++
			case strings.HasPrefix(p, lang+"/topics/"):
				topics++
			case !strings.HasPrefix(p, lang+"/years/") && !strings.HasPrefix(p, lang+"/regions/"):
				pages++
			}
		}
		if n != 20 || pages != n {
			t.Errorf("%s: %d translations, %d event pages; want 20 of each", lang, n, pages)
		}
		if orgs != 10 || topics != 12 {
			t.Errorf("%s: %d organization pages and %d topic pages, want 10 and 12", lang, orgs, topics)
		}
	}
}
