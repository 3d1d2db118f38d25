package generator

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"html/template"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/iom-cso/archive/generator/content"
	"github.com/iom-cso/archive/generator/feed"
	"github.com/iom-cso/archive/generator/markdown"
	"github.com/iom-cso/archive/generator/output"
	"github.com/iom-cso/archive/generator/search"
	"github.com/iom-cso/archive/internal/memo"
)

// renderer is one run of the render step in one language: the model it
// reads (the site in that language), the Cache it memoizes into and the
// files written so far, which the languages share.
type renderer struct {
	ctx   context.Context
	m     *site
	cache *Cache // nil: nothing is memoized
	out   *written
	// tr holds the records' translations' rendered Markdown, taken from
	// the model as their bodies are (site.takeTranslations).
	tr map[*content.Translation]*markdown.Result
	// items are the events' list items rendered so far (listitems.go).
	items listItems
	// footer is every page's PageData.Footer, and nav its NavHTML: nav[0]
	// with no item current, nav[i+1] with item i (makeFrame).
	footer template.HTML
	nav    []template.HTML
	// shared carries the analysis of the records' text from the search
	// index of one language to those of the languages after it (later),
	// when they are built one after another; nil otherwise.
	shared *search.Shared
	later  []*site
}

// siteFooterPartial is the theme's partial that writes the footer of
// every page from the SiteView alone.
const siteFooterPartial = "site-footer"

// siteNavPartial is the theme's partial that writes the navigation of
// every page from its NavItems.
const siteNavPartial = "site-nav"

// makeFrame renders the parts of the page frame that are the same on
// every page of r's language: the footer once, for every page,
// and its navigation once for each item that may be current.
func (r *renderer) makeFrame() error {
	var b bytes.Buffer
	if r.m.theme.HasPartial(siteFooterPartial) {
		if err := r.m.theme.RenderPartial(&b, siteFooterPartial, r.m.siteView); err != nil {
			return err
		}
		r.footer = template.HTML(b.String())
	}
	if r.m.theme.HasPartial(siteNavPartial) {
		nav := r.m.navItems()
		for cur := -1; cur < len(nav); cur++ {
			items := slices.Clone(nav)
			if cur >= 0 {
				items[cur].Current = true
			}
			b.Reset()
			if err := r.m.theme.RenderPartial(&b, siteNavPartial, map[string]any{"Items": items}); err != nil {
				return err
			}
			r.nav = append(r.nav, template.HTML(b.String()))
		}
	}
	return nil
}

// navItems is the navigation of every page in m's language, no item
// current.
func (m *site) navItems() []NavItem {
	nav := []NavItem{
		{Label: m.t("nav_home"), URL: m.url(homeURL())},
		{Label: m.t("nav_years"), URL: m.url(yearsURL())},
		{Label: m.t("nav_regions"), URL: m.url(regionsURL())},
	}
	nav = append(nav, m.directoryNav()...)
	for _, l := range m.siteView.Pages {
		nav = append(nav, NavItem{Label: l.Label, URL: l.URL})
	}
	return nav
}

// written is where a render puts its files: the sink Build was given.
// A file the sink fails to take fails the render: the first failure, by
// path, is kept (so that the message does not depend on timing), and no
// task starts after it.
type written struct {
	sink   output.Sink
	mu     sync.Mutex
	failed bool
	errp   string // the path of err
	err    error
	// claimed are the paths of files that several tasks may make alike
	// (the search indexes' shared text files), the first of them to ask
	// puts each (claim).
	claimed map[string]bool
}

// claim reports whether p is not claimed yet, and claims it: the task
// that gets true puts p, the others leave it.
func (w *written) claim(p string) bool {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.claimed[p] {
		return false
	}
	if w.claimed == nil {
		w.claimed = map[string]bool{}
	}
	w.claimed[p] = true
	return true
}

// fail records that p could not be put.
func (w *written) fail(p string, err error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if !w.failed || p < w.errp {
		w.failed, w.errp, w.err = true, p, err
	}
}

// error returns the failure fail kept, or nil.
func (w *written) error() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.err
}

