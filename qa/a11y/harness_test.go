package a11y

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/iom-cso/archive/generator/output"
	"github.com/iom-cso/archive/internal/qasite"
)

// TestHarnessCatchesProblems serves a page with the faults the browser
// checks exist to find, under netlify.toml's headers, and requires each
// check to report them: a passing run of the other tests means something
// only if this one passes too.
func TestHarnessCatchesProblems(t *testing.T) {
	axeSrc, err := os.ReadFile(qasite.Sitecheck(t, "axe-core/axe.min.js"))
	if err != nil {
		t.Fatal(err)
	}
	rules, err := qasite.LoadNetlifyHeaders(filepath.Join(qasite.RepoRoot(t), "netlify.toml"))
	if err != nil {
		t.Fatal(err)
	}
	s := qasite.ServeFiles(output.Files{
		"index.html": []byte(`<!DOCTYPE html><html><head><meta charset="utf-8"><title>Broken</title>
<link rel="stylesheet" href="/site.css"><link rel="stylesheet" href="/missing.css">
<style>body { color: red }</style></head>
<body><main id="main"><p><img src="/pixel.svg"></p><p><a href="/a/">A link without a focus ring</a></p><div class="wide">Too wide</div></main>
<script>document.title = 'inline';</script><script src="/boom.js"></script></body></html>`),
		"site.css":  []byte("a:focus, a:focus-visible { outline: none; }\n.wide { width: 2000px; }\n"),
		"boom.js":   []byte("console.error('boom'); undefinedFunction();\n"),
		"pixel.svg": []byte(`<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"/>`),
	}, rules)
	bctx := qasite.NewBrowser(t)
	ctx, probs := qasite.OpenPage(t, bctx, s, qasite.Page{Name: "broken", Path: "/", Status: 200}, 1280, "light")

	res, err := qasite.RunAxe(ctx, string(axeSrc))
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, v := range res.Violations {
		ids = append(ids, v.ID)
	}
	for _, want := range []string{"html-has-lang", "image-alt"} {
		if !strings.Contains(strings.Join(ids, " "), want) {
			t.Errorf("axe did not report %s; it reported %v", want, ids)
		}
	}

	all := strings.Join(probs.All(), "\n")
	for _, want := range []string{"Content Security Policy", "console.error: boom", "uncaught exception", "HTTP 404", "missing.css"} {
		if !strings.Contains(all, want) {
			t.Errorf("the page watcher did not report %q; it reported:\n%s", want, all)
		}
	}

	if content, viewport, err := qasite.PageWidths(ctx); err != nil || content <= viewport {
		t.Errorf("the sideways-scroll check saw %d px of content in a %d px viewport (%v), want too wide", content, viewport, err)
	}

	if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](qasite.KeyboardHelpers)); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[qasite.TabList](`__qa.list()`)); err != nil {
		t.Fatal(err)
	}
	f, err := qasite.PressTab(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(f.Name, "/a/") {
		t.Fatalf("Tab reached %s, want the link", f.Name)
	}
	if p := qasite.FocusRingProblems(f); len(p) == 0 {
		t.Errorf("the focus ring check passed a link with outline: none: %+v", f)
	}
}
