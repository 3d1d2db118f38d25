package markdown

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/alecthomas/chroma/v2"
	"github.com/alecthomas/chroma/v2/lexers"
	"github.com/dlclark/regexp2/v2"
)

// samples are ordinary code in every language Render highlights, with
// escapes in strings and each language's comments.
var samples = map[string]string{
	"C":          "#include <stdio.h>\n/* a comment */\nint main(void) {\n\tchar *s = \"a \\\"quoted\\\" \\\\ word\\n\";\n\treturn printf(\"%s\", s) > 0 ? 0 : 1; // done\n}\n",
	"CSS":        "/* theme */\n@media (prefers-color-scheme: dark) {\n  pre.chroma .s { color: #a5d6ff; font-family: \"Fira \\\"Code\\\"\", 'x\\'y'; }\n}\na:hover { text-decoration: underline !important; }\n",
	"Diff":       "--- a/x.md\n+++ b/x.md\n@@ -1,3 +1,3 @@\n title: x\n-date: 2013\n+date: 2014\n",
	"Go":         "package main\n\nimport \"fmt\"\n\n// main greets.\nfunc main() {\n\ts := \"a \\\"b\\\" \\\\ c\\n\"\n\tr := 'x'\n\tfmt.Println(s, r, `raw \\ string`, 0x1F, 1.5e3)\n}\n",
	"HTML":       "<!DOCTYPE html>\n<html lang=\"en\">\n<!-- a comment -->\n<head><style>p { color: red; }</style>\n<script>const s = \"a \\\"b\\\"\"; if (s.length > 1) { console.log(s); }</script></head>\n<body><p class='x'>Hello &amp; bye</p></body>\n</html>\n",
	"INI":        "; settings\n[site]\ntitle = \"IOM \\\"CSO\\\" archive\"\nyears = 2011-2026\n",
	"JSON":       "{\"title\": \"a \\\"quoted\\\" \\\\ title\", \"years\": [2011, 2026.5, -1e3], \"ok\": true, \"none\": null}\n",
	"JavaScript": "// search\nconst re = /[a-z]+\\/(\\d+)/gi;\nlet s = 'it\\'s', t = \"a \\\"b\\\"\", u = `x ${s} y`;\nfunction f(a, b) { return a.match(re) ?? b; }\n/* done */\n",
	"Python":     "# comment\ndef f(a, b=\"x \\\"y\\\"\"):\n    \"\"\"Doc.\"\"\"\n    s = f'{a!r:>10} {b[0]}'\n    return [x * 2 for x in range(3) if x != 1], r'\\d+'\n",
	"SQL":        "-- events\nSELECT title, date FROM events WHERE region = 'global' AND note <> 'it''s' ORDER BY date DESC; /* end */\n",
	"TOML":       "# site\n[params]\ntitle = \"IOM \\\"CSO\\\"\"\npath = 'C:\\dir'\nyears = [2011, 2026]\nok = true\n",
	"TypeScript": "interface Event { title: string; date?: Date }\n// a comment\nconst e: Event = { title: \"a \\\"b\\\"\" };\nexport function f<T>(x: T): T[] { return [x]; }\n",
	"XML":        "<?xml version=\"1.0\"?>\n<!-- feed -->\n<feed xmlns=\"http://www.w3.org/2005/Atom\"><title type='text'>A &amp; B</title><![CDATA[<raw>]]></feed>\n",
	"YAML":       "title: \"Migrants \\\"and\\\" Development\"\ndate: 2013-09-12\ntopics: [labour-migration, 'it''s']\n# a comment\nsummary: >\n  Folded text.\n",
	"plaintext":  "just text \\ \" '\n",
}

// TestHighlightLanguages: every language Render highlights has a lexer,
// every rule of which is linear and has no timeout.
func TestHighlightLanguages(t *testing.T) {
	set := untimedLexers()
	for name, err := range set.dropped {
		t.Errorf("%s is not highlighted: %v", name, err)
	}
	for _, name := range highlightLanguages {
		l, ok := set.byName[name].(*chroma.RegexLexer)
		if !ok {
			continue // reported above
		}
		if _, ok := samples[name]; !ok {
			t.Errorf("%s has no sample", name)
		}
		if _, err := l.Tokenise(nil, "x"); err != nil { // compiles the rules
			t.Fatal(err)
		}
		compiled := set.untimed[name].compiled
		if compiled == nil {
			t.Errorf("%s: the untimed rule did not run", name)
		}
		if _, ok := compiled[untimedState]; ok {
			t.Errorf("%s: the untimed state is still there", name)
		}
		for state, rs := range compiled {
			for i, r := range rs {
				if r.Regexp.MatchTimeout != neverTimeout {
					t.Errorf("%s: rule %s.%d has a timeout of %v", name, state, i, r.Regexp.MatchTimeout)
				}
			}
		}
		rules, err := l.Rules()
		if err != nil {
			t.Fatal(err)
		}
		for state, rs := range rules {
			for i, r := range rs {
				problems, err := patternProblems(r.Pattern, patternOptions(l.Config()))
				if err != nil || len(problems) > 0 {
					t.Errorf("%s: rule %s.%d %q: %v %v", name, state, i, r.Pattern, problems, err)
				}
			}
		}
	}
}

