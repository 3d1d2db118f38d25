package generator_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io/fs"
	"maps"
	"path"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/iom-cso/archive/generator"
	"github.com/iom-cso/archive/generator/search"
)

var (
	alternateRE = regexp.MustCompile(`<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">`)
	switcherRE  = regexp.MustCompile(`(?s)<nav class="lang-switch"[^>]*>(.*?)</nav>`)
	switchRE    = regexp.MustCompile(`<a href="([^"]+)" lang="([^"]+)"`)
)

const fixtureBase = "https://fixture.example.org/"

// fileOf is the output file of an absolute URL of the fixture.
func fileOf(t *testing.T, abs string) string {
	t.Helper()
	p, ok := strings.CutPrefix(abs, fixtureBase)
	if !ok {
		t.Fatalf("%s is not on the fixture's site", abs)
	}
	if p == "" || strings.HasSuffix(p, "/") {
		p += "index.html"
	}
	return p
}

// TestHreflangReciprocity: every page's alternates exist, each links
// back to the page under the page's own language, and all of them list
// the same languages; x-default is the default language's page.
func TestHreflangReciprocity(t *testing.T) {
	files := build(t, fixtureConfig(t, false))
	pages := 0
	for name, data := range files {
		if !strings.HasSuffix(name, ".html") || strings.HasPrefix(name, "assets/") {
			continue
		}
		alts := alternateRE.FindAllStringSubmatch(string(data), -1)
		if strings.HasSuffix(name, "404.html") {
			if len(alts) > 0 {
				t.Errorf("%s: a 404 page has hreflang alternates", name)
			}
			continue
		}
		if len(alts) == 0 {
			t.Errorf("%s: no hreflang alternates", name)
			continue
		}
		pages++
		canon := canonicalRE.FindStringSubmatch(string(data))
		if canon == nil {
			t.Fatalf("%s: no canonical link", name)
		}
		langOf := map[string]string{} // URL → hreflang
		var langs []string
		for _, a := range alts {
			langOf[a[2]] = a[1]
			langs = append(langs, a[1])
		}
		if langs[len(langs)-1] != "x-default" || alts[0][1] != "en" || alts[len(alts)-1][2] != alts[0][2] {
			t.Errorf("%s: alternates %v: want the languages, the default first, then x-default at the default's page", name, langs)
		}
		if _, ok := langOf[canon[1]]; !ok {
			t.Errorf("%s: its alternates %v leave out the page itself (%s)", name, langs, canon[1])
		}
		for _, a := range alts {
			other, ok := files[fileOf(t, a[2])]
			if !ok {
				t.Errorf("%s: alternate %s %s does not exist", name, a[1], a[2])
				continue
			}
			back := alternateRE.FindAllStringSubmatch(string(other), -1)
			var backLangs []string
			found := false
			for _, b := range back {
				backLangs = append(backLangs, b[1])
				if b[2] == canon[1] && b[1] == langOf[canon[1]] {
					found = true
				}
			}
			if !found {
				t.Errorf("%s: alternate %s does not link back to %s", name, a[2], canon[1])
			}
			if !slices.Equal(backLangs, langs) {
				t.Errorf("%s lists %v, its alternate %s %v", name, langs, a[2], backLangs)
			}
		}
	}
	if pages < 40 {
		t.Errorf("only %d pages checked", pages)
	}
}

// TestLanguageSwitcher: the switcher lists the languages a page exists
// in, each at its page; a page in one language only lists every
// language's home page instead.
func TestLanguageSwitcher(t *testing.T) {
	files := build(t, fixtureConfig(t, false))
	switcher := func(name string) []string {
		t.Helper()
		m := switcherRE.FindStringSubmatch(string(files[name]))
		if m == nil {
			t.Fatalf("%s: no language switcher", name)
		}
		var out []string
		for _, a := range switchRE.FindAllStringSubmatch(m[1], -1) {
			out = append(out, a[2]+" "+a[1])
			if _, ok := files[fileOf(t, fixtureBase+strings.TrimPrefix(a[1], "/"))]; !ok {
				t.Errorf("%s: the switcher links to %s, which does not exist", name, a[1])
			}
		}
		return out
	}
	for name, want := range map[string][]string{
		// Translated into French only.
		"fr/annual-consultations/2013-migrants/index.html": {"en /annual-consultations/2013-migrants/", "fr /fr/annual-consultations/2013-migrants/"},
		"annual-consultations/2013-migrants/index.html":    {"en /annual-consultations/2013-migrants/", "fr /fr/annual-consultations/2013-migrants/"},
		// Not translated: every language's home.
		"regional-consultations/2017-asia-bangkok/index.html": {"en /regional-consultations/2017-asia-bangkok/", "fr /fr/", "es /es/"},
		// Generated pages are in every language.
		"es/years/2017/index.html": {"en /years/2017/", "fr /fr/years/2017/", "es /es/years/2017/"},
		"fr/index.html":            {"en /", "fr /fr/", "es /es/"},
	} {
		if got := switcher(name); !slices.Equal(got, want) {
			t.Errorf("%s: switcher %q, want %q", name, got, want)
		}
	}
}

