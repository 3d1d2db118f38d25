package search

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
)

// countdownCtx is a context that becomes cancelled by the code under test
// itself: its Err reports cancellation from the (left+1)th call on.
type countdownCtx struct {
	context.Context
	left atomic.Int64
	once sync.Once
	done chan struct{}
}

func newCountdown(left int64) *countdownCtx {
	c := &countdownCtx{Context: context.Background(), done: make(chan struct{})}
	c.left.Store(left)
	return c
}

func (c *countdownCtx) Err() error {
	if c.left.Add(-1) < 0 {
		c.once.Do(func() { close(c.done) })
		return context.Canceled
	}
	return nil
}

func (c *countdownCtx) Done() <-chan struct{} { return c.done }

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
			_, err := Build(newCountdown(left), in, Options{Cache: c})
			if !errors.Is(err, context.Canceled) {
				t.Fatalf("Build with a context cancelled after %d checks: %v, want context.Canceled", left, err)
			}
			if n := len(c.docs); n > int(left) {
				t.Errorf("%d of %d documents analyzed after the cancellation at the %dth", n, len(in.Docs), left)
			}
			got := mustBuild(t, in, Options{Cache: c})
			if got.Version != want.Version {
				t.Errorf("the Build after a cancelled one gives index %s, want %s", got.Version, want.Version)
			}
		})
	}
}
