package keyboard

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/iom-cso/archive/internal/qasite"
)

// TestKeyboard walks each checked page with the Tab key at both widths and
// in both colour schemes: focus must visit every focusable element once, in
// document order (no positive tabindex), each with a visible focus ring whose
// colour has 3:1 contrast with what surrounds it (WCAG 2.4.7, 1.4.11); the
// first stop is the skip link, visible when focused, and Enter on it moves
// focus to <main>, so that the next Tab lands on the page's content.
//
// In the second colour scheme the walk covers one page per layout: a
// scheme changes colours only (themes' TestSchemesChangeOnlyColours), so
// the order of stops and the skip link are the first scheme's, and what is
// left to check, the focus rings' colours, comes from the components a
// layout shows. This keeps the package well inside go test's 10 minutes on
// a loaded machine as the list of pages grows.
func TestKeyboard(t *testing.T) {
	s := qasite.Shipped(t)
	bctx := qasite.NewBrowser(t)
	pages := s.CheckedPages()
	perLayout := map[string]bool{}
	for _, p := range s.OnePerLayout(pages) {
		perLayout[p.Name] = true
	}
	for _, p := range pages {
		for _, w := range qasite.Widths {
			for i, scheme := range qasite.Schemes {
				if i > 0 && !perLayout[p.Name] {
					continue
				}
				t.Run(fmt.Sprintf("%s/%d/%s", p.Name, w, scheme), func(t *testing.T) {
					ctx, probs := qasite.OpenPage(t, bctx, s, p, w, scheme)
					if p.IsSearch() {
						qasite.WaitSearch(t, ctx)
					}
					if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](qasite.KeyboardHelpers)); err != nil {
						t.Fatal(err)
					}
					list, err := chromedp.Run(ctx, chromedp.Evaluate[qasite.TabList](`__qa.list()`))
					if err != nil {
						t.Fatal(err)
					}
					if len(list.Names) == 0 {
						t.Fatal("no focusable element on the page")
					}
					for _, n := range list.Positive {
						t.Errorf("positive tabindex breaks the document order: %s", n)
					}
					checkTabOrder(t, ctx, list)
					checkSkipLink(t, ctx, list)
					for _, pr := range probs.All() {
						t.Errorf("%s", pr)
					}
				})
			}
		}
	}
}

func checkTabOrder(t *testing.T, ctx context.Context, list qasite.TabList) {
	t.Helper()
	var visited []int
	for i := 0; i <= len(list.Names)+1; i++ {
		f, err := qasite.PressTab(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if f.Idx == -1 || (f.Idx == 0 && i > 0) {
			break // focus left the page, or came round to the start
		}
		if f.Idx == -2 {
			t.Errorf("Tab %d reached an element the page does not mark as interactive: %s", i+1, f.Name)
			continue
		}
		visited = append(visited, f.Idx)
		checkFocusRing(t, f)
	}
	want := make([]int, len(list.Names))
	for i := range want {
		want[i] = i
	}
	t.Logf("Tab reached %d of %d focusable elements", len(visited), len(want))
	if fmt.Sprint(visited) != fmt.Sprint(want) {
		var got []string
		for _, v := range visited {
			got = append(got, list.Names[v])
		}
		t.Errorf("Tab order differs from document order:\n\tgot  %d stops: %s\n\twant %d stops: %s",
			len(visited), strings.Join(got, " | "), len(want), strings.Join(list.Names, " | "))
	}
}

// checkFocusRing requires an outline (or a box shadow) at least 2 px wide
// whose colour stands out 3:1 from the background around the element.
func checkFocusRing(t *testing.T, f qasite.FocusState) {
	t.Helper()
	for _, p := range qasite.FocusRingProblems(f) {
		t.Error(p)
	}
}

func checkSkipLink(t *testing.T, ctx context.Context, list qasite.TabList) {
	t.Helper()
	// Start again from the top of the document.
	if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](`document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0)`)); err != nil {
		t.Fatal(err)
	}
	f, err := qasite.PressTab(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(f.Name, "skip-link") || f.Idx != 0 {
		t.Errorf("the first Tab reaches %s, want the skip link", f.Name)
		return
	}
	if !f.InView {
		t.Error("the skip link stays off screen when focused")
	}
	if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.Enter)); err != nil {
		t.Fatal(err)
	}
	f, err = chromedp.Run(ctx, chromedp.Evaluate[qasite.FocusState](`__qa.focused()`))
	if err != nil {
		t.Fatal(err)
	}
	if f.ID != "main" {
		t.Errorf("after Enter on the skip link, focus is on %s, want main#main", f.Name)
	}
	if list.FirstInMain < 0 {
		return // nothing focusable after the start of main
	}
	f, err = qasite.PressTab(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if f.Idx != list.FirstInMain {
		t.Errorf("Tab after the skip link reaches %s, want %s", f.Name, list.Names[list.FirstInMain])
	}
}

// TestHeaderSearchLabelled: the search box in the header says what it is
// where the reader can see it, at every width: a visible label or a
// placeholder, in a colour that reads at 4.5:1 on the box.
func TestHeaderSearchLabelled(t *testing.T) {
	s := qasite.Shipped(t)
	bctx := qasite.NewBrowser(t)
	for _, w := range []int{320, 375, 1280} {
		for _, scheme := range qasite.Schemes {
			t.Run(fmt.Sprintf("%d/%s", w, scheme), func(t *testing.T) {
				ctx, probs := qasite.OpenPage(t, bctx, s, qasite.Page{Name: "home", Path: "/", Status: 200}, w, scheme)
				type said struct {
					Found       bool
					Placeholder string
					Label       string
					LabelShown  bool
					Colour, On  string
				}
				got, err := chromedp.Run(ctx, chromedp.Evaluate[said](`(() => {
					const input = document.querySelector('header input[type=search]');
					if (!input) return {Found: false};
					const label = input.labels && input.labels[0];
					const r = label ? label.getBoundingClientRect() : null;
					return {
						Found: true,
						Placeholder: input.placeholder.trim(),
						Label: label ? label.textContent.trim() : '',
						LabelShown: !!r && r.width > 1 && r.height > 1 && getComputedStyle(label).visibility !== 'hidden',
						Colour: getComputedStyle(input, '::placeholder').color,
						On: getComputedStyle(input).backgroundColor,
					};
				})()`))
				if err != nil {
					t.Fatal(err)
				}
				if !got.Found {
					t.Fatal("the header has no search box")
				}
				if got.Placeholder == "" && !(got.LabelShown && got.Label != "") {
					t.Fatalf("the header search box shows no label and no placeholder (label %q, hidden)", got.Label)
				}
				if got.Placeholder != "" {
					fg, ok1 := qasite.ParseRGB(got.Colour)
					bg, ok2 := qasite.ParseRGB(got.On)
					if !ok1 || !ok2 {
						t.Fatalf("cannot read the placeholder colours %q on %q", got.Colour, got.On)
					}
					if c := qasite.Contrast(fg, bg); c < 4.5 {
						t.Errorf("the placeholder %q is %s on %s, contrast %.2f:1, want at least 4.5:1", got.Placeholder, got.Colour, got.On, c)
					}
				}
				for _, pr := range probs.All() {
					t.Errorf("%s", pr)
				}
			})
		}
	}
}
