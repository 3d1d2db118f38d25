package content

import (
	"strings"
	"testing"
)

const siteHead = "title: T\nbase_url: https://x.example/\n"
const siteDecl = "kinds:\n  - {key: annual-consultation, folder: annual-consultations, name: Annual}\nregions:\n  - {key: global, name: Global}\n"

// TestSiteLanguages: languages: and language:, and every mistake in them,
// each with its exact message and position.
func TestSiteLanguages(t *testing.T) {
	tests := []struct {
		name, yaml string
		want       []string // the languages, or the messages
	}{
		{"none", siteHead + siteDecl, []string{"en"}},
		{"language", siteHead + "language: fr\n" + siteDecl, []string{"fr"}},
		{"languages", siteHead + "languages: [en, fr, es]\n" + siteDecl, []string{"en", "fr", "es"}},
		{"block list", siteHead + "languages:\n  - es\n  - en\n" + siteDecl, []string{"es", "en"}},
		{"region subtag", siteHead + "languages: [en, pt-BR]\n" + siteDecl, []string{"en", "pt-BR"}},
		{"both", siteHead + "language: en\nlanguages: [en, fr]\n" + siteDecl,
			[]string{"site.yaml:3:1: language: and languages: are both given: a site in several languages lists them all in languages: (the default first); delete language:"}},
		{"duplicate", siteHead + "languages: [en, fr, en]\n" + siteDecl,
			[]string{"site.yaml:3:21: languages: English (en) is listed twice; list each language once"}},
		{"unknown code", siteHead + "languages: [en, xq]\n" + siteDecl,
			[]string{`site.yaml:3:17: languages: "xq" is not a language code (BCP 47): write the language's code, such as en, fr or es`}},
		{"language name", siteHead + "languages: [en, French]\n" + siteDecl,
			[]string{`site.yaml:3:17: languages: "French" is not a language code; write fr`}},
		{"underscore", siteHead + "languages: [en, pt_BR]\n" + siteDecl,
			[]string{`site.yaml:3:17: languages: "pt_BR" is not a language code; write pt-BR`}},
		{"not the usual form", siteHead + "languages: [en, FR]\n" + siteDecl,
			[]string{`site.yaml:3:17: languages: write "FR" as fr, the code's usual form (it names the language's folder, /fr/, and its files, x.fr.md)`}},
		{"undetermined", siteHead + "languages: [und]\n" + siteDecl,
			[]string{`site.yaml:3:13: languages: "und" is the code for an undetermined language; write the language's code, such as en, fr or es`}},
		{"bad language:", siteHead + "language: english\n" + siteDecl,
			[]string{`site.yaml:3:11: language: "english" is not a language code; write en`}},
		{"scalar", siteHead + "languages: en\n" + siteDecl,
			[]string{`site.yaml:3:12: languages: expected a list, found "en"; write [en]`}},
		{"empty", siteHead + "languages: []\n" + siteDecl,
			[]string{"site.yaml:3:12: languages: the list is empty; list the site's languages, the default first, such as [en, fr, es]"}},
		{"too many", siteHead + "languages: [en, fr, es, ar, zh, ru, pt, de, it, tr, ja]\n" + siteDecl,
			[]string{"site.yaml:3:53: languages: this is language number 11; a site has at most 10 languages (see docs/content-limits.md)"}},
		{"folder of a kind", siteHead + "languages: [en, fr]\nkinds:\n  - {key: k, folder: fr, name: K}\nregions:\n  - {key: global, name: Global}\n",
			[]string{`site.yaml:3:17: languages: the pages in French (fr) live in the folder /fr/, which is also the folder of the kind "k"; give the kind another folder`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, errs := ParseSite("site.yaml", []byte(tt.yaml))
			if !strings.Contains(tt.want[0], ": ") {
				if len(errs) != 0 {
					t.Fatalf("unexpected problems:\n%v", errs)
				}
				if strings.Join(s.Languages, ",") != strings.Join(tt.want, ",") || s.Language != tt.want[0] ||
					strings.Join(s.OtherLanguages(), ",") != strings.Join(tt.want[1:], ",") {
					t.Errorf("Languages = %v, Language = %q; want %v", s.Languages, s.Language, tt.want)
				}
				return
			}
			if got := errs.Error(); got != strings.Join(tt.want, "\n") {
				t.Errorf("got:\n%s\nwant:\n%s", got, strings.Join(tt.want, "\n"))
			}
		})
	}
}

