package generator

import (
	"cmp"
	"fmt"
	"io/fs"
	"net/url"
	"path"
	"slices"
	"strings"

	"github.com/iom-cso/archive/generator/content"
	"github.com/iom-cso/archive/generator/markdown"
)

// Links in Markdown are checked against the route table: every link and
// image of every page, drafts included, must point at a file the site
// writes, and a #fragment at an element of that page.

// linkTarget is one file of the site, as far as links to it are concerned.
type linkTarget struct {
	url   string
	draft bool            // exists only because of drafts
	ids   map[string]bool // element ids of its content, for #fragments; nil: not checked
}

// linkSource is a page whose Markdown is checked: an event, a plain page,
// an organization of the directory or the home page.
type linkSource struct {
	path     string // within the content folder
	url      string
	bodyLine int
	draft    bool
	result   *markdown.Result
	ids      map[string]bool
	// lang is a translation's language; "" for an original. A
	// translation's links are checked as its original's (url is the
	// original's), against the pages in its language where they exist
	// there (localizeLinks).
	lang string
}

// elementIDs returns the id attributes of rendered HTML: headings, footnotes
// and anything else a #fragment may point at.
func elementIDs(r *markdown.Result) map[string]bool {
	ids := map[string]bool{}
	if r == nil {
		return ids
	}
	for _, id := range r.IDs {
		ids[id] = true
	}
	return ids
}

// linkRoutes gathers what links may point at, from the route table
// (routes.go), drafts' included, and the sources whose links are checked.
func (c *checker) linkRoutes() {
	m := c.m
	c.routes = map[string]*linkTarget{}
	c.byFile = map[string]*linkSource{}
	c.referenced = map[string]bool{}
	for _, e := range m.arch.Events {
		s := &linkSource{path: e.Path, url: eventURL(e), bodyLine: e.BodyLine, draft: e.Draft, result: m.md[e]}
		s.ids = elementIDs(s.result)
		c.byFile[e.Path] = s
	}
	for _, p := range m.arch.Pages {
		s := &linkSource{path: p.Path, url: pageURL(p), bodyLine: p.BodyLine, draft: p.Draft, result: m.pageMD[p]}
		s.ids = elementIDs(s.result)
		c.byFile[p.Path] = s
	}
	for _, s := range m.directoryLinkSources() {
		c.byFile[s.path] = s
	}
	c.transIDs = map[string]map[string]map[string]bool{}
	addTr := func(p string, url string, draft bool, trs map[string]*content.Translation) {
		for _, lang := range m.site.OtherLanguages() {
			t := trs[lang]
			if t == nil {
				continue
			}
			s := &linkSource{path: t.Path, url: url, bodyLine: t.BodyLine, draft: draft, result: m.trMD[t], lang: lang}
			s.ids = elementIDs(s.result)
			c.byFile[t.Path] = s
			if c.transIDs[lang] == nil {
				c.transIDs[lang] = map[string]map[string]bool{}
			}
			c.transIDs[lang][url] = s.ids
		}
	}
	for _, e := range m.arch.Events {
		addTr(e.Path, eventURL(e), e.Draft, e.Translations)
	}
	for _, p := range m.arch.Pages {
		addTr(p.Path, pageURL(p), p.Draft, p.Translations)
	}
	if h := m.arch.Home; h != nil {
		addTr(h.Path, homeURL(), false, h.Translations)
	}
	for _, o := range m.arch.Organizations {
		addTr(o.Path, organizationURL(o), false, o.Translations)
	}
	for _, r := range m.routes {
		switch r.kind {
		case routeHidden, routeReserved, routeFolder:
			continue // no reader's address
		}
		fp := filePath(r.url)
		if t, ok := c.routes[fp]; ok {
			t.draft = t.draft && r.draft
			continue
		}
		t := &linkTarget{url: r.url, draft: r.draft}
		if s := c.byFile[r.src]; s != nil && r.kind == routePage {
			t.ids = s.ids
		}
		c.routes[fp] = t
	}
	if h := m.arch.Home; h != nil && h.BodyLine > 0 {
		s := &linkSource{path: h.Path, url: homeURL(), bodyLine: h.BodyLine, result: m.pageMD[h]}
		s.ids = elementIDs(s.result)
		c.byFile[h.Path] = s
		c.routes[filePath(homeURL())].ids = s.ids
	}
	c.lowerRoute = map[string]string{}
	for p := range c.routes {
		c.lowerRoute[strings.ToLower(p)] = p
	}
}

// links checks every link and image of every page's Markdown.
func (c *checker) links() {
	paths := make([]string, 0, len(c.byFile))
	for p := range c.byFile {
		paths = append(paths, p)
	}
	slices.Sort(paths)
	for _, p := range paths {
		s := c.byFile[p]
		if s.result == nil {
			continue
		}
		for _, l := range s.result.Links {
			c.link(s, l)
		}
	}
}

