package content

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
	"testing/fstest"
)

// cancellingFS cancels a context when the file at position at is opened,
// and counts the Markdown files opened, and how many had been when the
// cancellation took effect: on a busy machine the goroutine that cancels
// can be paused between counting its file and cancelling, while others
// go on opening files, rightly, since nothing was cancelled yet.
type cancellingFS struct {
	fs.FS
	at        int64
	cancel    context.CancelFunc
	opened    atomic.Int64
	cancelled atomic.Int64 // files opened when cancel returned
}

func (c *cancellingFS) Open(name string) (fs.File, error) {
	if strings.HasSuffix(name, ".md") {
		if c.opened.Add(1) == c.at {
			c.cancel()
			c.cancelled.Store(c.opened.Load())
		}
	}
	return c.FS.Open(name)
}

// TestLoadCancelled: Load stops between files once its context is
// cancelled, instead of reading and parsing the whole folder, and leaves
// its Cache fit for the next Load.
func TestLoadCancelled(t *testing.T) {
	const n = 400
	files := fstest.MapFS{"site.yaml": {Data: []byte(siteYAML)}}
	for i := range n {
		files[fmt.Sprintf("annual-consultations/2013-e%d.md", i)] = &fstest.MapFile{Data: []byte(good)}
	}
	for _, at := range []int64{1, 10, n / 2} {
		t.Run(fmt.Sprint(at), func(t *testing.T) {
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			fsys := &cancellingFS{FS: files, at: at, cancel: cancel}
			cache := NewCache()
			Load(ctx, fsys, Options{Cache: cache})
			if !errors.Is(ctx.Err(), context.Canceled) {
				t.Fatal("the test did not cancel")
			}
			// The files being parsed when the cancellation came are
			// finished; no other is opened.
			if got, limit := fsys.opened.Load()-fsys.cancelled.Load(), int64(2*runtime.GOMAXPROCS(0)); got > limit {
				t.Errorf("%d of %d files opened after a cancellation at the %dth, want at most %d", got, n, at, limit)
			}
			a, problems := Load(context.Background(), files, Options{Cache: cache})
			if err := problems.Err(); err != nil || len(a.Events) != n {
				t.Errorf("the next Load with the same Cache: %d events, %v", len(a.Events), err)
			}
		})
	}
}
