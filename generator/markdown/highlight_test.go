package markdown

import (
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/alecthomas/chroma/v2"
	"github.com/alecthomas/chroma/v2/lexers"
)

// highlighted reports, for each code block of html in order, whether it
// was highlighted.
func highlighted(html string) []bool {
	var got []bool
	for _, block := range strings.Split(html, "<pre")[1:] {
		block, _, _ = strings.Cut(block, "</pre>")
		got = append(got, strings.Contains(block, "<span class="))
	}
	return got
}

// TestHighlightBudget: a document gets MaxHighlightBytes and
// MaxHighlightTokens of highlighting, in blocks without long lines; the
// rest of its code is shown plain, never refused.
func TestHighlightBudget(t *testing.T) {
	goBlock := func(size int) string {
		line := "x := f(a, b)\n"
		return "```go\n" + strings.Repeat(line, size/len(line)) + "```\n\n"
	}
	tests := []struct {
		name string
		src  string
		want []bool
	}{
		{"within the budget", goBlock(MaxHighlightBytes / 2), []bool{true}},
		{"past the budget", goBlock(MaxHighlightBytes + 100), []bool{false}},
		{"blocks until the budget runs out", goBlock(MaxHighlightBytes/2) + goBlock(MaxHighlightBytes/2+50) + goBlock(100), []bool{true, false, true}},
		{"budget per document", goBlock(MaxHighlightBytes * 3 / 4), []bool{true}},
		{"longest line", "```go\nx := \"" + strings.Repeat("a", MaxHighlightLine-7) + "\"\n```\n", []bool{true}},
		{"line too long", "```go\nx := \"" + strings.Repeat("a", MaxHighlightLine-6) + "\"\n```\n", []bool{false}},
		// One token per byte in C, 101 to a line: 20 lines are within
		// the bytes but not the tokens.
		{"tokens within the budget", "```c\n" + strings.Repeat(strings.Repeat("a;", 50)+"\n", MaxHighlightTokens/101) + "```\n", []bool{true}},
		{"tokens past the budget", "```c\n" + strings.Repeat(strings.Repeat("a;", 50)+"\n", MaxHighlightTokens/101+1) + "```\n", []bool{false}},
		// Languages not in highlightLanguages, whose chroma lexers
		// panic (YANG) or backtrack exponentially (V).
		{"a language whose lexer panics", "```yang\n/*a\n/*a\n```\n", []bool{false}},
		{"a language whose lexer backtracks exponentially", "```v\nfn main() {}\n```\n", []bool{false}},
	}
	r := New(Options{})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := r.Render([]byte(tt.src))
			if err != nil {
				t.Fatal(err)
			}
			if got := highlighted(string(res.HTML)); !slices.Equal(got, tt.want) {
				t.Errorf("highlighted %v, want %v", got, tt.want)
			}
			if !strings.Contains(string(res.HTML), "</code></pre>") {
				t.Error("no code block")
			}
		})
	}
	// The budget is the document's, not the renderer's.
	src := []byte(goBlock(MaxHighlightBytes * 3 / 4))
	for range 2 {
		res, _ := r.Render(src)
		if got := highlighted(string(res.HTML)); !slices.Equal(got, []bool{true}) {
			t.Errorf("rendered again: highlighted %v", got)
		}
	}
}

// TestCoalesce: merging tokens gives what chroma.Coalesce gives, values
// split at 8 KB included.
func TestCoalesce(t *testing.T) {
	goSrc, err := os.ReadFile("highlight.go")
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ lang, code string }{
		{"go", string(goSrc)},
		{"c", strings.Repeat("a;", 10000)},  // one kind of token after another
		{"js", strings.Repeat("{}", 10000)}, // runs longer than 8 KB
		{"yaml", "a: [1, 2]\nb: {c: d}\n"},
	} {
		lexer := lexers.Get(tt.lang)
		it, err := chroma.Coalesce(lexer).Tokenise(nil, tt.code)
		if err != nil {
			t.Fatal(err)
		}
		want := it.Tokens()
		it, err = lexer.Tokenise(nil, tt.code)
		if err != nil {
			t.Fatal(err)
		}
		got, ok := coalesce(it, &highlightBudget{tokens: 1 << 30})
		if !ok || !slices.Equal(got, want) {
			t.Errorf("%s: coalesce gives %d tokens, chroma.Coalesce %d", tt.lang, len(got), len(want))
		}
	}
}
