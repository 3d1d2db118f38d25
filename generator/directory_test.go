package generator_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/iom-cso/archive/generator"
	"github.com/iom-cso/archive/generator/search"
)

// directorySite is a site with a directory of two organizations and a
// topic vocabulary, and files added to it.
func directorySite(files map[string]string) fstest.MapFS {
	fsys := fstest.MapFS{
		"site.yaml": {Data: []byte(`title: T
base_url: https://x.example/
kinds:
  - {key: annual-consultation, folder: annual-consultations, name: Annual, plural: Annual consultations}
regions:
  - {key: global, name: Global}
organization_types:
  - {key: iom, name: IOM}
  - {key: network, name: Networks}
topics:
  - {key: human-rights, name: Human rights}
  - {key: labour-migration, name: Labour migration}
`)},
		"organizations/iom.md":  {Data: []byte("---\nname: International Organization for Migration\nshort_name: IOM\nurl: https://www.iom.int/\ntype: iom\nsummary: S.\n---\nWho they are.\n")},
		"organizations/icva.md": {Data: []byte("---\nname: International Council of Voluntary Agencies\nshort_name: ICVA\ntype: network\nsummary: S.\n---\nWho they are.\n")},
	}
	for name, data := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(data)}
	}
	return fsys
}

// directoryEvent is an event file whose body starts on line 10.
func directoryEvent(date, extra, body string) string {
	return "---\ntitle: E " + date + "\ndate: " + date + "\nlocation: Geneva\nregion: global\nsummary: S.\ntopics: [human-rights]\norganizers: [IOM, ICVA]\n" + extra + "---\n" + body
}

func checkDirectory(t *testing.T, files map[string]string) []string {
	t.Helper()
	problems, err := generator.Check(context.Background(), generator.Config{Content: directorySite(files), Today: checkToday})
	if err != nil {
		t.Fatalf("Check: %v", err)
	}
	return formatProblems(problems)
}

// TestDirectoryReservedAddresses: a plain page cannot take the address
// of the directory or of the topic index, whether or not the site has
// them yet.
func TestDirectoryReservedAddresses(t *testing.T) {
	page := "---\ntitle: P\n---\nText.\n"
	want := []string{
		"organizations.md:1:1: error: page /organizations/ would take the address of the directory of organizations (/organizations/): rename this file (its name is the address)",
		"topics.md:1:1: error: page /topics/ would take the address of the index of topics (/topics/): rename this file (its name is the address)",
	}
	t.Run("with a directory", func(t *testing.T) {
		got := checkDirectory(t, map[string]string{"organizations.md": page, "topics.md": page})
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
	})
	t.Run("without one", func(t *testing.T) {
		got := runCheck(t, checkToday, map[string]string{"organizations.md": page, "topics.md": page})
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
	})
}

