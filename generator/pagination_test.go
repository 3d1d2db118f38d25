package generator_test

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/iom-cso/archive/generator"
	"github.com/iom-cso/archive/generator/output"
	"github.com/iom-cso/archive/internal/synth"
)

const pagedSiteYAML = `title: T
base_url: https://x.example/
kinds:
  - {key: annual-consultation, folder: annual-consultations, name: Annual, plural: Annual consultations}
  - {key: info-session, folder: information-sessions, name: Session, plural: Sessions}
regions:
  - {key: global, name: Global}
  - {key: africa, name: Africa}
`

// pagedSite is a site with n annual consultations, all in region global:
// the first 130 in 2013, the others in 2014, one a day, so that newest
// first the list is 2014's from the last, then 2013's. slugs returns
// their URLs in that order.
func pagedSite(n int) (fstest.MapFS, []string) {
	fsys := fstest.MapFS{"site.yaml": {Data: []byte(pagedSiteYAML)}}
	var urls []string
	for i := range n {
		year, day := 2013, i
		if i >= 130 {
			year, day = 2014, i-130
		}
		date := fmt.Sprintf("%d-%02d-%02d", year, 1+day/28, 1+day%28)
		slug := fmt.Sprintf("%s-e%03d", date, i)
		fsys["annual-consultations/"+slug+".md"] = &fstest.MapFile{Data: []byte(checkEvent(fmt.Sprintf("Event %d", i), date, "Body.\n"))}
		urls = append(urls, "/annual-consultations/"+slug+"/")
	}
	slices.Reverse(urls)
	return fsys, urls
}

var (
	itemRE      = regexp.MustCompile(`<h3 class="event-item-title"><a href="([^"]+)">`)
	titleRE     = regexp.MustCompile(`<title>([^<]*)</title>`)
	canonicalRE = regexp.MustCompile(`<link rel="canonical" href="([^"]+)">`)
	relRE       = regexp.MustCompile(`<link rel="(prev|next)" href="([^"]+)">`)
	currentRE   = regexp.MustCompile(`<a class="pager-page" href="([^"]+)" aria-label="Page (\d+)" aria-current="page">(\d+)</a>`)
	yearHeadRE  = regexp.MustCompile(`<h2 id="y-\d+" class="year-heading">([^<]*)</h2>`)
	sitemapRE   = regexp.MustCompile(`<loc>([^<]+)</loc>`)
)

