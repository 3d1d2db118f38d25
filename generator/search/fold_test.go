package search

import "testing"

// TestNormalizeFolds pins what search makes of every letter it spells
// out (the table it shares with heading ids, internal/fold, and its own
// final sigma and soft hyphen), as it did before the table was shared.
func TestNormalizeFolds(t *testing.T) {
	const in = "ßẞÆæŒœØøĐđÐðĦħŁłŦŧÞþıIςΣ\u00ad"
	if got, want := Normalize(in), "ssssaeaeoeoeooddddhhllttththiiσσ"; got != want {
		t.Errorf("Normalize(%q) = %q, want %q", in, got, want)
	}
}
