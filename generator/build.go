// Package generator builds the archive: it reads a content folder, renders
// every page with the theme and returns the whole site in memory.
//
// Data flows one way: files in (content.Load) → model (taxonomy) → pages
// (theme) → files out (output.Files). Writing public/ and serving the
// preview are two consumers of the one result of Build; tests feed Build an
// fstest.MapFS. Attachments are not held in memory: Build returns them as
// output.Copies, copied from the content folder as streams when the site
// is written or served.
//
// # Output
//
//	/                          home: intro, upcoming and latest events, counts
//	/<kind folder>/<slug>/     one page per event, its attachments and <slug>.ics beside it
//	/<kind folder>/            one index per kind (also when it has no events yet)
//	/years/, /years/<yyyy>/    years chart and list; one index per year
//	/regions/, /regions/<key>/ regions chart and list; one index per region
//	<index>page/<n>/           pages 2 and on of an index (year, region, kind) with more
//	                           events than site.yaml's pagination.page_size (paginate.go)
//	/<page>/                   plain pages
//	/search/                   the search page; its index in /assets/search/<hash>/ (generator/search)
//	/follow/                   how to follow the feed and the calendar (the footer links there)
//	/404.html, /feed.xml (Atom: the 50 records added last), /calendar.ics, /sitemap.xml, /robots.txt
//	/_redirects                from aliases (Netlify)
//	/_headers                  Netlify headers: in --drafts builds X-Robots-Tag: noindex on
//	                           every path; on every attachment
//	                           Content-Security-Policy: sandbox and
//	                           X-Content-Type-Options: nosniff, so that even a file that
//	                           slipped past the type checks never runs as part of the site
//	/assets/...                fingerprinted theme assets
//
// # Upcoming events
//
// An event is upcoming when its last day is Config.Today or later: the
// home page lists it, and its page marks it "Upcoming" with its time,
// the registration link and "Add to calendar"; its JSON-LD gains an
// offer with the registration address, and its calendar entry that
// address. All of this is decided at build time, so the published site
// is rebuilt every day (.github/workflows/daily-build.yml).
//
// # The feed
//
// The Atom feed is "new in the archive": the records added last, by
// published: (the event's date where a record does not say), then by
// date, newest first, then by path; an entry's updated time is that day.
//
// routes.go is the one place URLs are decided. The same input always gives
// byte-identical output: nothing depends on the clock except through
// Config.Today, nothing on map order or on the file system's listing order.
package generator

import (
	"bytes"
	"cmp"
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"net/url"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/iom-cso/archive/generator/content"
	"github.com/iom-cso/archive/generator/feed"
	"github.com/iom-cso/archive/generator/markdown"
	"github.com/iom-cso/archive/generator/output"
	"github.com/iom-cso/archive/generator/taxonomy"
	"github.com/iom-cso/archive/generator/theme"
	"github.com/iom-cso/archive/themes"
)

// Config says what to build.
type Config struct {
	// Content is the content folder: site.yaml, _index.md, pages and kind folders.
	Content fs.FS
	// ContentDir names the content folder in error messages ("content").
	ContentDir string
	// Theme, when set, is used instead of the theme named in site.yaml.
	Theme fs.FS
	// ResolveTheme finds the theme site.yaml names. When nil, only "default"
	// (the embedded theme) is known.
	ResolveTheme func(name string) (fs.FS, error)
	// Drafts builds draft events and pages too, and marks the build as a
	// preview: a banner on every page, noindex headers and robots.txt.
	Drafts bool
	// BaseURL overrides site.yaml's base_url (deploy previews).
	BaseURL string
	// Today decides which events are upcoming. Zero means no event is.
	Today time.Time
	// Cache, when set, memoizes parsing and rendering between builds.
	Cache *Cache
	// Warnings, when set, receives the problems of a successful build that
	// do not fail it: those check reports as warnings, sorted.
	Warnings func(content.List)
	// PageSize, when above 0, is the number of events on a page of an
	// index instead of site.yaml's pagination.page_size, and is not held
	// to its bounds: tests paginate a small archive with it.
	PageSize int
	// Stats, when set, receives the size of the site: from Build, of the
	// site it built; from Check, of the site build would make of the
	// content (drafts left out), even when the content has errors.
	Stats func(Stats)
}

// Cache carries memoized work from one Build to the next (the preview
// server keeps one). It is safe for one Build at a time.
type Cache struct {
	content *content.Cache
	mu      sync.Mutex
	md      map[[32]byte]*markdown.Result
	mdSeen  map[[32]byte]bool
	memo    *memoCache // rendered files by a digest of their inputs (memo.go)
	// search keeps the analyzed events of the search index (search_pages.go).
	search *searchCache
}

// NewCache returns an empty build cache.
func NewCache() *Cache {
	return &Cache{content: content.NewCache(), md: map[[32]byte]*markdown.Result{}, memo: newMemoCache()}
}

// ThemeError is a problem with the theme rather than with the content.
type ThemeError struct{ Err error }

func (e *ThemeError) Error() string { return e.Err.Error() }
func (e *ThemeError) Unwrap() error { return e.Err }

// Build builds the whole site: the files it generates, in memory, and the
// attachments to copy from cfg.Content, whose type and size are checked
// but which are not read. Content problems are returned as a content.List,
// every one with its position; other failures as plain errors.
func Build(ctx context.Context, cfg Config) (output.Files, output.Copies, error) {
	if cfg.ContentDir == "" {
		cfg.ContentDir = "content"
	}
	var cc *content.Cache
	if cfg.Cache != nil {
		cc = cfg.Cache.content
	}
	arch, problems := content.Load(ctx, cfg.Content, content.Options{Dir: cfg.ContentDir, Cache: cc})
	if err := ctx.Err(); err != nil {
		return nil, nil, err // before the problems: a half-read folder has made-up ones
	}
	if err := problems.Err(); err != nil {
		return nil, nil, err
	}
	b := &builder{ctx: ctx, cfg: cfg, arch: arch, site: arch.Site, files: make(output.Files, 4*len(arch.Events)),
		copies: output.Copies{}, lean: cfg.Cache == nil}
	if err := b.run(); err != nil {
		return nil, nil, err
	}
	if cfg.Stats != nil {
		cfg.Stats(b.stats(b.events, b.pages))
	}
	if cfg.Warnings != nil {
		var warnings content.List
		for _, e := range append(slices.Clip(problems), b.errs...) {
			if e.Severity == content.SeverityWarning {
				warnings = append(warnings, e)
			}
		}
		warnings.Sort()
		cfg.Warnings(dedupeProblems(warnings))
	}
	return b.files, b.copies, nil
}

