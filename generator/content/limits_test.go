package content

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"testing/fstest"
)

func problems(errs List) string {
	var s []string
	for _, e := range errs {
		s = append(s, e.Error())
	}
	return strings.Join(s, "\n")
}

// declared is a site.yaml with n kinds and m regions, one per line: kind i
// is on line 4+i, region j on line 5+n+j.
func declared(n, m int) string {
	var b strings.Builder
	b.WriteString("title: T\nbase_url: https://x.example/\nkinds:\n")
	for i := range n {
		fmt.Fprintf(&b, "  - {key: k%d, folder: f%d, name: K%d}\n", i, i, i)
	}
	b.WriteString("regions:\n")
	for j := range m {
		fmt.Fprintf(&b, "  - {key: r%d, name: R%d}\n", j, j)
	}
	return b.String()
}

// TestKindAndRegionLimits: the site declares at most MaxKinds kinds and
// MaxRegions regions; the first one past the limit is the error.
func TestKindAndRegionLimits(t *testing.T) {
	if _, errs := ParseSite("content/site.yaml", []byte(declared(MaxKinds, MaxRegions))); len(errs) != 0 {
		t.Fatalf("at the limits: %v", errs)
	}
	_, errs := ParseSite("content/site.yaml", []byte(declared(51, 6)))
	want := "content/site.yaml:54:5: kinds: this is kind number 51; a site declares at most 50 kinds (see docs/content-limits.md)"
	if problems(errs) != want {
		t.Errorf("51 kinds:\n%s\nwant:\n%s", problems(errs), want)
	}
	_, errs = ParseSite("content/site.yaml", []byte(declared(4, 101)))
	want = "content/site.yaml:109:5: regions: this is region number 101; a site declares at most 100 regions (see docs/content-limits.md)"
	if problems(errs) != want {
		t.Errorf("101 regions:\n%s\nwant:\n%s", problems(errs), want)
	}
	// 5,000 kinds: one error, for the first past the limit.
	_, errs = ParseSite("content/site.yaml", []byte(declared(5000, 6)))
	if len(errs) != 1 || errs[0].Line != 54 {
		t.Errorf("5,000 kinds: %d problems, first %v", len(errs), errs[:min(1, len(errs))])
	}
}

// TestDeclaredNameLimits: kind keys and folders and region keys become
// URLs and folder names: no longer than a slug, and no Windows device name.
func TestDeclaredNameLimits(t *testing.T) {
	long := strings.Repeat("a", 101)
	src := "title: T\nbase_url: https://x.example/\nkinds:\n  - {key: " + long + ", folder: con, name: A}\nregions:\n  - {key: " + long + ", name: G}\n"
	_, errs := ParseSite("content/site.yaml", []byte(src))
	want := strings.Join([]string{
		`content/site.yaml:4:11: kind key "` + long + `" is 101 characters long; the limit is 100`,
		`content/site.yaml:4:122: kind folder "con" is a reserved file name on Windows`,
		`content/site.yaml:6:11: region key "` + long + `" is 101 characters long; the limit is 100`,
	}, "\n")
	if problems(errs) != want {
		t.Errorf("got:\n%s\nwant:\n%s", problems(errs), want)
	}
}

