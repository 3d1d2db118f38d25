package generator

import (
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/iom-cso/archive/generator/content"
)

// routes.go is the one place URLs are decided, and listRoutes the one list
// of every file the site writes: the duplicate-URL check (claimRoutes) and
// check's link resolution (links.go) both read it. Every URL is a site
// path starting and ending with "/" for pages; file paths in the output
// come from filePath, so "/years/2013/" is written to years/2013/index.html.

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
func searchIndexFolder() string                       { return "/assets/search/" }
func searchIndexURL(version string) string            { return searchIndexFolder() + version + "/" }
func searchTextURL(name string) string                { return searchIndexURL("text") + name }
func topicURL(t string) string                        { return topicPageURL(t) }
func organizationsURL() string                        { return "/organizations/" }
func organizationURL(o *content.Organization) string  { return organizationsURL() + o.Key + "/" }
func topicsURL() string                               { return "/topics/" }
func topicPageURL(key string) string                  { return topicsURL() + key + "/" }
func feedURL() string                                 { return "/feed.xml" }
func calendarURL() string                             { return "/calendar.ics" }
func followURL() string                               { return "/follow/" }
func sitemapURL() string                              { return "/sitemap.xml" }
func robotsURL() string                               { return "/robots.txt" }
func notFoundURL() string                             { return "/404.html" }
func redirectsURL() string                            { return "/_redirects" }
func headersURL() string                              { return "/_headers" }

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

// routeKind says what a route is to readers and to links.
type routeKind int

const (
	routePage     routeKind = iota // an HTML page
	routeFile                      // any other file a link may point at: feeds, .ics, attachments, theme assets
	routeAlias                     // an old address, redirected by _redirects
	routeHidden                    // written for the host, never served: _redirects, _headers
	routeReserved                  // not written yet: kept free so that an index growing a page never breaks the build
	routeFolder                    // a folder of files named by their content (the search index): claimed by no file
)

// A route is one address the site writes, and who makes it.
type route struct {
	url   string
	kind  routeKind
	what  string           // how messages name it: "event", "the index of 2013"
	src   string           // the content file that makes it; "" for what the site makes of everything
	pos   content.Position // of an alias, in src
	draft bool             // only drafts make it: published with Config.Drafts alone
	lang  string           // the language of a page under /<lang>/; "" in the default language
}