type builder struct {
	ctx    context.Context
	cfg    Config
	arch   *content.Archive
	site   *content.Site
	theme  *theme.Theme
	md     *markdown.Renderer
	base   string
	events []*content.Event // published events, oldest first
	pages  []*content.Page
	errs   content.List

	siteView *SiteView
	summary  map[*content.Event]*EventSummary
	rendered map[*content.Event]*markdown.Result
	pageHTML map[*content.Page]*markdown.Result
	kindView map[string]*KindView
	regView  map[string]*RegionView

	memoState *memoState       // nil without a Cache
	vevents   [][]byte         // each event's VEVENT, for the calendar
	newest    []*content.Event // the events of the feed
	// lean lets go of each Markdown body's HTML once its page is rendered
	// and of its text once the search index is, when nothing keeps them
	// for later (no Cache, not Check): a whole site is held in memory.
	lean bool
	// verified says verify ran: Check then takes its problems as they are.
	verified bool

	mu     sync.Mutex
	files  output.Files
	copies output.Copies // the attachments, listed by attachments() before the tasks start
}

func (b *builder) run() error {
	b.base = b.site.BaseURL
	if b.cfg.BaseURL != "" {
		b.base = strings.TrimRight(b.cfg.BaseURL, "/") + "/"
	}
	for _, e := range b.arch.Events {
		if !e.Draft || b.cfg.Drafts {
			b.events = append(b.events, e)
		}
	}
	for _, p := range b.arch.Pages {
		if !p.Draft || b.cfg.Drafts {
			b.pages = append(b.pages, p)
		}
	}
	if err := b.loadTheme(); err != nil {
		return err
	}
	b.md = markdown.New(markdown.Options{Unsafe: b.site.Unsafe})
	if err := b.renderMarkdown(); err != nil {
		return err
	}
	b.checkRoutes()
	if err := b.errs.Err(); err != nil {
		return err
	}
	b.verify()
	if err := b.errs.Err(); err != nil {
		return err
	}
	b.makeViews()
	if err := b.startMemo(); err != nil {
		return err
	}
	b.vevents = make([][]byte, len(b.events))
	b.newest = newInArchive(b.events)
	if len(b.newest) > 50 {
		b.newest = b.newest[:50]
	}
	type task struct {
		name string
		fn   func() error
	}
	var tasks []task
	add := func(name string, fn func() error) { tasks = append(tasks, task{name, fn}) }
	// The biggest tasks first, so that both CPUs stay busy to the end, and
	// the search index first of all: its working memory is freed before
	// the pages pile up.
	add("search", func() error {
		err := b.renderSearch()
		if b.lean {
			for _, r := range b.rendered {
				r.Text = ""
			}
		}
		return err
	})
	add("years", b.renderYears)
	add("regions", b.renderRegions)
	add("kinds", b.renderKinds)
	add("feeds", b.renderFeeds)
	add("follow", b.renderFollow)
	add("site files", b.renderSiteFiles)
	add("home", b.renderHome)
	add("404", b.render404)
	for i := range b.events {
		e := b.events[i]
		var prev, next *content.Event
		if i > 0 {
			prev = b.events[i-1]
		}
		if i+1 < len(b.events) {
			next = b.events[i+1]
		}
		add(e.Path, func() error {
			// Everything an event's files show comes from the event, its
			// neighbours (prev/next links) and the site: see memo.go.
			k, ok := b.key("event", prev, e, next)
			files, err := b.memo(k, ok, func(put func(string, []byte)) error { return b.renderEvent(i, e, put) })
			for _, f := range files {
				if f.path == veventName {
					b.vevents[i] = f.data
				}
			}
			return err
		})
	}
	for _, p := range b.pages {
		add(p.Path, func() error { return b.renderPage(p) })
	}
	for p, data := range b.theme.Files() {
		b.files[p] = data
	}
	if err := b.attachments(); err != nil {
		return err
	}

	work := make(chan task)
	errc := make(chan error, len(tasks))
	var wg sync.WaitGroup
	for range max(1, runtime.GOMAXPROCS(0)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for t := range work {
				if err := t.fn(); err != nil {
					errc <- fmt.Errorf("%s: %w", t.name, err)
				}
			}
		}()
	}
	// A cancelled build stops handing out tasks; those running finish.
	done := b.ctx.Done()
feed:
	for _, t := range tasks {
		if b.ctx.Err() != nil {
			break
		}
		select {
		case work <- t:
		case <-done:
			break feed
		}
	}
	close(work)
	wg.Wait()
	close(errc)
	if err := b.ctx.Err(); err != nil {
		// Before the tasks' errors, which may be this one, wrapped.
		return err
	}
	var errs []error
	for err := range errc {
		errs = append(errs, err)
	}
	if len(errs) > 0 {
		sort.Slice(errs, func(i, j int) bool { return errs[i].Error() < errs[j].Error() })
		return errors.Join(errs...)
	}
	b.put(filePath(calendarURL()), feed.ICSOf(b.calendar(), b.vevents))
	b.endMemo()
	return nil
}

func (b *builder) put(p string, data []byte) {
	b.mu.Lock()
	b.files[p] = data
	b.mu.Unlock()
}

