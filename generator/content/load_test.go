package content

import (
	"context"
	"strings"
	"testing"
	"testing/fstest"
)

const siteYAML = `title: T
base_url: https://x.example/
kinds:
  - {key: annual-consultation, folder: annual-consultations, name: Annual}
regions:
  - {key: global, name: Global}
  - {key: africa, name: Africa}
`

const good = "---\ntitle: A\ndate: 2013-09-12\nlocation: Geneva\nregion: global\nsummary: S.\n---\nBody.\n"

func load(t *testing.T, files map[string]string) (*Archive, List) {
	t.Helper()
	fsys := fstest.MapFS{"site.yaml": {Data: []byte(siteYAML)}}
	for k, v := range files {
		fsys[k] = &fstest.MapFile{Data: []byte(v)}
	}
	return Load(context.Background(), fsys, Options{})
}

// TestBadInput: each mistake gives exactly one message, at the position an
// editor should jump to, in the file's own line numbering.
func TestBadInput(t *testing.T) {
	const p = "annual-consultations/2013-x.md"
	tests := []struct {
		name, src, want string
	}{
		{"malformed YAML", "---\ntitle: A\ndate: 2013-09-12\nlocation: [Geneva\nregion: global\n---\n",
			`content/annual-consultations/2013-x.md:4:11: a location that starts with "[" must be in quotes: location: "[Geneva"`},
		{"never closed", "---\ntitle: A\ndate: 2013-09-12\n",
			"content/annual-consultations/2013-x.md:1: front matter is never closed: add a line of --- after the last key"},
		{"empty file", "",
			"content/annual-consultations/2013-x.md:1: file is empty: an event starts with front matter between two lines of ---"},
		{"no front matter", "# Title\n",
			"content/annual-consultations/2013-x.md:1: file must start with a line of --- followed by the front matter"},
		{"missing required", "---\ntitle: A\ndate: 2013-09-12\nlocation: Geneva\nregion: global\n---\n",
			"content/annual-consultations/2013-x.md:2:1: required key \"summary\" is missing"},
		{"list for string", strings.Replace(good, "location: Geneva", "location: [Geneva, Bern]", 1),
			"content/annual-consultations/2013-x.md:4:11: location: expected text, found a list"},
		{"bad date", strings.Replace(good, "2013-09-12", "12/09/2013", 1),
			"content/annual-consultations/2013-x.md:3:7: date: \"12/09/2013\" is not a date; write it as YYYY-MM-DD, e.g. 2013-09-12"},
		{"impossible date", strings.Replace(good, "2013-09-12", "2013-02-30", 1),
			"content/annual-consultations/2013-x.md:3:7: date: \"2013-02-30\" is not a real day of the calendar"},
		{"end before start", strings.Replace(good, "location:", "end_date: 2013-09-10\nlocation:", 1),
			"content/annual-consultations/2013-x.md:4:11: end_date 2013-09-10 is before date 2013-09-12"},
		{"unknown region", strings.Replace(good, "region: global", "region: europe", 1),
			"content/annual-consultations/2013-x.md:5:9: unknown region \"europe\"; site.yaml declares: global, africa"},
		{"unknown key", strings.Replace(good, "summary:", "sumary:", 1),
			"content/annual-consultations/2013-x.md:6:1: unknown key \"sumary\"; did you mean \"summary\"?"},
		{"wrong case key", strings.Replace(good, "title:", "Title:", 1),
			"content/annual-consultations/2013-x.md:2:1: unknown key \"Title\"; keys are lowercase: did you mean \"title\"?"},
		{"tab indentation", strings.Replace(good, "summary: S.", "topics:\n\t- a", 1),
			"content/annual-consultations/2013-x.md:7:1: tab used for indentation: YAML indents with spaces only"},
		{"file outside bundle", strings.Replace(good, "summary: S.", "summary: S.\ndocuments:\n  - title: R\n    file: ../../x", 1),
			"content/annual-consultations/2013-x.md:9:11: file: \"../../x\" points outside the bundle folder"},
		{"absolute file", strings.Replace(good, "summary: S.", "summary: S.\ndocuments:\n  - title: R\n    file: /etc/passwd", 1),
			"content/annual-consultations/2013-x.md:9:11: file: \"/etc/passwd\" is an absolute path; give a path relative to the bundle folder"},
		{"file without bundle", strings.Replace(good, "summary: S.", "summary: S.\ndocuments:\n  - title: R\n    file: r.pdf", 1),
			"content/annual-consultations/2013-x.md:8:5: document \"R\": file: needs a page bundle; move 2013-x.md to annual-consultations/2013-x/index.md and put the file beside it"},
		{"front matter list", "---\n- a\n- b\n---\n",
			"content/annual-consultations/2013-x.md:2:1: front matter must be a map of keys to values, found a list"},
		{"alias", strings.Replace(good, "location: Geneva", "location: Geneva\ntopics: &g [labour]\norganizers: [*g]", 1),
			"content/annual-consultations/2013-x.md:6:14: organizers: YAML aliases (*g) are not allowed; write the value out"},
		{"bad format", strings.Replace(good, "summary: S.", "summary: S.\nformat: virtual", 1),
			"content/annual-consultations/2013-x.md:7:9: format: \"virtual\" is not one of in-person, online, hybrid"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, errs := load(t, map[string]string{p: tt.src})
			if len(errs) != 1 || errs[0].Error() != tt.want {
				t.Errorf("got %d problems:\n%v\nwant:\n%s", len(errs), errs, tt.want)
			}
		})
	}
}

