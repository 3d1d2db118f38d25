// Package browsertest starts Debian's chromium for the project's browser
// tests (search, the preview server's reload, the site checks in qa/), the
// one way: headless, with a fresh profile and the flags this closed network
// needs. It is imported by tests only.
//
// A missing browser fails the test when CI=true, because CI must install
// it (.ci/run does), and skips it otherwise, so that `go test ./...` on a
// laptop without chromium still runs everything else.
package browsertest

import (
	"context"
	"os"
	"os/exec"
	"strings"
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

// Missing fails the test under CI=true and skips it otherwise.
func Missing(t testing.TB, format string, args ...any) {
	t.Helper()
	if InCI() {
		t.Fatalf(format+" (CI=true: .ci/run must install it)", args...)
	}
	t.Skipf(format, args...)
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
