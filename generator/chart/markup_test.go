package chart

import (
	"html/template"
	"strings"
	"testing"
)

// perFigure is how a theme writes a chart's elements one action a figure
// (the default theme did until Marks and RowsMarkup): the markup they
// hold must be the same, escaping included.
var perFigure = template.Must(template.New("").Parse(`{{define "marks"}}
{{- range .Grid}}
<line class="chart-grid" x1="{{.X1}}" y1="{{.Y1}}" x2="{{.X2}}" y2="{{.Y2}}"/>
{{- end}}
{{- range .Bars}}
<rect class="chart-bar {{.Class}}" x="{{.X}}" y="{{.Y}}" width="{{.W}}" height="{{.H}}"><title>{{.Label}}</title></rect>
{{- end}}
{{- range .YLabels}}
<text class="chart-label" x="{{.X}}" y="{{.Y}}" text-anchor="{{.Anchor}}">{{.Text}}</text>
{{- end}}
{{- range .XLabels}}
<text class="chart-label" x="{{.X}}" y="{{.Y}}" text-anchor="{{.Anchor}}">{{.Text}}</text>
{{- end}}
{{- end}}
{{define "rows"}}
{{- range .Rows}}
<li class="chart-row"><span class="chart-row-label">{{.Label}}</span><span class="chart-row-track">
{{- if .Width}}<svg class="chart-row-bar" width="{{.Width}}" viewBox="0 0 {{.Value}} 1" preserveAspectRatio="none" aria-hidden="true" focusable="false">
{{- range .Segments}}<rect class="chart-bar {{.Class}}" x="{{.X}}" y="0" width="{{.W}}" height="1"><title>{{.Label}}</title></rect>{{end -}}
</svg>{{end -}}
<span class="chart-row-value">{{.Value}}</span></span></li>
{{- end}}
{{- end}}`))

func TestMarkupAsPerFigure(t *testing.T) {
	hostile := "A & B <i>\"c\"</i> 'd' +e \x00 é"
	tip := func(group string, n int, series string) string { return group + " " + series + " " + hostile }
	charts := map[string]*Chart{
		"timeline": Timeline([]int{2015, 2016, 2017}, []Series{{"Annual", "k0"}, {hostile, "k1"}}, map[int][]int{2015: {1, 0}, 2016: {0, 0}, 2017: {1, 6}}, tip),
		"bars":     Bars([]string{hostile, "Global", "Americas"}, []int{10, 3, 0}, tip),
		"strip":    Strip([]int{2013, 2014, 2015, 2016}, map[int]int{2013: 2, 2015: 5, 2016: 1}, hostile),
		"empty":    Strip(nil, nil, "consultations"),
	}
	for name, c := range charts {
		for tmpl, got := range map[string]template.HTML{"marks": c.Marks, "rows": c.RowsMarkup} {
			var want strings.Builder
			if err := perFigure.ExecuteTemplate(&want, tmpl, c); err != nil {
				t.Fatal(err)
			}
			if string(got) != want.String() {
				t.Errorf("%s %s:\n%s\nwant, as a template writes them one by one:\n%s", name, tmpl, got, want.String())
			}
		}
	}
	if !strings.Contains(string(charts["bars"].Marks), "A &amp; B &lt;i&gt;&#34;c&#34;&lt;/i&gt; &#39;d&#39; &#43;e \uFFFD é") {
		t.Errorf("labels not escaped:\n%s", charts["bars"].Marks)
	}
}
