package qasite

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/iom-cso/archive/internal/browsertest"
)

// Widths are the viewport widths every page is checked at: a small phone
// and a laptop (CheckPages splits them between qa/phonepages and qa/a11y).
var Widths = []int{375, 1280}

// Schemes are the colour schemes every page is checked in.
var Schemes = []string{"light", "dark"}

// ScreenshotDir receives the screenshots of the browser checks: a folder
// of the test's package (qa/a11y/screenshots/), git-ignored (.gitignore: qa/*/screenshots/).
const ScreenshotDir = "screenshots"

// ChromeFlags are the flags chromium runs with here (browsertest.Flags),
// plus those that make screenshots and Lighthouse runs repeatable.
var ChromeFlags = append(append([]string(nil), browsertest.Flags...),
	"--disable-extensions", "--hide-scrollbars", "--mute-audio", "--force-color-profile=srgb")

// NewBrowser starts chromium for one test and returns its context.
func NewBrowser(t *testing.T) context.Context {
	t.Helper()
	var extra []chromedp.ExecAllocatorOption
	for _, f := range ChromeFlags[len(browsertest.Flags):] {
		name, value, hasValue := strings.Cut(strings.TrimPrefix(f, "--"), "=")
		if hasValue {
			extra = append(extra, chromedp.Flag(name, value))
		} else {
			extra = append(extra, chromedp.Flag(name, true))
		}
	}
	return browsertest.New(t, extra...)
}

// Problems collects what the browser reports while a page loads:
// console errors and warnings, uncaught exceptions, CSP violations, failed
// requests and HTTP errors of subresources.
type Problems struct {
	mu   sync.Mutex
	list []string
}

func (p *Problems) add(format string, args ...any) {
	p.mu.Lock()
	p.list = append(p.list, fmt.Sprintf(format, args...))
	p.mu.Unlock()
}

// All returns the problems reported so far.
func (p *Problems) All() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]string(nil), p.list...)
}

// watch listens to a tab. mainURL is the page's own address, whose status
// the caller checks (the 404 page is meant to answer 404).
func (p *Problems) watch(ctx context.Context, mainURL string) error {
	return chromedp.Listen(ctx, func(ev any) {
		switch ev := ev.(type) {
		case *runtime.EventConsoleAPICalled:
			if ev.Type == "error" || ev.Type == "warning" || ev.Type == "assert" {
				var parts []string
				for _, a := range ev.Args {
					var str string
					if a.Value != nil && json.Unmarshal(a.Value, &str) == nil {
						parts = append(parts, str)
					} else if a.Value != nil {
						parts = append(parts, string(a.Value))
					} else {
						parts = append(parts, a.Description)
					}
				}
				p.add("console.%s: %s", ev.Type, strings.Join(parts, " "))
			}
		case *runtime.EventExceptionThrown:
			d := ev.ExceptionDetails
			msg := d.Text
			if d.Exception != nil && d.Exception.Description != "" {
				msg += " " + d.Exception.Description
			}
			p.add("uncaught exception at %s:%d: %s", d.URL, d.LineNumber+1, msg)
		case *log.EventEntryAdded:
			e := ev.Entry
			if e.Level != log.EntryLevelError && e.Level != log.EntryLevelWarning {
				return
			}
			if e.URL == mainURL && strings.Contains(e.Text, "404") {
				return // the 404 page's own status
			}
			p.add("console %s (%s): %s %s", e.Level, e.Source, e.Text, e.URL)
		case *network.EventLoadingFailed:
			p.add("request failed: %s (%s)", ev.ErrorText, ev.BlockedReason)
		case *network.EventResponseReceived:
			if ev.Response.Status >= 400 && ev.Response.URL != mainURL {
				p.add("HTTP %d for %s", int(ev.Response.Status), ev.Response.URL)
			}
		}
	})
}

// OpenPage opens p in a new tab at width, in scheme, and waits for the
// load event. It returns the tab's context and what went wrong on the way.
func OpenPage(t *testing.T, bctx context.Context, s *Site, p Page, width int, scheme string) (context.Context, *Problems) {
	t.Helper()
	ctx, cancel := chromedp.NewContext(bctx)
	t.Cleanup(cancel)
	// Open the tab first, so that the listener sees the whole load.
	if err := chromedp.Do(ctx); err != nil {
		t.Fatal(err)
	}
	probs := &Problems{}
	url := s.URL(p.Path)
	if err := probs.watch(ctx, url); err != nil {
		t.Fatal(err)
	}
	tctx, cancelTimeout := context.WithTimeout(ctx, 60*time.Second)
	t.Cleanup(cancelTimeout)
	_, err := chromedp.Call(tctx, emulation.SetDeviceMetricsOverride, emulation.SetDeviceMetricsOverrideParams{
		Width: int64(width), Height: 800, DeviceScaleFactor: 1, Mobile: width < 600,
	})
	if err == nil {
		_, err = chromedp.Call(tctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
			Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}},
		})
	}
	if err != nil {
		t.Fatal(err)
	}
	resp, err := chromedp.Run(tctx, chromedp.NavigateResponse(url))
	if err != nil {
		t.Fatalf("opening %s: %v", url, err)
	}
	if resp != nil && int(resp.Status) != p.Status {
		t.Errorf("%s answered %d, want %d", p.Path, resp.Status, p.Status)
	}
	return tctx, probs
}

// AxeResult is the part of axe.run's result the tests read.
type AxeResult struct {
	Violations []struct {
		ID     string   `json:"id"`
		Impact string   `json:"impact"`
		Help   string   `json:"help"`
		Tags   []string `json:"tags"`
		Nodes  []struct {
			Target         []any  `json:"target"`
			HTML           string `json:"html"`
			FailureSummary string `json:"failureSummary"`
		} `json:"nodes"`
	} `json:"violations"`
}

