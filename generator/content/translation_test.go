package content

import (
	"context"
	"strings"
	"testing"
	"testing/fstest"
)

const siteYAML3 = `title: {en: T, fr: Tfr, es: Tes}
base_url: https://x.example/
languages: [en, fr, es]
kinds:
  - {key: annual-consultation, folder: annual-consultations, name: Annual}
regions:
  - {key: global, name: Global}
`

const goodTr = "---\ntitle: Un titre\nsummary: Un résumé.\n---\nCorps.\n"

func loadSite(t *testing.T, site string, files map[string]string, cache *Cache) (*Archive, List) {
	t.Helper()
	fsys := fstest.MapFS{"site.yaml": {Data: []byte(site)}}
	for k, v := range files {
		fsys[k] = &fstest.MapFile{Data: []byte(v)}
	}
	return Load(context.Background(), fsys, Options{Cache: cache})
}

// TestTranslations: translations of a record, a bundle, a page and the home
// page are read and attached to their originals.
func TestTranslations(t *testing.T) {
	withDocs := "---\ntitle: A\ndate: 2013-09-12\nlocation: Geneva\nregion: global\nsummary: S.\ndocuments:\n" +
		"  - {title: Report, file: report.pdf}\n  - {title: Site, url: \"https://x.example/a\"}\n---\nBody.\n"
	files := map[string]string{
		"annual-consultations/2013-x.md":          good,
		"annual-consultations/2013-x.fr.md":       "---\ntitle: Un titre\nsummary: Un résumé.\nlocation: Genève\n---\nCorps.\n",
		"annual-consultations/2013-x.es.md":       "---\ntitle: Un título\nsummary: Un resumen.\n---\n\nCuerpo.\n",
		"annual-consultations/2014-b/index.md":    withDocs,
		"annual-consultations/2014-b/report.pdf":  "%PDF-1.4\n",
		"annual-consultations/2014-b/index.fr.md": "---\ntitle: B\nsummary: R.\ndocuments:\n  - {url: \"https://x.example/a\", title: Le site}\n---\n",
		"about.md":     "---\ntitle: About\n---\nAbout.\n",
		"about.es.md":  "---\ntitle: Acerca\n---\nAcerca.\n",
		"_index.fr.md": "---\n---\nAccueil.\n",
	}
	for _, cache := range []*Cache{nil, NewCache()} {
		a, errs := loadSite(t, siteYAML3, files, cache)
		if len(errs) != 0 {
			t.Fatalf("unexpected problems:\n%v", errs)
		}
		if len(a.Events) != 2 || len(a.Pages) != 1 {
			t.Fatalf("%d events, %d pages: translations are not records or pages of their own", len(a.Events), len(a.Pages))
		}
		x, b := a.Events[0], a.Events[1]
		fr, es, en := x.In("fr"), x.In("es"), x.In("en")
		for _, c := range []struct{ got, want any }{
			{fr.Title, "Un titre"}, {fr.Summary, "Un résumé."}, {fr.Location, "Genève"}, {string(fr.Body), "Corps.\n"}, {fr.BodyLine, 6},
			{fr.Path, "annual-consultations/2013-x.fr.md"}, {fr.Lang, "fr"}, {fr.Translated(), true},
			{es.Location, "Geneva"}, {es.BodyLine, 5},
			{en.Title, "A"}, {en.Lang, ""}, {en.Translated(), false}, {en.Path, "annual-consultations/2013-x.md"},
			{b.In("fr").DocumentTitle(b.Documents[0]), "Report"}, {b.In("fr").DocumentTitle(b.Documents[1]), "Le site"},
			{b.In("es").Title, "A"},
			{a.Pages[0].In("es").Title, "Acerca"}, {a.Pages[0].In("fr").Title, "About"},
			{string(a.Home.In("fr").Body), "Accueil.\n"}, {a.Home.In("fr").Title, "T"}, {a.Site.TitleIn("fr"), "Tfr"},
			{len(a.Untranslated("es")), 1}, {len(a.Untranslated("en")), 0},
		} {
			if c.got != c.want {
				t.Errorf("got %#v, want %#v", c.got, c.want)
			}
		}
	}
}

