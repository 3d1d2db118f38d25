package generator

import (
	"fmt"
	"hash/maphash"
	"math"
	"reflect"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/iom-cso/archive/generator/content"
)

// Rendered output is memoized by a digest of its inputs, so that a Build
// with a warm Cache renders again only what an edit changed, on the same
// code path as a cold build:
//
//   - an event's page and .ics file, by the digests of the event and of its
//     two neighbours (prev/next links) and the site digest;
//   - every other page, by a digest of its whole PageData (walked with
//     reflection, so that a field added later is never forgotten) and the
//     site digest;
//   - feeds, sitemap and search index, by a digest of what they are made
//     from.
//
// The site digest covers everything shared: site.yaml, the theme's files,
// the build options, today's date and the site-wide views (counts, menu).
// An event's digest covers its file's bytes (content.Event.Hash), its path
// and its bundle's attachments; everything else about an event is derived
// from those and from the site.
//
// Digests are 128 bits from two seeded maphash functions; the seeds are
// the Cache's own, so digests mean something only within one Cache.

type digest [2]uint64

// memoCache holds rendered files between builds.
type memoCache struct {
	seed1, seed2 maphash.Seed
	mu           sync.Mutex
	files        map[digest][]memoFile
	seen         map[digest]bool
}

type memoFile struct {
	path string
	data []byte
}

func newMemoCache() *memoCache {
	return &memoCache{seed1: maphash.MakeSeed(), seed2: maphash.MakeSeed(), files: map[digest][]memoFile{}}
}

// begin starts a build: entries not used by it are dropped at its end.
func (c *memoCache) begin() {
	c.mu.Lock()
	c.seen = map[digest]bool{}
	c.mu.Unlock()
}

func (c *memoCache) end() {
	c.mu.Lock()
	for k := range c.files {
		if !c.seen[k] {
			delete(c.files, k)
		}
	}
	c.seen = nil
	c.mu.Unlock()
}

func (c *memoCache) get(k digest) ([]memoFile, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.seen[k] = true
	f, ok := c.files[k]
	return f, ok
}

func (c *memoCache) put(k digest, files []memoFile) {
	c.mu.Lock()
	c.seen[k] = true
	c.files[k] = files
	c.mu.Unlock()
}

// hasher computes a digest.
type hasher struct {
	h1, h2 maphash.Hash
	ptrs   *sync.Map // pointer → digest of what it points to, for one build
	buf    [8]byte
}

func (c *memoCache) hasher(ptrs *sync.Map) *hasher {
	h := &hasher{ptrs: ptrs}
	h.h1.SetSeed(c.seed1)
	h.h2.SetSeed(c.seed2)
	return h
}

func (h *hasher) bytes(b []byte) {
	h.int(len(b))
	h.h1.Write(b)
	h.h2.Write(b)
}

func (h *hasher) str(s string) {
	h.int(len(s))
	h.h1.WriteString(s)
	h.h2.WriteString(s)
}

func (h *hasher) u64(v uint64) {
	for i := range h.buf {
		h.buf[i] = byte(v >> (8 * i))
	}
	h.h1.Write(h.buf[:])
	h.h2.Write(h.buf[:])
}

func (h *hasher) int(v int) { h.u64(uint64(v)) }

func (h *hasher) digest(d digest) { h.u64(d[0]); h.u64(d[1]) }

func (h *hasher) sum() digest { return digest{h.h1.Sum64(), h.h2.Sum64()} }

var timeType = reflect.TypeFor[time.Time]()

