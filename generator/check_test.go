package generator_test

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/iom-cso/archive/generator"
	"github.com/iom-cso/archive/generator/content"
)

const checkSiteYAML = `title: T
base_url: https://x.example/
kinds:
  - {key: annual-consultation, folder: annual-consultations, name: Annual, plural: Annual consultations, past_only: true}
  - {key: info-session, folder: information-sessions, name: Session, plural: Sessions}
regions:
  - {key: global, name: Global}
`

var checkToday = time.Date(2026, 1, 15, 0, 0, 0, 0, time.UTC)

// checkEvent is an event file whose body starts on line 8:
//
//	1 ---
//	2 title: <title>
//	3 date: <date>
//	4 location: Geneva
//	5 region: global
//	6 summary: S.
//	7 ---
//	8 <body>
func checkEvent(title, date, body string) string {
	return "---\ntitle: " + title + "\ndate: " + date + "\nlocation: Geneva\nregion: global\nsummary: S.\n---\n" + body
}

// runCheck checks the check site plus files and returns every problem as
// "path:line:col: severity: message", the paths relative to the content folder.
func runCheck(t *testing.T, today time.Time, files map[string]string) []string {
	t.Helper()
	fsys := fstest.MapFS{"site.yaml": {Data: []byte(checkSiteYAML)}}
	for name, data := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(data)}
	}
	problems, err := generator.Check(context.Background(), generator.Config{Content: fsys, Today: today})
	if err != nil {
		t.Fatalf("Check: %v", err)
	}
	return formatProblems(problems)
}

func formatProblems(l content.List) []string {
	var out []string
	for _, e := range l {
		out = append(out, fmt.Sprintf("%s:%d:%d: %s: %s", strings.TrimPrefix(e.Path, "content/"), e.Line, e.Col, e.Severity, e.Msg))
	}
	return out
}