// TestTranslationErrors: every mistake in a translation, or in its name,
// with its exact message and position, in the translation's own file.
func TestTranslationErrors(t *testing.T) {
	const orig = "annual-consultations/2013-x.md"
	const bundle = "---\ntitle: A\ndate: 2013-09-12\nlocation: Geneva\nregion: global\nsummary: S.\ndocuments:\n  - {title: Report, file: report.pdf}\n---\n"
	tests := []struct {
		name  string
		site  string
		files map[string]string
		want  string
	}{
		{"fact key", siteYAML3, map[string]string{orig: good, "annual-consultations/2013-x.fr.md": "---\ntitle: T\ndate: 2013-09-12\nsummary: S.\n---\n"},
			"content/annual-consultations/2013-x.fr.md:3:1: date: a translation gives only title, summary, location, the documents' titles and the body; date belongs in the original, 2013-x.md, for every language: delete it here"},
		{"region and draft", siteYAML3, map[string]string{orig: good, "annual-consultations/2013-x.es.md": "---\ntitle: T\nsummary: S.\nregion: global\ndraft: true\n---\n"},
			"content/annual-consultations/2013-x.es.md:4:1: region: a translation gives only title, summary, location, the documents' titles and the body; region belongs in the original, 2013-x.md, for every language: delete it here\n" +
				"content/annual-consultations/2013-x.es.md:5:1: draft: a translation gives only title, summary, location, the documents' titles and the body; draft belongs in the original, 2013-x.md, for every language: delete it here"},
		{"fact key of a page", siteYAML3, map[string]string{"about.md": "---\ntitle: About\n---\n", "about.fr.md": "---\ntitle: À propos\nweight: 2\n---\n"},
			"content/about.fr.md:3:1: weight: a translation gives only title, summary and the body; weight belongs in the original, about.md, for every language: delete it here"},
		{"location in a page", siteYAML3, map[string]string{"about.md": "---\ntitle: About\n---\n", "about.fr.md": "---\ntitle: À propos\nlocation: Genève\n---\n"},
			`content/about.fr.md:3:1: unknown key "location"; known keys: aliases, draft, menu, summary, title, translation_of, weight`},
		{"without original", siteYAML3, map[string]string{"annual-consultations/2013-y.fr.md": goodTr},
			"content/annual-consultations/2013-y.fr.md: this translation into French (fr) has no original: there is no content/annual-consultations/2013-y.md (nor a bundle content/annual-consultations/2013-y/index.md); name a translation after the file of the record or page it translates"},
		{"page without original", siteYAML3, map[string]string{"about.es.md": goodTr},
			"content/about.es.md: this translation into Spanish (es) has no original: there is no content/about.md; name a translation after the file of the record or page it translates"},
		{"beside a bundle", siteYAML3, map[string]string{"annual-consultations/2013-x/index.md": good, "annual-consultations/2013-x.fr.md": goodTr},
			"content/annual-consultations/2013-x.fr.md: content/annual-consultations/2013-x is a page bundle: move this translation into it, as content/annual-consultations/2013-x/index.fr.md"},
		{"unknown language suffix", siteYAML3, map[string]string{orig: good, "annual-consultations/2013-x.de.md": goodTr},
			"content/annual-consultations/2013-x.de.md: German (de) is not in the site's languages: (en, fr, es) in site.yaml: add it to languages: to publish this translation, or rename the file if it is not one"},
		{"language of a one-language site", siteYAML, map[string]string{orig: good, "annual-consultations/2013-x.fr.md": goodTr},
			"content/annual-consultations/2013-x.fr.md: French (fr) is not in the site's languages: (en) in site.yaml: add it to languages: to publish this translation, or rename the file if it is not one"},
		{"not a language", siteYAML3, map[string]string{"annual-consultations/2013-x.v2.md": good},
			`content/annual-consultations/2013-x.v2.md: a dot in a file name marks a translation, <name>.<language>.md, and "v2" is not a language code (the site's languages: en, fr, es); if it is a record or page of its own, name it 2013-x-v2.md`},
		{"the default language", siteYAML3, map[string]string{orig: good, "annual-consultations/2013-x.en.md": goodTr},
			"content/annual-consultations/2013-x.en.md: this names a translation into English (en), the site's default language, in which the original 2013-x.md is written: a translation is named after another language, such as 2013-x.fr.md"},
		{"language in capitals", siteYAML3, map[string]string{orig: good, "annual-consultations/2013-x.FR.md": goodTr},
			`content/annual-consultations/2013-x.FR.md: write the language "FR" as fr: name the file 2013-x.fr.md`},
		{"unknown language in a bundle", siteYAML3, map[string]string{"annual-consultations/2013-x/index.md": good, "annual-consultations/2013-x/index.de.md": goodTr},
			"content/annual-consultations/2013-x/index.de.md: German (de) is not in the site's languages: (en, fr, es) in site.yaml: add it to languages: to publish this translation, or rename the file if it is not one"},
		{"bad slug before the language", siteYAML3, map[string]string{"annual-consultations/2013_x.fr.md": goodTr},
			`content/annual-consultations/2013_x.fr.md: "2013_x" is not a valid slug: use lowercase ASCII letters, digits and hyphens (the name becomes the page's URL)`},
		{"malformed front matter", siteYAML3, map[string]string{orig: good, "annual-consultations/2013-x.fr.md": "---\ntitle: Un titre\nsummary: Migrations: un résumé\n---\n"},
			`content/annual-consultations/2013-x.fr.md:3:20: a summary that contains ": " must be in quotes: summary: "Migrations: un résumé"`},
		{"front matter never closed", siteYAML3, map[string]string{orig: good, "annual-consultations/2013-x.fr.md": "---\ntitle: Un titre\n"},
			"content/annual-consultations/2013-x.fr.md:1: front matter is never closed: add a line of --- after the last key"},
		{"missing title", siteYAML3, map[string]string{orig: good, "annual-consultations/2013-x.fr.md": "---\nsummary: S.\n---\n"},
			`content/annual-consultations/2013-x.fr.md:2:1: required key "title" is missing`},
		{"document of no original's", siteYAML3, map[string]string{
			"annual-consultations/2013-x/index.md": bundle, "annual-consultations/2013-x/report.pdf": "%PDF-1.4\n",
			"annual-consultations/2013-x/index.fr.md": "---\ntitle: T\nsummary: S.\ndocuments:\n  - title: Rapport\n    file: rapport.pdf\n---\n"},
			`content/annual-consultations/2013-x/index.fr.md:5:5: document "Rapport": no document of the original, index.md, has file: "rapport.pdf"; a translation gives the title of one of the original's documents, named by the same file: or url:`},
		{"document lang", siteYAML3, map[string]string{
			"annual-consultations/2013-x/index.md": bundle, "annual-consultations/2013-x/report.pdf": "%PDF-1.4\n",
			"annual-consultations/2013-x/index.fr.md": "---\ntitle: T\nsummary: S.\ndocuments:\n  - {title: Rapport, file: report.pdf, lang: fr}\n---\n"},
			`content/annual-consultations/2013-x/index.fr.md:5:40: lang: a document keeps its own language in every translation; lang belongs in the original, index.md: delete it here`},
		{"document twice", siteYAML3, map[string]string{
			"annual-consultations/2013-x/index.md": bundle, "annual-consultations/2013-x/report.pdf": "%PDF-1.4\n",
			"annual-consultations/2013-x/index.fr.md": "---\ntitle: T\nsummary: S.\ndocuments:\n  - {title: Rapport, file: report.pdf}\n  - {title: Rapport 2, file: ./report.pdf}\n---\n"},
			`content/annual-consultations/2013-x/index.fr.md:6:5: document: file: "report.pdf" is given twice; give each document's title once`},
		{"bad digest", siteYAML3, map[string]string{orig: good, "annual-consultations/2013-x.fr.md": "---\ntitle: T\nsummary: S.\ntranslation_of: abc\n---\n"},
			`content/annual-consultations/2013-x.fr.md:4:17: translation_of: "abc" is not a digest as archive new --translate writes it (16 digits and letters a–f); delete the line if you do not have it: check then cannot tell whether the original changed since`},
		{"translation_of in an original", siteYAML3, map[string]string{orig: strings.Replace(good, "title: A", "title: A\ntranslation_of: 0123456789abcdef", 1)},
			`content/annual-consultations/2013-x.md:3:1: unknown key "translation_of"; known keys: aliases, date, documents, draft, end_date, format, location, organizers, published, region, registration, summary, time, title, topics`},
		{"page at a language's folder", siteYAML3, map[string]string{"fr.md": "---\ntitle: F\n---\n"},
			"content/fr.md: this page's address, /fr/, is the folder of the site's pages in French (fr): rename the file"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, errs := loadSite(t, tt.site, tt.files, nil)
			if got := errs.Error(); got != tt.want {
				t.Errorf("got:\n%s\nwant:\n%s", got, tt.want)
			}
		})
	}
}

