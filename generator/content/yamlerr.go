package content

import (
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The YAML parser says what it expected ("did not find expected key"),
// at the line where it noticed, which is often not where the author
// slipped: an unclosed quote is noticed lines later, a colon in a title
// is blamed on the line's first column. explainYAML reads the text the
// way an author writes front matter (keys, values, list items, quotes,
// [lists]) and, when the parser's complaint matches a mistake it knows,
// says where to act and what to write instead. Anything it does not
// recognise keeps the parser's own words.
//
// It reads the text once, line by line, so its cost is linear in the
// size of the text, which the callers bound.

// yamlKeys are the keys of front matter, documents and site.yaml: a line
// that starts with one of them followed by a space has lost its colon.
var yamlKeys = []string{
	"title", "date", "end_date", "location", "format", "region", "summary", "topics",
	"organizers", "documents", "aliases", "draft", "weight", "menu", "time", "registration", "published",
	"file", "url", "lang",
	"description", "base_url", "language", "theme", "markdown", "unsafe",
	"attachments", "max_size_mb", "kinds", "regions", "key", "folder", "name", "plural",
	"organization_types", "short_name", "type",
}

// yamlListKeys are the keys whose value is a list: a "- " or "[" after
// them starts the list, where after any other key it was meant as text.
var yamlListKeys = []string{"topics", "organizers", "documents", "aliases", "kinds", "regions", "organization_types"}

// maxLookAhead is how many lines below the parser's own estimate a
// mistake is looked for, when the first failing line is not known.
const maxLookAhead = 20

// maxEcho is how many characters of an author's value a message repeats.
const maxEcho = 80

// What starts a line, as far as the explanations care.
const (
	lineEntry  = iota // a key, a list item, or stray text
	lineBlank         // empty or a comment
	lineQuoted        // inside a quoted value opened on an earlier line
	lineFlow          // inside a [list] or {map} opened on an earlier line
	lineBlock         // inside a | or > block
	linePlain         // an indented continuation of an unquoted value
)

type yamlLine struct {
	text   string
	indent int   // leading spaces, in bytes (tabs were refused before)
	kind   int   // one of the line… constants
	owner  int   // for a continuation, the entry line it continues (0-based)
	dashes []int // byte offsets of the "- " that start list items
	body   int   // byte offset after the indentation and the dashes
	key    string
	keyAt  int // byte offset of the key, -1 when the entry has none
	valAt  int // byte offset of the value, -1 when there is none on the line
	parent int // continuation lines of this entry's value are indented more than this
}

// A quoted value, possibly over several lines.
type yamlQuote struct {
	ch                 byte
	line, at           int // the opening quote
	closeLine, closeAt int // the closing quote; closeLine -1 if never closed
	after              int // byte offset of text after the closing quote on its line, -1 if none
	inFlow             bool
}

// A [list] or {map}, possibly over several lines.
type yamlFlow struct {
	ch                 byte
	line, at           int
	closeLine, closeAt int // -1 while open
	after              int // text after the closing bracket on its line, -1 if none
	missLine, missAt   int // an item that follows another without a comma, -1 if none
	dupLine, dupAt     int // a comma with no item before it, -1 if none
}

type yamlScan struct {
	doc    string // "the front matter" or "site.yaml", for messages
	off    int    // added to line numbers named in messages: the file's own numbering
	lines  []yamlLine
	quotes []*yamlQuote
	flows  []*yamlFlow // outermost ones, in order

	quote    *yamlQuote
	stack    []*yamlFlow
	outer    *yamlFlow
	tokStart bool // in a flow: the next character starts an item
	afterEnd bool // in a flow: a quoted item or a nested flow just ended
	items    int  // in a flow: items since the last opening bracket
	block    int  // lines indented more than this belong to a | or > block; -1 when none
	plain    int  // lines indented more than this continue an unquoted value; -1 when none
	owner    int
}

func scanYAML(src []byte) *yamlScan {
	texts := strings.Split(string(src), "\n")
	s := &yamlScan{lines: make([]yamlLine, len(texts)), block: -1, plain: -1}
	for i, t := range texts {
		l := &s.lines[i]
		l.text, l.keyAt, l.valAt = t, -1, -1
		l.indent = len(t) - len(strings.TrimLeft(t, " "))
		s.line(i)
	}
	if s.quote != nil {
		s.quote.closeLine = -1
	}
	return s
}

func (s *yamlScan) line(i int) {
	l := &s.lines[i]
	t := l.text
	switch {
	case s.quote != nil:
		l.kind, l.owner = lineQuoted, s.owner
		s.rest(i, 0)
		return
	case len(s.stack) > 0:
		l.kind, l.owner = lineFlow, s.owner
		s.rest(i, 0)
		return
	}
	blank := l.indent == len(t) || t[l.indent] == '#'
	if s.block >= 0 {
		if blank || l.indent > s.block {
			l.kind, l.owner = lineBlock, s.owner
			return
		}
		s.block = -1
	}
	if blank {
		l.kind = lineBlank
		return
	}
	if s.plain >= 0 {
		if l.indent > s.plain {
			l.kind, l.owner = linePlain, s.owner
			return
		}
		s.plain = -1
	}
	l.kind = lineEntry
	s.owner = i
	p := l.indent
	for p < len(t) && t[p] == '-' && (p+1 == len(t) || t[p+1] == ' ') {
		l.dashes = append(l.dashes, p)
		p = skipSpaces(t, p+1)
	}
	l.body = p
	l.parent = l.indent
	if n := len(l.dashes); n > 0 {
		l.parent = l.dashes[n-1]
	}
	if c := keyColon(t, p); c >= 0 {
		l.key, l.keyAt = strings.TrimRight(t[p:c], " "), p
		l.parent = p
		p = skipSpaces(t, c+1)
	}
	if p < len(t) && t[p] != '#' {
		l.valAt = p
		s.value(i, p, l.parent)
	}
}

// value starts reading the value at byte p of line i; lines indented more
// than parent may continue it.
func (s *yamlScan) value(i, p, parent int) {
	t := s.lines[i].text
	switch t[p] {
	case '"', '\'':
		s.openQuote(i, p, false)
		s.rest(i, p+1)
	case '[', '{':
		s.openFlow(i, p)
		s.rest(i, p+1)
	case '|', '>':
		s.block = parent
	default:
		s.plain = parent
	}
}

func (s *yamlScan) openQuote(i, p int, inFlow bool) {
	q := &yamlQuote{ch: s.lines[i].text[p], line: i, at: p, closeLine: -1, closeAt: -1, after: -1, inFlow: inFlow}
	s.quote = q
	s.quotes = append(s.quotes, q)
}

func (s *yamlScan) openFlow(i, p int) {
	if s.afterEnd {
		s.miss(i, p)
	}
	f := &yamlFlow{ch: s.lines[i].text[p], line: i, at: p, closeLine: -1, closeAt: -1, after: -1, missLine: -1, dupLine: -1}
	if len(s.stack) == 0 {
		s.flows = append(s.flows, f)
		s.outer = f
	}
	s.stack = append(s.stack, f)
	s.tokStart, s.afterEnd, s.items = true, false, 0
}

func (s *yamlScan) miss(i, p int) {
	if s.outer != nil && s.outer.missLine < 0 {
		s.outer.missLine, s.outer.missAt = i, p
	}
}

// rest reads line i from byte p inside a quote or a flow, as far as they go.
func (s *yamlScan) rest(i, p int) {
	t := s.lines[i].text
	for p < len(t) {
		if q := s.quote; q != nil {
			c := closingQuote(t, p, q.ch)
			if c < 0 {
				return
			}
			q.closeLine, q.closeAt = i, c
			s.quote = nil
			p = c + 1
			if !q.inFlow {
				r := skipSpaces(t, p)
				if r < len(t) && t[r] != '#' && !(t[r] == ':' && (r+1 == len(t) || t[r+1] == ' ')) {
					q.after = r
				}
				return
			}
			s.tokStart, s.afterEnd = false, true
			continue
		}
		if len(s.stack) == 0 {
			return
		}
		switch c := t[p]; {
		case c == ' ':
			p++
		case c == '#' && (p == 0 || t[p-1] == ' '):
			return
		case c == ',':
			if s.tokStart && s.outer.dupLine < 0 && s.items > 0 {
				s.outer.dupLine, s.outer.dupAt = i, p
			}
			s.tokStart, s.afterEnd = true, false
			p++
		case c == ']' || c == '}':
			f := s.stack[len(s.stack)-1]
			f.closeLine, f.closeAt = i, p
			s.stack = s.stack[:len(s.stack)-1]
			p++
			if len(s.stack) == 0 {
				r := skipSpaces(t, p)
				if r < len(t) && t[r] != '#' {
					f.after = r
				}
				s.outer = nil
				return
			}
			s.tokStart, s.afterEnd = false, true
			s.items++
		case c == '[' || c == '{':
			s.openFlow(i, p)
			p++
		case c == ':' && (p+1 == len(t) || strings.IndexByte(" ,]}", t[p+1]) >= 0):
			s.tokStart, s.afterEnd = true, false
			p++
		case (c == '"' || c == '\'') && s.tokStart:
			if s.afterEnd {
				s.miss(i, p)
			}
			s.items++
			s.openQuote(i, p, true)
			p++
		default:
			if s.afterEnd {
				s.miss(i, p)
			}
			if s.tokStart {
				s.items++
			}
			s.tokStart, s.afterEnd = false, false
			p++
		}
	}
}

// closingQuote finds the quote that closes a quoted value from byte p, or -1.
func closingQuote(t string, p int, ch byte) int {
	for ; p < len(t); p++ {
		switch {
		case ch == '"' && t[p] == '\\':
			p++
		case t[p] == ch && ch == '\'' && p+1 < len(t) && t[p+1] == '\'':
			p++
		case t[p] == ch:
			return p
		}
	}
	return -1
}

// keyColon finds the colon of a "key: value" entry starting at byte p, or -1.
func keyColon(t string, p int) int {
	if p >= len(t) || strings.IndexByte("[]{},#&*!|>'\"%@`", t[p]) >= 0 {
		return -1
	}
	if (t[p] == '?' || t[p] == ':' || t[p] == '-') && (p+1 == len(t) || t[p+1] == ' ') {
		return -1
	}
	for q := p; q < len(t); q++ {
		switch {
		case t[q] == '#' && t[q-1] == ' ':
			return -1
		case t[q] == ':' && (q+1 == len(t) || t[q+1] == ' '):
			return q
		}
	}
	return -1
}

func skipSpaces(t string, p int) int {
	for p < len(t) && t[p] == ' ' {
		p++
	}
	return p
}

// yamlHint is an explained syntax error: where to act (1-based, the column
// in characters) and what to do.
type yamlHint struct {
	line, col int
	msg       string
}

// num is line i's number in the file.
func (s *yamlScan) num(i int) int { return s.off + i + 1 }

func (s *yamlScan) hint(i, p int, format string, args ...any) *yamlHint {
	t := s.lines[i].text
	p = min(max(p, 0), len(t))
	return &yamlHint{line: i + 1, col: utf8.RuneCountInString(t[:p]) + 1, msg: fmt.Sprintf(format, args...)}
}

// explainYAML explains the parser's problem, reported at line (1-based;
// exact says whether that is the first line at which the text fails, or
// only the parser's estimate), or returns nil.
func explainYAML(src []byte, doc string, lineOff, line int, exact bool, problem string) *yamlHint {
	if problem == "control characters are not allowed" {
		return controlChar(src)
	}
	s := scanYAML(src)
	s.doc, s.off = doc, lineOff
	switch problem {
	case "found unexpected end of stream", "found unexpected document indicator":
		// The line is where the parser gave up, the end of the text:
		// the quote to close is the first one never closed.
		for _, q := range s.quotes {
			if q.closeLine < 0 {
				return s.unclosedQuote(q)
			}
		}
		// A quote after a closed value opens another one.
		for _, q := range s.quotes {
			if q.after >= 0 && strings.IndexByte("\"'", s.lines[q.closeLine].text[q.after]) >= 0 {
				return s.hint(q.closeLine, q.after, "a quote after the closing quote: delete it")
			}
		}
		for _, f := range s.flows {
			if f.after >= 0 && strings.IndexByte("\"'", s.lines[f.closeLine].text[f.after]) >= 0 {
				return s.hint(f.closeLine, f.after, "a quote after the %q that ends the list: delete it", string(s.lines[f.closeLine].text[f.closeAt]))
			}
		}
		return nil
	}
	tries := []int{line - 1}
	if !exact {
		// The parser counts some lines from zero, or names the line
		// where the enclosing list or map starts: the mistake is on
		// that line or a few lines below.
		tries = append(tries, line, line-2)
		for k := 1; k <= maxLookAhead; k++ {
			tries = append(tries, line+k)
		}
	}
	for _, i := range tries {
		if i < 0 || i >= len(s.lines) {
			continue
		}
		if h := s.explain(i, problem); h != nil {
			return h
		}
	}
	return nil
}

func (s *yamlScan) explain(i int, problem string) *yamlHint {
	switch {
	case problem == "mapping values are not allowed in this context":
		return s.colonInValue(i)
	case problem == "did not find expected key":
		return s.expectedKey(i)
	case problem == "did not find expected '-' indicator":
		return s.expectedDash(i)
	case problem == "could not find expected ':'":
		return s.strayLine(i)
	case problem == "did not find expected ',' or ']'", problem == "did not find expected ',' or '}'":
		return s.flowProblem(i)
	case problem == "did not find expected node content":
		if h := s.flowProblem(i); h != nil {
			return h
		}
		return s.reservedStart(i)
	case problem == "found unknown escape character", problem == "did not find expected hexdecimal number",
		problem == "found invalid Unicode character escape code":
		return s.badEscape(i)
	case problem == "found unknown directive name", problem == "found unexpected non-alphabetical character",
		problem == "could not find expected directive name":
		return s.strayLine(i)
	case problem == "block sequence entries are not allowed in this context",
		problem == "mapping keys are not allowed in this context",
		problem == "found character that cannot start any token",
		problem == "did not find expected alphabetic or numeric character",
		problem == "did not find expected comment or line break",
		problem == "found undefined tag handle",
		problem == "did not find expected whitespace or line break",
		problem == "did not find the expected '>'",
		problem == "did not find expected tag URI",
		strings.HasPrefix(problem, "unknown anchor '"):
		return s.reservedStart(i)
	}
	return nil
}

// colonInValue: an unquoted value holds ": " (or ends with ":"), or a key
// indented under the value above is read as part of that value.
func (s *yamlScan) colonInValue(i int) *yamlHint {
	l := &s.lines[i]
	switch l.kind {
	case lineEntry:
		if l.valAt >= 0 && s.plainValue(i) {
			if c := valueColon(l.text, l.valAt); c >= 0 {
				return s.quoteAdvice(i, c, l, colonWhy(l.text, c), s.joinedValue(i))
			}
		}
		// The entry above has no colon, and the parser read both lines
		// as one key.
		if l.keyAt >= 0 {
			if p := s.prevEntry(i); p >= 0 && s.lines[p].keyAt < 0 && len(s.lines[p].dashes) == 0 &&
				s.lines[p].indent == l.indent && s.lines[p].valAt >= 0 && s.plainValue(p) {
				return s.strayLine(p)
			}
		}
	case linePlain:
		o := &s.lines[l.owner]
		if o.keyAt < 0 && len(o.dashes) == 0 {
			return nil
		}
		k := l.indent
		if strings.HasPrefix(l.text[k:], "- ") {
			// A list item indented under the value above: either the
			// item is out of line with the list, or the key above is
			// out of the item it was meant for.
			for j := l.owner - 1; j >= 0; j-- {
				a := &s.lines[j]
				if a.kind != lineEntry || len(a.dashes) == 0 {
					continue
				}
				if a.dashes[0] != k {
					return s.dashHint(i, j)
				}
				if a.keyAt >= 0 && o.keyAt >= 0 && len(o.dashes) == 0 && o.indent < a.keyAt {
					return s.alignHint(l.owner, o.key, a, j, true)
				}
				return nil
			}
			return nil
		}
		if c := keyColon(l.text, k); c >= 0 && isKnownKey(l.text[k:c]) {
			return s.misaligned(i, l.owner)
		}
		if c := valueColon(l.text, k); c >= 0 {
			if o.keyAt < 0 {
				return nil
			}
			return s.quoteAdvice(i, c, o, colonWhy(l.text, c), s.joinedValue(l.owner))
		}
	}
	return nil
}

// colonWhy says why the colon at byte c of t needs quotes.
func colonWhy(t string, c int) string {
	if c+1 >= len(strings.TrimRight(t, " ")) {
		return "ends with \":\""
	}
	return "contains \": \""
}

// plainValue says whether the entry at line i has an unquoted value.
func (s *yamlScan) plainValue(i int) bool {
	l := &s.lines[i]
	return l.valAt >= 0 && strings.IndexByte("\"'[{|>&*!@`%", l.text[l.valAt]) < 0
}

// valueColon finds a ": " (or a final ":") in an unquoted value from byte p.
func valueColon(t string, p int) int {
	for q := p; q < len(t); q++ {
		switch {
		case t[q] == '#' && q > 0 && t[q-1] == ' ':
			return -1
		case t[q] == ':' && (q+1 == len(t) || t[q+1] == ' '):
			return q
		}
	}
	return -1
}

// joinedValue is the unquoted value of entry i with its continuation
// lines, joined as YAML joins them.
func (s *yamlScan) joinedValue(i int) string {
	l := &s.lines[i]
	parts := []string{strings.TrimSpace(l.text[l.valAt:])}
	for j := i + 1; j < len(s.lines) && s.lines[j].kind != lineEntry; j++ {
		if s.lines[j].kind == linePlain && s.lines[j].owner == i {
			parts = append(parts, strings.TrimSpace(s.lines[j].text))
		}
	}
	return strings.Join(parts, " ")
}

// quoteAdvice: the value of entry e, which holds something YAML reads as
// syntax, must be quoted; the hint is at byte p of line i.
func (s *yamlScan) quoteAdvice(i, p int, e *yamlLine, why, value string) *yamlHint {
	return s.hint(i, p, "%s that %s must be in quotes: %s", noun(e), why, fixed(e, yamlQuoted(value)))
}

// noun names what an entry's value is, for "a title that …".
func noun(e *yamlLine) string {
	switch {
	case e.keyAt >= 0 && slices.Contains(yamlListKeys, e.key):
		return "a value of " + e.key
	case e.keyAt >= 0 && isKnownKey(e.key):
		if strings.IndexByte("aeio", e.key[0]) >= 0 {
			return "an " + e.key
		}
		return "a " + e.key
	case e.keyAt < 0 && len(e.dashes) > 0:
		return "a list item"
	}
	return "a value"
}

// what names an entry's value without an article: "title", or "value".
func what(e *yamlLine) string {
	if e.keyAt >= 0 && isKnownKey(e.key) {
		return e.key
	}
	return "value"
}

// fixed is entry e written with value v: "title: v", or "- v" for a list item.
func fixed(e *yamlLine, v string) string {
	if e.keyAt >= 0 {
		return clip(e.key, 40) + ": " + v
	}
	if len(e.dashes) > 0 {
		return "- " + v
	}
	return v
}

// plainStart says whether v can start a value as it is: a space added
// before it would not leave another mistake.
func plainStart(v string) bool {
	switch c := v[0]; {
	case c == '"' || c == '\'':
		return closingQuote(v, 1, c) > 0
	case c == '[':
		return strings.HasSuffix(v, "]")
	case c == '{':
		return strings.HasSuffix(v, "}")
	}
	return strings.IndexByte("@`%&*!|>?-]},#:", v[0]) < 0
}

func isKnownKey(k string) bool {
	return slices.Contains(yamlKeys, k)
}

// prevEntry is the entry line before line i, or -1.
func (s *yamlScan) prevEntry(i int) int {
	for j := i - 1; j >= 0; j-- {
		if s.lines[j].kind == lineEntry {
			return j
		}
	}
	return -1
}

// misaligned: the key on line i is not lined up with the keys of its map.
// above is a line before it, inside the map or the list the key was
// meant to belong to.
func (s *yamlScan) misaligned(i, above int) *yamlHint {
	l := &s.lines[i]
	c := keyColon(l.text, l.indent)
	if c < 0 {
		return nil
	}
	key := l.text[l.indent:c]
	// The map is that of the nearest entry above, up to the first list
	// item, whose first key sits after its "- ".
	for j := above; j >= 0; j-- {
		a := &s.lines[j]
		if a.kind != lineEntry {
			continue
		}
		if a.keyAt >= 0 && len(a.dashes) > 0 {
			p := s.parent(j)
			if a.dashes[0] <= l.indent || p < 0 || l.indent > s.lines[p].indent {
				return s.alignHint(i, key, a, j, true)
			}
			// The key is no deeper than the key that holds the list:
			// go on from there, rather than through every item.
			j = p + 1
			continue
		}
		if a.keyAt >= 0 && len(a.dashes) == 0 && a.indent < l.indent && a.valAt >= 0 {
			return s.alignHint(i, key, a, j, false)
		}
		if a.indent < l.indent && a.keyAt >= 0 && a.valAt < 0 {
			// The key above opens a map or a list: the key belongs to
			// its parent, whatever that is.
			return nil
		}
		if len(a.dashes) > 0 && a.keyAt < 0 {
			// A list of plain items: the key was meant to end it, at the
			// level of the key that holds the list.
			for k := j - 1; k >= 0; k-- {
				b := &s.lines[k]
				if b.kind == lineEntry && len(b.dashes) == 0 && b.keyAt >= 0 && b.indent < a.dashes[0] {
					return s.alignHint(i, key, b, k, false)
				}
			}
			return nil
		}
	}
	return nil
}

func (s *yamlScan) alignHint(i int, key string, a *yamlLine, j int, first bool) *yamlHint {
	l := &s.lines[i]
	col := utf8.RuneCountInString(a.text[:a.keyAt])
	if col == l.indent {
		return nil
	}
	where := fmt.Sprintf("%q on line %d", clip(a.key, 40), s.num(j))
	if first && len(a.dashes) > 0 {
		where = fmt.Sprintf("%q, the first key after \"- \" on line %d", clip(a.key, 40), s.num(j))
	}
	do := fmt.Sprintf("indent it by %d spaces, like %q", col, clip(a.key, 40))
	switch col {
	case 0:
		do = "remove the spaces before it"
	case 1:
		do = fmt.Sprintf("indent it by 1 space, like %q", clip(a.key, 40))
	}
	return s.hint(i, l.indent, "%q is not lined up under %s: %s", clip(key, 40), where, do)
}

// expectedKey: after a value the parser found more text where the next
// key should be.
func (s *yamlScan) expectedKey(i int) *yamlHint {
	// A quote left open on an earlier line closes on this one.
	for _, q := range s.quotes {
		if q.closeLine == i && q.line < i && q.after >= 0 && !q.inFlow {
			return s.unclosedQuote(q)
		}
	}
	l := &s.lines[i]
	if l.kind != lineEntry {
		return nil
	}
	for _, q := range s.quotes {
		if q.line == i && q.closeLine == i && q.after >= 0 && !q.inFlow && q.at == l.valAt {
			return s.textAfterQuote(i, q)
		}
	}
	for _, f := range s.flows {
		if f.line == i && f.closeLine == i && f.after >= 0 && f.at == l.valAt {
			return s.textAfterFlow(i, f)
		}
	}
	if len(l.dashes) > 0 {
		return s.itemOutOfLine(i)
	}
	p := s.prevEntry(i)
	if l.keyAt >= 0 {
		if p >= 0 && l.indent > 0 {
			return s.misaligned(i, p)
		}
		return nil
	}
	// A line added under a quoted value, after its closing quote.
	if p >= 0 && s.lines[p].keyAt >= 0 && l.indent > s.lines[p].keyAt {
		for _, q := range s.quotes {
			if q.line <= p && q.closeLine >= p && q.closeLine < i && q.after < 0 && !q.inFlow && (q.line < p || q.at == s.lines[p].valAt) {
				return s.hint(q.closeLine, q.closeAt, "the %s on line %d ends with this quote, and line %d is outside it: move the closing quote to the end of line %d", what(&s.lines[p]), s.num(p), s.num(i), s.num(i))
			}
		}
	}
	return nil
}

// itemOutOfLine: the list item on line i is not lined up with the items
// above it, or follows a key that already has a value.
func (s *yamlScan) itemOutOfLine(i int) *yamlHint {
	l := &s.lines[i]
	for j := i - 1; j >= 0; j-- {
		a := &s.lines[j]
		switch {
		case a.kind != lineEntry:
		case len(a.dashes) > 0:
			if a.dashes[0] != l.indent && l.indent >= s.parentIndent(j) {
				return s.dashHint(i, j)
			}
			return nil
		case a.keyAt >= 0 && a.indent == l.indent && a.valAt >= 0 && len(l.dashes) == 1 && l.keyAt >= 0 && isKnownKey(l.key) && s.parentIndent(i) < 0:
			// "- date: 2013-09-12" among the keys of the front matter.
			return s.hint(i, l.indent, "\"- \" before the key %q: delete it, so that the line reads %s", clip(l.key, 40), clip(strings.TrimSpace(l.text[l.body:]), maxEcho+20))
		case a.keyAt >= 0 && a.indent == l.indent && a.valAt >= 0:
			return s.hint(i, l.indent, "this list item follows %q on line %d, which already has a value: a list goes under a key with nothing after its colon, its items indented by 2 spaces", clip(a.key, 40), s.num(j))
		case a.keyAt >= 0 && a.indent < l.indent && a.valAt < 0:
			// The key that holds the list.
			return nil
		case a.indent < l.indent && a.keyAt < 0:
			return nil
		}
	}
	return nil
}

// parentIndent is the indentation of the line that holds the list item
// on line j, -1 at the top.
func (s *yamlScan) parentIndent(j int) int {
	if k := s.parent(j); k >= 0 {
		return s.lines[k].indent
	}
	return -1
}

// parent is the entry line that holds the list item on line j, or -1.
func (s *yamlScan) parent(j int) int {
	d := s.lines[j].dashes[0]
	for k := j - 1; k >= 0; k-- {
		if b := &s.lines[k]; b.kind == lineEntry && b.indent < d {
			return k
		}
	}
	return -1
}

func (s *yamlScan) dashHint(i, j int) *yamlHint {
	l, a := &s.lines[i], &s.lines[j]
	do := fmt.Sprintf("indent it by %d spaces, like that item", a.dashes[0])
	switch a.dashes[0] {
	case 0:
		do = "remove the spaces before it"
	case 1:
		do = "indent it by 1 space, like that item"
	}
	return s.hint(i, l.indent, "this \"-\" is not lined up with the \"-\" of the list item on line %d: %s", s.num(j), do)
}

// expectedDash: in a list, a line that is neither an item nor lined up
// inside the item above.
func (s *yamlScan) expectedDash(i int) *yamlHint {
	l := &s.lines[i]
	if l.kind != lineEntry {
		return nil
	}
	for j := i - 1; j >= 0; j-- {
		a := &s.lines[j]
		if a.kind != lineEntry || len(a.dashes) == 0 {
			continue
		}
		if len(l.dashes) > 0 {
			if a.dashes[0] != l.indent {
				return s.dashHint(i, j)
			}
			return nil
		}
		if l.keyAt < 0 {
			return nil
		}
		if a.dashes[0] == 0 && l.indent == 0 {
			// The whole text is a list: the author wrote "- " before
			// the first key.
			k := 0
			for k < j && (s.lines[k].kind != lineEntry || len(s.lines[k].dashes) == 0) {
				k++
			}
			return s.hint(k, 0, "%s is keys and values, not a list: remove the \"- \" at the start of this line", s.doc)
		}
		return s.misaligned(i, j)
	}
	return nil
}

// strayLine: a line that is neither "key: value", a list item, nor
// indented under the key above as part of its value.
func (s *yamlScan) strayLine(i int) *yamlHint {
	l := &s.lines[i]
	if l.kind != lineEntry || len(l.dashes) > 0 || l.keyAt >= 0 {
		return nil
	}
	t := l.text
	body := t[l.indent:]
	if h := s.strayMark(i); h != nil {
		return h
	}
	if k := strings.TrimSpace(body); isKnownKey(k) {
		return s.hint(i, l.indent+len(k), "a colon is missing after %q: %s:", k, k)
	}
	// "date:2013-09-12": the colon is there, the space is not.
	if c := strings.IndexByte(body, ':'); c > 0 && c+1 < len(body) && body[c+1] != ' ' && isKnownKey(strings.ToLower(body[:c])) {
		v := strings.TrimSpace(body[c+1:])
		if plainStart(v) {
			v = clip(v, maxEcho)
		} else {
			v = yamlQuoted(v)
		}
		return s.hint(i, l.indent+c+1, "a space is missing after the colon: %s: %s", body[:c], v)
	}
	// "location Geneva": the colon is missing.
	if w, rest, ok := strings.Cut(body, " "); ok && isKnownKey(w) {
		return s.hint(i, l.indent+len(w), "a colon is missing after %q: %s: %s", w, w, clip(strings.TrimSpace(rest), maxEcho))
	}
	// "-b" in a list.
	if body[0] == '-' && len(body) > 1 {
		if p := s.prevEntry(i); p >= 0 && len(s.lines[p].dashes) > 0 {
			return s.hint(i, l.indent+1, "a list item needs a space after \"-\": - %s", clip(strings.TrimSpace(body[1:]), maxEcho))
		}
	}
	p := s.prevEntry(i)
	if p < 0 {
		return nil
	}
	a := &s.lines[p]
	switch {
	case len(a.dashes) > 0 && a.keyAt < 0 && (a.dashes[0] == l.indent || a.body == l.indent):
		// "  - IOM" then "  UNHCR".
		return s.hint(i, l.indent, "this line is neither a list item nor \"key: value\": to add an item, start it with \"- \": - %s", clip(strings.TrimSpace(body), maxEcho))
	case a.keyAt >= 0 && a.valAt >= 0 && strings.IndexByte("|>", a.text[a.valAt]) >= 0 && a.indent >= l.indent:
		// "summary: |" with the text below not indented.
		return s.hint(i, l.indent, "the text of a %q block must be indented under its key: indent this line by %d spaces", a.text[a.valAt:a.valAt+1], a.keyAt+2)
	case a.keyAt >= 0 && a.valAt >= 0 && s.plainValue(p) && utf8.RuneCountInString(a.text[:a.keyAt]) >= l.indent:
		return s.hint(i, l.indent, "this line is not \"key: value\": to continue the %s on line %d, indent it by %d spaces", clip(a.key, 40), s.num(p), a.keyAt+2)
	}
	return s.hint(i, l.indent, "this line is not \"key: value\": write a key, a colon and a space before the value")
}

// unclosedQuote: a quote left open on its line.
func (s *yamlScan) unclosedQuote(q *yamlQuote) *yamlHint {
	l := &s.lines[q.line]
	t := l.text
	inner := strings.TrimRight(t[q.at+1:], " ")
	if q.ch == '\'' && !q.inFlow && strings.HasSuffix(inner, "''") {
		// 'Women''s rights'' : the last two quotes are an apostrophe.
		at := q.at + 1 + len(inner) - 2
		return s.hint(q.line, at, "inside single quotes, '' is an apostrophe, so this %s is not closed: delete one of these two quotes: %s", what(l), clip(t[l.indent:at+1], maxEcho+40))
	}
	if q.inFlow {
		// In a [list], the item most likely ends at the next comma.
		if c := strings.IndexAny(inner, ",]}"); c >= 0 {
			inner = strings.TrimRight(inner[:c], " ")
		}
	}
	closed := string(q.ch) + clip(inner, maxEcho) + string(q.ch)
	if q.ch == '"' && firstBadEscape(inner) >= 0 {
		// Closed as it is, the text would stop at its backslash.
		closed = yamlSingle(inner)
	}
	line := clip(t[l.indent:q.at], 40) + closed
	if q.inFlow {
		rest := strings.TrimRight(t[q.at+1+len(inner):], " ")
		line = t[l.indent:q.at] + string(q.ch) + inner + string(q.ch) + rest
		if f := s.outerFlowAt(q.line, q.at); f != nil && f.closeLine != q.line && !strings.ContainsRune(rest, rune(closerOf(f.ch))) {
			line += string(closerOf(f.ch))
		}
		line = clip(line, maxEcho+20)
	}
	v := "value"
	if !q.inFlow {
		v = what(l)
	}
	return s.hint(q.line, q.at, "the quote that starts this %s is not closed on this line: %s", v, line)
}

func closerOf(ch byte) byte {
	if ch == '[' {
		return ']'
	}
	return '}'
}

func (s *yamlScan) outerFlowAt(i, p int) *yamlFlow {
	for _, f := range s.flows {
		if f.line < i || f.line == i && f.at < p {
			if f.closeLine < 0 || f.closeLine > i || f.closeLine == i && f.closeAt > p {
				return f
			}
		}
	}
	return nil
}

// textAfterQuote: a value quoted on one line, with text after its closing
// quote: an apostrophe or a double quote inside, or words after a quoted one.
func (s *yamlScan) textAfterQuote(i int, q *yamlQuote) *yamlHint {
	l := &s.lines[i]
	t := l.text
	end := len(strings.TrimRight(t, " "))
	last := strings.LastIndexByte(t[:end], q.ch)
	whole := t[q.at:end]
	switch {
	case q.ch == '\'' && q.after == q.closeAt+1 && isLetterBefore(t, q.closeAt) && isLetterAt(t, q.after):
		inner := t[q.at+1 : end]
		if last == end-1 && last > q.closeAt {
			inner = t[q.at+1 : last]
		}
		inner = strings.ReplaceAll(inner, "''", "'")
		double := fixed(l, "'"+clip(strings.ReplaceAll(inner, "'", "''"), maxEcho)+"'")
		if strings.ContainsAny(inner, "\"\\") {
			return s.hint(i, q.closeAt, "an apostrophe inside single quotes ends the quoted text: write it twice: %s", double)
		}
		return s.hint(i, q.closeAt, "an apostrophe inside single quotes ends the quoted text: use double quotes: %s, or write the apostrophe twice: %s", fixed(l, "\""+clip(inner, maxEcho)+"\""), double)
	case l.keyAt >= 0 && slices.Contains(yamlListKeys, l.key) && t[q.after] == ',':
		// organizers: "IOM", "UNHCR"
		list := strings.TrimSuffix(strings.TrimPrefix(whole, "["), "]")
		return s.hint(i, q.at, "a list written on one line goes in brackets: %s: [%s]", l.key, clip(list, maxEcho))
	case q.ch == '"' && last == end-1 && last > q.closeAt:
		inner := t[q.at+1 : last]
		return s.hint(i, q.closeAt, "a double quote inside double quotes ends the quoted text: put the %s in single quotes: %s, or write \\\" for each double quote inside", what(l), fixed(l, yamlSingle(inner)))
	}
	return s.hint(i, q.after, "text after the closing quote is not part of the %s: to keep the quotes, put the whole %s in quotes: %s", what(l), what(l), fixed(l, yamlQuoted(whole)))
}

func isLetterBefore(t string, p int) bool {
	r, _ := utf8.DecodeLastRuneInString(t[:p])
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

func isLetterAt(t string, p int) bool {
	r, _ := utf8.DecodeRuneInString(t[p:])
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

// textAfterFlow: a value that starts with [ or {, closed, then more text.
func (s *yamlScan) textAfterFlow(i int, f *yamlFlow) *yamlHint {
	l := &s.lines[i]
	t := l.text
	closer := t[f.closeAt]
	if rest := strings.TrimRight(t[f.after:], " "); rest[len(rest)-1] == closer && strings.Trim(rest, string(closer)) != "" {
		// [/o]ld/url/]: the list goes on after a bracket that ends it.
		return s.hint(i, f.closeAt, "this %q ends the list before its end: delete it", string(closer))
	}
	if l.keyAt >= 0 && slices.Contains(yamlListKeys, l.key) || strings.IndexByte(",]}", t[f.after]) >= 0 {
		r, _ := utf8.DecodeRuneInString(t[f.after:])
		return s.hint(i, f.after, "%q after the %q that ends the list: delete it", clip(string(r), 1), t[f.closeAt:f.closeAt+1])
	}
	return s.quoteAdvice(i, f.at, l, fmt.Sprintf("starts with %q", t[f.at:f.at+1]), strings.TrimSpace(t[f.at:]))
}

// flowProblem: a [list] or {map} without a comma between two items, with
// an empty item, or not closed.
func (s *yamlScan) flowProblem(i int) *yamlHint {
	var f *yamlFlow
	for _, g := range s.flows {
		if g.line <= i && (g.closeLine < 0 || g.closeLine >= i) {
			f = g
		}
	}
	if f == nil {
		return nil
	}
	o := &s.lines[f.line]
	kind := "list"
	if f.ch == '{' {
		kind = "map"
	}
	if f.line == i && o.keyAt >= 0 && o.valAt == f.at && isKnownKey(o.key) && !slices.Contains(yamlListKeys, o.key) && f.closeLine != i {
		return s.quoteAdvice(i, f.at, o, fmt.Sprintf("starts with %q", string(f.ch)), strings.TrimSpace(o.text[f.at:]))
	}
	for _, q := range s.quotes {
		// A quote left open in the list runs on to the next lines.
		if q.inFlow && q.line >= f.line && q.line <= i && q.closeLine != q.line && (f.closeLine < 0 || q.line <= f.closeLine) {
			return s.unclosedQuote(q)
		}
	}
	if f.missLine >= 0 && f.missLine <= i {
		m := &s.lines[f.missLine]
		at := f.missAt
		for at > 0 && m.text[at-1] == ' ' {
			at--
		}
		corrected := m.text[:at] + "," + m.text[at:]
		return s.hint(f.missLine, f.missAt, "a comma is missing between two items of the %s: %s", kind, clip(strings.TrimSpace(corrected[m.indent:]), maxEcho+20))
	}
	if f.dupLine >= 0 && f.dupLine <= i {
		return s.hint(f.dupLine, f.dupAt, "two commas with no item between them: delete one")
	}
	if f.closeLine != f.line {
		t := strings.TrimRight(o.text, " ")
		if c := strings.Index(t, " #"); c > f.at {
			t = strings.TrimRight(t[:c], " ")
		}
		t = strings.TrimSuffix(t, ",")
		closers := ""
		for _, g := range s.stackAtEnd(f, f.line) {
			closers = string(closerOf(g.ch)) + closers
		}
		return s.hint(f.line, f.at, "the %s opened with %q is not closed on this line: %s", kind, string(f.ch), clip(strings.TrimSpace(t[o.indent:])+closers, maxEcho+20))
	}
	return nil
}

// stackAtEnd lists the flows open at the end of line i, outermost first,
// f among them, by replaying the brackets of f's first line.
func (s *yamlScan) stackAtEnd(f *yamlFlow, i int) []*yamlFlow {
	t := s.lines[i].text
	var st []*yamlFlow
	var q byte
	for p := f.at; p < len(t); p++ {
		c := t[p]
		switch {
		case q != 0:
			if c == '\\' && q == '"' {
				p++
			} else if c == q {
				q = 0
			}
		case c == '#' && t[p-1] == ' ':
			p = len(t)
		case (c == '"' || c == '\'') && (strings.IndexByte("[{, ", t[p-1]) >= 0):
			q = c
		case c == '[' || c == '{':
			st = append(st, &yamlFlow{ch: c})
		case (c == ']' || c == '}') && len(st) > 0:
			st = st[:len(st)-1]
		}
	}
	return st
}

// badEscape: a backslash in double quotes that is not a YAML escape.
func (s *yamlScan) badEscape(i int) *yamlHint {
	for _, q := range s.quotes {
		if q.ch != '"' || q.line > i || q.closeLine >= 0 && q.closeLine < i {
			continue
		}
		for j := q.line; j <= i && j < len(s.lines); j++ {
			t := s.lines[j].text
			p := 0
			if j == q.line {
				p = q.at + 1
			}
			end := len(t)
			if j == q.closeLine {
				end = q.closeAt
			}
			for ; p < end; p++ {
				if t[p] != '\\' {
					continue
				}
				if p+1 < len(t) && validEscape(t[p+1:]) {
					p++
					continue
				}
				if p+1 == len(t) && j != q.closeLine {
					// A backslash that ends a line joins the next one.
					continue
				}
				l := &s.lines[q.line]
				seq := "\\"
				if p+1 < len(t) {
					r, _ := utf8.DecodeRuneInString(t[p+1:])
					seq += clip(string(r), 1)
				}
				v := what(l)
				if q.closeLine == q.line {
					v = fixed(l, yamlSingle(t[q.at+1:q.closeAt]))
					if q.inFlow {
						v = clip(strings.TrimSpace(t[l.indent:q.at]+yamlSingle(t[q.at+1:q.closeAt])+t[q.closeAt+1:]), maxEcho+20)
					}
					return s.hint(j, p, "a backslash inside double quotes starts an escape, and \"%s\" is not one: use single quotes: %s, or write \\\\ for each backslash", seq, v)
				}
				return s.hint(j, p, "a backslash inside double quotes starts an escape, and \"%s\" is not one: write \\\\ for each backslash, or put the %s in single quotes", seq, v)
			}
		}
	}
	return nil
}

// firstBadEscape finds the first backslash in t that starts no YAML
// escape, or -1.
func firstBadEscape(t string) int {
	for p := 0; p < len(t); p++ {
		if t[p] == '\\' {
			if p+1 < len(t) && validEscape(t[p+1:]) {
				p++
				continue
			}
			return p
		}
	}
	return -1
}

// validEscape says whether t (after a backslash) starts a YAML escape.
func validEscape(t string) bool {
	n := 0
	switch t[0] {
	case '0', 'a', 'b', 't', '\t', 'n', 'v', 'f', 'r', 'e', ' ', '"', '/', '\\', 'N', '_', 'L', 'P':
		return true
	case 'x':
		n = 2
	case 'u':
		n = 4
	case 'U':
		n = 8
	default:
		return false
	}
	if len(t) < n+1 {
		return false
	}
	for _, c := range []byte(t[1 : n+1]) {
		if !strings.ContainsRune("0123456789abcdefABCDEF", rune(c)) {
			return false
		}
	}
	return true
}

// reservedStart: a value that starts with a character YAML reserves.
func (s *yamlScan) reservedStart(i int) *yamlHint {
	l := &s.lines[i]
	if l.kind != lineEntry {
		return nil
	}
	p := l.valAt
	if p < 0 {
		return nil
	}
	t := l.text
	if f := s.flowAtValue(i); f != nil {
		return s.reservedItem(i, f)
	}
	c := t[p]
	if strings.IndexByte("@`%&*!|>?-]},", c) < 0 {
		return nil
	}
	if l.keyAt < 0 && len(l.dashes) == 0 {
		if h := s.strayMark(i); h != nil {
			return h
		}
	}
	start := string(c)
	if c == '-' || c == '?' {
		start += " "
	}
	value := strings.TrimSpace(t[p:])
	if c == '-' && l.keyAt >= 0 && slices.Contains(yamlListKeys, l.key) {
		items := strings.Split(strings.TrimSpace(t[p+1:]), " - ")
		first := strings.TrimSpace(items[0])
		for k, it := range items {
			items[k] = flowItem(strings.TrimSpace(it))
		}
		return s.hint(i, p, "a list cannot start on the line of its key: write %s: [%s], or each item on a line of its own below, as \"  - %s\"",
			l.key, clip(strings.Join(items, ", "), maxEcho), clip(first, maxEcho))
	}
	return s.quoteAdvice(i, p, l, fmt.Sprintf("starts with %q", start), value)
}

// strayMark: a line that starts with a character before a key ("*draft:
// false"), or a Markdown bullet ("* IOM") where YAML wants "- ".
func (s *yamlScan) strayMark(i int) *yamlHint {
	l := &s.lines[i]
	t := l.text
	c := t[l.indent]
	if strings.IndexByte("@`%&*!|>?-]},[{\\+", c) < 0 {
		return nil
	}
	rest := t[skipSpaces(t, l.indent+1):]
	if k := keyColon(rest, 0); k > 0 && isKnownKey(rest[:k]) {
		return s.hint(i, l.indent, "%q before the key %q: delete it, so that the line reads %s", string(c), rest[:k], clip(strings.TrimSpace(rest), maxEcho+20))
	}
	if (c == '*' || c == '+') && l.indent+1 < len(t) && t[l.indent+1] == ' ' {
		return s.hint(i, l.indent, "a list item starts with \"- \", not \"%c \": - %s", c, clip(strings.TrimSpace(rest), maxEcho))
	}
	return nil
}

// flowAtValue is the [list] or {map} that is the value of line i, if any.
func (s *yamlScan) flowAtValue(i int) *yamlFlow {
	l := &s.lines[i]
	for _, f := range s.flows {
		if f.line == i && f.at == l.valAt {
			return f
		}
	}
	return nil
}

// reservedItem: an item of a [list] that starts with a character YAML reserves.
func (s *yamlScan) reservedItem(i int, f *yamlFlow) *yamlHint {
	l := &s.lines[i]
	t := l.text
	start := true
	for p := f.at + 1; p < len(t); p++ {
		c := t[p]
		switch {
		case c == ' ':
			continue
		case c == '"' || c == '\'':
			if !start {
				break
			}
			if e := closingQuote(t, p+1, c); e > 0 {
				p = e
			} else {
				return nil
			}
		case c == '[' || c == '{' || c == ',':
			start = true
			continue
		case c == ']' || c == '}':
		case start && strings.IndexByte("@`%&*!|>", c) >= 0:
			e := p
			for e < len(t) && strings.IndexByte(",]}", t[e]) < 0 {
				e++
			}
			item := strings.TrimRight(t[p:e], " ")
			line := t[l.indent:p] + yamlQuoted(item) + t[p+len(item):]
			return s.hint(i, p, "an item that starts with %q must be in quotes: %s", string(c), clip(strings.TrimSpace(line), maxEcho+20))
		}
		start = false
	}
	return nil
}

// flowItem writes s as an item of a [list], quoted when it must be.
func flowItem(s string) string {
	if s == "" || strings.ContainsAny(s, ",[]{}#\"'") || strings.Contains(s, ": ") || strings.IndexByte("@`%&*!|>?-:", s[0]) >= 0 {
		return yamlQuoted(s)
	}
	return s
}

// yamlQuoted quotes a value the simplest way that keeps it as written:
// double quotes, or single quotes when it holds a double quote or a
// backslash. Long values are cut.
func yamlQuoted(v string) string {
	v = clip(v, maxEcho)
	if !strings.ContainsAny(v, "\"\\") {
		return "\"" + v + "\""
	}
	return yamlSingle(v)
}

func yamlSingle(v string) string {
	return "'" + strings.ReplaceAll(clip(v, maxEcho), "'", "''") + "'"
}

// clip cuts s to at most n characters, ending it with "…" when cut, and
// shows control characters (a tab, say) as U+FFFD rather than raw.
func clip(s string, n int) string {
	var b strings.Builder
	k := 0
	for _, r := range s {
		if k == n-1 && utf8.RuneCountInString(s) > n {
			b.WriteString("…")
			break
		}
		if unicode.IsControl(r) {
			r = utf8.RuneError
		}
		b.WriteRune(r)
		k++
	}
	return b.String()
}

// controlChar finds the first character YAML refuses in any text.
func controlChar(src []byte) *yamlHint {
	line, col := 1, 1
	for _, r := range string(src) {
		switch {
		case r == '\n':
			line, col = line+1, 1
			continue
		case r == '\t' || r == '\r' || r == 0x85 || r >= 0x20 && r <= 0x7e || r >= 0xa0 && r <= 0xd7ff || r >= 0xe000 && r <= 0xfffd || r >= 0x10000:
		default:
			return &yamlHint{line: line, col: col, msg: fmt.Sprintf("invisible control character U+%04X (often pasted from another program): delete it", r)}
		}
		col++
	}
	return nil
}
