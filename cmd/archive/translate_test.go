package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/iom-cso/archive/generator/content"
)

const translateSite = `title: T
base_url: https://x.example/
languages: [en, fr, es]
kinds:
  - {key: annual-consultation, folder: annual-consultations, name: Annual consultation}
regions:
  - {key: global, name: Global}
`

const translateOrig = `---
title: "Migrants and development"
date: 2013-09-12
location: Geneva
region: global
summary: "A consultation."
documents:
  - {title: "Final report", url: "https://x.example/r.pdf"}
---
The text.
`

// TestNewTranslate: archive new --translate writes the translation beside
// its original, with the text to translate marked and translation_of:
// the original's digest; it loads as the original's translation, and
// check then finds it fresh until the original changes.
func TestNewTranslate(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "content")
	writeSite(t, dir, map[string]string{
		"site.yaml":                             translateSite,
		"annual-consultations/2013-migrants.md": translateOrig,
		"about.md":                              "---\ntitle: About\n---\nAbout us.\n",
	})
	orig := filepath.Join(dir, "annual-consultations", "2013-migrants.md")
	code, stdout, stderr := runArchive(t, "new", "--translate", orig, "fr", "--content", dir)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	path := filepath.Join(dir, "annual-consultations", "2013-migrants.fr.md")
	if stdout != path+"\n" {
		t.Errorf("stdout %q, want %q", stdout, path)
	}
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	root, _ := os.OpenRoot(dir)
	defer root.Close()
	a, problems := content.Load(context.Background(), root.FS(), content.Options{Dir: dir})
	if len(problems) != 0 {
		t.Fatalf("the translation does not load: %v", problems)
	}
	digest := a.Events[0].TranslationDigest()
	want := `---
title: "TODO: translate: Migrants and development" # required
summary: "TODO: translate: A consultation." # required
# location: "Geneva"             # when the place's name reads differently
documents:                       # each document's title; file: or url: says which
  - title: "TODO: translate: Final report"
    url: "https://x.example/r.pdf"
translation_of: ` + digest + ` # the original's text this translation starts from: leave it as it is
---
<!-- TODO: translate: the text below, then delete this line. -->
The text.
`
	if string(got) != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
	tr := a.Events[0].Translations["fr"]
	if tr == nil || tr.Of != digest || len(a.StaleTranslations()) != 0 {
		t.Fatalf("translation %+v, stale %v", tr, a.StaleTranslations())
	}

	// A page, named within the content folder.
	if code, _, stderr := runArchive(t, "new", "--content", dir, "--translate", "about.md", "es"); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "about.es.md")); !strings.HasPrefix(string(b), "---\ntitle: \"TODO: translate: About\"\ntranslation_of: ") {
		t.Errorf("page translation:\n%s", b)
	}

	// Never overwritten.
	code, _, stderr = runArchive(t, "new", "--translate", orig, "fr", "--content", dir)
	if code != 1 || stderr != "archive new --translate: "+path+" already exists; nothing was written\n" {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
}