// discard is the Sink of Check, which renders only to execute every
// layout.
type discard struct{}

func (discard) Put(string, []byte) error { return nil }

// memory is the Sink of Build: it holds the site.
type memory struct {
	mu    sync.Mutex
	files output.Files
}

func (s *memory) Put(p string, data []byte) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.files[p]; ok {
		// What a Stage refuses too: the route table should make it
		// impossible.
		return fmt.Errorf("output: %q is written twice", p)
	}
	s.files[p] = data
	return nil
}

// task is one unit of the render step. It holds what it shows, and lets
// go of it when it is done.
type task struct {
	name string
	fn   func() error
}

// render produces the site's files from the model, every page, feed and
// index of every language, in parallel, and hands each to sink as soon as
// it is made; it returns the list of attachments to copy. It takes the
// model's Markdown bodies (site.takeBodies): each task keeps the part it
// shows, so that what the whole site would hold at once is freed as the
// tasks finish, and, with a sink that writes to disk, so is each file.
// A cancelled render stops handing out tasks and returns ctx's error.
func render(ctx context.Context, m *site, sink output.Sink) (output.Copies, error) {
	out := &written{sink: sink}
	r := &renderer{ctx: ctx, m: m, cache: m.cfg.Cache, out: out}
	if r.cache != nil {
		r.cache.events.Begin()
		r.cache.files.Begin()
	}
	copies, err := r.attachments()
	if err != nil {
		return nil, err
	}
	for p, data := range m.theme.Files() {
		r.put(p, data)
	}
	bodies := m.takeBodies()
	r.tr = m.takeTranslations()
	// The biggest tasks first, so that both CPUs stay busy to the end, and
	// the search indexes first of all: their working memory, and the text
	// of every body, are freed before the pages pile up.
	var first, rest []task
	cals := make([][][]byte, len(m.langs)) // each language's VEVENTs, by event
	lrs := make([]*renderer, len(m.langs))
	var shared *search.Shared
	if r.cache == nil && len(m.langs) > 1 {
		// Built one after another (below), the search indexes read the
		// text of a record without a translation once for all.
		shared = search.NewShared()
	}
	for i, l := range m.langs {
		lr := r
		if i > 0 {
			lr = &renderer{ctx: ctx, m: l, cache: r.cache, out: out, tr: r.tr}
		}
		if err := lr.makeFrame(); err != nil {
			return nil, err
		}
		if shared != nil {
			lr.shared, lr.later = shared, m.langs[i+1:]
		}
		lrs[i] = lr
		cals[i] = make([][]byte, len(m.events))
		lr.tasks(bodies, cals[i], &first, &rest)
	}
	// From here on, only the tasks hold the bodies' parts: making them
	// took what each shows.
	for _, lr := range lrs {
		lr.tr = nil
	}
	if r.cache == nil && len(first) > 1 {
		// A search index's working memory, while it is built, is as big
		// as the model: a site in several languages builds its indexes
		// one after another, as one task, so that two are never held at
		// once (the pages keep the other CPUs busy meanwhile). The
		// preview, whose Cache makes an index quick and holds the site
		// anyway, builds them side by side.
		first = []task{sequence(ctx, first)}
	}
	if err := r.run(append(first, rest...)); err != nil {
		return nil, err
	}
	for i, l := range m.langs {
		// A record without a translation is in every calendar as it is
		// written.
		for j, v := range cals[i] {
			if v == nil {
				cals[i][j] = cals[0][j]
			}
		}
		lr := &renderer{ctx: ctx, m: l, cache: r.cache, out: out}
		r.put(filePath(l.url(calendarURL())), feed.ICSOf(lr.calendar(), cals[i]))
	}
	if err := out.error(); err != nil {
		return nil, err
	}
	if r.cache != nil {
		r.cache.events.End()
		r.cache.files.End()
	}
	return copies, nil
}