// listRoutes lists every file the site writes, drafts' included, in the
// order their addresses are claimed: first what the site makes of
// everything (fixed pages and files, the theme's, every page of every
// index), then what each event and page makes, then their aliases.
func (m *site) listRoutes() []route {
	var rs []route
	gen := func(u string, kind routeKind) {
		rs = append(rs, route{url: u, kind: kind, what: "a page the site generates (" + u + ")"})
	}
	for _, u := range []string{homeURL(), yearsURL(), regionsURL(), searchURL(), followURL()} {
		gen(u, routePage)
	}
	for _, u := range []string{feedURL(), calendarURL(), sitemapURL(), robotsURL()} {
		gen(u, routeFile)
	}
	gen(notFoundURL(), routePage)
	rs = append(rs, m.directoryRoutes()...)
	gen(redirectsURL(), routeHidden)
	gen(headersURL(), routeHidden)
	rs = append(rs, route{url: searchIndexFolder(), kind: routeFolder, what: "the search index"})
	if m.theme != nil {
		for _, p := range slices.Sorted(maps.Keys(m.theme.Files())) {
			rs = append(rs, route{url: "/" + p, kind: routeFile, what: "a file of the theme (/" + p + ")"})
		}
	}
	// Every page of every index, drafts' included: a page that only
	// drafts fill (a year of drafts, a last page) is a draft itself.
	var published []*content.Event
	for _, e := range m.arch.Events {
		if !e.Draft {
			published = append(published, e)
		}
	}
	pages := map[string]int{}
	size := m.pageSize()
	for _, ix := range m.indexes(published) {
		pages[ix.url] = pageCount(ix.events, size)
	}
	for _, ix := range m.indexes(m.arch.Events) {
		for n := range pageCount(ix.events, size) {
			what := ix.name
			if n > 0 {
				what = fmt.Sprintf("page %d of %s", n+1, ix.name)
			}
			rs = append(rs, route{url: listPageURL(ix.url, n+1), kind: routePage, what: what, draft: n+1 > pages[ix.url]})
		}
	}
	// The folder of a kind's later pages is the address an event named
	// "page" would have: refused whether or not the kind has that many
	// events yet.
	for _, k := range m.site.Kinds {
		u := listPagesURL(kindURL(k))
		rs = append(rs, route{url: u, kind: routeReserved, what: fmt.Sprintf("the folder of the further pages of the index of %s (%s2/ and on)", k.Plural, u)})
	}
	rs = append(rs, m.languageRoutes(rs)...)
	for _, e := range m.arch.Events {
		rs = append(rs, route{url: eventURL(e), kind: routePage, what: "event", src: e.Path, draft: e.Draft},
			route{url: eventICSURL(e), kind: routeFile, what: "calendar file", src: e.Path, draft: e.Draft})
		for _, f := range e.Files {
			rs = append(rs, route{url: attachmentURL(e, f), kind: routeFile, what: "attachment", src: e.Path, draft: e.Draft})
		}
	}
	for _, p := range m.arch.Pages {
		rs = append(rs, route{url: pageURL(p), kind: routePage, what: "page", src: p.Path, draft: p.Draft})
	}
	for _, e := range m.arch.Events {
		for _, a := range e.Aliases {
			rs = append(rs, route{url: a, kind: routeAlias, what: "alias", src: e.Path, pos: e.Pos["aliases"], draft: e.Draft})
		}
	}
	for _, p := range m.arch.Pages {
		for _, a := range p.Aliases {
			rs = append(rs, route{url: a, kind: routeAlias, what: "alias", src: p.Path, draft: p.Draft})
		}
	}
	// The aliases of a record or page translated into another language
	// redirect there too, under the language's folder: the original's
	// file declares them (a translation cannot), so problems are its.
	for _, lang := range m.site.OtherLanguages() {
		for _, e := range m.arch.Events {
			if e.Translations[lang] != nil {
				for _, a := range e.Aliases {
					rs = append(rs, route{url: "/" + lang + a, kind: routeAlias, what: "alias", src: e.Path, pos: e.Pos["aliases"], draft: e.Draft, lang: lang})
				}
			}
		}
		for _, p := range m.arch.Pages {
			if p.Translations[lang] != nil {
				for _, a := range p.Aliases {
					rs = append(rs, route{url: "/" + lang + a, kind: routeAlias, what: "alias", src: p.Path, draft: p.Draft, lang: lang})
				}
			}
		}
	}
	return rs
}

// aliasName is how messages name the alias r: as the record writes it,
// and, for a translation's, with the address it takes in its language.
func aliasName(r route) string {
	if r.lang == "" {
		return "alias " + r.url
	}
	return fmt.Sprintf("alias %s of the %s translation (%s)", strings.TrimPrefix(r.url, "/"+r.lang), r.lang, r.url)
}

