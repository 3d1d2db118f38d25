package generator_test

// Benchmarks of whole builds at scale, on synthetic archives from
// internal/synth; they run only with -bench. docs/performance.md gives the
// command and the figures measured. Besides ns/op, B/op and allocs/op they
// report peak-RSS-MB and cpu-s/op (see internal/benchmeter).

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
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
	return perfContentWith(b, n, synth.Options{})
}

// perfContentWith is perfContent of synth.GenerateWith(n, 1, opts).
func perfContentWith(b *testing.B, n int, opts synth.Options) (generator.Config, string) {
	b.Helper()
	dir := filepath.Join(b.TempDir(), "content")
	if err := synth.WriteDirWith(dir, n, 1, opts); err != nil {
		b.Fatal(err)
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { root.Close() })
	return generator.Config{Content: root.FS(), ContentDir: "content", Today: perfToday}, dir
}

func BenchmarkBuild1000(b *testing.B)  { benchmarkBuild(b, 1000, synth.Options{}, false) }
func BenchmarkBuild10000(b *testing.B) { benchmarkBuild(b, 10000, synth.Options{}, false) }

// BenchmarkBuildDirectory10000 is BenchmarkBuild10000 with a directory of
// 500 organizations, which the records' organizers name, and a vocabulary
// of 200 topics: what the directory and the topic pages cost.
func BenchmarkBuildDirectory10000(b *testing.B) {
	benchmarkBuild(b, 10000, synth.Options{Organizations: 500, Topics: 200}, false)
}

// BenchmarkBuild10000Languages is BenchmarkBuild10000 with the site in
// English, French and Spanish and a third of the events translated into
// each of French and Spanish (synth.Translate): the cost of two more
// languages, which is mostly their lists and search indexes.
func BenchmarkBuild10000Languages(b *testing.B) { benchmarkBuild(b, 10000, synth.Options{}, true) }

// benchmarkBuild measures a full build, cold, from a content folder on disk
// to a public folder on disk, as archive build makes it: each file written
// into the staged tree as it is made (generator.BuildTo, output.Stage),
// then the tree swapped in. translated makes the archive one in three
// languages (BenchmarkBuild10000Languages).
func benchmarkBuild(b *testing.B, n int, opts synth.Options, translated bool) {
	cfg, dir := perfContentWith(b, n, opts)
	if translated {
		fsys := synth.GenerateWith(n, 1, opts)
		synth.Translate(fsys, []string{"fr", "es"}, 3)
		if err := synth.WriteFS(dir, fsys); err != nil {
			b.Fatal(err)
		}
	}
	out := filepath.Join(b.TempDir(), "public")
	m := benchmeter.Start()
	b.ReportAllocs()
	var build, write time.Duration
	var buildCPU benchmeter.Meter // BuildTo's alone
	var largest *largestSink
	for b.Loop() {
		m.Begin()
		buildCPU.Begin()
		start := time.Now()
		var stage *output.Stage
		copies, err := generator.BuildTo(context.Background(), cfg, func() (output.Sink, error) {
			s, err := output.Options{}.Stage(context.Background(), out)
			if err != nil {
				return nil, err
			}
			stage, largest = s, &largestSink{Sink: s}
			return largest, nil
		})
		if err != nil {
			b.Fatal(err)
		}
		mid := time.Now()
		buildCPU.End()
		if err := stage.Commit(copies); err != nil {
			b.Fatal(err)
		}
		build, write = build+mid.Sub(start), write+time.Since(mid)
		m.End()
	}
	m.Report(b)
	// What a reader downloads at most: the largest HTML page. Indexes are
	// paginated so that it does not grow with the archive.
	b.ReportMetric(float64(largest.size)/1024, "max-html-KB")
	b.Logf("largest HTML page: %s, %d bytes", largest.path, largest.size)
	// The two parts apart: making the site, which writes each file as it
	// is made, and putting the tree in place (copying the attachments,
	// the swap, removing the previous tree).
	b.ReportMetric(build.Seconds()/float64(b.N), "build-s/op")
	b.ReportMetric(write.Seconds()/float64(b.N), "write-s/op")
	// BuildTo's CPU time, the files' writing included: the commit is
	// mostly the kernel removing the previous tree, whose cost swings with
	// the disk's state, not with the build.
	b.ReportMetric(buildCPU.CPU().Seconds()/float64(b.N), "build-cpu-s/op")
	// Its user part: the generator's own work, without the kernel's
	// (creating the files), which the disk's history swings.
	b.ReportMetric((buildCPU.CPU()-buildCPU.Sys()).Seconds()/float64(b.N), "build-user-cpu-s/op")
}

// largestSink passes files on to a Sink and notes the largest HTML page
// (the first by path of those of its size).
type largestSink struct {
	output.Sink
	mu   sync.Mutex
	path string
	size int
}

func (s *largestSink) Put(p string, data []byte) error {
	if strings.HasSuffix(p, ".html") {
		s.mu.Lock()
		if len(data) > s.size || len(data) == s.size && p < s.path {
			s.path, s.size = p, len(data)
		}
		s.mu.Unlock()
	}
	return s.Sink.Put(p, data)
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