// TestPaginationBoundaries builds indexes of 99, 100, 101 and 250 events
// with the default page size of 100 and reads every page: how many there
// are, which events each lists, in order, its title, canonical URL,
// rel links, pager and year headings, and the sitemap.
func TestPaginationBoundaries(t *testing.T) {
	for _, tc := range []struct {
		n, pages int
		// headings are the year headings of each page.
		headings [][]string
	}{
		{99, 1, nil},
		{100, 1, nil},
		{101, 2, [][]string{{"2013"}, {"2013 (continued)"}}},
		{250, 3, [][]string{{"2014"}, {"2014 (continued)", "2013"}, {"2013 (continued)"}}},
	} {
		t.Run(fmt.Sprint(tc.n), func(t *testing.T) {
			fsys, urls := pagedSite(tc.n)
			files := build(t, generator.Config{Content: fsys, Today: today})
			for _, index := range []string{"/annual-consultations/", "/regions/global/"} {
				var listed []string
				for p := 1; p <= tc.pages; p++ {
					u := index
					if p > 1 {
						u = fmt.Sprintf("%spage/%d/", index, p)
					}
					page := string(files[strings.TrimPrefix(u, "/")+"index.html"])
					if page == "" {
						t.Fatalf("%s: not built", u)
					}
					items := itemRE.FindAllStringSubmatch(page, -1)
					want := urls[(p-1)*100 : min(p*100, len(urls))]
					var got []string
					for _, m := range items {
						got = append(got, m[1])
					}
					if !slices.Equal(got, want) {
						t.Errorf("%s lists %d events, %v…; want %d, %v…", u, len(got), got[:min(2, len(got))], len(want), want[:2])
					}
					listed = append(listed, got...)
					if m := canonicalRE.FindStringSubmatch(page); m == nil || m[1] != "https://x.example"+u {
						t.Errorf("%s: canonical %v", u, m)
					}
					heading := "Annual consultations"
					if index == "/regions/global/" {
						heading = "Global"
					}
					wantTitle := heading + " · T"
					if p > 1 {
						wantTitle = fmt.Sprintf("%s — page %d of %d · T", heading, p, tc.pages)
					}
					if m := titleRE.FindStringSubmatch(page); m == nil || m[1] != wantTitle {
						t.Errorf("%s: title %v, want %q", u, m, wantTitle)
					}
					var rels []string
					for _, m := range relRE.FindAllStringSubmatch(page, -1) {
						rels = append(rels, m[1]+" "+m[2])
					}
					var wantRels []string
					if p == 2 {
						wantRels = append(wantRels, "prev https://x.example"+index)
					} else if p > 2 {
						wantRels = append(wantRels, fmt.Sprintf("prev https://x.example%spage/%d/", index, p-1))
					}
					if p < tc.pages {
						wantRels = append(wantRels, fmt.Sprintf("next https://x.example%spage/%d/", index, p+1))
					}
					if !slices.Equal(rels, wantRels) {
						t.Errorf("%s: rel links %q, want %q", u, rels, wantRels)
					}
					cur := currentRE.FindAllStringSubmatch(page, -1)
					switch {
					case tc.pages == 1:
						if len(cur) > 0 || strings.Contains(page, `class="pager"`) {
							t.Errorf("%s: a pager on an index of one page", u)
						}
					case len(cur) != 1 || cur[0][1] != u || cur[0][2] != fmt.Sprint(p) || cur[0][3] != fmt.Sprint(p):
						t.Errorf("%s: aria-current on %q, want one link to itself, page %d", u, cur, p)
					case !strings.Contains(page, `<nav class="pager" aria-label="Pages">`):
						t.Errorf("%s: no pager landmark", u)
					case !strings.Contains(page, fmt.Sprintf("%d events<span class=\"sep\" aria-hidden=\"true\"> · </span>page %d of %d, %s</p>", tc.n, p, tc.pages, positions(p, tc.n))):
						t.Errorf("%s: no count of the page's events", u)
					}
					if tc.headings != nil {
						var hs []string
						for _, m := range yearHeadRE.FindAllStringSubmatch(page, -1) {
							hs = append(hs, m[1])
						}
						if !slices.Equal(hs, tc.headings[p-1]) {
							t.Errorf("%s: year headings %q, want %q", u, hs, tc.headings[p-1])
						}
					}
				}
				if !slices.Equal(listed, urls) {
					t.Errorf("%s: the pages list %d events together, want each of the %d once, in order", index, len(listed), len(urls))
				}
				for _, p := range []string{index + "page/1/", fmt.Sprintf("%spage/%d/", index, tc.pages+1)} {
					if _, ok := files[strings.TrimPrefix(p, "/")+"index.html"]; ok {
						t.Errorf("%s built", p)
					}
				}
			}
			// The year 2013 holds up to 130 events: two pages when it has
			// more than 100.
			if _, ok := files["years/2013/page/2/index.html"]; ok != (tc.n > 100) {
				t.Errorf("years/2013/page/2/ built: %v", ok)
			}
			var pages, locs []string
			for p := range files {
				if strings.HasSuffix(p, ".html") && p != "404.html" {
					pages = append(pages, "https://x.example/"+strings.TrimSuffix(p, "index.html"))
				}
			}
			for _, m := range sitemapRE.FindAllStringSubmatch(string(files["sitemap.xml"]), -1) {
				locs = append(locs, m[1])
			}
			slices.Sort(pages)
			slices.Sort(locs)
			if !slices.Equal(pages, locs) {
				t.Errorf("sitemap lists %d pages, the site has %d:\n%q\n%q", len(locs), len(pages), locs, pages)
			}
		})
	}
}

// positions says which events page p of an index of n lists.
func positions(p, n int) string {
	first, last := (p-1)*100+1, min(p*100, n)
	if first == last {
		return fmt.Sprintf("event %d", first)
	}
	return fmt.Sprintf("events %d to %d", first, last)
}