func (b *builder) loadTheme() error {
	fsys := b.cfg.Theme
	if fsys == nil {
		var err error
		switch {
		case b.cfg.ResolveTheme != nil:
			fsys, err = b.cfg.ResolveTheme(b.site.Theme)
		case b.site.Theme == "default":
			fsys = themes.Default()
		default:
			err = fmt.Errorf("theme %q not found", b.site.Theme)
		}
		if err != nil {
			return &ThemeError{err}
		}
	}
	css, err := markdown.HighlightCSS("github", "github-dark")
	if err != nil {
		return &ThemeError{err}
	}
	// Messages name a theme folder's files as the author knows them,
	// themes/<name>/... beside the content folder (see themes.Resolve).
	dir := ""
	if fsys != themes.Default() {
		dir = filepath.ToSlash(themes.Dir(b.cfg.ContentDir, b.site.Theme))
	}
	t, err := theme.Load(fsys, theme.Options{Lang: b.site.Language, BaseURL: b.base, Dir: dir, Extra: map[string][]byte{"css/syntax.css": css}})
	if err != nil {
		return &ThemeError{err}
	}
	b.theme = t
	return nil
}

// markdownHook, when set by a test, runs after each body is rendered.
var markdownHook func()

// renderMarkdown renders every body once, in parallel, reusing results of
// unchanged bodies from the cache. It returns b.ctx's error when the
// context is cancelled meanwhile: the bodies being rendered then are
// finished (the Markdown limits bound each), no other is started, and the
// cache keeps what was rendered.
func (b *builder) renderMarkdown() error {
	b.rendered = map[*content.Event]*markdown.Result{}
	b.pageHTML = map[*content.Page]*markdown.Result{}
	type item struct {
		path string
		line int
		body []byte
		hash [32]byte // of the whole file, which holds the body
		set  func(*markdown.Result)
	}
	var items []item
	// Drafts too, when they are not published: their Markdown is checked
	// by build as by check (verify), so that one definition of an error
	// holds for both.
	for _, e := range b.arch.Events {
		items = append(items, item{b.cfg.ContentDir + "/" + e.Path, e.BodyLine, e.Body, e.Hash, func(r *markdown.Result) { b.rendered[e] = r }})
	}
	for _, p := range append([]*content.Page{b.arch.Home}, b.arch.Pages...) {
		items = append(items, item{b.cfg.ContentDir + "/" + p.Path, p.BodyLine, p.Body, p.Hash, func(r *markdown.Result) { b.pageHTML[p] = r }})
	}
	results := make([]*markdown.Result, len(items))
	errs := make([]error, len(items))
	salt := "safe"
	if b.site.Unsafe {
		salt = "unsafe"
	}
	keys := make([][32]byte, len(items))
	var todo []int // items to render: not in the cache
	c := b.cfg.Cache
	if c != nil {
		c.mu.Lock()
		c.mdSeen = map[[32]byte]bool{}
		for i, it := range items {
			// The file's hash stands for the body: hashing every body
			// again would cost a warm rebuild more than the lookups.
			keys[i] = hashKey(salt, it.hash[:])
			c.mdSeen[keys[i]] = true
			if results[i] = c.md[keys[i]]; results[i] == nil {
				todo = append(todo, i)
			}
		}
		c.mu.Unlock()
	} else {
		todo = make([]int, len(items))
		for i := range todo {
			todo[i] = i
		}
	}
	next := make(chan int)
	var wg sync.WaitGroup
	for range max(1, runtime.GOMAXPROCS(0)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				results[i], errs[i] = b.md.Render(items[i].body)
				if markdownHook != nil {
					markdownHook()
				}
			}
		}()
	}
	done := b.ctx.Done()
feed:
	for _, i := range todo {
		if b.ctx.Err() != nil {
			break
		}
		select {
		case next <- i:
		case <-done:
			break feed
		}
	}
	close(next)
	wg.Wait()
	cancelled := b.ctx.Err()
	if c != nil {
		c.mu.Lock()
		for _, i := range todo {
			if errs[i] == nil && results[i] != nil {
				c.md[keys[i]] = results[i]
			}
		}
		if cancelled == nil {
			for k := range c.md {
				if !c.mdSeen[k] {
					delete(c.md, k)
				}
			}
		}
		c.mu.Unlock()
	}
	if cancelled != nil {
		return cancelled
	}
	for i, it := range items {
		if errs[i] != nil {
			line, msg := it.line, errs[i].Error()
			var le *markdown.LimitError
			if errors.As(errs[i], &le) {
				// The renderer counts lines from the body; the author counts from the file.
				line, msg = it.line+le.Line-1, "markdown "+le.What
			}
			b.errs = append(b.errs, &content.Error{Path: it.path, Line: line, Msg: msg})
			continue
		}
		it.set(results[i])
	}
	return nil
}

// verify runs the checks build shares with check (check.go): the rules on
// front matter and every link of every page's Markdown, drafts included.
// Their errors fail the build exactly as they fail check, with the same
// message at the same position; their warnings are passed to
// Config.Warnings once the site is built.
func (b *builder) verify() {
	c := &checker{b: b, dir: b.cfg.ContentDir}
	c.events()
	c.duplicateTitles()
	c.buildRoutes()
	c.links()
	c.attachments()
	b.errs = append(b.errs, c.problems...)
	b.verified = true
	if b.lean {
		// Checked and rendered: let go of the files' bytes and of the
		// positions only the checks read, and of the drafts' Markdown.
		for _, e := range b.arch.Events {
			e.Body, e.Pos = nil, nil
			if e.Draft && !b.cfg.Drafts {
				delete(b.rendered, e)
			}
		}
		for _, p := range append(b.arch.Pages, b.arch.Home) {
			p.Body = nil
			if p.Draft && !b.cfg.Drafts {
				delete(b.pageHTML, p)
			}
		}
	}
}