// TestNewTranslateOrganization: archive new --translate starts the
// translation of an organization of the directory, with its name, short
// name, summary and text marked; a placeholder left is a check error,
// and the translation, once done, is fresh.
func TestNewTranslateOrganization(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "content")
	writeSite(t, dir, map[string]string{
		"site.yaml":            translateSite + "organization_types:\n  - {key: iom, name: {en: IOM, fr: OIM, es: OIM}}\n",
		"organizations/iom.md": "---\nname: International Organization for Migration\nshort_name: IOM\ntype: iom\nurl: https://www.iom.int/\nsummary: The UN migration agency.\n---\nWho they are.\n",
	})
	code, stdout, stderr := runArchive(t, "new", "--translate", filepath.Join(dir, "organizations", "iom.md"), "fr", "--content", dir)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	path := filepath.Join(dir, "organizations", "iom.fr.md")
	if stdout != path+"\n" {
		t.Errorf("stdout %q, want %q", stdout, path)
	}
	got, _ := os.ReadFile(path)
	root, _ := os.OpenRoot(dir)
	defer root.Close()
	a, problems := content.Load(context.Background(), root.FS(), content.Options{Dir: dir})
	if len(problems) != 0 {
		t.Fatalf("the translation does not load: %v", problems)
	}
	digest := a.Organizations[0].TranslationDigest()
	want := `---
name: "TODO: translate: International Organization for Migration" # its name in this language; delete the line if it reads the same
short_name: "TODO: translate: IOM" # delete the line if it reads the same
summary: "TODO: translate: The UN migration agency." # required
translation_of: ` + digest + ` # the original's text this translation starts from: leave it as it is
---
<!-- TODO: translate: the text below, then delete this line. -->
Who they are.
`
	if string(got) != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
	if tr := a.Organizations[0].Translations["fr"]; tr == nil || tr.Of != digest {
		t.Fatalf("translation %+v", tr)
	}
	code, stdout, stderr = runArchive(t, "check", "--content", dir)
	wantCheck := path + ":2:7: error: name still holds the placeholder written by archive new: translate it, or delete this file until the translation is ready (the organization is shown in its own language meanwhile)\n"
	if code != 1 || !strings.HasPrefix(stdout, wantCheck) {
		t.Errorf("check: exit %d, stdout:\n%s\nwant it to start with:\n%s", code, stdout, wantCheck)
	}
	if !strings.Contains(stderr, "fr: 0 of 0 records and 1 of 1 organization translated\nes: 0 of 0 records and 0 of 1 organization translated\n") {
		t.Errorf("check's summary of translations:\n%s", stderr)
	}
}

// TestNewTranslateErrors: each mistake exits non-zero with a message that
// says what to do, and writes nothing.
func TestNewTranslateErrors(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "content")
	writeSite(t, dir, map[string]string{"site.yaml": translateSite, "annual-consultations/2013-migrants.md": translateOrig})
	orig := filepath.Join(dir, "annual-consultations", "2013-migrants.md")
	tests := []struct {
		args []string
		code int
		want string
	}{
		{[]string{orig, "de"}, 2, `archive new --translate: "de" is not one of the site's languages; translate into one of the others: fr, es` + "\n"},
		{[]string{orig, "en"}, 2, "archive new --translate: en is the site's default language, the original's; translate into one of the others: fr, es\n"},
		{[]string{filepath.Join(dir, "annual-consultations", "2014-none.md"), "fr"}, 2,
			"archive new --translate: " + filepath.Join(dir, "annual-consultations", "2014-none.md") + " is not a record, page or organization of the archive (a translation translates <kind folder>/<slug>.md, <kind folder>/<slug>/index.md, <page>.md, _index.md or organizations/<key>.md)\n"},
		{[]string{"/etc/passwd", "fr"}, 2,
			"archive new --translate: /etc/passwd is not a file of the content folder " + dir + ": give the path of the record, page or organization to translate, such as " + filepath.Join(dir, "annual-consultations", "2013-migrants-and-development.md") + "\n"},
	}
	for _, tt := range tests {
		code, _, stderr := runArchive(t, append([]string{"new", "--content", dir, "--translate"}, tt.args...)...)
		if code != tt.code || stderr != tt.want {
			t.Errorf("%v: exit %d, stderr:\n%s\nwant exit %d:\n%s", tt.args, code, stderr, tt.code, tt.want)
		}
	}
	one := filepath.Join(t.TempDir(), "content")
	writeSite(t, one, map[string]string{"site.yaml": newSite, "about.md": "---\ntitle: About\n---\n"})
	if code, _, stderr := runArchive(t, "new", "--content", one, "--translate", "about.md", "fr"); code != 2 ||
		stderr != `archive new --translate: "fr" is not one of the site's languages; site.yaml lists no other language: add one to languages:, such as languages: [en, fr]`+"\n" {
		t.Errorf("a site in one language: exit %d, %q", code, stderr)
	}
	if code, _, stderr := runArchive(t, "new", "--content", dir, "--translate", orig); code != 2 || !strings.HasPrefix(stderr, "archive new --translate: want the original's path and a language, got 1 argument\n") {
		t.Errorf("one argument: exit %d, %q", code, stderr)
	}
	entries, _ := os.ReadDir(filepath.Join(dir, "annual-consultations"))
	if len(entries) != 1 {
		t.Errorf("something was written: %v", entries)
	}
}
