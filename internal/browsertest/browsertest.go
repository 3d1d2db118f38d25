// Package browsertest starts Debian's chromium for the project's browser
// tests (search, the preview server's reload, the site checks in qa/), the
// one way: headless, with a fresh profile and the flags this closed network
// needs. It is imported by tests only (and by internal/qasite, the
// harness of the qa/... tests).
//
// A missing browser fails the test when CI=true, because CI must install
// it (.ci/run does), and skips it otherwise, so that `go test ./...` on a
// laptop without chromium still runs everything else. A package whose
// TestMain calls Main then says, in one line, which checks it skipped and
// how to install what they need: `go test ./...` shows nothing of a
// package that passes, so a skip would otherwise go unseen.
package browsertest

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/chromedp"
)

// Flags are the command-line flags chromium needs as root on a network that
// refuses the browser's background connections.
var Flags = []string{
	"--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
	"--no-default-browser-check", "--disable-background-networking", "--disable-component-update",
	"--disable-sync", "--disable-dev-shm-usage",
}

// InCI reports whether the tests run in CI, where missing tools are failures.
func InCI() bool {
	v := strings.ToLower(os.Getenv("CI"))
	return v != "" && v != "false" && v != "0"
}

// Missing fails the test under CI=true and skips it otherwise, noting the
// skip for Main's summary.
func Missing(t testing.TB, format string, args ...any) {
	t.Helper()
	if InCI() {
		t.Fatalf(format+" (CI=true: .ci/run must install it)", args...)
	}
	skips.add(t.Name(), fmt.Sprintf(format, args...))
	t.Skipf(format, args...)
}

// skips are the checks of this test binary skipped for a missing tool.
var skips skipList

type skipList struct {
	mu    sync.Mutex
	tests []string
	why   []string // what is missing and how to install it, each once
}

func (s *skipList) add(test, why string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	// Subtests are counted as the test they belong to.
	test, _, _ = strings.Cut(test, "/")
	if !slices.Contains(s.tests, test) {
		s.tests = append(s.tests, test)
	}
	if !slices.Contains(s.why, why) {
		s.why = append(s.why, why)
	}
}

// summary is the one line Main prints, or "" when nothing was skipped.
func (s *skipList) summary(pkg string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.tests) == 0 {
		return ""
	}
	return fmt.Sprintf("%s: skipped %d %s for want of tools (%s): %s; or run .ci/run, which installs them all\n",
		pkg, len(s.tests), plural(len(s.tests), "check", "checks"), strings.Join(s.tests, ", "), strings.Join(s.why, "; "))
}

func plural(n int, one, other string) string {
	if n == 1 {
		return one
	}
	return other
}

// Main runs the tests of a package that uses Missing and returns the exit
// code for os.Exit. When checks were skipped it prints one line that names
// them and says how to install what they need. The line goes to the
// terminal (/dev/tty) where there is one, because `go test ./...` prints
// nothing else of a package that passes, and to stderr otherwise (shown by
// go test -v). A run that skipped checks is also kept out of go test's
// cache, so that the line appears on every run until the tools are there.
func Main(m *testing.M, pkg string) int {
	code := m.Run()
	line := skips.summary(pkg)
	if line == "" {
		return code
	}
	var w io.Writer = os.Stderr
	if tty, err := os.OpenFile("/dev/tty", os.O_WRONLY, 0); err == nil {
		defer tty.Close()
		w = tty
	}
	fmt.Fprint(w, line)
	uncacheable()
	return code
}

// uncacheable keeps this run's result out of go test's cache. go test
// reuses a passing result only while the files the test looked at are
// unchanged; looking at a file that is then deleted can never match again.
func uncacheable() {
	f, err := os.CreateTemp("", "browsertest-skip-")
	if err != nil {
		return
	}
	name := f.Name()
	f.Close()
	_, _ = os.Stat(name)
	os.Remove(name)
}

// Path returns the browser to drive: $CHROME_PATH, else chromium on PATH.
func Path(t testing.TB) string {
	t.Helper()
	for _, c := range []string{os.Getenv("CHROME_PATH"), "/usr/bin/chromium", "chromium", "chromium-browser", "google-chrome"} {
		if c == "" {
			continue
		}
		if p, err := exec.LookPath(c); err == nil {
			return p
		}
	}
	Missing(t, "no chromium found: apt-get install chromium, or set CHROME_PATH")
	return ""
}

// Options returns the allocator options for a headless chromium with a fresh
// profile in a temporary folder of t.
func Options(t testing.TB) []chromedp.ExecAllocatorOption {
	t.Helper()
	opts := []chromedp.ExecAllocatorOption{chromedp.ExecPath(Path(t)), chromedp.UserDataDir(t.TempDir())}
	for _, f := range Flags {
		name, value, hasValue := strings.Cut(strings.TrimPrefix(f, "--"), "=")
		if hasValue {
			opts = append(opts, chromedp.Flag(name, value))
		} else {
			opts = append(opts, chromedp.Flag(name, true))
		}
	}
	return opts
}

// New starts chromium for t, with extra allocator options after the
// standard ones, and returns the context of its first tab. The browser is
// closed when the test ends.
func New(t testing.TB, extra ...chromedp.ExecAllocatorOption) context.Context {
	t.Helper()
	opts := append(Options(t), extra...)
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(actx)
	t.Cleanup(func() {
		cancel()
		cancelAlloc()
	})
	// The first Do starts the browser; it must not carry a timeout, or the
	// timeout would end the browser with it.
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("chromium does not start: %v", err)
	}
	return ctx
}