// TestNameLimits: the names and depths that check accepted and build then
// could not write are refused while loading, at their path.
func TestNameLimits(t *testing.T) {
	slug252 := "2013-" + strings.Repeat("a", 247)
	deep := "annual-consultations/2013-x/" + strings.Repeat("d/", 9) + "f.pdf"
	tests := []struct {
		name  string
		files map[string]string
		want  string
	}{
		{"252-character slug", map[string]string{"annual-consultations/" + slug252 + ".md": good},
			"content/annual-consultations/" + slug252 + ".md: the slug is 252 characters long; the limit is 100 (it becomes the page's address): give the file a shorter name"},
		{"252-character bundle", map[string]string{"annual-consultations/" + slug252 + "/index.md": good},
			"content/annual-consultations/" + slug252 + ": the slug is 252 characters long; the limit is 100 (it becomes the page's address): give the folder a shorter name"},
		{"252-character page", map[string]string{slug252 + ".md": "---\ntitle: P\n---\n"},
			"content/" + slug252 + ".md: the slug is 252 characters long; the limit is 100 (it becomes the page's address): give the file a shorter name"},
		{"long attachment name", map[string]string{"annual-consultations/2013-x/index.md": good, "annual-consultations/2013-x/" + strings.Repeat("r", 197) + ".pdf": "%PDF-"},
			"content/annual-consultations/2013-x/" + strings.Repeat("r", 197) + ".pdf: the name is 201 bytes long; the limit is 200 for a file or folder in a bundle: give it a shorter name"},
		{"folders nested 9 deep", map[string]string{"annual-consultations/2013-x/index.md": good, deep: "%PDF"},
			"content/annual-consultations/2013-x/" + strings.Repeat("d/", 8) + "d: this folder is 9 levels deep in the bundle; the limit is 8: move its files up"},
		{"long path", map[string]string{"annual-consultations/2013-x/index.md": good, "annual-consultations/2013-x/" + strings.Repeat(strings.Repeat("p", 150)+"/", 6) + strings.Repeat("f", 66) + ".pdf": "%PDF-"},
			"content/annual-consultations/2013-x/" + strings.Repeat(strings.Repeat("p", 150)+"/", 6) + strings.Repeat("f", 66) + ".pdf: the path is 1004 bytes long; the limit is 1000 below the content folder: use shorter folder or file names"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, errs := load(t, tt.files)
			if problems(errs) != tt.want {
				t.Errorf("got:\n%s\nwant:\n%s", problems(errs), tt.want)
			}
		})
	}

	// 2,500 folders deep: one error, at the first folder past the limit.
	fsys := fstest.MapFS{"site.yaml": {Data: []byte(siteYAML)}, "annual-consultations/2013-x/index.md": {Data: []byte(good)},
		"annual-consultations/2013-x/" + strings.Repeat("d/", 2500) + "f.pdf": {Data: []byte("%PDF-")}}
	_, errs := Load(context.Background(), fsys, Options{})
	want := "content/annual-consultations/2013-x/" + strings.Repeat("d/", 8) + "d: this folder is 9 levels deep in the bundle; the limit is 8: move its files up"
	if problems(errs) != want {
		t.Errorf("2,500 deep:\n%.300s\nwant:\n%s", problems(errs), want)
	}

	// At the limits, everything loads.
	atLimit := map[string]string{
		"annual-consultations/2013-" + strings.Repeat("a", 95) + ".md":                               good,
		"annual-consultations/2013-y/index.md":                                                       good,
		"annual-consultations/2013-y/" + strings.Repeat("d/", 8) + strings.Repeat("r", 196) + ".pdf": "%PDF-",
	}
	if _, errs := load(t, atLimit); len(errs) != 0 {
		t.Errorf("at the limits: %v", errs)
	}
}

// TestWindowsNames: the device names Windows reserves, superscript digits
// and console names included, are refused wherever names are checked.
func TestWindowsNames(t *testing.T) {
	for _, name := range []string{"com\u00b9.pdf", "COM\u00b2", "lpt\u00b3.txt", "conin$.txt", "CONOUT$", "con .txt", "nul"} {
		if !windowsReserved(name) {
			t.Errorf("windowsReserved(%q) = false", name)
		}
	}
	for _, name := range []string{"com\u2074.pdf", "com10", "conin.txt", "clock$", "console", "lpt", "x-con.pdf"} {
		if windowsReserved(name) {
			t.Errorf("windowsReserved(%q) = true", name)
		}
	}
	_, errs := load(t, map[string]string{
		"annual-consultations/2013-x/index.md":   good,
		"annual-consultations/2013-x/com¹.pdf":   "%PDF",
		"annual-consultations/2013-x/conin$.txt": "x",
	})
	want := "content/annual-consultations/2013-x/com¹.pdf: \"com¹.pdf\" is a reserved file name on Windows; rename it\n" +
		"content/annual-consultations/2013-x/conin$.txt: \"conin$.txt\" is a reserved file name on Windows; rename it"
	if problems(errs) != want {
		t.Errorf("got:\n%s\nwant:\n%s", problems(errs), want)
	}
}

