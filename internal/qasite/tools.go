package qasite

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/iom-cso/archive/internal/browsertest"
)

// ChromePath finds Debian's chromium, or the browser CHROME_PATH names.
func ChromePath(t testing.TB) string { return browsertest.Path(t) }

// Sitecheck returns the path of a file under tools/sitecheck/node_modules,
// where the pinned npm checkers are installed.
func Sitecheck(t testing.TB, rel string) string {
	t.Helper()
	p := filepath.Join(RepoRoot(t), "tools", "sitecheck", "node_modules", rel)
	if _, err := os.Stat(p); err != nil {
		browsertest.Missing(t, "%s is missing: cd tools/sitecheck && PUPPETEER_SKIP_DOWNLOAD=1 npm ci --ignore-scripts", rel)
	}
	return p
}

// LookTool finds a program on PATH; hint says how to install it.
func LookTool(t testing.TB, name, hint string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		browsertest.Missing(t, "%s is not installed: %s", name, hint)
	}
	return p
}
