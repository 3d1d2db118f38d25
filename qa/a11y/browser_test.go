package a11y

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/iom-cso/archive/internal/qasite"
)

// TestBrowserPages opens each checked page at each width in each colour
// scheme, under netlify.toml's headers, and requires no axe-core violation
// of WCAG 2.1 A/AA, no console error, CSP violation or failed request, and
// no horizontal scrolling. It saves a full-page screenshot of each.
func TestBrowserPages(t *testing.T) {
	axePath := qasite.Sitecheck(t, "axe-core/axe.min.js")
	axeSrc, err := os.ReadFile(axePath)
	if err != nil {
		t.Fatal(err)
	}
	s := qasite.Shipped(t)
	bctx := qasite.NewBrowser(t)
	if err := os.MkdirAll(qasite.ScreenshotDir, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, p := range s.CheckedPages() {
		for _, w := range qasite.Widths {
			for _, scheme := range qasite.Schemes {
				t.Run(fmt.Sprintf("%s/%d/%s", p.Name, w, scheme), func(t *testing.T) {
					ctx, probs := qasite.OpenPage(t, bctx, s, p, w, scheme)
					if p.Name == "search" {
						qasite.WaitSearch(t, ctx)
					}
					qasite.CheckNoSidewaysScroll(t, ctx)
					png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
					if err != nil {
						t.Fatal(err)
					}
					shot := filepath.Join(qasite.ScreenshotDir, fmt.Sprintf("%s-%d-%s.png", p.Name, w, scheme))
					if err := os.WriteFile(shot, png, 0o644); err != nil {
						t.Fatal(err)
					}
					res, err := qasite.RunAxe(ctx, string(axeSrc))
					if err != nil {
						t.Fatalf("axe: %v", err)
					}
					for _, v := range res.Violations {
						var nodes []string
						for _, n := range v.Nodes {
							nodes = append(nodes, fmt.Sprintf("%v %s\n\t\t%s", n.Target, n.HTML, strings.ReplaceAll(n.FailureSummary, "\n", "\n\t\t")))
						}
						t.Errorf("axe %s (%s): %s\n\t%s", v.ID, v.Impact, v.Help, strings.Join(nodes, "\n\t"))
					}
					for _, pr := range probs.All() {
						t.Errorf("%s", pr)
					}
				})
			}
		}
	}
}
