package qa

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// lighthouseMin is the score each category must reach on every checked
// page, mobile and desktop. Performance is measured on a shared two-core
// machine, so it may dip below 100 by noise; issue 6 sets its floor at 95.
var lighthouseMin = map[string]int{
	"performance":    95,
	"accessibility":  100,
	"best-practices": 100,
	"seo":            100,
}

type lighthouseReport struct {
	Runs []struct {
		URL     string
		Preset  string
		Scores  map[string]int
		Failing []struct {
			ID, Category, Title, DisplayValue string
			Score, Weight                     float64
		}
		RuntimeError string
		Warnings     []string
		Attempts     int
	}
}

// TestLighthouse runs Lighthouse with the mobile and desktop presets on each
// checked page, one page at a time in one chromium (tools/sitecheck/lighthouse.mjs).
func TestLighthouse(t *testing.T) {
	if testing.Short() {
		t.Skip("Lighthouse takes minutes; skipped with -short")
	}
	chrome := chromePath(t)
	node := lookTool(t, "node", "apt-get install nodejs")
	sitecheck(t, "lighthouse/package.json")
	sitecheck(t, "chrome-launcher/package.json")
	s := shippedSite(t)
	script, err := filepath.Abs(filepath.Join(repoRoot, "tools", "sitecheck", "lighthouse.mjs"))
	if err != nil {
		t.Fatal(err)
	}
	pages := s.checkedPages()
	args := []string{script, "--preset", "mobile,desktop"}
	for _, p := range pages {
		// Lighthouse refuses to measure a page served with status 404,
		// so the 404 page is measured at its own address, /404.html, where
		// Netlify serves the same bytes with status 200.
		u := p.Path
		if p.Status == 404 {
			u = "/404.html"
		}
		args = append(args, s.URL(u))
	}
	ctx, cancel := context.WithTimeout(context.Background(), 6*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, node, args...)
	cmd.Env = append(os.Environ(), "CHROME_PATH="+chrome)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	start := time.Now()
	if err := cmd.Run(); err != nil {
		t.Fatalf("lighthouse: %v\n%s", err, stderr.String())
	}
	var rep lighthouseReport
	if err := json.Unmarshal(stdout.Bytes(), &rep); err != nil {
		t.Fatalf("lighthouse report: %v\n%s", err, stdout.String())
	}
	if want := 2 * len(pages); len(rep.Runs) != want {
		t.Fatalf("lighthouse made %d runs, want %d", len(rep.Runs), want)
	}
	var table strings.Builder
	fmt.Fprintf(&table, "%-8s %-8s %5s %5s %5s %5s\n", "page", "preset", "perf", "a11y", "bp", "seo")
	for i, run := range rep.Runs {
		page := pages[i%len(pages)]
		fmt.Fprintf(&table, "%-8s %-8s %5d %5d %5d %5d\n", page.Name, run.Preset,
			run.Scores["performance"], run.Scores["accessibility"], run.Scores["best-practices"], run.Scores["seo"])
		if run.RuntimeError != "" {
			t.Errorf("%s %s: Lighthouse could not measure the page: %s", run.Preset, page.Path, run.RuntimeError)
			continue
		}
		for _, cat := range []string{"performance", "accessibility", "best-practices", "seo"} {
			if got, min := run.Scores[cat], lighthouseMin[cat]; got < min {
				var why []string
				for _, f := range run.Failing {
					if f.Category == cat && (f.Weight > 0 || cat != "performance") {
						why = append(why, fmt.Sprintf("%s (%s, score %.2f) %s", f.ID, f.Title, f.Score, f.DisplayValue))
					}
				}
				t.Errorf("%s %s: %s %d, want ≥ %d; audits that cost points:\n\t%s", run.Preset, page.Path, cat, got, min, strings.Join(why, "\n\t"))
			}
		}
	}
	t.Logf("Lighthouse scores (%d runs in %s):\n%s", len(rep.Runs), time.Since(start).Round(time.Second), table.String())
}