// TestRequiredKeyGivenAsAlias: a required key whose value is a YAML alias
// is reported once, as an alias, not also as missing.
func TestRequiredKeyGivenAsAlias(t *testing.T) {
	src := "---\nlocation: &t Geneva\ntitle: *t\ndate: 2013-09-12\nregion: global\nsummary: *t\n---\n"
	_, errs := load(t, map[string]string{"annual-consultations/2013-x.md": src})
	want := "content/annual-consultations/2013-x.md:3:8: title: YAML aliases (*t) are not allowed; write the value out\n" +
		"content/annual-consultations/2013-x.md:6:10: summary: YAML aliases (*t) are not allowed; write the value out"
	if problems(errs) != want {
		t.Errorf("got:\n%s\nwant:\n%s", problems(errs), want)
	}
	_, errs = load(t, map[string]string{"about.md": "---\nsummary: &s About\ntitle: *s\n---\n"})
	want = "content/about.md:3:8: title: YAML aliases (*s) are not allowed; write the value out"
	if problems(errs) != want {
		t.Errorf("page: got:\n%s\nwant:\n%s", problems(errs), want)
	}
	// A document's misspelt key does not stand for the event's own.
	src = strings.Replace(good, "title: A\n", "documents:\n  - titel: R\n    url: https://x.example/\n", 1)
	_, errs = load(t, map[string]string{"annual-consultations/2013-x.md": src})
	want = "content/annual-consultations/2013-x.md:2:1: required key \"title\" is missing\n" +
		"content/annual-consultations/2013-x.md:3:5: unknown key \"titel\"; did you mean \"title\"?"
	if problems(errs) != want {
		t.Errorf("document key: got:\n%s\nwant:\n%s", problems(errs), want)
	}
}

// TestSecondYAMLDocument: YAML reads "..." or "--- something" inside the
// front matter as the end of its one document; what follows was silently
// dropped. It is an error at that line.
func TestSecondYAMLDocument(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{"document end", strings.Replace(good, "summary: S.\n", "summary: S.\n...\ndraft: true\n", 1),
			`content/annual-consultations/2013-x.md:7:1: "..." ends the YAML document, and what follows it would be ignored: the front matter is one block of keys between two lines of ---; delete this line`},
		{"second document", strings.Replace(good, "summary: S.\n", "summary: S.\n--- # more\ndraft: true\n", 1),
			`content/annual-consultations/2013-x.md:7:1: "--- # more" starts a second YAML document, which would be ignored: the front matter is one block of keys between two lines of ---; delete this line`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, errs := load(t, map[string]string{"annual-consultations/2013-x.md": tt.src})
			if problems(errs) != tt.want {
				t.Errorf("got:\n%s\nwant:\n%s", problems(errs), tt.want)
			}
		})
	}
	// A line of --- between groups of keys closes the front matter early:
	// that line is the error, not the keys after it.
	src := "---\ntitle: A\ndate: 2013-09-12\n---\nlocation: Geneva\nregion: global\n\nsummary: >\n  S.\n---\nBody.\n"
	_, errs := load(t, map[string]string{"annual-consultations/2013-x.md": src})
	want := `content/annual-consultations/2013-x.md:4:1: "---" on this line closes the front matter, but more keys follow it (location, region, summary) down to the "---" on line 10: the front matter is one block of keys between two lines of ---; delete this line`
	if problems(errs) != want {
		t.Errorf("--- between keys:\n%s\nwant:\n%s", problems(errs), want)
	}
	src = "---\nsummary: S.\n---\ntitle: About\n---\nText.\n"
	_, errs = load(t, map[string]string{"about.md": src})
	want = `content/about.md:3:1: "---" on this line closes the front matter, but more keys follow it (title) down to the "---" on line 5: the front matter is one block of keys between two lines of ---; delete this line`
	if problems(errs) != want {
		t.Errorf("page:\n%s\nwant:\n%s", problems(errs), want)
	}
	// A body that merely starts like a key is a body.
	src = "---\ntitle: A\ndate: 2013-09-12\nlocation: Geneva\nregion: global\n---\nsummary: of the talks\n\nText.\n"
	_, errs = load(t, map[string]string{"annual-consultations/2013-x.md": src})
	want = `content/annual-consultations/2013-x.md:2:1: required key "summary" is missing`
	if problems(errs) != want {
		t.Errorf("body:\n%s\nwant:\n%s", problems(errs), want)
	}

	// A closing "..." with nothing after it hides nothing.
	if _, errs := load(t, map[string]string{"annual-consultations/2013-x.md": strings.Replace(good, "summary: S.\n", "summary: S.\n...\n", 1)}); len(errs) != 0 {
		t.Errorf("trailing ...: %v", errs)
	}
	// site.yaml may open with ---, but it is one document.
	if _, errs := ParseSite("content/site.yaml", []byte("---\n"+siteYAML)); len(errs) != 0 {
		t.Errorf("site.yaml opening with ---: %v", errs)
	}
	_, errs = ParseSite("content/site.yaml", []byte(strings.Replace(siteYAML, "regions:", "---\nregions:", 1)))
	want = `content/site.yaml:5:1: "---" starts a second YAML document, which would be ignored: site.yaml is one YAML document; delete this line`
	if problems(errs) != want {
		t.Errorf("site.yaml:\n%s\nwant:\n%s", problems(errs), want)
	}
}