// TestPageSlugRefused: an event named page would have the address of the
// folder of its kind's further pages; it is refused at the top of its
// file, by build and by check, however few events the kind has. An alias
// may not hide a page of an index either.
func TestPageSlugRefused(t *testing.T) {
	const msg = "event /annual-consultations/page/ would take the address of the folder of the further pages of the index of Annual consultations (/annual-consultations/page/2/ and on): rename this file (its name is the address)"
	for _, name := range []string{"annual-consultations/page.md", "annual-consultations/page/index.md"} {
		fsys := fstest.MapFS{"site.yaml": {Data: []byte(checkSiteYAML)}, name: {Data: []byte(checkEvent("A", "2013-01-01", "Body.\n"))}}
		_, _, err := generator.Build(context.Background(), generator.Config{Content: fsys})
		want := "content/" + name + ":1:1: " + msg
		if got := messages(t, err); !slices.Equal(got, []string{want}) {
			t.Errorf("build: %q, want %q", got, want)
		}
		problems, err := generator.Check(context.Background(), generator.Config{Content: fsys})
		if err != nil {
			t.Fatal(err)
		}
		if got := formatProblems(problems); !slices.Equal(got, []string{name + ":1:1: error: " + msg}) {
			t.Errorf("check: %q", got)
		}
	}
	// A slug that only starts with page is an ordinary slug.
	fsys := fstest.MapFS{"site.yaml": {Data: []byte(checkSiteYAML)}, "annual-consultations/pages.md": {Data: []byte(checkEvent("A", "2013-01-01", "Body.\n"))}}
	build(t, generator.Config{Content: fsys})

	fsys, _ = pagedSite(3)
	name := "annual-consultations/2013-01-01-e000.md"
	fsys[name].Data = []byte(strings.Replace(string(fsys[name].Data), "region:", "aliases: [/annual-consultations/page/2/, /regions/global/page/3/, /annual-consultations/page/1/]\nregion:", 1))
	_, _, err := generator.Build(context.Background(), generator.Config{Content: fsys, PageSize: 1})
	want := []string{
		"content/" + name + ":5:10: alias /annual-consultations/page/2/ is the address of an existing page; a redirect there would hide it: remove the alias",
		"content/" + name + ":5:10: alias /regions/global/page/3/ is the address of an existing page; a redirect there would hide it: remove the alias",
	}
	if got := messages(t, err); !slices.Equal(got, want) {
		t.Errorf("aliases: %q, want %q", got, want)
	}
}

