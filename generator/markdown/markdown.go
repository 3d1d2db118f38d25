// Package markdown turns the Markdown bodies of the archive into HTML: it
// holds the site's one goldmark configuration, and it is the only package
// that marks HTML as trusted (template.HTML).
//
// # Syntax
//
// CommonMark, plus the GitHub extensions (tables, strikethrough, autolinks
// of bare URLs and www. addresses, task lists), footnotes, definition
// lists, typographic punctuation ("quotes" and 'quotes' become curly,
// -- and --- become en and em dashes, ... an ellipsis, << and >> guillemets)
// and attributes on headings ({#id .class}; only id and class are kept).
//
// # Heading ids
//
// Every heading gets an id, unique on the page: the one the author wrote
// with {#id}, or else Slugify of the heading's text: "Réunion régionale"
// becomes "reunion-regionale", "الهجرة والتنمية" stays "الهجرة-والتنمية", a
// heading with no letters becomes "section". A repeated slug gets -1, -2,
// ... appended; author-written ids and Options.ReservedIDs are set aside
// first, so a generated id never takes them.
//
// # Code
//
// Fenced code blocks in one of the languages of highlightLanguages (C,
// CSS, Diff, Go, HTML, INI, JSON, JavaScript, Python, SQL, TOML,
// TypeScript, XML, YAML; named as chroma names them, aliases included)
// are highlighted with CSS classes, never style attributes, and the same
// on every machine however busy:
//
//	<pre class="chroma"><code class="language-go"><span class="kd">func</span>…</code></pre>
//
// The token classes are chroma's (k keyword, s string, c comment, nf
// function name, …); HighlightCSS writes the matching stylesheet. Other
// code blocks, indented ones included, and those past the document's
// highlighting budget (see Limits), are escaped and left plain, in the
// same <pre class="chroma">.
//
// # What is dropped
//
//   - Raw HTML, inline and in blocks, unless Options.Unsafe: it leaves no
//     trace, and a paragraph that held only raw HTML disappears.
//   - Links and images whose destination is javascript:, vbscript:, file:
//     or data: (data:image/png, gif, jpeg or webp is kept for images),
//     however spelled: in any case, with entities, with tabs, newlines or
//     control characters inside, in inline, reference and autolinks. A
//     dropped link renders as its text, a dropped image as its alt text.
//     This holds even with Options.Unsafe: it trusts raw HTML written as
//     such, not Markdown that only looks harmless.
//   - Heading attributes other than id and class.
//   - Table alignment as markup: a column aligned with ":--:" gets
//     class="align-left", "align-center" or "align-right" on its cells,
//     which the theme styles; the site's Content-Security-Policy forbids
//     style attributes and HTML5 has no align.
//
// # What is reported
//
// Render returns, besides the HTML, the headings (for tables of contents),
// every link and image destination with its line and column, its scheme
// and whether it was dropped (for link and alt-text checks), the id of
// every element a #fragment can point at, and the document's plain text
// (for search and excerpts). Positions count lines and columns from 1,
// columns in characters as editors count them (and as the YAML decoder
// counts those of the front matter), not in bytes as go/scanner does.
//
// # Limits
//
// Render leaves the size of its input to the caller, but refuses, with a
// *LimitError that names the line, the shapes whose cost grows faster than
// their size, most of them before goldmark parses anything:
//
//   - more than MaxNesting block quotes and list items around one line,
//     opened on that line or by indentation, and more than MaxNestedLines
//     lines inside lists and quotes, each counted once per level;
//   - documents longer than MaxLines lines;
//   - paragraphs with more than MaxInlineMarkers emphasis or link markers,
//     and documents with more than MaxRecordMarkers in all;
//   - tables wider than MaxTableColumns, and more than MaxTableCells cells
//     in all tables together;
//   - documents that would render to more than MaxExpansion times their
//     size plus ExpansionSlack, or more than MaxHTMLSize: a link reference
//     or footnote used thousands of times. The references are counted
//     before parsing, counted again exactly after, and the HTML is written
//     into a buffer that refuses to grow past the limit.
//
// Highlighting is bounded too, by leaving code plain rather than by an
// error, because chroma's lexers take time and memory that grow faster
// than their input on some of it: a document gets at most
// MaxHighlightBytes and MaxHighlightTokens of highlighted code, in blocks
// without lines longer than MaxHighlightLine. A block on which a lexer
// panics is left plain as well.
//
// Within these limits goldmark can still spend a few hundred bytes of
// memory on each byte of dense input (a paragraph of nothing but short
// links, emphasis or quotes); the caller bounds that through the size of
// the input.
package markdown

