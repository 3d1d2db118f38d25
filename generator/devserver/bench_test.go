package devserver

import (
	"fmt"
	"io/fs"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/iom-cso/archive/internal/synth"
)

// BenchmarkReloadLatency measures what an author waits for: the time from
// writing one event file to the reload event reaching a browser's event
// stream, through the real watcher (fsnotify, with the default debounce),
// a rebuild with the server's build cache, and the SSE write, on synthetic
// archives of 1,000 and 10,000 events. Each iteration edits the body of a
// different event. Besides ns/op (the mean), it reports the median, the
// 95th percentile and the worst case in milliseconds, and the median time
// spent in generator.Build alone.
//
//	go test -run '^$' -bench ReloadLatency -benchtime 20x ./generator/devserver
func BenchmarkReloadLatency(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		b.Run(fmt.Sprintf("events=%d", n), func(b *testing.B) {
			dir := b.TempDir()
			if err := synth.WriteDir(filepath.Join(dir, "content"), n, 1); err != nil {
				b.Fatal(err)
			}
			f := startServer(b, dir, func(o *Options) { o.Debounce = DefaultDebounce })
			s := f.subscribe(b)
			s.expect(b, "hello")

			var files []string
			err := filepath.WalkDir(filepath.Join(dir, "content"), func(p string, d fs.DirEntry, err error) error {
				if err == nil && !d.IsDir() && strings.HasSuffix(p, ".md") && strings.Count(strings.TrimPrefix(p, dir), string(filepath.Separator)) >= 3 {
					files = append(files, p)
				}
				return err
			})
			if err != nil || len(files) == 0 {
				b.Fatalf("no event files: %v", err)
			}

			lat := make([]time.Duration, 0, b.N)
			builds := make([]time.Duration, 0, b.N)
			b.ResetTimer()
			for i := range b.N {
				b.StopTimer()
				file := files[(i*7919)%len(files)]
				src := readFile(b, file)
				b.StartTimer()
				start := time.Now()
				writeFile(b, file, src+fmt.Sprintf("\nEdited for the benchmark, round %d.\n", i))
				ev := s.next(b)
				lat = append(lat, time.Since(start))
				if ev.Event != "reload" {
					b.Fatalf("got %s %s, want reload", ev.Event, ev.Data)
				}
				f.srv.mu.Lock()
				builds = append(builds, f.srv.lastBuild)
				f.srv.mu.Unlock()
			}
			b.StopTimer()
			slices.Sort(lat)
			ms := func(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
			b.ReportMetric(ms(lat[len(lat)/2]), "p50-ms")
			b.ReportMetric(ms(lat[min(len(lat)-1, len(lat)*95/100)]), "p95-ms")
			b.ReportMetric(ms(lat[len(lat)-1]), "max-ms")
			// How much of it is generator.Build; the rest is the debounce,
			// the watcher, the server and the event stream.
			slices.Sort(builds)
			b.ReportMetric(ms(builds[len(builds)/2]), "build-p50-ms")
		})
	}
}
