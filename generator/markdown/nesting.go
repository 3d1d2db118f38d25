package markdown

import (
	"bytes"
	"fmt"
)

// MaxNesting is how many block quotes and list items Render accepts around
// one line, whether opened on that line ("> > - x") or by indentation over
// many lines; no real document comes near it.
const MaxNesting = 100

// MaxNestedLines is how many lines Render accepts inside lists and block
// quotes, a line counting once for every list item and block quote around
// it. goldmark visits every open container on every line and keeps a record
// of each visit until the outermost one closes: about 1.2 KB per list item
// and 270 bytes per level of nesting. A long honest list has a few thousand
// lines nested two or three deep; at the limit, a record spends about 24 MB
// on its lists.
const MaxNestedLines = 20000

// MaxTableCells is how many table cells Render accepts in one document,
// counting every row as wide as its table's header: goldmark pads a short
// row with empty cells, and spends about 600 bytes on each. 20,000 cells
// is 2,000 rows of 10 columns, and about 12 MB.
const MaxTableCells = 20000

// MaxTableColumns is how many columns Render accepts in a table.
const MaxTableColumns = 100

// MaxInlineMarkers is how many emphasis and link markers (* _ ~ [ ]) Render
// accepts in one paragraph. goldmark matches delimiters in time that grows
// with the square of their number in a paragraph; a real paragraph has a
// few dozen, and this bound keeps the worst case to a fraction of a second.
const MaxInlineMarkers = 2000

// MaxLines is how many lines Render accepts in one document. goldmark
// spends about 550 bytes on each line it parses into a block, so a file
// of short lines costs far more than its size: 500,000 lines of one letter
// (1 MB) took 270 MB. 50,000 lines is a book of some 800 pages, and about
// 27 MB at worst.
const MaxLines = 50000

// MaxRecordMarkers is how many emphasis and link markers (* _ ~ [ ])
// Render accepts in one document, across its paragraphs: each makes a node
// of about a kilobyte, however small the paragraph. A long report with a
// link in every sentence has a few thousand; at the limit the nodes take
// about 40 MB.
const MaxRecordMarkers = 40000

// LimitError reports a document whose shape Render refuses, with the line
// at which it goes too far.
type LimitError struct {
	Line int    // 1-based line in the source
	What string // what is too large, as a phrase
}

// Error returns the message, "markdown <what> at line <n>".
func (e *LimitError) Error() string {
	return fmt.Sprintf("markdown %s at line %d", e.What, e.Line)
}

// checkLimits rejects, before parsing, the shapes that cost goldmark far
// more than their size:
//   - paragraphs crowded with emphasis or link markers (time quadratic in
//     their number);
//   - lines nested in many containers, opened on the line or by indentation
//     (goldmark measures the line's indentation again for every container,
//     so time grows with the square of the depth), and long stretches of
//     nested lines (memory for every container on every line);
//   - tables with a great many columns or cells (every row is padded to the
//     header's width, so a few bytes per row turn into megabytes of cells);
//   - documents of very many lines or markers, which cost goldmark about a
//     kilobyte each however short they are.
//
// It looks at lines only, without parsing, and so counts generously: it
// may take a line of a code block for a list item or a table row. At these
// limits that is no loss to a real document.
func checkLimits(src []byte) error {
	var s lineScan
	for n := 1; len(src) > 0; n++ {
		line := src
		if i := bytes.IndexByte(src, '\n'); i >= 0 {
			line, src = src[:i], src[i+1:]
		} else {
			src = nil
		}
		if err := s.line(n, line); err != nil {
			return err
		}
	}
	return nil
}

// lineScan is the state of checkLimits between lines.
type lineScan struct {
	prev      []byte // the previous line
	prevBlank bool   // it was blank (true before the first line)
	started   bool

	markers, paraStart int    // markers in the current paragraph, and its first line
	allMarkers         int    // markers in the whole document, code blocks aside
	fence              []byte // the fence of the code block open at the top level, or nil

	items     []int // content columns of the list items open, outermost first
	nested    int   // lines so far, each counted once per container
	runStart  int   // first line of the current stretch of nested lines
	lastDepth int   // containers around the last non-blank line

	cells     int // table cells so far
	tableCols int // columns of the table being read, 0 outside one
	tableLine int // its header line
}

