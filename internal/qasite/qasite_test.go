package qasite

import (
	"math"
	"strings"
	"testing"

	"github.com/iom-cso/archive/generator/output"
)

func TestNetlifyPattern(t *testing.T) {
	for _, tc := range []struct {
		pattern, path string
		want          bool
	}{
		{"/*", "/", true},
		{"/*", "/years/2013/", true},
		{"/assets/*", "/assets/css/site.1a2b3c4d.css", true},
		{"/assets/*", "/about/", false},
		{"/*.ics", "/annual-consultations/2013-x/2013-x.ics", true},
		{"/*.ics", "/calendar.ics.html", false},
		{"/feed.xml", "/feed.xml", true},
		{"/feed.xml", "/feedxxml", false},
		{"/:kind/index.html", "/annual/index.html", true},
		{"/:kind/index.html", "/a/b/index.html", false},
	} {
		re, err := netlifyPattern(tc.pattern)
		if err != nil {
			t.Fatal(err)
		}
		if got := re.MatchString(tc.path); got != tc.want {
			t.Errorf("%s matches %s = %v, want %v", tc.pattern, tc.path, got, tc.want)
		}
	}
}

func TestContrast(t *testing.T) {
	white, black := [3]float64{255, 255, 255}, [3]float64{0, 0, 0}
	if c := Contrast(white, black); math.Abs(c-21) > 0.01 {
		t.Errorf("Contrast(white, black) = %.2f, want 21", c)
	}
	if c, ok := ParseRGB("rgba(11, 58, 117, 0.5)"); !ok || c != [3]float64{11, 58, 117} {
		t.Errorf("parseRGB = %v, %v", c, ok)
	}
}

// TestOnePerLayout: Lighthouse measures one page of each layout, the
// largest, and a page whose layout cannot be read is never folded into
// another's.
func TestOnePerLayout(t *testing.T) {
	s := ServeFiles(output.Files{
		"years/2017/index.html":     []byte(`<body class="layout-list"><main>short</main>`),
		"regions/global/index.html": []byte(`<body class="layout-list"><main>a longer page of the same layout</main>`),
		"regions/africa/index.html": []byte(`<body class="layout-list"><main>a longer page of the same size</main>`),
		"events/x/index.html":       []byte(`<body class="dark layout-event" id="top">`),
		"about/index.html":          []byte(`<body>`),
		"follow/index.html":         []byte(`<body>`),
		"404.html":                  []byte(`<body class="layout-404">`),
		"search/index.html":         []byte(`<body class="layout-search">`),
	}, nil)
	defer s.Close()
	pages := []Page{
		{"year", "/years/2017/", 200},
		{"event", "/events/x/", 200},
		{"global", "/regions/global/", 200},
		{"africa", "/regions/africa/", 200},
		{"about", "/about/", 200},
		{"follow", "/follow/", 200},
		{"search", "/search/?q=migration", 200},
		{"404", "/no/such/page/", 404},
	}
	var got []string
	for _, p := range s.OnePerLayout(pages) {
		got = append(got, s.Layout(p)+"="+p.Name)
	}
	want := "list=global event=event page:about=about page:follow=follow search=search 404=404"
	if strings.Join(got, " ") != want {
		t.Errorf("OnePerLayout = %s\nwant %s", strings.Join(got, " "), want)
	}
}