// TestTranslationDigest: translation_of: that is not the digest of the
// original's text as it is now is a warning at translation_of:.
func TestTranslationDigest(t *testing.T) {
	files := map[string]string{"annual-consultations/2013-x.md": good, "about.md": "---\ntitle: About\n---\nAbout.\n"}
	a, errs := loadSite(t, siteYAML3, files, nil)
	if len(errs) != 0 {
		t.Fatal(errs)
	}
	digest, pageDigest := a.Events[0].TranslationDigest(), a.Pages[0].TranslationDigest()
	if len(digest) != 16 || digest == pageDigest {
		t.Fatalf("digests %q, %q", digest, pageDigest)
	}
	files["annual-consultations/2013-x.fr.md"] = "---\ntitle: T\nsummary: S.\ntranslation_of: " + digest + "\n---\n"
	files["annual-consultations/2013-x.es.md"] = "---\ntitle: T\nsummary: S.\n---\n"
	files["about.fr.md"] = "---\ntitle: À propos\ntranslation_of: " + pageDigest + "\n---\n"
	a, errs = loadSite(t, siteYAML3, files, nil)
	if len(errs) != 0 {
		t.Fatal(errs)
	}
	if w := a.StaleTranslations(); len(w) != 0 {
		t.Errorf("translations made from the text as it is: %v", w)
	}
	files["annual-consultations/2013-x.md"] = strings.Replace(good, "Body.", "Body, amended.", 1)
	files["about.md"] = "---\ntitle: About us\n---\nAbout.\n"
	a, _ = loadSite(t, siteYAML3, files, nil)
	now, pageNow := a.Events[0].TranslationDigest(), a.Pages[0].TranslationDigest()
	want := "content/about.fr.md:3:17: warning: content/about.md changed since this translation was made from it (translation_of: " + pageDigest + ", the original's text is now " + pageNow + "): bring the translation up to date, then write translation_of: " + pageNow + "\n" +
		"content/annual-consultations/2013-x.fr.md:4:17: warning: content/annual-consultations/2013-x.md changed since this translation was made from it (translation_of: " + digest + ", the original's text is now " + now + "): bring the translation up to date, then write translation_of: " + now
	if got := a.StaleTranslations().Error(); got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
	// Facts are not the translation's business: changing one keeps it fresh.
	files["annual-consultations/2013-x.md"] = strings.Replace(files["annual-consultations/2013-x.md"], "2013-09-12", "2013-09-13", 1)
	a, _ = loadSite(t, siteYAML3, files, nil)
	if a.Events[0].TranslationDigest() != now {
		t.Error("the date changed the digest")
	}
}

