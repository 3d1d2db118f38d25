// Package countdown is a context for tests that the code under test
// cancels itself: its Err reports cancellation from a chosen call on, which
// interrupts a build at the same point every time, without timers. It is
// imported by tests only.
package countdown

import (
	"context"
	"sync"
	"sync/atomic"
)

// Context is cancelled by its own Err: the first left calls return nil,
// every later one context.Canceled, and Done is closed then.
type Context struct {
	context.Context
	start int64
	left  atomic.Int64
	once  sync.Once
	done  chan struct{}
}

// New returns a Context whose Err reports cancellation from its
// (left+1)th call on.
func New(left int64) *Context {
	c := &Context{Context: context.Background(), start: left, done: make(chan struct{})}
	c.left.Store(left)
	return c
}

// Err counts the call and reports whether the countdown has run out.
func (c *Context) Err() error {
	if c.left.Add(-1) < 0 {
		c.once.Do(func() { close(c.done) })
		return context.Canceled
	}
	return nil
}

// Done is closed once Err has reported cancellation.
func (c *Context) Done() <-chan struct{} { return c.done }

// Calls is how many times Err has been called.
func (c *Context) Calls() int64 { return c.start - c.left.Load() }
