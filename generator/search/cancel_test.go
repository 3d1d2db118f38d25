package search

import (
	"context"
	"errors"
	"fmt"
	"github.com/iom-cso/archive/internal/countdown"
	"testing"
)

// TestBuildCancelled: Build looks at its context between documents, stops
// analyzing when it is cancelled, and what it cached is right for the next
// Build.
func TestBuildCancelled(t *testing.T) {
	in := Input{Kinds: testKinds, Regions: testRegions}
	for i := range 300 {
		in.Docs = append(in.Docs, Doc{URL: fmt.Sprintf("/e/%d/", i), Title: fmt.Sprintf("Event %d on labour migration", i),
			Date: day(2013, 1+i%12, 1+i%28), Region: "global", Kind: "annual", Summary: "S.", Body: filler})
	}
	want := mustBuild(t, in, Options{})
	for _, left := range []int64{0, 5, 150} {
		t.Run(fmt.Sprint(left), func(t *testing.T) {
			c := NewCache()
			_, err := Build(countdown.New(left), in, Options{Cache: c})
			if !errors.Is(err, context.Canceled) {
				t.Fatalf("Build with a context cancelled after %d checks: %v, want context.Canceled", left, err)
			}
			if n := c.docs.Len(); n > int(left) {
				t.Errorf("%d of %d documents analyzed after the cancellation at the %dth", n, len(in.Docs), left)
			}
			got := mustBuild(t, in, Options{Cache: c})
			if got.Version != want.Version {
				t.Errorf("the Build after a cancelled one gives index %s, want %s", got.Version, want.Version)
			}
		})
	}
}
