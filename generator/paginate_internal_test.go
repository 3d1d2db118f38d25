package generator

import (
	"fmt"
	"strings"
	"testing"
)

// TestPagerItems: the pager shows the first and last pages, the current
// one and its neighbours, and a gap only where it stands for two pages or
// more.
func TestPagerItems(t *testing.T) {
	for _, tc := range []struct {
		page, pages int
		want        string
	}{
		{1, 2, "[1] 2"},
		{2, 2, "1 [2]"},
		{1, 3, "[1] 2 3"},
		{2, 3, "1 [2] 3"},
		{1, 7, "[1] 2 … 7"},
		{3, 7, "1 2 [3] 4 … 7"},
		{4, 7, "1 2 3 [4] 5 6 7"},
		{5, 7, "1 … 4 [5] 6 7"},
		{7, 7, "1 … 6 [7]"},
		{5, 100, "1 … 4 [5] 6 … 100"},
		{1, 100, "[1] 2 … 100"},
		{4, 100, "1 2 3 [4] 5 … 100"},
		{97, 100, "1 … 96 [97] 98 99 100"},
		{100, 100, "1 … 99 [100]"},
	} {
		var got []string
		for _, it := range pagerItems("/x/", tc.page, tc.pages) {
			switch {
			case it.Page == 0:
				got = append(got, "…")
			case it.Current:
				got = append(got, fmt.Sprintf("[%d]", it.Page))
			default:
				got = append(got, fmt.Sprint(it.Page))
			}
			if want := listPageURL("/x/", it.Page); it.Page > 0 && it.URL != want {
				t.Errorf("page %d of %d: item %d links to %s, want %s", tc.page, tc.pages, it.Page, it.URL, want)
			}
		}
		if s := strings.Join(got, " "); s != tc.want {
			t.Errorf("page %d of %d: %s, want %s", tc.page, tc.pages, s, tc.want)
		}
	}
	if u := listPageURL("/x/", 1); u != "/x/" {
		t.Errorf("page 1 at %s", u)
	}
}
