package devserver

import (
	"net/http"
	"runtime"
	"strings"
	"testing"
	"time"
)

// waitFor polls cond until it holds, failing the test after waitTimeout.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(waitTimeout)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		runtime.Gosched()
		time.Sleep(5 * time.Millisecond)
	}
}

// TestNoGoroutineLeak opens many event streams, lets their clients go away
// (some mid-stream, some after an event), and checks that the server's
// goroutines all end: the count goes back to where it was.
func TestNoGoroutineLeak(t *testing.T) {
	f := startFixture(t)
	f.get(t, "/") // warm up the keep-alive machinery
	f.client.Transport.(*http.Transport).CloseIdleConnections()
	waitFor(t, "idle goroutines to settle", func() bool { return f.srv.hub.count() == 0 })
	before := runtime.NumGoroutine()

	const clients = 60
	var streams []*stream
	for range clients {
		streams = append(streams, f.subscribe(t))
	}
	for _, s := range streams {
		s.expect(t, "hello")
	}
	if n := f.srv.hub.count(); n != clients {
		t.Fatalf("%d streams open, want %d", n, clients)
	}
	// Half go away now; the rest after a reload reached them.
	for _, s := range streams[:clients/2] {
		s.cancel()
	}
	writeFile(t, f.path(firstFile), strings.Replace(readFile(t, f.path(firstFile)), "took place", "happened", 1))
	for _, s := range streams[clients/2:] {
		s.expect(t, "reload")
		s.cancel()
	}
	for _, s := range streams {
		for range s.events { // the reader goroutine ends
		}
	}
	f.client.Transport.(*http.Transport).CloseIdleConnections()
	waitFor(t, "every stream to close", func() bool { return f.srv.hub.count() == 0 })
	var after int
	waitFor(t, "goroutines to end", func() bool {
		after = runtime.NumGoroutine()
		return after <= before
	})
	if after > before {
		t.Errorf("%d goroutines before, %d after", before, after)
	}
}

// TestShutdownEndsStreams checks that cancelling the server's context ends
// open event streams at once, so that Ctrl-C does not wait for browsers.
func TestShutdownEndsStreams(t *testing.T) {
	before := runtime.NumGoroutine()
	f := startFixture(t)
	var streams []*stream
	for range 10 {
		s := f.subscribe(t)
		s.expect(t, "hello")
		streams = append(streams, s)
	}
	start := time.Now()
	f.stop()
	if took := time.Since(start); took > 3*time.Second {
		t.Errorf("shutdown took %s with open streams", took)
	}
	for _, s := range streams {
		for range s.events {
		}
	}
	// A stream opened after shutdown is refused.
	if _, err := http.Get(f.url + "/_archive/events"); err == nil {
		t.Errorf("the server still answers after shutdown")
	}
	waitFor(t, "goroutines to end", func() bool { return runtime.NumGoroutine() <= before })
}

// TestSlowClientDropped checks that a client that does not read does not
// hold up the others: its buffer fills and it is dropped.
func TestSlowClientDropped(t *testing.T) {
	h := newHub()
	slow, _ := h.subscribe()
	fast, _ := h.subscribe()
	for i := range clientBuffer + 1 {
		h.publish(message{event: "reload", id: string(rune('a' + i))})
		<-fast
	}
	if h.count() != 1 {
		t.Fatalf("%d clients, want the slow one dropped", h.count())
	}
	n := 0
	for range slow {
		n++
	}
	if n != clientBuffer {
		t.Errorf("slow client got %d messages before being dropped, want %d", n, clientBuffer)
	}
	h.unsubscribe(slow) // safe after the drop
	h.close()
	if _, ok := <-fast; ok {
		t.Error("close left a stream open")
	}
	if _, ok := h.subscribe(); ok {
		t.Error("subscribe after close succeeded")
	}
}

// count returns the number of open streams.
func (h *hub) count() int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return len(h.clients)
}
