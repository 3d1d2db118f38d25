package taxonomy

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"sort"
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
			sort.SliceStable(events, func(i, j int) bool {
				a, b := events[i], events[j]
				if !a.Date.Equal(b.Date) {
					return a.Date.Before(b.Date)
				}
				if a.Kind.Folder != b.Kind.Folder {
					return a.Kind.Folder < b.Kind.Folder
				}
				return a.Slug < b.Slug
			})
		}
		in := slices.Clone(events)
		want := slices.Clone(events)
		sort.SliceStable(want, func(i, j int) bool { return newer(want[i], want[j]) })
		got := NewestFirst(events)
		if !slices.Equal(got, want) {
			t.Fatalf("round %d: NewestFirst differs from a stable sort", round)
		}
		if !slices.Equal(events, in) {
			t.Fatalf("round %d: NewestFirst changed its input", round)
		}
	}
}
