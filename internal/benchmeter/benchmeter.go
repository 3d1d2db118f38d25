// Package benchmeter measures what a benchmark's timed loop costs beyond
// Go's own figures: the process's peak resident memory and its CPU time.
// It is imported by benchmarks only.
//
// peak-RSS-MB is VmHWM from /proc/self/status after resetting it through
// /proc/self/clear_refs (not reported where /proc is missing). cpu-s/op is
// user plus system CPU time per operation (getrusage): other load on the
// machine hardly changes it, and divided by the wall time it shows how many
// cores were busy. sys-cpu-s/op is its system part alone: a build's system
// time is mostly the kernel creating its files, which on ext4 swings
// severalfold with what was deleted on the disk in the minutes before (see
// docs/performance.md), so it is reported apart from the rest.
package benchmeter

import (
	"os"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// Meter accumulates the CPU time of the measured parts of a loop and
// reports it with the peak memory since Start.
type Meter struct {
	rss         bool
	cpu, sys    time.Duration
	start, sys0 time.Duration
}

// Start collects garbage, resets the peak-memory mark and returns a Meter.
func Start() *Meter {
	runtime.GC()
	debug.FreeOSMemory()
	return &Meter{rss: os.WriteFile("/proc/self/clear_refs", []byte("5"), 0) == nil}
}

// Begin marks the start of a measured part.
func (m *Meter) Begin() { m.start, m.sys0 = cpuTime() }

// End adds the CPU time since Begin.
func (m *Meter) End() {
	all, sys := cpuTime()
	m.cpu += all - m.start
	m.sys += sys - m.sys0
}

// CPU is the CPU time of the measured parts so far. A Meter's zero value
// measures CPU time alone, for a part of a loop that another Meter
// measures whole: Build within Build and Write.
func (m *Meter) CPU() time.Duration { return m.cpu }

// Sys is the system part of CPU.
func (m *Meter) Sys() time.Duration { return m.sys }

// Report adds peak-RSS-MB, cpu-s/op and sys-cpu-s/op to the benchmark's
// results.
func (m *Meter) Report(b *testing.B) {
	if m.rss {
		b.ReportMetric(float64(peakRSS())/(1<<20), "peak-RSS-MB")
	}
	b.ReportMetric(m.cpu.Seconds()/float64(b.N), "cpu-s/op")
	b.ReportMetric(m.sys.Seconds()/float64(b.N), "sys-cpu-s/op")
}

// cpuTime returns the process's CPU time, user and system, and its system
// part.
func cpuTime() (all, sys time.Duration) {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0, 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano()), time.Duration(ru.Stime.Nano())
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
