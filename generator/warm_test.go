package generator_test

import (
	"bytes"
	"context"
	"errors"
	"maps"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/iom-cso/archive/generator"
	"github.com/iom-cso/archive/generator/output"
	"github.com/iom-cso/archive/internal/countdown"
	"github.com/iom-cso/archive/internal/synth"
)

// TestWarmRebuildMatchesColdBuild edits the content, the theme and the
// options between builds with one Cache, in the ways authors do, and wants
// after each edit exactly what a build without a cache gives. In "after cancelled builds", each edit is
// first built with a context cancelled midway (the preview server cancels
// a build when a new save comes), at a later point for each edit, so that
// every stage is interrupted once: what a cancelled build leaves in the
// Cache must not show in the next build.
func TestWarmRebuildMatchesColdBuild(t *testing.T) {
	t.Run("after whole builds", func(t *testing.T) { testWarmRebuild(t, false) })
	t.Run("after cancelled builds", func(t *testing.T) { testWarmRebuild(t, true) })
}

func testWarmRebuild(t *testing.T, cancelFirst bool) {
	// A directory of organizations and a topic vocabulary: events'
	// pages show their organizers' names and link to their pages.
	fsys := synth.GenerateWith(40, 2, synth.Options{Organizations: 8, Topics: 25})
	// The default theme, copied so that it can be edited.
	theme := defaultThemeCopy(t)
	// Pages of 3 events: every index of the 40 is paginated, so that
	// edits move events across page boundaries.
	cfg := generator.Config{Content: fsys, Theme: theme, Today: perfToday, Cache: generator.NewCache(), PageSize: 3}
	files, _, err := generator.Build(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	if files["information-sessions/page/2/index.html"] == nil {
		t.Fatal("information-sessions/ is not paginated: the edits below would not cross a page boundary")
	}
	// How often a warm build looks at its context, to cancel the builds
	// below at fractions of it.
	counter := countdown.New(1 << 40)
	if _, _, err := generator.Build(counter, cfg); err != nil {
		t.Fatal(err)
	}
	checks := counter.Calls()
	first := func(prefix, suffix string) string {
		var name string
		for n := range fsys {
			// Event files outside bundles, or the named file of a bundle.
			flat := strings.Count(n, "/") == 1 || !strings.HasSuffix(suffix, ".md")
			if flat && strings.HasPrefix(n, prefix) && strings.HasSuffix(n, suffix) && (name == "" || n < name) {
				name = n
			}
		}
		if name == "" {
			t.Fatalf("no %s*%s in the synthetic archive", prefix, suffix)
		}
		return name
	}
	unlinked := func(prefix string) string {
		var names []string
		for n := range fsys {
			if rest, ok := strings.CutPrefix(n, prefix); ok && strings.HasSuffix(rest, ".md") && !strings.Contains(rest, "/") {
				names = append(names, n)
			}
		}
		slices.Sort(names)
	next:
		for _, n := range names {
			url := []byte("/" + strings.TrimSuffix(n, ".md") + "/")
			for _, f := range fsys {
				if bytes.Contains(f.Data, url) {
					continue next
				}
			}
			return n
		}
		t.Fatalf("every %s*.md is linked to", prefix)
		return ""
	}
	replace := func(name, old, new string) { replaceIn(t, fsys, name, old, new) }
	edits := []struct {
		name string
		edit func()
		// shows says the edit changes the site's files: a memo that
		// missed it would show the old ones.
		shows bool
	}{
		{"body", func() {
			f := fsys[first("annual-consultations/", ".md")]
			f.Data = append(bytes.Clone(f.Data), "\nOne more paragraph.\n"...)
		}, true},
		// A new title changes the event's page, its neighbours' prev/next
		// links, the lists, the feeds and the search index.
		{"title", func() { replace(first("information-sessions/", ".md"), `title: "`, `title: "Edited: `) }, true},
		{"date", func() { replace(first("regional-consultations/", ".md"), "date: 20", "date: 19") }, true},
		{"attachment", func() {
			f := fsys[first("", "/report.pdf")]
			f.Data = append(bytes.Clone(f.Data), "% a longer report\n"...)
		}, true},
		// An event no other links to: deleting a linked one is a broken
		// link, which fails the build.
		{"delete", func() { delete(fsys, unlinked("humanitarian-consultations/")) }, true},
		{"add", func() {
			name := first("humanitarian-consultations/", ".md")
			fsys["humanitarian-consultations/2026-new-event.md"] = &fstest.MapFile{Data: bytes.Clone(fsys[name].Data)}
		}, true},
		// The newest information session becomes the oldest: every other
		// one moves up a place, across each page boundary of its kind's,
		// region's and years' indexes.
		{"page boundary", func() {
			var newest string
			for n, f := range fsys {
				if strings.HasPrefix(n, "information-sessions/") && strings.HasSuffix(n, ".md") && (newest == "" || eventDate(f.Data) > eventDate(fsys[newest].Data)) {
					newest = n
				}
			}
			date := eventDate(fsys[newest].Data)
			replace(newest, "date: "+date, "date: 2011-01-01")
			if end := "end_date: "; bytes.Contains(fsys[newest].Data, []byte(end)) {
				f := fsys[newest]
				i := bytes.Index(f.Data, []byte(end))
				f.Data = slices.Concat(f.Data[:i], []byte("end_date: 2011-01-02"), f.Data[i+len(end)+len("2006-01-02"):])
			}
		}, true},
		// An organization's name shows on its page, the directory, the
		// pages of its events (and their JSON-LD) and in the search index.
		{"organization", func() { replace(first("organizations/", ".md"), `name: "`, `name: "Edited `) }, true},
		// Without its aliases, the events that use one no longer name it.
		{"organization aliases", func() {
			var name string
			for n, f := range fsys {
				if strings.HasPrefix(n, "organizations/") && bytes.Contains(f.Data, []byte("\naliases: ")) && (name == "" || n < name) {
					name = n
				}
			}
			replace(name, "\naliases: ", "\n# aliases: ")
		}, true},
		{"menu page", func() { replace("about.md", `title: "`, `title: "All `) }, true},
		{"home", func() { replace("_index.md", "This archive", "This synthetic archive") }, true},
		{"site", func() { replace("site.yaml", `name: "Africa"`, `name: "Africa (all)"`) }, true},
		// site.yaml's page size instead of Config's: pages of 10.
		{"page size", func() {
			cfg.PageSize = 0
			replace("site.yaml", "kinds:\n", "pagination:\n  page_size: 10\nkinds:\n")
		}, true},
		// Every page shows the footer and the theme's strings.
		{"theme file", func() {
			replaceIn(t, theme, "layouts/partials/site-footer.html", `<footer class="site-footer">`, `<footer class="site-footer edited">`)
		}, true},
		{"i18n file", func() { replaceIn(t, theme, "i18n/en.yaml", `nav_home: "Home"`, `nav_home: "Start"`) }, true},
		// A later day: the events of the months between are no longer
		// upcoming (home page, event pages, feed, calendar).
		{"today", func() { cfg.Today = perfToday.AddDate(0, 11, 0) }, true},
	}
	before := files
	for i, ed := range edits {
		ed.edit()
		cfg.Drafts = ed.name == "menu page" // a change of options, too
		if cancelFirst {
			at := checks * int64(i+1) / int64(len(edits)+1)
			if _, _, err := generator.Build(countdown.New(at), cfg); !errors.Is(err, context.Canceled) {
				t.Fatalf("after the %s edit, a build cancelled at check %d of %d: %v, want context.Canceled", ed.name, at, checks, err)
			}
		}
		warm, warmCopies, err := generator.Build(context.Background(), cfg)
		if err != nil {
			t.Fatalf("after the %s edit: %v", ed.name, err)
		}
		cold := cfg
		cold.Cache = nil
		want, wantCopies, err := generator.Build(context.Background(), cold)
		if err != nil {
			t.Fatalf("after the %s edit, without a cache: %v", ed.name, err)
		}
		t.Run(ed.name, func(t *testing.T) {
			perfSameFiles(t, warm, want)
			perfSameCopies(t, warmCopies, wantCopies)
			if ed.shows && maps.EqualFunc(before, want, bytes.Equal) {
				t.Errorf("the %s edit changed no file: it tests nothing", ed.name)
			}
		})
		before = want
	}
}

// eventDate returns the date: of an event file.
func eventDate(data []byte) string {
	_, rest, _ := bytes.Cut(data, []byte("\ndate: "))
	date, _, _ := bytes.Cut(rest, []byte("\n"))
	return string(date)
}

// perfSameCopies wants the same attachments, of the same sizes, from the
// same files.
func perfSameCopies(t *testing.T, a, b output.Copies) {
	t.Helper()
	if len(a) != len(b) {
		t.Errorf("%d attachments, then %d", len(a), len(b))
	}
	for _, p := range a.Paths() {
		if x, y := a[p], b[p]; x.Name != y.Name || x.Size != y.Size || x.Source != y.Source {
			t.Errorf("attachment %s: %+v, then %+v", p, x, y)
		}
	}
}

func perfSameFiles(t *testing.T, a, b output.Files) {
	t.Helper()
	if len(a) != len(b) {
		t.Errorf("%d files, then %d", len(a), len(b))
	}
	for _, p := range a.Paths() {
		if !bytes.Equal(a[p], b[p]) {
			t.Errorf("%s differs", p)
		}
	}
}

// TestWarmRebuildTranslations: in a site in three languages, editing,
// adding and deleting translations, and editing a translated original,
// give with a warm Cache exactly what a cold build gives.
func TestWarmRebuildTranslations(t *testing.T) {
	fsys := synth.Generate(30, 3)
	synth.Translate(fsys, []string{"fr", "es"}, 3)
	cfg := generator.Config{Content: fsys, Today: perfToday, Cache: generator.NewCache(), PageSize: 4}
	before, _, err := generator.Build(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	named := func(suffix string) string {
		var names []string
		for n := range fsys {
			if strings.HasSuffix(n, suffix) && strings.Count(n, "/") == 1 {
				names = append(names, n)
			}
		}
		slices.Sort(names)
		if len(names) == 0 {
			t.Fatalf("no *%s", suffix)
		}
		return names[0]
	}
	fr := named(".fr.md")
	orig := strings.TrimSuffix(fr, ".fr.md") + ".md"
	es := strings.TrimSuffix(fr, ".fr.md") + ".es.md"
	replace := func(name, old, new string) { replaceIn(t, fsys, name, old, new) }
	for _, ed := range []struct {
		name string
		edit func()
	}{
		{"translation body", func() {
			fsys[fr] = &fstest.MapFile{Data: append(bytes.Clone(fsys[fr].Data), "\nUn paragraphe de plus.\n"...)}
		}},
		{"translation title", func() { replace(fr, `title: "`, `title: "Modifié : `) }},
		{"translated original", func() { replace(orig, `title: "`, `title: "Edited: `) }},
		{"add translation", func() {
			if fsys[es] != nil {
				t.Fatalf("%s exists already", es)
			}
			fsys[es] = &fstest.MapFile{Data: bytes.Replace(fsys[fr].Data, []byte("[fr]"), []byte("[es]"), -1)}
		}},
		{"delete translation", func() { delete(fsys, fr) }},
	} {
		ed.edit()
		warm, _, err := generator.Build(context.Background(), cfg)
		if err != nil {
			t.Fatalf("after the %s edit: %v", ed.name, err)
		}
		cold := cfg
		cold.Cache = nil
		want, _, err := generator.Build(context.Background(), cold)
		if err != nil {
			t.Fatalf("after the %s edit, without a cache: %v", ed.name, err)
		}
		t.Run(ed.name, func(t *testing.T) {
			perfSameFiles(t, warm, want)
			if maps.EqualFunc(before, want, bytes.Equal) {
				t.Errorf("the %s edit changed no file: it tests nothing", ed.name)
			}
		})
		before = want
	}
}

// replaceIn replaces the first old in the file name of fsys by new; a
// test fails at once when the file does not hold old, so that an edit
// the fixture no longer allows is not silently no edit.
func replaceIn(t testing.TB, fsys fstest.MapFS, name, old, new string) {
	t.Helper()
	f := fsys[name]
	if f == nil || !bytes.Contains(f.Data, []byte(old)) {
		t.Fatalf("%s holds no %q", name, old)
	}
	fsys[name] = &fstest.MapFile{Data: bytes.Replace(f.Data, []byte(old), []byte(new), 1)}
}
