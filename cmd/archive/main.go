// Command archive builds, previews and checks the IOM–CSO consultations
// archive. Run "archive help" for the commands; every command takes
// --content DIR (default "content").
//
// Exit codes: 0 success, 1 content errors (each printed as
// path:line:col: message), 2 usage errors.
//
// Control characters, bidi controls and invalid UTF-8 from file names and
// contents are printed as visible escapes (\x1b, \u202e, \xff), never raw.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/iom-cso/archive/generator"
	"github.com/iom-cso/archive/generator/content"
	"github.com/iom-cso/archive/generator/output"
	"github.com/iom-cso/archive/generator/theme"
	"github.com/iom-cso/archive/internal/visible"
	"github.com/iom-cso/archive/themes"
)

func main() {
	// SIGTERM too: CI runners and Netlify stop a build with it, and a
	// build that is told so ends cleanly, leaving the previous site.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

const usage = `archive builds the IOM–CSO consultations archive.

Usage:
  archive <command> [flags]

Commands:
  build   build the site into a folder (default public/)
  serve   preview the site at http://127.0.0.1:1313/, reloading on every save
  check   validate the archive without writing anything (exit 1 on errors)
  new     start a new event file: archive new <kind> "Title" [--date D] [--region R]
          or a translation:       archive new --translate <path> <lang>
  version print the version and the commit it was built from
  help    show help for a command

Run "archive <command> --help" for a command's flags.
`

// run is main without the process: testable, with every exit code explicit.
// Everything it prints, on both streams, goes through visible: file names
// and file contents end up in messages, and a terminal must show their
// escape sequences and bidi controls, not obey them.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	out, errs := visible.NewWriter(stdout), visible.NewWriter(stderr)
	defer out.Flush()
	defer errs.Flush()
	return dispatch(ctx, args, out, errs)
}

func dispatch(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	switch args[0] {
	case "build":
		return cmdBuild(ctx, args[1:], stdout, stderr)
	case "serve":
		return cmdServe(ctx, args[1:], stdout, stderr)
	case "check":
		return cmdCheck(ctx, args[1:], stdout, stderr)
	case "new":
		if translating(args[1:]) {
			return cmdTranslate(ctx, args[1:], stdout, stderr)
		}
		return cmdNew(ctx, args[1:], stdout, stderr)
	case "version", "--version":
		return cmdVersion(args[1:], stdout, stderr)
	case "help", "-h", "-help", "--help":
		if len(args) > 1 {
			return dispatch(ctx, []string{args[1], "--help"}, stdout, stderr)
		}
		fmt.Fprint(stdout, usage)
		return 0
	}
	fmt.Fprintf(stderr, "archive: unknown command %q\n\n%s", args[0], usage)
	return 2
}

// newFlags returns a flag set whose --help prints the command's usage to
// stdout and exits 0, and whose errors exit 2.
func newFlags(name, synopsis string, stdout, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: archive %s\n\n%s\n\nFlags:\n", name, synopsis)
		fs.PrintDefaults()
	}
	return fs
}

// parseFlags parses args and returns -1 to go on, or an exit code. The
// flag package would print the usage on its own output for -h as well as
// for mistakes; it is silenced so that help goes to stdout (exit 0) and
// mistakes to stderr (exit 2), each printed once.
func parseFlags(fs *flag.FlagSet, args []string, stdout io.Writer) int {
	stderr := fs.Output()
	name, _, _ := strings.Cut(fs.Name(), " ")
	fs.SetOutput(io.Discard)
	err := fs.Parse(args)
	fs.SetOutput(stderr)
	switch {
	case errors.Is(err, flag.ErrHelp):
		fs.SetOutput(stdout)
		fs.Usage()
		return 0
	case err != nil:
		fmt.Fprintf(stderr, "archive %s: %v\n", name, err)
		fs.Usage()
		return 2
	case fs.NArg() > 0:
		fmt.Fprintf(stderr, "archive %s: unexpected argument %q\n", name, fs.Arg(0))
		fs.Usage()
		return 2
	}
	return -1
}