// TestUntranslatedEvents: a record without a translation into a
// language gets no page there, and that language's lists show it as it
// is written, marked with its language and linking to its page.
func TestUntranslatedEvents(t *testing.T) {
	files := build(t, fixtureConfig(t, false))
	for _, p := range []string{"fr/regional-consultations/2017-asia-bangkok/index.html", "es/annual-consultations/2013-migrants/index.html"} {
		if _, ok := files[p]; ok {
			t.Errorf("%s exists: an untranslated record has no page in the language", p)
		}
	}
	list := string(files["fr/years/2017/index.html"])
	for _, want := range []string{
		`<a href="/regional-consultations/2017-asia-bangkok/" lang="en" hreflang="en">Asia Regional Consultation</a> <span class="badge lang-badge">En anglais</span>`,
		`<p class="event-summary" lang="en">A regional consultation in Bangkok.</p>`,
	} {
		if !strings.Contains(list, want) {
			t.Errorf("fr/years/2017/ lacks %s", want)
		}
	}
	// In the French feed too: the title, summary and content of the
	// untranslated entry say they are English; the translated one's not.
	feed := string(files["fr/feed.xml"])
	for _, want := range []string{`<title xml:lang="en">Asia Regional Consultation</title>`, `<summary type="text" xml:lang="en">A regional consultation in Bangkok.</summary>`,
		`<title>Migrants et développement</title>`} {
		if !strings.Contains(feed, want) {
			t.Errorf("fr/feed.xml lacks %s", want)
		}
	}
	if strings.Contains(string(files["feed.xml"]), "<title xml:lang") {
		t.Error("the English feed marks the language of entries in English")
	}
	// Translated: in the language, at its page there, unmarked.
	if list := string(files["es/years/2017/index.html"]); !strings.Contains(list, `<a href="/es/regional-consultations/2017-africa-bamako/">Consulta regional de África</a></h3>`) {
		t.Error("es/years/2017/ does not list the Spanish translation at its page")
	}
	page := string(files["fr/annual-consultations/2013-migrants/index.html"])
	for _, want := range []string{
		`<html lang="fr"`,
		`<p class="original-title">Titre original : <span lang="en">Migrants and Development</span></p>`,
		// A link to a page translated into French goes there, one to a
		// page that is not goes to the original.
		`<a href="/fr/about/#reunion-regionale">`, `<a href="/fr/years/2013/">`, `<a href="/regional-consultations/2017-asia-bangkok/">`,
		`"inLanguage":"fr"`,
		`<meta property="og:locale" content="fr_FR">`, `<meta property="og:locale:alternate" content="en_GB">`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the French page of 2013-migrants lacks %s", want)
		}
	}
	if es := string(files["es/regional-consultations/2017-africa-bamako/index.html"]); !strings.Contains(es, `<a href="/regional-consultations/2017-africa-bamako/report.pdf">`) {
		t.Error("a relative link to an attachment in a translation does not lead to the original's folder")
	}
	for _, p := range []string{"fr/feed.xml", "es/calendar.ics", "fr/404.html", "es/search/index.html"} {
		if _, ok := files[p]; !ok {
			t.Errorf("%s is missing", p)
		}
	}
	if sm := string(files["sitemap.xml"]); !strings.Contains(sm, `<xhtml:link rel="alternate" hreflang="fr" href="https://fixture.example.org/fr/annual-consultations/2013-migrants/"/>`) ||
		!strings.Contains(sm, `<loc>https://fixture.example.org/es/regional-consultations/2017-africa-bamako/</loc>`) {
		t.Error("the sitemap lacks the translations or their alternates")
	}
}

