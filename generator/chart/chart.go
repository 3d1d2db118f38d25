// Package chart computes the geometry of the site's bar charts at build
// time, so that the theme draws them as inline SVG with no JavaScript:
// events per year stacked by kind (Timeline), one bar per row (Bars), and
// an organization's years (Strip). It gives each chart's elements both as
// data and as ready markup (markup.go), which a theme writes in one
// template action. It knows nothing of events: callers pass labels and
// counts.
package chart

import (
	"html/template"
	"math"
	"strconv"
)

// Chart is the geometry of a bar chart, computed at build time so the theme
// can draw it as inline SVG with no JavaScript. Colours come from CSS
// classes (Class), never from inline styles, so the chart follows light and
// dark themes and the Content-Security-Policy.
//
// A chart has two layouts. The SVG one (Bars, labels, Grid) is drawn in a
// viewBox Width units wide and scales with the page, text included: on a
// phone its 13-unit labels would shrink to 6 px. Rows is the same chart as
// one horizontal bar per row, for narrow screens: the theme writes each
// row's label and value as HTML text, which keeps the page's font size,
// and draws only the bar as SVG, stretched to the row's Width.
//
// Each element also has its geometry as ready attributes (Attrs, and a
// row's BarAttrs): a chart has hundreds of figures, and a template that
// writes them one by one calls an escaper through reflection for each,
// which made the years chart of each organization's page a large part of
// the page's cost. The attributes hold numbers and the package's own
// words only, never text a record gives.
type Chart struct {
	Width, Height int
	ViewBox       string // "0 0 Width Height"
	// Marks and RowsMarkup are the elements below as markup (markup.go).
	Marks, RowsMarkup template.HTML
	Bars              []Bar
	XLabels           []Label
	YLabels           []Label
	Grid              []Line
	Legend            []LegendItem
	Rows              []Row
	// LabelsAbove puts each row's label on its own line above the bar,
	// for labels too long to share a line with it (region names).
	LabelsAbove bool
}

// Row is one bar of the narrow layout. Width is the bar's length as a
// percentage of the longest bar's ("100%" for the longest, "" for a row
// whose Value is 0, which has no bar). The segments are laid end to end in
// units of one event, so the theme's SVG viewBox is Value units wide.
type Row struct {
	Label    string
	Value    int
	Width    string
	Segments []Segment
	// BarAttrs are the width and viewBox attributes of the row's bar:
	// width="Width" viewBox="0 0 Value 1".
	BarAttrs template.HTMLAttr
}

// Segment is one stacked part of a row's bar: W events from X.
type Segment struct {
	X, W  int
	Class string
	Label string
	Attrs template.HTMLAttr // x="X" y="0" width="W" height="1"
}

// rowWidth writes v as a percentage of maxV with one decimal, for the
// width attribute of a row's bar (an attribute, not a style, so that the
// Content-Security-Policy allows it).
func rowWidth(v, maxV int) string {
	if v <= 0 || maxV <= 0 {
		return ""
	}
	return strconv.FormatFloat(math.Round(float64(v)*1000/float64(maxV))/10, 'f', -1, 64) + "%"
}

// Bar is one rectangle; Label is its accessible text (shown as a tooltip).
type Bar struct {
	X, Y, W, H int
	Class      string
	Label      string
	Attrs      template.HTMLAttr // x="X" y="Y" width="W" height="H"
}

// Label is a piece of text placed on the chart.
type Label struct {
	X, Y   int
	Text   string
	Anchor string            // start, middle, end
	Attrs  template.HTMLAttr // x="X" y="Y" text-anchor="Anchor"
}

// Line is a grid line.
type Line struct {
	X1, Y1, X2, Y2 int
	Attrs          template.HTMLAttr // x1="X1" y1="Y1" x2="X2" y2="Y2"
}

// setAttrs writes the attributes of every element of c from its
// geometry.
func (c *Chart) setAttrs() *Chart {
	var b []byte
	num := func(name string, v int) {
		b = append(b, name...)
		b = append(b, '=', '"')
		b = strconv.AppendInt(b, int64(v), 10)
		b = append(b, '"')
	}
	attrs := func() template.HTMLAttr {
		s := template.HTMLAttr(b)
		b = b[:0]
		return s
	}
	c.ViewBox = "0 0 " + strconv.Itoa(c.Width) + " " + strconv.Itoa(c.Height)
	for i := range c.Grid {
		l := &c.Grid[i]
		num("x1", l.X1)
		num(" y1", l.Y1)
		num(" x2", l.X2)
		num(" y2", l.Y2)
		l.Attrs = attrs()
	}
	for i := range c.Bars {
		r := &c.Bars[i]
		num("x", r.X)
		num(" y", r.Y)
		num(" width", r.W)
		num(" height", r.H)
		r.Attrs = attrs()
	}
	for _, ls := range [][]Label{c.YLabels, c.XLabels} {
		for i := range ls {
			l := &ls[i]
			num("x", l.X)
			num(" y", l.Y)
			b = append(b, ` text-anchor="`...)
			b = append(b, l.Anchor...)
			b = append(b, '"')
			l.Attrs = attrs()
		}
	}
	for i := range c.Rows {
		r := &c.Rows[i]
		if r.Width != "" {
			b = append(b, `width="`...)
			b = append(b, r.Width...)
			b = append(b, `" viewBox="0 0 `...)
			b = strconv.AppendInt(b, int64(r.Value), 10)
			b = append(b, ` 1"`...)
			r.BarAttrs = attrs()
		}
		for j := range r.Segments {
			s := &r.Segments[j]
			num("x", s.X)
			b = append(b, ` y="0"`...)
			num(" width", s.W)
			b = append(b, ` height="1"`...)
			s.Attrs = attrs()
		}
	}
	c.setMarkup()
	return c
}

