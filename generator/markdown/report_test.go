package markdown

import (
	"html"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// TestLinkColumnsInCharacters: a link's column counts characters, as
// editors and the YAML decoder do, not bytes: "[" after "Réunion " is in
// column 9 (it was reported at byte 10).
func TestLinkColumnsInCharacters(t *testing.T) {
	src := "Réunion [x](/nope/)\n" +
		"Łódź — 日本 <https://x.example/> ![é](a.png)\n" +
		"\tLe [lien](/l/)\n"
	var got [][2]int
	for _, l := range render(t, Options{}, src).Links {
		got = append(got, [2]int{l.Line, l.Col})
	}
	want := [][2]int{{1, 9}, {2, 11}, {2, 32}, {3, 5}}
	if !slices.Equal(got, want) {
		t.Errorf("link positions %v, want %v", got, want)
	}
}

// TestLinkSchemeAndDropped: each link says its scheme, as a browser
// reads it, and whether the page dropped it, so that a checker need not
// parse the address again.
func TestLinkSchemeAndDropped(t *testing.T) {
	src := "[a](https://x.example/) [b](/p/) [c](p/#f) [d](#f) [e](MailTo:x@y.z)\n" +
		"[f](javascript:alert(1)) [g](java&#9;script:x) [h](vbscript:x) [i](file:///etc/passwd)\n" +
		"[j](data:text/html,x) ![k](data:image/png;base64,AAAA) ![l](data:image/svg+xml,x) [m](\\javascript:x)\n"
	type sd struct {
		scheme  string
		dropped bool
	}
	want := []sd{
		{"https", false}, {"", false}, {"", false}, {"", false}, {"mailto", false},
		{"javascript", true}, {"javascript", true}, {"vbscript", true}, {"file", true},
		{"data", true}, {"data", false}, {"data", true}, {"", true},
	}
	var got []sd
	for _, l := range render(t, Options{}, src).Links {
		got = append(got, sd{l.Scheme, l.Dropped})
	}
	if !slices.Equal(got, want) {
		t.Errorf("schemes and drops\n%v\nwant\n%v", got, want)
	}
}

// idAttr is how a checker found ids before Result.IDs: by scraping the
// rendered HTML.
var idAttr = regexp.MustCompile(`\sid="([^"]*)"`)

// TestIDsAreThePageIDs: Result.IDs holds exactly the ids the rendered
// HTML carries, for every golden document and a few more shapes
// (repeated footnote references, headings with {#id}, raw HTML).
func TestIDsAreThePageIDs(t *testing.T) {
	docs := map[string]string{
		"footnotes": "# Notes\n\nOne[^a], two[^a] and[^b].\n\n## Notes {#notes}\n\n[^a]: A.\n[^b]: B with a [link](#notes).\n",
		"repeated":  "# A\n\n# A\n\n# A {#a-1}\n\n## Section\n",
		"raw":       "<div id=\"box\" class=x>\n<p id=\"a&amp;b\">x</p>\n</div>\n\nText <span\nid=\"inline\">y</span> and <b id='single'>z</b>.\n\n# Box\n",
		"no ids":    "Just text, with an id=\"not-one\" in prose and `id=\"code\"`.\n",
	}
	for _, unsafe := range []bool{false, true} {
		for name, src := range docs {
			checkIDs(t, name, Options{Unsafe: unsafe}, src)
		}
	}
	files, err := filepath.Glob(filepath.Join("testdata", "*.md"))
	if err != nil || len(files) == 0 {
		t.Fatal("no testdata/*.md", err)
	}
	for _, file := range files {
		src, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		checkIDs(t, file, Options{Unsafe: strings.HasSuffix(file, ".unsafe.md")}, string(src))
	}
}

func checkIDs(t *testing.T, name string, opts Options, src string) {
	t.Helper()
	r := render(t, opts, src)
	var want []string
	for _, m := range idAttr.FindAllStringSubmatch(string(r.HTML), -1) {
		want = append(want, html.UnescapeString(m[1]))
	}
	slices.Sort(want)
	want = slices.Compact(want)
	got := slices.Clone(r.IDs)
	slices.Sort(got)
	if !slices.Equal(got, want) {
		t.Errorf("%s (unsafe %v): IDs %q, the HTML has %q", name, opts.Unsafe, got, want)
	}
	if len(slices.Compact(slices.Clone(got))) != len(r.IDs) {
		t.Errorf("%s: IDs repeat an id: %q", name, r.IDs)
	}
}