var searchIndexRE = regexp.MustCompile(`data-index="/([^"]+)"`)

// TestSearchPerLanguage: each language's search page reads an index of
// its own, over every event: the translation where there is one, the
// original otherwise; facets in the language.
func TestSearchPerLanguage(t *testing.T) {
	files := build(t, fixtureConfig(t, false))
	index := func(page string) (docs, meta string) {
		t.Helper()
		m := searchIndexRE.FindStringSubmatch(string(files[page]))
		if m == nil {
			t.Fatalf("%s names no index", page)
		}
		return string(files[m[1]+"docs/0.json"]), string(files[m[1]+"meta.json"])
	}
	enDocs, _ := index("search/index.html")
	frDocs, frMeta := index("fr/search/index.html")
	esDocs, _ := index("es/search/index.html")
	for _, c := range []struct{ lang, docs, want string }{
		{"en", enDocs, `"/annual-consultations/2013-migrants/","Migrants and Development"`},
		{"fr", frDocs, `"/fr/annual-consultations/2013-migrants/","Migrants et développement","2013-09-12","12 septembre 2013"`},
		{"fr", frDocs, `"/regional-consultations/2017-asia-bangkok/","Asia Regional Consultation"`},
		{"es", esDocs, `"/es/regional-consultations/2017-africa-bamako/","Consulta regional de África"`},
		{"es", esDocs, `"/annual-consultations/2013-migrants/","Migrants and Development"`},
		{"fr", frMeta, `["africa","Afrique"]`},
	} {
		if !strings.Contains(c.docs, c.want) {
			t.Errorf("%s index lacks %s:\n%s", c.lang, c.want, c.docs)
		}
	}
	if !strings.Contains(string(files["fr/search/index.html"]), `data-label="Toutes les années"`) {
		t.Error("the French search page's facets are not in French")
	}
}

// searchText is what a language's search index shows of a record: the
// name of its text file, and the summary and body in it.
type searchText struct{ text, summary, body string }

// searchTexts reads the search index of each language of the fixture as
// the page does, and returns by language and URL (without the language's
// prefix) what each shows of each record, and the paths of the text files
// the indexes refer to.
func searchTexts(t *testing.T, files map[string][]byte) (map[string]map[string]searchText, map[string]bool) {
	t.Helper()
	docs := map[string]map[string]searchText{}
	refs := map[string]bool{}
	for _, lang := range []string{"en", "fr", "es"} {
		page := "search/index.html"
		if lang != "en" {
			page = lang + "/" + page
		}
		m := searchIndexRE.FindSubmatch(files[page])
		if m == nil {
			t.Fatalf("%s names no index", page)
		}
		dir := string(m[1])
		s, err := search.NewSearcher(func(name string) ([]byte, error) {
			if data, ok := files[path.Join(dir, name)]; ok {
				return data, nil
			}
			return nil, fs.ErrNotExist
		})
		if err != nil {
			t.Fatal(err)
		}
		ids := make([]int, s.N())
		for i := range ids {
			ids[i] = i
		}
		infos, err := s.Docs(ids)
		if err != nil {
			t.Fatalf("%s: %v", lang, err)
		}
		var chunk [][]string // the fixture's few documents are in one
		if err := json.Unmarshal(files[dir+"docs/0.json"], &chunk); err != nil || len(chunk) != len(infos) {
			t.Fatalf("%sdocs/0.json: %v, %d documents", dir, err, len(chunk))
		}
		docs[lang] = map[string]searchText{}
		for i, info := range infos {
			text := chunk[i][5]
			if !strings.HasPrefix(path.Join(dir, search.TextFolder, text), "assets/search/text/") {
				t.Errorf("%s: text file %s is not in assets/search/text/", lang, text)
			}
			refs["assets/search/text/"+text+".json"] = true
			docs[lang][strings.TrimPrefix(info.URL, "/"+lang)] = searchText{text, info.Summary, info.Body}
		}
	}
	return docs, refs
}