// TestDirectoryLinks: links to the directory, an organization, the topic
// index and a topic resolve; one to an organization or topic the site
// does not have is a broken link, from an event as from an
// organization's own text, which is checked like any page's.
func TestDirectoryLinks(t *testing.T) {
	got := checkDirectory(t, map[string]string{
		"annual-consultations/2013-a.md": directoryEvent("2013-05-01", "",
			"[d](/organizations/) [o](/organizations/icva/) [t](/topics/) [h](/topics/human-rights/)\n\n[x](/organizations/x/)\n\n[y](/topics/y/)\n"),
		"organizations/iom.md": "---\nname: International Organization for Migration\nshort_name: IOM\ntype: iom\nsummary: S.\n---\nWho they are: [a session](/annual-consultations/2013-a/), [ICVA](../icva/).\n\n[Gone](/organizations/gone/) and ![](chart.png)\n",
	})
	want := []string{
		"annual-consultations/2013-a.md:12:1: error: link to /organizations/x/: there is no such page or file on the site",
		"annual-consultations/2013-a.md:14:1: error: link to /topics/y/: there is no such page or file on the site",
		"organizations/iom.md:9:1: error: link to /organizations/gone/: there is no such page or file on the site",
		"organizations/iom.md:9:34: error: image chart.png has no alt text: describe what it shows between the brackets, ![like this](chart.png)",
		"organizations/iom.md:9:34: error: image to /organizations/iom/chart.png: there is no such page or file on the site",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestDirectoryPages: the directory, an organization's page, the topic
// index and a topic's pages (paginated like any index), and what event
// pages show of them.
func TestDirectoryPages(t *testing.T) {
	files := map[string]string{}
	for _, d := range []string{"2013-05-01", "2015-05-01", "2016-05-01", "2018-05-01", "2020-05-01"} {
		files["annual-consultations/"+d+"-e.md"] = directoryEvent(d, "", "Body.\n")
	}
	files["annual-consultations/2021-05-01-solo.md"] = "---\ntitle: Solo\ndate: 2021-05-01\nlocation: unknown\nregion: global\nsummary: S.\ntopics: [labour-migration]\norganizers: [IOM, A Partner]\n---\nBody.\n"
	out := build(t, generator.Config{Content: directorySite(files), Today: checkToday, PageSize: 2})
	page := func(p string) string {
		t.Helper()
		return pageOf(t, out, p)
	}
	contains := func(p string, wants ...string) {
		t.Helper()
		s := page(p)
		for _, w := range wants {
			if !strings.Contains(s, w) {
				t.Errorf("%s lacks %s", p, w)
			}
		}
	}
	contains("organizations/index.html",
		`<h2 id="type-0">IOM</h2>`, `<h2 id="type-1">Networks</h2>`,
		`<a href="/organizations/iom/">International Organization for Migration</a>`, `<span>6 consultations</span>`, `<span>2013–2021</span>`,
		`<a href="https://www.iom.int/" rel="external">Website<span class="visually-hidden"> (International Organization for Migration)</span></a>`,
		`<a href="/organizations/icva/">International Council of Voluntary Agencies</a>`, `<span>5 consultations</span>`, `<span>2013–2020</span>`)
	contains("organizations/icva/index.html", `<p>Who they are.</p>`, `5 consultations, 2013–2020`,
		`<title id="org-chart-title">Consultations convened by International Council of Voluntary Agencies, per year</title>`,
		`<li class="chart-row"><span class="chart-row-label">2014</span><span class="chart-row-track"><span class="chart-row-value">0</span></span></li>`,
		`<li><a href="/years/2020/">2020</a> <span class="count">1 event</span></li>`)
	// Its consultations, newest first, on pages of the index's size.
	icva := page("organizations/icva/index.html")
	if i, j := strings.Index(icva, "/annual-consultations/2020-05-01-e/"), strings.Index(icva, "/annual-consultations/2018-05-01-e/"); i < 0 || j < i {
		t.Error("an organization's first page does not begin with its newest consultations")
	}
	contains("organizations/icva/page/3/index.html", "/annual-consultations/2013-05-01-e/", `<p class="list-count">page 3 of 3, event 5</p>`)
	if strings.Contains(page("organizations/icva/page/3/index.html"), `id="org-chart-title"`) {
		t.Error("a later page of an organization repeats its chart")
	}
	if strings.Contains(icva, "Solo") || strings.Contains(icva, "style=") {
		t.Error("ICVA's page lists a consultation of others, or has an inline style")
	}
	contains("topics/index.html", `<li><a href="/topics/human-rights/">Human rights</a> <span class="count">5 events</span></li>`)
	topics := page("topics/index.html")
	byCount, byName, _ := strings.Cut(topics, `id="topics-by-name"`)
	if !(strings.Index(byCount, "human-rights") < strings.Index(byCount, "labour-migration")) || !(strings.Index(byName, "human-rights") < strings.Index(byName, "labour-migration")) {
		t.Error("topics are not most used first, then by name")
	}
	contains("topics/human-rights/index.html", `<p class="list-count">5 events<span class="sep" aria-hidden="true"> · </span>page 1 of 3, events 1 to 2</p>`, `<a href="/regions/global/">Global</a>`, `/annual-consultations/2020-05-01-e/`)
	contains("topics/human-rights/page/3/index.html", `/annual-consultations/2013-05-01-e/`)
	contains("sitemap.xml", "<loc>https://x.example/organizations/</loc>", "<loc>https://x.example/organizations/icva/</loc>", "<loc>https://x.example/organizations/icva/page/3/</loc>", "<loc>https://x.example/topics/</loc>", "<loc>https://x.example/topics/human-rights/page/3/</loc>")
	contains("annual-consultations/2021-05-01-solo/index.html",
		`<li><a href="/organizations/iom/">International Organization for Migration</a></li><li>A Partner</li>`,
		`<li><a href="/topics/labour-migration/">Labour migration</a></li>`,
		`<dd>Place not recorded</dd>`)
	ld := eventJSONLD(t, []byte(page("annual-consultations/2021-05-01-solo/index.html")))
	for _, key := range []string{"location", "eventAttendanceMode"} {
		if _, ok := ld[key]; ok {
			t.Errorf("JSON-LD of an event whose place no source states has a %s: %v", key, ld[key])
		}
	}
	orgs, _ := json.Marshal(ld["organizer"])
	if want := `[{"@type":"Organization","name":"International Organization for Migration","url":"https://www.iom.int/"},{"@type":"Organization","name":"A Partner"}]`; string(orgs) != want {
		t.Errorf("JSON-LD organizer = %s, want %s", orgs, want)
	}
	if ld["keywords"] != "Labour migration" {
		t.Errorf("JSON-LD keywords = %v, want the topic's name", ld["keywords"])
	}
	ics := page("annual-consultations/2021-05-01-solo/2021-05-01-solo.ics")
	if strings.Contains(ics, "LOCATION") {
		t.Errorf("the calendar file of an event whose place no source states has a LOCATION:\n%s", ics)
	}
	if cal := page("calendar.ics"); strings.Count(cal, "LOCATION:") != 5 {
		t.Errorf("calendar.ics has %d LOCATION lines, want 5 (not the event whose place is unknown)", strings.Count(cal, "LOCATION:"))
	}
}

// TestDirectorySearch: every name of an organization (its name, short
// name and aliases) and the names of an event's topics find the event,
// and the topic facet counts follow the query.
func TestDirectorySearch(t *testing.T) {
	files := map[string]string{
		"annual-consultations/2013-a.md": directoryEvent("2013-05-01", "", "Body.\n"),
		"annual-consultations/2014-b.md": "---\ntitle: B\ndate: 2014-05-01\nlocation: Geneva\nregion: global\nsummary: S.\ntopics: [labour-migration]\norganizers: [IOM]\n---\nBody.\n",
	}
	fsys := directorySite(files)
	fsys["organizations/icva.md"] = &fstest.MapFile{Data: []byte("---\nname: International Council of Voluntary Agencies\nshort_name: ICVA\naliases: [Conseil international des agences bénévoles]\ntype: network\nsummary: S.\n---\nWho they are.\n")}
	out := build(t, generator.Config{Content: fsys, Today: checkToday})
	m := regexp.MustCompile(`data-index="/([^"]+)"`).FindSubmatch(out["search/index.html"])
	if m == nil {
		t.Fatal("the search page names no index")
	}
	s, err := search.NewSearcher(func(name string) ([]byte, error) {
		if data, ok := out[string(m[1])+name]; ok {
			return data, nil
		}
		return nil, fs.ErrNotExist
	})
	if err != nil {
		t.Fatal(err)
	}
	for q, want := range map[string]int{
		"voluntary agencies ":         1, // the name, which the record does not write
		"icva ":                       1, // as written
		"benevoles ":                  1, // an alias
		"human rights ":               1, // a topic's name
		"labour migration ":           1,
		"organization for migration ": 2,
	} {
		res, err := s.Search(search.Query{Text: q})
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Hits) != want {
			t.Errorf("%q finds %d events, want %d", q, len(res.Hits), want)
		}
	}
	res, err := s.Search(search.Query{Text: "geneva ", Topic: "human-rights"})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Hits) != 1 || !slices.Equal(res.Topics, []int{1, 1}) || res.TopicTotal != 2 {
		t.Errorf("geneva in human rights: %d hits, topic counts %v (total %d), want 1, [1 1] (2)", len(res.Hits), res.Topics, res.TopicTotal)
	}
}