// TestCheck: each check, with the exact message, severity and position it
// reports, and the near misses it must not report.
func TestCheck(t *testing.T) {
	const a, b = "annual-consultations/2013-a.md", "annual-consultations/2013-b.md"
	ok := checkEvent("B", "2013-10-01", "Body.\n")
	tests := []struct {
		name  string
		files map[string]string
		want  []string
	}{
		{
			name:  "clean",
			files: map[string]string{a: checkEvent("A", "2013-09-12", "Body, [a link](/annual-consultations/2013-b/) and [another](https://example.org/).\n"), b: ok},
		},
		{
			name:  "link to a missing page",
			files: map[string]string{a: checkEvent("A", "2013-09-12", "See [the year](/years/2099/).\n")},
			want:  []string{"annual-consultations/2013-a.md:8:5: error: link to /years/2099/: there is no such page or file on the site"},
		},
		{
			name: "link to the pages the site generates",
			files: map[string]string{a: checkEvent("A", "2013-09-12",
				"[y](/years/2013/) [ys](/years/) [r](/regions/global/) [k](/information-sessions/) [f](/feed.xml) [c](/calendar.ics) [i](/annual-consultations/2013-a/2013-a.ics) [s](/search/?q=x) [h](/)\n")},
		},
		{
			name: "link to another event by path",
			files: map[string]string{
				a: checkEvent("A", "2013-09-12", "[b](/annual-consultations/2013-b/) and [c](/annual-consultations/2013-c/).\n"),
				b: ok,
			},
			want: []string{"annual-consultations/2013-a.md:8:40: error: link to /annual-consultations/2013-c/: there is no such page or file on the site"},
		},
		{
			name: "relative link to another event",
			files: map[string]string{
				a: checkEvent("A", "2013-09-12", "[b](../2013-b/) [c](../2013-c/)\n"),
				b: ok,
			},
			want: []string{"annual-consultations/2013-a.md:8:17: error: link to /annual-consultations/2013-c/: there is no such page or file on the site"},
		},
		{
			name: "link to an event by its content file",
			files: map[string]string{
				a: checkEvent("A", "2013-09-12", "[b](../annual-consultations/2013-b.md)\n\n[c](2013-c.md)\n"),
				b: ok,
			},
			want: []string{
				"annual-consultations/2013-a.md:8:1: error: link to ../annual-consultations/2013-b.md: the site has no .md files; link to the page's address /annual-consultations/2013-b/ instead",
				"annual-consultations/2013-a.md:10:1: error: link to 2013-c.md: there is no such file (content/annual-consultations/2013-c.md)",
			},
		},
		{
			name:  "content file outside the content folder",
			files: map[string]string{a: checkEvent("A", "2013-09-12", "[x](../../../README.md)\n")},
			want:  []string{"annual-consultations/2013-a.md:8:1: error: link to ../../../README.md: that points outside the content folder"},
		},
		{
			name:  "case differs",
			files: map[string]string{a: checkEvent("A", "2013-09-12", "[b](/Annual-Consultations/2013-B/)\n"), b: ok},
			want:  []string{"annual-consultations/2013-a.md:8:1: error: link to /Annual-Consultations/2013-B/: no such page; addresses are case-sensitive: did you mean /annual-consultations/2013-b/?"},
		},
		{
			name:  "fragment on the same page",
			files: map[string]string{a: checkEvent("A", "2013-09-12", "## Sources\n\n[ok](#sources) [bad](#Sources) [gone](#notes)\n")},
			want: []string{
				"annual-consultations/2013-a.md:10:16: error: link to #Sources: no heading on this page has that id; did you mean #sources?",
				"annual-consultations/2013-a.md:10:32: error: link to #notes: no heading on this page has that id",
			},
		},
		{
			name: "fragment on another page",
			files: map[string]string{
				a: checkEvent("A", "2013-09-12", "[ok](/annual-consultations/2013-b/#agenda) [bad](/annual-consultations/2013-b/#minutes)\n"),
				b: checkEvent("B", "2013-10-01", "## Agenda\n"),
			},
			want: []string{"annual-consultations/2013-a.md:8:44: error: link to /annual-consultations/2013-b/#minutes: no heading on that page has that id"},
		},
		{
			name:  "footnote ids are fragments too",
			files: map[string]string{a: checkEvent("A", "2013-09-12", "Text.[^1] [back](#fn:1)\n\n[^1]: Note.\n")},
		},
		{
			name:  "image without alt text",
			files: map[string]string{a: checkEvent("A", "2013-09-12", "![](https://example.org/a.png) ![A chart](https://example.org/b.png) ![ ](https://example.org/c.png)\n")},
			want: []string{
				"annual-consultations/2013-a.md:8:1: error: image https://example.org/a.png has no alt text: describe what it shows between the brackets, ![like this](https://example.org/a.png)",
				"annual-consultations/2013-a.md:8:70: error: image https://example.org/c.png has no alt text: describe what it shows between the brackets, ![like this](https://example.org/c.png)",
			},
		},
		{
			name:  "javascript link",
			files: map[string]string{a: checkEvent("A", "2013-09-12", "[x](javascript:alert(1))\n")},
			want:  []string{"annual-consultations/2013-a.md:8:1: error: link to a javascript: address is dropped from the page; link to a web page instead"},
		},
		{
			// The renderer keeps data: images of image types only; check
			// reports the others it drops, as it does links.
			name:  "data image of a non-image type",
			files: map[string]string{a: checkEvent("A", "2013-09-12", "![ok](data:image/png;base64,AAAA) ![x](data:text/html,x)\n")},
			want:  []string{"annual-consultations/2013-a.md:8:35: error: image to a data: address is dropped from the page"},
		},
		{
			name: "attachment referenced but missing",
			files: map[string]string{
				"annual-consultations/2013-a/index.md": strings.Replace(checkEvent("A", "2013-09-12", ""), "summary: S.", "summary: S.\ndocuments:\n  - title: Report\n    file: report.pdf", 1),
			},
			want: []string{"annual-consultations/2013-a/index.md:8:5: error: document \"Report\": file \"report.pdf\" is not in the bundle folder content/annual-consultations/2013-a/"},
		},
		{
			name: "attachment present but never referenced",
			files: map[string]string{
				"annual-consultations/2013-a/index.md":    strings.Replace(checkEvent("A", "2013-09-12", "![Photo](photo.jpg) [minutes](minutes.pdf)\n"), "summary: S.", "summary: S.\ndocuments:\n  - title: Report\n    file: report.pdf", 1),
				"annual-consultations/2013-a/report.pdf":  "%PDF-",
				"annual-consultations/2013-a/photo.jpg":   "\xFF\xD8\xFF",
				"annual-consultations/2013-a/minutes.pdf": "%PDF-",
				"annual-consultations/2013-a/agenda.pdf":  "%PDF-",
				"annual-consultations/2013-b/index.md":    checkEvent("B", "2013-10-01", "[their agenda](/annual-consultations/2013-c/agenda.pdf)\n"),
				"annual-consultations/2013-c/index.md":    checkEvent("C", "2013-11-01", ""),
				"annual-consultations/2013-c/agenda.pdf":  "%PDF-",
			},
			want: []string{"annual-consultations/2013-a/agenda.pdf:0:0: warning: attachment is not referenced: list it under documents: in content/annual-consultations/2013-a/index.md or link to it from the text, or delete it"},
		},
		{
			name: "end_date more than 14 days after date",
			files: map[string]string{
				a: strings.Replace(checkEvent("A", "2013-09-12", ""), "location:", "end_date: 2013-10-12\nlocation:", 1),
				b: strings.Replace(checkEvent("B", "2013-09-12", ""), "location:", "end_date: 2013-09-26\nlocation:", 1),
			},
			want: []string{"annual-consultations/2013-a.md:4:11: warning: end_date 2013-10-12 is 30 days after date 2013-09-12; events rarely last more than 14 days: is the month or year right?"},
		},
		{
			name: "summary longer than 300 characters",
			files: map[string]string{
				a: strings.Replace(checkEvent("A", "2013-09-12", ""), "summary: S.", "summary: "+strings.Repeat("é", 301), 1),
				b: strings.Replace(checkEvent("B", "2013-09-12", ""), "summary: S.", "summary: "+strings.Repeat("é", 300), 1),
			},
			want: []string{"annual-consultations/2013-a.md:6:10: warning: summary is 301 characters long; lists, feeds and link previews cut it after 300: keep it to one or two sentences"},
		},
		{
			name: "title duplicated in the same year",
			files: map[string]string{
				a:                                     checkEvent("Migrants and Development", "2013-09-12", ""),
				"information-sessions/2013-x.md":      checkEvent("migrants  and development", "2013-12-01", ""),
				"annual-consultations/2014-a.md":      checkEvent("Migrants and Development", "2014-09-12", ""),
				"information-sessions/2014-unique.md": checkEvent("Something else", "2014-09-12", ""),
			},
			want: []string{
				"annual-consultations/2013-a.md:2:8: warning: another event of 2013 has the same title (content/information-sessions/2013-x.md); readers cannot tell them apart in lists: make the titles distinct",
				"information-sessions/2013-x.md:2:8: warning: another event of 2013 has the same title (content/annual-consultations/2013-a.md); readers cannot tell them apart in lists: make the titles distinct",
			},
		},
		{
			name:  "key in the wrong case",
			files: map[string]string{a: strings.Replace(checkEvent("A", "2013-09-12", ""), "title:", "Title:", 1)},
			want:  []string{"annual-consultations/2013-a.md:2:1: error: unknown key \"Title\"; keys are lowercase: did you mean \"title\"?"},
		},
		{
			name: "date in the future on an annual consultation",
			files: map[string]string{
				"annual-consultations/2027-a.md": checkEvent("A", "2027-09-12", ""),
				"information-sessions/2027-a.md": checkEvent("A session", "2027-09-12", ""),
				"annual-consultations/2026-a.md": checkEvent("Today", "2026-01-15", ""),
			},
			want: []string{"annual-consultations/2027-a.md:3:7: warning: date 2027-09-12 is in the future, but Annual consultations are records of past meetings: is the year right?"},
		},
		{
			name: "date and the date in the file name",
			files: map[string]string{
				"annual-consultations/2013-a.md":            checkEvent("A", "2014-09-12", ""),
				"information-sessions/2026-03-12-labour.md": checkEvent("B", "2026-03-13", ""),
				"information-sessions/2026-03-20-skills.md": checkEvent("C", "2026-03-20", ""),
				"annual-consultations/2015-02-30-typo.md":   checkEvent("D", "2015-02-27", ""),
				"annual-consultations/1000-days.md":         checkEvent("E", "2015-02-27", ""),
			},
			want: []string{
				"annual-consultations/2013-a.md:3:7: warning: date 2014-09-12 is in 2014, but the file name starts with 2013: fix the date, or rename the file (its name is the page's address)",
				"information-sessions/2026-03-12-labour.md:3:7: warning: date 2026-03-13 differs from the date the file name starts with (2026-03-12): fix the date, or rename the file (its name is the page's address)",
			},
		},
		{
			name: "placeholders of archive new: errors once published",
			files: map[string]string{a: strings.NewReplacer("location: Geneva", `location: "TODO: city, country (or Online)"`, "summary: S.", `summary: "TODO: one or two plain sentences."`).
				Replace(checkEvent("A", "2013-09-12", ""))},
			want: []string{
				"annual-consultations/2013-a.md:4:11: error: location still holds the placeholder written by archive new: replace it, or put back draft: true until the record is ready",
				"annual-consultations/2013-a.md:6:10: error: summary still holds the placeholder written by archive new: replace it, or put back draft: true until the record is ready",
			},
		},
		{
			name: "placeholders of archive new: warnings in a draft",
			files: map[string]string{a: strings.NewReplacer("location: Geneva", `location: "TODO: city, country (or Online)"`, "summary: S.", "summary: S.\ndraft: true").
				Replace(checkEvent("A", "2013-09-12", ""))},
			want: []string{
				"annual-consultations/2013-a.md:4:11: warning: location still holds the placeholder written by archive new; replace it before you remove draft: true",
			},
		},
		{
			name: "link from a published page to a draft",
			files: map[string]string{
				a:                                checkEvent("A", "2013-09-12", "[b](/annual-consultations/2013-b/)\n"),
				b:                                strings.Replace(ok, "summary: S.", "summary: S.\ndraft: true", 1),
				"annual-consultations/2013-c.md": strings.Replace(checkEvent("C", "2013-11-01", "[b](/annual-consultations/2013-b/)\n"), "summary: S.", "summary: S.\ndraft: true", 1),
			},
			// From the draft 2013-c, no warning: both are published together.
			want: []string{"annual-consultations/2013-a.md:8:1: warning: link to /annual-consultations/2013-b/: that page is a draft, so the link is broken until it is published"},
		},
		{
			name: "plain pages and the home page are checked too",
			files: map[string]string{
				"about.md":  "---\ntitle: About\n---\n[gone](/nowhere/) [ok](/about) [home](/)\n",
				"_index.md": "---\ntitle: Home\n---\nWelcome. [About](/about/) and [old](/old/)\n",
			},
			want: []string{
				"_index.md:4:31: error: link to /old/: there is no such page or file on the site",
				"about.md:4:1: error: link to /nowhere/: there is no such page or file on the site",
			},
		},
		{
			name: "aliases are valid link targets",
			files: map[string]string{
				a: checkEvent("A", "2013-09-12", "[old](/old/address/)\n"),
				b: strings.Replace(ok, "summary: S.", "summary: S.\naliases: [/old/address/]", 1),
			},
		},
		{
			name: "an alias of a page taken by an event, and one that hides a page",
			files: map[string]string{
				a:          strings.Replace(ok, "summary: S.", "summary: S.\naliases: [/old/address/]", 1),
				"about.md": "---\ntitle: About\naliases: [/old/address/, /years/]\n---\nText.\n",
			},
			want: []string{
				"about.md:0:0: error: alias /old/address/ is already an alias of content/annual-consultations/2013-a.md: an old address can redirect to one page only",
				"about.md:0:0: error: alias /years/ is the address of an existing page; a redirect there would hide it: remove the alias",
			},
		},
		{
			name: "duplicate URL",
			files: map[string]string{
				a:                                      ok,
				"annual-consultations/2013-a/index.md": checkEvent("Other", "2013-09-12", ""),
			},
			want: []string{"annual-consultations/2013-a.md:1:1: error: event /annual-consultations/2013-a/ has the address of the event made by content/annual-consultations/2013-a/index.md: two files cannot make one address; rename one of them (a file's name, or its bundle folder's, is the address)"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := runCheck(t, checkToday, tt.files)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("problems (-want +got):\n%s", diff)
			}
		})
	}
}

