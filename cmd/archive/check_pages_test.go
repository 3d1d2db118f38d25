package main

import (
	"fmt"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestCheckCountsPages: the last line of check says how many pages the
// published site would have, and how many indexes are split into pages;
// drafts are not counted, and without a site.yaml there is no count.
func TestCheckCountsPages(t *testing.T) {
	site := strings.Replace(testSite, "kinds:", "pagination:\n  page_size: 10\nkinds:", 1)
	files := map[string]string{"site.yaml": site}
	for i := range 25 {
		files[fmt.Sprintf("annual-consultations/2013-e%02d.md", i)] = fmt.Sprintf("---\ntitle: Event %d\ndate: 2013-03-%02d\nlocation: Geneva\nregion: global\nsummary: S.\n---\nBody.\n", i, i+1)
	}
	files["annual-consultations/2013-draft.md"] = "---\ntitle: Draft\ndate: 2013-04-01\nlocation: Geneva\nregion: global\nsummary: S.\ndraft: true\n---\nBody.\n"
	// 5 pages of the site's own (home, /years/, /regions/, /search/, 404),
	// 25 events, and 3 pages each for 2013, Global and Annual.
	const pages = "; the site would have 40 pages (3 indexes split into 9 pages)\n"
	for _, tc := range []struct {
		name   string
		edit   func(map[string]string)
		format string
		want   string
	}{
		{"clean", func(map[string]string) {}, "text", `^archive check: no problems found in [0-9.]+m?s` + regexp.QuoteMeta(pages) + `$`},
		{"json", func(map[string]string) {}, "json", `^archive check: no problems found in [0-9.]+m?s` + regexp.QuoteMeta(pages) + `$`},
		{"one page", func(f map[string]string) {
			f["site.yaml"] = testSite
			f["annual-consultations/2013-e00.md"] += "[x](/nowhere/)\n"
		}, "text",
			`^archive check: 1 error, 0 warnings in [0-9.]+m?s; the site would have 34 pages\n$`},
		{"no site.yaml", func(f map[string]string) { delete(f, "site.yaml") }, "text", `^archive check: 1 error, 0 warnings in [0-9.]+m?s\n$`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "content")
			f := map[string]string{}
			for k, v := range files {
				f[k] = v
			}
			tc.edit(f)
			writeSite(t, dir, f)
			_, _, stderr := runArchive(t, "check", "--content", dir, "--format", tc.format)
			if !regexp.MustCompile(tc.want).MatchString(stderr) {
				t.Errorf("stderr %q, want %s", stderr, tc.want)
			}
		})
	}
}