// TestDirectoryPaginated: /organizations/ is split into pages of the
// indexes' size, as an index of events is: every organization once, in
// the directory's order; a type that goes on from the page before headed
// again, "(continued)"; on each page, where every type is; the pager, the
// rel links, the sitemap and the other languages' pages.
func TestDirectoryPaginated(t *testing.T) {
	files := map[string]string{
		"site.yaml": `title: T
base_url: https://x.example/
languages: [en, fr]
kinds:
  - {key: annual-consultation, folder: annual-consultations, name: Annual, plural: Annual consultations}
regions:
  - {key: global, name: Global}
organization_types:
  - {key: iom, name: IOM}
  - {key: network, name: Networks, description: Networks of organizations.}
  - {key: academic, name: Academia}
`,
		"annual-consultations/2013-05-01-e.md": "---\ntitle: E\ndate: 2013-05-01\nlocation: Geneva\nregion: global\nsummary: S.\norganizers: [IOM]\n---\nBody.\n",
	}
	org := func(key, name, typ string) {
		files["organizations/"+key+".md"] = "---\nname: " + name + "\ntype: " + typ + "\nsummary: S.\n---\nWho they are.\n"
	}
	org("iom", "International Organization for Migration", "iom")
	// The organizations' keys in the directory's order; directorySite's
	// ICVA is a network.
	want := []string{"iom", "icva"}
	for i := 1; i <= 15; i++ {
		key := fmt.Sprintf("net-%02d", i)
		org(key, fmt.Sprintf("Network %02d", i), "network")
		want = append(want, key)
	}
	for i := 1; i <= 6; i++ {
		key := fmt.Sprintf("uni-%02d", i)
		org(key, fmt.Sprintf("University %02d", i), "academic")
		want = append(want, key)
	}
	var stats generator.Stats
	out := build(t, generator.Config{Content: directorySite(files), Today: checkToday, PageSize: 10, Stats: func(s generator.Stats) { stats = s }})
	page := func(p string) string {
		t.Helper()
		return pageOf(t, out, p)
	}
	itemRE := regexp.MustCompile(`<li class="event-item org-item">\n<h3 class="event-item-title"><a href="/organizations/([^/]+)/"`)
	var got []string
	for n, p := range []string{"organizations/index.html", "organizations/page/2/index.html", "organizations/page/3/index.html"} {
		var keys []string
		for _, m := range itemRE.FindAllStringSubmatch(page(p), -1) {
			keys = append(keys, m[1])
		}
		if len(keys) > 10 {
			t.Errorf("page %d lists %d organizations, more than the page size (10)", n+1, len(keys))
		}
		got = append(got, keys...)
	}
	if !slices.Equal(got, want) {
		t.Errorf("the pages list %q, want every organization once, in order: %q", got, want)
	}
	if _, ok := out["organizations/page/4/index.html"]; ok {
		t.Error("a fourth page for 23 organizations")
	}
	contains := func(p string, wants ...string) {
		t.Helper()
		s := page(p)
		for _, w := range wants {
			if !strings.Contains(s, w) {
				t.Errorf("%s lacks %s", p, w)
			}
		}
	}
	types := `<nav class="org-types" aria-labelledby="org-types-title">
<h2 id="org-types-title">Types of organization</h2>
<ul class="count-list columns">
<li><a href="/organizations/#type-0">IOM</a> <span class="count">1 organization, page 1</span></li>
<li><a href="/organizations/#type-1">Networks</a> <span class="count">16 organizations, pages 1–2</span></li>
<li><a href="/organizations/page/2/#type-2">Academia</a> <span class="count">6 organizations, pages 2–3</span></li>
</ul>
</nav>`
	contains("organizations/index.html", types,
		`<p class="list-count">23 organizations<span class="sep" aria-hidden="true"> · </span>page 1 of 3, organizations 1 to 10</p>`,
		`<h2 id="type-0">IOM</h2>`, `<h2 id="type-1">Networks</h2>`+"\n"+`<p class="muted">Networks of organizations.</p>`,
		`<link rel="next" href="https://x.example/organizations/page/2/">`, `<nav class="pager" aria-label="Pages">`)
	contains("organizations/page/2/index.html", types,
		`<title>Directory of organizations — page 2 of 3`,
		`<p class="list-count">23 organizations<span class="sep" aria-hidden="true"> · </span>page 2 of 3, organizations 11 to 20</p>`,
		`<section class="org-group" aria-labelledby="type-1">`+"\n"+`<h2 id="type-1">Networks (continued)</h2>`+"\n"+`<ul class="event-list org-list">`,
		`<h2 id="type-2">Academia</h2>`,
		`<link rel="prev" href="https://x.example/organizations/">`, `<link rel="next" href="https://x.example/organizations/page/3/">`,
		`<a href="/organizations/">Directory of organizations</a>`,
		`<link rel="alternate" hreflang="fr" href="https://x.example/fr/organizations/page/2/">`)
	contains("organizations/page/3/index.html", `<h2 id="type-2">Academia (continued)</h2>`,
		`<p class="list-count">23 organizations<span class="sep" aria-hidden="true"> · </span>page 3 of 3, organizations 21 to 23</p>`)
	if s := page("organizations/page/3/index.html"); strings.Contains(s, `rel="next"`) || strings.Contains(s, `id="type-1"`) {
		t.Error("the last page has a next page, or lists a type it does not hold")
	}
	contains("fr/organizations/page/3/index.html", `<h2 id="type-2">Academia (suite)</h2>`,
		`<p class="list-count">23 organisations<span class="sep" aria-hidden="true"> · </span>page 3 sur 3, organisations 21 à 23</p>`,
		`<link rel="prev" href="https://x.example/fr/organizations/page/2/">`,
		`<link rel="alternate" hreflang="en" href="https://x.example/organizations/page/3/">`)
	contains("sitemap.xml", "<loc>https://x.example/organizations/page/2/</loc>", "<loc>https://x.example/organizations/page/3/</loc>",
		"<loc>https://x.example/fr/organizations/page/3/</loc>")
	html, paged := 0, 0
	for p := range out {
		if strings.HasSuffix(p, ".html") {
			html++
		}
		if strings.HasSuffix(p, "/page/2/index.html") {
			paged++
		}
	}
	if stats.Pages != html || stats.Paginated != paged {
		t.Errorf("Stats %+v; the build has %d HTML pages, %d indexes of several pages", stats, html, paged)
	}
	// One page is one page: the fixture's two organizations.
	if one := build(t, generator.Config{Content: directorySite(nil), Today: checkToday, PageSize: 10}); strings.Contains(string(one["organizations/index.html"]), "org-types") || one["organizations/page/2/index.html"] != nil {
		t.Error("a directory of one page has a page 2 or a list of its types")
	}
}

