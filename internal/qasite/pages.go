package qasite

import (
	"os"
	"regexp"
	"strings"

	"github.com/iom-cso/archive/internal/browsertest"
)

// Page is one of the pages every browser check visits.
type Page struct {
	Name   string // file-name friendly
	Path   string // site path with query
	Status int
}

// CheckedPages are the page types the quality bars name: home, an event, a
// year, a region, a kind, a later page of a paginated index, search with a
// query (once the theme has a search page), about and the 404 page; and an
// event still to come (the fixture of ShippedContent) and the page on
// following the archive.
//
// QA_PAGES=search,home narrows a local run to those pages while working on
// them; CI always checks them all.
func (s *Site) CheckedPages() []Page {
	pages := []Page{
		{"home", "/", 200},
		{"event", "/regional-consultations/2017-africa-bamako/", 200},
		{"upcoming", UpcomingPath, 200},
		{"year", "/years/2017/", 200},
		{"region", "/regions/africa/", 200},
		{"kind", "/annual-consultations/", 200},
		// A middle page of a paginated index: previous and next links,
		// the pager's current page.
		{"paged", "/regions/global/page/2/", 200},
	}
	if _, ok := s.Files["search/index.html"]; ok {
		pages = append(pages, Page{"search", "/search/?q=migration", 200})
	}
	pages = append(pages,
		Page{"follow", "/follow/", 200},
		Page{"about", "/about/", 200},
		Page{"404", "/no/such/page/", 404},
	)
	// The directory of organizations and the topic index, with one page
	// of each; and a later page of the directory, whose first type goes
	// on from the page before (its heading says so), at the qa site's
	// page size.
	if _, ok := s.Files["organizations/index.html"]; ok {
		pages = append(pages, Page{"organizations", "/organizations/", 200}, Page{"organization", "/organizations/icva/", 200})
		if _, ok := s.Files["organizations/page/2/index.html"]; ok {
			pages = append(pages, Page{"organizations-paged", "/organizations/page/2/", 200})
		}
	}
	if _, ok := s.Files["topics/index.html"]; ok {
		pages = append(pages, Page{"topics", "/topics/", 200}, Page{"topic", "/topics/global-compact-migration/", 200})
	}
	// The French and Spanish sites (site.yaml's languages:): a home, an
	// event, a year, search and the 404 page of each, which _redirects
	// gives an address under /fr/ or /es/ that nothing answers.
	for _, lang := range []string{"fr", "es"} {
		if _, ok := s.Files[lang+"/index.html"]; !ok {
			continue
		}
		pages = append(pages,
			Page{lang + "-home", "/" + lang + "/", 200},
			Page{lang + "-event", "/" + lang + "/regional-consultations/2017-africa-bamako/", 200},
			Page{lang + "-year", "/" + lang + "/years/2017/", 200},
			Page{lang + "-search", "/" + lang + "/search/?q=migration", 200},
			Page{lang + "-404", "/" + lang + "/no/such/page/", 404},
		)
	}
	if only := os.Getenv("QA_PAGES"); only != "" && !browsertest.InCI() {
		var some []Page
		for _, p := range pages {
			if strings.Contains(","+only+",", ","+p.Name+",") {
				some = append(some, p)
			}
		}
		pages = some
	}
	return pages
}

// file returns the built file a checked page shows: 404.html for the page
// that answers 404.
func (s *Site) file(p Page) []byte {
	if p.Status == 404 {
		return s.Files["404.html"]
	}
	b, _ := s.File(p.Path)
	return b
}

var layoutRe = regexp.MustCompile(`<body\b[^>]*\bclass="(?:[^"]*\s)?layout-([A-Za-z0-9_-]+)`)

// Layout returns the layout a checked page is rendered with, as its <body
// class="layout-…"> names it (the theme's _base.html). A page whose layout
// cannot be read counts as a layout of its own, named after the page.
func (s *Site) Layout(p Page) string {
	if m := layoutRe.FindSubmatch(s.file(p)); m != nil {
		return string(m[1])
	}
	return "page:" + p.Name
}

// OnePerLayout returns one of the pages for each distinct layout among
// them, in the order the layouts first appear: of the pages sharing a
// layout, the one with the largest HTML, on which budgets of bytes and
// document size bite first. Ties go to the page listed first.
func (s *Site) OnePerLayout(pages []Page) []Page {
	var order []string
	best := map[string]Page{}
	for _, p := range pages {
		l := s.Layout(p)
		b, seen := best[l]
		if !seen {
			order = append(order, l)
			best[l] = p
			continue
		}
		if len(s.file(p)) > len(s.file(b)) {
			best[l] = p
		}
	}
	out := make([]Page, len(order))
	for i, l := range order {
		out[i] = best[l]
	}
	return out
}

// IsSearch reports whether p is a language's search page, whose results
// arrive after the page loads: checks wait for them (WaitSearch).
func (p Page) IsSearch() bool {
	return p.Name == "search" || strings.HasSuffix(p.Name, "-search")
}
