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
	"github.com/alecthomas/chroma/v2/lexers"
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
	code := blockText(n, src)
	_, _ = io.WriteString(w, `<pre class="`+preClass+`"><code`)
	if lang != "" {
		_, _ = io.WriteString(w, ` class="language-`+lang+`"`)
	}
	_, _ = io.WriteString(w, ">")
	if !r.highlight(w, lang, code) {
		_, _ = io.WriteString(w, html.EscapeString(code))
	}
	_, _ = io.WriteString(w, "</code></pre>\n")
	return ast.WalkSkipChildren, nil
}

func (r *codeRenderer) renderIndented(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkSkipChildren, nil
	}
	_, _ = io.WriteString(w, `<pre class="`+preClass+`"><code>`)
	_, _ = io.WriteString(w, html.EscapeString(blockText(node, src)))
	_, _ = io.WriteString(w, "</code></pre>\n")
	return ast.WalkSkipChildren, nil
}

// highlight writes code highlighted as lang and reports whether it could;
// an unknown language is not an error, the block is just left plain.
func (r *codeRenderer) highlight(w io.Writer, lang, code string) bool {
	if lang == "" {
		return false
	}
	lexer := lexers.Get(lang)
	if lexer == nil {
		return false
	}
	it, err := chroma.Coalesce(lexer).Tokenise(nil, code)
	if err != nil {
		return false
	}
	// Into a buffer first: a formatter error halfway must not leave half
	// a highlighted block followed by the plain one.
	var buf bytes.Buffer
	if err := r.formatter.Format(&buf, styles.Fallback, it); err != nil {
		return false
	}
	_, _ = w.Write(buf.Bytes())
	return true
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