// TestCheckWithoutToday: with no "today", no date is in the future.
func TestCheckWithoutToday(t *testing.T) {
	got := runCheck(t, time.Time{}, map[string]string{"annual-consultations/2099-a.md": checkEvent("A", "2099-09-12", "")})
	if len(got) != 0 {
		t.Errorf("got %q, want no problems", got)
	}
}

// TestCheckBrokenContentStillChecksLinks: an error in one file does not
// hide the link problems of the others.
func TestCheckBrokenContentStillChecksLinks(t *testing.T) {
	got := runCheck(t, checkToday, map[string]string{
		"annual-consultations/2013-a.md": checkEvent("A", "2013-09-12", "[x](/nowhere/)\n"),
		"annual-consultations/2013-b.md": strings.Replace(checkEvent("B", "2013-10-01", "[x](/nowhere/)\n"), "region: global", "region: mars", 1),
	})
	want := []string{
		"annual-consultations/2013-a.md:8:1: error: link to /nowhere/: there is no such page or file on the site",
		"annual-consultations/2013-b.md:5:9: error: unknown region \"mars\"; site.yaml declares: global",
		"annual-consultations/2013-b.md:8:1: error: link to /nowhere/: there is no such page or file on the site",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("problems (-want +got):\n%s", diff)
	}
}