// tasks adds the tasks of r's language: the search index to first, the
// rest to rest. vevents gets the VEVENT of each event published in the
// language, by its place in m.events.
func (r *renderer) tasks(bodies map[*content.Event]*markdown.Result, vevents [][]byte, first, rest *[]task) {
	m := r.m
	add := func(name string, fn func() error) {
		if !m.isDefault() {
			name = m.lang + ": " + name
		}
		*rest = append(*rest, task{name, fn})
	}
	in := r.searchInput(bodies)
	*first = append(*first, task{"search", func() error { return r.renderSearch(in) }})
	add("years", r.renderYears)
	add("regions", r.renderRegions)
	add("kinds", r.renderKinds)
	feedHTML := make([]template.HTML, len(m.newest))
	for i, e := range m.newest {
		feedHTML[i] = template.HTML(r.body(e, bodies))
	}
	add("feeds", func() error { return r.renderFeed(feedHTML) })
	add("follow", r.renderFollow)
	if m.isDefault() {
		add("site files", r.renderSiteFiles)
	}
	add("home", r.renderHome)
	add("404", r.render404)
	r.addDirectoryTasks(add)
	for i, e := range m.events {
		if !m.published(e) {
			continue
		}
		var prev, next *content.Event
		if i > 0 {
			prev = m.events[i-1]
		}
		if i+1 < len(m.events) {
			next = m.events[i+1]
		}
		html := template.HTML(r.body(e, bodies))
		path := e.Path
		if t := m.translation(e); t != nil {
			path = t.Path
		}
		add(path, func() error {
			// Everything an event's files show comes from the event, its
			// neighbours (prev/next links) and the site: see memo.go.
			var k memo.Digest
			m.key(&k, m.summary[e].URL)
			m.addEvents(&k, e)
			m.addListed(&k, prev, next)
			f, err := r.event(k.Sum(), e, prev, next, html)
			if err != nil {
				return err
			}
			r.put(f.pagePath, f.page)
			r.put(f.icsPath, f.ics)
			vevents[i] = f.vevent
			return nil
		})
	}
	for _, p := range m.pages {
		if m.isDefault() || m.pageTranslation(p) != nil {
			add(p.Path, func() error { return r.renderPlainPage(p) })
		}
	}
}

// body is the HTML of e's body in r's language: its translation's, with
// its links to pages in the language (localizeLinks), or its own.
func (r *renderer) body(e *content.Event, bodies map[*content.Event]*markdown.Result) string {
	m := r.m
	if t := m.translation(e); t != nil {
		return string(m.bodyHTML(r.tr[t], true, eventURL(e)))
	}
	if b := bodies[e]; b != nil {
		// The rendering's own string, not a copy: the task that shows
		// it is then all that holds it.
		return string(b.HTML)
	}
	return ""
}

// sequence is one task that runs tasks one after another and lets go of
// each once it has run; it stops at a cancellation. Its errors are named
// by the tasks that made them, and reported apart (run).
func sequence(ctx context.Context, tasks []task) task {
	return task{fn: func() error {
		var errs []error
		for i, t := range tasks {
			if ctx.Err() != nil {
				break
			}
			tasks[i] = task{}
			if err := t.fn(); err != nil {
				errs = append(errs, fmt.Errorf("%s: %w", t.name, err))
			}
		}
		return errors.Join(errs...)
	}}
}

// run runs tasks on every CPU and returns their errors, joined in a stable
// order. A cancelled run stops handing out tasks (those running finish)
// and returns ctx's error. A task without a name names its own errors
// (sequence).
func (r *renderer) run(tasks []task) error {
	work := make(chan task)
	var mu sync.Mutex
	var errs []error
	var wg sync.WaitGroup
	for range max(1, runtime.GOMAXPROCS(0)) {
		wg.Go(func() {
			for t := range work {
				err := t.fn()
				if err == nil {
					continue
				}
				mu.Lock()
				if joined, ok := err.(interface{ Unwrap() []error }); ok && t.name == "" {
					errs = append(errs, joined.Unwrap()...)
				} else if t.name == "" {
					errs = append(errs, err)
				} else {
					errs = append(errs, fmt.Errorf("%s: %w", t.name, err))
				}
				mu.Unlock()
			}
		})
	}
	done := r.ctx.Done()
feed:
	for i := range tasks {
		if r.ctx.Err() != nil || r.out.error() != nil {
			break
		}
		t := tasks[i]
		tasks[i] = task{} // what the task holds is its own once it has run
		select {
		case work <- t:
		case <-done:
			break feed
		}
	}
	close(work)
	wg.Wait()
	if err := r.ctx.Err(); err != nil {
		// Before the tasks' errors, which may be this one, wrapped.
		return err
	}
	if err := r.out.error(); err != nil {
		// The tasks after it did not run: their errors are not all.
		return err
	}
	if len(errs) > 0 {
		slices.SortFunc(errs, func(a, b error) int { return strings.Compare(a.Error(), b.Error()) })
		return errors.Join(errs...)
	}
	return nil
}