// LegendItem names a bar class.
type LegendItem struct {
	Class string
	Label string
}

// Series is one kind of segment of a stacked chart: its name in the
// legend and tooltips, and its CSS class.
type Series struct {
	Label string
	Class string
}

// Tip writes the tooltip of a bar or segment: n events in group (a year,
// a row's label), of the series named series, or "" for a chart of one
// series. The caller's words, such as theme.Theme.ChartTip: the package
// has none of its own for readers.
type Tip func(group string, n int, series string) string

// Timeline draws events per year, one stacked column per year, a segment
// per series. counts[y][k] is the number of events of series k in year y.
func Timeline(years []int, kinds []Series, counts map[int][]int, tip Tip) *Chart {
	const (
		w, h                     = 720, 320
		left, right, top, bottom = 40, 10, 10, 40
	)
	c := &Chart{Width: w, Height: h}
	maxTotal := 1
	for _, y := range years {
		t := 0
		for _, n := range counts[y] {
			t += n
		}
		maxTotal = max(maxTotal, t)
	}
	step := niceStep(maxTotal)
	top2 := ((maxTotal + step - 1) / step) * step
	plotH := h - top - bottom
	plotW := w - left - right
	for v := 0; v <= top2; v += step {
		y := top + plotH - v*plotH/top2
		c.Grid = append(c.Grid, Line{X1: left, Y1: y, X2: w - right, Y2: y})
		c.YLabels = append(c.YLabels, Label{X: left - 6, Y: y + 4, Text: strconv.Itoa(v), Anchor: "end"})
	}
	if len(years) == 0 {
		return c.setAttrs()
	}
	slot := plotW / len(years)
	barW := max(4, slot*6/10)
	for i, y := range years {
		x := left + i*slot + (slot-barW)/2
		base := top + plotH
		for k, n := range counts[y] {
			if n == 0 {
				continue
			}
			bh := n * plotH / top2
			base -= bh
			c.Bars = append(c.Bars, Bar{X: x, Y: base, W: barW, H: bh, Class: kinds[k].Class, Label: tip(strconv.Itoa(y), n, kinds[k].Label)})
		}
		c.XLabels = append(c.XLabels, Label{X: x + barW/2, Y: h - bottom + 18, Text: strconv.Itoa(y), Anchor: "middle"})
	}
	for _, y := range years {
		row := Row{Label: strconv.Itoa(y)}
		for k, n := range counts[y] {
			if n == 0 {
				continue
			}
			row.Segments = append(row.Segments, Segment{X: row.Value, W: n, Class: kinds[k].Class, Label: tip(strconv.Itoa(y), n, kinds[k].Label)})
			row.Value += n
		}
		row.Width = rowWidth(row.Value, maxTotal)
		c.Rows = append(c.Rows, row)
	}
	for _, k := range kinds {
		c.Legend = append(c.Legend, LegendItem{Class: k.Class, Label: k.Label})
	}
	return c.setAttrs()
}

// Bars draws one horizontal bar per row, labelled on the left.
func Bars(labels []string, values []int, tip Tip) *Chart {
	const (
		w, rowH, labelW, right, top = 720, 40, 230, 50, 10
	)
	h := top*2 + rowH*len(labels)
	c := &Chart{Width: w, Height: h, LabelsAbove: true}
	maxV := 1
	for _, v := range values {
		maxV = max(maxV, v)
	}
	plotW := w - labelW - right
	for i, l := range labels {
		y := top + i*rowH
		bw := values[i] * plotW / maxV
		if values[i] > 0 {
			bw = max(bw, 3)
		}
		c.Bars = append(c.Bars, Bar{X: labelW, Y: y + 8, W: bw, H: rowH - 16, Class: "bar", Label: tip(l, values[i], "")})
		c.YLabels = append(c.YLabels, Label{X: labelW - 10, Y: y + rowH/2 + 5, Text: l, Anchor: "end"})
		c.XLabels = append(c.XLabels, Label{X: labelW + bw + 8, Y: y + rowH/2 + 5, Text: strconv.Itoa(values[i]), Anchor: "start"})
		row := Row{Label: l, Value: values[i], Width: rowWidth(values[i], maxV)}
		if values[i] > 0 {
			row.Segments = []Segment{{W: values[i], Class: "bar", Label: tip(l, values[i], "")}}
		}
		c.Rows = append(c.Rows, row)
	}
	return c.setAttrs()
}

// niceStep picks a grid step of 1, 2 or 5 times a power of ten giving at
// most about five lines.
func niceStep(maxV int) int {
	for p := 1; ; p *= 10 {
		for _, m := range []int{1, 2, 5} {
			if maxV/(m*p) <= 5 {
				return m * p
			}
		}
	}
}