func TestMissingAttachment(t *testing.T) {
	src := strings.Replace(good, "summary: S.", "summary: S.\ndocuments:\n  - title: R\n    file: report.pdf", 1)
	_, errs := load(t, map[string]string{"annual-consultations/2013-x/index.md": src})
	want := "content/annual-consultations/2013-x/index.md:8:5: document \"R\": file \"report.pdf\" is not in the bundle folder content/annual-consultations/2013-x/"
	if len(errs) != 1 || errs[0].Error() != want {
		t.Errorf("got %v, want %s", errs, want)
	}
	a, errs := load(t, map[string]string{"annual-consultations/2013-x/index.md": src, "annual-consultations/2013-x/report.pdf": "%PDF-1.4"})
	if len(errs) != 0 {
		t.Fatal(errs)
	}
	d := a.Events[0].Documents[0]
	if d.Size != 8 || d.TypeKey != "pdf" {
		t.Errorf("document size/type = %d %q", d.Size, d.TypeKey)
	}
}

// TestCRLFAndBOM: files saved on Windows build like any other, and their
// positions stay right.
func TestCRLFAndBOM(t *testing.T) {
	crlf := "\xef\xbb\xbf" + strings.ReplaceAll(good, "\n", "\r\n")
	a, errs := load(t, map[string]string{"annual-consultations/2013-x.md": crlf})
	if len(errs) != 0 {
		t.Fatal(errs)
	}
	if e := a.Events[0]; e.Title != "A" || string(e.Body) != "Body.\n" || e.BodyLine != 8 {
		t.Errorf("event = %q %q line %d", e.Title, e.Body, e.BodyLine)
	}
	bad := strings.ReplaceAll(strings.Replace(good, "region: global", "region: mars", 1), "\n", "\r\n")
	_, errs = load(t, map[string]string{"annual-consultations/2013-x.md": bad})
	if len(errs) != 1 || errs[0].Line != 5 || errs[0].Col != 9 {
		t.Errorf("CRLF positions: %v", errs)
	}
}

// TestAllErrorsAtOnce: problems in several files are all reported, sorted.
func TestAllErrorsAtOnce(t *testing.T) {
	_, errs := load(t, map[string]string{
		"annual-consultations/2013-b.md": strings.Replace(good, "region: global", "region: mars", 1),
		"annual-consultations/2013-a.md": strings.Replace(good, "title: A", "title: [A]", 1),
		"annual-consultations/2013-c.md": good,
	})
	if len(errs) != 2 || !strings.HasPrefix(errs[0].Path, "content/annual-consultations/2013-a.md") || !strings.HasPrefix(errs[1].Path, "content/annual-consultations/2013-b.md") {
		t.Errorf("errors = %v", errs)
	}
}

func TestSlugs(t *testing.T) {
	_, errs := load(t, map[string]string{"annual-consultations/2013 Migrants.md": good, "annual-consultations/con.md": good})
	var got []string
	for _, e := range errs {
		got = append(got, e.Error())
	}
	want := []string{
		`content/annual-consultations/2013 Migrants.md: "2013 Migrants" is not a valid slug: use lowercase ASCII letters, digits and hyphens (the name becomes the page's URL)`,
		`content/annual-consultations/con.md: "con.md" is a reserved file name on Windows; rename it`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestSiteErrors(t *testing.T) {
	_, errs := ParseSite("content/site.yaml", []byte("title: T\nbase_url: ftp://x\nkinds: []\nregions: []\nlanguge: en\n"))
	var got []string
	for _, e := range errs {
		got = append(got, e.Error())
	}
	want := []string{
		`content/site.yaml:2:11: base_url: "ftp://x" is not an absolute http(s) URL`,
		`content/site.yaml:5:1: unknown key "languge"; did you mean "language"?`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestSiteDeclarations(t *testing.T) {
	src := `title: T
base_url: https://x.example/
kinds:
  - {key: a, folder: years, name: A}
  - {key: a, folder: Bad_Folder, name: B}
  - {key: c, folder: c}
regions: global
`
	site, errs := ParseSite("content/site.yaml", []byte(src))
	var got []string
	for _, e := range errs {
		got = append(got, e.Error())
	}
	want := []string{
		`content/site.yaml:4:22: kind folder "years" is already used by the site`,
		`content/site.yaml:5:11: kind key "a" is declared twice`,
		`content/site.yaml:5:22: kind folder "Bad_Folder" must be lowercase letters, digits and hyphens`,
		`content/site.yaml:6:5: kind: required key "name" is missing`,
		`content/site.yaml:7:10: regions: expected a list of regions, found "global"`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if len(site.Kinds) != 3 || site.Kinds[0].Plural != "A" {
		t.Errorf("kinds = %+v (plural defaults to the name)", site.Kinds)
	}
}
