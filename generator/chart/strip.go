package chart

import "strconv"

// Strip draws a small chart of events per year: one column per year of
// years (oldest first, gaps included), counts[y] high, all of one series
// named label. It is the years chart of one organization, lower than
// Timeline's so that it sits beside the text it illustrates; on narrow
// screens its rows (one per year, labels as HTML text) keep it legible.
func Strip(years []int, counts map[int]int, label string) *Chart {
	const (
		w, h                     = 720, 160
		left, right, top, bottom = 40, 10, 10, 36
	)
	c := &Chart{Width: w, Height: h}
	maxV := 1
	for _, y := range years {
		maxV = max(maxV, counts[y])
	}
	step := niceStep(maxV)
	if step*2 < maxV {
		step *= 2 // at most about three lines: the strip is low
	}
	top2 := ((maxV + step - 1) / step) * step
	plotH, plotW := h-top-bottom, w-left-right
	for v := 0; v <= top2; v += step {
		y := top + plotH - v*plotH/top2
		c.Grid = append(c.Grid, Line{X1: left, Y1: y, X2: w - right, Y2: y})
		c.YLabels = append(c.YLabels, Label{X: left - 6, Y: y + 4, Text: strconv.Itoa(v), Anchor: "end"})
	}
	if len(years) == 0 {
		return c.setAttrs()
	}
	slot := plotW / len(years)
	barW := min(40, max(4, slot*6/10)) // a lone year is a bar, not a wall
	// Labels every few years when they would touch: a year takes about
	// 40 units at the chart's 13-unit type.
	every := max(1, (40+slot-1)/slot)
	for i, y := range years {
		x := left + i*slot + (slot-barW)/2
		n := counts[y]
		text := strconv.Itoa(y) + ": " + strconv.Itoa(n) + " × " + label
		if n > 0 {
			bh := max(2, n*plotH/top2)
			c.Bars = append(c.Bars, Bar{X: x, Y: top + plotH - bh, W: barW, H: bh, Class: "k0", Label: text})
		}
		if i%every == 0 {
			c.XLabels = append(c.XLabels, Label{X: x + barW/2, Y: h - bottom + 18, Text: strconv.Itoa(y), Anchor: "middle"})
		}
		row := Row{Label: strconv.Itoa(y), Value: n, Width: rowWidth(n, maxV)}
		if n > 0 {
			row.Segments = []Segment{{W: n, Class: "k0", Label: text}}
		}
		c.Rows = append(c.Rows, row)
	}
	return c.setAttrs()
}
