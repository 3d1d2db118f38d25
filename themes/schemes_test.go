package themes

import (
	"io/fs"
	"regexp"
	"strings"
	"testing"
)

// colourProps are the CSS properties that paint without moving anything.
var colourProps = map[string]bool{
	"color": true, "background": true, "background-color": true, "border-color": true,
	"outline-color": true, "text-decoration-color": true, "caret-color": true,
	"accent-color": true, "fill": true, "stroke": true, "color-scheme": true,
}

// colourValue is a value that is a colour and nothing else: a hex colour, a
// colour function, a keyword or a custom property holding one.
var colourValue = regexp.MustCompile(`^(#[0-9a-fA-F]{3,8}|(rgb|rgba|hsl|hsla|oklch|color-mix)\([^;]*\)|var\(--[a-z0-9-]+\)|transparent|currentcolor|[a-z]+)$`)

// TestSchemesChangeOnlyColours: inside the theme's dark-scheme media
// queries every declaration sets a colour. The browser checks rely on it
// (internal/qasite's CheckPages runs axe's structure rules in one scheme
// and only its colour rules in the other), and so do readers: switching
// the system's scheme must not move the page.
func TestSchemesChangeOnlyColours(t *testing.T) {
	files, err := fs.Glob(Default(), "assets/css/*.css")
	if err != nil || len(files) == 0 {
		t.Fatalf("no stylesheets: %v", err)
	}
	blocks := 0
	for _, f := range files {
		data, err := fs.ReadFile(Default(), f)
		if err != nil {
			t.Fatal(err)
		}
		for _, decl := range schemeDeclarations(t, f, string(data), &blocks) {
			prop, value, ok := strings.Cut(decl, ":")
			prop, value = strings.TrimSpace(prop), strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(value), "!important"))
			switch {
			case !ok:
				t.Errorf("%s: a dark-scheme rule holds %q, not a declaration", f, decl)
			case strings.HasPrefix(prop, "--"), colourProps[prop]:
				if !colourValue.MatchString(strings.ToLower(value)) {
					t.Errorf("%s: the dark scheme sets %s to %q, which is not a colour: a scheme may change colours only", f, prop, value)
				}
			default:
				t.Errorf("%s: the dark scheme sets %s, which can move the page: a scheme may change colours only (color, background, border-color, custom properties holding colours…)", f, prop)
			}
		}
	}
	if blocks == 0 {
		t.Fatal("no dark-scheme media query found: the check found nothing to check")
	}
}

// schemeDeclarations returns the declarations inside every
// @media (prefers-color-scheme: …) block of css, counting the blocks.
func schemeDeclarations(t *testing.T, name, css string, blocks *int) []string {
	t.Helper()
	css = regexp.MustCompile(`(?s)/\*.*?\*/`).ReplaceAllString(css, "")
	var decls []string
	for {
		i := strings.Index(css, "prefers-color-scheme")
		if i < 0 {
			return decls
		}
		open := strings.Index(css[i:], "{")
		if open < 0 {
			t.Fatalf("%s: a prefers-color-scheme query without a block", name)
		}
		start := i + open + 1
		depth, end := 1, start
		for ; end < len(css) && depth > 0; end++ {
			switch css[end] {
			case '{':
				depth++
			case '}':
				depth--
			}
		}
		if depth != 0 {
			t.Fatalf("%s: an unclosed prefers-color-scheme block", name)
		}
		*blocks++
		body := css[start : end-1]
		// Rules inside the media block: their declarations are between
		// braces; selectors are not declarations.
		for _, m := range regexp.MustCompile(`\{([^{}]*)\}`).FindAllStringSubmatch(body, -1) {
			for d := range strings.SplitSeq(m[1], ";") {
				if d = strings.TrimSpace(d); d != "" {
					decls = append(decls, d)
				}
			}
		}
		css = css[end:]
	}
}
