package content

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// Severity tells whether a problem stops the build or only deserves attention.
type Severity int

const (
	// SeverityError stops the build: nothing is written.
	SeverityError Severity = iota
	// SeverityWarning is reported by check but never stops a build.
	SeverityWarning
)

// String returns "error" or "warning", as printed after the position.
func (s Severity) String() string {
	if s == SeverityWarning {
		return "warning"
	}
	return "error"
}

// Error is one problem in one content file, with the position an editor can jump to.
// Line and Col are 1-based; 0 means the whole file (or line).
type Error struct {
	Path     string // slash-separated, relative to the content folder's parent (e.g. "content/x.md")
	Line     int
	Col      int
	Severity Severity
	Msg      string
}

// Error formats the problem as path:line:col: message, the form compilers and editors understand.
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.Path)
	if e.Line > 0 {
		fmt.Fprintf(&b, ":%d", e.Line)
		if e.Col > 0 {
			fmt.Fprintf(&b, ":%d", e.Col)
		}
	}
	b.WriteString(": ")
	if e.Severity == SeverityWarning {
		b.WriteString("warning: ")
	}
	b.WriteString(e.Msg)
	return b.String()
}

// List is every problem found in one run. A build reports all of them at once
// rather than stopping at the first, so an author fixes a file in one pass.
type List []*Error

// Error joins the problems one per line, in the list's order (Sort and
// Err sort it).
func (l List) Error() string {
	s := make([]string, len(l))
	for i, e := range l {
		s[i] = e.Error()
	}
	return strings.Join(s, "\n")
}

// Sort orders the problems by path, line and column, so output is stable
// whatever order the files were read in.
func (l List) Sort() {
	slices.SortStableFunc(l, func(a, b *Error) int {
		return cmp.Or(strings.Compare(a.Path, b.Path), cmp.Compare(a.Line, b.Line), cmp.Compare(a.Col, b.Col), strings.Compare(a.Msg, b.Msg))
	})
}

// Errors returns only the problems of error severity.
func (l List) Errors() List {
	var out List
	for _, e := range l {
		if e.Severity == SeverityError {
			out = append(out, e)
		}
	}
	return out
}

// Err returns the list as an error when it holds at least one error-severity
// problem, and nil otherwise (warnings alone never fail a build).
func (l List) Err() error {
	errs := l.Errors()
	if len(errs) == 0 {
		return nil
	}
	errs.Sort()
	return errs
}