// FuzzLoadTranslation: whatever a translation holds, and whatever its
// original holds, loading never panics, every problem names a file and a
// position inside it, and two loads agree.
func FuzzLoadTranslation(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add([]byte(good), []byte(s))
	}
	f.Add([]byte(good), []byte(goodTr))
	f.Add([]byte(good), []byte("---\ntitle: T\nsummary: S.\ndocuments:\n  - {title: R, file: r.pdf}\n  - {url: /x, title: X}\ntranslation_of: 0123456789abcdef\n---\n"))
	f.Fuzz(func(t *testing.T, orig, src []byte) {
		fsys := fstest.MapFS{"site.yaml": {Data: []byte(siteYAML3)}}
		for _, n := range []string{"annual-consultations/2013-f.md", "annual-consultations/2013-b/index.md", "f.md", "_index.md"} {
			fsys[n] = &fstest.MapFile{Data: orig}
		}
		for _, n := range []string{"annual-consultations/2013-f.fr.md", "annual-consultations/2013-b/index.es.md", "f.fr.md", "_index.es.md", "annual-consultations/2013-g.fr.md"} {
			fsys[n] = &fstest.MapFile{Data: src}
		}
		a, problems := Load(context.Background(), fsys, Options{})
		if a == nil || a.Site == nil {
			t.Fatal("Load lost the site")
		}
		for _, p := range problems {
			name := strings.TrimPrefix(p.Path, "content/")
			if fsys[name] == nil || name == "site.yaml" {
				t.Errorf("%v: not a content file", p)
				continue
			}
			data := orig
			if strings.Count(name, ".") == 2 {
				data = src
			}
			lines := strings.Split(string(normalizeNewlines(data)), "\n")
			if p.Msg == "" || p.Line < 0 || p.Col < 0 || p.Line > len(lines)+1 {
				t.Errorf("%v: empty message or position outside the file of %d lines", p, len(lines))
			}
		}
		_ = a.StaleTranslations()
		_, again := Load(context.Background(), fsys, Options{Cache: NewCache()})
		if problems.Error() != again.Error() {
			t.Errorf("two loads differ:\n%v\n---\n%v", problems, again)
		}
	})
}