// checkRoutes makes sure no two sources claim the same URL.
func (b *builder) checkRoutes() {
	type claim struct {
		path, what string // path is "" for what the site generates
	}
	seen := map[string]claim{}
	dir := b.cfg.ContentDir
	// A URL comes from a file's name, so the problem is at the top of the
	// file: that is where an editor opens it.
	fail := func(src, format string, args ...any) {
		b.errs = append(b.errs, &content.Error{Path: dir + "/" + src, Line: 1, Col: 1, Msg: fmt.Sprintf(format, args...)})
	}
	// Keys are lower-cased: Netlify and most laptops serve a
	// case-insensitive file system, where /A/ and /a/ are one file.
	claimURL := func(url, src, what string) bool {
		key := strings.ToLower(filePath(url))
		if prev, ok := seen[key]; ok {
			if prev.path == "" {
				fail(src, "%s %s would take the address of %s: rename this file (its name is the address)", what, url, prev.what)
			} else {
				fail(src, "%s %s has the address of the %s made by %s/%s: two files cannot make one address; rename one of them (a file's name, or its bundle folder's, is the address)", what, url, prev.what, dir, prev.path)
			}
			return false
		}
		seen[key] = claim{src, what}
		return true
	}
	for _, u := range []string{homeURL(), yearsURL(), regionsURL(), searchURL(), followURL(), feedURL(), calendarURL(), sitemapURL(), "/robots.txt", "/404.html", "/_redirects", "/_headers"} {
		seen[strings.ToLower(filePath(u))] = claim{"", "a page the site generates (" + u + ")"}
	}
	// Every page of every index; and the folder of a kind's later pages
	// is the address an event named "page" would have, refused whether
	// or not the kind has that many events yet, so that an index growing
	// past one page never breaks the build.
	size := b.pageSize()
	for _, ix := range b.indexes(b.events) {
		for n := range pageCount(ix.events, size) {
			what := ix.name
			if n > 0 {
				what = fmt.Sprintf("page %d of %s", n+1, ix.name)
			}
			seen[strings.ToLower(filePath(listPageURL(ix.url, n+1)))] = claim{"", what}
		}
	}
	for _, k := range b.site.Kinds {
		seen[strings.ToLower(filePath(listPagesURL(kindURL(k))))] = claim{"", fmt.Sprintf("the folder of the further pages of the index of %s (%s2/ and on)", k.Plural, listPagesURL(kindURL(k)))}
	}
	for _, e := range b.events {
		if !claimURL(eventURL(e), e.Path, "event") {
			continue
		}
		claimURL(eventICSURL(e), e.Path, "calendar file")
		for _, f := range e.Files {
			claimURL(attachmentURL(e, f), e.Path, "attachment")
		}
	}
	for _, p := range b.pages {
		claimURL(pageURL(p), p.Path, "page")
	}
	aliases := map[string]string{}
	alias := func(a, src string, pos content.Position) {
		switch prev, ok := aliases[a]; {
		case seen[strings.ToLower(filePath(a))] != claim{}:
			b.errs = append(b.errs, &content.Error{Path: dir + "/" + src, Line: pos.Line, Col: pos.Col, Msg: fmt.Sprintf("alias %s is the address of an existing page; a redirect there would hide it: remove the alias", a)})
		case ok:
			b.errs = append(b.errs, &content.Error{Path: dir + "/" + src, Line: pos.Line, Col: pos.Col, Msg: fmt.Sprintf("alias %s is already an alias of %s: an old address can redirect to one page only", a, prev)})
		}
		aliases[a] = dir + "/" + src
	}
	for _, e := range b.events {
		for _, a := range e.Aliases {
			alias(a, e.Path, e.Pos["aliases"])
		}
	}
	for _, p := range b.pages {
		for _, a := range p.Aliases {
			alias(a, p.Path, content.Position{})
		}
	}
}

// hashKey keys a rendered body by its digest and the renderer's settings.
func hashKey(salt string, body []byte) [32]byte {
	return sha256.Sum256(append([]byte(salt+"\x00"), body...))
}

// makeViews prepares what every layout shares.
func (b *builder) makeViews() {
	sv := &SiteView{Title: b.site.Title, Description: b.site.Description, BaseURL: b.base, Lang: b.site.Language,
		FeedURL: feedURL(), CalendarURL: calendarURL(), FollowURL: followURL(), SearchURL: searchURL(), YearsURL: yearsURL(), RegionsURL: regionsURL()}
	b.kindView = map[string]*KindView{}
	b.regView = map[string]*RegionView{}
	for _, k := range b.site.Kinds {
		kv := &KindView{Key: k.Key, Name: k.Name, Plural: k.Plural, Description: k.Description, URL: kindURL(k), Folder: k.Folder}
		b.kindView[k.Key] = kv
		sv.Kinds = append(sv.Kinds, kv)
	}
	for _, r := range b.site.Regions {
		rv := &RegionView{Key: r.Key, Name: r.Name, Description: r.Description, URL: regionURL(r)}
		b.regView[r.Key] = rv
		sv.Regions = append(sv.Regions, rv)
	}
	b.summary = map[*content.Event]*EventSummary{}
	for _, e := range b.events {
		b.kindView[e.Kind.Key].Count++
		b.regView[e.Region.Key].Count++
		b.summary[e] = &EventSummary{Title: e.Title, URL: eventURL(e), Date: e.Date, EndDate: e.EndDate, Location: e.Location,
			Format: e.Format, Kind: b.kindView[e.Kind.Key], Region: b.regView[e.Region.Key], Summary: e.Summary, Draft: e.Draft}
	}
	for _, p := range b.pages {
		if p.Menu {
			sv.Pages = append(sv.Pages, Link{Label: p.Title, URL: pageURL(p)})
		}
	}
	sv.NavKinds = sv.Kinds
	if len(sv.Kinds) > MaxNavKinds {
		sv.NavKinds = sv.Kinds[:MaxNavKinds-1]
		sv.MoreKinds = len(sv.Kinds) - len(sv.NavKinds)
	}
	b.siteView = sv
}

// MaxHomeUpcoming is how many upcoming events the home page lists at
// most, the soonest first; it says how many more there are, which the
// year indexes list. The home page thus does not grow with a calendar
// planned far ahead.
const MaxHomeUpcoming = 10

// MaxNavKinds is how many kinds the navigation on every page lists at
// most (see SiteView.NavKinds).
const MaxNavKinds = 8

func (b *builder) t(key string) string {
	s, err := b.theme.String(key)
	if err != nil {
		return key
	}
	return s
}