func (s *lineScan) line(n int, line []byte) error {
	if !s.started {
		s.started, s.prevBlank, s.paraStart = true, true, 1
	}
	if n > MaxLines {
		return &LimitError{Line: n, What: fmt.Sprintf("document too long (more than %d lines); split the record, or link to the full text as a document", MaxLines)}
	}
	blank := len(bytes.TrimSpace(line)) == 0
	if blank {
		s.markers, s.paraStart = 0, n+1
	} else {
		before := s.markers
		for _, c := range line {
			switch c {
			case '*', '_', '~', '[', ']':
				s.markers++
			}
		}
		if s.markers > MaxInlineMarkers {
			return &LimitError{Line: s.paraStart, What: fmt.Sprintf("paragraph has too many emphasis or link markers (more than %d); split it", MaxInlineMarkers)}
		}
		// In a fenced code block markers make no nodes: they do not
		// count towards the document's. Only fences goldmark sees at the
		// top level are recognized; elsewhere the markers count, which
		// errs on the safe side.
		if f := codeFence(line); s.fence == nil && f != nil {
			s.fence = f
		} else if s.fence != nil {
			if f != nil && f[0] == s.fence[0] && len(f) >= len(s.fence) && len(bytes.TrimSpace(line)) == len(f) {
				s.fence = nil
			}
		} else if s.allMarkers += s.markers - before; s.allMarkers > MaxRecordMarkers {
			return &LimitError{Line: n, What: fmt.Sprintf("document has too many emphasis or link markers (more than %d in all); split the record", MaxRecordMarkers)}
		}
	}

	if err := s.table(n, line); err != nil {
		return err
	}

	depth := len(s.items) // a blank line revisits the open list items
	if !blank {
		depth = s.nest(line)
		s.lastDepth = depth
		if depth > MaxNesting {
			return &LimitError{Line: n, What: fmt.Sprintf("nested too deeply (more than %d levels)", MaxNesting)}
		}
	}
	switch {
	case depth == 0 && !blank:
		s.runStart = 0
	case depth > 0 && s.runStart == 0:
		s.runStart = n
	}
	s.nested += depth
	if s.nested > MaxNestedLines {
		return &LimitError{Line: s.runStart, What: fmt.Sprintf("lists and block quotes too long (more than %d lines in them, a line counting once for each list or quote around it); split the record or flatten the lists", MaxNestedLines)}
	}
	s.prev, s.prevBlank = line, blank
	return nil
}

// table counts the cells of tables: a delimiter row (|---|:--:|) under a
// header starts a table, which runs to the next blank line.
func (s *lineScan) table(n int, line []byte) error {
	if s.tableCols > 0 {
		if len(bytes.Trim(line, " \t>")) == 0 {
			s.tableCols = 0
			return nil
		}
		s.cells += s.tableCols
		return s.checkCells()
	}
	c := delimiterRowCells(line)
	if c > MaxTableColumns {
		return &LimitError{Line: n, What: fmt.Sprintf("table too wide (more than %d columns)", MaxTableColumns)}
	}
	// A table needs a header row above, and a pipe in one of the two
	// rows; without, "---" under a paragraph makes a heading.
	if c > 0 && !s.prevBlank && (bytes.IndexByte(line, '|') >= 0 || bytes.IndexByte(s.prev, '|') >= 0) {
		s.tableCols, s.tableLine = c, n-1
		s.cells += c // the header
		return s.checkCells()
	}
	return nil
}

func (s *lineScan) checkCells() error {
	if s.cells > MaxTableCells {
		return &LimitError{Line: s.tableLine, What: fmt.Sprintf("tables too large (more than %d cells in this record, a row counting as many cells as its table has columns); split the table or the record", MaxTableCells)}
	}
	return nil
}

