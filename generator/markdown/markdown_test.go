package markdown

import (
	"bytes"
	"errors"
	"fmt"
	"html"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/iom-cso/archive/internal/golden"
)

// TestGolden renders every testdata/*.md and compares it with its
// .golden.html; files named *.unsafe.md render with Options.Unsafe.
func TestGolden(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "*.md"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatal("no testdata/*.md")
	}
	for _, file := range files {
		name := strings.TrimSuffix(filepath.Base(file), ".md")
		t.Run(name, func(t *testing.T) {
			src, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			res, err := New(Options{Unsafe: strings.HasSuffix(name, ".unsafe")}).Render(src)
			if err != nil {
				t.Fatal(err)
			}
			golden.Check(t, filepath.ToSlash(strings.TrimSuffix(file, ".md")+".golden.html"), []byte(res.HTML))
		})
	}
}

func render(t *testing.T, opts Options, src string) *Result {
	t.Helper()
	res, err := New(opts).Render([]byte(src))
	if err != nil {
		t.Fatalf("Render(%q): %v", src, err)
	}
	return res
}

func TestSlugify(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Overview", "overview"},
		{"Réunion régionale", "reunion-regionale"},
		{"Migración y desarrollo", "migracion-y-desarrollo"},
		{"Ça va", "ca-va"},
		{"الهجرة والتنمية", "الهجرة-والتنمية"},
		{"الهِجْرَة", "الهجرة"}, // harakat dropped
		{"الهجـــرة", "الهجرة"}, // tatweel dropped
		{"  Migrants -- and -- Development!  ", "migrants-and-development"},
		{"IOM–CSO Annual Consultations, 2011–2016", "iom-cso-annual-consultations-2011-2016"},
		{"snake_case & C++", "snake-case-c"},
		{"Łódź, Ørsted, Straße, Æsir, Œuvre", "lodz-orsted-strasse-aesir-oeuvre"},
		{"ＦＵＬＬ　ｗｉｄｔｈ ①", "full-width-1"},
		{"Дорожная карта й", "дорожная-карта-й"},
		{"हिन्दी भाषा", "हिन्दी-भाषा"}, // vowel signs are letters here
		{"日本語の見出し", "日本語の見出し"},
		{"한국어", "한국어"},
		{"İstanbul", "istanbul"},
		{"", "section"},
		{"!!! ???", "section"},
		{"\u0301", "section"}, // a lone combining mark
		{"a\u200cb", "ab"},    // zero-width non-joiner
	}
	for _, tt := range tests {
		if got := Slugify(tt.in); got != tt.want {
			t.Errorf("Slugify(%q) = %q, want %q", tt.in, got, tt.want)
		}
		// A slug is a fixed point: slugging it again changes nothing.
		if got := Slugify(tt.want); got != tt.want {
			t.Errorf("Slugify(%q) = %q, not a fixed point", tt.want, got)
		}
	}
}

