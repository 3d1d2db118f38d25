// Package memo is the one caching layer of the build: a generational
// table that keeps what one build used for the next, and a digest that
// names what a cached value was made from.
//
// Every cache of the generator has the same life. A build begins a
// generation, looks values up or stores them (either marks the key as
// used), and at its end the keys it did not use are swept: an entry lives
// exactly as long as the content it was made from. A build that is
// cancelled does not end its generation, so that the entries of the files
// it did not reach survive for the next one.
//
// Keys are explicit: a caller digests what a value is made of, with
// Digest, rather than the table walking values to find out.
package memo

import (
	"hash/maphash"
	"sync"
)

// Table is a generational map from K to V, safe for concurrent use. Its
// zero value is an empty table.
type Table[K comparable, V any] struct {
	mu      sync.Mutex
	entries map[K]V
	used    map[K]struct{}
}

// Begin starts a generation: End will sweep every entry that neither Get
// nor Put touches from now on.
func (t *Table[K, V]) Begin() {
	t.mu.Lock()
	t.used = map[K]struct{}{}
	t.mu.Unlock()
}

// Get returns the value stored under k and marks k as used.
func (t *Table[K, V]) Get(k K) (V, bool) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.mark(k)
	v, ok := t.entries[k]
	return v, ok
}

// Put stores v under k and marks k as used.
func (t *Table[K, V]) Put(k K, v V) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.entries == nil {
		t.entries = map[K]V{}
	}
	t.mark(k)
	t.entries[k] = v
}

func (t *Table[K, V]) mark(k K) {
	if t.used == nil {
		t.used = map[K]struct{}{}
	}
	t.used[k] = struct{}{}
}

// End ends the generation: entries not used since Begin are dropped.
func (t *Table[K, V]) End() {
	t.mu.Lock()
	defer t.mu.Unlock()
	for k := range t.entries {
		if _, ok := t.used[k]; !ok {
			delete(t.entries, k)
		}
	}
	t.used = nil
}

// Clear drops every entry: what they were made from has changed as a
// whole (the content cache, when site.yaml changes).
func (t *Table[K, V]) Clear() {
	t.mu.Lock()
	clear(t.entries)
	t.mu.Unlock()
}

// Len is the number of entries.
func (t *Table[K, V]) Len() int {
	t.mu.Lock()
	defer t.mu.Unlock()
	return len(t.entries)
}

// Sum is a 128-bit digest. Sums are comparable, and mean something only
// within the process that made them: the seeds are the process's own,
// like the tables the sums key.
type Sum [2]uint64

var seeds = [2]maphash.Seed{maphash.MakeSeed(), maphash.MakeSeed()}

// Digest computes a Sum from a sequence of values: two seeded maphash
// functions side by side, which read strings without copying them (a
// cryptographic hash over every body was a third of a warm rebuild of
// 10,000 events). Each value is written with its length, so that the
// sequence ("ab", "c") never digests as ("a", "bc").
//
// The zero Digest is empty and ready to use; declared as a variable it
// costs no allocation. A Digest must not be copied once used.
type Digest struct {
	h1, h2 maphash.Hash
	seeded bool
	buf    [8]byte
}

func (d *Digest) seed() {
	if !d.seeded {
		d.h1.SetSeed(seeds[0])
		d.h2.SetSeed(seeds[1])
		d.seeded = true
	}
}

func (d *Digest) u64(v uint64) {
	d.seed()
	for i := range d.buf {
		d.buf[i] = byte(v >> (8 * i))
	}
	d.h1.Write(d.buf[:])
	d.h2.Write(d.buf[:])
}

// String adds s. String and Bytes of the same text add the same.
func (d *Digest) String(s string) {
	d.u64(uint64(len(s)))
	d.h1.WriteString(s)
	d.h2.WriteString(s)
}

// Bytes adds b.
func (d *Digest) Bytes(b []byte) {
	d.u64(uint64(len(b)))
	d.h1.Write(b)
	d.h2.Write(b)
}

// Int adds v.
func (d *Digest) Int(v int) { d.u64(uint64(v)) }

// Bool adds v, as Int adds 1 or 0.
func (d *Digest) Bool(v bool) {
	if v {
		d.u64(1)
	} else {
		d.u64(0)
	}
}

// Digest adds another digest's Sum.
func (d *Digest) Digest(s Sum) { d.u64(s[0]); d.u64(s[1]) }

// Sum returns the digest of what was added so far.
func (d *Digest) Sum() Sum {
	d.seed()
	return Sum{d.h1.Sum64(), d.h2.Sum64()}
}