// put hands the file p to the sink. A failure is kept in r.out, not
// returned: it ends the whole render, whichever task met it.
func (r *renderer) put(p string, data []byte) {
	if err := r.out.sink.Put(p, data); err != nil {
		r.out.fail(p, err)
	}
}

// file writes the file p made by make, or the one the Cache holds under k.
func (r *renderer) file(k memo.Sum, p string, make func() ([]byte, error)) error {
	if r.cache != nil {
		if data, ok := r.cache.files.Get(k); ok {
			r.put(p, data)
			return nil
		}
	}
	data, err := make()
	if err != nil {
		return err
	}
	if r.cache != nil {
		r.cache.files.Put(k, data)
	}
	r.put(p, data)
	return nil
}

// write renders the page at url with the data page returns, or takes it
// from the Cache when k is known: on a hit the data is not even made.
func (r *renderer) write(k *memo.Digest, url string, page func() *PageData, layouts ...string) error {
	return r.file(k.Sum(), filePath(url), func() ([]byte, error) { return r.render(page(), layouts...) })
}

// event returns e's files, or those the Cache holds under k.
func (r *renderer) event(k memo.Sum, e, prev, next *content.Event, html template.HTML) (eventFiles, error) {
	if r.cache != nil {
		if f, ok := r.cache.events.Get(k); ok {
			return f, nil
		}
	}
	f, err := r.renderEvent(e, prev, next, html)
	if err != nil {
		return f, err
	}
	if r.cache != nil {
		r.cache.events.Put(k, f)
	}
	return f, nil
}

var renderBuffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// render executes the first of layouts that exists with data. The result
// is exactly as long as the page: Build holds a whole site in memory, and
// a Cache every page.
func (r *renderer) render(data *PageData, layouts ...string) ([]byte, error) {
	buf := renderBuffers.Get().(*bytes.Buffer)
	defer renderBuffers.Put(buf)
	buf.Reset()
	if err := r.m.theme.Render(buf, data, layouts...); err != nil {
		return nil, err
	}
	return bytes.Clone(buf.Bytes()), nil
}

// page returns the data common to every page at url.
func (r *renderer) page(layout, url, title, desc string) *PageData {
	m := r.m
	nav := m.navItems()
	current := -1
	for i := range nav {
		n := &nav[i]
		n.Current = n.URL == url || (n.URL != m.url(homeURL()) && strings.HasPrefix(url, n.URL))
		if n.Current {
			if current >= 0 {
				current = len(nav) // two current items: no navigation made beforehand
			} else {
				current = i
			}
		}
	}
	var navHTML template.HTML
	if current < len(nav) && current+1 < len(r.nav) {
		navHTML = r.nav[current+1]
	}
	if desc == "" {
		desc = m.siteView.Description
	}
	d := &PageData{Site: m.siteView, Lang: m.lang, Layout: layout, Title: title, Description: desc, URL: url,
		Canonical: m.theme.Abs(url), Preview: m.cfg.Drafts, Noindex: m.cfg.Drafts, Nav: nav, NavHTML: navHTML, OGType: "website", Footer: r.footer}
	m.tieLanguages(d, url)
	return d
}

func (r *renderer) summaries(events []*content.Event) []*EventSummary {
	out := make([]*EventSummary, len(events))
	for i, e := range events {
		out[i] = r.m.summary[e]
	}
	return out
}
