package qasite

import (
	"context"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// KeyboardHelpers is evaluated in each page before the keyboard checks. It
// lists the elements that Tab should reach, in document order, and reports
// on the focused element.
const KeyboardHelpers = `window.__qa = (() => {
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

// TabList is what __qa.list() returns: the elements Tab should reach, in
// document order, those with a positive tabindex, and the index of the
// first one inside <main>.
type TabList struct {
	Names       []string `json:"names"`
	Positive    []string `json:"positive"`
	FirstInMain int      `json:"firstInMain"`
}

// FocusState is what __qa.focused() returns about the focused element.
type FocusState struct {
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

// PressTab presses Tab and returns the state of the element it focuses.
// KeyboardHelpers must have been evaluated in the page.
func PressTab(ctx context.Context) (FocusState, error) {
	if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.Tab)); err != nil {
		return FocusState{}, err
	}
	return chromedp.Run(ctx, chromedp.Evaluate[FocusState](`__qa.focused()`))
}

// FocusRingProblems says what is wrong with the focus ring of the focused
// element: it must be in view, match :focus-visible, and have an outline
// (or a box shadow) at least 2 px wide whose colour stands out 3:1 from
// the background around the element.
func FocusRingProblems(f FocusState) []string {
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
	ring, ok1 := ParseRGB(f.OutlineColor)
	bg, ok2 := ParseRGB(f.Around)
	if !ok1 || !ok2 {
		return append(out, fmt.Sprintf("cannot read the focus ring colours %q on %q: %s", f.OutlineColor, f.Around, f.Name))
	}
	if c := Contrast(ring, bg); c < 3 {
		out = append(out, fmt.Sprintf("focus ring %s on %s has contrast %.2f:1, want ≥ 3:1: %s", f.OutlineColor, f.Around, c, f.Name))
	}
	return out
}

// ParseRGB reads a computed colour, "rgb(r, g, b)" or "rgba(r, g, b, a)".
func ParseRGB(s string) ([3]float64, bool) {
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

// Contrast is the WCAG contrast ratio of two sRGB colours.
func Contrast(a, b [3]float64) float64 {
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
