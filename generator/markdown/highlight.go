package markdown

import (
	"bytes"
	"fmt"
	"html"
	"io"
	"slices"
	"sort"
	"strings"

	"github.com/alecthomas/chroma/v2"
	chromahtml "github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/alecthomas/chroma/v2/styles"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// preClass is the class of every code block's <pre>, and the scope of every
// rule HighlightCSS writes; chroma's own name for it, so its token classes
// (k, s, nf, ...) read as documented upstream.
const preClass = "chroma"

// codeRenderer renders code blocks through chroma, with CSS classes and
// never inline styles, which the site's Content-Security-Policy forbids.
type codeRenderer struct {
	formatter *chromahtml.Formatter
}

func newCodeRenderer() *codeRenderer {
	return &codeRenderer{formatter: chromahtml.New(
		chromahtml.WithClasses(true),
		// We write <pre><code> ourselves, because the language class
		// differs per block; this also drops chroma's per-line spans,
		// which nothing on the site uses.
		chromahtml.PreventSurroundingPre(true),
	)}
}

// RegisterFuncs implements renderer.NodeRenderer.
func (r *codeRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindFencedCodeBlock, r.renderFenced)
	reg.Register(ast.KindCodeBlock, r.renderIndented)
}

func (r *codeRenderer) renderFenced(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkSkipChildren, nil
	}
	n := node.(*ast.FencedCodeBlock)
	lang := languageName(n.Language(src))
	_, _ = io.WriteString(w, `<pre class="`+preClass+`"><code`)
	if lang != "" {
		_, _ = io.WriteString(w, ` class="language-`+lang+`"`)
	}
	_, _ = io.WriteString(w, ">")
	budget := newHighlightBudget()
	if hw, ok := w.(*htmlWriter); ok {
		budget = &hw.highlight // the document's
	}
	if !r.highlight(w, lang, n, src, budget) {
		writeEscaped(w, n, src)
	}
	_, _ = io.WriteString(w, "</code></pre>\n")
	return ast.WalkSkipChildren, nil
}

func (r *codeRenderer) renderIndented(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkSkipChildren, nil
	}
	_, _ = io.WriteString(w, `<pre class="`+preClass+`"><code>`)
	writeEscaped(w, node, src)
	_, _ = io.WriteString(w, "</code></pre>\n")
	return ast.WalkSkipChildren, nil
}

// writeEscaped writes the code of n escaped, a line at a time, so that a
// long block never needs a copy of itself.
func writeEscaped(w io.Writer, n ast.Node, src []byte) {
	lines := n.Lines()
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		_, _ = io.WriteString(w, html.EscapeString(string(seg.Value(src))))
	}
}

// Highlighting costs chroma up to 4 KB of memory and 70 µs for every token
// it reads (measured on its C, Python, SQL and JavaScript lexers, one token
// per byte). Worse, many of its lexers scan to the end of the block for
// every token of an unclosed comment or string (Go, TypeScript, Terraform
// and dozens more: up to 1 s for 4 KB, 6 s for 16 KB, and ten times that
// under the race detector), and some to the end of the line (YAML: 2 s
// for one line of 4 KB). The three limits below keep a document to about
// 50 lines of ordinary code highlighted, and to at most about 20 MB and
// half a second of chroma's work (2 KB of Go that opens a string and
// never closes it, TestHostileHighlighting); code past them is shown
// plain.

// MaxHighlightBytes is how much code Render highlights in one document, in
// all its blocks together.
const MaxHighlightBytes = 2 << 10

// MaxHighlightTokens is how many tokens Render lets chroma's lexers read in
// one document, counted before neighbours of one kind are merged; some
// lexers return tens of thousands for 2 KB.
const MaxHighlightTokens = 2000

// MaxHighlightLine is the longest line, in bytes, of a block Render
// highlights.
const MaxHighlightLine = 256

// highlightBudget is what is left of a document's highlighting.
type highlightBudget struct {
	bytes, tokens int
}