func TestHeadings(t *testing.T) {
	tests := []struct {
		name string
		opts Options
		src  string
		want []Heading
	}{
		{
			name: "languages",
			src:  "# Réunion régionale\n\n## Migración y desarrollo\n\n## الهجرة والتنمية\n\n### Ça va\n",
			want: []Heading{
				{1, "reunion-regionale", "Réunion régionale", 1},
				{2, "migracion-y-desarrollo", "Migración y desarrollo", 3},
				{2, "الهجرة-والتنمية", "الهجرة والتنمية", 5},
				{3, "ca-va", "Ça va", 7},
			},
		},
		{
			name: "duplicates",
			src:  "## Overview\n## Overview\n## Overview 1\n## Overview\n",
			want: []Heading{
				{2, "overview", "Overview", 1},
				{2, "overview-1", "Overview", 2},
				{2, "overview-1-1", "Overview 1", 3},
				{2, "overview-2", "Overview", 4},
			},
		},
		{
			name: "explicit ids are reserved before generated ones",
			src:  "## Overview\n## Overview\n## Summary {#overview-1}\n",
			want: []Heading{
				{2, "overview", "Overview", 1},
				{2, "overview-2", "Overview", 2},
				{2, "overview-1", "Summary", 3},
			},
		},
		{
			name: "duplicate explicit id",
			src:  "## A {#x}\n## B {#x}\n",
			want: []Heading{
				{2, "x", "A", 1},
				{2, "b", "B", 2},
			},
		},
		{
			name: "footnote ids cannot be taken",
			src:  "## A {#fn:1}\n\nx[^1]\n\n[^1]: y\n",
			want: []Heading{{2, "a", "A", 1}},
		},
		{
			name: "empty and symbols",
			src:  "##\n\n## ???\n\nText\n====\n",
			want: []Heading{
				{2, "section", "", 1},
				{2, "section-1", "???", 3},
				{1, "text", "Text", 5},
			},
		},
		{
			name: "inline markup is text",
			src:  "## L'*Afrique* et [l'Europe](/europe/) `code` -- \\*ok\\* &amp; co\n",
			want: []Heading{
				{2, "l-afrique-et-l-europe-code-ok-co", "L’Afrique et l’Europe code – *ok* & co", 1},
			},
		},
		{
			name: "reserved ids",
			opts: Options{ReservedIDs: []string{"main", "search"}},
			src:  "## Main\n## Search {#search}\n",
			want: []Heading{
				{2, "main-1", "Main", 1},
				{2, "search-1", "Search", 2},
			},
		},
		{
			name: "nested in containers",
			src:  "> ## Quoted\n\n- ## Listed\n",
			want: []Heading{
				{2, "quoted", "Quoted", 1},
				{2, "listed", "Listed", 3},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := render(t, tt.opts, tt.src)
			if fmt.Sprint(res.Headings) != fmt.Sprint(tt.want) {
				t.Errorf("Headings =\n  %+v\nwant\n  %+v", res.Headings, tt.want)
			}
			ids := attrValues(string(res.HTML), "id")
			seen := map[string]bool{}
			for _, r := range tt.opts.ReservedIDs {
				seen[r] = true
			}
			for _, id := range ids {
				if seen[id] {
					t.Errorf("id %q used twice in %s", id, res.HTML)
				}
				seen[id] = true
			}
			for _, h := range tt.want {
				if !strings.Contains(string(res.HTML), `id="`+html.EscapeString(h.ID)+`"`) {
					t.Errorf("HTML has no id %q:\n%s", h.ID, res.HTML)
				}
			}
		})
	}
}

func TestHeadingAttributes(t *testing.T) {
	res := render(t, Options{}, `## Title {#t .lead style="color:red" onclick="alert(1)" data-x="y"}`)
	want := `<h2 class="lead" id="t">Title</h2>` + "\n"
	if string(res.HTML) != want {
		t.Errorf("HTML = %q, want %q", res.HTML, want)
	}
}

var (
	tagRE  = regexp.MustCompile(`<[a-zA-Z][^>]*>`)
	attrRE = regexp.MustCompile(`\s([a-zA-Z][a-zA-Z0-9:_-]*)(?:="([^"]*)")?`)
)

// attrValues returns the values of every attribute called name in the
// tags of s, decoded.
func attrValues(s, name string) []string {
	var vals []string
	for _, tag := range tagRE.FindAllString(s, -1) {
		for _, m := range attrRE.FindAllStringSubmatch(tag, -1) {
			if strings.EqualFold(m[1], name) {
				vals = append(vals, html.UnescapeString(m[2]))
			}
		}
	}
	return vals
}