// page returns the data common to every page at url.
func (b *builder) page(layout, url, title, desc string) *PageData {
	nav := []NavItem{
		{Label: b.t("nav_home"), URL: homeURL()},
		{Label: b.t("nav_years"), URL: yearsURL()},
		{Label: b.t("nav_regions"), URL: regionsURL()},
	}
	for _, l := range b.siteView.Pages {
		nav = append(nav, NavItem{Label: l.Label, URL: l.URL})
	}
	for i := range nav {
		n := &nav[i]
		n.Current = n.URL == url || (n.URL != "/" && strings.HasPrefix(url, n.URL))
	}
	if desc == "" {
		desc = b.site.Description
	}
	return &PageData{Site: b.siteView, Lang: b.site.Language, Layout: layout, Title: title, Description: desc, URL: url,
		Canonical: b.theme.Abs(url), Preview: b.cfg.Drafts, Noindex: b.cfg.Drafts, Nav: nav, OGType: "website"}
}

// write renders the page at url, or takes it from the Cache when a page
// with the same data was rendered before (memo.go).
func (b *builder) write(url string, data *PageData, layouts ...string) error {
	k, ok := b.key("page", url, layouts, data)
	return b.memoFiles(k, ok, func(put func(string, []byte)) error {
		out, err := b.render(data, layouts...)
		if err != nil {
			return err
		}
		put(filePath(url), out)
		return nil
	})
}

var renderBuffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// render executes the first of layouts that exists with data. The result
// is exactly as long as the page: a whole site is held in memory.
func (b *builder) render(data *PageData, layouts ...string) ([]byte, error) {
	buf := renderBuffers.Get().(*bytes.Buffer)
	defer renderBuffers.Put(buf)
	buf.Reset()
	if err := b.theme.Render(buf, data, layouts...); err != nil {
		return nil, err
	}
	return bytes.Clone(buf.Bytes()), nil
}

func (b *builder) summaries(events []*content.Event) []*EventSummary {
	out := make([]*EventSummary, len(events))
	for i, e := range events {
		out[i] = b.summary[e]
	}
	return out
}

func (b *builder) yearCounts() []YearCount {
	var out []YearCount
	for _, g := range taxonomy.ByYear(b.events) {
		out = append(out, YearCount{Year: g.Year, URL: yearURL(g.Year), Count: len(g.Events)})
	}
	return out
}

func (b *builder) renderHome() error {
	home := b.arch.Home
	d := b.page("home", homeURL(), "", home.Summary)
	hv := &HomeView{Total: len(b.events), Years: b.yearCounts()}
	if r := b.pageHTML[home]; r != nil {
		hv.Intro = r.HTML
	}
	var past []*content.Event
	for _, e := range b.events {
		if b.upcoming(e) {
			hv.Upcoming = append(hv.Upcoming, b.summary[e])
		} else {
			past = append(past, e)
		}
	}
	if len(hv.Upcoming) > MaxHomeUpcoming {
		hv.MoreUpcoming = len(hv.Upcoming) - MaxHomeUpcoming
		hv.Upcoming = hv.Upcoming[:MaxHomeUpcoming]
	}
	latest := taxonomy.NewestFirst(past)
	if len(latest) > 6 {
		latest = latest[:6]
	}
	hv.Latest = b.summaries(latest)
	d.Home = hv
	d.JSONLD = map[string]any{"@context": "https://schema.org", "@type": "WebSite", "name": b.site.Title, "url": b.base, "description": b.site.Description, "inLanguage": b.site.Language}
	return b.write(homeURL(), d, "home")
}

func (b *builder) renderEvent(i int, e *content.Event, put func(string, []byte)) error {
	s := b.summary[e]
	d := b.page("event", s.URL, e.Title, e.Summary)
	d.Draft = e.Draft
	d.OGType = "article"
	ev := &EventView{EventSummary: *s, Organizers: e.Organizers, ICSURL: eventICSURL(e), Year: Link{Label: fmt.Sprint(e.Date.Year()), URL: yearURL(e.Date.Year())},
		Upcoming: b.upcoming(e), Time: eventTime(e), Published: e.Published}
	if ev.Upcoming {
		ev.Registration = e.Registration
	}
	if r := b.rendered[e]; r != nil {
		ev.Body = r.HTML
	}
	for _, t := range e.Topics {
		ev.Topics = append(ev.Topics, Link{Label: strings.ReplaceAll(t, "-", " "), URL: topicURL(t)})
	}
	for _, doc := range e.Documents {
		dv := DocumentView{Title: doc.Title, Type: doc.Type, Size: doc.Size, Lang: doc.Lang}
		if doc.File != "" {
			dv.URL = attachmentURL(e, doc.File)
		} else {
			dv.URL = doc.URL
			dv.External = !strings.HasPrefix(doc.URL, "/")
		}
		ev.Documents = append(ev.Documents, dv)
	}
	if i > 0 {
		ev.Prev = b.summary[b.events[i-1]]
	}
	if i+1 < len(b.events) {
		ev.Next = b.summary[b.events[i+1]]
	}
	d.Event = ev
	d.Breadcrumbs = []Link{{Label: b.t("nav_home"), URL: homeURL()}, {Label: e.Kind.Plural, URL: kindURL(e.Kind)}}
	d.JSONLD = b.eventJSONLD(e)
	out, err := b.render(d, "event")
	if err != nil {
		return err
	}
	put(filePath(s.URL), out)
	cal := b.calendar()
	vevent := feed.VEvent(cal, b.entry(e))
	put(filePath(eventICSURL(e)), feed.EventICSOf(cal, vevent))
	put(veventName, vevent)
	if r := b.rendered[e]; r != nil && b.lean {
		// Only Check reads the links and headings; only the feed the HTML.
		r.Links, r.Headings = nil, nil
		if !slices.Contains(b.newest, e) {
			r.HTML = ""
		}
	}
	return nil
}

// upcoming reports whether e is still to come on Config.Today: its last
// day, a day of the calendar where it is held, is today or later. Zero
// Today means no event is.
func (b *builder) upcoming(e *content.Event) bool {
	return !b.cfg.Today.IsZero() && !e.LastDay().Before(b.cfg.Today)
}