func newHighlightBudget() *highlightBudget {
	return &highlightBudget{bytes: MaxHighlightBytes, tokens: MaxHighlightTokens}
}

// highlight writes the code of n highlighted as lang and reports whether
// it could. An unknown language is not an error, nor is one that is not
// in highlightLanguages, nor a block past the document's budget: the
// block is just left plain. What it writes depends on the block and the
// budget alone, never on the time it takes (see lexers.go).
func (r *codeRenderer) highlight(w io.Writer, lang string, n ast.Node, src []byte, budget *highlightBudget) (ok bool) {
	defer func() {
		// A lexer may panic on some input (chroma's YANG lexer did on
		// an unclosed /* comment; Using panics on a language the
		// renderer does not have): that block is left plain, and the
		// build goes on.
		if recover() != nil {
			ok = false
		}
	}()
	if lang == "" {
		return false
	}
	lexer := lexerFor(lang)
	if lexer == nil {
		return false
	}
	size := 0
	lines := n.Lines()
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		l := seg.Len()
		if l > MaxHighlightLine+1 { // with its newline
			return false
		}
		size += l
	}
	if size > budget.bytes {
		return false
	}
	budget.bytes -= size
	it, err := lexer.Tokenise(nil, blockText(n, src))
	if err != nil {
		return false
	}
	tokens, ok := coalesce(it, budget)
	if !ok {
		return false
	}
	// Into a buffer first: a formatter error halfway must not leave half
	// a highlighted block followed by the plain one.
	var buf bytes.Buffer
	if err := r.formatter.Format(&buf, styles.Fallback, chroma.Literator(tokens...)); err != nil {
		return false
	}
	_, _ = w.Write(buf.Bytes())
	return true
}

// coalesce reads the tokens of it, as long as the budget lasts, and
// merges neighbours of one type as chroma.Coalesce does (into values of
// up to 8 KB), but in linear time: chroma's merging copies the value at
// every token. ok is false if the budget ran out.
func coalesce(it chroma.Iterator, budget *highlightBudget) (tokens []chroma.Token, ok bool) {
	var (
		cur  chroma.TokenType
		val  strings.Builder
		have bool
	)
	for t := it(); t != chroma.EOF; t = it() {
		if budget.tokens--; budget.tokens < 0 {
			budget.tokens = 0
			return nil, false
		}
		if t.Value == "" {
			continue
		}
		if have && t.Type == cur && val.Len() < 8192 {
			val.WriteString(t.Value)
			continue
		}
		if have {
			tokens = append(tokens, chroma.Token{Type: cur, Value: val.String()})
			val.Reset()
		}
		cur, have = t.Type, true
		val.WriteString(t.Value)
	}
	if have {
		tokens = append(tokens, chroma.Token{Type: cur, Value: val.String()})
	}
	return tokens, true
}

// languageName returns the language of an info string in the form used in
// the class attribute, or "" when it has characters no language name needs
// (the info string is the author's free text).
func languageName(info []byte) string {
	if len(info) == 0 || len(info) > 40 {
		return ""
	}
	for _, c := range info {
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
		case c == '-' || c == '_' || c == '+' || c == '.' || c == '#':
		default:
			return ""
		}
	}
	return strings.ToLower(string(info))
}

func blockText(n ast.Node, src []byte) string {
	var b strings.Builder
	lines := n.Lines()
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		b.Write(seg.Value(src))
	}
	return b.String()
}