// checkSafe reports what in out, rendered without Options.Unsafe, could
// run script or break the Content-Security-Policy.
func checkSafe(out string) error {
	for _, tag := range tagRE.FindAllString(out, -1) {
		name := strings.ToLower(strings.FieldsFunc(tag[1:], func(r rune) bool { return r == ' ' || r == '>' || r == '\n' })[0])
		switch name {
		case "script", "style", "iframe", "object", "embed", "form", "svg", "math", "base", "meta", "link":
			return fmt.Errorf("tag %s in output", tag)
		}
		for _, m := range attrRE.FindAllStringSubmatch(tag, -1) {
			attr, val := strings.ToLower(m[1]), html.UnescapeString(m[2])
			switch {
			case attr == "style" || strings.HasPrefix(attr, "on") || attr == "align":
				return fmt.Errorf("attribute %s in %s", attr, tag)
			case attr == "href" || attr == "src":
				if dangerousScheme([]byte(val), name == "img") {
					return fmt.Errorf("dangerous %s=%q in %s", attr, val, tag)
				}
				if strings.Contains(strings.ToLower(val), "javascript:") {
					return fmt.Errorf("%s=%q in %s", attr, val, tag)
				}
			}
		}
	}
	return nil
}

func TestDangerousURLs(t *testing.T) {
	tests := []struct {
		src      string
		keepText string // what the reader still sees
	}{
		{"[x](javascript:alert(1))", "x"},
		{"[x](JavaScript:alert(1))", "x"},
		{"[x]( javascript:alert(1) )", "x"},
		{"[x](<javascript:alert(1)>)", "x"},
		{"[x](java&#9;script:alert(1))", "x"},
		{"[x](java&#x09;script:alert(1))", "x"},
		{"[x](java&#10;script:alert(1))", "x"},
		{"[x](java&Tab;script:alert(1))", "x"},
		{"[x](&#106;avascript:alert(1))", "x"},
		{"[x](&#x6a;avascript:alert(1))", "x"},
		{"[x](&#0000106;avascript:alert(1))", "x"},
		{"[x](javascript&colon;alert(1))", "x"},
		{"[x](javascript&#58;alert(1))", "x"},
		{"[x](&amp;#106;avascript:alert(1))", "x"},
		{"[x](\\javascript:alert(1))", "x"},
		{"[x](&#1;javascript:alert(1))", "x"},
		{"[x](./javascript:alert(1))", "x"},
		{"[x](%5Cjavascript:alert(1))", "x"},
		{"[x](&#0;javascript:alert(1))", "x"},
		{"[x](vbscript:msgbox(1))", "x"},
		{"[x](VBScript:msgbox(1))", "x"},
		{"[x](file:///etc/passwd)", "x"},
		{"[x](FILE://server/share)", "x"},
		{"[x](data:text/html,<script>alert(1)</script>)", "x"},
		{"[x](data:image/png;base64,AAAA)", "x"}, // data: images only as images
		{"[*x* y](javascript:alert(1))", "y"},
		{"[x][r]\n\n[r]: javascript:alert(1)", "x"},
		{"[r]\n\n[r]: javascript:alert(1)", "r"},
		{"[x][r]\n\n[r]: <java&#9;script:alert(1)> 'title'", "x"},
		{"<javascript:alert(1)>", "javascript:alert(1)"},
		{"<JAVASCRIPT:alert(1)>", "JAVASCRIPT:alert(1)"},
		{"<vbscript:x>", "vbscript:x"},
		{"<file:///etc/passwd>", "file:///etc/passwd"},
		{"<data:text/html,hi>", "data:text/html,hi"},
		{"![alt](javascript:alert(1))", "alt"},
		{"![alt](data:image/svg+xml;base64,PHN2Zz4=)", "alt"},
		{"![alt](data:text/html;base64,PHN2Zz4=)", "alt"},
		{"![alt](data:image/png.evil;base64,AAAA)", "alt"},
		{"![alt *x*](j&#97;vascript:alert(1))", "alt x"},
		{"![a][r]\n\n[r]: javascript:alert(1)", "a"},
		{"[![alt](javascript:alert(1))](javascript:alert(2))", "alt"},
	}
	for _, unsafe := range []bool{false, true} {
		for _, tt := range tests {
			res := render(t, Options{Unsafe: unsafe}, tt.src)
			out := string(res.HTML)
			if err := checkSafe(out); err != nil {
				t.Errorf("Unsafe=%v, %q: %v\n%s", unsafe, tt.src, err, out)
			}
			if strings.Contains(out, "<a") || strings.Contains(out, "<img") {
				t.Errorf("Unsafe=%v, %q: still a link or image:\n%s", unsafe, tt.src, out)
			}
			if !strings.Contains(res.Text, tt.keepText) {
				t.Errorf("Unsafe=%v, %q: text %q lost, Text = %q", unsafe, tt.src, tt.keepText, res.Text)
			}
			if len(res.Links) == 0 {
				t.Errorf("Unsafe=%v, %q: dropped link not reported in Links", unsafe, tt.src)
			}
		}
	}
}

