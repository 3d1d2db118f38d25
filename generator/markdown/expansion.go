package markdown

import (
	"bytes"
	"errors"
	"fmt"
	"unicode/utf8"

	"github.com/yuin/goldmark/util"
)

// MaxExpansion is how many times its own size, plus ExpansionSlack, a
// document may render to.
//
// Markdown that says something renders to about its own size: the
// archive's records to 1.1 times theirs, a record that cites long
// addresses in every sentence and table row to 5 times, the test documents
// of this package, dense with footnotes, tables, headings and highlighted
// code, to at most 4.3 times. Only repetition of something written once
// goes far beyond: a link reference or a footnote used thousands of times.
const MaxExpansion = 20

// ExpansionSlack is what a document may render to besides MaxExpansion
// times its size: room for a short document's table or footnotes.
const ExpansionSlack = 64 << 10

// MaxHTMLSize is the most HTML any document may render to: twice the
// largest file the archive reads.
const MaxHTMLSize = 8 << 20

// htmlLimit returns how many bytes of HTML a document of n bytes may
// render to.
func htmlLimit(n int) int {
	return min(MaxHTMLSize, MaxExpansion*n+ExpansionSlack)
}

// limitPhrase says how limit was set for a document of n bytes.
func limitPhrase(n int) string {
	if htmlLimit(n) == MaxHTMLSize {
		return "the most any record may render to"
	}
	return fmt.Sprintf("%d times its size plus %s", MaxExpansion, byteSize(ExpansionSlack))
}

// byteSize writes n bytes for a reader: "640 KB", "3.5 MB".
func byteSize(n int) string {
	if n < 1<<20 {
		return fmt.Sprintf("%d KB", (n+1<<10-1)>>10)
	}
	return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
}

// footnoteRefSize is about the least HTML one more reference to a
// footnote adds: its superscript link, and the link back from the note.
const footnoteRefSize = 160

// linkRefSize is the HTML a use of a link reference adds besides its
// address and title: <a href=""></a>. (Its text is in the source.)
const linkRefSize = len(`<a href=""></a>`)

// refUse is what the uses of one link reference or footnote add to a
// document's HTML.
type refUse struct {
	label string // as written, "^" first for a footnote
	line  int    // where it is defined, else first used
	size  int    // bytes each use adds
	uses  int
}

// expansionError returns the error for a document of n bytes whose
// references, used as in uses, make it render to more than it may, or nil.
func expansionError(n int, uses []*refUse) error {
	total := n
	var worst *refUse
	for _, u := range uses {
		total += u.uses * u.size
		if worst == nil || u.uses*u.size > worst.uses*worst.size {
			worst = u
		}
	}
	limit := htmlLimit(n)
	if total <= limit {
		return nil
	}
	label, what, fix := worst.label, "link reference", "use it less often, or shorten its address and title"
	if len(label) > 0 && label[0] == '^' {
		what, fix = "footnote", "refer to it less often"
	}
	if len(label) > 40 {
		i := 40
		for i > 0 && !utf8.RuneStart(label[i]) {
			i--
		}
		label = label[:i] + "…"
	}
	return &LimitError{Line: worst.line, What: fmt.Sprintf(
		"%s [%s] is used %d times: this record would render to about %s of HTML, more than its limit of %s (%s); %s",
		what, label, worst.uses, byteSize(total), byteSize(limit), limitPhrase(n), fix)}
}

// checkReferences estimates, before parsing, what the link references and
// footnotes of src add to its HTML, and refuses src if that is too much,
// so that an amplification costs neither the parse nor the rendering.
//
// It reads definitions from the start of a line ("[label]: address
// "title"", "[^label]: note") and counts every [label] written on one
// line; a definition spread over several lines, or a label an escape
// disguises, escapes this count but not the exact one Render makes after
// parsing.
func checkReferences(src []byte) error {
	defs := map[string]*refUse{}
	var order []*refUse
	var key []byte
	for n, rest := 1, src; len(rest) > 0; n++ {
		line := rest
		if i := bytes.IndexByte(rest, '\n'); i >= 0 {
			line, rest = rest[:i], rest[i+1:]
		} else {
			rest = nil
		}
		i := 0
		for i < len(line) && (line[i] == ' ' || line[i] == '\t' || line[i] == '>') {
			i++
		}
		if m := listMarkerLen(line[i:]); m > 0 { // "- [a]: /x" defines a in the item
			i += m
			for i < len(line) && (line[i] == ' ' || line[i] == '\t') {
				i++
			}
		}
		label, end := bracketed(line, i)
		if label == nil || end >= len(line) || line[end] != ':' {
			continue
		}
		key = labelKey(key[:0], label)
		if len(key) == 0 || defs[string(key)] != nil {
			continue // the first definition of a label is the one used
		}
		u := &refUse{label: string(label), line: n, size: footnoteRefSize}
		if label[0] != '^' {
			u.size = len(bytes.TrimSpace(line[end+1:]))
			if u.size == 0 && len(rest) > 0 { // the address on the next line
				next := rest
				if j := bytes.IndexByte(next, '\n'); j >= 0 {
					next = next[:j]
				}
				u.size = len(bytes.TrimSpace(next))
			}
			u.size += linkRefSize
		}
		defs[string(key)] = u
		order = append(order, u)
	}
	if len(defs) == 0 {
		return nil
	}
	for i := 0; i < len(src); {
		j := bytes.IndexByte(src[i:], '[')
		if j < 0 {
			break
		}
		label, end := bracketed(src, i+j)
		if label == nil {
			i += j + 1
			continue
		}
		if end >= len(src) || src[end] != ':' { // not the definition itself
			key = labelKey(key[:0], label)
			if u := defs[string(key)]; u != nil {
				u.uses++
			}
		}
		i = end
	}
	return expansionError(len(src), order)
}

