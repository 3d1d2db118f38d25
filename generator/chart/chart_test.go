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
		{Label: "2015", Value: 1, Width: "14.3%", Segments: []Segment{{X: 0, W: 1, Class: "k0", Label: "2015: 1 × Annual", Attrs: `x="0" y="0" width="1" height="1"`}},
			BarAttrs: `width="14.3%" viewBox="0 0 1 1"`},
		{Label: "2016", Value: 0, Width: ""},
		{Label: "2017", Value: 7, Width: "100%", Segments: []Segment{
			{X: 0, W: 1, Class: "k0", Label: "2017: 1 × Annual", Attrs: `x="0" y="0" width="1" height="1"`},
			{X: 1, W: 6, Class: "k1", Label: "2017: 6 × Regional", Attrs: `x="1" y="0" width="6" height="1"`},
		}, BarAttrs: `width="100%" viewBox="0 0 7 1"`},
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
		{Label: "Global", Value: 10, Width: "100%", Segments: []Segment{{W: 10, Class: "bar", Label: "Global: 10", Attrs: `x="0" y="0" width="10" height="1"`}},
			BarAttrs: `width="100%" viewBox="0 0 10 1"`},
		{Label: "Middle East and North Africa", Value: 3, Width: "30%", Segments: []Segment{{W: 3, Class: "bar", Label: "Middle East and North Africa: 3", Attrs: `x="0" y="0" width="3" height="1"`}},
			BarAttrs: `width="30%" viewBox="0 0 3 1"`},
		{Label: "Americas", Value: 0},
	}
	if diff := cmp.Diff(want, c.Rows); diff != "" {
		t.Errorf("rows (-want +got):\n%s", diff)
	}
	if !c.LabelsAbove {
		t.Error("want region labels above their bars")
	}
}

// Every element's Attrs are its geometry as attributes, which the theme
// writes as they are: the same as one attribute a number would be.
func TestChartAttrs(t *testing.T) {
	charts := map[string]*Chart{
		"timeline": Timeline([]int{2015, 2016, 2017}, []Series{{"Annual", "k0"}, {"Regional", "k1"}}, map[int][]int{2015: {1, 0}, 2016: {0, 0}, 2017: {1, 6}}, englishTip),
		"bars":     Bars([]string{"Global", "Americas"}, []int{10, 0}, englishTip),
		"strip":    Strip([]int{2013, 2014, 2015}, map[int]int{2013: 2, 2015: 5}, "consultations"),
		"empty":    Strip(nil, nil, "consultations"),
	}
	for name, c := range charts {
		if want := fmt.Sprintf("0 0 %d %d", c.Width, c.Height); c.ViewBox != want {
			t.Errorf("%s: viewBox %q, want %q", name, c.ViewBox, want)
		}
		for _, l := range c.Grid {
			if want := fmt.Sprintf(`x1="%d" y1="%d" x2="%d" y2="%d"`, l.X1, l.Y1, l.X2, l.Y2); string(l.Attrs) != want {
				t.Errorf("%s: grid line %q, want %q", name, l.Attrs, want)
			}
		}
		for _, b := range c.Bars {
			if want := fmt.Sprintf(`x="%d" y="%d" width="%d" height="%d"`, b.X, b.Y, b.W, b.H); string(b.Attrs) != want {
				t.Errorf("%s: bar %q, want %q", name, b.Attrs, want)
			}
		}
		for _, l := range append(c.XLabels, c.YLabels...) {
			if want := fmt.Sprintf(`x="%d" y="%d" text-anchor="%s"`, l.X, l.Y, l.Anchor); string(l.Attrs) != want {
				t.Errorf("%s: label %q, want %q", name, l.Attrs, want)
			}
		}
		for _, r := range c.Rows {
			want := ""
			if r.Width != "" {
				want = fmt.Sprintf(`width="%s" viewBox="0 0 %d 1"`, r.Width, r.Value)
			}
			if string(r.BarAttrs) != want {
				t.Errorf("%s: row %q, want %q", name, r.BarAttrs, want)
			}
			for _, s := range r.Segments {
				if want := fmt.Sprintf(`x="%d" y="0" width="%d" height="1"`, s.X, s.W); string(s.Attrs) != want {
					t.Errorf("%s: segment %q, want %q", name, s.Attrs, want)
				}
			}
		}
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