func TestSafeURLsKept(t *testing.T) {
	tests := []struct{ src, attr, want string }{
		{"[x](/events/2013/)", "href", "/events/2013/"},
		{"[x](https://www.iom.int/a?b=c&d=e)", "href", "https://www.iom.int/a?b=c&d=e"},
		{"[x](mailto:cso@iom.int)", "href", "mailto:cso@iom.int"},
		{"[x](#overview)", "href", "#overview"},
		{"[x](javascript-guide.html)", "href", "javascript-guide.html"},
		{"[x](/search/?q=javascript)", "href", "/search/?q=javascript"},
		{"<https://example.org>", "href", "https://example.org"},
		{"<cso@iom.int>", "href", "mailto:cso@iom.int"},
		{"www.iom.int", "href", "http://www.iom.int"},
		{"![x](data:image/png;base64,AAAA)", "src", "data:image/png;base64,AAAA"},
		{"![x](data:image/gif;base64,AAAA)", "src", "data:image/gif;base64,AAAA"},
		{"![x](DATA:Image/JPEG;base64,AAAA)", "src", "DATA:Image/JPEG;base64,AAAA"},
		{"![x](data:image/webp;base64,AAAA)", "src", "data:image/webp;base64,AAAA"},
		{"![x](photo.jpg)", "src", "photo.jpg"},
	}
	for _, tt := range tests {
		res := render(t, Options{}, tt.src)
		got := attrValues(string(res.HTML), tt.attr)
		if len(got) != 1 || got[0] != tt.want {
			t.Errorf("%q: %s = %q, want %q\n%s", tt.src, tt.attr, got, tt.want, res.HTML)
		}
	}
}

func TestRawHTML(t *testing.T) {
	src := "Some <b>bold</b> text.\n\n<div onclick=\"x()\">\nblock\n</div>\n\n<script>alert(1)</script>\n\n<span>alone</span>\n\nEnd.\n"

	safe := string(render(t, Options{}, src).HTML)
	wantSafe := "<p>Some bold text.</p>\n<p>alone</p>\n<p>End.</p>\n"
	if safe != wantSafe {
		t.Errorf("safe:\n%s\nwant\n%s", safe, wantSafe)
	}
	if err := checkSafe(safe); err != nil {
		t.Error(err)
	}

	unsafe := string(render(t, Options{Unsafe: true}, src).HTML)
	for _, want := range []string{"<b>bold</b>", "<div onclick=\"x()\">", "<script>alert(1)</script>", "<span>alone</span>"} {
		if !strings.Contains(unsafe, want) {
			t.Errorf("unsafe output lacks %q:\n%s", want, unsafe)
		}
	}
}

func TestCodeHighlighting(t *testing.T) {
	src := "```go\nfunc main() { fmt.Println(\"<hi>\") }\n```\n\n```nosuchlang\n<b>x</b>\n```\n\n```\nplain\n```\n\n    indented <x>\n"
	out := string(render(t, Options{}, src).HTML)
	for _, want := range []string{
		`<pre class="chroma"><code class="language-go"><span class="kd">func</span>`,
		`<span class="s">&#34;&lt;hi&gt;&#34;</span>`,
		`<pre class="chroma"><code class="language-nosuchlang">&lt;b&gt;x&lt;/b&gt;` + "\n</code></pre>",
		`<pre class="chroma"><code>plain` + "\n</code></pre>",
		`<pre class="chroma"><code>indented &lt;x&gt;` + "\n</code></pre>",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "style=") {
		t.Errorf("inline style in code output:\n%s", out)
	}
	if err := checkSafe(out); err != nil {
		t.Error(err)
	}
}

