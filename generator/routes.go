package generator

import (
	"strconv"
	"strings"

	"github.com/iom-cso/archive/generator/content"
)

// routes.go is the one place URLs are decided. Every URL is a site path
// starting and ending with "/" for pages; file paths in the output come from
// filePath, so "/years/2013/" is written to years/2013/index.html.

func homeURL() string                                 { return "/" }
func eventURL(e *content.Event) string                { return "/" + e.Kind.Folder + "/" + e.Slug + "/" }
func eventICSURL(e *content.Event) string             { return eventURL(e) + e.Slug + ".ics" }
func attachmentURL(e *content.Event, f string) string { return eventURL(e) + f }
func kindURL(k *content.Kind) string                  { return "/" + k.Folder + "/" }
func yearsURL() string                                { return "/years/" }
func yearURL(y int) string                            { return "/years/" + strconv.Itoa(y) + "/" }
func regionsURL() string                              { return "/regions/" }
func regionURL(r *content.Region) string              { return "/regions/" + r.Key + "/" }
func pageURL(p *content.Page) string                  { return "/" + p.Slug + "/" }
func listPagesURL(index string) string                { return index + "page/" }
func searchURL() string                               { return "/search/" }
func searchIndexURL(version string) string            { return "/assets/search/" + version + "/" }
func topicURL(t string) string                        { return "/search/?q=" + strings.ReplaceAll(t, "-", "+") }
func feedURL() string                                 { return "/feed.xml" }
func calendarURL() string                             { return "/calendar.ics" }
func followURL() string                               { return "/follow/" }
func sitemapURL() string                              { return "/sitemap.xml" }

// listPageURL is page n of the paginated index at index: page 1 is the
// index itself, so that its address never changes as it grows, and there
// is no <index>page/1/ to duplicate it; page 2 and on are below
// listPagesURL(index), <index>page/<n>/.
func listPageURL(index string, n int) string {
	if n <= 1 {
		return index
	}
	return listPagesURL(index) + strconv.Itoa(n) + "/"
}

// filePath maps a site path to the file that serves it.
func filePath(url string) string {
	p := strings.TrimPrefix(url, "/")
	if p == "" || strings.HasSuffix(p, "/") {
		return p + "index.html"
	}
	return p
}
