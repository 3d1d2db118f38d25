package generator

import (
	"bufio"
	"bytes"
	"context"
	"os"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

// TestRedirectsFileWall calls the _redirects writer directly with values
// content.Load would refuse: whatever they hold, each rule stays one line
// of three fields, and neither field names another site.
func TestRedirectsFileWall(t *testing.T) {
	hostile := []redirectRule{
		{"/old\n/evil //evil.example/ 301", "/a/"},
		{"/old\v//evil.example/", "/b/"},
		{"/old\r\n/x /y", "/c/"},
		{"/old\u2028\u0085/x", "/d/"},
		{"/old#x", "/e/"},
		{"/old/*", "/f/:splat"},
		{"/old\f\t\x00", "/g/\n/h /i/"},
	}
	out, err := redirectsFile(hostile)
	if err != nil {
		t.Fatal(err)
	}
	want := "/old%0A/evil%20//evil.example/%20301 /a/ 301\n" +
		"/old%0B//evil.example/ /b/ 301\n" +
		"/old%0D%0A/x%20/y /c/ 301\n" +
		"/old%E2%80%A8%C2%85/x /d/ 301\n" +
		"/old%23x /e/ 301\n" +
		"/old/%2A /f/%3Asplat 301\n" +
		"/old%0C%09%00 /g/%0A/h%20/i/ 301\n"
	if string(out) != want {
		t.Errorf("got:\n%s\nwant:\n%s", out, want)
	}
	// Read the way the preview and Netlify read it: a line per rule, fields
	// split at any whitespace.
	sc := bufio.NewScanner(bytes.NewReader(out))
	n := 0
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) != 3 || f[2] != "301" || strings.HasPrefix(f[0], "//") || strings.HasPrefix(f[1], "//") {
			t.Errorf("line %d: %q", n+1, sc.Text())
		}
		n++
	}
	if n != len(hostile) || bytes.ContainsAny(out, "\r\v\f\u2028\u0085") {
		t.Errorf("%d lines for %d rules:\n%q", n, len(hostile), out)
	}

	for _, r := range []redirectRule{{"//evil.example/", "/a/"}, {"https://evil.example/", "/a/"}, {"", "/a/"}, {"/old/", "//evil.example/"}, {"/old/", "https://evil.example/"}} {
		if out, err := redirectsFile([]redirectRule{r}); err == nil {
			t.Errorf("%q → %q: written as %q, want an error", r.from, r.to, out)
		}
	}
}

// TestLanguageAliases: a record's aliases redirect in every language its
// page exists in: /fr/<alias>/ to its French page when it has one, and no
// /es/<alias>/ when it has no Spanish page (the Spanish 404 answers there).
func TestLanguageAliases(t *testing.T) {
	files, _, err := Build(context.Background(), Config{Content: os.DirFS("testdata/site"), ContentDir: "testdata/site", Today: time.Date(2026, 1, 15, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	redirects := string(files["_redirects"])
	for _, want := range []string{
		"/2013/ /annual-consultations/2013-migrants/ 301\n",
		"/fr/2013/ /fr/annual-consultations/2013-migrants/ 301\n",
		"/about-us/ /about/ 301\n",
		"/fr/about-us/ /fr/about/ 301\n",
	} {
		if !strings.Contains(redirects, want) {
			t.Errorf("_redirects lacks %q:\n%s", want, redirects)
		}
	}
	for _, not := range []string{"/es/2013/", "/es/about-us/"} {
		if strings.Contains(redirects, not) {
			t.Errorf("_redirects redirects %s, though the page has no Spanish version:\n%s", not, redirects)
		}
	}
	// Every alias rule comes before the languages' 404 rules, which
	// Netlify would otherwise try first.
	if i, j := strings.Index(redirects, "/fr/about-us/"), strings.Index(redirects, "/fr/* "); i < 0 || j < i {
		t.Errorf("the French aliases do not come before the French 404 rule:\n%s", redirects)
	}

	// An alias that a translation's alias takes in its language is a clash
	// between two files, which check names, at the alias.
	event := func(title, extra string) *fstest.MapFile {
		return &fstest.MapFile{Data: []byte("---\ntitle: " + title + "\ndate: 2013-09-12\nlocation: Geneva\nregion: global\nsummary: S.\n" + extra + "---\nBody.\n")}
	}
	fsys := fstest.MapFS{
		"site.yaml":                         {Data: []byte("title: T\nbase_url: https://x.example/\nlanguages: [en, fr]\nkinds:\n  - {key: a, folder: annual-consultations, name: Annual, plural: Annual consultations}\nregions:\n  - {key: global, name: Global}\n")},
		"annual-consultations/2013-a.md":    event("A", "aliases: [/fr/old/]\n"),
		"annual-consultations/2013-b.md":    event("B", "aliases: [/old/]\n"),
		"annual-consultations/2013-b.fr.md": {Data: []byte("---\ntitle: B fr\nsummary: S fr.\n---\nCorps.\n")},
		// The alias of a translated record that is another's address
		// clashes in both languages: one problem, named once.
		"annual-consultations/2013-c.md":    event("C", "aliases: [/annual-consultations/2013-b/]\n"),
		"annual-consultations/2013-c.fr.md": {Data: []byte("---\ntitle: C fr\nsummary: S fr.\n---\nCorps.\n")},
	}
	problems, err := Check(context.Background(), Config{Content: fsys, ContentDir: "content", Today: time.Date(2026, 1, 15, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range problems.Errors() {
		got = append(got, p.Error())
	}
	want := []string{
		"content/annual-consultations/2013-b.md:7:10: alias /old/ of the fr translation (/fr/old/) is already an alias of content/annual-consultations/2013-a.md: an old address can redirect to one page only",
		"content/annual-consultations/2013-c.md:7:10: alias /annual-consultations/2013-b/ is the address of the event made by content/annual-consultations/2013-b.md; a redirect there would hide it: remove the alias",
	}
	if !slices.Equal(got, want) {
		t.Errorf("check:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