func TestHighlightCSS(t *testing.T) {
	css, err := HighlightCSS("github", "github-dark")
	if err != nil {
		t.Fatal(err)
	}
	s := string(css)
	light, dark, ok := strings.Cut(s, "@media (prefers-color-scheme: dark) {\n")
	if !ok {
		t.Fatalf("no dark media query:\n%s", s)
	}
	for _, part := range []string{light, dark} {
		for _, want := range []string{"pre.chroma {", "pre.chroma .k {", "pre.chroma .s {", "pre.chroma .c {"} {
			if !strings.Contains(part, want) {
				t.Errorf("a scheme lacks %q:\n%s", want, part)
			}
		}
	}
	if !strings.HasSuffix(s, "}\n") || strings.Count(s, "{") != strings.Count(s, "}") {
		t.Errorf("unbalanced stylesheet:\n%s", s)
	}
	// Every token colour set in the light scheme is restated in the dark
	// one, so no light colour survives on the dark background.
	for _, line := range strings.Split(light, "\n") {
		sel, _, ok := strings.Cut(line, " {")
		if ok && strings.Contains(line, "color:") && !strings.Contains(dark, "  "+sel+" {") {
			t.Errorf("dark scheme does not restate %q", sel)
		}
	}
	again, _ := HighlightCSS("github", "github-dark")
	if !bytes.Equal(css, again) {
		t.Error("HighlightCSS is not deterministic")
	}
	if _, err := HighlightCSS("no-such-style", "github-dark"); err == nil {
		t.Error("unknown style: no error")
	}
}

