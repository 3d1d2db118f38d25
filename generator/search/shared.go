package search

import (
	"encoding/binary"
	"slices"
	"sync"

	"github.com/iom-cso/archive/internal/memo"
)

// Shared carries the analysis of documents' text (title, location,
// summary and body) from one Build to the next, for indexes built one
// after another that have documents in common: those of a site's
// languages, where a record without a translation is in each with the
// same text. Such a text is then read once, by the first index that has
// it, and only the document's other fields (topics, Extra), which name
// things in each index's language, are read again.
//
// A Build keeps the text of a document with Doc.Shares > 0 for that many
// of the Builds after it, and each that finds it lets go of it once; a
// text no later Build finds is held until the Shared is dropped. What
// Build keeps is compact (a word's number and its count, about 3 bytes
// per distinct word of a text), against about 40 bytes for the analysis
// Build holds of each document while it runs. A Build finds
// only the texts of the Builds before it, never its own; a Shared is safe
// for concurrent use, and the indexes are the same bytes with it as
// without.
type Shared struct {
	mu    sync.Mutex
	texts map[memo.Sum]*sharedText // by textKey
}

// NewShared returns an empty Shared.
func NewShared() *Shared { return &Shared{texts: map[memo.Sum]*sharedText{}} }

// sharedText is the analysis of a document's text fields, textFields.
type sharedText struct {
	uses int         // the Builds still to read it: guarded by Shared.mu
	voc  *vocabulary // the words that enc numbers, of the analyzer that read it
	// enc holds its distinct words, in the order of dt.terms, each as its
	// number in voc (a uvarint) then its count: one byte, the index in
	// textFields of the one field it is in (top two bits) and its count
	// there (1 to maxPacked), or a 0 byte then its count in each of
	// textFields (uvarints). About 3 bytes a word.
	enc   []byte
	lens  [len(textFields)]int
	forms []termForm // terms index the words of enc
	name  string     // of the document's text file (textName)
}

// textFields are the fields of a document that Shared keeps: those that
// are the same in every index that has the document. Build reads them
// first, the others after.
var textFields = [...]int{fTitle, fLocation, fSummary, fBody}

// A packed count: the index in textFields of the one field a word is in,
// in the top two bits, and its count there, 1 to maxPacked.
const (
	packShift = 6
	maxPacked = 1<<packShift - 1
)

// textKey is a digest of the fields of d that a sharedText holds, and of
// the size excerpts are cut to, which its name depends on.
func textKey(d *Doc, textBytes int) memo.Sum {
	var h memo.Digest
	h.Int(textBytes)
	h.String(d.Title)
	h.String(d.Location)
	h.String(d.Summary)
	h.String(d.Body)
	return h.Sum()
}

// take returns the text of key that an earlier Build kept, or nil, and
// counts one use of it.
func (s *Shared) take(key memo.Sum) *sharedText {
	s.mu.Lock()
	defer s.mu.Unlock()
	t := s.texts[key]
	if t != nil {
		if t.uses--; t.uses <= 0 {
			delete(s.texts, key)
		}
	}
	return t
}

// keptText is a text a Build keeps, under its key.
type keptText struct {
	key  memo.Sum
	text *sharedText
}

// add keeps the texts of a Build, for the Builds after it.
func (s *Shared) add(kept []keptText) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, k := range kept {
		if t := s.texts[k.key]; t != nil {
			// Two documents of one Build with the same text.
			t.uses += k.text.uses
			continue
		}
		s.texts[k.key] = k.text
	}
}

// keep returns the analysis of the document read so far, which holds
// only its textFields, for uses more Builds.
func (a *analyzer) keep(uses int) *sharedText {
	b := a.enc[:0]
	for k, tf := range a.dt.tf {
		b = binary.AppendUvarint(b, uint64(a.termIDs[k]))
		one, n := 0, 0
		for j, f := range textFields {
			if tf[f] > 0 {
				one, n = j, n+1
			}
		}
		if n == 1 && tf[textFields[one]] <= maxPacked {
			b = append(b, byte(one<<packShift)|byte(tf[textFields[one]]))
			continue
		}
		b = append(b, 0)
		for _, f := range textFields {
			b = binary.AppendUvarint(b, uint64(tf[f]))
		}
	}
	a.enc = b
	t := &sharedText{uses: uses, voc: a.voc, enc: slices.Clone(b)}
	for j, f := range textFields {
		t.lens[j] = a.dt.lens[f]
	}
	if len(a.dt.forms) > 0 {
		t.forms = slices.Clone(a.dt.forms)
	}
	return t
}

// load starts the document with the analysis of its text fields that an
// earlier Build kept, as reading them would.
func (a *analyzer) load(t *sharedText) {
	for b := t.enc; len(b) > 0; {
		id, n := binary.Uvarint(b)
		b = b[n:]
		w := t.voc.words[id]
		own, ok := a.ids[w]
		if !ok {
			own = a.intern(w)
		}
		i := a.term(own) // the words of a text are distinct: i is their index in enc
		if p := b[0]; p != 0 {
			a.dt.tf[i][textFields[p>>packShift]] = int32(p & maxPacked)
			b = b[1:]
			continue
		}
		b = b[1:]
		for _, f := range textFields {
			c, n := binary.Uvarint(b)
			a.dt.tf[i][f] = int32(c)
			b = b[n:]
		}
	}
	for j, f := range textFields {
		a.dt.lens[f] = t.lens[j]
	}
	if len(t.forms) > 0 && a.forms == nil {
		a.forms = map[int32]int{}
	}
	for _, f := range t.forms {
		a.forms[f.term] = len(a.dt.forms)
		a.dt.forms = append(a.dt.forms, f)
	}
}