// bracketed returns the label of "[label]" at b[i:], on one line and
// without brackets inside, and the index after its "]"; or nil.
func bracketed(b []byte, i int) (label []byte, end int) {
	if i >= len(b) || b[i] != '[' || (i > 0 && b[i-1] == '\\') {
		return nil, 0
	}
	limit := min(len(b), i+1+999) // CommonMark's longest label
	for j := i + 1; j < limit; j++ {
		switch b[j] {
		case ']':
			if j == i+1 {
				return nil, 0
			}
			return b[i+1 : j], j + 1
		case '[', '\n':
			return nil, 0
		}
	}
	return nil, 0
}

// labelKey appends to dst the label as goldmark matches it: case folded,
// runs of spaces made one. ASCII labels take no allocation.
func labelKey(dst, label []byte) []byte {
	label = bytes.TrimSpace(label)
	for _, c := range label {
		if c >= utf8.RuneSelf {
			return append(dst, util.ToLinkReference(label)...)
		}
	}
	space := false
	for _, c := range label {
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			space = true
			continue
		case 'A' <= c && c <= 'Z':
			c += 'a' - 'A'
		}
		if space {
			dst = append(dst, ' ')
			space = false
		}
		dst = append(dst, c)
	}
	return dst
}

// refStats counts, while the transformer walks the parsed document, what
// its link references and footnotes add to the HTML, exactly.
type refStats struct {
	uses  map[string]*refUse // by key: labelKey of a link's label, footnoteKey of a note
	order []*refUse          // in the order of first use
	defs  map[string]refDef
}

type refDef struct {
	label string
	line  int
}

// use records one use, at line, of the reference key written label,
// which adds size bytes. It copies key and label only for a new reference.
func (s *refStats) use(key, label []byte, line, size int) {
	if s.uses == nil {
		s.uses = map[string]*refUse{}
	}
	u := s.uses[string(key)]
	if u == nil {
		u = &refUse{label: string(label), line: line}
		s.uses[string(key)] = u
		s.order = append(s.order, u)
	}
	u.uses++
	u.size = max(u.size, size)
}

// define records where the reference key is defined; the first
// definition of a label is the one used.
func (s *refStats) define(key, label string, line int) {
	if s.defs == nil {
		s.defs = map[string]refDef{}
	}
	if _, ok := s.defs[key]; !ok {
		s.defs[key] = refDef{label, line}
	}
}

// resolved returns the uses, each placed at its definition when there is
// one, in the order of first use.
func (s *refStats) resolved() []*refUse {
	for key, u := range s.uses {
		if d, ok := s.defs[key]; ok {
			u.label, u.line = d.label, d.line
		}
	}
	return s.order
}

// errHTMLLimit is what htmlWriter returns once its limit is reached.
var errHTMLLimit = errors.New("markdown: HTML limit reached")

// htmlWriter is the buffer Render renders into: it takes no more than
// limit bytes, and fails every write after one that would pass it, so the
// HTML of a document never takes more memory than its limit. goldmark's
// renderers ignore write errors and go on walking the document, so Render
// also checks over after every top-level block.
//
// It also carries the highlighting budget of the document it renders.
type htmlWriter struct {
	buf       bytes.Buffer
	limit     int
	over      bool
	highlight highlightBudget
}

func newHTMLWriter(srcLen int) *htmlWriter {
	w := &htmlWriter{limit: htmlLimit(srcLen), highlight: *newHighlightBudget()}
	w.buf.Grow(min(w.limit, srcLen+srcLen/2))
	return w
}

func (w *htmlWriter) room(n int) bool {
	if w.over || w.buf.Len()+n > w.limit {
		w.over = true
		return false
	}
	return true
}

func (w *htmlWriter) Write(p []byte) (int, error) {
	if !w.room(len(p)) {
		return 0, errHTMLLimit
	}
	return w.buf.Write(p)
}

func (w *htmlWriter) WriteString(s string) (int, error) {
	if !w.room(len(s)) {
		return 0, errHTMLLimit
	}
	return w.buf.WriteString(s)
}

func (w *htmlWriter) WriteByte(c byte) error {
	if !w.room(1) {
		return errHTMLLimit
	}
	return w.buf.WriteByte(c)
}

func (w *htmlWriter) WriteRune(r rune) (int, error) {
	if !w.room(utf8.RuneLen(r)) {
		return 0, errHTMLLimit
	}
	return w.buf.WriteRune(r)
}

// Available and Buffered are those of a writer without a buffer of its
// own: everything written is in the output already.
func (w *htmlWriter) Available() int { return 0 }
func (w *htmlWriter) Buffered() int  { return 0 }

func (w *htmlWriter) Flush() error {
	if w.over {
		return errHTMLLimit
	}
	return nil
}

// overError is the error for a document of n bytes whose HTML went past
// its limit in the top-level block at line.
func overError(n, line int) error {
	return &LimitError{Line: line, What: fmt.Sprintf(
		"this record would render to more than its limit of %s of HTML (%s), passed in the block at this line; a footnote or link reference used many times is the usual cause",
		byteSize(htmlLimit(n)), limitPhrase(n))}
}
