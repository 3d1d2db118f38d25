package taxonomy

import (
	"cmp"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/iom-cso/archive/generator/content"
)

// TestNewestFirstShortcut checks NewestFirst against a plain stable sort,
// on events in content.Load's order (where it takes its shortcut) and in
// other orders, with days, folders and slugs shared.
func TestNewestFirstShortcut(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	kinds := []*content.Kind{{Folder: "a"}, {Folder: "b"}, {Folder: "c"}}
	for round := range 200 {
		n := r.IntN(40)
		var events []*content.Event
		for i := range n {
			d := time.Date(2011+r.IntN(3), 1, 1+r.IntN(3), 0, 0, 0, 0, time.UTC)
			events = append(events, &content.Event{Date: d, Kind: kinds[r.IntN(3)], Slug: fmt.Sprint(r.IntN(5), "-", i%3)})
		}
		if round%2 == 0 {
			// content.Load's order.
			slices.SortStableFunc(events, func(a, b *content.Event) int {
				return cmp.Or(a.Date.Compare(b.Date), strings.Compare(a.Kind.Folder, b.Kind.Folder), strings.Compare(a.Slug, b.Slug))
			})
		}
		in := slices.Clone(events)
		want := slices.Clone(events)
		slices.SortStableFunc(want, newer)
		got := NewestFirst(events)
		if !slices.Equal(got, want) {
			t.Fatalf("round %d: NewestFirst differs from a stable sort", round)
		}
		if !slices.Equal(events, in) {
			t.Fatalf("round %d: NewestFirst changed its input", round)
		}
	}
}
