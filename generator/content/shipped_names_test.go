package content

import (
	"context"
	"os"
	"testing"
)

// TestShippedNamesComplete: every topic and organization type of the
// shipped site.yaml is named, and described where it has a description,
// in each of the site's languages, and every organization of the shipped
// directory has a translation into each other language: no French or
// Spanish page shows an English name where the archive has none other.
func TestShippedNamesComplete(t *testing.T) {
	a, errs := Load(context.Background(), os.DirFS("../../content"), Options{Dir: "content"})
	if a.Site == nil || len(errs.Errors()) > 0 {
		t.Fatalf("the shipped archive does not load: %v", errs.Errors())
	}
	s := a.Site
	if len(s.Languages) < 2 || len(s.Topics) == 0 || len(s.OrganizationTypes) == 0 || len(a.Organizations) == 0 {
		t.Fatalf("languages %v, %d topics, %d types, %d organizations", s.Languages, len(s.Topics), len(s.OrganizationTypes), len(a.Organizations))
	}
	for _, lang := range s.Languages {
		for _, tp := range s.Topics {
			if !tp.Names.Name.Translated(lang) || tp.NameIn(lang) == "" {
				t.Errorf("topic %s: no name in %s", tp.Key, lang)
			}
			if tp.Description != "" && !tp.Names.Description.Translated(lang) {
				t.Errorf("topic %s: no description in %s", tp.Key, lang)
			}
		}
		for _, ty := range s.OrganizationTypes {
			if !ty.Names.Name.Translated(lang) || ty.NameIn(lang) == "" {
				t.Errorf("organization type %s: no name in %s", ty.Key, lang)
			}
			if ty.Description != "" && !ty.Names.Description.Translated(lang) {
				t.Errorf("organization type %s: no description in %s", ty.Key, lang)
			}
		}
	}
	for _, lang := range s.OtherLanguages() {
		for _, o := range a.UntranslatedOrganizations(lang) {
			t.Errorf("%s: no translation into %s (%s)", o.Path, lang, o.Key+"."+lang+".md")
		}
	}
	if w := a.StaleTranslations(); len(w) > 0 {
		t.Errorf("translations made from an earlier text:\n%v", w)
	}
}
