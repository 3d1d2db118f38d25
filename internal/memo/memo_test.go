package memo

import (
	"sync"
	"testing"
)

// A generation keeps what it used, got or put, and sweeps the rest.
func TestTableSweepsUnused(t *testing.T) {
	var tb Table[string, int]
	tb.Begin()
	tb.Put("a", 1)
	tb.Put("b", 2)
	tb.Put("c", 3)
	tb.End()
	tb.Begin()
	if v, ok := tb.Get("a"); !ok || v != 1 {
		t.Fatalf("Get(a) = %d, %v; want 1, true", v, ok)
	}
	tb.Put("d", 4)
	if _, ok := tb.Get("x"); ok {
		t.Fatal("Get(x) found a value never stored")
	}
	tb.End()
	if n := tb.Len(); n != 2 {
		t.Fatalf("after the second generation: %d entries, want 2 (a and d)", n)
	}
	for _, k := range []string{"b", "c"} {
		if _, ok := tb.Get(k); ok {
			t.Errorf("%s survived a generation that did not use it", k)
		}
	}
}

// A generation that never ends (a cancelled build) drops nothing, and the
// next one starts afresh.
func TestTableUnendedGenerationKeepsAll(t *testing.T) {
	var tb Table[int, int]
	tb.Begin()
	tb.Put(1, 1)
	tb.Put(2, 2)
	tb.End()
	tb.Begin()
	tb.Get(1) // cancelled here: End is not called
	tb.Begin()
	tb.Get(2)
	tb.End()
	if _, ok := tb.Get(1); ok {
		t.Error("an entry used only by an unended generation survived the next one")
	}
	if _, ok := tb.Get(2); !ok {
		t.Error("the entry the last generation used was dropped")
	}
}

func TestTableClear(t *testing.T) {
	var tb Table[int, int]
	tb.Put(1, 1) // no Begin: the zero table works
	tb.Clear()
	if tb.Len() != 0 {
		t.Fatal("Clear left entries")
	}
}

func TestTableConcurrent(t *testing.T) {
	var tb Table[int, int]
	tb.Begin()
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Go(func() {
			for i := range 100 {
				tb.Put(g*100+i, i)
				tb.Get(g*100 + i)
			}
		})
	}
	wg.Wait()
	tb.End()
	if tb.Len() != 400 {
		t.Fatalf("%d entries, want 400", tb.Len())
	}
}

func sum(f func(d *Digest)) Sum {
	var d Digest
	f(&d)
	return d.Sum()
}

// Digests tell sequences apart by their parts, not by their bytes joined.
func TestDigestSeparatesValues(t *testing.T) {
	seen := map[Sum]string{}
	for name, f := range map[string]func(*Digest){
		"empty":        func(d *Digest) {},
		"ab,c":         func(d *Digest) { d.String("ab"); d.String("c") },
		"a,bc":         func(d *Digest) { d.String("a"); d.String("bc") },
		"abc":          func(d *Digest) { d.String("abc") },
		"int 1":        func(d *Digest) { d.Int(1) },
		"int 2":        func(d *Digest) { d.Int(2) },
		"digest of ab": func(d *Digest) { d.Digest(sum(func(d *Digest) { d.String("ab") })) },
	} {
		s := sum(f)
		if other, ok := seen[s]; ok {
			t.Errorf("%s and %s have the same digest", name, other)
		}
		seen[s] = name
	}
	if a, b := sum(func(d *Digest) { d.String("x") }), sum(func(d *Digest) { d.String("x") }); a != b {
		t.Error("one value, two digests")
	}
	// Bytes and String of the same text are the same value.
	if a, b := sum(func(d *Digest) { d.String("x") }), sum(func(d *Digest) { d.Bytes([]byte("x")) }); a != b {
		t.Error("String and Bytes of one text differ")
	}
}

// A Digest declared as a variable costs nothing to make.
func TestDigestDoesNotAllocate(t *testing.T) {
	var s Sum
	if n := testing.AllocsPerRun(100, func() {
		var d Digest
		d.String("page")
		d.Int(7)
		s = d.Sum()
	}); n != 0 {
		t.Errorf("%v allocations per digest, want 0", n)
	}
	_ = s
}