// HighlightCSS returns the stylesheet for highlighted code: the rules of
// the chroma style styleLight, then those of styleDark inside
// @media (prefers-color-scheme: dark), all scoped to pre.chroma.
//
// Every rule of one scheme is restated in the other, reset where that
// scheme leaves a token plain; otherwise a light-scheme colour would stay
// on a dark background.
func HighlightCSS(styleLight, styleDark string) ([]byte, error) {
	light, err := chromaStyle(styleLight)
	if err != nil {
		return nil, err
	}
	dark, err := chromaStyle(styleDark)
	if err != nil {
		return nil, err
	}
	lightRules, darkRules := styleRules(light), styleRules(dark)

	var buf bytes.Buffer
	writeRules(&buf, "", lightRules, darkRules)
	buf.WriteString("@media (prefers-color-scheme: dark) {\n")
	writeRules(&buf, "  ", darkRules, lightRules)
	buf.WriteString("}\n")
	return buf.Bytes(), nil
}

func chromaStyle(name string) (*chroma.Style, error) {
	s, ok := styles.Registry[strings.ToLower(name)]
	if !ok {
		return nil, fmt.Errorf("markdown: unknown highlight style %q (known: %s)", name, strings.Join(styles.Names(), ", "))
	}
	return s, nil
}

// cssProps are the properties a chroma style entry can set, with the value
// that undoes each one.
var cssProps = []struct{ name, reset string }{
	{"color", "inherit"},
	{"background-color", "transparent"},
	{"font-weight", "normal"},
	{"font-style", "normal"},
	{"text-decoration", "none"},
}

// styleRules maps a selector ("" for the <pre> itself, else a token class)
// to its declarations, indexed like cssProps ("" when unset).
func styleRules(s *chroma.Style) map[string][]string {
	rules := make(map[string][]string)
	// Plain text carries the style's foreground, the background only its
	// background; the <pre> needs both, and tokens need only what differs.
	base := s.Get(chroma.Text)
	rules[""] = declarations(base)
	types := make([]chroma.TokenType, 0, len(chroma.StandardTypes))
	for t := range chroma.StandardTypes {
		types = append(types, t)
	}
	slices.Sort(types)
	for _, t := range types {
		class := chroma.StandardTypes[t]
		if class == "" || (chroma.CodeLine <= t && t <= chroma.Background) {
			// Background to CodeLine are chroma's wrappers and line
			// markup, which the renderer does not emit.
			continue
		}
		d := declarations(s.Get(t).Sub(base))
		if _, ok := rules[class]; !ok && !allEmpty(d) {
			rules[class] = d
		}
	}
	return rules
}

func declarations(e chroma.StyleEntry) []string {
	d := make([]string, len(cssProps))
	if e.Colour.IsSet() {
		d[0] = e.Colour.String()
	}
	if e.Background.IsSet() {
		d[1] = e.Background.String()
	}
	if e.Bold == chroma.Yes {
		d[2] = "bold"
	}
	if e.Italic == chroma.Yes {
		d[3] = "italic"
	}
	if e.Underline == chroma.Yes {
		d[4] = "underline"
	}
	return d
}

// writeRules writes the rules of one scheme; other is the other scheme,
// whose declarations this one must override.
func writeRules(buf *bytes.Buffer, indent string, rules, other map[string][]string) {
	selectors := make([]string, 0, len(rules)+len(other))
	for sel := range rules {
		selectors = append(selectors, sel)
	}
	for sel := range other {
		if _, ok := rules[sel]; !ok {
			selectors = append(selectors, sel)
		}
	}
	sort.Strings(selectors)
	for _, sel := range selectors {
		mine, theirs := rules[sel], other[sel]
		var decls []string
		for i, p := range cssProps {
			switch {
			case mine != nil && mine[i] != "":
				decls = append(decls, p.name+": "+mine[i])
			case theirs != nil && theirs[i] != "":
				decls = append(decls, p.name+": "+p.reset)
			}
		}
		if len(decls) == 0 {
			continue
		}
		selector := "pre." + preClass
		if sel != "" {
			selector += " ." + sel
		}
		fmt.Fprintf(buf, "%s%s { %s }\n", indent, selector, strings.Join(decls, "; "))
	}
}

func allEmpty(d []string) bool {
	for _, v := range d {
		if v != "" {
			return false
		}
	}
	return true
}
