package content

import (
	"bytes"
	"sync"
)

// Cache remembers parsed files by path and content, so that a reload after
// one edit re-parses one file. Entries of files not seen in the last
// load are dropped, and a change of site.yaml (which resolves kinds and
// regions) empties it.
type Cache struct {
	mu      sync.Mutex
	site    [32]byte
	entries map[string]cacheEntry
	seen    map[string]bool
}

type cacheEntry struct {
	// src is the file as parsed. Comparing it costs less than hashing the
	// file again, and no memory: the event's Body is a part of it.
	src   []byte
	event *Event
	page  *Page
	tr    *Translation // never changed once parsed: shared, not copied
	errs  List
}

// NewCache returns an empty cache.
func NewCache() *Cache { return &Cache{entries: map[string]cacheEntry{}} }

func (c *Cache) begin(site [32]byte) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if site != c.site {
		c.entries = map[string]cacheEntry{}
		c.site = site
	}
	c.seen = map[string]bool{}
}

func (c *Cache) end() {
	c.mu.Lock()
	defer c.mu.Unlock()
	for k := range c.entries {
		if !c.seen[k] {
			delete(c.entries, k)
		}
	}
}

func (c *Cache) get(name string, src []byte) (*Event, *Page, List, bool) {
	c.mu.Lock()
	c.seen[name] = true
	e, ok := c.entries[name]
	c.mu.Unlock()
	if !ok || !bytes.Equal(e.src, src) {
		return nil, nil, nil, false
	}
	// Events carry per-load fields (attachments): hand out a copy.
	var ev *Event
	if e.event != nil {
		cp := *e.event
		cp.Documents = make([]*Document, len(e.event.Documents))
		for i, d := range e.event.Documents {
			dc := *d
			cp.Documents[i] = &dc
		}
		ev = &cp
	}
	return ev, e.page, e.errs, true
}

func (c *Cache) put(name string, src []byte, ev *Event, pg *Page, errs List) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.seen[name] = true
	var stored *Event
	if ev != nil {
		cp := *ev
		cp.Documents = make([]*Document, len(ev.Documents))
		for i, d := range ev.Documents {
			dc := *d
			cp.Documents[i] = &dc
		}
		stored = &cp
	}
	c.entries[name] = cacheEntry{src: src, event: stored, page: pg, errs: errs}
}

func (c *Cache) getTranslation(name string, src []byte) (*Translation, List, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.seen[name] = true
	e, ok := c.entries[name]
	if !ok || !bytes.Equal(e.src, src) {
		return nil, nil, false
	}
	return e.tr, e.errs, true
}

func (c *Cache) putTranslation(name string, src []byte, tr *Translation, errs List) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.seen[name] = true
	c.entries[name] = cacheEntry{src: src, tr: tr, errs: errs}
}
