package generator

import (
	"context"
	"errors"
	"fmt"
	"html"
	"io/fs"
	"net/url"
	"path"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/iom-cso/archive/generator/content"
	"github.com/iom-cso/archive/generator/markdown"
	"github.com/iom-cso/archive/generator/output"
)

// Thresholds of the checks that only warn.
const (
	// MaxEventDays is how long an event may last before check asks whether
	// its end_date is a typing mistake: end_date more than this many days
	// after date is a warning.
	MaxEventDays = 14
	// MaxSummaryWarn is the summary length, in characters, beyond which
	// lists, feeds and link previews cut it: longer is a warning.
	MaxSummaryWarn = 300
	// Placeholder starts the values that archive new writes for the author
	// to replace: one left in a published record is an error, in a draft a
	// warning.
	Placeholder = "TODO"
)

// pastOnlyKinds are the kinds whose events are records of a series that
// has ended: a date in the future on one of them is a typing mistake.
var pastOnlyKinds = []string{"annual-consultation"}

// Check validates a content folder the way Build reads it, without writing
// anything, and returns every problem found, sorted by file and position.
//
// Errors are exactly what makes Build fail, with the same messages: the
// content schema, dates, regions and kinds, duplicate URLs, missing or
// refused attachments, Markdown that is refused, links that would be broken
// on the published site (pages, files and #fragments that do not exist,
// links to content files), images without alt text, and placeholders left
// by archive new in a published record. Warnings deserve an author's look
// but never fail a build (Build passes them to Config.Warnings):
// attachments nothing refers to, an end_date more than MaxEventDays after
// date, a summary longer than MaxSummaryWarn characters, a title another
// event of the same year also has, placeholders in a draft, links from a
// published page to a draft, and a date in the future on a kind that only
// records the past (annual consultations). cfg.Today is "today" for that
// last check; when it is zero the check is skipped.
//
// Drafts are checked as well, whatever cfg.Drafts says (Build checks them
// too, without publishing them). The error result is for failures that are
// not content problems: a theme that does not load or render, or ctx being
// cancelled.
func Check(ctx context.Context, cfg Config) (content.List, error) {
	if cfg.ContentDir == "" {
		cfg.ContentDir = "content"
	}
	cfg.Drafts = true
	var cc *content.Cache
	if cfg.Cache != nil {
		cc = cfg.Cache.content
	}
	arch, problems := content.Load(ctx, cfg.Content, content.Options{Dir: cfg.ContentDir, Cache: cc})
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if arch.Site == nil {
		problems.Sort()
		return problems, nil
	}
	b := &builder{ctx: ctx, cfg: cfg, arch: arch, site: arch.Site, files: output.Files{}, copies: output.Copies{}}
	var failure error
	if problems.Err() == nil {
		// Clean content: build the whole site in memory, which also
		// executes every layout and runs the checks build shares.
		err := b.run()
		var list content.List
		switch {
		case err == nil:
		case errors.As(err, &list):
			// b.errs holds them.
		case ctx.Err() != nil:
			return nil, ctx.Err()
		default:
			failure = err
		}
	}
	if !b.verified {
		// Broken content or theme, or URLs claimed twice: run what the
		// build did not reach of the checks it shares with check.
		if b.rendered == nil {
			b.base = b.site.BaseURL
			b.events, b.pages = arch.Events, arch.Pages
			b.md = markdown.New(markdown.Options{Unsafe: b.site.Unsafe})
			b.errs = nil
			if err := b.renderMarkdown(); err != nil {
				return nil, err
			}
			b.checkRoutes()
		}
		b.verify()
	}
	problems = append(problems, b.errs...)
	problems.Sort()
	if cfg.Stats != nil {
		// The site build would publish: without the drafts Check reads.
		var events []*content.Event
		var pages []*content.Page
		for _, e := range arch.Events {
			if !e.Draft {
				events = append(events, e)
			}
		}
		for _, p := range arch.Pages {
			if !p.Draft {
				pages = append(pages, p)
			}
		}
		cfg.Stats(b.stats(events, pages))
	}
	return dedupeProblems(problems), failure
}

// dedupeProblems drops problems reported twice at the same place with the same
// words (a sorted list has them next to each other).
func dedupeProblems(l content.List) content.List {
	out := l[:0]
	for i, e := range l {
		if i > 0 {
			p := out[len(out)-1]
			if *p == *e {
				continue
			}
		}
		out = append(out, e)
	}
	return out
}

type checker struct {
	b        *builder
	dir      string
	problems content.List

	routes     map[string]*linkTarget // by output file path
	lowerRoute map[string]string      // lowercased file path → file path
	byFile     map[string]*linkSource
	referenced map[string]bool // output file paths some link points at
}

// linkTarget is one file of the site, as far as links to it are concerned.
type linkTarget struct {
	url   string
	draft bool            // exists only because of drafts
	ids   map[string]bool // element ids of its content, for #fragments; nil: not checked
}