// TestHighlightedLanguageNames: a language is found under the names
// chroma knows it by, and a language not listed is shown plain.
func TestHighlightedLanguageNames(t *testing.T) {
	r := New(Options{})
	for lang, want := range map[string]bool{
		"go": true, "golang": true, "js": true, "py": true, "yml": true, "YAML": true, "html": true,
		"sh": false, "v": false, "yang": false, "ruby": false,
	} {
		res, err := r.Render([]byte("```" + lang + "\nx = \"<b>\" # z\n```\n"))
		if err != nil {
			t.Fatal(err)
		}
		if got := highlighted(string(res.HTML)); !slices.Equal(got, []bool{want}) {
			t.Errorf("%s: highlighted %v, want %v", lang, got, want)
		}
	}
}

// TestUntimedLexersMatchChroma: on ordinary code, the renderer's lexers
// read what chroma's own read.
func TestUntimedLexersMatchChroma(t *testing.T) {
	for _, name := range highlightLanguages {
		// Coalesced, as Render writes them: Go's raw strings are one
		// token here, three in chroma's lexer.
		want, err := chroma.Tokenise(chroma.Coalesce(lexers.Get(name)), nil, samples[name])
		if err != nil {
			t.Fatal(err)
		}
		it, err := lexerFor(name).Tokenise(nil, samples[name])
		if err != nil {
			t.Fatal(err)
		}
		got, _ := coalesce(it, &highlightBudget{tokens: 1 << 30})
		if !slices.Equal(got, want) {
			t.Errorf("%s: %d tokens, chroma's lexer %d:\n%v\n%v", name, len(got), len(want), got, want)
		}
		if len(got) < 3 && name != "plaintext" {
			t.Errorf("%s: the sample is hardly highlighted: %v", name, got)
		}
	}
}

// slowMachine makes every regexp2 match that has a timeout time out at
// once, as if the machine had paused for longer than the timeout, until
// the function it returns is called. A timeout is checked against a
// deadline of now plus the timeout plus the clock's period; with a period
// of minus an hour the deadline is always past. The clock is stopped
// first, so that its goroutine does not read the period as it changes.
func slowMachine() (restore func()) {
	regexp2.StopTimeoutClock()
	regexp2.SetTimeoutCheckPeriod(-time.Hour)
	return func() { regexp2.SetTimeoutCheckPeriod(regexp2.DefaultClockPeriod) }
}

// TestHighlightOnSlowMachine: highlighted code is the same on a machine
// too slow for any timeout, where chroma's own lexers give up on every
// rule and read everything as an error.
func TestHighlightOnSlowMachine(t *testing.T) {
	goLexer := lexers.Get("go")
	chromaNormal, err := chroma.Tokenise(goLexer, nil, samples["Go"])
	if err != nil {
		t.Fatal(err)
	}
	r := New(Options{})
	var docs []string
	for _, f := range []string{"code.md", "links.md"} {
		src, err := os.ReadFile(filepath.Join("testdata", f))
		if err != nil {
			t.Fatal(err)
		}
		docs = append(docs, string(src))
	}
	for _, name := range highlightLanguages { // each in a document of its own, within the budget
		docs = append(docs, "```"+strings.ToLower(name)+"\n"+samples[name]+"```\n")
	}
	var want []string
	for _, d := range docs {
		res, err := r.Render([]byte(d))
		if err != nil {
			t.Fatal(err)
		}
		want = append(want, string(res.HTML))
	}

	restore := slowMachine()
	defer restore()
	chromaSlow, err := chroma.Tokenise(goLexer, nil, samples["Go"])
	if err != nil {
		t.Fatal(err)
	}
	if slices.Equal(chromaSlow, chromaNormal) {
		t.Fatal("chroma's Go lexer reads the same on the slow machine: the test does not slow anything down")
	}
	for i, d := range docs {
		res, err := r.Render([]byte(d))
		if err != nil {
			t.Fatal(err)
		}
		if got := string(res.HTML); got != want[i] {
			t.Errorf("on a slow machine, %.40q renders\n%s\nnot\n%s", d, got, want[i])
		}
	}
}

// bounded runs fn and fails the test if it takes longer than hangTime or
// allocates more than 64 MB (256 MB under the race detector), as the
// generator's hostile tests do. A run that hangs is reported after
// hangTime, not when the test binary times out.
func bounded(t *testing.T, what string, fn func()) {
	t.Helper()
	hostileAlloc := uint64(64 << 20)
	if raceEnabled {
		hostileAlloc *= 4
	}
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	done := make(chan struct{})
	go func() {
		defer close(done)
		fn()
	}()
	select {
	case <-done:
	case <-time.After(hangTime):
		t.Fatalf("%s did not finish within %v", what, hangTime)
	}
	runtime.ReadMemStats(&after)
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > hostileAlloc {
		t.Errorf("%s allocated %.1f MB; the bound is %d MB", what, float64(alloc)/(1<<20), hostileAlloc>>20)
	}
}

