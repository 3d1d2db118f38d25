package devserver

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/iom-cso/archive/internal/browsertest"
)

// newBrowser starts a headless chromium with a fresh profile, closed when
// the test ends.
func newBrowser(t *testing.T) context.Context {
	t.Helper()
	return browsertest.New(t)
}

// poll waits until the expression is true in the page. The page may
// reload meanwhile, which ends any one evaluation: each try is short and
// errors only mean "not yet".
func poll(t *testing.T, ctx context.Context, what, expr string) {
	t.Helper()
	deadline := time.Now().Add(waitTimeout)
	var err error
	for time.Now().Before(deadline) {
		tryCtx, cancel := context.WithTimeout(ctx, 2*time.Second)
		var ok bool
		ok, err = chromedp.Run(tryCtx, chromedp.Evaluate[bool](expr))
		cancel()
		if err == nil && ok {
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("timed out waiting for %s (%s); last error: %v", what, expr, err)
}

func eval[T any](t *testing.T, ctx context.Context, expr string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr))
	if err != nil {
		t.Fatalf("%s: %v", expr, err)
	}
	return v
}

// TestBrowserReloads opens a page in a real browser and saves files: the
// page reloads by itself, a stylesheet change swaps the stylesheet without
// a reload, and a broken file shows the overlay until it is fixed.
func TestBrowserReloads(t *testing.T) {
	ctx := newBrowser(t)
	f := startFixture(t)
	if err := chromedp.Do(ctx, chromedp.Navigate(f.url+firstURL)); err != nil {
		t.Fatal(err)
	}
	if title := eval[string](t, ctx, `document.title`); !strings.Contains(title, "First Meeting") {
		t.Fatalf("title %q", title)
	}
	// The script is connected when the server counts a stream.
	waitFor(t, "the page to subscribe", func() bool { return f.srv.hub.count() == 1 })
	// A mark that only survives as long as the page is not reloaded.
	eval[bool](t, ctx, `window.archiveTestMark = true`)

	t.Run("save reloads the page", func(t *testing.T) {
		src := readFile(t, f.path(firstFile))
		writeFile(t, f.path(firstFile), strings.Replace(src, `title: "First Meeting"`, `title: "Renamed In Browser"`, 1))
		poll(t, ctx, "the page to reload with the new title",
			`!window.archiveTestMark && document.title.includes("Renamed In Browser") && document.querySelector("h1").textContent.includes("Renamed In Browser")`)
		waitFor(t, "the reloaded page to subscribe", func() bool { return f.srv.hub.count() == 1 })
		eval[bool](t, ctx, `window.archiveTestMark = true`)
	})

	t.Run("stylesheet swapped in place", func(t *testing.T) {
		css := f.path("themes/default/assets/css/site.css")
		writeFile(t, css, readFile(t, css)+"\nbody { outline: 3px solid rgb(1, 2, 3); }\n")
		poll(t, ctx, "the new stylesheet to apply without a reload",
			`window.archiveTestMark === true && getComputedStyle(document.body).outlineColor === "rgb(1, 2, 3)"`)
		if n := eval[int](t, ctx, `document.querySelectorAll('link[rel="stylesheet"][href*="/site."]').length`); n != 1 {
			t.Errorf("%d site stylesheets linked after the swap, want 1", n)
		}
	})

	t.Run("error overlay", func(t *testing.T) {
		good := readFile(t, f.path(firstFile))
		writeFile(t, f.path(firstFile), strings.Replace(good, "region: global", "region: atlantis", 1))
		poll(t, ctx, "the overlay", `!!document.getElementById("archive-overlay")`)
		text := eval[string](t, ctx, `document.getElementById("archive-overlay").textContent`)
		for _, want := range []string{firstFile + ":5:9", `unknown region "atlantis"`, "region: atlantis"} {
			if !strings.Contains(text, want) {
				t.Errorf("overlay text lacks %q:\n%s", want, text)
			}
		}
		if marked := eval[string](t, ctx, `document.querySelector("#archive-overlay .ao-mark").textContent`); !strings.Contains(marked, "region: atlantis") {
			t.Errorf("highlighted line %q", marked)
		}
		if !eval[bool](t, ctx, `window.archiveTestMark === true`) {
			t.Error("the page reloaded on a build error")
		}
		writeFile(t, f.path(firstFile), strings.Replace(good, "The first meeting took place in Geneva.", "Fixed in the browser.", 1))
		poll(t, ctx, "the fix to reload the page without the overlay",
			`!window.archiveTestMark && !document.getElementById("archive-overlay") && document.body.textContent.includes("Fixed in the browser.")`)
	})
}

// TestBrowserWarningNotice: a warning about the file just saved shows as a
// notice on the page (text only, in a corner, not over the page); the
// reader can dismiss it, and it stays dismissed across reloads until the
// warnings change; a fix takes it away.
func TestBrowserWarningNotice(t *testing.T) {
	ctx := newBrowser(t)
	f := startFixture(t)
	if err := chromedp.Do(ctx, chromedp.Navigate(f.url+firstURL)); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "the page to subscribe", func() bool { return f.srv.hub.count() == 1 })
	good := readFile(t, f.path(firstFile))
	long := strings.Repeat("A long <b>summary</b>. ", 16)
	writeFile(t, f.path(firstFile), strings.Replace(good, `summary: "The first meeting of the test archive."`, `summary: "`+long+`"`, 1))
	poll(t, ctx, "the warning notice", `!!document.getElementById("archive-notice")`)
	text := eval[string](t, ctx, `document.getElementById("archive-notice").textContent`)
	for _, want := range []string{"1 warning in the files you edited", firstFile + ":6:10", "summary is 367 characters long"} {
		if !strings.Contains(text, want) {
			t.Errorf("notice lacks %q:\n%s", want, text)
		}
	}
	if eval[bool](t, ctx, `!!document.querySelector("#archive-notice b")`) {
		t.Error("the notice rendered markup from the content")
	}
	if role := eval[string](t, ctx, `document.getElementById("archive-notice").getAttribute("role")`); role != "status" {
		t.Errorf("notice role %q, want status", role)
	}

	eval[bool](t, ctx, `document.querySelector("#archive-notice .an-close").click(), true`)
	if eval[bool](t, ctx, `!!document.getElementById("archive-notice")`) {
		t.Fatal("the notice stays after dismissing it")
	}
	// Dismissed, the same warnings do not come back with a reload.
	eval[bool](t, ctx, `window.archiveTestMark = true`)
	src := readFile(t, f.path(firstFile))
	writeFile(t, f.path(firstFile), strings.Replace(src, "The first meeting took place in Geneva.", "Edited again.", 1))
	poll(t, ctx, "the reload", `!window.archiveTestMark && document.body.textContent.includes("Edited again.")`)
	waitFor(t, "the reloaded page to subscribe", func() bool { return f.srv.hub.count() == 1 })
	eval[bool](t, ctx, `window.archiveTestMark = true`)
	// The page has its hello by now only if a later event arrives; a
	// save with a new warning shows the notice again.
	src = readFile(t, f.path(firstFile))
	writeFile(t, f.path(firstFile), strings.Replace(src, "date: 2013-09-12", "date: 2013-09-12\nend_date: 2013-12-30", 1))
	poll(t, ctx, "the notice for the new warnings", `!window.archiveTestMark && !!document.getElementById("archive-notice") && document.getElementById("archive-notice").textContent.includes("2 warnings")`)

	writeFile(t, f.path(firstFile), good)
	poll(t, ctx, "the fix to take the notice away", `!document.getElementById("archive-notice") && document.title.includes("First Meeting")`)
}