// languageRoutes lists the files of the site's other languages: under
// /<lang>/, a copy of every page and file the site generates in the
// default language (gen, the routes listed before the records'), but
// its theme's files, redirects, headers, sitemap and robots.txt, which
// serve every language; and a page (and calendar file) for every record
// and page translated into the language.
func (m *site) languageRoutes(gen []route) []route {
	var rs []route
	for _, lang := range m.site.OtherLanguages() {
		prefix := "/" + lang
		for _, r := range gen {
			if r.kind == routeFolder || r.kind == routeHidden || r.url == sitemapURL() || r.url == robotsURL() || strings.HasPrefix(r.what, "a file of the theme") {
				continue
			}
			r.url, r.lang = prefix+r.url, lang
			if r.src == "" && r.kind != routeReserved {
				r.what = "a page the site generates (" + r.url + ")"
			}
			rs = append(rs, r)
		}
		for _, e := range m.arch.Events {
			if t := e.Translations[lang]; t != nil {
				rs = append(rs, route{url: prefix + eventURL(e), kind: routePage, what: "translated event", src: t.Path, draft: e.Draft, lang: lang},
					route{url: prefix + eventICSURL(e), kind: routeFile, what: "calendar file", src: t.Path, draft: e.Draft, lang: lang})
			}
		}
		for _, p := range m.arch.Pages {
			if t := p.Translations[lang]; t != nil {
				rs = append(rs, route{url: prefix + pageURL(p), kind: routePage, what: "translated page", src: t.Path, draft: p.Draft, lang: lang})
			}
		}
	}
	return rs
}

// claimRoutes makes sure that no two sources claim the same address among
// the routes this build publishes.
func (m *site) claimRoutes() content.List {
	var problems content.List
	type claim struct {
		src, what string // src is "" for what the site generates
	}
	// Keys are lower-cased: Netlify and most laptops serve a
	// case-insensitive file system, where /A/ and /a/ are one file.
	seen := map[string]claim{}
	key := func(u string) string { return strings.ToLower(filePath(u)) }
	// A URL comes from a file's name, so the problem is at the top of the
	// file: that is where an editor opens it.
	fail := func(src string, pos content.Position, format string, args ...any) {
		problems = append(problems, &content.Error{Path: m.dir + "/" + src, Line: pos.Line, Col: pos.Col, Msg: fmt.Sprintf(format, args...)})
	}
	top := content.Position{Line: 1, Col: 1}
	lost := map[string]bool{} // sources whose page lost its address: their other files claim nothing
	aliases := map[string]string{}
	failedAlias := map[string]bool{} // source and alias, of the default language's that clashed
	for _, r := range m.routes {
		if r.draft && !m.cfg.Drafts {
			continue
		}
		switch {
		case r.kind == routeFolder:
		case r.kind == routeAlias:
			// A translation's alias clashes where its original's did:
			// one problem, reported once, at the original's.
			orig := r.src + "\x00" + r.url
			if r.lang != "" {
				orig = r.src + "\x00" + strings.TrimPrefix(r.url, "/"+r.lang)
			}
			if r.lang != "" && failedAlias[orig] {
				continue
			}
			n := len(problems)
			switch prev, ok := aliases[r.url]; {
			case seen[key(r.url)].src != "":
				page := seen[key(r.url)]
				fail(r.src, r.pos, "%s is the address of the %s made by %s/%s; a redirect there would hide it: remove the alias", aliasName(r), page.what, m.dir, page.src)
			case seen[key(r.url)] != claim{}:
				fail(r.src, r.pos, "%s is the address of an existing page; a redirect there would hide it: remove the alias", aliasName(r))
			case ok:
				fail(r.src, r.pos, "%s is already an alias of %s: an old address can redirect to one page only", aliasName(r), prev)
			}
			if r.lang == "" && len(problems) > n {
				failedAlias[orig] = true
			}
			aliases[r.url] = m.dir + "/" + r.src
		case r.src == "":
			seen[key(r.url)] = claim{"", r.what}
		case lost[r.src]:
		default:
			k := key(r.url)
			prev, ok := seen[k]
			if !ok {
				seen[k] = claim{r.src, r.what}
				continue
			}
			if prev.src == "" {
				fail(r.src, top, "%s %s would take the address of %s: rename this file (its name is the address)", r.what, r.url, prev.what)
			} else {
				fail(r.src, top, "%s %s has the address of the %s made by %s/%s: two files cannot make one address; rename one of them (a file's name, or its bundle folder's, is the address)", r.what, r.url, prev.what, m.dir, prev.src)
			}
			if r.kind == routePage {
				lost[r.src] = true
			}
		}
	}
	return problems
}