// nest follows the list items that a non-blank line closes and opens,
// from its indentation and markers, and returns how many list items and
// block quotes it sits in.
//
// It follows CommonMark loosely: a line keeps the items whose content
// starts at or before its first character, and opens one for every list
// marker at its start; a line right after a non-blank one, unless it
// starts a list item, may be a lazy continuation and closes nothing. It
// errs towards counting too many, never too few.
func (s *lineScan) nest(line []byte) int {
	// The first character that is not indentation or a quote marker.
	i, col := 0, 0
	for i < len(line) && (line[i] == ' ' || line[i] == '\t' || line[i] == '>') {
		col = nextCol(col, line[i])
		i++
	}
	if s.prevBlank || listMarkerLen(line[i:]) > 0 {
		for len(s.items) > 0 && s.items[len(s.items)-1] > col {
			s.items = s.items[:len(s.items)-1]
		}
	}
	rule := isThematicBreak(line[i:]) // "- - -" is a rule, not nested lists

	quotes := 0
	base := 0 // where a list marker may start, give or take 3 columns
	if len(s.items) > 0 {
		base = s.items[len(s.items)-1]
	}
	i, col = 0, 0
	for len(s.items)+quotes <= MaxNesting {
		for i < len(line) && (line[i] == ' ' || line[i] == '\t') {
			col = nextCol(col, line[i])
			i++
		}
		if i >= len(line) {
			break
		}
		if line[i] == '>' {
			quotes++
			i++
			col++
			base = col + 1
			continue
		}
		m := listMarkerLen(line[i:])
		if m == 0 || rule || col-base >= 4 { // 4 columns in: code, not a list
			break
		}
		i += m
		col += m
		// The item's content starts after 1 to 4 spaces, or 1 if there are
		// more or none.
		c, j := col, i
		for j < len(line) && (line[j] == ' ' || line[j] == '\t') && c-col < 5 {
			c = nextCol(c, line[j])
			j++
		}
		if c-col == 0 || c-col > 4 || j == len(line) {
			c = col + 1
		}
		s.items = append(s.items, c)
		base = c
	}
	return len(s.items) + quotes
}

// nextCol returns the column after c at column col: tabs stop every 4.
func nextCol(col int, c byte) int {
	if c == '\t' {
		return col + 4 - col%4
	}
	return col + 1
}

// listMarkerLen returns the length of the list marker that starts b ("-",
// "+", "*", "1." or "1)", followed by a space, a tab or the end of the
// line), or 0 if b starts with none.
func listMarkerLen(b []byte) int {
	n := 0
	switch {
	case len(b) == 0:
		return 0
	case b[0] == '-' || b[0] == '+' || b[0] == '*':
		n = 1
	default:
		for n < len(b) && n < 9 && '0' <= b[n] && b[n] <= '9' {
			n++
		}
		if n == 0 || n >= len(b) || (b[n] != '.' && b[n] != ')') {
			return 0
		}
		n++
	}
	if n < len(b) && b[n] != ' ' && b[n] != '\t' {
		return 0
	}
	return n
}

func isThematicBreak(line []byte) bool {
	var mark byte
	count := 0
	for _, c := range line {
		switch c {
		case ' ', '\t':
		case '-', '*', '_':
			if mark != 0 && c != mark {
				return false
			}
			mark = c
			count++
		default:
			return false
		}
	}
	return count >= 3
}

// delimiterRowCells returns the number of cells of line if it looks like
// the delimiter row under a table header (|---|:--:|), else 0.
func delimiterRowCells(line []byte) int {
	line = bytes.TrimLeft(line, " \t>") // a table may sit in a block quote
	line = bytes.TrimRight(line, " \t")
	pipes, dash := 0, false
	for _, c := range line {
		switch c {
		case '|':
			pipes++
		case '-':
			dash = true
		case ':', ' ', '\t':
		default:
			return 0
		}
	}
	if !dash {
		return 0
	}
	cells := pipes + 1
	if line[0] == '|' {
		cells--
	}
	if len(line) > 1 && line[len(line)-1] == '|' {
		cells--
	}
	return cells
}

// codeFence returns the run of backticks or tildes that opens or closes a
// fenced code block on line at the top level (indented by 3 spaces at
// most), or nil.
func codeFence(line []byte) []byte {
	i := 0
	for i < len(line) && i < 3 && line[i] == ' ' {
		i++
	}
	j := i
	for j < len(line) && j-i < 1<<10 && (line[j] == '`' || line[j] == '~') && line[j] == line[i] {
		j++
	}
	if j-i < 3 {
		return nil
	}
	if line[i] == '`' && bytes.IndexByte(line[j:], '`') >= 0 {
		return nil // a backtick fence's info string has none
	}
	return line[i:j]
}