func TestGFM(t *testing.T) {
	src := "| a | b | c |\n|:--|:-:|--:|\n| 1 | 2 | 3 |\n\n~~gone~~\n\n- [x] done\n- [ ] todo\n\n\"Quotes\" -- dash --- dash... it's\n\nNote[^1].\n\n[^1]: The note.\n"
	out := string(render(t, Options{}, src).HTML)
	for _, want := range []string{
		`<th class="align-left">a</th>`,
		`<th class="align-center">b</th>`,
		`<td class="align-right">3</td>`,
		"<del>gone</del>",
		`<input checked="" disabled="" type="checkbox"> done`,
		"&ldquo;Quotes&rdquo; &ndash; dash &mdash; dash&hellip; it&rsquo;s",
		`<sup id="fnref:1"><a href="#fn:1" class="footnote-ref" role="doc-noteref">1</a></sup>`,
		`<li id="fn:1">`,
		`<a href="#fnref:1" class="footnote-backref" role="doc-backlink">`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if err := checkSafe(out); err != nil {
		t.Error(err)
	}
}

func TestLinks(t *testing.T) {
	src := "# Title\n\n" + // line 1
		"See [the report](report.pdf) and\n" + // line 3, [ at col 5
		"![Group photo](group.jpg) ![](no-alt.png),\n" + // line 4
		"<https://www.iom.int/> or https://example.org/x.\n" + // line 5
		"> quoted [ref link][r] and www.iom.int\n" + // line 6
		"\n" +
		"- item [x](javascript:alert(1))\n" + // line 8
		"\n" +
		"Note[^1] and <cso@iom.int>.\n" + // line 10
		"\n" +
		"[r]: /regions/africa/\n" +
		"[^1]: In the [note](/n/).\n" // line 13
	want := []Link{
		{Dest: "report.pdf", Line: 3, Col: 5},
		{Dest: "group.jpg", Image: true, Alt: "Group photo", Line: 4, Col: 1},
		{Dest: "no-alt.png", Image: true, Alt: "", Line: 4, Col: 27},
		{Dest: "https://www.iom.int/", Scheme: "https", Line: 5, Col: 1},
		{Dest: "https://example.org/x", Scheme: "https", Line: 5, Col: 27},
		{Dest: "/regions/africa/", Line: 6, Col: 10},
		{Dest: "http://www.iom.int", Scheme: "http", Line: 6, Col: 28},
		{Dest: "javascript:alert(1)", Scheme: "javascript", Dropped: true, Line: 8, Col: 8},
		{Dest: "mailto:cso@iom.int", Scheme: "mailto", Line: 10, Col: 14},
		{Dest: "/n/", Line: 13, Col: 14},
	}
	got := render(t, Options{}, src).Links
	if fmt.Sprintf("%+v", got) != fmt.Sprintf("%+v", want) {
		t.Errorf("Links =\n%s\nwant\n%s", fmtLinks(got), fmtLinks(want))
	}
}

func fmtLinks(ls []Link) string {
	var b strings.Builder
	for _, l := range ls {
		fmt.Fprintf(&b, "  %+v\n", l)
	}
	return b.String()
}

func TestText(t *testing.T) {
	tests := []struct{ src, want string }{
		{"# Title\n\nA *b* **c** `d <e>` [f](/g) ![img](h.png)\nnext   line", "Title A b c d <e> f next line"},
		{"\"Quotes\" -- it's... &amp; &copy; \\*", "“Quotes” – it’s… & © *"},
		{"| a | b |\n|---|---|\n| c | d |", "a b c d"},
		{"- one\n- two\n\n> three", "one two three"},
		{"Raw <b>html</b> dropped\n\n<div>\nblock\n</div>", "Raw html dropped"},
		{"Note[^1].\n\n[^1]: Footnote text.", "Note. Footnote text."},
		{"- [x] done", "done"},
		{"```go\nx := 1\n```", "x := 1"},
		{"<https://a.b/c> and www.iom.int", "https://a.b/c and www.iom.int"},
		{"Term\n: Definition", "Term Definition"},
		{"a  \nb", "a b"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := render(t, Options{}, tt.src).Text; got != tt.want {
			t.Errorf("Text of %q = %q, want %q", tt.src, got, tt.want)
		}
	}
}

func TestDeterministic(t *testing.T) {
	src, err := os.ReadFile(filepath.Join("testdata", "links.md"))
	if err != nil {
		t.Fatal(err)
	}
	a, b := render(t, Options{}, string(src)), render(t, Options{}, string(src))
	if fmt.Sprint(a) != fmt.Sprint(b) {
		t.Error("two renders of the same source differ")
	}
}

// TestConcurrent renders many documents at once with one Renderer; run
// with -race.
func TestConcurrent(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("testdata", "*.md"))
	r := New(Options{})
	want := make(map[string]string)
	var srcs [][]byte
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		res, err := r.Render(src)
		if err != nil {
			t.Fatal(err)
		}
		want[string(src)] = fmt.Sprint(res)
		srcs = append(srcs, src)
	}
	var wg sync.WaitGroup
	errs := make(chan error, 64)
	for g := range 16 {
		wg.Go(func() {
			for i := range 20 {
				src := srcs[(g+i)%len(srcs)]
				res, err := r.Render(src)
				if err != nil {
					errs <- err
					return
				}
				if fmt.Sprint(res) != want[string(src)] {
					errs <- fmt.Errorf("concurrent render of %.30q differs", src)
					return
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

func TestNestingLimits(t *testing.T) {
	tests := []struct {
		name    string
		src     string
		wantErr string // "" means it renders
	}{
		{"10000 block quotes", strings.Repeat(">", 10000) + " deep\n", "markdown nested too deeply (more than 100 levels) at line 1"},
		{"10000 spaced block quotes", "text\n\n" + strings.Repeat("> ", 10000) + "deep\n", "markdown nested too deeply (more than 100 levels) at line 3"},
		{"10000 list items", strings.Repeat("- ", 10000) + "x\n", "markdown nested too deeply (more than 100 levels) at line 1"},
		{"10000 ordered items", strings.Repeat("1. ", 10000) + "x\n", "markdown nested too deeply (more than 100 levels) at line 1"},
		{"mixed", strings.Repeat("> 1) * ", 40) + "x\n", "markdown nested too deeply (more than 100 levels) at line 1"},
		{"100 block quotes", strings.Repeat(">", 100) + " ok\n", ""},
		{"long rule", strings.Repeat("- ", 500) + "\n", ""},
		{"10000 brackets", strings.Repeat("[", 10000) + "x" + strings.Repeat("]", 10000) + "(/y)\n", "markdown paragraph has too many emphasis or link markers (more than 2000); split it at line 1"},
		{"10000 images", strings.Repeat("![", 10000) + "x" + strings.Repeat("](/y)", 10000) + "\n", "markdown paragraph has too many emphasis or link markers (more than 2000); split it at line 1"},
		{"10000 emphasis", strings.Repeat("*a **a ", 10000) + "b" + strings.Repeat(" a** a*", 10000) + "\n", "markdown paragraph has too many emphasis or link markers (more than 2000); split it at line 1"},
		{"lists nested by indentation", indentedLists(MaxNesting), ""},
		{"lists nested too deeply by indentation", indentedLists(MaxNesting + 1), "markdown nested too deeply (more than 100 levels) at line 101"},
		{"wide table", "|" + strings.Repeat(" a |", 101) + "\n|" + strings.Repeat("---|", 101) + "\n", "markdown table too wide (more than 100 columns) at line 2"},
		{"table of 100 columns", "|" + strings.Repeat(" a |", 100) + "\n|" + strings.Repeat("---|", 100) + "\n| x |\n", ""},
	}
	r := New(Options{})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start := time.Now()
			res, err := r.Render([]byte(tt.src))
			if d := time.Since(start); d > hangTime {
				t.Errorf("took %v", d)
			}
			if tt.wantErr == "" {
				if err != nil {
					t.Fatal(err)
				}
				if res.HTML == "" {
					t.Error("empty output")
				}
				return
			}
			var le *LimitError
			if !errors.As(err, &le) || err.Error() != tt.wantErr {
				t.Errorf("err = %v, want %s", err, tt.wantErr)
			}
		})
	}
}

func indentedLists(depth int) string {
	var b strings.Builder
	for i := range depth {
		b.WriteString(strings.Repeat("  ", i))
		b.WriteString("- item\n")
	}
	return b.String()
}

// FuzzRender checks that no input panics Render, and that without
// Options.Unsafe no input gets script, a style attribute or a dangerous
// URL into the output, or gives two elements the same id.
func FuzzRender(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("testdata", "*.md"))
	for _, file := range files {
		src, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(src)
	}
	safe, unsafe := New(Options{}), New(Options{Unsafe: true})
	f.Fuzz(func(t *testing.T, src []byte) {
		if _, err := unsafe.Render(src); err != nil {
			var le *LimitError
			if !errors.As(err, &le) {
				t.Fatalf("Unsafe: unexpected error %v", err)
			}
		}
		res, err := safe.Render(src)
		if err != nil {
			var le *LimitError
			if !errors.As(err, &le) {
				t.Fatalf("unexpected error %v", err)
			}
			return
		}
		out := string(res.HTML)
		if err := checkSafe(out); err != nil {
			t.Fatalf("%v\nin\n%s", err, out)
		}
		seen := map[string]bool{}
		for _, id := range attrValues(out, "id") {
			if seen[id] {
				t.Fatalf("id %q twice in\n%s", id, out)
			}
			seen[id] = true
		}
		for _, h := range res.Headings {
			if h.ID == "" || h.Line < 1 || h.Level < 1 || h.Level > 6 {
				t.Fatalf("bad heading %+v", h)
			}
		}
		for _, l := range res.Links {
			if l.Line < 1 || l.Col < 1 {
				t.Fatalf("bad link position %+v", l)
			}
		}
	})
}

func BenchmarkRender(b *testing.B) {
	src, err := os.ReadFile(filepath.Join("testdata", "event.md"))
	if err != nil {
		b.Fatal(err)
	}
	r := New(Options{})
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		if _, err := r.Render(src); err != nil {
			b.Fatal(err)
		}
	}
}
