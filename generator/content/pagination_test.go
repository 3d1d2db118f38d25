package content

import (
	"strings"
	"testing"
)

// TestPageSizeSetting: pagination.page_size sets how many events a page
// of an index lists, within MinPageSize..MaxPageSize; every mistake is an
// error at its value, and the default stays.
func TestPageSizeSetting(t *testing.T) {
	for _, tc := range []struct {
		yaml string
		want int
		err  string
	}{
		{"", 100, ""},
		{"pagination:\n  page_size: 10\n", 10, ""},
		{"pagination:\n  page_size: 1000\n", 1000, ""},
		{"pagination:\n  page_size: 250\n", 250, ""},
		{"pagination:\n  page_size: 9\n", 100, "site.yaml:9:14: pagination.page_size: 9 is not between 10 and 1000 (events on one page of an index)"},
		{"pagination:\n  page_size: 1001\n", 100, "site.yaml:9:14: pagination.page_size: 1001 is not between 10 and 1000 (events on one page of an index)"},
		{"pagination:\n  page_size: -5\n", 100, "site.yaml:9:14: pagination.page_size: -5 is not between 10 and 1000"},
		{"pagination:\n  page_size: 99999999999999999999999\n", 100, "site.yaml:9:14: pagination.page_size: expected a whole number"},
		{"pagination:\n  page_size: ten\n", 100, `site.yaml:9:14: pagination.page_size: expected a whole number, found "ten"`},
		{"pagination:\n  size: 50\n", 100, `site.yaml:9:3: unknown key "size"`},
		{"pagination: 50\n", 100, "site.yaml:8:13: pagination must be a map of keys to values"},
	} {
		s, errs := ParseSite("site.yaml", []byte(siteYAML+tc.yaml))
		got := strings.Join(errStrings(errs), "\n")
		if (tc.err == "") != (got == "") || !strings.HasPrefix(got, tc.err) || strings.Count(got, "\n") > 0 {
			t.Errorf("%q: errors %q, want one: %q", tc.yaml, got, tc.err)
		}
		if s.PageSize != tc.want {
			t.Errorf("%q: PageSize = %d, want %d", tc.yaml, s.PageSize, tc.want)
		}
	}
}