// eventTime is the EventTime of e, or nil when its record gives no time.
func eventTime(e *content.Event) *EventTime {
	if !e.HasTime() {
		return nil
	}
	zone := e.Start.Location().String()
	abbr, offset := e.Start.Zone()
	t := &EventTime{Start: e.Start.Format("15:04"), End: e.End.Format("15:04"),
		StartISO: e.Start.Format(time.RFC3339), EndISO: e.End.Format(time.RFC3339), Zone: zone, Offset: utcOffset(offset)}
	// Some zones have letters for their time (CET, EAT), others only an
	// offset ("+07"), which the UTC offset already says.
	if strings.ContainsFunc(abbr, func(r rune) bool { return 'A' <= r && r <= 'Z' }) && abbr != "UTC" {
		t.Abbr = abbr
	}
	// Etc/GMT-1 and UTC name no place: their offset says it all.
	if area, _, _ := strings.Cut(zone, "/"); area != "Etc" && zone != "UTC" {
		t.City = strings.ReplaceAll(zone[strings.LastIndexByte(zone, '/')+1:], "_", " ")
	}
	if !e.EndDate.IsZero() {
		t.StartDay, t.EndDay = e.Date, e.EndDate
	}
	return t
}

// utcOffset writes an offset east of UTC in seconds as readers know it:
// UTC+1, UTC+5:30, UTC-4, or UTC.
func utcOffset(sec int) string {
	if sec == 0 {
		return "UTC"
	}
	sign := "+"
	if sec < 0 {
		sign, sec = "-", -sec
	}
	s := fmt.Sprintf("UTC%s%d", sign, sec/3600)
	if m := sec % 3600 / 60; m != 0 {
		s += fmt.Sprintf(":%02d", m)
	}
	return s
}

// eventJSONLD describes the event for search engines (schema.org Event).
// Times carry their offset when the record gives them. While the event
// is upcoming, its registration address is where an online event is
// attended (VirtualLocation) and the url of its offer; schema.org's Event
// has no property of its own for registration.
func (b *builder) eventJSONLD(e *content.Event) map[string]any {
	page := b.theme.Abs(eventURL(e))
	reg := ""
	if b.upcoming(e) {
		reg = e.Registration
	}
	virtual := map[string]any{"@type": "VirtualLocation", "url": cmp.Or(reg, page)}
	mode := "https://schema.org/OfflineEventAttendanceMode"
	var loc any = map[string]any{"@type": "Place", "name": e.Location, "address": e.Location}
	switch e.Format {
	case "online":
		mode = "https://schema.org/OnlineEventAttendanceMode"
		loc = virtual
	case "hybrid":
		mode = "https://schema.org/MixedEventAttendanceMode"
		loc = []any{loc, virtual}
	}
	start, end := e.Date.Format("2006-01-02"), e.LastDay().Format("2006-01-02")
	if e.HasTime() {
		start, end = e.Start.Format(time.RFC3339), e.End.Format(time.RFC3339)
	}
	j := map[string]any{
		"@context":            "https://schema.org",
		"@type":               "Event",
		"name":                e.Title,
		"description":         e.Summary,
		"startDate":           start,
		"endDate":             end,
		"eventAttendanceMode": mode,
		"eventStatus":         "https://schema.org/EventScheduled",
		"location":            loc,
		"url":                 page,
		"inLanguage":          b.site.Language,
	}
	if reg != "" {
		j["offers"] = map[string]any{"@type": "Offer", "url": reg}
	}
	var orgs []any
	for _, o := range e.Organizers {
		orgs = append(orgs, map[string]any{"@type": "Organization", "name": o})
	}
	if len(orgs) > 0 {
		j["organizer"] = orgs
	}
	if len(e.Topics) > 0 {
		j["keywords"] = strings.Join(e.Topics, ", ")
	}
	return j
}

// renderFollow writes the page the footer's feed and calendar links lead
// to: what each address is for and what to do with it, rather than a raw
// XML file or a calendar download.
func (b *builder) renderFollow() error {
	d := b.page("follow", followURL(), b.t("follow_title"), b.t("follow_description"))
	cal := b.theme.Abs(calendarURL())
	webcal := "webcal://" + strings.TrimPrefix(strings.TrimPrefix(cal, "https://"), "http://")
	d.Follow = &FollowView{FeedURL: b.theme.Abs(feedURL()), CalendarURL: cal, WebcalURL: template.URL(webcal)}
	d.Breadcrumbs = []Link{{Label: b.t("nav_home"), URL: homeURL()}}
	return b.write(followURL(), d, "follow")
}

func (b *builder) renderPage(p *content.Page) error {
	d := b.page("page", pageURL(p), p.Title, p.Summary)
	d.Draft = p.Draft
	if r := b.pageHTML[p]; r != nil {
		d.Body = r.HTML
	}
	return b.write(pageURL(p), d, p.Slug, "page")
}

func (b *builder) kindSeries() []stackSeries {
	var s []stackSeries
	for i, k := range b.site.Kinds {
		s = append(s, stackSeries{label: k.Plural, class: fmt.Sprintf("k%d", i%8)})
	}
	return s
}

func (b *builder) renderYears() error {
	years := taxonomy.YearSpan(b.events)
	counts := map[int][]int{}
	kidx := map[string]int{}
	for i, k := range b.site.Kinds {
		kidx[k.Key] = i
	}
	for _, y := range years {
		counts[y] = make([]int, len(b.site.Kinds))
	}
	for _, e := range b.events {
		counts[e.Date.Year()][kidx[e.Kind.Key]]++
	}
	d := b.page("years", yearsURL(), b.t("years_title"), b.t("years_description"))
	d.Years = &YearsView{Years: b.yearCounts(), Chart: timelineChart(years, b.kindSeries(), counts, yearURL)}
	if err := b.write(yearsURL(), d, "years"); err != nil {
		return err
	}
	for _, g := range taxonomy.ByYear(b.events) {
		title := fmt.Sprint(g.Year)
		if err := b.writeIndex(indexPages{
			url: yearURL(g.Year), title: title, desc: fmt.Sprintf(b.t("year_description"), g.Year),
			list:        ListView{Heading: title, Year: g.Year},
			breadcrumbs: []Link{{Label: b.t("nav_home"), URL: homeURL()}, {Label: b.t("years_title"), URL: yearsURL()}},
			events:      g.Events, layouts: []string{"year", "list"},
		}); err != nil {
			return err
		}
	}
	return nil
}

