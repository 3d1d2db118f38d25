package chart

import (
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// The narrow layout of the years chart has one row per year, empty years
// included, each bar stacked from its kinds in order and as long, in
// percent of the longest, as its total.
func TestTimelineChartRows(t *testing.T) {
	kinds := []Series{{"Annual", "k0"}, {"Regional", "k1"}}
	counts := map[int][]int{2015: {1, 0}, 2016: {0, 0}, 2017: {1, 6}}
	c := Timeline([]int{2015, 2016, 2017}, kinds, counts, englishTip)
	want := []Row{
		{Label: "2015", Value: 1, Width: "14.3%", Segments: []Segment{{X: 0, W: 1, Class: "k0", Label: "2015: 1 × Annual"}}},
		{Label: "2016", Value: 0, Width: ""},
		{Label: "2017", Value: 7, Width: "100%", Segments: []Segment{
			{X: 0, W: 1, Class: "k0", Label: "2017: 1 × Annual"},
			{X: 1, W: 6, Class: "k1", Label: "2017: 6 × Regional"},
		}},
	}
	if diff := cmp.Diff(want, c.Rows); diff != "" {
		t.Errorf("rows (-want +got):\n%s", diff)
	}
	if c.LabelsAbove {
		t.Error("year labels are short: want them beside their bars")
	}
}

// The regions chart's rows carry its labels above the bars: region names
// are too long to share a phone's line with a bar.
func TestBarChartRows(t *testing.T) {
	c := Bars([]string{"Global", "Middle East and North Africa", "Americas"}, []int{10, 3, 0}, englishTip)
	want := []Row{
		{Label: "Global", Value: 10, Width: "100%", Segments: []Segment{{W: 10, Class: "bar", Label: "Global: 10"}}},
		{Label: "Middle East and North Africa", Value: 3, Width: "30%", Segments: []Segment{{W: 3, Class: "bar", Label: "Middle East and North Africa: 3"}}},
		{Label: "Americas", Value: 0},
	}
	if diff := cmp.Diff(want, c.Rows); diff != "" {
		t.Errorf("rows (-want +got):\n%s", diff)
	}
	if !c.LabelsAbove {
		t.Error("want region labels above their bars")
	}
}

func TestRowWidth(t *testing.T) {
	for _, c := range []struct {
		v, max int
		want   string
	}{
		{0, 5, ""}, {1, 0, ""}, {5, 5, "100%"}, {1, 3, "33.3%"}, {2, 3, "66.7%"}, {1, 10000, "0%"}, {5, 10000, "0.1%"},
	} {
		if got := rowWidth(c.v, c.max); got != c.want {
			t.Errorf("rowWidth(%d, %d) = %q, want %q", c.v, c.max, got, c.want)
		}
	}
}

// englishTip writes tooltips as the default theme's English strings do.
func englishTip(group string, n int, series string) string {
	if series == "" {
		return fmt.Sprintf("%s: %d", group, n)
	}
	return fmt.Sprintf("%s: %d × %s", group, n, series)
}
