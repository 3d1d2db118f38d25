// Package generator builds the archive: it reads a content folder, renders
// every page with the theme and hands the site out file by file.
//
// Data flows one way: files in (content.Load) → model (taxonomy) → pages
// (theme) → files out (an output.Sink). Writing public/ and serving the
// preview are two consumers of one render: BuildTo hands each file to a
// sink as soon as it is made (archive build's output.Stage writes it into
// the new tree and lets go of it, so the site is never held whole), and
// Build collects them in memory (output.Files) for the preview and for
// tests, which feed it an fstest.MapFS. Attachments are not held in
// memory: both return them as output.Copies, copied from the content
// folder as streams when the site is written or served.
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
// # Reading the package
//
// A build is three steps over one value. load (site.go) reads the content
// folder into the site model: the published events and pages, each one's
// Markdown, the groupings and the route table, all computed once. check
// (check.go, links.go) reads the model and returns the problems; render
// (render.go, pages.go, files.go) reads it and returns the files. Build
// runs all three; Check runs load and check, and render only to execute
// every layout once. With a Cache, work is memoized by explicit keys
// (memo.go) on the same code path.
//
// routes.go is the one place URLs are decided, and lists every file the
// site writes. The same input always gives
// byte-identical output: nothing depends on the clock except through
// Config.Today, nothing on map order or on the file system's listing order.
package generator

import (
	"context"
	"io/fs"
	"slices"
	"time"

	"github.com/iom-cso/archive/generator/content"
	"github.com/iom-cso/archive/generator/output"
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
	// Translations, when set, receives from Check how far the records
	// build would publish are translated into each of the site's other
	// languages (none for a site in one language).
	Translations func([]TranslationStatus)
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
	var mem *memory
	copies, err := build(ctx, cfg, func(m *site) (output.Sink, error) {
		mem = &memory{files: make(output.Files, 4*len(m.events)*len(m.langs))}
		return mem, nil
	})
	if err != nil {
		return nil, nil, err
	}
	return mem.files, copies, nil
}

// BuildTo builds the site as Build does, but hands each file to a sink as
// soon as it is made instead of holding the whole site, so that a sink
// writing to disk (output.Stage, which archive build uses) keeps a build's
// memory to the model and the pages being made. open returns the sink; it
// is called once, when the content has passed every check, right before
// the first file is made: a content error never opens it. When BuildTo
// fails after open, what the sink got is not the whole site (an
// output.Stage is then aborted by its caller). It returns the attachments
// to copy, as Build does.
func BuildTo(ctx context.Context, cfg Config, open func() (output.Sink, error)) (output.Copies, error) {
	return build(ctx, cfg, func(*site) (output.Sink, error) { return open() })
}

// build is Build and BuildTo: open is given the model it is to render.
func build(ctx context.Context, cfg Config, open func(*site) (output.Sink, error)) (output.Copies, error) {
	m, problems, err := load(ctx, cfg)
	if err := ctx.Err(); err != nil {
		return nil, err // before the problems: a half-read folder has made-up ones
	}
	if m == nil {
		return nil, problems.Err()
	}
	if err := m.read.Err(); err != nil {
		// The content folder's own problems, alone: what else load found
		// (Markdown, addresses) is check's to report beside them.
		return nil, err
	}
	if err != nil {
		return nil, err
	}
	if err := problems.Err(); err != nil {
		return nil, err
	}
	// The checks build shares with check: their errors fail the build
	// exactly as they fail check, with the same message at the same
	// position; their warnings are passed to Config.Warnings.
	problems = append(problems, check(m)...)
	if err := problems.Err(); err != nil {
		return nil, err
	}
	sink, err := open(m)
	if err != nil {
		return nil, err
	}
	copies, err := render(ctx, m, sink)
	if err != nil {
		return nil, err
	}
	if cfg.Stats != nil {
		cfg.Stats(m.stats(m.events, m.pages))
	}
	if cfg.Warnings != nil {
		var warnings content.List
		for _, e := range slices.Clip(problems) {
			if e.Severity == content.SeverityWarning {
				warnings = append(warnings, e)
			}
		}
		warnings.Sort()
		cfg.Warnings(dedupeProblems(warnings))
	}
	return copies, nil
}
