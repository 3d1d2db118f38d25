package chart

import (
	"html/template"
	"strconv"
)

// The marks of a chart as markup, for a theme that draws them as the
// default theme does (its partials/chart.html): a chart of an
// organization's years has about 60 elements and 200 figures, and a
// template that writes them one by one calls an escaper through
// reflection for each, which made the chart most of the cost of an
// organization's page. A theme that draws its charts otherwise reads the
// elements (Grid, Bars, YLabels, XLabels, Rows) instead.
//
// Marks is the wide layout's elements, each after a newline, to go
// between the SVG's desc and its end:
//
//	<line class="chart-grid" x1=".." y1=".." x2=".." y2=".."/>
//	<rect class="chart-bar CLASS" x=".." y=".." width=".." height=".."><title>LABEL</title></rect>
//	<text class="chart-label" x=".." y=".." text-anchor="..">TEXT</text>
//
// RowsMarkup is the narrow layout's rows, each after a newline, to go in
// its <ol>:
//
//	<li class="chart-row"><span class="chart-row-label">LABEL</span><span class="chart-row-track"><svg class="chart-row-bar" width=".." viewBox=".." preserveAspectRatio="none" aria-hidden="true" focusable="false"><rect class="chart-bar CLASS" x=".." y="0" width=".." height="1"><title>LABEL</title></rect></svg><span class="chart-row-value">VALUE</span></span></li>
//
// (a row whose value is 0 has no svg). Text is escaped as html/template
// escapes it.

// setMarkup writes c's Marks and RowsMarkup from its elements, whose
// Attrs are set.
func (c *Chart) setMarkup() {
	var b []byte
	for _, l := range c.Grid {
		b = append(b, "\n<line class=\"chart-grid\" "...)
		b = append(b, l.Attrs...)
		b = append(b, "/>"...)
	}
	for _, r := range c.Bars {
		b = appendBar(append(b, '\n'), r.Class, r.Attrs, r.Label)
	}
	for _, ls := range [][]Label{c.YLabels, c.XLabels} {
		for _, l := range ls {
			b = append(b, "\n<text class=\"chart-label\" "...)
			b = append(b, l.Attrs...)
			b = append(b, '>')
			b = appendEscaped(b, l.Text)
			b = append(b, "</text>"...)
		}
	}
	c.Marks = template.HTML(b)
	b = b[:0]
	for _, r := range c.Rows {
		b = append(b, "\n<li class=\"chart-row\"><span class=\"chart-row-label\">"...)
		b = appendEscaped(b, r.Label)
		b = append(b, "</span><span class=\"chart-row-track\">"...)
		if r.Width != "" {
			b = append(b, "<svg class=\"chart-row-bar\" "...)
			b = append(b, r.BarAttrs...)
			b = append(b, " preserveAspectRatio=\"none\" aria-hidden=\"true\" focusable=\"false\">"...)
			for _, s := range r.Segments {
				b = appendBar(b, s.Class, s.Attrs, s.Label)
			}
			b = append(b, "</svg>"...)
		}
		b = append(b, "<span class=\"chart-row-value\">"...)
		b = strconv.AppendInt(b, int64(r.Value), 10)
		b = append(b, "</span></span></li>"...)
	}
	c.RowsMarkup = template.HTML(b)
}

// appendEscaped appends s to b escaped as html/template escapes a string
// in text and in a quoted attribute: the characters that could end
// either, and "+" (which it escapes everywhere, for UTF-7).
func appendEscaped(b []byte, s string) []byte {
	last := 0
	for i := 0; i < len(s); i++ {
		var r string
		switch s[i] {
		case 0:
			r = "\uFFFD"
		case '"':
			r = "&#34;"
		case '&':
			r = "&amp;"
		case '\'':
			r = "&#39;"
		case '+':
			r = "&#43;"
		case '<':
			r = "&lt;"
		case '>':
			r = "&gt;"
		default:
			continue
		}
		b = append(b, s[last:i]...)
		b = append(b, r...)
		last = i + 1
	}
	return append(b, s[last:]...)
}

// appendBar appends a bar, or a row's segment, with its tooltip: the
// class is the series' and the label the reader's text, both escaped.
func appendBar(b []byte, class string, attrs template.HTMLAttr, label string) []byte {
	b = append(b, "<rect class=\"chart-bar "...)
	b = appendEscaped(b, class)
	b = append(b, "\" "...)
	b = append(b, attrs...)
	b = append(b, "><title>"...)
	b = appendEscaped(b, label)
	return append(b, "</title></rect>"...)
}