// linkSource is a page whose Markdown is checked: an event, a plain page or
// the home page.
type linkSource struct {
	path     string // within the content folder
	url      string
	bodyLine int
	draft    bool
	result   *markdown.Result
	ids      map[string]bool
}

func (c *checker) add(sev content.Severity, file string, line, col int, format string, args ...any) {
	c.problems = append(c.problems, &content.Error{Path: path.Join(c.dir, file), Line: line, Col: col, Severity: sev, Msg: fmt.Sprintf(format, args...)})
}

func (c *checker) warn(file string, pos content.Position, format string, args ...any) {
	c.add(content.SeverityWarning, file, pos.Line, pos.Col, format, args...)
}

// events runs the checks that look at one event's front matter.
func (c *checker) events() {
	today := c.b.cfg.Today
	for _, e := range c.b.arch.Events {
		if !e.Date.IsZero() && !e.EndDate.IsZero() {
			if days := int(e.EndDate.Sub(e.Date).Hours() / 24); days > MaxEventDays {
				c.warn(e.Path, e.Pos["end_date"], "end_date %s is %d days after date %s; events rarely last more than %d days: is the month or year right?",
					e.EndDate.Format("2006-01-02"), days, e.Date.Format("2006-01-02"), MaxEventDays)
			}
		}
		if n := utf8.RuneCountInString(e.Summary); n > MaxSummaryWarn {
			c.warn(e.Path, e.Pos["summary"], "summary is %d characters long; lists, feeds and link previews cut it after %d: keep it to one or two sentences", n, MaxSummaryWarn)
		}
		for _, f := range []struct {
			key, value string
		}{{"title", e.Title}, {"location", e.Location}, {"summary", e.Summary}} {
			if !strings.HasPrefix(f.value, Placeholder) {
				continue
			}
			if e.Draft {
				c.warn(e.Path, e.Pos[f.key], "%s still holds the placeholder written by archive new; replace it before you remove draft: true", f.key)
			} else {
				c.add(content.SeverityError, e.Path, e.Pos[f.key].Line, e.Pos[f.key].Col, "%s still holds the placeholder written by archive new: replace it, or put back draft: true until the record is ready", f.key)
			}
		}
		if named, ok := slugDate(e.Slug); ok && !e.Date.IsZero() {
			switch {
			case len(named) == len("2006-01-02") && named != e.Date.Format("2006-01-02"):
				c.warn(e.Path, e.Pos["date"], "date %s differs from the date the file name starts with (%s): fix the date, or rename the file (its name is the page's address)", e.Date.Format("2006-01-02"), named)
			case len(named) == len("2006") && named != e.Date.Format("2006"):
				c.warn(e.Path, e.Pos["date"], "date %s is in %d, but the file name starts with %s: fix the date, or rename the file (its name is the page's address)", e.Date.Format("2006-01-02"), e.Date.Year(), named)
			}
		}
		if !today.IsZero() && e.Kind != nil && e.Date.After(today) && slices.Contains(pastOnlyKinds, e.Kind.Key) {
			c.warn(e.Path, e.Pos["date"], "date %s is in the future, but %s are records of past meetings: is the year right?", e.Date.Format("2006-01-02"), e.Kind.Plural)
		}
	}
}

// slugDate returns the date a slug starts with, as README advises naming
// files: a whole day ("2026-03-12-labour-migration") or a year
// ("2013-migrants-and-development"). A number that is no plausible date
// ("1000-days") is no date.
func slugDate(slug string) (string, bool) {
	if len(slug) > 10 && slug[10] == '-' {
		if _, err := time.Parse("2006-01-02", slug[:10]); err == nil {
			return slug[:10], true
		}
	}
	if len(slug) > 4 && slug[4] == '-' {
		if y, err := strconv.Atoi(slug[:4]); err == nil && y >= 1900 && y <= 2100 {
			if len(slug) >= 10 && slug[7] == '-' && isDigits(slug[5:7]) {
				return "", false // a day the calendar lacks (2013-02-30): not a year
			}
			return slug[:4], true
		}
	}
	return "", false
}

func isDigits(s string) bool {
	return s != "" && strings.Trim(s, "0123456789") == ""
}

// duplicateTitles warns about events of one year that share a title, on
// each of them, naming the other.
func (c *checker) duplicateTitles() {
	type key struct {
		year  int
		title string
	}
	groups := map[key][]*content.Event{}
	for _, e := range c.b.arch.Events {
		if e.Title == "" || e.Date.IsZero() {
			continue
		}
		k := key{e.Date.Year(), strings.ToLower(strings.Join(strings.Fields(e.Title), " "))}
		groups[k] = append(groups[k], e)
	}
	for k, g := range groups {
		if len(g) < 2 {
			continue
		}
		for _, e := range g {
			var others []string
			for _, o := range g {
				if o != e {
					others = append(others, path.Join(c.dir, o.Path))
				}
			}
			c.warn(e.Path, e.Pos["title"], "another event of %d has the same title (%s); readers cannot tell them apart in lists: make the titles distinct",
				k.year, strings.Join(others, ", "))
		}
	}
}

