package generator_test

// Benchmarks of whole builds at scale, on synthetic archives from
// internal/synth; they run only with -bench. docs/performance.md gives the
// command and the figures measured. Besides ns/op, B/op and allocs/op they
// report peak-RSS-MB and cpu-s/op (see internal/benchmeter).

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"github.com/iom-cso/archive/internal/countdown"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/iom-cso/archive/generator"
	"github.com/iom-cso/archive/generator/output"
	"github.com/iom-cso/archive/internal/benchmeter"
	"github.com/iom-cso/archive/internal/synth"
)

var perfToday = time.Date(2026, 1, 15, 0, 0, 0, 0, time.UTC)

// perfContent writes synth.Generate(n, 1) into a temporary folder and
// returns a Config reading it the way the archive command does.
func perfContent(b *testing.B, n int) (generator.Config, string) {
	b.Helper()
	dir := filepath.Join(b.TempDir(), "content")
	if err := synth.WriteDir(dir, n, 1); err != nil {
		b.Fatal(err)
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { root.Close() })
	return generator.Config{Content: root.FS(), ContentDir: "content", Today: perfToday}, dir
}

func BenchmarkBuild1000(b *testing.B)  { benchmarkBuild(b, 1000) }
func BenchmarkBuild10000(b *testing.B) { benchmarkBuild(b, 10000) }

// benchmarkBuild measures a full build, cold, from a content folder on disk
// to a public folder on disk: archive build.
func benchmarkBuild(b *testing.B, n int) {
	cfg, _ := perfContent(b, n)
	out := filepath.Join(b.TempDir(), "public")
	m := benchmeter.Start()
	b.ReportAllocs()
	var build, write time.Duration
	var largest string
	var largestSize int
	for b.Loop() {
		m.Begin()
		start := time.Now()
		files, copies, err := generator.Build(context.Background(), cfg)
		if err != nil {
			b.Fatal(err)
		}
		mid := time.Now()
		if err := output.Write(out, files, copies); err != nil {
			b.Fatal(err)
		}
		build, write = build+mid.Sub(start), write+time.Since(mid)
		m.End()
		b.StopTimer()
		for p, data := range files {
			if strings.HasSuffix(p, ".html") && (len(data) > largestSize || len(data) == largestSize && p < largest) {
				largest, largestSize = p, len(data)
			}
		}
		b.StartTimer()
	}
	m.Report(b)
	// What a reader downloads at most: the largest HTML page. Indexes are
	// paginated so that it does not grow with the archive.
	b.ReportMetric(float64(largestSize)/1024, "max-html-KB")
	b.Logf("largest HTML page: %s, %d bytes", largest, largestSize)
	// The two parts apart: writing tens of thousands of files costs what
	// the file system makes it cost, and varies more than building.
	b.ReportMetric(build.Seconds()/float64(b.N), "build-s/op")
	b.ReportMetric(write.Seconds()/float64(b.N), "write-s/op")
}

func BenchmarkRebuild1000(b *testing.B)  { benchmarkRebuild(b, 1000) }
func BenchmarkRebuild10000(b *testing.B) { benchmarkRebuild(b, 10000) }

// BenchmarkRebuildInMemory10000 is BenchmarkRebuild10000 with the content
// in memory (an fstest.MapFS), as the preview server's file cache serves
// it: Build's own cost, without reading 10,000 files.
func BenchmarkRebuildInMemory10000(b *testing.B) {
	fsys := synth.Generate(10000, 1)
	cfg := generator.Config{Content: listedFS{fsys, map[string][]fs.DirEntry{}}, Today: perfToday, Cache: generator.NewCache()}
	if _, _, err := generator.Build(context.Background(), cfg); err != nil {
		b.Fatal(err)
	}
	var name string
	for n := range fsys {
		if strings.HasPrefix(n, "information-sessions/") && strings.Count(n, "/") == 1 && (name == "" || n < name) {
			name = n
		}
	}
	orig := fsys[name].Data
	m := benchmeter.Start()
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		i++
		fsys[name] = &fstest.MapFile{Data: append(bytes.Clone(orig), fmt.Sprintf("\nEdit number %d.\n", i)...)}
		m.Begin()
		if _, _, err := generator.Build(context.Background(), cfg); err != nil {
			b.Fatal(err)
		}
		m.End()
	}
	m.Report(b)
}

// benchmarkRebuild measures what the preview server does after an author
// saves one event: Build with a warm Cache, in memory.
func benchmarkRebuild(b *testing.B, n int) {
	cfg, dir := perfContent(b, n)
	cfg.Cache = generator.NewCache()
	if _, _, err := generator.Build(context.Background(), cfg); err != nil {
		b.Fatal(err)
	}
	name := perfEventFile(b, dir)
	orig, err := os.ReadFile(name)
	if err != nil {
		b.Fatal(err)
	}
	m := benchmeter.Start()
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		i++
		b.StopTimer()
		edited := append(bytes.Clone(orig), fmt.Sprintf("\nEdit number %d.\n", i)...)
		if err := os.WriteFile(name, edited, 0o644); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		m.Begin()
		if _, _, err := generator.Build(context.Background(), cfg); err != nil {
			b.Fatal(err)
		}
		m.End()
	}
	m.Report(b)
}

