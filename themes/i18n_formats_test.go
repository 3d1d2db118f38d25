package themes

import (
	"testing"
	"time"

	"github.com/iom-cso/archive/generator/theme"
)

// TestShippedFormats: the French and Spanish patterns put the day, the
// month and the year in each language's order, and write sizes and
// tooltips the way each language does. The English ones are covered by
// the generator's golden site.
func TestShippedFormats(t *testing.T) {
	day := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
	const nb = "\u00a0"
	for _, c := range []struct {
		lang string
		got  func(*theme.Theme) string
		want string
	}{
		{"fr", func(th *theme.Theme) string { return th.Date(day(2013, 9, 12)) }, "12 septembre 2013"},
		{"fr", func(th *theme.Theme) string { return th.DateRange(day(2017, 8, 28), day(2017, 8, 29)) }, "28–29 août 2017"},
		{"fr", func(th *theme.Theme) string { return th.DateRange(day(2017, 8, 28), day(2017, 9, 2)) }, "28 août – 2 septembre 2017"},
		{"fr", func(th *theme.Theme) string { return th.DateRange(day(2017, 12, 30), day(2018, 1, 2)) }, "30 décembre 2017 – 2 janvier 2018"},
		// The first of the month is an ordinal in French (i18n day_1), in
		// a date and at either end of a range; not in English or Spanish.
		{"fr", func(th *theme.Theme) string { return th.Date(day(2019, 1, 1)) }, "1er janvier 2019"},
		{"fr", func(th *theme.Theme) string { return th.DateRange(day(2019, 3, 1), day(2019, 3, 2)) }, "1er–2 mars 2019"},
		{"fr", func(th *theme.Theme) string { return th.DateRange(day(2019, 2, 28), day(2019, 3, 1)) }, "28 février – 1er mars 2019"},
		{"fr", func(th *theme.Theme) string { return th.DateRange(day(2018, 12, 31), day(2019, 1, 1)) }, "31 décembre 2018 – 1er janvier 2019"},
		{"fr", func(th *theme.Theme) string { return th.DateRange(day(2019, 3, 10), day(2019, 3, 11)) }, "10–11 mars 2019"},
		{"en", func(th *theme.Theme) string { return th.DateRange(day(2019, 3, 1), day(2019, 3, 2)) }, "1–2 March 2019"},
		{"es", func(th *theme.Theme) string { return th.Date(day(2019, 1, 1)) }, "1 de enero de 2019"},
		{"fr", func(th *theme.Theme) string { return th.Bytes(1) }, "1" + nb + "octet"},
		{"fr", func(th *theme.Theme) string { return th.Bytes(312) }, "312" + nb + "octets"},
		{"fr", func(th *theme.Theme) string { return th.Bytes(312_000) }, "312" + nb + "Ko"},
		{"fr", func(th *theme.Theme) string { return th.Bytes(1_400_000) }, "1,4" + nb + "Mo"},
		{"fr", func(th *theme.Theme) string { return th.ChartTip("2013", 3, "Séries") }, "2013" + nb + ": 3 × Séries"},
		{"es", func(th *theme.Theme) string { return th.Date(day(2013, 9, 12)) }, "12 de septiembre de 2013"},
		{"es", func(th *theme.Theme) string { return th.DateRange(day(2017, 8, 28), day(2017, 8, 29)) }, "28–29 de agosto de 2017"},
		{"es", func(th *theme.Theme) string { return th.DateRange(day(2017, 8, 28), day(2017, 9, 2)) }, "28 de agosto – 2 de septiembre de 2017"},
		{"es", func(th *theme.Theme) string { return th.Bytes(1_400_000) }, "1,4 MB"},
		{"es", func(th *theme.Theme) string { return th.ChartTip("África", 12, "") }, "África: 12"},
	} {
		th, err := theme.Load(Default(), theme.Options{Lang: c.lang, Dir: "themes/default", BaseURL: "https://x.example/"})
		if err != nil {
			t.Fatalf("%s: %v", c.lang, err)
		}
		if got := c.got(th); got != c.want {
			t.Errorf("%s: got %q, want %q", c.lang, got, c.want)
		}
	}
}