func cmdBuild(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fl := newFlags("build [flags]", "Builds the archive from the content folder into the output folder. On any\ncontent error nothing is written and the previous output stays as it was.", stdout, stderr)
	contentDir := fl.String("content", content.DefaultDir, "content `folder` (site.yaml, pages and one folder per kind)")
	out := fl.String("out", "public", "output `folder`: absent, empty, or one archive built before; replaced as a whole on success")
	drafts := fl.Bool("drafts", false, "include drafts and mark the build as a preview (banner, noindex)")
	baseURL := fl.String("base-url", "", "override site.yaml's base_url (e.g. a deploy preview's `URL`)")
	if code := parseFlags(fl, args, stdout); code >= 0 {
		return code
	}
	start := time.Now()
	cfg, err := config(*contentDir)
	if err != nil {
		fmt.Fprintf(stderr, "archive build: %v\n", err)
		return 1
	}
	cfg.Drafts, cfg.BaseURL = *drafts, *baseURL
	if *baseURL != "" && !strings.HasPrefix(*baseURL, "http://") && !strings.HasPrefix(*baseURL, "https://") {
		fmt.Fprintf(stderr, "archive build: --base-url %q must start with http:// or https://\n", *baseURL)
		return 2
	}
	if *out == "" {
		fmt.Fprintln(stderr, "archive build: --out is empty: give the folder to build into, for example --out public\nnothing was written")
		return 2
	}
	// The output folder is checked before the build, which may take a
	// while, and again by Write under its lock.
	outOpts := output.Options{
		Protect: []output.Protected{
			{Dir: *contentDir, What: "content folder"},
			{Dir: themesDir(*contentDir), What: "theme folder"},
		},
		Waiting: func() {
			fmt.Fprintf(stderr, "archive build: another build is writing into %s; waiting for it to finish\n", *out)
		},
	}
	if err := outOpts.Check(*out); err != nil {
		return reportOutError(stderr, err)
	}
	limitMemory(*contentDir)
	warnings := 0
	cfg.Warnings = func(l content.List) { warnings = len(l) }
	// Each file is written into the new tree as it is made, under the
	// output folder's lock, and let go of: the site is never held whole.
	// The folder is staged only once the content has passed its checks,
	// and swapped in only when every file is written.
	var stage *output.Stage
	var stageErr error
	copies, err := generator.BuildTo(ctx, cfg, func() (output.Sink, error) {
		stage, stageErr = outOpts.Stage(ctx, *out)
		if stageErr != nil {
			return nil, stageErr
		}
		return stage, nil
	})
	if stage != nil {
		defer stage.Abort() // removes the tree unless Commit put it in place
	}
	switch {
	case stageErr != nil:
		return reportOutError(stderr, stageErr)
	case err != nil:
		return reportBuildError(stderr, err)
	}
	if err := stage.Commit(copies); err != nil {
		return reportOutError(stderr, err)
	}
	pages, files, size := stage.Written()
	fmt.Fprintf(stderr, "archive: built %d pages (%d files, %.1f MB) into %s in %s\n", pages, files, float64(size)/1e6, *out, time.Since(start).Round(time.Millisecond))
	if warnings > 0 {
		// Warnings never fail a build; check lists them with their positions.
		fmt.Fprintf(stderr, "archive: %d %s: run archive check to see %s\n", warnings, plural(warnings, "warning", "warnings"), plural(warnings, "it", "them"))
	}
	return 0
}

// reportOutError prints why the site could not be written: an output
// folder that may not be replaced is a mistake in the command (exit 2).
func reportOutError(stderr io.Writer, err error) int {
	var target *output.TargetError
	switch {
	case errors.As(err, &target):
		fmt.Fprintf(stderr, "archive build: %v\nnothing was written\n", err)
		return 2
	case errors.Is(err, context.Canceled):
		fmt.Fprintln(stderr, "archive: interrupted; nothing was written")
		return 1
	}
	fmt.Fprintf(stderr, "archive build: %v\n", err)
	return 1
}

// reportBuildError prints content problems one per line and a count.
func reportBuildError(stderr io.Writer, err error) int {
	list := themeProblems(err)
	if list == nil {
		errors.As(err, &list)
	}
	if list != nil {
		for _, e := range list {
			// One line each, whatever a file name holds.
			fmt.Fprintln(stderr, visible.Line(e.Error()))
		}
		n := len(list.Errors())
		fmt.Fprintf(stderr, "archive: %d %s; nothing was written\n", n, plural(n, "error", "errors"))
		return 1
	}
	if errors.Is(err, context.Canceled) {
		fmt.Fprintln(stderr, "archive: interrupted; nothing was written")
		return 1
	}
	fmt.Fprintf(stderr, "archive: %v\nnothing was written\n", err)
	return 1
}

// themeProblems returns the theme's refused files as problems, printed
// like the content's, or nil when err is not about them.
func themeProblems(err error) content.List {
	var errs theme.Errors
	if !errors.As(err, &errs) {
		return nil
	}
	list := make(content.List, len(errs))
	for i, e := range errs {
		list[i] = &content.Error{Path: e.Path, Line: e.Line, Col: e.Col, Msg: e.Msg}
	}
	return list
}

func plural(n int, one, other string) string {
	if n == 1 {
		return one
	}
	return other
}

// config opens the content folder and sets up theme lookup (themes.Resolve):
// a theme named in site.yaml is read from themes/<name>/ beside the content
// folder when that folder exists (so theme edits apply without
// recompiling), and "default" falls back to the copy embedded in the binary.
func config(contentDir string) (generator.Config, error) {
	st, err := os.Stat(contentDir)
	if err != nil {
		return generator.Config{}, fmt.Errorf("content folder %s: %w", contentDir, errors.Unwrap(err))
	}
	if !st.IsDir() {
		return generator.Config{}, fmt.Errorf("content folder %s is not a folder", contentDir)
	}
	root, err := os.OpenRoot(contentDir)
	if err != nil {
		return generator.Config{}, err
	}
	return generator.Config{
		Content:    root.FS(),
		ContentDir: filepath.ToSlash(filepath.Clean(contentDir)),
		Today:      time.Now().UTC().Truncate(24 * time.Hour),
		ResolveTheme: func(name string) (fs.FS, error) {
			fsys, _, err := themes.Resolve(contentDir, name)
			return fsys, err
		},
	}, nil
}

// themesDir is the folder of themes: beside the content folder.
func themesDir(contentDir string) string {
	return filepath.Join(filepath.Dir(filepath.Clean(contentDir)), "themes")
}