func (b *builder) renderRegions() error {
	groups := taxonomy.ByRegion(b.site, b.events)
	var labels, links []string
	var values []int
	for _, g := range groups {
		labels = append(labels, g.Region.Name)
		values = append(values, len(g.Events))
		links = append(links, regionURL(g.Region))
	}
	d := b.page("regions", regionsURL(), b.t("regions_title"), b.t("regions_description"))
	d.Regions = &RegionsView{Regions: b.siteView.Regions, Chart: barChart(labels, values, links)}
	if err := b.write(regionsURL(), d, "regions"); err != nil {
		return err
	}
	for _, g := range groups {
		rv := b.regView[g.Region.Key]
		desc := g.Region.Description
		if desc == "" {
			desc = fmt.Sprintf(b.t("region_description"), g.Region.Name)
		}
		if err := b.writeIndex(indexPages{
			url: rv.URL, title: g.Region.Name, desc: desc,
			list:        ListView{Heading: g.Region.Name, Description: g.Region.Description, Region: rv},
			breadcrumbs: []Link{{Label: b.t("nav_home"), URL: homeURL()}, {Label: b.t("regions_title"), URL: regionsURL()}},
			events:      g.Events, layouts: []string{"region", "list"},
		}); err != nil {
			return err
		}
	}
	return nil
}

func (b *builder) renderKinds() error {
	for _, g := range taxonomy.ByKind(b.site, b.events) {
		kv := b.kindView[g.Kind.Key]
		if err := b.writeIndex(indexPages{
			url: kv.URL, title: g.Kind.Plural, desc: g.Kind.Description,
			list:        ListView{Heading: g.Kind.Plural, Description: g.Kind.Description, Kind: kv},
			breadcrumbs: []Link{{Label: b.t("nav_home"), URL: homeURL()}},
			events:      g.Events, layouts: []string{"kind", "list"},
		}); err != nil {
			return err
		}
	}
	return nil
}

func (b *builder) render404() error {
	d := b.page("404", "/404.html", b.t("notfound_title"), "")
	// Netlify serves this page for every unknown address, with status 404,
	// which keeps it out of search indexes; a canonical URL would point
	// crawlers at /404.html instead, and noindex would only cost the page
	// Lighthouse's SEO audit.
	d.Canonical = ""
	out, err := b.theme.RenderBytes(d, "404")
	if err != nil {
		return err
	}
	b.put("404.html", out)
	return nil
}

func (b *builder) calendar() feed.Calendar {
	return feed.Calendar{Name: b.site.Title, Description: b.site.Description, ProdID: "-//archive//" + b.site.Title + "//" + strings.ToUpper(b.site.Language), URL: b.base, Host: hostOf(b.base)}
}

func hostOf(base string) string {
	h := strings.TrimPrefix(strings.TrimPrefix(base, "https://"), "http://")
	h, _, _ = strings.Cut(h, "/")
	return h
}

func (b *builder) entry(e *content.Event) feed.Entry {
	ent := feed.Entry{
		ID:       feed.TagURI(hostOf(b.base), e.Date.Year(), strings.TrimSuffix(strings.TrimPrefix(eventURL(e), "/"), "/")),
		URL:      b.theme.Abs(eventURL(e)),
		Title:    e.Title,
		Summary:  e.Summary,
		Start:    feed.Date{Year: e.Date.Year(), Month: e.Date.Month(), Day: e.Date.Day()},
		Location: e.Location,
		Online:   e.Format == "online",
		Authors:  e.Organizers,
		Updated:  addedOn(e),
		// Published is when the record was added; an entry without it
		// keeps its start date, as before published: existed.
		Published: e.Published,
		StartTime: e.Start,
		EndTime:   e.End,
	}
	if b.upcoming(e) && e.Registration != "" {
		ent.Registration, ent.RegistrationLabel = e.Registration, b.t("event_register")
	}
	if !e.EndDate.IsZero() {
		ent.End = feed.Date{Year: e.EndDate.Year(), Month: e.EndDate.Month(), Day: e.EndDate.Day()}
	}
	ent.Categories = append(ent.Categories, e.Kind.Name, e.Region.Name)
	ent.Categories = append(ent.Categories, e.Topics...)
	if r := b.rendered[e]; r != nil {
		ent.Content = string(r.HTML)
	}
	return ent
}

// addedOn is the day e was added to the archive as the feed knows it:
// published, or the event's date when its record does not say.
func addedOn(e *content.Event) time.Time {
	if !e.Published.IsZero() {
		return e.Published
	}
	return e.Date
}

// newInArchive orders events as the feed lists them: the last added
// first (addedOn), then by date, newest first, then by path, so that a
// record of 2013 added today comes before a session of last week added
// last week, and the order never depends on the file system.
func newInArchive(events []*content.Event) []*content.Event {
	out := slices.Clone(events)
	slices.SortFunc(out, func(a, b *content.Event) int {
		return cmp.Or(addedOn(b).Compare(addedOn(a)), b.Date.Compare(a.Date), strings.Compare(a.Path, b.Path))
	})
	return out
}

// renderFeeds writes the Atom feed of the records added last. The
// calendar of all events is put together at the end of run, from each
// event's VEVENT.
func (b *builder) renderFeeds() error {
	newest := b.newest
	k, ok := b.key("atom", newest)
	return b.memoFiles(k, ok, func(put func(string, []byte)) error {
		var entries []feed.Entry
		var updated time.Time
		for _, e := range newest {
			entries = append(entries, b.entry(e))
			if addedOn(e).After(updated) {
				updated = addedOn(e)
			}
		}
		put(filePath(feedURL()), feed.Atom(feed.FeedMeta{Title: b.site.Title, Subtitle: b.site.Description, SiteURL: b.base,
			FeedURL: b.theme.Abs(feedURL()), ID: b.theme.Abs(feedURL()), Lang: b.site.Language, Updated: updated, Author: b.site.Title}, entries))
		return nil
	})
}