var idAttrRE = regexp.MustCompile(`\sid="([^"]*)"`)

// elementIDs returns the id attributes of rendered HTML: headings, footnotes
// and anything else a #fragment may point at.
func elementIDs(r *markdown.Result) map[string]bool {
	ids := map[string]bool{}
	if r == nil {
		return ids
	}
	for _, h := range r.Headings {
		ids[h.ID] = true
	}
	for _, m := range idAttrRE.FindAllStringSubmatch(string(r.HTML), -1) {
		ids[html.UnescapeString(m[1])] = true
	}
	return ids
}

// buildRoutes lists every file the site has, by routes.go and the theme,
// with the sources whose links are checked.
func (c *checker) buildRoutes() {
	b := c.b
	c.routes = map[string]*linkTarget{}
	c.byFile = map[string]*linkSource{}
	c.referenced = map[string]bool{}
	add := func(u string, draft bool, ids map[string]bool) {
		fp := filePath(u)
		if r, ok := c.routes[fp]; ok {
			r.draft = r.draft && draft
			return
		}
		c.routes[fp] = &linkTarget{url: u, draft: draft, ids: ids}
	}
	for _, u := range []string{homeURL(), yearsURL(), regionsURL(), searchURL(), followURL(), feedURL(), calendarURL(), sitemapURL(), "/robots.txt", "/404.html"} {
		add(u, false, nil)
	}
	// Every page of every index, drafts included: a page that only
	// drafts fill (a year of drafts, a last page) is a draft itself.
	var published []*content.Event
	for _, e := range b.arch.Events {
		if !e.Draft {
			published = append(published, e)
		}
	}
	pages := map[string]int{}
	size := b.pageSize()
	for _, ix := range b.indexes(published) {
		pages[ix.url] = pageCount(ix.events, size)
	}
	for _, ix := range b.indexes(b.arch.Events) {
		for n := range pageCount(ix.events, size) {
			add(listPageURL(ix.url, n+1), n+1 > pages[ix.url], nil)
		}
	}
	for _, e := range b.arch.Events {
		s := &linkSource{path: e.Path, url: eventURL(e), bodyLine: e.BodyLine, draft: e.Draft, result: b.rendered[e]}
		s.ids = elementIDs(s.result)
		c.byFile[e.Path] = s
		add(s.url, e.Draft, s.ids)
		add(eventICSURL(e), e.Draft, nil)
		for _, f := range e.Files {
			add(attachmentURL(e, f), e.Draft, nil)
		}
		for _, a := range e.Aliases {
			add(a, e.Draft, nil)
		}
	}
	for _, p := range b.arch.Pages {
		s := &linkSource{path: p.Path, url: pageURL(p), bodyLine: p.BodyLine, draft: p.Draft, result: b.pageHTML[p]}
		s.ids = elementIDs(s.result)
		c.byFile[p.Path] = s
		add(s.url, p.Draft, s.ids)
		for _, a := range p.Aliases {
			add(a, p.Draft, nil)
		}
	}
	if h := b.arch.Home; h != nil && h.BodyLine > 0 {
		s := &linkSource{path: h.Path, url: homeURL(), bodyLine: h.BodyLine, result: b.pageHTML[h]}
		s.ids = elementIDs(s.result)
		c.byFile[h.Path] = s
		c.routes[filePath(homeURL())].ids = s.ids
	}
	if b.theme != nil {
		for p := range b.theme.Files() {
			add("/"+p, false, nil)
		}
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
	sort.Strings(paths)
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
	if scheme, ok := linkScheme(dest); ok {
		switch scheme {
		case "javascript", "vbscript", "file":
			errf("%s to a %s: address is dropped from the page; link to a web page instead", what, scheme)
		case "data":
			if !l.Image {
				errf("%s to a data: address is dropped from the page", what)
			}
		}
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
	if frag != "" && r.ids != nil && !hasID(r.ids, frag) {
		errf("%s to %s#%s: no heading on that page has that id%s", what, r.url, frag, idHint(r.ids, frag))
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

// linkScheme returns the lowercased scheme of an absolute URL.
func linkScheme(s string) (string, bool) {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z':
		case i > 0 && ('0' <= c && c <= '9' || c == '+' || c == '-' || c == '.'):
		case c == ':' && i > 0:
			return strings.ToLower(s[:i]), true
		default:
			return "", false
		}
	}
	return "", false
}

// attachments warns about bundle files that nothing refers to: neither the
// event's documents nor any link of the site.
func (c *checker) attachments() {
	for _, e := range c.b.arch.Events {
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
