package content

import (
	"strings"
	"testing"
)

// TestAppendFormat: one formatter writes a problem for the terminal,
// for JSON and for GitHub Actions, leaving out a line or column of 0.
func TestAppendFormat(t *testing.T) {
	problems := []*Error{
		{Path: "content/a,b:c%.md", Line: 3, Col: 7, Msg: "100% wrong:\nsee, here"},
		{Path: "content/x.md", Severity: SeverityWarning, Msg: "whole file"},
		{Path: "content/x.md", Line: 2, Msg: `whole "line" <b>`},
	}
	want := map[Format]string{
		FormatText: "content/a,b:c%.md:3:7: error: 100% wrong:\nsee, here\n" +
			"content/x.md: warning: whole file\n" +
			"content/x.md:2: error: whole \"line\" <b>\n",
		FormatJSON: `{"path":"content/a,b:c%.md","line":3,"col":7,"severity":"error","message":"100% wrong:\nsee, here"}` + "\n" +
			`{"path":"content/x.md","line":0,"col":0,"severity":"warning","message":"whole file"}` + "\n" +
			`{"path":"content/x.md","line":2,"col":0,"severity":"error","message":"whole \"line\" <b>"}` + "\n",
		FormatGitHub: "::error file=content/a%2Cb%3Ac%25.md,line=3,col=7::100%25 wrong:%0Asee, here\n" +
			"::warning file=content/x.md::whole file\n" +
			"::error file=content/x.md,line=2::whole \"line\" <b>\n",
	}
	for _, f := range ProblemFormats {
		var b []byte
		for _, p := range problems {
			b = p.AppendFormat(b, f)
		}
		if string(b) != want[f] {
			t.Errorf("%s:\n%s\nwant\n%s", f, b, want[f])
		}
	}
	if got := problems[1].Error(); got != "content/x.md: warning: whole file" {
		t.Errorf("Error() = %q", got)
	}
	if got := problems[0].Position(); !strings.HasSuffix(got, ".md:3:7") {
		t.Errorf("Position() = %q", got)
	}
}