// TestNamesByLanguage: every name a reader sees takes a string or a map by
// language, and a map must give every language of the site.
func TestNamesByLanguage(t *testing.T) {
	const ok = "title: {en: Archive, fr: Archives, es: Archivo}\ndescription: Same everywhere.\nbase_url: https://x.example/\nlanguages: [en, fr, es]\n" +
		"kinds:\n  - key: annual-consultation\n    folder: annual-consultations\n    name: {en: Annual, fr: Annuelle, es: Anual}\n    plural:\n      en: Annuals\n      fr: Annuelles\n      es: Anuales\n" +
		"  - {key: other, folder: others, name: {en: Other, fr: Autre, es: Otra}}\n" +
		"regions:\n  - {key: global, name: {en: Global, fr: Monde, es: Mundial}, description: {en: D, fr: Dfr, es: Des}}\n"
	s, errs := ParseSite("site.yaml", []byte(ok))
	if len(errs) != 0 {
		t.Fatalf("unexpected problems:\n%v", errs)
	}
	k, o, r := s.Kinds[0], s.Kinds[1], s.Regions[0]
	for _, c := range []struct{ got, want string }{
		{s.Title, "Archive"}, {s.TitleIn("fr"), "Archives"}, {s.TitleIn("es"), "Archivo"},
		{s.Description, "Same everywhere."}, {s.DescriptionIn("fr"), "Same everywhere."},
		{k.Name, "Annual"}, {k.NameIn("es"), "Anual"}, {k.Plural, "Annuals"}, {k.PluralIn("fr"), "Annuelles"},
		{o.PluralIn("es"), "Otra"}, {o.Plural, "Other"}, // plural defaults to the name, language by language
		{r.Name, "Global"}, {r.NameIn("fr"), "Monde"}, {r.DescriptionIn("es"), "Des"}, {r.Description, "D"},
	} {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
	if s.Names.Description.Translated("fr") || !s.Names.Title.Translated("fr") {
		t.Errorf("Translated: a string is the same text in every language, a map translates it")
	}

	bad := []struct{ name, from, to, want string }{
		{"title misses a language", "title: {en: Archive, fr: Archives, es: Archivo}", "title: {en: Archive, fr: Archives}",
			"site.yaml:1:8: title: the Spanish (es) text is missing: a name given by language gives one for each of the site's languages (en, fr, es)"},
		{"kind name misses a language", "name: {en: Annual, fr: Annuelle, es: Anual}", "name: {en: Annual, es: Anual}",
			"site.yaml:8:11: name: the French (fr) text is missing: a name given by language gives one for each of the site's languages (en, fr, es)"},
		{"block map misses a language", "      fr: Annuelles\n", "",
			"site.yaml:10:7: plural: the French (fr) text is missing: a name given by language gives one for each of the site's languages (en, fr, es)"},
		{"region description misses a language", "description: {en: D, fr: Dfr, es: Des}", "description: {fr: Dfr, es: Des}",
			"site.yaml:15:76: description: the English (en) text is missing: a name given by language gives one for each of the site's languages (en, fr, es)"},
		{"a language the site does not list", "es: Archivo}", "es: Archivo, de: Archiv}",
			"site.yaml:1:49: title: German (de) is not one of the site's languages (en, fr, es): add it to languages: in site.yaml, or delete this text"},
		{"a language named", "es: Archivo}", "Spanish: Archivo}",
			`site.yaml:1:36: title: "Spanish" is not a language code; write es` + "\n" +
				`site.yaml:1:8: title: the Spanish (es) text is missing: a name given by language gives one for each of the site's languages (en, fr, es)`},
		{"empty text", "fr: Archives,", "fr: '',",
			"site.yaml:1:26: title.fr is empty"},
		{"a language twice", "fr: Archives,", "fr: Archives, fr: Archives2,",
			"site.yaml:1:36: title: the French (fr) text is given twice"},
		{"a map for a key", "key: other,", "key: {en: other},",
			"site.yaml:13:11: key: expected text, found a map"},
	}
	for _, tt := range bad {
		t.Run(tt.name, func(t *testing.T) {
			src := strings.Replace(ok, tt.from, tt.to, 1)
			if src == ok {
				t.Fatal("the test changes nothing")
			}
			_, errs := ParseSite("site.yaml", []byte(src))
			if got := errs.Error(); got != tt.want {
				t.Errorf("got:\n%s\nwant:\n%s", got, tt.want)
			}
		})
	}
}
