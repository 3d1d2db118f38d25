package content

import (
	"bytes"
	"sync"

	"github.com/iom-cso/archive/internal/memo"
)

// Cache remembers parsed files by path and content, so that a reload after
// one edit re-parses one file. Entries of files not seen in the last
// load are dropped, and a change of site.yaml (which resolves kinds and
// regions) empties it.
type Cache struct {
	mu      sync.Mutex // guards site
	site    [32]byte
	entries memo.Table[string, cacheEntry]
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
func NewCache() *Cache { return &Cache{} }

func (c *Cache) begin(site [32]byte) {
	c.mu.Lock()
	if site != c.site {
		c.entries.Clear()
		c.site = site
	}
	c.mu.Unlock()
	c.entries.Begin()
}

func (c *Cache) end() { c.entries.End() }

func (c *Cache) get(name string, src []byte) (*Event, *Page, List, bool) {
	e, ok := c.entries.Get(name)
	if !ok || !bytes.Equal(e.src, src) {
		return nil, nil, nil, false
	}
	return e.event.clone(), e.page, e.errs, true
}

func (c *Cache) put(name string, src []byte, ev *Event, pg *Page, errs List) {
	c.entries.Put(name, cacheEntry{src: src, event: ev.clone(), page: pg, errs: errs})
}

// clone copies what a load sets on an event after parsing it (its
// attachments and documents), so that the copy a load hands out and the
// one the Cache keeps never share them.
func (e *Event) clone() *Event {
	if e == nil {
		return nil
	}
	cp := *e
	cp.Documents = make([]*Document, len(e.Documents))
	for i, d := range e.Documents {
		dc := *d
		cp.Documents[i] = &dc
	}
	return &cp
}

func (c *Cache) getTranslation(name string, src []byte) (*Translation, List, bool) {
	e, ok := c.entries.Get(name)
	if !ok || !bytes.Equal(e.src, src) {
		return nil, nil, false
	}
	return e.tr, e.errs, true
}

func (c *Cache) putTranslation(name string, src []byte, tr *Translation, errs List) {
	c.entries.Put(name, cacheEntry{src: src, tr: tr, errs: errs})
}
