package main

// BenchmarkArchiveBuild1000 and BenchmarkArchiveBuild10000 run "archive
// build" in the process on a synthetic archive (internal/synth) written to
// disk once: flags, soft memory limit, Build and output.Write, as a user
// runs it. Besides time and allocations they report peak-RSS-MB and
// cpu-s/op (see internal/benchmeter). See docs/performance.md.

import (
	"context"
	"io"
	"path/filepath"
	"runtime/debug"
	"testing"

	"github.com/iom-cso/archive/internal/benchmeter"
	"github.com/iom-cso/archive/internal/synth"
)

func BenchmarkArchiveBuild1000(b *testing.B)  { benchmarkArchiveBuild(b, 1000) }
func BenchmarkArchiveBuild10000(b *testing.B) { benchmarkArchiveBuild(b, 10000) }

func benchmarkArchiveBuild(b *testing.B, n int) {
	dir := b.TempDir()
	contentDir := filepath.Join(dir, "content")
	if err := synth.WriteDir(contentDir, n, 1); err != nil {
		b.Fatal(err)
	}
	out := filepath.Join(dir, "public")
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(-1)) // archive build sets its own
	m := benchmeter.Start()
	b.ReportAllocs()
	for b.Loop() {
		m.Begin()
		if code := run(context.Background(), []string{"build", "--content", contentDir, "--out", out}, io.Discard, io.Discard); code != 0 {
			b.Fatalf("archive build: exit code %d", code)
		}
		m.End()
	}
	m.Report(b)
}
