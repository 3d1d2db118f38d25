package content

import (
	"strings"
	"testing"
)

// dirSite3 is dirSite in three languages, its topics and types named in
// each.
const dirSite3 = siteYAML3 + `organization_types:
  - key: iom
    name: {en: IOM, fr: OIM, es: OIM}
  - key: network
    name: {en: "Civil society networks", fr: "Réseaux de la société civile", es: "Redes de la sociedad civil"}
    description: {en: "Networks.", fr: "Réseaux.", es: "Redes."}
topics:
  - key: labour-migration
    name: {en: "Labour migration", fr: "Migration de main-d'œuvre", es: "Migración laboral"}
    description: {en: "Work abroad.", fr: "Travail à l'étranger.", es: "Trabajo en el extranjero."}
  - {key: human-rights, name: "Human rights"}
`

const orgIOMfr = "---\nname: Organisation internationale pour les migrations\nshort_name: OIM\nsummary: L'agence des Nations Unies pour les migrations.\n---\nCorps.\n"

// TestTopicAndTypeNamesByLanguage: site.yaml's names of topics and
// organization types given by language are kept in every language; one
// string reads the same in all.
func TestTopicAndTypeNamesByLanguage(t *testing.T) {
	a, errs := loadSite(t, dirSite3, map[string]string{"organizations/iom.md": orgIOM}, nil)
	if len(errs) != 0 {
		t.Fatal(errs)
	}
	s := a.Site
	lm, hr := s.TopicByKey("labour-migration"), s.TopicByKey("human-rights")
	iom, net := s.OrganizationTypeByKey("iom"), s.OrganizationTypeByKey("network")
	for _, c := range []struct{ got, want string }{
		{lm.NameIn("fr"), "Migration de main-d'œuvre"}, {lm.NameIn("es"), "Migración laboral"}, {lm.NameIn("en"), "Labour migration"}, {lm.Name, "Labour migration"},
		{lm.DescriptionIn("fr"), "Travail à l'étranger."}, {lm.DescriptionIn("es"), "Trabajo en el extranjero."},
		{hr.NameIn("fr"), "Human rights"}, {hr.DescriptionIn("fr"), ""},
		{iom.NameIn("fr"), "OIM"}, {net.NameIn("es"), "Redes de la sociedad civil"}, {net.DescriptionIn("fr"), "Réseaux."}, {net.NameIn("en"), "Civil society networks"},
	} {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
	if !lm.Names.Name.Translated("fr") || hr.Names.Name.Translated("fr") {
		t.Errorf("Translated: a map gives each language, a string none")
	}
}

// TestTopicAndTypeNamesMissingLanguage: a topic's or a type's name by
// language that misses one of the site's languages is an error naming
// the key and the language, at the map.
func TestTopicAndTypeNamesMissingLanguage(t *testing.T) {
	site := siteYAML3 + "organization_types:\n  - {key: iom, name: {en: IOM, fr: OIM}}\ntopics:\n  - key: labour-migration\n    name: {en: Labour, es: Laboral, de: Arbeit}\n"
	_, errs := loadSite(t, site, nil, nil)
	want := "content/site.yaml:9:22: name: the Spanish (es) text is missing: a name given by language gives one for each of the site's languages (en, fr, es)\n" +
		"content/site.yaml:12:37: name: German (de) is not one of the site's languages (en, fr, es): add it to languages: in site.yaml, or delete this text\n" +
		"content/site.yaml:12:11: name: the French (fr) text is missing: a name given by language gives one for each of the site's languages (en, fr, es)"
	if got := errs.Error(); got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
}

// TestOrganizationTranslations: organizations/<key>.<lang>.md is the
// organization's text in that language; what it does not give reads as
// in the original.
func TestOrganizationTranslations(t *testing.T) {
	files := map[string]string{
		"organizations/iom.md": orgIOM, "organizations/iom.fr.md": orgIOMfr,
		"organizations/icva.md":    orgICVA,
		"organizations/icva.es.md": "---\nsummary: Una red de ONG.\n---\n",
	}
	for _, cache := range []*Cache{nil, NewCache()} {
		for range 2 { // the second load from the cache
			a, errs := loadSite(t, dirSite3, files, cache)
			if len(errs) != 0 {
				t.Fatal(errs)
			}
			iom, icva := a.OrganizationByKey("iom"), a.OrganizationByKey("icva")
			fr, es, icvaES := iom.In("fr"), iom.In("es"), icva.In("es")
			for _, c := range []struct{ got, want any }{
				{fr.Title, "Organisation internationale pour les migrations"}, {fr.ShortName, "OIM"}, {fr.Summary, "L'agence des Nations Unies pour les migrations."},
				{string(fr.Body), "Corps.\n"}, {fr.BodyLine, 6}, {fr.Lang, "fr"}, {fr.Translated(), true}, {fr.Path, "organizations/iom.fr.md"},
				{es.Title, "International Organization for Migration"}, {es.Translated(), false}, {es.Lang, ""},
				{icvaES.Title, "International Council of Voluntary Agencies"}, {icvaES.ShortName, "ICVA"}, {icvaES.Summary, "Una red de ONG."},
				{len(a.UntranslatedOrganizations("fr")), 1}, {len(a.UntranslatedOrganizations("es")), 1}, {len(a.UntranslatedOrganizations("en")), 0},
				{len(a.Organizations), 2},
			} {
				if c.got != c.want {
					t.Errorf("got %#v, want %#v", c.got, c.want)
				}
			}
		}
	}
}

// TestOrganizationTranslationErrors: every mistake in an organization's
// translation, with its exact message and position.
func TestOrganizationTranslationErrors(t *testing.T) {
	const orig = "organizations/iom.md"
	tests := []struct {
		name  string
		files map[string]string
		want  string
	}{
		{"fact key", map[string]string{orig: orgIOM, "organizations/iom.fr.md": "---\nname: OIM\nurl: https://www.iom.int/fr\nsummary: S.\n---\n"},
			"content/organizations/iom.fr.md:3:1: url: a translation gives only name, short_name, summary and the body; url belongs in the original, iom.md, for every language: delete it here"},
		{"type, region and aliases", map[string]string{orig: orgIOM, "organizations/iom.es.md": "---\nsummary: S.\ntype: iom\nregion: global\naliases: [OIM]\n---\n"},
			"content/organizations/iom.es.md:3:1: type: a translation gives only name, short_name, summary and the body; type belongs in the original, iom.md, for every language: delete it here\n" +
				"content/organizations/iom.es.md:4:1: region: a translation gives only name, short_name, summary and the body; region belongs in the original, iom.md, for every language: delete it here\n" +
				"content/organizations/iom.es.md:5:1: aliases: a translation gives only name, short_name, summary and the body; aliases belongs in the original, iom.md, for every language: delete it here"},
		{"a record's key", map[string]string{orig: orgIOM, "organizations/iom.fr.md": "---\ntitle: OIM\nsummary: S.\n---\n"},
			`content/organizations/iom.fr.md:2:1: unknown key "title"; known keys: aliases, name, region, short_name, summary, translation_of, type, url`},
		{"without original", map[string]string{"organizations/oim.fr.md": orgIOMfr},
			"content/organizations/oim.fr.md: this translation into French (fr) has no original: there is no content/organizations/oim.md; name a translation after the file of the organization it translates"},
		{"unknown language", map[string]string{orig: orgIOM, "organizations/iom.de.md": orgIOMfr},
			"content/organizations/iom.de.md: German (de) is not in the site's languages: (en, fr, es) in site.yaml: add it to languages: to publish this translation, or rename the file if it is not one"},
		{"the default language", map[string]string{orig: orgIOM, "organizations/iom.en.md": orgIOMfr},
			"content/organizations/iom.en.md: this names a translation into English (en), the site's default language, in which the original iom.md is written: a translation is named after another language, such as iom.fr.md"},
		{"bad key before the language", map[string]string{"organizations/IOM.fr.md": orgIOMfr},
			`content/organizations/IOM.fr.md: organization key "IOM" (the file name) must be lowercase ASCII letters, digits and hyphens: rename the file (the key becomes the address /organizations/<key>/)`},
		{"missing summary", map[string]string{orig: orgIOM, "organizations/iom.fr.md": "---\nname: OIM\n---\n"},
			`content/organizations/iom.fr.md:2:1: required key "summary" is missing`},
		{"malformed front matter", map[string]string{orig: orgIOM, "organizations/iom.fr.md": "---\nname: OIM\nsummary: Migrations: un résumé\n---\n"},
			`content/organizations/iom.fr.md:3:20: a summary that contains ": " must be in quotes: summary: "Migrations: un résumé"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, errs := loadSite(t, dirSite3, tt.files, nil)
			if got := errs.Error(); got != tt.want {
				t.Errorf("got:\n%s\nwant:\n%s", got, tt.want)
			}
		})
	}
}

// TestOrganizationTranslationDigest: translation_of: of an organization's
// translation is compared with the original's text as it is now.
func TestOrganizationTranslationDigest(t *testing.T) {
	files := map[string]string{"organizations/iom.md": orgIOM}
	a, errs := loadSite(t, dirSite3, files, nil)
	if len(errs) != 0 {
		t.Fatal(errs)
	}
	was := a.Organizations[0].TranslationDigest()
	files["organizations/iom.fr.md"] = strings.Replace(orgIOMfr, "summary:", "translation_of: "+was+"\nsummary:", 1)
	a, errs = loadSite(t, dirSite3, files, nil)
	if len(errs) != 0 {
		t.Fatal(errs)
	}
	if w := a.StaleTranslations(); len(w) != 0 {
		t.Errorf("a translation made from the text as it is: %v", w)
	}
	files["organizations/iom.md"] = strings.Replace(orgIOM, "Body.", "Body, amended.", 1)
	a, _ = loadSite(t, dirSite3, files, nil)
	now := a.Organizations[0].TranslationDigest()
	want := "content/organizations/iom.fr.md:4:17: warning: content/organizations/iom.md changed since this translation was made from it (translation_of: " + was + ", the original's text is now " + now + "): bring the translation up to date, then write translation_of: " + now
	if got := a.StaleTranslations().Error(); got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
}