// value adds v, whatever its type, following pointers: two values with the
// same digest print the same through any template. Pointers to the shared
// views (EventSummary, KindView, RegionView, SiteView) are hashed once per
// build.
func (h *hasher) value(v reflect.Value) {
	switch v.Kind() {
	case reflect.Invalid:
		h.u64(0)
	case reflect.String:
		h.str(v.String())
	case reflect.Bool:
		if v.Bool() {
			h.u64(1)
		} else {
			h.u64(0)
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		h.u64(uint64(v.Int()))
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		h.u64(v.Uint())
	case reflect.Float32, reflect.Float64:
		h.u64(math.Float64bits(v.Float()))
	case reflect.Slice, reflect.Array:
		if v.Kind() == reflect.Slice && v.Type().Elem().Kind() == reflect.Uint8 {
			h.bytes(v.Bytes())
			return
		}
		h.int(v.Len())
		for i := range v.Len() {
			h.value(v.Index(i))
		}
	case reflect.Map:
		h.int(v.Len())
		type kv struct{ k, v digest }
		pairs := make([]kv, 0, v.Len())
		for it := v.MapRange(); it.Next(); {
			pairs = append(pairs, kv{h.sub(it.Key()), h.sub(it.Value())})
		}
		sort.Slice(pairs, func(i, j int) bool {
			a, b := pairs[i].k, pairs[j].k
			return a[0] < b[0] || a[0] == b[0] && a[1] < b[1]
		})
		for _, p := range pairs {
			h.digest(p.k)
			h.digest(p.v)
		}
	case reflect.Pointer:
		if v.IsNil() {
			h.u64(0)
			return
		}
		h.u64(1)
		if h.ptrs != nil && sharedView[v.Type()] {
			key := ptrKey{v.Type(), v.Pointer()}
			if d, ok := h.ptrs.Load(key); ok {
				h.digest(d.(digest))
				return
			}
			d := h.sub(v.Elem())
			h.ptrs.Store(key, d)
			h.digest(d)
			return
		}
		h.value(v.Elem())
	case reflect.Interface:
		if v.IsNil() {
			h.u64(0)
			return
		}
		h.str(v.Elem().Type().String())
		h.value(v.Elem())
	case reflect.Struct:
		if v.Type() == timeType {
			t := v.Interface().(time.Time)
			h.u64(uint64(t.UnixNano()))
			h.str(t.Location().String())
			return
		}
		for i := range v.NumField() {
			h.value(v.Field(i))
		}
	default:
		panic(fmt.Sprintf("generator: cannot digest a %s", v.Type()))
	}
}

// sub returns the digest of v alone.
func (h *hasher) sub(v reflect.Value) digest {
	s := &hasher{ptrs: h.ptrs}
	s.h1.SetSeed(h.h1.Seed())
	s.h2.SetSeed(h.h2.Seed())
	s.value(v)
	return s.sum()
}

type ptrKey struct {
	t reflect.Type
	p uintptr
}

// sharedView lists the types of the views many pages point to: built once
// per build, never changed while pages render.
var sharedView = map[reflect.Type]bool{
	reflect.TypeFor[*EventSummary](): true,
	reflect.TypeFor[*KindView]():     true,
	reflect.TypeFor[*RegionView]():   true,
	reflect.TypeFor[*SiteView]():     true,
}

// memoState is one build's side of the memo: the site digest and the
// digests of events.
type memoState struct {
	cache  *memoCache
	site   digest
	ptrs   sync.Map
	events map[*content.Event]digest
}

// startMemo computes the site digest and every event's digest; after
// makeViews, before rendering. It does nothing without a Cache.
func (b *builder) startMemo() error {
	if b.cfg.Cache == nil {
		return nil
	}
	m := &memoState{cache: b.cfg.Cache.memo, events: make(map[*content.Event]digest, len(b.events))}
	m.cache.begin()
	h := m.cache.hasher(nil)
	// The theme as it was read, not its folder read again: Load read only
	// what it checked.
	digest := b.theme.Digest()
	h.bytes(digest[:])
	h.value(reflect.ValueOf(struct {
		Site     *content.Site
		View     *SiteView
		Base     string
		Drafts   bool
		Today    time.Time
		Dir      string
		PageSize int
	}{b.site, b.siteView, b.base, b.cfg.Drafts, b.cfg.Today, b.cfg.ContentDir, b.pageSize()}))
	m.site = h.sum()
	for _, e := range b.events {
		h := m.cache.hasher(nil)
		h.str(e.Path)
		h.bytes(e.Hash[:])
		h.value(reflect.ValueOf(e.Files))
		for _, d := range e.Documents {
			h.int(int(d.Size))
			h.str(d.Type)
		}
		h.value(reflect.ValueOf(e.Draft))
		m.events[e] = h.sum()
	}
	b.memoState = m
	return nil
}

// endMemo drops what this build did not use.
func (b *builder) endMemo() {
	if b.memoState != nil {
		b.memoState.cache.end()
	}
}

// key returns the digest of what, the site digest and parts; ok is false
// without a Cache.
func (b *builder) key(what string, parts ...any) (k digest, ok bool) {
	m := b.memoState
	if m == nil {
		return k, false
	}
	h := m.cache.hasher(&m.ptrs)
	h.str(what)
	h.digest(m.site)
	for _, p := range parts {
		switch p := p.(type) {
		case *content.Event:
			if p == nil {
				h.u64(0)
			} else {
				h.digest(m.events[p])
			}
		case []*content.Event:
			h.int(len(p))
			for _, e := range p {
				h.digest(m.events[e])
			}
		case string:
			h.str(p)
		default:
			h.value(reflect.ValueOf(p))
		}
	}
	return h.sum(), true
}

// memo hands render a put function and keeps what it writes under key k;
// when the Cache already holds files for k, render is not called and those
// files are written again instead. Without a Cache it just runs render.
//
// A name that starts with "\x00" is no file of the site: it is kept and
// returned with the others, not written (an event's VEVENT, for the
// calendar).
func (b *builder) memo(k digest, ok bool, render func(put func(p string, data []byte)) error) ([]memoFile, error) {
	write := func(p string, data []byte) {
		if !strings.HasPrefix(p, "\x00") {
			b.put(p, data)
		}
	}
	var c *memoCache
	if ok {
		c = b.memoState.cache
		if files, hit := c.get(k); hit {
			for _, f := range files {
				write(f.path, f.data)
			}
			return files, nil
		}
	}
	var files []memoFile
	var mu sync.Mutex
	err := render(func(p string, data []byte) {
		mu.Lock()
		files = append(files, memoFile{p, data})
		mu.Unlock()
		write(p, data)
	})
	if err != nil {
		return nil, err
	}
	if c != nil {
		c.put(k, files)
	}
	return files, nil
}

// veventName is the memo name of an event's VEVENT.
const veventName = "\x00vevent"

// memoFiles is memo for callers that need nothing back.
func (b *builder) memoFiles(k digest, ok bool, render func(put func(p string, data []byte)) error) error {
	_, err := b.memo(k, ok, render)
	return err
}