// TestCheckFixtureSite: the build's fixture site has no problem that fails
// a build, and every page the build writes is a valid link target for check.
func TestCheckFixtureSite(t *testing.T) {
	cfg := fixtureConfig(t, true)
	problems, err := generator.Check(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range problems.Errors() {
		t.Errorf("unexpected problem: %v", p)
	}

	// Link to every page of the build from a page of a copy of the site.
	files := build(t, cfg)
	fsys := fstest.MapFS{}
	if err := copyFS(fsys, cfg); err != nil {
		t.Fatal(err)
	}
	var body strings.Builder
	for _, p := range files.Paths() {
		// Netlify reads _headers and _redirects and never serves them,
		// and nobody links to the search index's shards.
		if p == "_headers" || p == "_redirects" || strings.HasPrefix(p, "assets/search/") {
			continue
		}
		u := "/" + strings.TrimSuffix(p, "index.html")
		fmt.Fprintf(&body, "[%s](%s)\n", p, u)
	}
	fsys["links.md"] = &fstest.MapFile{Data: []byte("---\ntitle: Links\ndraft: true\n---\n" + body.String())}
	problems, err = generator.Check(context.Background(), generator.Config{Content: fsys, Today: today})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range problems {
		if strings.HasSuffix(p.Path, "links.md") {
			t.Errorf("a page of the build is not a valid link target: %v", p)
		}
	}
}

func copyFS(dst fstest.MapFS, cfg generator.Config) error {
	return fs.WalkDir(cfg.Content, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(cfg.Content, name)
		dst[name] = &fstest.MapFile{Data: data}
		return err
	})
}