// TestSearchTextPreview: the preview, whose Cache builds the languages'
// indexes side by side, shares the text files as a build does, and after
// an edit of a record without a translation every language's search shows
// its new text, from one new file, the old one gone.
func TestSearchTextPreview(t *testing.T) {
	fsys := fstest.MapFS{}
	if err := copyFS(fsys, fixtureConfig(t, false)); err != nil {
		t.Fatal(err)
	}
	cfg := generator.Config{Content: fsys, Today: today, Cache: generator.NewCache()}
	before := build(t, cfg)
	cold := cfg
	cold.Cache = nil
	if want := build(t, cold); !maps.EqualFunc(before, want, bytes.Equal) {
		t.Error("the preview's site differs from a build's")
	}
	const bangkok = "/regional-consultations/2017-asia-bangkok/"
	docs, _ := searchTexts(t, before)
	old := docs["en"][bangkok].text

	name := "regional-consultations/2017-asia-bangkok.md"
	fsys[name] = &fstest.MapFile{Data: bytes.Replace(fsys[name].Data, []byte("A regional consultation in Bangkok."), []byte("An edited consultation in Bangkok."), 1)}
	after := build(t, cfg)
	docs, refs := searchTexts(t, after)
	for _, lang := range []string{"en", "fr", "es"} {
		if d := docs[lang][bangkok]; d.summary != "An edited consultation in Bangkok." || d.text == old || d.text != docs["en"][bangkok].text {
			t.Errorf("%s after the edit: %+v (before: text %s)", lang, d, old)
		}
	}
	if _, ok := after["assets/search/text/"+old+".json"]; ok {
		t.Error("the edited record's old text file is still served")
	}
	for p := range after {
		if strings.HasPrefix(p, "assets/search/text/") && !refs[p] {
			t.Errorf("%s: no index refers to it", p)
		}
	}
}

// TestSearchTextShared: the search indexes of the site's languages share
// one folder of text files, named by their digests: a record without a
// translation has one text file for every language, a translated one a
// file of its own in its translation's language, and each language's
// index shows the excerpt of its own text.
func TestSearchTextShared(t *testing.T) {
	files := build(t, fixtureConfig(t, false))
	docs, refs := searchTexts(t, files)
	for p := range files {
		if strings.HasPrefix(p, "assets/search/text/") && !refs[p] {
			t.Errorf("%s: no index refers to it", p)
		}
	}
	if len(refs) != 6 { // four records, two translated once each
		t.Errorf("%d text files, want 6: %v", len(refs), refs)
	}

	const migrants, bangkok, bamako = "/annual-consultations/2013-migrants/", "/regional-consultations/2017-asia-bangkok/", "/regional-consultations/2017-africa-bamako/"
	en, fr, es := docs["en"], docs["fr"], docs["es"]
	// Untranslated: one file for all three.
	if en[bangkok].text != fr[bangkok].text || en[bangkok].text != es[bangkok].text {
		t.Errorf("%s: text files %s, %s and %s, want one", bangkok, en[bangkok].text, fr[bangkok].text, es[bangkok].text)
	}
	if en[migrants].text != es[migrants].text || en[bamako].text != fr[bamako].text {
		t.Error("a record without a Spanish (French) translation has a text file of its own in the Spanish (French) index")
	}
	// Translated: a file of its own.
	if en[migrants].text == fr[migrants].text || en[bamako].text == es[bamako].text {
		t.Error("a translation shares its original's text file")
	}
	for _, c := range []struct {
		lang, url, summary, body string
	}{
		{"en", migrants, "The 2013 consultation on migrants and development.", ""},
		{"fr", migrants, "La consultation de 2013 sur les migrants et le développement.", "Tenue avant le Dialogue de haut niveau"},
		{"es", migrants, "The 2013 consultation on migrants and development.", ""},
		{"fr", bangkok, "A regional consultation in Bangkok.", "Body."},
		{"es", bangkok, "A regional consultation in Bangkok.", "Body."},
	} {
		d := docs[c.lang][c.url]
		if d.summary != c.summary || !strings.Contains(d.body, c.body) {
			t.Errorf("%s %s: excerpt text %q, %q; want %q and a body with %q", c.lang, c.url, d.summary, d.body, c.summary, c.body)
		}
	}
}

