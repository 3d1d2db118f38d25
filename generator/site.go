package generator

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"runtime"
	"strings"
	"sync"

	"github.com/iom-cso/archive/generator/content"
	"github.com/iom-cso/archive/generator/markdown"
	"github.com/iom-cso/archive/generator/taxonomy"
	"github.com/iom-cso/archive/generator/theme"
	"github.com/iom-cso/archive/internal/memo"
	"github.com/iom-cso/archive/themes"
)

// site is the site model: everything load derives from the content
// folder, each thing computed once. check and render read it; neither
// changes it, except that render takes the Markdown bodies out of it
// (takeBodies) so that each task holds only what it shows.
type site struct {
	cfg   Config
	dir   string // the content folder, as messages name it
	arch  *content.Archive
	read  content.List // what content.Load reported
	site  *content.Site
	base  string       // the site's address, ending in "/"
	theme *theme.Theme // nil when the content or the theme did not load

	// A site in several languages has one model per language, the
	// default language's (m) and a copy of it for each other language
	// (languages.go).
	lang      string                     // the language of this model's pages
	prefix    string                     // "" in the default language, "/fr" in French
	langs     []*site                    // the site in each of its languages, the default first
	themes    map[string]*theme.Theme    // the other languages' themes, while load makes langs
	langPages map[string]map[string]bool // the pages each other language publishes (pageSet)

	events []*content.Event // published (drafts too with Config.Drafts), oldest first
	pages  []*content.Page  // published plain pages

	// md holds every event's rendered Markdown, drafts included, for
	// check; pageMD every page's and the home page's.
	md     map[*content.Event]*markdown.Result
	pageMD map[*content.Page]*markdown.Result
	// trMD holds every translation's rendered Markdown.
	trMD map[*content.Translation]*markdown.Result
	// stale warns of the translations made from an earlier text of
	// their original (content.Archive.StaleTranslations).
	stale content.List

	// The groupings of the published events, newest first within each.
	years, regions, kinds []*taxonomy.Group
	newest                []*content.Event // the feed's: added last first, at most 50

	routes []route // every file the site writes, drafts' included (routes.go)

	directory directory // by organization and by topic (directory.go)

	// The views every layout shares (views.go).
	siteView *SiteView
	summary  map[*content.Event]*EventSummary
	kindView map[string]*KindView
	regView  map[string]*RegionView

	// The digests render's memo keys are made of (memo.go).
	sum       memo.Sum
	eventSum  map[*content.Event]memo.Sum // the event whole
	listedSum map[*content.Event]memo.Sum // the event as lists show it
}

// load reads the content folder into the model. problems are every
// content problem it found: the folder's (also in m.read), the Markdown's
// and addresses claimed twice. err is for what is no content problem: the
// context cancelled, or a theme that does not load, which is tried only
// when the folder read cleanly. m is nil when site.yaml did not load.
//
// Drafts are read, rendered and routed whatever Config.Drafts says, so
// that check holds them to the rules build holds published pages to.
func load(ctx context.Context, cfg Config) (m *site, problems content.List, err error) {
	if cfg.ContentDir == "" {
		cfg.ContentDir = content.DefaultDir
	}
	var cc *content.Cache
	if cfg.Cache != nil {
		cc = cfg.Cache.content
	}
	arch, read := content.Load(ctx, cfg.Content, content.Options{Dir: cfg.ContentDir, Cache: cc})
	if err := ctx.Err(); err != nil {
		return nil, nil, err
	}
	if arch.Site == nil {
		return nil, read, nil
	}
	m = &site{cfg: cfg, dir: cfg.ContentDir, arch: arch, read: read, site: arch.Site, base: arch.Site.BaseURL, lang: arch.Site.Language}
	if cfg.BaseURL != "" {
		m.base = strings.TrimRight(cfg.BaseURL, "/") + "/"
	}
	for _, e := range arch.Events {
		if !e.Draft || cfg.Drafts {
			m.events = append(m.events, e)
		}
	}
	for _, p := range arch.Pages {
		if !p.Draft || cfg.Drafts {
			m.pages = append(m.pages, p)
		}
	}
	problems = append(problems, read...)
	// Before renderMarkdown lets go of the bodies the digests are made of.
	m.stale = arch.StaleTranslations()
	if read.Err() == nil {
		err = m.loadTheme()
	}
	mdProblems, cerr := m.renderMarkdown(ctx)
	if cerr != nil {
		return nil, nil, cerr
	}
	problems = append(problems, mdProblems...)
	m.routes = m.listRoutes()
	problems = append(problems, m.claimRoutes()...)
	if read.Err() == nil && m.theme != nil {
		// What render reads; a model with problems is only checked.
		m.group()
		m.makeViews()
		m.digest()
		m.langPages = m.pageSet()
		m.langs = []*site{m}
		for _, lang := range m.site.OtherLanguages() {
			m.langs = append(m.langs, m.inLanguage(lang, m.themes[lang]))
		}
		for _, l := range m.langs {
			l.langs, l.themes = m.langs, nil
		}
	} else {
		m.langs = []*site{m}
	}
	return m, problems, err
}