// TestCheckShippedArchive: the real archive has no errors.
func TestCheckShippedArchive(t *testing.T) {
	problems, err := generator.Check(context.Background(), generator.Config{Content: os.DirFS("../content"), ContentDir: "content", Today: checkToday})
	if err != nil {
		t.Fatal(err)
	}
	if errs := problems.Errors(); len(errs) > 0 {
		t.Errorf("the shipped archive has errors:\n%v", errs)
	}
}

// TestThemeErrorStillChecksContent: a theme that does not load fails Build
// with a ThemeError, and Check returns that error with every content
// problem it found without the theme.
func TestThemeErrorStillChecksContent(t *testing.T) {
	fsys := fstest.MapFS{
		"site.yaml":                      {Data: []byte(checkSiteYAML)},
		"annual-consultations/2013-a.md": {Data: []byte(checkEvent("A", "2013-09-12", "[x](/nowhere/)\n"))},
	}
	cfg := generator.Config{Content: fsys, Today: checkToday, Theme: fstest.MapFS{}}
	var te *generator.ThemeError
	if _, _, err := generator.Build(context.Background(), cfg); !errors.As(err, &te) {
		t.Fatalf("Build: %v, want a ThemeError", err)
	}
	problems, err := generator.Check(context.Background(), cfg)
	if !errors.As(err, &te) {
		t.Fatalf("Check: %v, want a ThemeError", err)
	}
	want := []string{"annual-consultations/2013-a.md:8:1: error: link to /nowhere/: there is no such page or file on the site"}
	if diff := cmp.Diff(want, formatProblems(problems)); diff != "" {
		t.Errorf("problems (-want +got):\n%s", diff)
	}
}