// TestTranslationsCached: through the preview's cache, an edited
// translation is read again, an unchanged one is kept, and the pages of
// one load are not changed by the next.
func TestTranslationsCached(t *testing.T) {
	files := map[string]string{
		"annual-consultations/2013-x.md":    good,
		"annual-consultations/2013-x.fr.md": goodTr,
		"about.md":                          "---\ntitle: About\n---\n",
		"about.fr.md":                       "---\ntitle: À propos\n---\n",
	}
	c := NewCache()
	first, errs := loadSite(t, siteYAML3, files, c)
	if len(errs) != 0 {
		t.Fatal(errs)
	}
	files["about.fr.md"] = "---\ntitle: Qui sommes-nous\n---\n"
	files["annual-consultations/2013-x.fr.md"] = "---\ntitle: T\ndate: 2013-09-12\nsummary: S.\n---\n"
	second, errs := loadSite(t, siteYAML3, files, c)
	want := "content/annual-consultations/2013-x.fr.md:3:1: date: a translation gives only title, summary, location, the documents' titles and the body; date belongs in the original, 2013-x.md, for every language: delete it here"
	if errs.Error() != want {
		t.Errorf("got:\n%v\nwant:\n%s", errs, want)
	}
	if got := second.Pages[0].In("fr").Title; got != "Qui sommes-nous" {
		t.Errorf("second load: %q", got)
	}
	if got := first.Pages[0].In("fr").Title; got != "À propos" {
		t.Errorf("the second load changed the first's page: %q", got)
	}
	delete(files, "about.fr.md")
	third, _ := loadSite(t, siteYAML3, files, c)
	if third.Pages[0].Translations != nil || second.Pages[0].Translations["fr"] == nil {
		t.Errorf("a deleted translation: %v, %v", third.Pages[0].Translations, second.Pages[0].Translations)
	}
}