// listedFS is a MapFS whose folder listings are made once: MapFS lists a
// folder by scanning every file, too slowly for 10,000 to stand for a file
// cache in memory. Files may change, but not which files there are.
type listedFS struct {
	fstest.MapFS
	dirs map[string][]fs.DirEntry
}

func (l listedFS) ReadDir(name string) ([]fs.DirEntry, error) {
	if d, ok := l.dirs[name]; ok {
		return d, nil
	}
	d, err := l.MapFS.ReadDir(name)
	if err == nil {
		l.dirs[name] = d
	}
	return d, err
}

// perfEventFile returns the path of an event file of the archive in dir.
func perfEventFile(b *testing.B, dir string) string {
	b.Helper()
	matches, err := filepath.Glob(filepath.Join(dir, "information-sessions", "*.md"))
	if err != nil || len(matches) == 0 {
		b.Fatalf("no event file in %s", dir)
	}
	return matches[len(matches)/2]
}

// TestSynthBuildDeterministic builds a 500-event archive twice and wants
// the same bytes (150 events under the race detector).
func TestSynthBuildDeterministic(t *testing.T) {
	n := 500
	if raceEnabled {
		n = 150
	}
	fsys := synth.Generate(n, 1)
	cfg := generator.Config{Content: fsys, Today: perfToday}
	a, ac, err := generator.Build(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	b, bc, err := generator.Build(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	perfSameFiles(t, a, b)
	perfSameCopies(t, ac, bc)
}

// TestWarmRebuildMatchesColdBuild edits the content between builds with
// one Cache, in the ways authors do, and wants after each edit exactly what
// a build without a cache gives. In "after cancelled builds", each edit is
// first built with a context cancelled midway (the preview server cancels
// a build when a new save comes), at a later point for each edit, so that
// every stage is interrupted once: what a cancelled build leaves in the
// Cache must not show in the next build.
func TestWarmRebuildMatchesColdBuild(t *testing.T) {
	t.Run("after whole builds", func(t *testing.T) { testWarmRebuild(t, false) })
	t.Run("after cancelled builds", func(t *testing.T) { testWarmRebuild(t, true) })
}

func testWarmRebuild(t *testing.T, cancelFirst bool) {
	fsys := synth.Generate(40, 2)
	// Pages of 3 events: every index of the 40 is paginated, so that
	// edits move events across page boundaries.
	cfg := generator.Config{Content: fsys, Today: perfToday, Cache: generator.NewCache(), PageSize: 3}
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
	replace := func(name, old, new string) {
		f := fsys[name]
		if !bytes.Contains(f.Data, []byte(old)) {
			t.Fatalf("%s holds no %q", name, old)
		}
		f.Data = bytes.Replace(f.Data, []byte(old), []byte(new), 1)
	}
	edits := []struct {
		name string
		edit func()
	}{
		{"body", func() {
			f := fsys[first("annual-consultations/", ".md")]
			f.Data = append(bytes.Clone(f.Data), "\nOne more paragraph.\n"...)
		}},
		// A new title changes the event's page, its neighbours' prev/next
		// links, the lists, the feeds and the search index.
		{"title", func() { replace(first("information-sessions/", ".md"), `title: "`, `title: "Edited: `) }},
		{"date", func() { replace(first("regional-consultations/", ".md"), "date: 20", "date: 19") }},
		{"attachment", func() {
			f := fsys[first("", "/report.pdf")]
			f.Data = append(bytes.Clone(f.Data), "% a longer report\n"...)
		}},
		// An event no other links to: deleting a linked one is a broken
		// link, which fails the build.
		{"delete", func() { delete(fsys, unlinked("humanitarian-consultations/")) }},
		{"add", func() {
			name := first("humanitarian-consultations/", ".md")
			fsys["humanitarian-consultations/2026-new-event.md"] = &fstest.MapFile{Data: bytes.Clone(fsys[name].Data)}
		}},
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
		}},
		{"menu page", func() { replace("about.md", `title: "`, `title: "All `) }},
		{"home", func() { replace("_index.md", "This archive", "This synthetic archive") }},
		{"site", func() { replace("site.yaml", `name: "Africa"`, `name: "Africa (all)"`) }},
		// site.yaml's page size instead of Config's: pages of 10.
		{"page size", func() {
			cfg.PageSize = 0
			replace("site.yaml", "kinds:\n", "pagination:\n  page_size: 10\nkinds:\n")
		}},
	}
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
		})
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
