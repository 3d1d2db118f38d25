package devserver

import (
	"bytes"
	"fmt"
	"net/http"
	"sync"
	"time"
)

// A message is one Server-Sent Event.
type message struct {
	event string // "hello", "reload", "css" or "builderror"
	id    string
	data  []byte // JSON, one line
}

// bytes returns m in the text/event-stream format.
func (m message) bytes() []byte {
	var b bytes.Buffer
	if m.event != "" {
		fmt.Fprintf(&b, "event: %s\n", m.event)
	}
	if m.id != "" {
		fmt.Fprintf(&b, "id: %s\n", m.id)
	}
	for _, line := range bytes.Split(m.data, []byte("\n")) {
		fmt.Fprintf(&b, "data: %s\n", line)
	}
	b.WriteByte('\n')
	return b.Bytes()
}

// clientBuffer is how many messages a client may lag behind before it is
// dropped; its browser reconnects by itself.
const clientBuffer = 16

// A hub fans messages out to every open event stream. It also holds what a
// newly connected page must be told first (the current build, and the
// build error if there is one), updated under the same lock as the
// broadcast so that no page misses a change between the two.
type hub struct {
	mu      sync.Mutex
	clients map[chan message]struct{}
	state   []message
	closed  bool
}

func newHub() *hub { return &hub{clients: map[chan message]struct{}{}} }

// subscribe returns a channel of messages, primed with the current state,
// or false once the hub is closed.
func (h *hub) subscribe() (chan message, bool) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.closed {
		return nil, false
	}
	ch := make(chan message, clientBuffer+len(h.state))
	for _, m := range h.state {
		ch <- m
	}
	h.clients[ch] = struct{}{}
	return ch, true
}

// unsubscribe forgets ch; it is safe after the hub dropped or closed it.
func (h *hub) unsubscribe(ch chan message) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if _, ok := h.clients[ch]; ok {
		delete(h.clients, ch)
		close(ch)
	}
}

// publish sends m to every client and makes state what new clients get.
// It never blocks: a client whose buffer is full is dropped.
func (h *hub) publish(m message, state ...message) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.state = state
	if h.closed {
		return
	}
	for ch := range h.clients {
		select {
		case ch <- m:
		default:
			delete(h.clients, ch)
			close(ch)
		}
	}
}

// setState makes state what new clients get, without a broadcast.
func (h *hub) setState(state ...message) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.state = state
}

// close ends every stream and refuses new ones (shutdown).
func (h *hub) close() {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.closed = true
	for ch := range h.clients {
		delete(h.clients, ch)
		close(ch)
	}
}

// serveEvents is the event stream a page subscribes to. It returns when
// the client goes away, when a write does not complete within
// writeTimeout, or when the server shuts down, so no goroutine outlives
// its connection.
func (s *Server) serveEvents(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet {
		w.Header().Set("Allow", "GET")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	ch, ok := s.hub.subscribe()
	if !ok {
		http.Error(w, "shutting down", http.StatusServiceUnavailable)
		return
	}
	defer s.hub.unsubscribe(ch)

	rc := http.NewResponseController(w)
	h := w.Header()
	h.Set("Content-Type", "text/event-stream; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	h.Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(http.StatusOK)
	write := func(b []byte) bool {
		_ = rc.SetWriteDeadline(time.Now().Add(writeTimeout))
		if _, err := w.Write(b); err != nil {
			return false
		}
		return rc.Flush() == nil
	}
	// Browsers reconnect after retry milliseconds when the server restarts.
	if !write([]byte("retry: 1000\n\n")) {
		return
	}
	keepAlive := time.NewTicker(s.keepAlive)
	defer keepAlive.Stop()
	for {
		select {
		case <-r.Context().Done():
			return
		case m, ok := <-ch:
			if !ok {
				return
			}
			if !write(m.bytes()) {
				return
			}
		case <-keepAlive.C:
			// A comment: proves the connection alive, and finds dead ones.
			if !write([]byte(": ping\n\n")) {
				return
			}
		}
	}
}

const writeTimeout = 10 * time.Second
