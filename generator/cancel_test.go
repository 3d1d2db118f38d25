package generator_test

import (
	"context"
	"errors"
	"io/fs"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/iom-cso/archive/generator"
	"github.com/iom-cso/archive/generator/content"
	"github.com/iom-cso/archive/internal/synth"
)

// TestBuildCancelledWhileRendering: a build whose context is cancelled while
// it renders Markdown (the CPU-bound stage a runaway document makes long)
// stops between documents and returns context.Canceled, instead of
// rendering the rest of the archive first.
func TestBuildCancelledWhileRendering(t *testing.T) {
	fsys := synth.Generate(300, 3)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	const at = 5
	var rendered atomic.Int64
	generator.SetMarkdownHook(func() {
		if rendered.Add(1) == at {
			cancel()
		}
	})
	defer generator.SetMarkdownHook(nil)
	_, _, err := generator.Build(ctx, generator.Config{Content: fsys, Today: perfToday, Cache: generator.NewCache()})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("Build cancelled while rendering: %v, want context.Canceled", err)
	}
	// The documents being rendered when the cancellation came are finished.
	if got, limit := rendered.Load(), int64(at+2*runtime.GOMAXPROCS(0)); got > limit {
		t.Errorf("%d of 300 bodies rendered after a cancellation at the %dth, want at most %d", got, at, limit)
	}
}

// cancelOnOpen cancels a context when the file at position at is opened.
type cancelOnOpen struct {
	fs.FS
	at     int64
	cancel context.CancelFunc
	opened atomic.Int64
}

func (c *cancelOnOpen) Open(name string) (fs.File, error) {
	if strings.HasSuffix(name, ".md") && c.opened.Add(1) == c.at {
		c.cancel()
	}
	return c.FS.Open(name)
}

// TestBuildCancelledWhileLoading: cancelled while it reads the content, a
// build returns context.Canceled, not the content errors of a half-read
// folder.
func TestBuildCancelledWhileLoading(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	fsys := &cancelOnOpen{FS: synth.Generate(300, 3), at: 20, cancel: cancel}
	_, _, err := generator.Build(ctx, generator.Config{Content: fsys, Today: perfToday})
	var list content.List
	if !errors.Is(err, context.Canceled) || errors.As(err, &list) {
		t.Fatalf("Build cancelled while loading: %v, want context.Canceled", err)
	}
	if got := fsys.opened.Load(); got > 20+int64(2*runtime.GOMAXPROCS(0)) {
		t.Errorf("%d files opened after a cancellation at the 20th", got)
	}
}