// TestCheckTranslations: check sums up the translations per language
// rather than warning per record, holds a translation's placeholders to
// the rules of the original's, and warns of a translation made from an
// earlier text of its original.
func TestCheckTranslations(t *testing.T) {
	fsys := fstest.MapFS{}
	if err := copyFS(fsys, fixtureConfig(t, false)); err != nil {
		t.Fatal(err)
	}
	var got []generator.TranslationStatus
	cfg := generator.Config{Content: fsys, ContentDir: "content", Today: today, Translations: func(l []generator.TranslationStatus) { got = l }}
	problems, err := generator.Check(context.Background(), cfg)
	if err != nil || len(problems.Errors()) > 0 {
		t.Fatalf("fixture: %v %v", err, problems)
	}
	// Published: 2013-migrants (fr), 2014-script, 2017 Bamako (es), 2017 Bangkok; 2015-draft is a draft.
	// Organizations: iom (fr), migrant-forum-in-asia.
	want := []generator.TranslationStatus{
		{Lang: "fr", Translated: 1, Records: 4, Untranslated: []string{"content/annual-consultations/2014-script.md", "content/regional-consultations/2017-asia-bangkok.md", "content/regional-consultations/2017-africa-bamako/index.md"},
			OrgsTranslated: 1, Organizations: 2, UntranslatedOrgs: []string{"content/organizations/migrant-forum-in-asia.md"}},
		{Lang: "es", Translated: 1, Records: 4, Untranslated: []string{"content/annual-consultations/2013-migrants.md", "content/annual-consultations/2014-script.md", "content/regional-consultations/2017-asia-bangkok.md"},
			Organizations: 2, UntranslatedOrgs: []string{"content/organizations/iom.md", "content/organizations/migrant-forum-in-asia.md"}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("translations:\n got %+v\nwant %+v", got, want)
	}
	for _, p := range problems {
		if strings.Contains(p.Msg, "translat") {
			t.Errorf("a problem about translations of the fixture: %v", p)
		}
	}

	fr := "annual-consultations/2013-migrants.fr.md"
	fsys[fr].Data = []byte(strings.Replace(string(fsys[fr].Data), `title: "Migrants et développement"`, "title: \"TODO: translate: Migrants and Development\"\ntranslation_of: 0123456789abcdef", 1))
	fsys[fr].Data = []byte(strings.Replace(string(fsys[fr].Data), "## Contexte", "<!-- TODO: translate: the text below, then delete this line. -->\n## Contexte", 1))
	problems, err = generator.Check(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	var msgs []string
	for _, p := range problems {
		msgs = append(msgs, p.Error())
	}
	all := strings.Join(msgs, "\n")
	for _, want := range []string{
		"content/annual-consultations/2013-migrants.fr.md:2:8: title still holds the placeholder written by archive new: translate it, or delete this file until the translation is ready (the record is published in its own language meanwhile)",
		"content/annual-consultations/2013-migrants.fr.md:10:1: the text still holds the placeholder written by archive new: translate it",
		"content/annual-consultations/2013-migrants.fr.md:3:17: warning: content/annual-consultations/2013-migrants.md changed since this translation was made from it (translation_of: 0123456789abcdef",
	} {
		if !strings.Contains(all, want) {
			t.Errorf("check lacks %s; it says:\n%s", want, all)
		}
	}
}

// TestCheckTranslationLinks: the links of a translation are checked as
// its original's are, from the original's address, and a #fragment of a
// page the link leads to in the translation's language against that
// page's headings.
func TestCheckTranslationLinks(t *testing.T) {
	fsys := fstest.MapFS{}
	if err := copyFS(fsys, fixtureConfig(t, false)); err != nil {
		t.Fatal(err)
	}
	fr := "annual-consultations/2013-migrants.fr.md"
	fsys[fr].Data = append(fsys[fr].Data, "\n[Perdu](/nowhere/), [à propos](/about/#absent), [ici](#contexte), [relatif](../2014-script/).\n"...)
	problems, err := generator.Check(context.Background(), generator.Config{Content: fsys, ContentDir: "content", Today: today})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range problems {
		if strings.Contains(p.Path, ".fr.md") {
			got = append(got, p.Error())
		}
	}
	want := []string{
		"content/annual-consultations/2013-migrants.fr.md:15:1: link to /nowhere/: there is no such page or file on the site",
		"content/annual-consultations/2013-migrants.fr.md:15:21: link to /about/#absent: no heading on that page has that id",
	}
	if !slices.Equal(got, want) {
		t.Errorf("problems:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
