package markdown

import (
	"bufio"
	"bytes"
	"html"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	ghtml "github.com/yuin/goldmark/renderer/html"
)

// textWriter collects the plain text of nodes.
//
// It decodes text the same way the HTML renderer does (backslash escapes,
// entities, typographer entities), so the text matches what a reader sees.
type textWriter struct {
	b   strings.Builder
	buf bytes.Buffer
	w   *bufio.Writer
}

func newTextWriter() *textWriter {
	t := &textWriter{}
	t.w = bufio.NewWriter(&t.buf)
	return t
}

// String returns the collected text with whitespace collapsed.
func (t *textWriter) String() string {
	return collapseSpace(t.b.String())
}

// collapseSpace is strings.Join(strings.Fields(s), " ") in one pass,
// copying words whole.
func collapseSpace(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	start := -1 // start of the current word, or -1 between words
	for i := 0; i < len(s); {
		c, size := s[i], 1
		var space bool
		if c < utf8.RuneSelf {
			space = asciiSpace[c]
		} else {
			var r rune
			r, size = utf8.DecodeRuneInString(s[i:])
			space = unicode.IsSpace(r)
		}
		switch {
		case space && start >= 0:
			if b.Len() > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(s[start:i])
			start = -1
		case !space && start < 0:
			start = i
		}
		i += size
	}
	if start >= 0 {
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(s[start:])
	}
	return b.String()
}

// asciiSpace holds the ASCII bytes unicode.IsSpace reports.
var asciiSpace = [utf8.RuneSelf]bool{'\t': true, '\n': true, '\v': true, '\f': true, '\r': true, ' ': true}

func (t *textWriter) reset() {
	t.b.Reset()
}

// writeMarkdownText writes text as written in Markdown source.
func (t *textWriter) writeMarkdownText(src []byte) {
	if !bytes.ContainsAny(src, "\\&\x00") {
		// Nothing to decode: the HTML writer would only escape <, >, &
		// and ", which UnescapeString undoes.
		t.b.Write(src)
		return
	}
	t.decode(src)
}

// decode writes text as written in Markdown source, decoded.
func (t *textWriter) decode(src []byte) {
	t.buf.Reset()
	ghtml.DefaultWriter.Write(t.w, src)
	_ = t.w.Flush()
	t.b.WriteString(html.UnescapeString(t.buf.String()))
}

// add appends the plain text of n and its descendants.
//
// Raw HTML, footnote markers, task checkboxes and images are left out:
// they are markup or decoration, and an image's alt text read out of
// context makes a poor search excerpt.
func (t *textWriter) add(n ast.Node, src []byte) {
	_ = ast.Walk(n, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if n.Type() == ast.TypeBlock {
			// Blocks are words apart even when nothing separates them in
			// the source (table cells, list items).
			t.b.WriteByte(' ')
		}
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Text:
			t.writeMarkdownText(n.Value(src))
			if n.SoftLineBreak() || n.HardLineBreak() {
				t.b.WriteByte(' ')
			}
		case *ast.String:
			switch {
			case n.IsCode():
				// Typographer output: already HTML.
				t.b.WriteString(html.UnescapeString(string(n.Value)))
			case n.IsRaw():
				t.b.Write(n.Value)
			default:
				t.writeMarkdownText(n.Value)
			}
		case *ast.CodeSpan:
			for c := n.FirstChild(); c != nil; c = c.NextSibling() {
				switch c := c.(type) {
				case *ast.Text:
					t.b.Write(c.Value(src))
				case *ast.String:
					t.b.Write(c.Value)
				}
			}
			return ast.WalkSkipChildren, nil
		case *ast.AutoLink:
			t.b.Write(n.Label(src))
		case *ast.FencedCodeBlock, *ast.CodeBlock:
			lines := n.Lines()
			for i := 0; i < lines.Len(); i++ {
				seg := lines.At(i)
				t.b.Write(seg.Value(src))
			}
			return ast.WalkSkipChildren, nil
		case *ast.Image, *ast.RawHTML, *ast.HTMLBlock,
			*east.FootnoteLink, *east.FootnoteBacklink, *east.TaskCheckBox:
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
}

// altText returns the text of an image description, as goldmark renders
// it into the alt attribute.
func (t *textWriter) altText(img *ast.Image, src []byte) string {
	t.reset()
	for c := img.FirstChild(); c != nil; c = c.NextSibling() {
		t.add(c, src)
	}
	return t.String()
}
