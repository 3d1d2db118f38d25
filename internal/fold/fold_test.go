package fold

import (
	"testing"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// TestLatinLetters: every letter of the table is a lowercase Latin letter
// that NFKD leaves whole (else the table would be dead), spelled in ASCII
// lowercase letters.
func TestLatinLetters(t *testing.T) {
	n := 0
	Each(func(r rune, s string) {
		n++
		if !unicode.Is(unicode.Latin, r) || !unicode.IsLower(r) {
			t.Errorf("%q is not a lowercase Latin letter", r)
		}
		if d := norm.NFKD.String(string(r)); d != string(r) {
			t.Errorf("NFKD decomposes %q into %q: it needs no entry", r, d)
		}
		for _, c := range s {
			if c < 'a' || c > 'z' {
				t.Errorf("%q is spelled %q, not in ASCII lowercase letters", r, s)
			}
		}
		if got, ok := Latin(r); !ok || got != s {
			t.Errorf("Latin(%q) = %q, %v", r, got, ok)
		}
	})
	if n != 11 {
		t.Errorf("%d letters; the table had 11 (ß æ œ ø đ ð ħ ł ŧ þ ı)", n)
	}
	if _, ok := Latin('e'); ok {
		t.Error("Latin('e') is in the table")
	}
}