import (
	"html/template"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	ghtml "github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Options configures a Renderer.
type Options struct {
	// Unsafe renders raw HTML written in the Markdown (site.yaml
	// markdown.unsafe); by default it is dropped. Dangerous link
	// destinations are dropped either way.
	Unsafe bool

	// ReservedIDs are element ids the page around the content already
	// uses; no heading gets one of them, so ids stay unique on the page.
	ReservedIDs []string
}

// Renderer converts Markdown to HTML; it is safe for concurrent use by
// many goroutines.
type Renderer struct {
	md       goldmark.Markdown
	reserved []string
}

// Result is a rendered Markdown document.
type Result struct {
	// HTML is the rendered document, safe to insert into a page.
	HTML template.HTML
	// Headings are the document's headings in the order of the page
	// (headings inside footnotes come last, with the footnotes).
	Headings []Heading
	// Links are every link and image destination in the document, in the
	// order of the page, dropped dangerous ones included, for link checks.
	Links []Link
	// IDs are the id attributes of the elements the document renders,
	// for checks of #fragments: the headings' (as in Headings), the
	// footnotes' and footnote references' (fn:1, fnref:1, fnref1:1),
	// and, with Options.Unsafe, those its raw HTML writes in double
	// quotes, character references decoded. A checker needs no parse of
	// the HTML to know them.
	IDs []string
	// Text is the plain text of the document, without markup, images or
	// footnote markers, whitespace collapsed.
	Text string
}

// Heading is one heading of a document.
type Heading struct {
	Level int    // 1 to 6
	ID    string // the id attribute, unique in the document
	Text  string // plain text, whitespace collapsed
	Line  int    // 1-based line of the heading in the source
}

// Link is one link or image destination of a document.
type Link struct {
	Dest string // as written, escapes and entities decoded; autolinks as linked (mailto:, http://www.)
	// Scheme is the scheme of Dest, lowercased, as a browser reads it
	// (spaces and controls around it and tabs and newlines inside
	// ignored): "https", "mailto", "javascript"; "" for a site path, a
	// relative address or a #fragment.
	Scheme string
	// Dropped says the destination is dangerous (see "What is
	// dropped"): the page shows the link's text, or the image's alt
	// text, and no link.
	Dropped bool
	Image   bool   // an image source rather than a link target
	Alt     string // for images: alt text ("" means missing)
	Line    int    // 1-based line of the link's first character: [, ! or <, or a bare URL's first letter
	Col     int    // 1-based column of that character, in characters (not bytes), as editors count
}

// New returns a Renderer configured with opts.
func New(opts Options) *Renderer {
	htmlOpts := []renderer.Option{}
	if opts.Unsafe {
		htmlOpts = append(htmlOpts, ghtml.WithUnsafe())
	}
	md := goldmark.New(
		goldmark.WithExtensions(
			extension.NewTable(extension.WithTableCellAlignMethod(extension.TableCellAlignNone)),
			extension.Strikethrough,
			extension.Linkify,
			extension.TaskList,
			extension.Footnote,
			extension.DefinitionList,
			extension.Typographer,
		),
		goldmark.WithParserOptions(
			parser.WithHeadingAttribute(),
			parser.WithASTTransformers(
				// After every other transformer (footnotes move their
				// definitions, tables are built), so it sees the final tree.
				util.Prioritized(&transformer{unsafe: opts.Unsafe}, 10000),
			),
		),
		goldmark.WithRendererOptions(htmlOpts...),
		goldmark.WithRendererOptions(
			renderer.WithNodeRenderers(util.Prioritized(newCodeRenderer(), 100)),
		),
	)
	return &Renderer{md: md, reserved: append([]string(nil), opts.ReservedIDs...)}
}

// Render converts the Markdown document src.
//
// The same src always gives the same Result.
func (r *Renderer) Render(src []byte) (*Result, error) {
	if err := checkLimits(src); err != nil {
		return nil, err
	}
	if err := checkReferences(src); err != nil {
		return nil, err
	}
	st := &state{}
	pc := parser.NewContext(parser.WithIDs(newHeadingIDs(r.reserved)))
	pc.Set(stateKey, st)
	doc := r.md.Parser().Parse(text.NewReader(src), parser.WithContext(pc))
	if err := expansionError(len(src), st.refs.resolved()); err != nil {
		return nil, err
	}

	// One top-level block at a time: goldmark goes on walking a block
	// after a write fails, but not on to the next one.
	w := newHTMLWriter(len(src))
	for c := doc.FirstChild(); c != nil; c = c.NextSibling() {
		err := r.md.Renderer().Render(w, src, c)
		if w.over {
			line, _ := st.lines.position(firstOffset(c))
			return nil, overError(len(src), line)
		}
		if err != nil {
			return nil, err
		}
	}
	tw := newTextWriter()
	tw.add(doc, src)
	return &Result{
		// Trusted because the transformer has dropped raw HTML (unless the
		// site allows it) and dangerous URLs, and goldmark escapes the rest.
		HTML:     template.HTML(w.buf.String()),
		Headings: st.headings,
		Links:    st.links,
		IDs:      pageIDs(st),
		Text:     tw.String(),
	}, nil
}

// pageIDs returns the ids of the document's elements, each once: the
// headings', in their order, then the others in the order of the
// page.
func pageIDs(st *state) []string {
	ids := make([]string, 0, len(st.headings)+len(st.ids))
	if len(st.ids) == 0 {
		// Most documents: the headings' ids, unique already.
		for _, h := range st.headings {
			ids = append(ids, h.ID)
		}
		return ids
	}
	seen := make(map[string]bool, cap(ids))
	add := func(id string) {
		if !seen[id] {
			seen[id] = true
			ids = append(ids, id)
		}
	}
	for _, h := range st.headings {
		add(h.ID)
	}
	for _, id := range st.ids {
		add(id)
	}
	return ids
}