// renderSiteFiles writes the sitemap, robots.txt, redirects and preview headers.
func (b *builder) renderSiteFiles() error {
	put := b.put
	var urls []feed.SitemapURL
	add := func(u string, last time.Time) {
		su := feed.SitemapURL{Loc: b.theme.Abs(u)}
		if !last.IsZero() {
			su.LastMod = feed.Date{Year: last.Year(), Month: last.Month(), Day: last.Day()}
		}
		urls = append(urls, su)
	}
	add(homeURL(), time.Time{})
	add(yearsURL(), time.Time{})
	// Every page of every index: years, /regions/ and regions, kinds.
	size := b.pageSize()
	regions := false
	for _, ix := range b.indexes(b.events) {
		if ix.region && !regions {
			add(regionsURL(), time.Time{})
			regions = true
		}
		for n := range pageCount(ix.events, size) {
			add(listPageURL(ix.url, n+1), time.Time{})
		}
	}
	if !regions {
		add(regionsURL(), time.Time{}) // a site.yaml without regions
	}
	add(searchURL(), time.Time{})
	add(followURL(), time.Time{})
	for _, p := range b.pages {
		add(pageURL(p), time.Time{})
	}
	for _, e := range b.events {
		add(eventURL(e), time.Time{})
	}
	// Only the sitemap costs anything to write: it is memoized by its URLs.
	k, ok := b.key("sitemap", urls)
	if err := b.memoFiles(k, ok, func(put func(string, []byte)) error {
		put(filePath(sitemapURL()), feed.Sitemap(urls))
		return nil
	}); err != nil {
		return err
	}
	put("robots.txt", feed.Robots(b.theme.Abs(sitemapURL()), b.cfg.Drafts))

	var rules []redirectRule
	for _, e := range b.events {
		for _, a := range e.Aliases {
			rules = append(rules, redirectRule{a, eventURL(e)})
		}
	}
	for _, p := range b.pages {
		for _, a := range p.Aliases {
			rules = append(rules, redirectRule{a, pageURL(p)})
		}
	}
	if len(rules) > 0 {
		sort.Slice(rules, func(i, j int) bool { return rules[i].from < rules[j].from })
		redirects, err := redirectsFile(rules)
		if err != nil {
			return err
		}
		put("_redirects", redirects)
	}
	headers, err := b.headers()
	if err != nil {
		return err
	}
	if len(headers) > 0 {
		put("_headers", headers)
	}
	return nil
}

// headers returns the site's Netlify _headers file, or nil when it needs
// none. Netlify applies these on top of netlify.toml's, which set the
// site's Content-Security-Policy for every path; a response with two
// policies must satisfy both.
func (b *builder) headers() ([]byte, error) {
	var buf bytes.Buffer
	if b.cfg.Drafts {
		buf.WriteString("# A preview: kept out of search engines.\n/*\n  X-Robots-Tag: noindex\n")
	}
	// Each attachment gets its own rule, rather than a pattern: Netlify's
	// "*" also matches the event pages beside them, which must keep
	// running the site's script. "sandbox" gives a document opened from
	// an attachment an origin of its own and no script.
	var paths []string
	for _, e := range b.events {
		for _, f := range e.Files {
			u := attachmentURL(e, f)
			// A line break in a path would start a rule of its own; the
			// content loader refuses such names, and this makes sure.
			if strings.ContainsFunc(u, func(r rune) bool { return r < 0x20 || r == 0x7f }) {
				return nil, fmt.Errorf("attachment %q: a control character in its name cannot be written to _headers", path.Join(b.cfg.ContentDir, e.BundleDir, f))
			}
			paths = append(paths, u)
			// Names with spaces or other letters travel escaped; which
			// form Netlify compares is not documented, so both are given.
			if esc := (&url.URL{Path: u}).EscapedPath(); esc != u {
				paths = append(paths, esc)
			}
		}
	}
	sort.Strings(paths)
	if len(paths) > 0 {
		buf.WriteString("# Attachments are documents to read, never part of the site: no script, no type sniffing.\n")
	}
	for _, p := range paths {
		fmt.Fprintf(&buf, "%s\n  Content-Security-Policy: sandbox\n  X-Content-Type-Options: nosniff\n", p)
	}
	return buf.Bytes(), nil
}

// redirectRule is one line of _redirects: a permanent redirect from an
// alias to the page's URL.
type redirectRule struct{ from, to string }

// redirectsFile writes Netlify's _redirects, one "from to 301" line per
// rule. content.Load lets only plain site paths through as aliases; this
// is the second wall, so that no value can ever add a rule of its own:
// both fields must be site paths (one leading "/"), and every byte that
// could end a field or a line, start a comment or be a pattern to
// Netlify (whitespace, controls, bytes outside ASCII, "#", "*", ":") is
// written percent-encoded.
func redirectsFile(rules []redirectRule) ([]byte, error) {
	var b bytes.Buffer
	field := func(s string) error {
		if !strings.HasPrefix(s, "/") || strings.HasPrefix(s, "//") {
			return fmt.Errorf("_redirects: %q is not a site path", s)
		}
		for i := 0; i < len(s); i++ {
			switch c := s[i]; {
			case c <= ' ' || c >= 0x7f || c == '#' || c == '*' || c == ':':
				fmt.Fprintf(&b, "%%%02X", c)
			default:
				b.WriteByte(c)
			}
		}
		return nil
	}
	for _, r := range rules {
		if err := field(r.from); err != nil {
			return nil, err
		}
		b.WriteByte(' ')
		if err := field(r.to); err != nil {
			return nil, err
		}
		b.WriteString(" 301\n")
	}
	return b.Bytes(), nil
}

// attachments lists every bundle file to copy next to its event's page.
// Nothing is read: the content loader checked each file's type and size,
// and the copy checks that the file still has that size.
func (b *builder) attachments() error {
	for _, e := range b.events {
		for _, f := range e.Files {
			name := path.Join(e.BundleDir, f)
			size, ok := e.FileSizes[f]
			if !ok {
				return fmt.Errorf("%s/%s: attachment has no size from the content loader", b.cfg.ContentDir, name)
			}
			b.copies[filePath(attachmentURL(e, f))] = output.Copy{FS: b.cfg.Content, Name: name, Size: size, Source: b.cfg.ContentDir + "/" + name}
		}
	}
	return nil
}
