package markdown

import "testing"

// TestSlugifyFolds pins the heading ids of every letter Slugify spells
// out (the table it shares with search, internal/fold), as they were
// before the table was shared: published links must not change. Final
// sigma is not folded in ids, as it is in search.
func TestSlugifyFolds(t *testing.T) {
	const in = "ßẞÆæŒœØøĐđÐðĦħŁłŦŧÞþıIςΣ\u00ad"
	if got, want := Slugify(in), "ssssaeaeoeoeooddddhhllttththiiςσ"; got != want {
		t.Errorf("Slugify(%q) = %q, want %q", in, got, want)
	}
}