func (c *checker) link(s *linkSource, l markdown.Link) {
	line, col := s.bodyLine+l.Line-1, l.Col
	errf := func(format string, args ...any) {
		c.add(content.SeverityError, s.path, line, col, format, args...)
	}
	warnf := func(format string, args ...any) {
		c.add(content.SeverityWarning, s.path, line, col, format, args...)
	}
	what := "link"
	if l.Image {
		what = "image"
		if strings.TrimSpace(l.Alt) == "" {
			errf("image %s has no alt text: describe what it shows between the brackets, ![like this](%s)", l.Dest, l.Dest)
		}
	}
	dest := strings.TrimSpace(l.Dest)
	if dest == "" {
		errf("%s has no destination", what)
		return
	}
	if l.Dropped {
		if l.Scheme == "data" {
			errf("%s to a data: address is dropped from the page", what)
		} else {
			errf("%s to a %s: address is dropped from the page; link to a web page instead", what, cmp.Or(l.Scheme, "script"))
		}
		return
	}
	if l.Scheme != "" {
		return // an external address: not checked
	}
	if strings.HasPrefix(dest, "//") {
		return // protocol-relative: external
	}
	p, frag, _ := strings.Cut(dest, "#")
	p, _, _ = strings.Cut(p, "?")
	if p == "" {
		if frag != "" && !hasID(s.ids, frag) {
			errf("%s to #%s: no heading on this page has that id%s", what, frag, idHint(s.ids, frag))
		}
		return
	}
	up, err := url.PathUnescape(p)
	if err != nil {
		errf("%s %s: malformed %%-escape in the address", what, dest)
		return
	}
	if strings.HasSuffix(up, ".md") {
		c.contentFileLink(s, up, what, errf)
		return
	}
	target := up
	if !strings.HasPrefix(target, "/") {
		target = s.url + target // s.url ends in "/"
	}
	trailing := strings.HasSuffix(up, "/") || path.Base(up) == "." || path.Base(up) == ".."
	target = path.Clean(target)
	if trailing && target != "/" {
		target += "/"
	}
	fp := filePath(target)
	r := c.routes[fp]
	if r == nil && !strings.HasSuffix(target, "/") && path.Ext(target) == "" {
		// Netlify serves /about from /about/index.html.
		fp = filePath(target + "/")
		r = c.routes[fp]
	}
	if r == nil {
		if other, ok := c.lowerRoute[strings.ToLower(fp)]; ok {
			errf("%s to %s: no such page; addresses are case-sensitive: did you mean %s?", what, target, c.routes[other].url)
			return
		}
		errf("%s to %s: there is no such page or file on the site", what, target)
		return
	}
	c.referenced[fp] = true
	if r.draft && !s.draft {
		warnf("%s to %s: that page is a draft, so the link is broken until it is published", what, r.url)
	}
	ids := r.ids
	if s.lang != "" {
		if tr, ok := c.transIDs[s.lang][r.url]; ok {
			ids = tr // the link goes to the page in the translation's language
		}
	}
	if frag != "" && ids != nil && !hasID(ids, frag) {
		errf("%s to %s#%s: no heading on that page has that id%s", what, r.url, frag, idHint(ids, frag))
	}
}

// contentFileLink handles a link to a Markdown file of the content folder,
// as an author writes it in an editor that previews Markdown: it works
// there but not on the site, whose addresses are URLs.
func (c *checker) contentFileLink(s *linkSource, p, what string, errf func(string, ...any)) {
	var name string
	if strings.HasPrefix(p, "/") {
		name = path.Clean(strings.TrimPrefix(p, "/"))
	} else {
		name = path.Join(path.Dir(s.path), p)
	}
	if !fs.ValidPath(name) || name == "." {
		errf("%s to %s: that points outside the content folder", what, p)
		return
	}
	if t := c.byFile[name]; t != nil {
		errf("%s to %s: the site has no .md files; link to the page's address %s instead", what, p, t.url)
		return
	}
	if t := c.byFile[strings.TrimSuffix(name, ".md")+"/index.md"]; t != nil {
		errf("%s to %s: the site has no .md files; link to the page's address %s instead", what, p, t.url)
		return
	}
	errf("%s to %s: there is no such file (%s)", what, p, path.Join(c.dir, name))
}

func hasID(ids map[string]bool, frag string) bool {
	if ids[frag] {
		return true
	}
	if u, err := url.PathUnescape(frag); err == nil && ids[u] {
		return true
	}
	return false
}

// idHint suggests the id nearest to frag, as the author probably meant it.
func idHint(ids map[string]bool, frag string) string {
	want := markdown.Slugify(frag)
	if want != frag && ids[want] {
		return fmt.Sprintf("; did you mean #%s?", want)
	}
	return ""
}

// attachments warns about bundle files that nothing refers to: neither the
// event's documents nor any link of the site.
func (c *checker) attachments() {
	for _, e := range c.m.arch.Events {
		if !e.Bundle {
			continue
		}
		listed := map[string]bool{}
		for _, d := range e.Documents {
			listed[d.File] = true
		}
		for _, f := range e.Files {
			if listed[f] || c.referenced[filePath(attachmentURL(e, f))] {
				continue
			}
			c.add(content.SeverityWarning, path.Join(e.BundleDir, f), 0, 0, "attachment is not referenced: list it under documents: in %s or link to it from the text, or delete it", path.Join(c.dir, e.Path))
		}
	}
}
