package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/iom-cso/archive/generator"
	"github.com/iom-cso/archive/generator/content"
	"github.com/iom-cso/archive/internal/visible"
)

func cmdCheck(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fl := newFlags("check [flags]", "Validates the whole archive without writing anything: everything build rejects, plus\nbroken internal links and #fragments, images without alt text, attachments nothing\nrefers to, and likely mistakes (warnings). Prints one problem per line, sorted by file\nand line, then a last line on stderr with the counts and the number of pages the site\nwould have; exits 1 when there is an error, 0 when there are only warnings.", stdout, stderr)
	contentDir := fl.String("content", "content", "content `folder` (site.yaml, pages and one folder per kind)")
	format := fl.String("format", "text", "output `format`: text (path:line:col: severity: message), json (one object per line)\nor github (GitHub Actions annotations)")
	if code := parseFlags(fl, args, stdout); code >= 0 {
		return code
	}
	var print func(io.Writer, *content.Error)
	switch *format {
	case "text":
		print = printText
	case "json":
		print = printJSON
	case "github":
		print = printGitHub
	default:
		fmt.Fprintf(stderr, "archive check: unknown --format %q; use text, json or github\n", *format)
		return 2
	}
	start := time.Now()
	cfg, err := config(*contentDir)
	if err != nil {
		fmt.Fprintf(stderr, "archive check: %v\n", err)
		return 1
	}
	var stats *generator.Stats
	cfg.Stats = func(s generator.Stats) { stats = &s }
	problems, err := generator.Check(ctx, cfg)
	if list := themeProblems(err); list != nil {
		// Refused theme files are problems to fix like the content's,
		// reported in the same format.
		problems, err = append(problems, list...), nil
		problems.Sort()
	}
	for _, p := range problems {
		print(stdout, p)
	}
	if err != nil {
		fmt.Fprintf(stderr, "archive check: %v\n", err)
		return 1
	}
	errs := len(problems.Errors())
	warns := len(problems) - errs
	fmt.Fprintf(stderr, "archive check: %s in %s%s\n", summary(errs, warns), time.Since(start).Round(time.Millisecond), pagesSummary(stats))
	if errs > 0 {
		return 1
	}
	return 0
}

// summary counts problems the way the last line of check says it.
func summary(errs, warns int) string {
	if errs == 0 && warns == 0 {
		return "no problems found"
	}
	return fmt.Sprintf("%d %s, %d %s", errs, plural(errs, "error", "errors"), warns, plural(warns, "warning", "warnings"))
}

// pagesSummary says how many pages the site would have, for the last line
// of check; "" when site.yaml could not be read.
func pagesSummary(s *generator.Stats) string {
	if s == nil {
		return ""
	}
	out := fmt.Sprintf("; the site would have %d %s", s.Pages, plural(s.Pages, "page", "pages"))
	if s.Paginated > 0 {
		out += fmt.Sprintf(" (%d %s split into %d pages)", s.Paginated, plural(s.Paginated, "index", "indexes"), s.IndexPages)
	}
	return out
}

// printText prints path:line:col: severity: message, leaving out a line
// or column of 0 (a problem with the whole file or line).
func printText(w io.Writer, e *content.Error) {
	var b strings.Builder
	b.WriteString(e.Path)
	if e.Line > 0 {
		b.WriteString(":" + strconv.Itoa(e.Line))
		if e.Col > 0 {
			b.WriteString(":" + strconv.Itoa(e.Col))
		}
	}
	// One line per problem, whatever a file name or a quoted link holds.
	fmt.Fprintf(w, "%s: %s: %s\n", visible.Line(b.String()), e.Severity, visible.Line(e.Msg))
}

type jsonProblem struct {
	Path     string `json:"path"`
	Line     int    `json:"line"`
	Col      int    `json:"col"`
	Severity string `json:"severity"`
	Message  string `json:"message"`
}

// printJSON prints one JSON object per line; line and col are 0 when the
// problem concerns the whole file or line. Strings decode to the file
// names and messages as they are; the characters a terminal would act on
// are \u escapes in the text.
func printJSON(w io.Writer, e *content.Error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(jsonProblem{Path: e.Path, Line: e.Line, Col: e.Col, Severity: e.Severity.String(), Message: e.Msg})
	_, _ = w.Write(visible.JSON(b.Bytes()))
}

// printGitHub prints a GitHub Actions workflow command, which the pull
// request shows as an annotation on the line. The escapes of the runner
// keep a file name or a message from ending the command or starting
// another; the characters a terminal would act on are escaped by run's
// writer, as everywhere.
func printGitHub(w io.Writer, e *content.Error) {
	var b strings.Builder
	b.WriteString("::" + e.Severity.String() + " file=" + escapeProperty(e.Path))
	if e.Line > 0 {
		b.WriteString(",line=" + strconv.Itoa(e.Line))
		if e.Col > 0 {
			b.WriteString(",col=" + strconv.Itoa(e.Col))
		}
	}
	b.WriteString("::" + escapeData(e.Msg))
	fmt.Fprintln(w, b.String())
}

// escapeData escapes a workflow command's message as the runner decodes it.
func escapeData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

// escapeProperty escapes a workflow command's property value, where ":"
// and "," are separators.
func escapeProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}
