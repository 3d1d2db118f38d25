package qa

import (
	"context"
	"fmt"
	"math"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// keyboardHelpers is evaluated in each page before the keyboard checks. It
// lists the elements that Tab should reach, in document order, and reports
// on the focused element.
const keyboardHelpers = `window.__qa = (() => {
	const sel = 'a[href], area[href], button, input:not([type=hidden]), select, textarea, iframe, summary, [tabindex], [contenteditable=""], [contenteditable="true"], audio[controls], video[controls]';
	const describe = el => {
		let s = el.tagName.toLowerCase();
		if (el.id) s += '#' + el.id;
		if (el.classList.length) s += '.' + [...el.classList].join('.');
		const text = (el.getAttribute('aria-label') || el.textContent || el.value || '').trim().replace(/\s+/g, ' ');
		if (text) s += ' "' + text.slice(0, 40) + '"';
		if (el.getAttribute('href')) s += ' ' + el.getAttribute('href');
		return s;
	};
	const visible = el => {
		if (el.closest('[hidden], [inert]')) return false;
		const cs = getComputedStyle(el);
		return cs.visibility !== 'hidden' && cs.display !== 'none' && el.getClientRects().length > 0;
	};
	// The colour behind an element: the first ancestor (or the element)
	// with an opaque background.
	const background = el => {
		for (let e = el; e; e = e.parentElement) {
			const c = getComputedStyle(e).backgroundColor;
			const m = c.match(/rgba?\(([^)]+)\)/);
			if (m) {
				const p = m[1].split(/[ ,\/]+/).map(Number);
				if (p.length < 4 || p[3] > 0.5) return c;
			}
		}
		return getComputedStyle(document.documentElement).backgroundColor || 'rgb(255, 255, 255)';
	};
	return {
		list() {
			const els = [...document.querySelectorAll(sel)].filter(el => !el.disabled && el.tabIndex >= 0 && visible(el));
			els.forEach((el, i) => { el.dataset.qaTab = String(i); });
			const main = document.getElementById('main');
			let firstInMain = -1;
			if (main) {
				firstInMain = els.findIndex(el => main.contains(el) || (main.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING));
			}
			return {
				names: els.map(describe),
				positive: els.filter(el => el.tabIndex > 0).map(describe),
				firstInMain,
			};
		},
		focused() {
			const el = document.activeElement;
			if (!el || el === document.body || el === document.documentElement) return {idx: -1, name: 'body'};
			const cs = getComputedStyle(el);
			const r = el.getBoundingClientRect();
			return {
				idx: el.dataset.qaTab !== undefined ? Number(el.dataset.qaTab) : -2,
				name: describe(el),
				id: el.id,
				focusVisible: el.matches(':focus-visible'),
				outlineStyle: cs.outlineStyle,
				outlineWidth: parseFloat(cs.outlineWidth) || 0,
				outlineColor: cs.outlineColor,
				boxShadow: cs.boxShadow,
				around: background(el.parentElement || el),
				inView: r.width > 0 && r.height > 0 && r.bottom > 0 && r.right > 0 && r.top < innerHeight && r.left < innerWidth,
			};
		},
	};
})(); true`

type tabList struct {
	Names       []string `json:"names"`
	Positive    []string `json:"positive"`
	FirstInMain int      `json:"firstInMain"`
}

type focusState struct {
	Idx          int     `json:"idx"`
	Name         string  `json:"name"`
	ID           string  `json:"id"`
	FocusVisible bool    `json:"focusVisible"`
	OutlineStyle string  `json:"outlineStyle"`
	OutlineWidth float64 `json:"outlineWidth"`
	OutlineColor string  `json:"outlineColor"`
	BoxShadow    string  `json:"boxShadow"`
	Around       string  `json:"around"`
	InView       bool    `json:"inView"`
}

func pressTab(ctx context.Context) (focusState, error) {
	if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.Tab)); err != nil {
		return focusState{}, err
	}
	return chromedp.Run(ctx, chromedp.Evaluate[focusState](`__qa.focused()`))
}

// TestKeyboard walks each checked page with the Tab key at both widths and
// in both colour schemes: focus must visit every focusable element once, in
// document order (no positive tabindex), each with a visible focus ring whose
// colour has 3:1 contrast with what surrounds it (WCAG 2.4.7, 1.4.11); the
// first stop is the skip link, visible when focused, and Enter on it moves
// focus to <main>, so that the next Tab lands on the page's content.
func TestKeyboard(t *testing.T) {
	s := shippedSite(t)
	bctx := newBrowser(t)
	for _, p := range s.checkedPages() {
		for _, w := range widths {
			for _, scheme := range schemes {
				t.Run(fmt.Sprintf("%s/%d/%s", p.Name, w, scheme), func(t *testing.T) {
					ctx, probs := openPage(t, bctx, s, p, w, scheme)
					if p.Name == "search" {
						waitSearch(t, ctx)
					}
					if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](keyboardHelpers)); err != nil {
						t.Fatal(err)
					}
					list, err := chromedp.Run(ctx, chromedp.Evaluate[tabList](`__qa.list()`))
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
					for _, pr := range probs.all() {
						t.Errorf("%s", pr)
					}
				})
			}
		}
	}
}

