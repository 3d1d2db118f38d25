package theme

import (
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

func testTheme(t *testing.T, extra map[string]string) (*Theme, error) {
	t.Helper()
	fsys := fstest.MapFS{
		"layouts/_base.html":          {Data: []byte(`<!DOCTYPE html><title>{{block "title" .}}{{end}}</title>{{template "main" .}}`)},
		"layouts/partials/greet.html": {Data: []byte(`{{T "hello" .}}`)},
		"layouts/page.html":           {Data: []byte(`{{define "main"}}{{template "greet" .Name}} <a href="{{asset "css/site.css"}}">{{date .D}}</a> {{Tn "events" .N}} {{.HTML}}{{end}}`)},
		"assets/css/site.css":         {Data: []byte("body{}")},
		"assets/.DS_Store":            {Data: []byte("junk")},
		"i18n/en.yaml":                {Data: []byte(testStrings)},
	}
	for k, v := range extra {
		fsys[k] = &fstest.MapFile{Data: []byte(v)}
	}
	return Load(fsys, Options{Lang: "en", BaseURL: "https://x.example/"})
}

func TestRender(t *testing.T) {
	th, err := testTheme(t, nil)
	if err != nil {
		t.Fatal(err)
	}
	data := map[string]any{"Name": "<b>CSO</b>", "D": time.Date(2013, 9, 12, 0, 0, 0, 0, time.UTC), "N": 1, "HTML": "<i>x</i>"}
	out, err := th.RenderBytes(data, "missing", "page")
	if err != nil {
		t.Fatal(err)
	}
	want := `<!DOCTYPE html><title></title>Hello, &lt;b&gt;CSO&lt;/b&gt; <a href="/assets/css/site.7c98040a.css">12 September 2013</a> 1 event &lt;i&gt;x&lt;/i&gt;`
	if string(out) != want {
		t.Errorf("got  %s\nwant %s", out, want)
	}
	if _, ok := th.Files()["assets/css/site.7c98040a.css"]; !ok || len(th.Files()) != 1 {
		t.Errorf("assets = %v (hidden files must be skipped)", th.Files())
	}
	if _, err := th.RenderBytes(data, "nope"); err == nil || !strings.Contains(err.Error(), "no layout named nope") {
		t.Errorf("missing layout: %v", err)
	}
}

func TestDateRange(t *testing.T) {
	th, err := testTheme(t, nil)
	if err != nil {
		t.Fatal(err)
	}
	d := func(s string) time.Time { t, _ := time.Parse("2006-01-02", s); return t }
	for _, c := range []struct{ a, b, want string }{
		{"2013-09-12", "", "12 September 2013"},
		{"2017-08-04", "2017-08-05", "4–5 August 2017"},
		{"2017-08-28", "2017-09-02", "28 August – 2 September 2017"},
		{"2017-12-30", "2018-01-02", "30 December 2017 – 2 January 2018"},
	} {
		var b time.Time
		if c.b != "" {
			b = d(c.b)
		}
		if got := th.DateRange(d(c.a), b); got != c.want {
			t.Errorf("DateRange(%s, %s) = %q, want %q", c.a, c.b, got, c.want)
		}
	}
	if got, _ := th.Plural("events", 3); got != "3 events" {
		t.Errorf("Plural = %q", got)
	}
	for n, want := range map[int64]string{1: "1 byte", 999: "999 bytes", 312_400: "312 KB", 1_449_000: "1.4 MB"} {
		if got := th.Bytes(n); got != want {
			t.Errorf("Bytes(%d) = %q, want %q", n, got, want)
		}
	}
}

func TestLoadErrors(t *testing.T) {
	if _, err := testTheme(t, map[string]string{"layouts/bad.html": `{{define "main"}}{{.X}`}); err == nil {
		t.Error("a broken layout loaded")
	}
	if _, err := Load(fstest.MapFS{"layouts/_base.html": {Data: []byte("x")}}, Options{Lang: "fr"}); err == nil || !strings.Contains(err.Error(), `no interface strings for language "fr"`) {
		t.Errorf("missing i18n file: %v", err)
	}
}

// TestDigest: the digest changes with every file Load reads, and only
// with those, so that the preview's memo re-renders exactly when it must.
func TestDigest(t *testing.T) {
	digest := func(extra map[string]string) [32]byte {
		t.Helper()
		th, err := testTheme(t, extra)
		if err != nil {
			t.Fatal(err)
		}
		return th.Digest()
	}
	base := digest(nil)
	if digest(nil) != base {
		t.Error("the same theme gives two digests")
	}
	if digest(map[string]string{"README.md": "not read"}) != base || digest(map[string]string{"assets/.hidden": "skipped"}) != base {
		t.Error("a file Load does not read changed the digest")
	}
	for _, f := range []map[string]string{
		{"assets/css/site.css": "body{color:red}"},
		{"assets/img/new.svg": "<svg/>"},
		{"layouts/partials/greet.html": `{{T "hello" .}}!`},
		{"layouts/list.html": `{{define "main"}}{{end}}`},
	} {
		if digest(f) == base {
			t.Errorf("%v did not change the digest", f)
		}
	}
}

// TestEditorFilesSkipped: the files editors and systems leave beside a
// theme's real ones (backups, swap and lock files, .DS_Store) are neither
// published nor read, by the rule the content reader follows
// (content.Ignored); the asset they sit beside is.
func TestEditorFilesSkipped(t *testing.T) {
	junk := []string{"assets/css/site.css~", "assets/css/.#site.css", "assets/css/#site.css#", "assets/css/.site.css.swp", "assets/css/site.css.swp",
		"assets/js/x.js.tmp", "assets/Thumbs.db", "assets/css/site.css___jb_old___", "layouts/page.html~", "i18n/en.yaml.swp"}
	extra := map[string]string{}
	for _, name := range junk {
		extra[name] = "{{ not a template, not YAML: ]]"
	}
	th, err := testTheme(t, extra)
	if err != nil {
		t.Fatal(err)
	}
	var published []string
	for name := range th.Files() {
		published = append(published, name)
	}
	for _, name := range published {
		base := name[strings.LastIndex(name, "/")+1:]
		if strings.ContainsAny(base, "~#") || strings.HasPrefix(base, ".") || strings.Contains(base, ".sw") || strings.Contains(base, "tmp") ||
			strings.Contains(base, "Thumbs") || strings.Contains(base, "jb_") {
			t.Errorf("published %s", name)
		}
	}
	if _, err := th.Asset("css/site.css"); err != nil {
		t.Errorf("the real asset: %v (published: %q)", err, published)
	}
	if len(published) != 1 {
		t.Errorf("published %q, want the stylesheet alone", published)
	}
}

// TestErrorColumnsInCharacters: an error while a layout runs gives its
// column in characters, from 1, as content errors do, not in bytes: on a
// line with accented text before the action, the column is that of the
// action's first character.
func TestErrorColumnsInCharacters(t *testing.T) {
	for _, c := range []struct{ src, want string }{
		// {{define "main"}} (17) and "Événement à Genève " (19 characters,
		// 23 bytes), then "{{": index is the 39th character.
		{`{{define "main"}}Événement à Genève {{index .Name 5}}{{end}}`, "template: x:1:39: executing"},
		{"{{define \"main\"}}\nÀ Genève – {{index .Name 5}}{{end}}", "template: x:2:14: executing"},
		{"{{define \"main\"}}\nGeneva {{index .Name 5}}{{end}}", "template: x:2:10: executing"},
	} {
		th, err := testTheme(t, map[string]string{"layouts/x.html": c.src})
		if err != nil {
			t.Fatal(err)
		}
		_, err = th.RenderBytes(map[string]any{"Name": "ab"}, "x")
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q: error %v, want %q", c.src, err, c.want)
		}
	}
}