// TestLinksToIndexPages: check knows the pages of the indexes; a link to
// one that a draft alone fills is a link to a draft.
func TestLinksToIndexPages(t *testing.T) {
	fsys, _ := pagedSite(101)
	fsys["about.md"] = &fstest.MapFile{Data: []byte("---\ntitle: About\n---\n[2](/annual-consultations/page/2/) [3](/annual-consultations/page/3/) [1](/annual-consultations/page/1/) [y](/years/2013/page/2/) [y](/years/2014/page/2/)\n")}
	problems, err := generator.Check(context.Background(), generator.Config{Content: fsys})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"about.md:4:36: error: link to /annual-consultations/page/3/: there is no such page or file on the site",
		"about.md:4:71: error: link to /annual-consultations/page/1/: there is no such page or file on the site",
		"about.md:4:131: error: link to /years/2014/page/2/: there is no such page or file on the site",
	}
	if got := formatProblems(problems); !slices.Equal(got, want) {
		t.Errorf("check:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// The 101st event a draft: page 2 exists only with drafts.
	var name string
	for n := range fsys {
		if strings.HasSuffix(n, "-e100.md") {
			name = n
		}
	}
	fsys[name].Data = []byte(strings.Replace(string(fsys[name].Data), "region:", "draft: true\nregion:", 1))
	fsys["about.md"] = &fstest.MapFile{Data: []byte("---\ntitle: About\n---\n[2](/annual-consultations/page/2/)\n")}
	problems, err = generator.Check(context.Background(), generator.Config{Content: fsys})
	if err != nil {
		t.Fatal(err)
	}
	want = []string{"about.md:4:1: warning: link to /annual-consultations/page/2/: that page is a draft, so the link is broken until it is published"}
	if got := formatProblems(problems); !slices.Equal(got, want) {
		t.Errorf("check with a draft:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestStats: the page count Build and Check report is the number of HTML
// pages Build writes, drafts left out by Check, and the paginated indexes
// are counted.
func TestStats(t *testing.T) {
	fsys := synth.Generate(120, 3)
	htmlPages := func(files output.Files) int {
		n := 0
		for p := range files {
			if strings.HasSuffix(p, ".html") {
				n++
			}
		}
		return n
	}
	for _, size := range []int{0, 10} {
		var built, checked generator.Stats
		cfg := generator.Config{Content: fsys, Today: perfToday, PageSize: size, Stats: func(s generator.Stats) { built = s }}
		files := build(t, cfg)
		cfg.Stats = func(s generator.Stats) { checked = s }
		if _, err := generator.Check(context.Background(), cfg); err != nil {
			t.Fatal(err)
		}
		if built.Pages != htmlPages(files) || checked != built {
			t.Errorf("page size %d: Build says %+v, Check %+v; the build has %d HTML pages", size, built, checked, htmlPages(files))
		}
		paged := 0
		for p := range files {
			if strings.HasSuffix(p, "/page/2/index.html") {
				paged++
			}
		}
		if built.Paginated != paged || size == 10 && paged == 0 || size == 0 && paged != 0 {
			t.Errorf("page size %d: %d paginated indexes counted, %d built", size, built.Paginated, paged)
		}
	}
	// With drafts: Check counts what build publishes.
	fixture := fixtureConfig(t, false)
	var built, checked generator.Stats
	fixture.Stats = func(s generator.Stats) { built = s }
	files := build(t, fixture)
	fixture.Stats = func(s generator.Stats) { checked = s }
	if _, err := generator.Check(context.Background(), fixture); err != nil {
		t.Fatal(err)
	}
	if checked != built || built.Pages != htmlPages(files) {
		t.Errorf("fixture: Build %+v, Check %+v, %d HTML pages", built, checked, htmlPages(files))
	}
}

// TestPageSizeBoundsPages: whatever the size of the archive, no page
// grows with it: at 1,000 synthetic events (250 a kind, 60 a year), no
// HTML page reaches 300 KB and no index page lists more than the page
// size; with a directory of 400 organizations, the directory's pages list
// at most the page size of them too. (BenchmarkBuild10000 and
// BenchmarkBuildDirectory10000 report the largest page at 10,000.)
func TestPageSizeBoundsPages(t *testing.T) {
	n, orgs := 1000, 400
	if raceEnabled {
		n, orgs = 300, 250
	}
	orgRE := regexp.MustCompile(`<li class="event-item org-item">`)
	for _, opts := range []synth.Options{{}, {Organizations: orgs, Topics: 50}} {
		files := build(t, generator.Config{Content: synth.GenerateWith(n, 1, opts), Today: perfToday})
		paged, dirPages, listed := 0, 0, 0
		for p, data := range files {
			if !strings.HasSuffix(p, ".html") {
				continue
			}
			if len(data) >= 300<<10 {
				t.Errorf("%s: %d KB", p, len(data)>>10)
			}
			if items := len(itemRE.FindAll(data, -1)); items > 100 && strings.Contains(string(data), `class="list-count"`) {
				t.Errorf("%s lists %d events", p, items)
			}
			if strings.HasSuffix(p, "/page/2/index.html") {
				paged++
			}
			if p == "organizations/index.html" || strings.HasPrefix(p, "organizations/page/") {
				dirPages++
				items := len(orgRE.FindAll(data, -1))
				listed += items
				if items > 100 {
					t.Errorf("%s lists %d organizations", p, items)
				}
			}
		}
		if n == 1000 && paged < 4 {
			t.Errorf("%d indexes paginated; the kinds alone have 250 events each", paged)
		}
		if listed != opts.Organizations || dirPages != (opts.Organizations+99)/100 {
			t.Errorf("%d organizations: the directory lists %d on %d pages", opts.Organizations, listed, dirPages)
		}
	}
}

// TestHomeUpcomingBounded: the home page lists the soonest
// MaxHomeUpcoming upcoming events and says how many more there are; at
// 10,000 synthetic events its 590 upcoming ones made it the largest page
// of the site (420 KB).
func TestHomeUpcomingBounded(t *testing.T) {
	fsys, urls := pagedSite(25) // 2013: the first 25 days of January
	for _, n := range []int{10, 11, 13} {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			// Today is the day of event 25-n: n events are upcoming.
			day := time.Date(2013, 1, 1+25-n, 0, 0, 0, 0, time.UTC)
			home := string(build(t, generator.Config{Content: fsys, Today: day})["index.html"])
			upcoming, _, _ := strings.Cut(home, `id="latest"`)
			var got []string
			for _, m := range itemRE.FindAllStringSubmatch(upcoming, -1) {
				got = append(got, m[1])
			}
			// urls is newest first: the soonest upcoming is urls[n-1].
			var want []string
			for i := n - 1; i >= n-generator.MaxHomeUpcoming; i-- {
				want = append(want, urls[i])
			}
			if !slices.Equal(got, want) {
				t.Errorf("upcoming %q, want the soonest %d: %q", got, generator.MaxHomeUpcoming, want)
			}
			var more string
			switch n - generator.MaxHomeUpcoming {
			case 0:
				if strings.Contains(upcoming, `class="more"`) {
					t.Errorf("home page says there are more upcoming events")
				}
				return
			case 1:
				more = `<p class="more"><a href="/years/">1 more upcoming event, in the lists by year</a></p>`
			default:
				more = fmt.Sprintf(`<p class="more"><a href="/years/">%d more upcoming events, in the lists by year</a></p>`, n-generator.MaxHomeUpcoming)
			}
			if !strings.Contains(upcoming, more) {
				t.Errorf("home page lacks %s", more)
			}
		})
	}
}
