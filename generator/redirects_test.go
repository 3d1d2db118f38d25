package generator

import (
	"bufio"
	"bytes"
	"strings"
	"testing"
)

// TestRedirectsFileWall calls the _redirects writer directly with values
// content.Load would refuse: whatever they hold, each rule stays one line
// of three fields, and neither field names another site.
func TestRedirectsFileWall(t *testing.T) {
	hostile := []redirectRule{
		{"/old\n/evil //evil.example/ 301", "/a/"},
		{"/old\v//evil.example/", "/b/"},
		{"/old\r\n/x /y", "/c/"},
		{"/old\u2028\u0085/x", "/d/"},
		{"/old#x", "/e/"},
		{"/old/*", "/f/:splat"},
		{"/old\f\t\x00", "/g/\n/h /i/"},
	}
	out, err := redirectsFile(hostile)
	if err != nil {
		t.Fatal(err)
	}
	want := "/old%0A/evil%20//evil.example/%20301 /a/ 301\n" +
		"/old%0B//evil.example/ /b/ 301\n" +
		"/old%0D%0A/x%20/y /c/ 301\n" +
		"/old%E2%80%A8%C2%85/x /d/ 301\n" +
		"/old%23x /e/ 301\n" +
		"/old/%2A /f/%3Asplat 301\n" +
		"/old%0C%09%00 /g/%0A/h%20/i/ 301\n"
	if string(out) != want {
		t.Errorf("got:\n%s\nwant:\n%s", out, want)
	}
	// Read the way the preview and Netlify read it: a line per rule, fields
	// split at any whitespace.
	sc := bufio.NewScanner(bytes.NewReader(out))
	n := 0
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) != 3 || f[2] != "301" || strings.HasPrefix(f[0], "//") || strings.HasPrefix(f[1], "//") {
			t.Errorf("line %d: %q", n+1, sc.Text())
		}
		n++
	}
	if n != len(hostile) || bytes.ContainsAny(out, "\r\v\f\u2028\u0085") {
		t.Errorf("%d lines for %d rules:\n%q", n, len(hostile), out)
	}

	for _, r := range []redirectRule{{"//evil.example/", "/a/"}, {"https://evil.example/", "/a/"}, {"", "/a/"}, {"/old/", "//evil.example/"}, {"/old/", "https://evil.example/"}} {
		if out, err := redirectsFile([]redirectRule{r}); err == nil {
			t.Errorf("%q → %q: written as %q, want an error", r.from, r.to, out)
		}
	}
}
