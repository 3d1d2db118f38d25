package markdown

import (
	"bytes"
	"html"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// stateKey finds the per-document state of Render in the parser.Context.
var stateKey = parser.NewContextKey()

// state is what the transformer learns about one document for Render.
type state struct {
	headings []Heading
	links    []Link
	ids      []string  // element ids other than the headings': footnotes, raw HTML
	refs     refStats  // what link references and footnotes add to the HTML
	lines    lineIndex // of the source, for Render's errors
}

// transformer makes a parsed document safe and well-formed before any
// renderer sees it, and records its headings and links. Doing this on the
// AST, rather than in each renderer, means every renderer, ours or an
// extension's, gets the same sanitized tree.
type transformer struct {
	unsafe bool
}

// Transform implements parser.ASTTransformer.
func (t *transformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	st, _ := pc.Get(stateKey).(*state)
	if st == nil {
		st = &state{}
	}
	src := reader.Source()
	lines := newLineIndex(src)
	st.lines = lines
	tw := newTextWriter()
	var key []byte // reused for the labels of references

	var (
		headings []*ast.Heading
		raw      []ast.Node // raw HTML to drop
		defuse   []ast.Node // links with dangerous destinations
	)
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Heading:
			headings = append(headings, n)
		case *ast.Link:
			l := newLink(n, string(decodeDest(n.Destination)), false, "", src, lines)
			if n.Reference != nil {
				key = labelKey(key[:0], n.Reference.Value)
				st.refs.use(key, n.Reference.Value, l.Line, len(n.Destination)+len(n.Title)+linkRefSize)
			}
			if dangerousURL(n.Destination, false) {
				defuse = append(defuse, n)
				l.Dropped = true
			}
			st.links = append(st.links, l)
		case *ast.Image:
			l := newLink(n, string(decodeDest(n.Destination)), true, tw.altText(n, src), src, lines)
			if n.Reference != nil {
				key = labelKey(key[:0], n.Reference.Value)
				st.refs.use(key, n.Reference.Value, l.Line, len(n.Destination)+len(n.Title)+linkRefSize)
			}
			if dangerousURL(n.Destination, true) {
				defuse = append(defuse, n)
				l.Dropped = true
			}
			st.links = append(st.links, l)
			// The description renders as alt text, never as links.
			return ast.WalkSkipChildren, nil
		case *ast.AutoLink:
			url := n.URL(src)
			if n.AutoLinkType == ast.AutoLinkEmail && !hasPrefixFold(url, "mailto:") {
				// As the renderer writes it, so a link check sees an email.
				url = append([]byte("mailto:"), url...)
			}
			l := newLink(n, string(url), false, "", src, lines)
			if p := n.Pos(); p >= 0 && p < len(src) && src[p] != '<' {
				// Linkify records where it was triggered, often the
				// space before the address; point at the address.
				label := n.Label(src)
				end := min(len(src), p+len(label)+4)
				if i := bytes.Index(src[p:end], label); i > 0 {
					l.Line, l.Col = lines.position(p + i)
				}
			}
			if dangerousURL(url, false) {
				defuse = append(defuse, n)
				l.Dropped = true
			}
			st.links = append(st.links, l)
		case *ast.RawHTML, *ast.HTMLBlock:
			if !t.unsafe {
				raw = append(raw, n)
			} else {
				st.ids = rawHTMLIDs(st.ids, n, src)
			}
			return ast.WalkSkipChildren, nil
		case *ast.LinkReferenceDefinition:
			line, _ := lines.position(nodeOffset(n))
			key = labelKey(key[:0], n.Label)
			st.refs.define(string(key), string(n.Label), line)
		case *east.FootnoteLink:
			line, _ := lines.position(nodeOffset(n))
			st.refs.use([]byte(footnoteKey(n.Index)), nil, line, footnoteRefSize)
			st.ids = append(st.ids, footnoteRefID(n))
		case *east.Footnote:
			line, _ := lines.position(firstOffset(n))
			st.refs.define(footnoteKey(n.Index), "^"+string(n.Ref), line)
			st.ids = append(st.ids, "fn:"+strconv.Itoa(n.Index))
		case *east.TableCell:
			// Alignment as a class: the site's Content-Security-Policy
			// forbids style attributes and HTML5 dropped align.
			if n.Alignment != east.AlignNone {
				n.SetAttributeString("class", []byte("align-"+n.Alignment.String()))
			}
		}
		return ast.WalkContinue, nil
	})

	for _, n := range raw {
		remove(n)
	}
	for _, n := range defuse {
		defuseLink(n, src, tw)
	}
	st.headings = assignHeadingIDs(headings, pc.IDs(), src, lines, tw)
}