// hostileBlock is a code block of lines of MaxHighlightLine bytes, as
// many as highlighting takes if full, else one, the first starting with
// start, then fill repeated.
func hostileBlock(start, fill string, full bool) string {
	var b strings.Builder
	for b.Len()+MaxHighlightLine+1 <= MaxHighlightBytes {
		line := start + strings.Repeat(fill, MaxHighlightLine)
		b.WriteString(line[:MaxHighlightLine] + "\n")
		start = ""
		if !full {
			break
		}
	}
	return b.String()
}

// TestHostileHighlighting: code shaped to make lexers backtrack
// (unclosed strings of backslashes, which take chroma's own string rules
// 1.6^n steps; unclosed comments and strings, which they scan to the end
// of the block for every token) renders within bounds, a document at a
// time: lines of every shape, and blocks as large as the budget of the
// worst.
func TestHostileHighlighting(t *testing.T) {
	var blocks []string
	for _, start := range []string{"\"", "'", "`", "/*", "<!--", "\"\"\"", "<a b='", "#", "- \""} {
		for _, fill := range []string{"\\", "\\a", "\\\"", "a,"} {
			blocks = append(blocks, hostileBlock(start, fill, false))
		}
	}
	for _, b := range [][2]string{{"\"", "\\"}, {"\"", "\\\""}, {"'", "\\"}, {"/*", "\\\""}} {
		blocks = append(blocks, hostileBlock(b[0], b[1], true))
	}
	r := New(Options{})
	for _, name := range highlightLanguages {
		t.Run(name, func(t *testing.T) {
			var highlightedBlocks int
			for _, b := range blocks {
				src := "```" + strings.ToLower(name) + "\n" + b + "```\n"
				bounded(t, fmt.Sprintf("%.20q", b), func() {
					res, err := r.Render([]byte(src))
					if err != nil {
						t.Error(err)
						return
					}
					if highlighted(string(res.HTML))[0] {
						highlightedBlocks++
					}
				})
			}
			if highlightedBlocks == 0 && name != "plaintext" {
				t.Errorf("none of the %d blocks was highlighted", len(blocks))
			}
		})
	}
}

// TestLinearPattern: the repetitions that backtrack exponentially are
// found, made atomic, and then match in linear time what they matched.
func TestLinearPattern(t *testing.T) {
	for _, tt := range []struct {
		pattern, want string
		same          []string // inputs matched as before
	}{
		{`"(\\\\|\\"|[^"])*"`, `"((?>\\\\|\\"|[^"]))*"`, []string{`"a \"b\" \\"`, `"\\\\"`, `"x`}},
		{`'(?:\\.|[^'])*'`, `'(?:(?>\\.|[^']))*'`, []string{`'a\'b'`, `'\\'`}},
		{`(a+)+b`, `((?>a+))+b`, []string{"aab", "b"}},
		{`(\d+|[a-z]+)*;`, `((?>\d+|[a-z]+))*;`, []string{"12ab3;", ";"}}, // "12" is one iteration or two
		{`[(]a|b[)]*`, `[(]a|b[)]*`, nil},
		{`\((a|b)*\)`, `\((a|b)*\)`, nil},
		// A character the sample misses, written or escaped.
		{`(\p{L}x|中y)*!`, `((?>\p{L}x|中y))*!`, []string{"axbx中y!"}},
		{`(\p{L}x|\u4E2Dy)*!`, `((?>\p{L}x|\u4E2Dy))*!`, []string{"axbx中y!"}},
	} {
		got, err := linearPattern(tt.pattern, 0)
		if err != nil {
			t.Errorf("%s: %v", tt.pattern, err)
			continue
		}
		if got != tt.want {
			t.Errorf("linearPattern(%s) = %s, want %s", tt.pattern, got, tt.want)
		}
		before, after := regexp2.MustCompile(tt.pattern), regexp2.MustCompile(got)
		for _, in := range tt.same {
			m1, m2 := matched(before, in), matched(after, in)
			if m1 != m2 {
				t.Errorf("%s matches %q in %q; %s matches %q", tt.pattern, m1, in, got, m2)
			}
		}
		// One attempt at the start, as chroma makes.
		anchored := regexp2.MustCompile(`\G(?:` + got + `)`)
		bounded(t, got, func() {
			for _, in := range []string{`"` + strings.Repeat(`\`, 5000), strings.Repeat("a", 5000), strings.Repeat("1", 5000)} {
				_, _ = anchored.MatchString(in)
			}
		})
	}
	// What no atomic group can make linear is refused.
	if _, err := linearPattern(`(a|a)\1*`, 0); err == nil {
		t.Error("a repeated back reference was made linear")
	}
}

// matched is what re matches first in s, "(none)" if nothing.
func matched(re *regexp2.Regexp, s string) string {
	m, err := re.FindStringMatch(s)
	if err != nil || m == nil {
		return fmt.Sprint("(none)", err)
	}
	return m.String()
}
