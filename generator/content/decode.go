package content

import (
	"bytes"
	"fmt"
	"io"
	"path"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// decoder turns a yaml.Node tree into typed values, reporting every problem
// with its position in the original file rather than stopping at the first.
type decoder struct {
	path    string
	lineOff int // added to node lines: the line before the YAML text starts
	errs    *List
	// oneDoc says, for the error on a second YAML document, what the
	// text is: front matter or site.yaml.
	oneDoc string
	// aliased are the anchors some alias refers to: the alias is the
	// error there, and the anchor is not reported a second time.
	aliased map[string]bool
	// lang is the site's languages, for the names of site.yaml that
	// take a map by language (text.go); nil elsewhere.
	lang *langState
}

func (d *decoder) errorf(line, col int, format string, args ...any) {
	*d.errs = append(*d.errs, &Error{Path: d.path, Line: line + d.lineOff, Col: col, Msg: fmt.Sprintf(format, args...)})
}

func (d *decoder) nodeErr(n *yaml.Node, format string, args ...any) {
	d.errorf(n.Line, n.Column, format, args...)
}

// docName names the YAML text in messages: the front matter of a
// Markdown file, or the YAML file itself.
func (d *decoder) docName() string {
	if strings.HasSuffix(d.path, ".md") {
		return "the front matter"
	}
	return path.Base(d.path)
}

var yamlLineRE = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// parse decodes YAML text into a node tree. Syntax errors are mapped to the
// file's lines; tabs used for indentation get a message of their own because
// the parser's wording ("found character that cannot start any token") does
// not tell an author what to change.
func (d *decoder) parse(src []byte) *yaml.Node {
	if line, col, ok := tabIndent(src); ok {
		d.errorf(line, col, "tab used for indentation: YAML indents with spaces only")
		return nil
	}
	if line, col, r, ok := unicodeBreak(src); ok {
		d.errorf(line, col, "invisible line separator U+%04X (often pasted from a PDF or a word processor): YAML reads it as a line break; delete it", r)
		return nil
	}
	// A decoder rather than yaml.Unmarshal, which reads the first document
	// and silently drops the rest: a second one is an author's mistake.
	dec := yaml.NewDecoder(bytes.NewReader(src))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil && err != io.EOF {
		msg := err.Error()
		line := 1
		if m := yamlLineRE.FindStringSubmatch(msg); m != nil {
			line, _ = strconv.Atoi(m[1])
			msg = m[2]
		} else {
			msg = strings.TrimPrefix(msg, "yaml: ")
		}
		exact := false
		if l := firstFailingLine(src, err.Error()); l > 0 {
			line, exact = l, true
		}
		if h := explainYAML(src, d.docName(), d.lineOff, line, exact, msg); h != nil {
			d.errorf(h.line, h.col, "%s", h.msg)
			return nil
		}
		d.errorf(line, indentCol(src, line), "invalid YAML: %s", msg)
		return nil
	}
	if doc.Kind != 0 {
		var more yaml.Node
		if err := dec.Decode(&more); err != io.EOF {
			line, marker := docMarker(src)
			if line == 0 {
				line = max(1, more.Line)
			}
			if strings.HasPrefix(marker, "...") {
				d.errorf(line, 1, "%q ends the YAML document, and what follows it would be ignored: %s; delete this line", marker, d.oneDoc)
			} else {
				d.errorf(line, 1, "%q starts a second YAML document, which would be ignored: %s; delete this line", marker, d.oneDoc)
			}
			return nil
		}
	}
	if doc.Kind == 0 || len(doc.Content) == 0 {
		return &yaml.Node{Kind: yaml.MappingNode, Line: 1, Column: 1}
	}
	d.aliased = map[string]bool{}
	var walk func(n *yaml.Node)
	walk = func(n *yaml.Node) {
		if n.Kind == yaml.AliasNode {
			d.aliased[n.Value] = true
			return // an alias's target is walked where it is defined
		}
		for _, c := range n.Content {
			walk(c)
		}
	}
	walk(doc.Content[0])
	return doc.Content[0]
}

// docMarker finds the first line that ends a YAML document ("..." or
// "---" at the start of a line, alone or followed by a space) after the
// text has begun: a "---" before any key only opens the first document.
func docMarker(src []byte) (line int, marker string) {
	begun := false
	for i, l := range bytes.Split(src, []byte("\n")) {
		if begun && (isMarker(l, "---") || isMarker(l, "...")) {
			return i + 1, string(bytes.TrimRight(l, " \t"))
		}
		if t := bytes.TrimSpace(l); len(t) > 0 && t[0] != '#' && t[0] != '%' {
			begun = true
		}
	}
	return 0, "---"
}

func isMarker(l []byte, m string) bool {
	return bytes.HasPrefix(l, []byte(m)) && (len(l) == len(m) || l[len(m)] == ' ' || l[len(m)] == '\t')
}

// firstFailingLine finds the first line at which the YAML stops parsing
// with the same error. The parser's own line is often that of the
// enclosing construct (and counted from zero), which sends authors to the
// wrong line; parsing growing prefixes finds where the text actually breaks.
// It gives up (0) on long front matter, or when the prefixes parsed so far
// add up to 256 KB, to keep the cost bounded.
func firstFailingLine(src []byte, msg string) int {
	lines := bytes.SplitAfter(src, []byte("\n"))
	if len(lines) > 400 {
		return 0
	}
	end := 0
	budget := 256 << 10 // bytes parsed in all: the prefixes grow quadratically
	for k, l := range lines {
		end += len(l)
		if budget -= end; budget < 0 {
			return 0
		}
		var n yaml.Node
		if err := yaml.Unmarshal(src[:end], &n); err != nil && sameYAMLError(err.Error(), msg) {
			return k + 1
		}
	}
	return 0
}

func sameYAMLError(a, b string) bool {
	strip := func(s string) string {
		if m := yamlLineRE.FindStringSubmatch(s); m != nil {
			return m[2]
		}
		return s
	}
	return strip(a) == strip(b)
}

// indentCol is the column of the first non-blank character of a line.
func indentCol(src []byte, line int) int {
	lines := bytes.Split(src, []byte("\n"))
	if line < 1 || line > len(lines) {
		return 1
	}
	l := lines[line-1]
	return len(l) - len(bytes.TrimLeft(l, " ")) + 1
}

// unicodeBreak finds the first NEL, LINE SEPARATOR or PARAGRAPH SEPARATOR.
// YAML counts them as line breaks, editors (and this package) do not, so
// every position after one would be off; and in a value they silently
// become a line break.
func unicodeBreak(src []byte) (line, col int, r rune, ok bool) {
	for i, l := range bytes.Split(src, []byte("\n")) {
		if j := bytes.IndexFunc(l, func(r rune) bool { return r == '\u0085' || r == '\u2028' || r == '\u2029' }); j >= 0 {
			r, _ := utf8.DecodeRune(l[j:])
			return i + 1, utf8.RuneCount(l[:j]) + 1, r, true
		}
	}
	return 0, 0, 0, false
}

// tabIndent finds the first tab in a line's leading whitespace.
func tabIndent(src []byte) (line, col int, ok bool) {
	for i, l := range bytes.Split(src, []byte("\n")) {
		for j, c := range l {
			if c == '\t' {
				return i + 1, j + 1, true
			}
			if c != ' ' {
				break
			}
		}
	}
	return 0, 0, false
}

// mapping walks a mapping node, checking every key against known. Unknown
// keys are errors with a hint; fn is called for each known key. It
// returns the known keys already accounted for: given (even with a value
// refused, such as a YAML alias) or suggested for a misspelt key, so that
// a "required key is missing" would only repeat an error already reported.
func (d *decoder) mapping(n *yaml.Node, what string, known []string, fn func(key string, k, v *yaml.Node)) map[string]bool {
	given := map[string]bool{}
	if n.Kind == yaml.AliasNode {
		d.nodeErr(n, "YAML aliases (*%s) are not allowed here; write the value out", n.Value)
		return given
	}
	if n.Kind != yaml.MappingNode {
		d.nodeErr(n, "%s must be a map of keys to values, found %s", what, describe(n))
		return given
	}
	seen := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Kind != yaml.ScalarNode {
			d.nodeErr(k, "%s: keys must be plain words, found %s", what, describe(k))
			continue
		}
		key := k.Value
		if k.Value == "<<" {
			d.nodeErr(k, "YAML merge keys (<<) are not allowed; write the keys out")
			continue
		}
		if !contains(known, key) {
			h, near := hint(key, known)
			if near != "" {
				given[near] = true
			}
			d.nodeErr(k, "unknown key %q%s", key, h)
			continue
		}
		if seen[key] {
			d.nodeErr(k, "key %q is given twice", key)
			continue
		}
		seen[key] = true
		given[key] = true
		if v.Kind == yaml.AliasNode {
			d.nodeErr(v, "%s: YAML aliases (*%s) are not allowed; write the value out", key, v.Value)
			continue
		}
		if v.Tag == "!!null" && v.Value == "" && v.LineComment == "" {
			// "title: #MeToo": the parser hangs the comment on the key.
			v.LineComment = k.LineComment
		}
		fn(key, k, v)
	}
	return given
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// hint suggests the known key nearest to an unknown one, and returns it.
func hint(key string, known []string) (string, string) {
	lower := strings.ToLower(key)
	for _, k := range known {
		if k == lower {
			return fmt.Sprintf("; keys are lowercase: did you mean %q?", k), k
		}
	}
	best, bestD := "", 1<<30
	for _, k := range known {
		if dist := levenshtein(lower, k); dist < bestD {
			best, bestD = k, dist
		}
	}
	if best != "" && bestD <= max(2, len(best)/3) {
		return fmt.Sprintf("; did you mean %q?", best), best
	}
	s := append([]string(nil), known...)
	sort.Strings(s)
	return "; known keys: " + strings.Join(s, ", "), ""
}

func levenshtein(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

func describe(n *yaml.Node) string {
	switch n.Kind {
	case yaml.SequenceNode:
		return "a list"
	case yaml.MappingNode:
		return "a map"
	case yaml.AliasNode:
		return "an alias"
	case yaml.ScalarNode:
		if n.Tag == "!!null" {
			return "nothing"
		}
		return fmt.Sprintf("%q", n.Value)
	}
	return "something else"
}

// str decodes a scalar as text. Numbers and booleans are accepted as their
// literal spelling, so that a title like 2030 needs no quotes.
func (d *decoder) str(key string, v *yaml.Node) (string, bool) {
	// Text YAML would take for something else, and drop without a word.
	switch {
	case v.Anchor != "" && !d.aliased[v.Anchor]:
		d.nodeErr(v, "%s: a value that starts with \"&\" must be in quotes: YAML takes &%s for an anchor and drops it (%s: \"&%s …\")", key, v.Anchor, key, v.Anchor)
		return "", false
	case strings.HasPrefix(v.Tag, "!") && !strings.HasPrefix(v.Tag, "!!"):
		d.nodeErr(v, "%s: a value that starts with \"!\" must be in quotes: YAML takes %s for a type tag and drops it (%s: \"%s …\")", key, v.Tag, key, v.Tag)
		return "", false
	case v.Kind == yaml.ScalarNode && v.Tag == "!!null" && v.Value == "" && len(v.LineComment) > 1 && v.LineComment[1] != ' ':
		// "#MeToo", not "# required": a comment has a space after "#".
		d.nodeErr(v, "%s: a value that starts with \"#\" must be in quotes: YAML reads it as a comment and the %s as empty (%s: \"%s\")", key, key, key, cut(v.LineComment, 60))
		return "", false
	}
	if v.Kind != yaml.ScalarNode || v.Tag == "!!null" {
		d.nodeErr(v, "%s: expected text, found %s", key, describe(v))
		return "", false
	}
	return v.Value, true
}

func (d *decoder) text(key string, v *yaml.Node, max int) (string, bool) {
	s, ok := d.str(key, v)
	if !ok {
		return "", false
	}
	s = strings.TrimSpace(s)
	if s == "" {
		d.nodeErr(v, "%s is empty", key)
		return "", false
	}
	if max > 0 && len([]rune(s)) > max {
		d.nodeErr(v, "%s is %d characters long; the limit is %d", key, len([]rune(s)), max)
		return "", false
	}
	return s, true
}

func (d *decoder) strList(key string, v *yaml.Node) []string {
	out, _ := d.strListPos(key, v)
	return out
}

// strListPos decodes a list of text as strList does, with the position
// of each item kept.
func (d *decoder) strListPos(key string, v *yaml.Node) ([]string, []Position) {
	if v.Kind == yaml.ScalarNode && v.Tag != "!!null" {
		d.nodeErr(v, "%s: expected a list, found %s; write [%s]", key, describe(v), v.Value)
		return nil, nil
	}
	if v.Kind != yaml.SequenceNode {
		if v.Tag == "!!null" {
			return nil, nil
		}
		d.nodeErr(v, "%s: expected a list, found %s", key, describe(v))
		return nil, nil
	}
	var out []string
	var pos []Position
	for _, it := range v.Content {
		if it.Kind == yaml.AliasNode {
			d.nodeErr(it, "%s: YAML aliases (*%s) are not allowed; write the value out", key, it.Value)
			continue
		}
		if s, ok := d.text(key+" item", it, 200); ok {
			out = append(out, s)
			pos = append(pos, Position{Line: it.Line + d.lineOff, Col: it.Column})
		}
	}
	return out, pos
}

func (d *decoder) boolean(key string, v *yaml.Node) bool {
	if v.Kind == yaml.ScalarNode && v.Tag == "!!bool" {
		b, _ := strconv.ParseBool(strings.ToLower(v.Value))
		return b
	}
	d.nodeErr(v, "%s: expected true or false, found %s", key, describe(v))
	return false
}

func (d *decoder) integer(key string, v *yaml.Node) int {
	if v.Kind == yaml.ScalarNode && v.Tag == "!!int" {
		i, err := strconv.Atoi(v.Value)
		if err == nil {
			return i
		}
	}
	d.nodeErr(v, "%s: expected a whole number, found %s", key, describe(v))
	return 0
}

var dateRE = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)

func (d *decoder) date(key string, v *yaml.Node) (time.Time, bool) {
	if v.Kind != yaml.ScalarNode || v.Tag == "!!null" {
		d.nodeErr(v, "%s: expected a date (YYYY-MM-DD), found %s", key, describe(v))
		return time.Time{}, false
	}
	s := strings.TrimSpace(v.Value)
	if !dateRE.MatchString(s) {
		d.nodeErr(v, "%s: %q is not a date; write it as YYYY-MM-DD, e.g. 2013-09-12", key, s)
		return time.Time{}, false
	}
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		d.nodeErr(v, "%s: %q is not a real day of the calendar", key, s)
		return time.Time{}, false
	}
	return t, true
}

// cut shortens s to at most n characters, marking the cut with "…".
func cut(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}
