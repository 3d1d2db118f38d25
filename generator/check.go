package generator

import (
	"context"
	"fmt"
	"path"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/iom-cso/archive/generator/content"
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
	Placeholder = content.Placeholder
)

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
	cfg.Drafts = true
	m, problems, failure := load(ctx, cfg)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if m == nil {
		problems.Sort()
		return problems, nil
	}
	problems = append(problems, check(m)...)
	if failure == nil && problems.Err() == nil {
		// Clean content: build the whole site, which executes every
		// layout, dropping each file as it is made.
		if _, err := render(ctx, m, discard{}); err != nil {
			if ctx.Err() != nil {
				return nil, ctx.Err()
			}
			failure = err
		}
	}
	problems.Sort()
	if cfg.Stats != nil {
		// The site build would publish: without the drafts Check reads.
		var events []*content.Event
		var pages []*content.Page
		for _, e := range m.arch.Events {
			if !e.Draft {
				events = append(events, e)
			}
		}
		for _, p := range m.arch.Pages {
			if !p.Draft {
				pages = append(pages, p)
			}
		}
		cfg.Stats(m.stats(events, pages))
	}
	if cfg.Translations != nil {
		cfg.Translations(translationStatus(m))
	}
	return dedupeProblems(problems), failure
}

// check runs every check on the model that is not the content loader's:
// the rules on front matter and every link of every page's Markdown,
// drafts included. Build runs it too: its errors fail a build exactly as
// they fail check.
func check(m *site) content.List {
	c := &checker{m: m, dir: m.dir}
	c.events()
	c.translations()
	c.duplicateTitles()
	c.linkRoutes()
	c.links()
	c.attachments()
	return c.problems
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
	m        *site
	dir      string
	problems content.List

	routes     map[string]*linkTarget // by output file path
	lowerRoute map[string]string      // lowercased file path → file path
	byFile     map[string]*linkSource
	referenced map[string]bool // output file paths some link points at
	// transIDs are the element ids of the translations' pages, by
	// language and the original's URL, for a translation's #fragments.
	transIDs map[string]map[string]map[string]bool
}

func (c *checker) add(sev content.Severity, file string, line, col int, format string, args ...any) {
	c.problems = append(c.problems, &content.Error{Path: path.Join(c.dir, file), Line: line, Col: col, Severity: sev, Msg: fmt.Sprintf(format, args...)})
}

func (c *checker) warn(file string, pos content.Position, format string, args ...any) {
	c.add(content.SeverityWarning, file, pos.Line, pos.Col, format, args...)
}

// events runs the checks that look at one event's front matter.
func (c *checker) events() {
	today := c.m.cfg.Today
	for _, e := range c.m.arch.Events {
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
		if !today.IsZero() && e.Kind != nil && e.Date.After(today) && e.Kind.PastOnly {
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
	for _, e := range c.m.arch.Events {
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
