package content

import (
	"bytes"
	"cmp"
	"encoding/json"
	"slices"
	"strconv"
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
	Path string // slash-separated, relative to the content folder's parent (e.g. "content/x.md")
	Line int
	// Col counts characters (Unicode code points) from the start of the
	// line, as editors count them and as the YAML decoder does, never
	// bytes: every producer converts (markdown.Link.Col is in characters
	// too), so that the overlay's caret and an editor's cursor land on
	// the same character whatever the line holds before it.
	Col      int
	Severity Severity
	Msg      string
}

// Position returns where the problem is as path:line:col, leaving out a
// line or column of 0: the form compilers and editors understand.
func (e *Error) Position() string {
	var b strings.Builder
	b.WriteString(e.Path)
	if e.Line > 0 {
		b.WriteString(":" + strconv.Itoa(e.Line))
		if e.Col > 0 {
			b.WriteString(":" + strconv.Itoa(e.Col))
		}
	}
	return b.String()
}

// Error formats the problem as path:line:col: message (warning: before
// the message of a warning), as build prints it.
func (e *Error) Error() string {
	s := e.Position() + ": "
	if e.Severity == SeverityWarning {
		s += "warning: "
	}
	return s + e.Msg
}

// Format is a way to write problems, one a line: the forms archive
// check prints, which its --format flag names.
type Format string

const (
	// FormatText is path:line:col: severity: message.
	FormatText Format = "text"
	// FormatJSON is one JSON object a line: {"path", "line", "col",
	// "severity", "message"}, line and col 0 when the problem concerns
	// the whole file or line. Strings decode to the file names and
	// messages as they are.
	FormatJSON Format = "json"
	// FormatGitHub is a GitHub Actions workflow command, which a pull
	// request shows as an annotation on the line:
	// ::severity file=path,line=N,col=N::message, escaped the way the
	// runner decodes it, so that a file name or a message can neither
	// end the command nor start another.
	FormatGitHub Format = "github"
)

// ProblemFormats lists every Format, in the order help text names them.
var ProblemFormats = []Format{FormatText, FormatJSON, FormatGitHub}

// AppendFormat appends the problem written in format f, and a newline,
// to dst. An unknown format is written as FormatText. What a terminal
// would act on (escape sequences in a file name) is left to the caller,
// which knows where the line goes.
func (e *Error) AppendFormat(dst []byte, f Format) []byte {
	switch f {
	case FormatJSON:
		var b bytes.Buffer
		enc := json.NewEncoder(&b)
		enc.SetEscapeHTML(false)
		_ = enc.Encode(jsonProblem{Path: e.Path, Line: e.Line, Col: e.Col, Severity: e.Severity.String(), Message: e.Msg})
		return append(dst, b.Bytes()...)
	case FormatGitHub:
		dst = append(dst, "::"+e.Severity.String()+" file="+githubProperty.Replace(e.Path)...)
		if e.Line > 0 {
			dst = append(dst, ",line="+strconv.Itoa(e.Line)...)
			if e.Col > 0 {
				dst = append(dst, ",col="+strconv.Itoa(e.Col)...)
			}
		}
		return append(dst, "::"+githubData.Replace(e.Msg)+"\n"...)
	}
	return append(dst, e.Position()+": "+e.Severity.String()+": "+e.Msg+"\n"...)
}

// jsonProblem is a problem as FormatJSON writes it.
type jsonProblem struct {
	Path     string `json:"path"`
	Line     int    `json:"line"`
	Col      int    `json:"col"`
	Severity string `json:"severity"`
	Message  string `json:"message"`
}

var (
	// githubData escapes a workflow command's message.
	githubData = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A")
	// githubProperty escapes a property value, where ":" and "," are
	// separators.
	githubProperty = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C")
)

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
