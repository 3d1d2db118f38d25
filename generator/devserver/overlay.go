package devserver

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/iom-cso/archive/generator"
	"github.com/iom-cso/archive/generator/content"
)

// failure is a failed build as the overlay shows it.
type failure struct {
	Build  string    `json:"build"` // the build still served
	Errors []problem `json:"errors"`
	More   int       `json:"more,omitempty"` // problems not listed
}

// problem is one error, with the lines of its file around it.
type problem struct {
	Path  string    `json:"path,omitempty"`
	Line  int       `json:"line,omitempty"`
	Col   int       `json:"col,omitempty"`
	Msg   string    `json:"msg"`
	Lines []srcLine `json:"lines,omitempty"`
}

// srcLine is one line of a file; Mark is set on the offending one.
type srcLine struct {
	N    int    `json:"n"`
	Text string `json:"text"`
	Mark bool   `json:"mark,omitempty"`
}

const (
	maxProblems   = 20  // listed in the overlay and the terminal
	contextBefore = 3   // lines shown before the offending one
	contextAfter  = 2   // and after it
	maxLineLen    = 240 // longer lines are cut
)

// describe turns a build error into what the overlay shows, reading the
// offending lines from the content folder.
func (s *Server) describe(err error) *failure {
	f := &failure{}
	if snap := s.site.Load(); snap != nil {
		f.Build = snap.id
	}
	var list content.List
	var themeErr *generator.ThemeError
	switch {
	case errors.As(err, &list):
		for i, e := range list {
			if i == maxProblems {
				f.More = len(list) - i
				break
			}
			p := problem{Path: e.Path, Line: e.Line, Col: e.Col, Msg: e.Msg}
			if e.Severity == content.SeverityWarning {
				p.Msg = "warning: " + p.Msg
			}
			p.Lines = s.sourceLines(e.Path, e.Line)
			f.Errors = append(f.Errors, p)
		}
	case errors.As(err, &themeErr):
		f.Errors = []problem{s.themeProblem(themeErr.Error())}
	default:
		f.Errors = []problem{{Msg: err.Error()}}
	}
	return f
}

// sourceLines returns the lines around line of the content file at p
// ("content/x.md"), or nil when p is not in the content folder.
func (s *Server) sourceLines(p string, line int) []srcLine {
	rel, ok := strings.CutPrefix(p, s.cfg.ContentDir+"/")
	if !ok || line <= 0 || !fs.ValidPath(rel) || s.cfg.Content == nil {
		return nil
	}
	data, err := fs.ReadFile(s.cfg.Content, rel)
	if err != nil {
		return nil
	}
	return linesAround(data, line)
}

// linesAround returns the lines of data around line, that one marked.
func linesAround(data []byte, line int) []srcLine {
	lines := bytes.Split(data, []byte("\n"))
	if line > len(lines) {
		return nil
	}
	var out []srcLine
	for n := max(1, line-contextBefore); n <= min(len(lines), line+contextAfter); n++ {
		text := strings.ToValidUTF8(strings.TrimRight(string(lines[n-1]), "\r"), "\uFFFD")
		text = strings.ReplaceAll(text, "\t", "    ")
		if utf8.RuneCountInString(text) > maxLineLen {
			text = string([]rune(text)[:maxLineLen]) + "…"
		}
		out = append(out, srcLine{N: n, Text: text, Mark: n == line})
	}
	return out
}

// templatePos finds the template and line in html/template's messages:
// "template: event:12: …" or "template: event.html:12:5: executing …".
var templatePos = regexp.MustCompile(`template: ([\w./-]+):(\d+)(?::(\d+))?:`)

// themeProblem describes a theme error; when the theme is a folder and the
// message names a layout and line, with the layout's lines around it.
func (s *Server) themeProblem(msg string) problem {
	p := problem{Path: "theme", Msg: msg}
	m := templatePos.FindStringSubmatch(msg)
	s.mu.Lock()
	name := s.themeName
	s.mu.Unlock()
	if m == nil || name == "" || s.opts.ThemeDir == nil || strings.Contains(m[1], "..") {
		return p
	}
	dir := s.opts.ThemeDir(name)
	if dir == "" {
		return p
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		return p
	}
	defer root.Close()
	line, _ := strconv.Atoi(m[2])
	col, _ := strconv.Atoi(m[3])
	for _, rel := range []string{"layouts/" + m[1], "layouts/" + m[1] + ".html", "layouts/partials/" + m[1], "layouts/partials/" + m[1] + ".html"} {
		data, err := fs.ReadFile(root.FS(), rel)
		if err != nil {
			continue
		}
		p.Path = s.displayPaths([]string{filepath.Join(dir, filepath.FromSlash(rel))})[0]
		p.Line, p.Col = line, col // in characters: the theme counts them so
		p.Lines = linesAround(data, line)
		break
	}
	return p
}

// printFailure writes f to the terminal the way the overlay shows it.
func (s *Server) printFailure(f *failure, changed []string) {
	var b strings.Builder
	if len(changed) > 0 {
		fmt.Fprintf(&b, "archive: %s changed; the build failed:\n", summarize(changed))
	} else {
		b.WriteString("archive: the build failed:\n")
	}
	for _, p := range f.Errors {
		b.WriteString(p.String())
		b.WriteByte('\n')
		width := len(fmt.Sprint(p.Line + contextAfter))
		for _, l := range p.Lines {
			mark := " "
			if l.Mark {
				mark = ">"
			}
			fmt.Fprintf(&b, "  %s %*d | %s\n", mark, width, l.N, l.Text)
			if l.Mark && p.Col > 0 {
				fmt.Fprintf(&b, "    %*s | %s^\n", width, "", strings.Repeat(" ", caretOffset(l.Text, p.Col)))
			}
		}
	}
	if f.More > 0 {
		fmt.Fprintf(&b, "... and %d more\n", f.More)
	}
	if f.Build != "" {
		b.WriteString("archive: still serving the last good build; save a fix to reload\n")
	} else {
		b.WriteString("archive: nothing to serve until the build succeeds; save a fix to reload\n")
	}
	fmt.Fprint(s.log, b.String())
}

// String formats p as path:line:col: message, with content's formatter,
// as build and check write problems.
func (p problem) String() string {
	if p.Path == "" {
		return p.Msg
	}
	e := content.Error{Path: p.Path, Line: p.Line, Col: p.Col}
	return e.Position() + ": " + p.Msg
}

// caretOffset is the number of characters before column col (1-based,
// counted in characters, as content.Error.Col is).
func caretOffset(text string, col int) int {
	return max(0, min(col-1, utf8.RuneCountInString(text)))
}
