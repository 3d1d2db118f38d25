package main

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/iom-cso/archive/generator/content"
	"github.com/iom-cso/archive/internal/golden"
)

// TestCheckGolden runs check on testdata/check/content, which holds one of
// most kinds of problem, in each output format, and compares the output
// with testdata/check/golden.<format>. Run with -update to accept a
// deliberate change.
func TestCheckGolden(t *testing.T) {
	for _, format := range []string{"text", "json", "github"} {
		t.Run(format, func(t *testing.T) {
			code, stdout, stderr := runArchive(t, "check", "--content", "testdata/check/content", "--format", format)
			if code != 1 {
				t.Errorf("exit %d, want 1", code)
			}
			if !strings.HasPrefix(stderr, "archive check: 9 errors, 6 warnings in ") {
				t.Errorf("summary line: %q", stderr)
			}
			golden.Check(t, "testdata/check/golden."+format, []byte(stdout))
		})
	}
}

func TestCheckExitCodes(t *testing.T) {
	good := "---\ntitle: A\ndate: 2013-09-12\nlocation: Geneva\nregion: global\nsummary: S.\n---\nBody.\n"
	tests := []struct {
		name   string
		files  map[string]string
		args   []string
		code   int
		stderr string
	}{
		{"clean", map[string]string{"annual-consultations/2013-a.md": good}, nil, 0, "archive check: no problems found in "},
		{"only warnings", map[string]string{"annual-consultations/2013-a.md": strings.Replace(good, "location:", "end_date: 2013-12-31\nlocation:", 1)}, nil, 0,
			"archive check: 0 errors, 1 warning in "},
		{"an error", map[string]string{"annual-consultations/2013-a.md": strings.Replace(good, "Body.", "[x](/nowhere/)", 1)}, nil, 1,
			"archive check: 1 error, 0 warnings in "},
		{"unknown format", nil, []string{"--format", "xml"}, 2, `archive check: unknown --format "xml"; use text, json or github`},
		{"stray argument", nil, []string{"content"}, 2, `unexpected argument "content"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "content")
			files := map[string]string{"site.yaml": testSite}
			for k, v := range tt.files {
				files[k] = v
			}
			writeSite(t, dir, files)
			code, _, stderr := runArchive(t, append([]string{"check", "--content", dir}, tt.args...)...)
			if code != tt.code || !strings.Contains(stderr, tt.stderr) {
				t.Errorf("exit %d, stderr %q; want %d, %q", code, stderr, tt.code, tt.stderr)
			}
		})
	}
	code, _, stderr := runArchive(t, "check", "--content", filepath.Join(t.TempDir(), "nope"))
	if code != 1 || !strings.Contains(stderr, "content folder") {
		t.Errorf("missing content folder: exit %d, %q", code, stderr)
	}
	code, stdout, _ := runArchive(t, "check", "--help")
	if code != 0 || !strings.Contains(stdout, "Usage: archive check") || !strings.Contains(stdout, "-format") {
		t.Errorf("check --help: exit %d, %q", code, stdout)
	}
}

// TestShippedArchiveChecks: the real archive in content/ has no errors.
func TestShippedArchiveChecks(t *testing.T) {
	code, stdout, stderr := runArchive(t, "check", "--content", "../../content")
	if code != 0 {
		t.Fatalf("exit %d:\n%s%s", code, stdout, stderr)
	}
}

// TestGitHubAnnotation: messages and file names are escaped the way the
// Actions runner decodes workflow commands.
func TestGitHubAnnotation(t *testing.T) {
	var b strings.Builder
	printProblem(&b, &content.Error{Path: "content/a,b:c%.md", Line: 3, Col: 7, Msg: "100% wrong:\nsee, here"}, content.FormatGitHub)
	printProblem(&b, &content.Error{Path: "content/x.md", Severity: content.SeverityWarning, Msg: "whole file"}, content.FormatGitHub)
	printProblem(&b, &content.Error{Path: "content/x.md", Line: 2, Msg: "whole line"}, content.FormatGitHub)
	want := "::error file=content/a%2Cb%3Ac%25.md,line=3,col=7::100%25 wrong:%0Asee, here\n" +
		"::warning file=content/x.md::whole file\n" +
		"::error file=content/x.md,line=2::whole line\n"
	if diff := cmp.Diff(want, b.String()); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

// jsonProblem is a line of check --format json.
type jsonProblem struct {
	Path     string `json:"path"`
	Line     int    `json:"line"`
	Col      int    `json:"col"`
	Severity string `json:"severity"`
	Message  string `json:"message"`
}

// TestCheckTranslationSummary: check sums up each other language's
// translations in a line, and --format json lists them as a line of its
// own.
func TestCheckTranslationSummary(t *testing.T) {
	code, _, stderr := runArchive(t, "check", "--content", "../../content")
	if code != 0 || !strings.Contains(stderr, "fr: 18 of 18 records and 13 of 13 organizations translated\nes: 18 of 18 records and 13 of 13 organizations translated\narchive check: ") {
		t.Errorf("exit %d, stderr:\n%s", code, stderr)
	}
	code, stdout, _ := runArchive(t, "check", "--content", "../../content", "--format", "json")
	if code != 0 || !strings.Contains(stdout, `{"language":"fr","translated":18,"records":18,"untranslated":[],"organizations_translated":13,"organizations":13,"untranslated_organizations":[]}`+"\n") {
		t.Errorf("exit %d, stdout:\n%s", code, stdout)
	}
}
