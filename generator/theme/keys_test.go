package theme

import (
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

// spanish is testStrings in Spanish order: the patterns, not the code,
// decide where the day, the month and the year go.
var spanish = strings.NewReplacer(
	`date: "%[1]d %[2]s %[3]d"`, `date: "%[1]d de %[2]s de %[3]d"`,
	`date_range_days: "%[1]d–%[2]d %[3]s %[4]d"`, `date_range_days: "del %[1]d al %[2]d de %[3]s de %[4]d"`,
	`date_range_months: "%[1]d %[2]s – %[3]d %[4]s %[5]d"`, `date_range_months: "del %[1]d de %[2]s al %[3]d de %[4]s de %[5]d"`,
	`size_mb: "%s MB"`, `size_mb: "%s MB"`,
	`decimal_separator: "."`, `decimal_separator: ","`,
	`chart_tip_series: "%[1]s: %[2]d × %[3]s"`, `chart_tip_series: "%[3]s en %[1]s: %[2]d"`,
	"September", "septiembre", "August", "agosto",
).Replace(testStrings)

func TestLanguageOrder(t *testing.T) {
	th, err := Load(fstest.MapFS{
		"layouts/_base.html": {Data: []byte(`{{template "main" .}}`)},
		"i18n/es.yaml":       {Data: []byte(spanish)},
	}, Options{Lang: "es"})
	if err != nil {
		t.Fatal(err)
	}
	d := func(s string) time.Time { t, _ := time.Parse("2006-01-02", s); return t }
	for _, c := range []struct{ got, want string }{
		{th.Date(d("2013-09-12")), "12 de septiembre de 2013"},
		{th.DateRange(d("2017-08-04"), d("2017-08-05")), "del 4 al 5 de agosto de 2017"},
		{th.DateRange(d("2017-08-28"), d("2017-09-02")), "del 28 de agosto al 2 de septiembre de 2017"},
		{th.Bytes(1_449_000), "1,4 MB"},
		{th.ChartTip("2013", 3, "Anual"), "Anual en 2013: 3"},
		{th.ChartTip("África", 12, ""), "África: 12"},
	} {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
}

// TestMissingKeys: a key the program or a layout asks for, missing from
// the i18n file or in the wrong form, is an error when the theme loads,
// naming the file and the keys, rather than a key shown on a page.
func TestMissingKeys(t *testing.T) {
	base := `{{define "main"}}{{T "hello" .}} {{Tn "events" 2}}{{end}}`
	for _, c := range []struct {
		name, layout, strs string
		keys               []string
		want               string
	}{
		{"a Go key", base, strings.Replace(testStrings, "date: ", "# date: ", 1), nil,
			"theme/i18n/en.yaml: missing key: date; the default theme's i18n/en.yaml has every key"},
		{"a layout's key", `{{define "main"}}{{if .X}}{{range .Y}}{{T "nowhere" .}}{{end}}{{end}}{{end}}`, testStrings, nil,
			"missing key: nowhere;"},
		{"the caller's keys", base, testStrings, []string{"doc_type_pdf", "hello", "format_online"},
			"missing keys: doc_type_pdf, format_online;"},
		{"a plural for T", `{{define "main"}}{{T "events"}}{{end}}`, testStrings, nil,
			"this key has the wrong form: events (a string, not a plural)"},
		{"a string for Tn", `{{define "main"}}{{Tn "hello" 2}}{{end}}`, testStrings, nil,
			"hello (a plural, with one: and other:)"},
		{"a plural without other", base, strings.Replace(testStrings, `other: "%d events"`, `many: "%d events"`, 1), nil,
			"events (a plural needs both one: and other: strings)"},
	} {
		_, err := Load(fstest.MapFS{
			"layouts/_base.html": {Data: []byte(`{{template "main" .}}`)},
			"layouts/page.html":  {Data: []byte(c.layout)},
			"i18n/en.yaml":       {Data: []byte(c.strs)},
		}, Options{Lang: "en", Keys: c.keys})
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v, want %q", c.name, err, c.want)
		}
	}
}

func TestDocType(t *testing.T) {
	th, err := Load(fstest.MapFS{
		"layouts/_base.html": {Data: []byte(`x`)},
		"i18n/en.yaml":       {Data: []byte(testStrings + "doc_type_web: \"Web page\"\n")},
	}, Options{Lang: "en", Keys: []string{"doc_type_web"}})
	if err != nil {
		t.Fatal(err)
	}
	if got := th.DocType("web"); got != "Web page" {
		t.Errorf("DocType(web) = %q", got)
	}
	if got := th.DocType("nope"); got != "" {
		t.Errorf("DocType(nope) = %q", got)
	}
}
