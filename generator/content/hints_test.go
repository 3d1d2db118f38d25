package content

import (
	"context"
	"strings"
	"testing"
	"testing/fstest"
)

// shippedRegions are the regions of the real archive's site.yaml.
const shippedRegions = `title: T
base_url: https://x.example/
kinds:
  - {key: annual-consultation, folder: annual-consultations, name: Annual}
regions:
  - {key: global, name: Global}
  - {key: africa, name: Africa}
  - {key: americas, name: Americas}
  - {key: asia-pacific, name: "Asia and the Pacific"}
  - {key: europe-central-asia, name: "Europe and Central Asia"}
  - {key: mena, name: "Middle East and North Africa"}
`

// TestRegionHints: a region written as its name, in capitals or cut short
// gets "did you mean" with the key to write; a value like none does not.
func TestRegionHints(t *testing.T) {
	const keys = "global, africa, americas, asia-pacific, europe-central-asia, mena"
	for _, tt := range []struct{ region, want string }{
		{"Middle East and North Africa", `unknown region "Middle East and North Africa"; did you mean mena (Middle East and North Africa)? region takes a key from site.yaml: ` + keys},
		{"Global", `unknown region "Global"; did you mean global (Global)? region takes a key from site.yaml: ` + keys},
		{"asia", `unknown region "asia"; did you mean asia-pacific (Asia and the Pacific)? region takes a key from site.yaml: ` + keys},
		{"Asia and the Pacific", `unknown region "Asia and the Pacific"; did you mean asia-pacific (Asia and the Pacific)? region takes a key from site.yaml: ` + keys},
		{"AFRICA", `unknown region "AFRICA"; did you mean africa (Africa)? region takes a key from site.yaml: ` + keys},
		{"afrika", `unknown region "afrika"; did you mean africa (Africa)? region takes a key from site.yaml: ` + keys},
		{"Europe", `unknown region "Europe"; did you mean europe-central-asia (Europe and Central Asia)? region takes a key from site.yaml: ` + keys},
		{"Mars", `unknown region "Mars"; site.yaml declares: ` + keys},
		{"a", `unknown region "a"; site.yaml declares: ` + keys},
	} {
		t.Run(tt.region, func(t *testing.T) {
			src := strings.Replace(good, "region: global", "region: "+tt.region, 1)
			_, errs := Load(context.Background(), fstest.MapFS{
				"site.yaml":                      {Data: []byte(shippedRegions)},
				"annual-consultations/2013-x.md": {Data: []byte(src)},
			}, Options{})
			want := "content/annual-consultations/2013-x.md:5:9: " + tt.want
			if problems(errs) != want {
				t.Errorf("got:\n%s\nwant:\n%s", problems(errs), want)
			}
		})
	}
}

// TestDocumentLang: lang is a language tag, stored in its canonical form;
// a language's name, in English or in the language itself, or a tag with
// an underscore, gets the tag to write.
func TestDocumentLang(t *testing.T) {
	doc := func(lang string) string {
		return strings.Replace(good, "summary: S.", "summary: S.\ndocuments:\n  - title: Report\n    url: https://x.example/r.pdf\n    lang: "+lang, 1)
	}
	for _, tt := range []struct{ lang, stored, err string }{
		{"en", "en", ""},
		{"fr", "fr", ""},
		{"pt-BR", "pt-BR", ""},
		{"EN", "en", ""},
		{"English", "", `lang: "English" is not a language tag; write lang: en`},
		{"français", "", `lang: "français" is not a language tag; write lang: fr`},
		{"Francais", "", `lang: "Francais" is not a language tag; write lang: fr`},
		{"Spanish", "", `lang: "Spanish" is not a language tag; write lang: es`},
		{"español", "", `lang: "español" is not a language tag; write lang: es`},
		{"Arabic", "", `lang: "Arabic" is not a language tag; write lang: ar`},
		{"en_US", "", `lang: "en_US" is not a language tag; write lang: en-US`},
		{"Klingonese", "", `lang: "Klingonese" is not a language tag: write the language's code, such as en, fr or es (BCP 47)`},
	} {
		t.Run(tt.lang, func(t *testing.T) {
			a, errs := load(t, map[string]string{"annual-consultations/2013-x.md": doc(tt.lang)})
			if tt.err != "" {
				want := "content/annual-consultations/2013-x.md:10:11: " + tt.err
				if problems(errs) != want {
					t.Errorf("got:\n%s\nwant:\n%s", problems(errs), want)
				}
				return
			}
			if len(errs) != 0 {
				t.Fatalf("errors: %v", errs)
			}
			if got := a.Events[0].Documents[0].Lang; got != tt.stored {
				t.Errorf("stored lang %q, want %q", got, tt.stored)
			}
		})
	}
}

// TestValuesYAMLWouldDrop: text that YAML takes for an anchor, a type tag
// or a comment is refused where it is, instead of vanishing.
func TestValuesYAMLWouldDrop(t *testing.T) {
	for _, tt := range []struct{ title, want string }{
		{"&IOM Rocks", `2:8: title: a value that starts with "&" must be in quotes: YAML takes &IOM for an anchor and drops it (title: "&IOM …")`},
		{"!Important meeting", `2:8: title: a value that starts with "!" must be in quotes: YAML takes !Important for a type tag and drops it (title: "!Important …")`},
		{"#MeToo and migration", `2:7: title: a value that starts with "#" must be in quotes: YAML reads it as a comment and the title as empty (title: "#MeToo and migration")`},
	} {
		_, errs := load(t, map[string]string{"annual-consultations/2013-x.md": strings.Replace(good, "title: A", "title: "+tt.title, 1)})
		if want := "content/annual-consultations/2013-x.md:" + tt.want; problems(errs) != want {
			t.Errorf("title: %s\ngot:\n%s\nwant:\n%s", tt.title, problems(errs), want)
		}
	}
}

// TestEmptyValueWithComment: an empty value followed by a comment is an
// empty value, not a hashtag.
func TestEmptyValueWithComment(t *testing.T) {
	_, errs := load(t, map[string]string{"annual-consultations/2013-x.md": strings.Replace(good, "location: Geneva", "location:     # required", 1)})
	if want := "content/annual-consultations/2013-x.md:4:10: location: expected text, found nothing"; problems(errs) != want {
		t.Errorf("got:\n%s\nwant:\n%s", problems(errs), want)
	}
}

// TestSiteYAMLEncoding: site.yaml saved as UTF-16 (which the YAML parser
// would decode, with positions no editor shows) or with invalid UTF-8 is
// refused at the first bad byte, as Markdown files are.
func TestSiteYAMLEncoding(t *testing.T) {
	for _, tt := range []struct {
		src  string
		want string
	}{
		{"\xff\xfe( ( 00", "site.yaml:1:1: site.yaml is saved as UTF-16: save it with UTF-8 encoding"},
		{"\xfe\xff\x00t\x00i", "site.yaml:1:1: site.yaml is saved as UTF-16: save it with UTF-8 encoding"},
		{"title: T\nbase_url: caf\xe9\n", "site.yaml:2:14: invalid UTF-8: save site.yaml with UTF-8 encoding"},
	} {
		_, errs := ParseSite("site.yaml", []byte(tt.src))
		if problems(errs) != tt.want {
			t.Errorf("%q:\ngot:\n%s\nwant:\n%s", tt.src, problems(errs), tt.want)
		}
	}
}