// footnoteRefID is the id goldmark's footnote renderer gives the
// reference n: fnref:N for the first reference to footnote N, fnrefK:N
// for the next ones.
func footnoteRefID(n *east.FootnoteLink) string {
	if n.RefIndex > 0 {
		return "fnref" + strconv.Itoa(n.RefIndex) + ":" + strconv.Itoa(n.Index)
	}
	return "fnref:" + strconv.Itoa(n.Index)
}

// rawIDAttr finds the id attributes of raw HTML, as written: in double
// quotes, after a space.
var rawIDAttr = regexp.MustCompile(`\sid="([^"]*)"`)

// rawHTMLIDs appends the ids of the raw HTML n, which the page carries
// as written (Options.Unsafe), character references decoded.
func rawHTMLIDs(ids []string, n ast.Node, src []byte) []string {
	var b []byte
	switch n := n.(type) {
	case *ast.RawHTML:
		for i := 0; i < n.Segments.Len(); i++ {
			seg := n.Segments.At(i)
			b = append(b, seg.Value(src)...)
		}
	case *ast.HTMLBlock:
		for i := 0; i < n.Lines().Len(); i++ {
			seg := n.Lines().At(i)
			b = append(b, seg.Value(src)...)
		}
		if n.HasClosure() {
			b = append(b, n.ClosureLine.Value(src)...)
		}
	}
	for _, m := range rawIDAttr.FindAllSubmatch(b, -1) {
		ids = append(ids, html.UnescapeString(string(m[1])))
	}
	return ids
}

// footnoteKey is the key of a footnote among references: footnotes are
// numbered, and no link label can start with a NUL.
func footnoteKey(index int) string {
	return "\x00" + strconv.Itoa(index)
}

// firstOffset returns the offset of the first line of n or of its first
// descendant that has lines, else nodeOffset(n).
func firstOffset(n ast.Node) int {
	for c := n; c != nil; c = c.FirstChild() {
		if c.Type() == ast.TypeBlock && c.Lines().Len() > 0 {
			return c.Lines().At(0).Start
		}
	}
	return nodeOffset(n)
}

// newLink records a link or image destination for link checks.
func newLink(n ast.Node, dest string, image bool, alt string, src []byte, lines lineIndex) Link {
	line, col := lines.position(nodeOffset(n))
	scheme, _, _ := urlScheme([]byte(dest))
	return Link{Dest: dest, Scheme: scheme, Image: image, Alt: alt, Line: line, Col: col}
}

// nodeOffset returns the offset of n in src: its own position when the
// parser recorded one, else that of its nearest ancestor that has one.
func nodeOffset(n ast.Node) int {
	for ; n != nil; n = n.Parent() {
		if p := n.Pos(); p >= 0 {
			return p
		}
		if n.Type() == ast.TypeBlock && n.Lines().Len() > 0 {
			return n.Lines().At(0).Start
		}
	}
	return 0
}

// remove takes raw HTML out of the tree, and the paragraph it leaves
// empty, so the page has neither the markup nor a trace of it.
func remove(n ast.Node) {
	parent := n.Parent()
	if parent == nil {
		return
	}
	parent.RemoveChild(parent, n)
	if parent.Kind() == ast.KindParagraph && parent.ChildCount() == 0 && parent.Parent() != nil {
		parent.Parent().RemoveChild(parent.Parent(), parent)
	}
}

