package content

import (
	"strconv"
	"strings"
	"testing"
)

// withAliases is the good event with an aliases list whose items are
// written as YAML double-quoted strings (Go's quoting is valid YAML for
// these): the first item is on line 8, column 5.
func withAliases(items ...string) string {
	var b strings.Builder
	b.WriteString("aliases:\n")
	for _, it := range items {
		b.WriteString("  - " + strconv.Quote(it) + "\n")
	}
	return strings.Replace(good, "---\nBody", b.String()+"---\nBody", 1)
}

// TestAliases: an alias is a site path and nothing else; anything that
// could start a line of _redirects, point at another site or be read by
// Netlify as a pattern is refused at the item's own position, saying what
// is wrong and what an alias looks like.
func TestAliases(t *testing.T) {
	const at = "content/annual-consultations/2013-x.md:8:5: "
	const hint = "; an alias is an old address of this page, a site path such as /old/path/"
	tests := []struct {
		alias, want string
	}{
		{"\n/evil //evil.example/ 301", `aliases: "\n/evil //evil.example/ 301" holds a line break` + hint},
		{"/old\v//evil.example/", `aliases: "/old\v//evil.example/" holds the invisible character U+000B` + hint},
		{"/old\r/x", `aliases: "/old\r/x" holds the invisible character U+000D` + hint},
		{"/old page/", `aliases: "/old page/" holds a space` + hint},
		{"/old\u00a0page/", `aliases: "/old\u00a0page/" holds the invisible character U+00A0` + hint},
		{"/old\u202epage/", `aliases: "/old\u202epage/" holds the invisible character U+202E` + hint},
		{"/old\u200bpage/", `aliases: "/old\u200bpage/" holds the invisible character U+200B` + hint},
		{"old/path/", `aliases: "old/path/" does not start with /` + hint},
		{"https://evil.example/", `aliases: "https://evil.example/" is a full address; give only its path, starting with /` + hint},
		{"javascript:alert(1)", `aliases: "javascript:alert(1)" is a full address; give only its path, starting with /` + hint},
		{"//evil.example/", `aliases: "//evil.example/" starts with //, which browsers read as the address of another site` + hint},
		{"/a/../../etc/", `aliases: "/a/../../etc/" has a "." or ".." segment; write the path without it` + hint},
		{"/a/./b/", `aliases: "/a/./b/" has a "." or ".." segment; write the path without it` + hint},
		{"/a/%2e%2E/b/", `aliases: "/a/%2e%2E/b/" has a "." or ".." segment; write the path without it` + hint},
		{"/old/?id=3", `aliases: "/old/?id=3" holds "?": an alias is a path, without a query` + hint},
		{"/old/#top", `aliases: "/old/#top" holds "#": an alias is a path, without a #fragment` + hint},
		{`/old\path`, `aliases: "/old\\path" holds a backslash; use / between folders` + hint},
		{"/old/*", `aliases: "/old/*" holds "*", which Netlify's redirects read as a pattern` + hint},
		{"/old/:year/", `aliases: "/old/:year/" holds ":", which Netlify's redirects read as a pattern` + hint},
		{"/old/<b>/", `aliases: "/old/<b>/" holds "<", which an address cannot hold; leave it out or percent-encode it` + hint},
		{"/caf\u00e9/", `aliases: "/café/" holds "é": redirects need it percent-encoded, as the browser's address bar copies it: write "/caf%C3%A9/"`},
		{"/a%zz/", `aliases: "/a%zz/" holds "%zz", which is not a percent-encoded byte (% and two hex digits)` + hint},
		{"/a%0A/", `aliases: "/a%0A/" percent-encodes an invisible character or bytes that are not UTF-8 text` + hint},
		{"/a%ff/", `aliases: "/a%ff/" percent-encodes an invisible character or bytes that are not UTF-8 text` + hint},
		{"", `aliases: "" is empty` + hint},
		{"/" + strings.Repeat("a", 500), `aliases: "/` + strings.Repeat("a", 500) + `" is 501 bytes long; the limit is 500` + hint},
	}
	for _, tt := range tests {
		t.Run(tt.alias[:min(len(tt.alias), 40)], func(t *testing.T) {
			_, errs := load(t, map[string]string{"annual-consultations/2013-x.md": withAliases(tt.alias)})
			if len(errs) != 1 || errs[0].Error() != at+tt.want {
				t.Errorf("got %d problems:\n%v\nwant:\n%s", len(errs), errs, at+tt.want)
			}
		})
	}
}

// TestAliasesAccepted: ordinary old addresses pass unchanged, each error
// points at its own item, and page aliases follow the same rules.
func TestAliasesAccepted(t *testing.T) {
	ok := []string{"/old/", "/old", "/2013/migrants-and-development.html", "/caf%C3%A9/", "/a_b~c-d.e/", "/news/2013/report(final)/", "/old%20page/", "/"}
	a, errs := load(t, map[string]string{"annual-consultations/2013-x.md": withAliases(ok...)})
	if len(errs) != 0 {
		t.Fatal(errs)
	}
	if got := strings.Join(a.Events[0].Aliases, " "); got != strings.Join(ok, " ") {
		t.Errorf("aliases = %s", got)
	}

	_, errs = load(t, map[string]string{"annual-consultations/2013-x.md": withAliases("/ok/", "/ok/two/", "bad")})
	if len(errs) != 1 || errs[0].Line != 10 || errs[0].Col != 5 {
		t.Errorf("the third item is on line 10: %v", errs)
	}
	_, errs = load(t, map[string]string{"annual-consultations/2013-x.md": strings.Replace(good, "---\nBody", "aliases: [/ok/, \"/x\\ny\"]\n---\nBody", 1)})
	if len(errs) != 1 || errs[0].Error() != `content/annual-consultations/2013-x.md:7:17: aliases: "/x\ny" holds a line break; an alias is an old address of this page, a site path such as /old/path/` {
		t.Errorf("flow list: %v", errs)
	}
	_, errs = load(t, map[string]string{"about.md": "---\ntitle: About\naliases:\n  - \"/about\\v//evil.example/\"\n---\n"})
	if len(errs) != 1 || errs[0].Error() != `content/about.md:4:5: aliases: "/about\v//evil.example/" holds the invisible character U+000B; an alias is an old address of this page, a site path such as /old/path/` {
		t.Errorf("page alias: %v", errs)
	}
}
