package content

import (
	"regexp"
	"testing"
)

// TestNameChecks compares validSlug and windowsReserved with the regular
// expressions they stand for.
func TestNameChecks(t *testing.T) {
	slugRE := regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
	reservedRE := regexp.MustCompile(`(?i)^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³]|conin\$|conout\$) *(\..*)?$`)
	parts := []string{"", "a", "z", "0", "9", "-", "--", "A", "é", "_", ".", "\n", "con", "CoN", "nul", "aux",
		"prn", "com1", "LPT9", "com", "lpt", "x", ".txt", ".md", "\u212a", "ſ", "¹", "³", "⁴", "$", "conin", "CONOUT", " "}
	var names []string
	for _, a := range parts {
		for _, b := range parts {
			for _, c := range parts {
				names = append(names, a+b+c)
			}
		}
	}
	for _, n := range names {
		if got, want := validSlug(n), slugRE.MatchString(n); got != want {
			t.Errorf("validSlug(%q) = %v, want %v", n, got, want)
		}
		if got, want := windowsReserved(n), reservedRE.MatchString(n); got != want {
			t.Errorf("windowsReserved(%q) = %v, want %v", n, got, want)
		}
	}
}