func (m *site) loadTheme() error {
	fsys := m.cfg.Theme
	if fsys == nil {
		var err error
		switch {
		case m.cfg.ResolveTheme != nil:
			fsys, err = m.cfg.ResolveTheme(m.site.Theme)
		case m.site.Theme == "default":
			fsys = themes.Default()
		default:
			err = fmt.Errorf("theme %q not found", m.site.Theme)
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
		dir = filepath.ToSlash(themes.Dir(m.dir, m.site.Theme))
	}
	// One theme per language: the same files, each with the i18n file
	// of its language.
	m.themes = map[string]*theme.Theme{}
	for _, lang := range m.site.Languages {
		t, err := theme.Load(fsys, theme.Options{Lang: lang, BaseURL: m.base, Dir: dir, Extra: map[string][]byte{"css/syntax.css": css}, Keys: themeKeys()})
		if err != nil {
			return &ThemeError{err}
		}
		m.themes[lang] = t
	}
	m.theme = m.themes[m.site.Language]
	return nil
}

// themeKeys are the interface strings the generator asks the theme for
// beyond its layouts' and its own: the names of content's values, so that
// a theme that lacks one fails to load rather than show a key.
func themeKeys() []string {
	keys := make([]string, 0, len(content.DocumentTypes)+len(content.Formats))
	for _, k := range content.DocumentTypes {
		keys = append(keys, "doc_type_"+k)
	}
	for _, f := range content.Formats {
		keys = append(keys, "format_"+f)
	}
	return keys
}

// markdownHook, when set by a test, runs after each body is rendered.
var markdownHook func()

// mdKey keys a rendered body: the file's hash stands for the body
// (hashing every body again would cost a warm rebuild more than the
// lookups), and the renderer's one setting.
type mdKey struct {
	file   [32]byte
	unsafe bool
}

// renderMarkdown renders every body once, in parallel, reusing results of
// unchanged bodies from the Cache. It returns ctx's error when the context
// is cancelled meanwhile: the bodies being rendered then are finished (the
// Markdown limits bound each), no other is started, and the Cache keeps
// what was rendered.
func (m *site) renderMarkdown(ctx context.Context) (content.List, error) {
	m.md = map[*content.Event]*markdown.Result{}
	m.pageMD = map[*content.Page]*markdown.Result{}
	m.trMD = map[*content.Translation]*markdown.Result{}
	type item struct {
		path string
		line int
		body []byte
		key  mdKey
		set  func(*markdown.Result)
		drop func() // lets go of the source once it is rendered; nil: kept
	}
	var items []item
	unsafe := m.site.Unsafe
	for _, e := range m.arch.Events {
		items = append(items, item{m.dir + "/" + e.Path, e.BodyLine, e.Body, mdKey{e.Hash, unsafe}, func(r *markdown.Result) { m.md[e] = r }, func() { e.Body = nil }})
	}
	for _, p := range append([]*content.Page{m.arch.Home}, m.arch.Pages...) {
		items = append(items, item{m.dir + "/" + p.Path, p.BodyLine, p.Body, mdKey{p.Hash, unsafe}, func(r *markdown.Result) { m.pageMD[p] = r }, nil})
	}
	m.directory.orgMD = map[*content.Organization]*markdown.Result{}
	for _, o := range m.arch.Organizations {
		items = append(items, item{m.dir + "/" + o.Path, o.BodyLine, o.Body, mdKey{o.Hash, unsafe}, func(r *markdown.Result) { m.directory.orgMD[o] = r }, nil})
	}
	setTr := func(t *content.Translation) func(*markdown.Result) {
		return func(r *markdown.Result) { m.trMD[t] = r }
	}
	// A translation's source is let go of too, except by a build with a
	// Cache, whose loader hands the same Translation to every build, and
	// when it holds the placeholder of archive new, which check looks
	// for in it.
	dropTr := func(t *content.Translation) func() {
		if m.cfg.Cache != nil || bytes.Contains(t.Body, []byte("<!-- "+Placeholder)) {
			return nil
		}
		return func() { t.Body = nil }
	}
	for _, e := range m.arch.Events {
		for _, lang := range m.site.OtherLanguages() {
			if t := e.Translations[lang]; t != nil {
				items = append(items, item{m.dir + "/" + t.Path, t.BodyLine, t.Body, mdKey{t.Hash, unsafe}, setTr(t), dropTr(t)})
			}
		}
	}
	for _, p := range append([]*content.Page{m.arch.Home}, m.arch.Pages...) {
		for _, lang := range m.site.OtherLanguages() {
			if t := p.Translations[lang]; t != nil {
				items = append(items, item{m.dir + "/" + t.Path, t.BodyLine, t.Body, mdKey{t.Hash, unsafe}, setTr(t), nil})
			}
		}
	}
	for _, o := range m.arch.Organizations {
		for _, lang := range m.site.OtherLanguages() {
			if t := o.Translations[lang]; t != nil {
				items = append(items, item{m.dir + "/" + t.Path, t.BodyLine, t.Body, mdKey{t.Hash, unsafe}, setTr(t), dropTr(t)})
			}
		}
	}
	results := make([]*markdown.Result, len(items))
	errs := make([]error, len(items))
	var table *memo.Table[mdKey, *markdown.Result]
	if m.cfg.Cache != nil {
		table = &m.cfg.Cache.markdown
		table.Begin()
	}
	var todo []int // items to render: not in the Cache
	for i, it := range items {
		if table != nil {
			if results[i], _ = table.Get(it.key); results[i] != nil {
				continue
			}
		}
		todo = append(todo, i)
	}
	md := markdown.New(markdown.Options{Unsafe: unsafe})
	next := make(chan int)
	var wg sync.WaitGroup
	for range max(1, runtime.GOMAXPROCS(0)) {
		wg.Go(func() {
			for i := range next {
				results[i], errs[i] = md.Render(items[i].body)
				// Each source goes as soon as it is rendered, not after
				// them all: the sources of every file at once were
				// the peak of loading.
				items[i].body = nil
				if items[i].drop != nil {
					items[i].drop()
				}
				if errs[i] == nil && table != nil {
					table.Put(items[i].key, results[i])
				}
				if markdownHook != nil {
					markdownHook()
				}
			}
		})
	}
	done := ctx.Done()
feed:
	for _, i := range todo {
		if ctx.Err() != nil {
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
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if table != nil {
		table.End()
	}
	// The model keeps each body's rendering, not its source: an event's
	// Body holds its whole file, which the loader gave this build alone
	// (its Cache keeps a copy of its own). Pages are few, and shared with
	// the Cache. Those rendered above are gone already; these are the
	// Cache's hits.
	for _, e := range m.arch.Events {
		e.Body = nil
	}
	var problems content.List
	for i, it := range items {
		if errs[i] != nil {
			line, msg := it.line, errs[i].Error()
			var le *markdown.LimitError
			if errors.As(errs[i], &le) {
				// The renderer counts lines from the body; the author counts from the file.
				line, msg = it.line+le.Line-1, "markdown "+le.What
			}
			problems = append(problems, &content.Error{Path: it.path, Line: line, Msg: msg})
			continue
		}
		it.set(results[i])
	}
	return problems, nil
}

// group computes the groupings of the published events, once.
func (m *site) group() {
	m.years = taxonomy.ByYear(m.events)
	m.regions = taxonomy.ByRegion(m.site, m.events)
	m.kinds = taxonomy.ByKind(m.site, m.events)
	m.newest = newInArchive(m.events)
	m.groupDirectory()
	if len(m.newest) > 50 {
		m.newest = m.newest[:50]
	}
}

// makeViews prepares what every layout shares, in m's language.
func (m *site) makeViews() {
	lang := m.lang
	sv := &SiteView{Title: m.site.TitleIn(lang), Description: m.site.DescriptionIn(lang), BaseURL: m.base, Lang: lang, HomeURL: m.url(homeURL()),
		FeedURL: m.url(feedURL()), CalendarURL: m.url(calendarURL()), FollowURL: m.url(followURL()), SearchURL: m.url(searchURL()), YearsURL: m.url(yearsURL()), RegionsURL: m.url(regionsURL())}
	m.kindView = map[string]*KindView{}
	m.regView = map[string]*RegionView{}
	for _, k := range m.site.Kinds {
		kv := &KindView{Key: k.Key, Name: k.NameIn(lang), Plural: k.PluralIn(lang), Description: k.DescriptionIn(lang), URL: m.url(kindURL(k)), Folder: k.Folder}
		m.kindView[k.Key] = kv
		sv.Kinds = append(sv.Kinds, kv)
	}
	for _, r := range m.site.Regions {
		rv := &RegionView{Key: r.Key, Name: r.NameIn(lang), Description: r.DescriptionIn(lang), URL: m.url(regionURL(r))}
		m.regView[r.Key] = rv
		sv.Regions = append(sv.Regions, rv)
	}
	m.summary = make(map[*content.Event]*EventSummary, len(m.events))
	for _, e := range m.events {
		m.kindView[e.Kind.Key].Count++
		m.regView[e.Region.Key].Count++
		s := &EventSummary{Title: e.Title, URL: m.eventURL(e), Date: e.Date, EndDate: e.EndDate, Location: e.Location,
			Format: e.Format, Kind: m.kindView[e.Kind.Key], Region: m.regView[e.Region.Key], Summary: e.Summary, Draft: e.Draft}
		switch t := m.translation(e); {
		case t != nil:
			loc := e.In(lang)
			s.Title, s.Summary, s.Location = loc.Title, loc.Summary, loc.Location
		case !m.isDefault():
			// Listed as it is written, and marked so.
			s.Lang = m.site.Language
		}
		m.summary[e] = s
	}
	for _, p := range m.pages {
		if p.Menu {
			sv.Pages = append(sv.Pages, Link{Label: p.In(m.pageLang(p)).Title, URL: m.pageURL(p)})
		}
	}
	m.makeDirectoryViews(sv)
	sv.NavKinds = sv.Kinds
	if len(sv.Kinds) > MaxNavKinds {
		sv.NavKinds = sv.Kinds[:MaxNavKinds-1]
		sv.MoreKinds = len(sv.Kinds) - len(sv.NavKinds)
	}
	m.siteView = sv
}

// pageLang is the language p is read in on m's pages: m's, or the
// default when p has no translation into it.
func (m *site) pageLang(p *content.Page) string {
	if m.pageTranslation(p) != nil {
		return m.lang
	}
	return m.site.Language
}

// MaxHomeUpcoming is how many upcoming events the home page lists at
// most, the soonest first; it says how many more there are, which the
// year indexes list. The home page thus does not grow with a calendar
// planned far ahead.
const MaxHomeUpcoming = 10

// MaxNavKinds is how many kinds the navigation on every page lists at
// most (see SiteView.NavKinds).
const MaxNavKinds = 8

// takeBodies hands render the published events' Markdown and drops the
// model's hold on every body: from then on each render task keeps only
// what it shows, so that a body's HTML is freed once its page is written
// and its text once the search index is. (With a Cache its Markdown table
// keeps them all for the next build.)
func (m *site) takeBodies() map[*content.Event]*markdown.Result {
	md := make(map[*content.Event]*markdown.Result, len(m.events))
	for _, e := range m.events {
		if r := m.md[e]; r != nil {
			md[e] = r
		}
	}
	m.md = nil
	return md
}

// takeTranslations is takeBodies for the translations of the published
// records: it hands render their Markdown and takes it out of the model
// (every language's, which share the map). Pages' translations stay:
// they are few.
func (m *site) takeTranslations() map[*content.Translation]*markdown.Result {
	out := map[*content.Translation]*markdown.Result{}
	for _, e := range m.events {
		for _, t := range e.Translations {
			if r := m.trMD[t]; r != nil {
				out[t] = r
				delete(m.trMD, t)
			}
		}
	}
	return out
}

// upcoming reports whether e is still to come on Config.Today: its last
// day, a day of the calendar where it is held, is today or later. Zero
// Today means no event is.
func (m *site) upcoming(e *content.Event) bool {
	return !m.cfg.Today.IsZero() && !e.LastDay().Before(m.cfg.Today)
}

// t is the theme's string for key; a key the theme lacks shows as itself.
func (m *site) t(key string) string {
	s, err := m.theme.String(key)
	if err != nil {
		return key
	}
	return s
}