func checkTabOrder(t *testing.T, ctx context.Context, list tabList) {
	t.Helper()
	var visited []int
	for i := 0; i <= len(list.Names)+1; i++ {
		f, err := pressTab(ctx)
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
func checkFocusRing(t *testing.T, f focusState) {
	t.Helper()
	for _, p := range focusRingProblems(f) {
		t.Error(p)
	}
}

func focusRingProblems(f focusState) []string {
	var out []string
	if !f.InView {
		out = append(out, "focused element is not scrolled into view: "+f.Name)
	}
	if !f.FocusVisible {
		out = append(out, "keyboard focus does not match :focus-visible: "+f.Name)
	}
	if f.OutlineStyle == "none" || f.OutlineWidth < 2 {
		if f.BoxShadow == "" || f.BoxShadow == "none" {
			out = append(out, fmt.Sprintf("no visible focus ring (outline %s %.1fpx, no box-shadow): %s", f.OutlineStyle, f.OutlineWidth, f.Name))
		}
		return out
	}
	ring, ok1 := parseRGB(f.OutlineColor)
	bg, ok2 := parseRGB(f.Around)
	if !ok1 || !ok2 {
		return append(out, fmt.Sprintf("cannot read the focus ring colours %q on %q: %s", f.OutlineColor, f.Around, f.Name))
	}
	if c := contrast(ring, bg); c < 3 {
		out = append(out, fmt.Sprintf("focus ring %s on %s has contrast %.2f:1, want ≥ 3:1: %s", f.OutlineColor, f.Around, c, f.Name))
	}
	return out
}

func checkSkipLink(t *testing.T, ctx context.Context, list tabList) {
	t.Helper()
	// Start again from the top of the document.
	if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](`document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0)`)); err != nil {
		t.Fatal(err)
	}
	f, err := pressTab(ctx)
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
	f, err = chromedp.Run(ctx, chromedp.Evaluate[focusState](`__qa.focused()`))
	if err != nil {
		t.Fatal(err)
	}
	if f.ID != "main" {
		t.Errorf("after Enter on the skip link, focus is on %s, want main#main", f.Name)
	}
	if list.FirstInMain < 0 {
		return // nothing focusable after the start of main
	}
	f, err = pressTab(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if f.Idx != list.FirstInMain {
		t.Errorf("Tab after the skip link reaches %s, want %s", f.Name, list.Names[list.FirstInMain])
	}
}

// parseRGB reads a computed colour, "rgb(r, g, b)" or "rgba(r, g, b, a)".
func parseRGB(s string) ([3]float64, bool) {
	var c [3]float64
	open, close := strings.IndexByte(s, '('), strings.LastIndexByte(s, ')')
	if open < 0 || close < open {
		return c, false
	}
	parts := strings.FieldsFunc(s[open+1:close], func(r rune) bool { return r == ',' || r == ' ' || r == '/' })
	if len(parts) < 3 {
		return c, false
	}
	for i := range 3 {
		v, err := strconv.ParseFloat(parts[i], 64)
		if err != nil {
			return c, false
		}
		c[i] = v
	}
	return c, true
}

// contrast is the WCAG contrast ratio of two sRGB colours.
func contrast(a, b [3]float64) float64 {
	la, lb := luminance(a), luminance(b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

func luminance(c [3]float64) float64 {
	var l [3]float64
	for i, v := range c {
		v /= 255
		if v <= 0.04045 {
			l[i] = v / 12.92
		} else {
			l[i] = math.Pow((v+0.055)/1.055, 2.4)
		}
	}
	return 0.2126*l[0] + 0.7152*l[1] + 0.0722*l[2]
}

func TestContrast(t *testing.T) {
	white, black := [3]float64{255, 255, 255}, [3]float64{0, 0, 0}
	if c := contrast(white, black); math.Abs(c-21) > 0.01 {
		t.Errorf("contrast(white, black) = %.2f, want 21", c)
	}
	if c, ok := parseRGB("rgba(11, 58, 117, 0.5)"); !ok || c != [3]float64{11, 58, 117} {
		t.Errorf("parseRGB = %v, %v", c, ok)
	}
}
