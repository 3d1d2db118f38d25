package generator_test

import (
	"bytes"
	"context"
	"maps"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/iom-cso/archive/generator"
	"github.com/iom-cso/archive/generator/output"
)

// fixtureFS is the golden fixture as a MapFS, to edit.
func fixtureFS(t *testing.T) fstest.MapFS {
	t.Helper()
	fsys := fstest.MapFS{}
	if err := copyFS(fsys, fixtureConfig(t, false)); err != nil {
		t.Fatal(err)
	}
	return fsys
}

// TestNamesInPageLanguage: topic names, organization type headings and
// organizations' texts show in the page's language wherever they show;
// an organization without a translation shows its own text, marked with
// its language.
func TestNamesInPageLanguage(t *testing.T) {
	files := build(t, fixtureConfig(t, false))
	page := func(p string) string {
		t.Helper()
		return pageOf(t, files, p)
	}
	for _, c := range []struct {
		file string
		want []string
		not  []string
	}{
		{"fr/topics/index.html", []string{`>Migrations et développement</a>`, "Comment migrations et développement se façonnent mutuellement."}, []string{">Migration and development<"}},
		{"es/topics/index.html", []string{`>Migración y desarrollo</a>`}, nil},
		{"topics/index.html", []string{`>Migration and development</a>`}, nil},
		{"fr/topics/migration-and-development/index.html", []string{"<h1>Migrations et développement</h1>", `<title>Migrations et développement`}, nil},
		{"fr/annual-consultations/2013-migrants/index.html", []string{`href="/fr/topics/migration-and-development/">Migrations et développement</a>`, `href="/fr/organizations/iom/">Organisation internationale pour les migrations</a>`, `"name":"Organisation internationale pour les migrations"`}, nil},
		{"es/organizations/index.html", []string{`<h2 id="type-1">Redes de la sociedad civil</h2>`, `<a href="/es/organizations/iom/" lang="en">International Organization for Migration</a>`, `<p class="event-summary" lang="en">The organization that convenes the consultations.</p>`}, nil},
		{"fr/organizations/index.html", []string{`<h2 id="type-1">Réseaux de la société civile</h2>`, `<a href="/fr/organizations/iom/">Organisation internationale pour les migrations</a> <span class="muted">(OIM)</span>`, `<a href="/fr/organizations/migrant-forum-in-asia/" lang="en">Migrant Forum in Asia</a>`}, nil},
		{"fr/organizations/iom/index.html", []string{`<h1 id="title">Organisation internationale pour les migrations <span class="muted">(OIM)</span></h1>`, `<p class="lead">L&#39;organisation qui réunit les consultations.</p>`,
			`<a href="/fr/topics/migration-and-development/">un de ses sujets</a>`, `"name":"Organisation internationale pour les migrations"`, `"alternateName":["OIM","International Organization for Migration","IOM"]`,
			`hreflang="es" href="https://fixture.example.org/es/organizations/iom/"`}, []string{`<span lang="en">`, `class="lead" lang="en"`, `class="prose" lang="en"`}},
		{"es/organizations/iom/index.html", []string{`<h1 id="title"><span lang="en">International Organization for Migration</span> <span class="muted">(IOM)</span> <span class="badge lang-badge">`, `<p class="lead" lang="en">The organization that convenes the consultations.</p>`, `<div class="prose" lang="en">`}, nil},
		{"organizations/iom/index.html", []string{`<h1 id="title">International Organization for Migration <span class="muted">(IOM)</span></h1>`}, []string{`<span lang="en">`, `class="lead" lang="en"`, "OIM"}},
		{"fr/search/index.html", []string{">Migrations et développement<"}, nil},
		{"fr/feed.xml", []string{`<category term="migration-and-development" label="Migrations et développement"/>`}, nil},
		{"feed.xml", []string{`<category term="migration-and-development" label="Migration and development"/>`}, nil},
	} {
		got := page(c.file)
		for _, w := range c.want {
			if !strings.Contains(got, w) {
				t.Errorf("%s: no %s", c.file, w)
			}
		}
		for _, w := range c.not {
			if strings.Contains(got, w) {
				t.Errorf("%s: %s", c.file, w)
			}
		}
	}
	// The French search index finds the organization by its French names.
	idx := page("fr/search/index.html")
	i := strings.Index(idx, `data-index="/`)
	if i < 0 {
		t.Fatal("fr/search/index.html: no data-index")
	}
	dir := idx[i+len(`data-index="/`):]
	dir = dir[:strings.IndexByte(dir, '"')]
	var found bool
	for name, data := range files {
		if strings.HasPrefix(name, dir) && bytes.Contains(data, []byte(`"oim"`)) {
			found = true
		}
	}
	if !found {
		t.Errorf("the French search index has no word oim")
	}
}

// TestWarmRebuildOrganizationTranslations: editing, adding and deleting
// an organization's translation, editing its translated original, and
// editing a topic's or a type's name in one language give with a warm
// Cache exactly what a cold build gives.
func TestWarmRebuildOrganizationTranslations(t *testing.T) {
	fsys := fixtureFS(t)
	cfg := generator.Config{Content: fsys, ContentDir: "content", Today: today, Cache: generator.NewCache()}
	buildFS := func(cfg generator.Config) output.Files {
		t.Helper()
		files, _, err := generator.Build(context.Background(), cfg)
		if err != nil {
			t.Fatal(err)
		}
		return files
	}
	before := buildFS(cfg)
	const fr, es, orig = "organizations/iom.fr.md", "organizations/migrant-forum-in-asia.es.md", "organizations/iom.md"
	replace := func(name, old, new string) { replaceIn(t, fsys, name, old, new) }
	for _, ed := range []struct {
		name string
		edit func()
	}{
		{"translation body", func() {
			fsys[fr] = &fstest.MapFile{Data: append(bytes.Clone(fsys[fr].Data), "\nUn paragraphe de plus.\n"...)}
		}},
		{"translation name", func() { replace(fr, `name: "`, `name: "Modifié : `) }},
		{"translated original", func() { replace(orig, `url: https://www.iom.int/`, `url: https://www.iom.int/en/`) }},
		{"add translation", func() {
			if fsys[es] != nil {
				t.Fatalf("%s exists already", es)
			}
			fsys[es] = &fstest.MapFile{Data: []byte("---\nname: \"Foro de Migrantes de Asia\"\nsummary: \"Una red regional.\"\n---\nQuiénes son.\n")}
		}},
		{"delete translation", func() { delete(fsys, fr) }},
		{"a topic's French name", func() {
			replace("site.yaml", `fr: "Migrations et développement"`, `fr: "Migration et développement"`)
		}},
		{"a type's Spanish name", func() { replace("site.yaml", `es: "Redes de la sociedad civil"`, `es: "Redes de organizaciones"`) }},
	} {
		ed.edit()
		warm := buildFS(cfg)
		cold := cfg
		cold.Cache = nil
		want := buildFS(cold)
		t.Run(ed.name, func(t *testing.T) {
			perfSameFiles(t, warm, want)
			if maps.EqualFunc(before, want, bytes.Equal) {
				t.Errorf("the %s edit changed no file: it tests nothing", ed.name)
			}
		})
		before = want
	}
}