// RunAxe injects axe-core into the tab and runs the WCAG 2.0 and 2.1 A/AA
// rules on the whole document. The script is evaluated over the DevTools
// protocol, which the page's CSP does not govern.
func RunAxe(ctx context.Context, axeSrc string) (*AxeResult, error) {
	return runAxe(ctx, axeSrc, `{type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}`)
}

// ColourRules are the axe-core rules of WCAG 2.1 A/AA whose outcome
// depends on the colours a page is painted in: all that a second colour
// scheme can change, since the scheme's media query changes colours only
// (TestSchemesChangeOnlyColours holds the theme to that).
var ColourRules = []string{"color-contrast", "link-in-text-block"}

// RunAxeColours runs only ColourRules: the check of a page in its second
// colour scheme, whose structure RunAxe has checked in the first.
func RunAxeColours(ctx context.Context, axeSrc string) (*AxeResult, error) {
	rules, err := json.Marshal(ColourRules)
	if err != nil {
		return nil, err
	}
	return runAxe(ctx, axeSrc, `{type: 'rule', values: `+string(rules)+`}`)
}

func runAxe(ctx context.Context, axeSrc, only string) (*AxeResult, error) {
	if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](axeSrc)); err != nil {
		return nil, err
	}
	res, err := chromedp.Run(ctx, chromedp.Evaluate[AxeResult](`axe.run(document, {runOnly: `+only+`, resultTypes: ['violations']})`, chromedp.EvalAwaitPromise))
	return &res, err
}

// CheckNoSidewaysScroll fails t when the page is wider than its viewport.
func CheckNoSidewaysScroll(t *testing.T, ctx context.Context) {
	t.Helper()
	content, viewport, err := PageWidths(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if content > viewport {
		t.Errorf("the page scrolls sideways: %d px of content in a %d px viewport", content, viewport)
	}
}

// PageWidths returns the width of the document's content and of the viewport.
func PageWidths(ctx context.Context) (content, viewport int, err error) {
	w, err := chromedp.Run(ctx, chromedp.Evaluate[struct {
		ScrollWidth int `json:"scrollWidth"`
		ClientWidth int `json:"clientWidth"`
	}](`({scrollWidth: document.documentElement.scrollWidth, clientWidth: document.documentElement.clientWidth})`))
	return w.ScrollWidth, w.ClientWidth, err
}

// WaitSearch waits until the search page has answered its query: results
// listed, or the "no results" box shown.
func WaitSearch(t *testing.T, ctx context.Context) {
	t.Helper()
	_, err := chromedp.Run(ctx, chromedp.Poll[bool](`(() => {
		const r = document.getElementById('search-results');
		const none = document.getElementById('search-none');
		return (r && r.children.length > 0) || (none && !none.hidden);
	})()`, chromedp.WithPollingTimeout(10*time.Second)))
	if err != nil {
		t.Fatalf("the search page did not answer its query: %v", err)
	}
}

// Screenshot saves what the viewport shows (full is false) or the whole
// page as name in ScreenshotDir.
func Screenshot(t *testing.T, ctx context.Context, name string, full bool) {
	t.Helper()
	if err := os.MkdirAll(ScreenshotDir, 0o755); err != nil {
		t.Fatal(err)
	}
	var png []byte
	var err error
	if full {
		png, err = chromedp.Run(ctx, chromedp.FullScreenshot(100))
	} else {
		png, err = chromedp.Run(ctx, chromedp.CaptureScreenshot())
	}
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(ScreenshotDir, name)
	if err := os.WriteFile(path, png, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot: %s", path)
}

// CheckPages opens each checked page at each of widths in each colour
// scheme, under netlify.toml's headers, and requires no axe-core violation
// of WCAG 2.1 A/AA, no console error, CSP violation or failed request, and
// no horizontal scrolling. In the first scheme axe runs every rule; in the
// others only ColourRules, the rules a scheme can change. A page that
// fails leaves a full-page screenshot (every page does with
// QA_SCREENSHOTS=1): encoding them all cost a third of the run. qa/a11y
// runs it at 1280 px and qa/phone at 375 px: each half is a test binary of
// its own, so that each stays well under go test's 10 minutes as the list
// of checked pages grows.
func CheckPages(t *testing.T, widths []int) {
	axeSrc, err := os.ReadFile(Sitecheck(t, "axe-core/axe.min.js"))
	if err != nil {
		t.Fatal(err)
	}
	s := Shipped(t)
	bctx := NewBrowser(t)
	for _, p := range s.CheckedPages() {
		for _, w := range widths {
			for i, scheme := range Schemes {
				t.Run(fmt.Sprintf("%s/%d/%s", p.Name, w, scheme), func(t *testing.T) {
					ctx, probs := OpenPage(t, bctx, s, p, w, scheme)
					defer ScreenshotOnFailure(t, ctx, fmt.Sprintf("%s-%d-%s.png", p.Name, w, scheme))
					if p.IsSearch() {
						WaitSearch(t, ctx)
					}
					CheckNoSidewaysScroll(t, ctx)
					run := RunAxe
					if i > 0 {
						run = RunAxeColours
					}
					res, err := run(ctx, string(axeSrc))
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

// ScreenshotOnFailure saves the whole page as name in ScreenshotDir when t
// has failed, or whenever QA_SCREENSHOTS is set; deferred by a check, it
// also runs after t.Fatal.
func ScreenshotOnFailure(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	if !t.Failed() && os.Getenv("QA_SCREENSHOTS") == "" {
		return
	}
	Screenshot(t, ctx, name, true)
}