// defuseLink replaces a link whose destination is dangerous by what the
// reader would have seen as its text, so nothing is lost but the link.
func defuseLink(n ast.Node, src []byte, tw *textWriter) {
	parent := n.Parent()
	if parent == nil {
		return
	}
	var repl ast.Node
	switch n := n.(type) {
	case *ast.Link:
		for c := n.FirstChild(); c != nil; {
			next := c.NextSibling()
			parent.InsertBefore(parent, n, c)
			c = next
		}
		parent.RemoveChild(parent, n)
		return
	case *ast.Image:
		repl = rawString(tw.altText(n, src))
	case *ast.AutoLink:
		repl = rawString(string(n.Label(src)))
	default:
		return
	}
	parent.ReplaceChild(parent, n, repl)
}

// rawString is text that is escaped on output but not decoded again.
func rawString(s string) ast.Node {
	str := ast.NewString([]byte(s))
	str.SetRaw(true)
	return str
}

// assignHeadingIDs gives every heading a page-unique id and returns them
// in document order.
//
// Ids written by the author ({#id}) are reserved first, so a generated id
// never takes one that a later heading asks for. Other attributes are
// dropped: a style attribute would break the Content-Security-Policy and
// event handlers have no business in content.
func assignHeadingIDs(nodes []*ast.Heading, ids parser.IDs, src []byte, lines lineIndex, tw *textWriter) []Heading {
	explicit := make([][]byte, len(nodes))
	used := func([]byte) bool { return false }
	if h, ok := ids.(*headingIDs); ok {
		// Reserved ids belong to the page around the content.
		used = func(id []byte) bool { return h.used[string(id)] }
	}
	for i, n := range nodes {
		id, class := attrBytes(n, "id"), attrBytes(n, "class")
		n.RemoveAttributes()
		if len(bytes.TrimSpace(class)) > 0 {
			n.SetAttributeString("class", class)
		}
		if len(id) == 0 || bytes.ContainsFunc(id, isHTMLSpace) || used(id) || isFootnoteID(id) {
			// Not a usable HTML id, or one already taken: generate one.
			continue
		}
		explicit[i] = id
		ids.Put(id)
	}

	headings := make([]Heading, len(nodes))
	for i, n := range nodes {
		tw.reset()
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			tw.add(c, src)
		}
		txt := tw.String()
		id := explicit[i]
		if id == nil {
			id = ids.Generate([]byte(txt), ast.KindHeading)
		}
		n.SetAttributeString("id", id)
		line, _ := lines.position(nodeOffset(n))
		headings[i] = Heading{Level: n.Level, ID: string(id), Text: txt, Line: line}
	}
	return headings
}

// isFootnoteID reports whether id has the form of the footnote extension's
// ids (fn:N, fnref:N, fnrefK:N), which a slug, having no ":", never has.
func isFootnoteID(id []byte) bool {
	return bytes.HasPrefix(id, []byte("fn")) && bytes.IndexByte(id, ':') >= 0
}

func hasPrefixFold(b []byte, prefix string) bool {
	return len(b) >= len(prefix) && strings.EqualFold(string(b[:len(prefix)]), prefix)
}

func attrBytes(n ast.Node, name string) []byte {
	v, ok := n.AttributeString(name)
	if !ok {
		return nil
	}
	switch v := v.(type) {
	case []byte:
		return v
	case string:
		return []byte(v)
	}
	return nil
}

func isHTMLSpace(r rune) bool {
	return r == ' ' || r == '\t' || r == '\n' || r == '\f' || r == '\r'
}

// lineIndex maps byte offsets in a source to 1-based line and column.
type lineIndex struct {
	src    []byte
	starts []int // offsets at which lines start
}

func newLineIndex(src []byte) lineIndex {
	starts := []int{0}
	for i, c := range src {
		if c == '\n' {
			starts = append(starts, i+1)
		}
	}
	return lineIndex{src, starts}
}

// position returns the line of off and its column in characters, as
// editors count them and as the YAML decoder counts the columns of the
// front matter: "Réunion [x]" has its "[" in column 9, not at byte 10.
func (l lineIndex) position(off int) (line, col int) {
	i := sort.Search(len(l.starts), func(i int) bool { return l.starts[i] > off }) - 1
	if i < 0 {
		i = 0
	}
	start := l.starts[i]
	off = max(start, min(off, len(l.src)))
	return i + 1, utf8.RuneCount(l.src[start:off]) + 1
}
