package main

// BenchmarkArchiveBuild1000 and BenchmarkArchiveBuild10000 run "archive
// build" in the process on a synthetic archive (internal/synth) written to
// disk once: flags, soft memory limit, Build and output.Write, as a user
// runs it. Besides time and allocations they report peak-RSS-MB (VmHWM from
// /proc/self/status during the command, reset through /proc/self/clear_refs)
// and cpu-s/op (user plus system CPU, getrusage). See docs/performance.md.

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

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
	runtime.GC()
	debug.FreeOSMemory()
	rss := os.WriteFile("/proc/self/clear_refs", []byte("5"), 0) == nil
	var cpu time.Duration
	b.ReportAllocs()
	for b.Loop() {
		start := cpuTime()
		if code := run(context.Background(), []string{"build", "--content", contentDir, "--out", out}, io.Discard, io.Discard); code != 0 {
			b.Fatalf("archive build: exit code %d", code)
		}
		cpu += cpuTime() - start
	}
	if rss {
		b.ReportMetric(float64(peakRSS())/(1<<20), "peak-RSS-MB")
	}
	b.ReportMetric(cpu.Seconds()/float64(b.N), "cpu-s/op")
}

// cpuTime returns the user and system CPU time the process has used.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// peakRSS returns VmHWM, the peak resident set size, in bytes.
func peakRSS() int64 {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for line := range strings.Lines(string(data)) {
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
			return kb << 10
		}
	}
	return 0
}