// TestOrganizerLinkPartial: an event page links its organizers with the
// theme's organizer-link partial, made once per organization; a theme
// without it still links them, and one whose partial fails (or whose
// year-count partial fails) fails the build with the partial's name.
func TestOrganizerLinkPartial(t *testing.T) {
	files := map[string]string{"annual-consultations/2013-05-01-e.md": directoryEvent("2013-05-01", "", "Body.\n")}
	want := `<ul class="plain"><li><a href="/organizations/iom/">International Organization for Migration</a></li><li><a href="/organizations/icva/">International Council of Voluntary Agencies</a></li></ul>`
	theme := defaultThemeCopy(t)
	for name, partial := range map[string]string{
		"the default theme's": string(theme["layouts/partials/organizer-link.html"].Data),
		"none":                "",
	} {
		th := defaultThemeCopy(t)
		if partial == "" {
			delete(th, "layouts/partials/organizer-link.html")
		}
		out := build(t, generator.Config{Content: directorySite(files), Theme: th, Today: checkToday})
		if page := string(out["annual-consultations/2013-05-01-e/index.html"]); !strings.Contains(page, want) {
			t.Errorf("organizer-link partial %s: the event page lacks %s", name, want)
		}
	}
	// The partials rendered once and written on many pages fail the
	// build with their name: organizer-link, and year-count (an
	// organization's consultations per year).
	for _, partial := range []string{"organizer-link", "year-count"} {
		th := defaultThemeCopy(t)
		th["layouts/partials/"+partial+".html"] = &fstest.MapFile{Data: []byte(`{{index .URL 1000}}`)}
		_, _, err := generator.Build(context.Background(), generator.Config{Content: directorySite(files), Theme: th, Today: checkToday})
		if err == nil || !strings.Contains(err.Error(), partial) || !strings.Contains(err.Error(), "index out of range") {
			t.Errorf("a failing %s partial: %v", partial, err)
		}
	}
}
