package markdown

import (
	"bytes"
	"fmt"
)

// MaxNesting is how many block quotes and list items Render accepts opened
// on one line; no real document comes near it.
const MaxNesting = 100

// MaxTableColumns is how many columns Render accepts in a table.
const MaxTableColumns = 100

// MaxInlineMarkers is how many emphasis and link markers (* _ ~ [ ]) Render
// accepts in one paragraph. goldmark matches delimiters in time that grows
// with the square of their number in a paragraph; a real paragraph has a
// few dozen, and this bound keeps the worst case to a fraction of a second.
const MaxInlineMarkers = 2000

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

// checkLimits rejects the shapes that cost goldmark far more than their
// size: paragraphs crowded with emphasis or link markers, many containers opened on one line (each costs time proportional to
// the line so far, quadratic in all), and tables with a great many columns
// (every row is padded to the header's width, so a few bytes per row turn
// into megabytes of cells). It looks at lines only, without parsing, so it
// may also count markers inside a code block; at these sizes that is no loss.
func checkLimits(src []byte) error {
	markers, paraStart := 0, 1
	for n := 1; len(src) > 0; n++ {
		line := src
		if i := bytes.IndexByte(src, '\n'); i >= 0 {
			line, src = src[:i], src[i+1:]
		} else {
			src = nil
		}
		if len(bytes.TrimSpace(line)) == 0 {
			markers, paraStart = 0, n+1
		} else {
			for _, c := range line {
				switch c {
				case '*', '_', '~', '[', ']':
					markers++
				}
			}
			if markers > MaxInlineMarkers {
				return &LimitError{Line: paraStart, What: fmt.Sprintf("paragraph has too many emphasis or link markers (more than %d); split it", MaxInlineMarkers)}
			}
		}
		if d := lineNesting(line); d > MaxNesting {
			return &LimitError{Line: n, What: fmt.Sprintf("nested too deeply (more than %d levels)", MaxNesting)}
		}
		if c := delimiterRowCells(line); c > MaxTableColumns {
			return &LimitError{Line: n, What: fmt.Sprintf("table too wide (more than %d columns)", MaxTableColumns)}
		}
	}
	return nil
}

// lineNesting counts the block quote and list markers that open line.
func lineNesting(line []byte) int {
	if isThematicBreak(line) {
		return 0 // "- - - -" is a rule, not nested lists
	}
	depth := 0
	i := 0
	for {
		for i < len(line) && (line[i] == ' ' || line[i] == '\t') {
			i++
		}
		if i >= len(line) {
			return depth
		}
		switch c := line[i]; {
		case c == '>':
			i++
		case (c == '-' || c == '+' || c == '*') && i+1 < len(line) && (line[i+1] == ' ' || line[i+1] == '\t'):
			i += 2
		case '0' <= c && c <= '9':
			j := i
			for j < len(line) && j-i < 9 && '0' <= line[j] && line[j] <= '9' {
				j++
			}
			if j+1 < len(line) && (line[j] == '.' || line[j] == ')') && (line[j+1] == ' ' || line[j+1] == '\t') {
				i = j + 2
			} else {
				return depth
			}
		default:
			return depth
		}
		depth++
	}
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
