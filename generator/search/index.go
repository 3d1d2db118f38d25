package search

import (
	"bytes"
	"cmp"
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"math"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/iom-cso/archive/internal/memo"
	"golang.org/x/sync/errgroup"
)

// Doc is one searchable event.
type Doc struct {
	URL      string    // site path of the event's page
	Title    string    // weighs most, with Topics
	Date     time.Time // first day; documents are numbered oldest first
	DateText string    // the dates as readers see them: "4–5 August 2017"
	Location string    // weighs as much as Summary: readers look for places
	Region   string    // a key of Input.Regions
	Kind     string    // a key of Input.Kinds
	Topics   []string  // keywords, the topics' names; "-" separates words ("decent-work")
	// TopicKeys are the document's values of the topic facet: keys of
	// Input.Topics.
	TopicKeys []string
	Summary   string
	Body      string // plain text of the body, without markup
	Extra     string // more text worth finding that weighs little: organizers, names of region and kind
	// Lang is the document's language, a BCP 47 tag; "" is the index's
	// language. Its words are stemmed with that language's stemmer.
	Lang string
	// Shares is the number of the Builds after this one, with the same
	// Options.Shared, whose input has a document with the same Title,
	// Location, Summary and Body: Build keeps the analysis of that text
	// for them. A wrong count costs only time or memory: a text no
	// longer kept is read again, one kept too long is held until the
	// Shared is dropped.
	Shares int
}

// Facet is one value of the region, kind or topic facet.
type Facet struct {
	Key  string
	Name string
}

// Input is everything the index is built from.
type Input struct {
	Docs    []Doc
	Kinds   []Facet // in the site's order
	Regions []Facet // in the site's order
	Topics  []Facet // in the site's order; a document has any number of them
	// Language is the language of the index (a BCP 47 tag): that of the
	// pages that search it, and of its documents unless they say
	// otherwise. A query word takes its stem in this language when its
	// documents use it in this language.
	Language string
}

// Options tune the splitting of the index. The zero value gives the sizes
// the site uses.
type Options struct {
	// DictBytes is the size a dictionary shard grows to before a new one
	// starts (default 12 KB, about 4 KB with gzip).
	DictBytes int
	// PostingsBytes is the size a postings block grows to before a new one
	// starts (default 16 KB). A term's postings are never split.
	PostingsBytes int
	// DocsPerChunk is the number of documents per metadata chunk (default 16).
	DocsPerChunk int
	// NearBytes is the size a shard of the one-edit index grows to before
	// a new one starts (default 4 KB: a query word reads up to five shards,
	// for a few words each).
	NearBytes int
	// TextBytes caps the body text kept for excerpts (default 12 KB). The
	// whole body is indexed; only excerpts are cut.
	TextBytes int
	// Cache, when set, keeps the analysis of every document for the next
	// Build, which then re-reads only the documents that changed.
	Cache *Cache
	// Shared, when set, carries the analysis of documents' text from one
	// Build to the next (see Shared and Doc.Shares).
	Shared *Shared
	// Claim, when set, is asked once for each text file the index refers
	// to, by name, and returns false when the file is already published:
	// the indexes of a site's languages share their text folder, and a
	// document without a translation has the same text in each. Build
	// then leaves the file out of Index.Texts rather than encode it again.
	// Nil: Index.Texts holds every text file the index refers to.
	Claim func(name string) bool
}

// Cache carries the analysis of documents from one Build to the next (the
// preview server rebuilds after every edit). It is safe for concurrent use;
// entries of documents absent from a Build are dropped at its end.
type Cache struct {
	docs  memo.Table[memo.Sum, *analysis] // by docKey
	stems stemCache
}

// NewCache returns an empty Cache.
func NewCache() *Cache { return &Cache{} }

// analysis is what Build derives from one document alone.
type analysis struct {
	terms docTerms
	name  string // of its text file, without ".json": textName
	text  []byte // the text file, or nil until writeDocs encodes it
}

func (o *Options) defaults() {
	if o.DictBytes <= 0 {
		o.DictBytes = 12 << 10
	}
	if o.PostingsBytes <= 0 {
		o.PostingsBytes = 16 << 10
	}
	if o.DocsPerChunk <= 0 {
		o.DocsPerChunk = 16
	}
	if o.NearBytes <= 0 {
		o.NearBytes = 4 << 10
	}
	if o.TextBytes <= 0 {
		o.TextBytes = 12 << 10
	}
}

// Index is a built index: the files of one folder, named relative to it.
type Index struct {
	// Version is a short hash of every file. The site publishes the index
	// under a folder named after it, so that a reader's browser never mixes
	// the files of two builds.
	Version string
	// Files maps names such as "meta.json" or "dict/0.json" to their bytes.
	Files map[string][]byte
	// Texts maps the names of the text files the index's documents refer
	// to ("<digest>.json", see textName) to their bytes, those that
	// Options.Claim gave this index. The site publishes them in one folder
	// beside the folders of its indexes, TextFolder from each.
	Texts map[string][]byte
	// Docs, Terms and Postings count documents, distinct words and
	// (word, document) pairs; Stems counts the stems shared by two words
	// or more, which have postings of their own.
	Docs, Terms, Postings, Stems int
}

// The fields of a document and how much a word found in each weighs
// (BM25F): title and topics more than location and summary, those more
// than the body.
const (
	fTitle = iota
	fTopics
	fLocation
	fSummary
	fBody
	fExtra
	nFields
)

var (
	fieldWeight = [nFields]float64{3, 3, 2, 2, 1, 0.5}
	// fieldB is BM25's length normalization per field: less for short fields.
	fieldB = [nFields]float64{0.5, 0.5, 0.5, 0.75, 0.75, 0.5}
)

const bm25K1 = 1.2

// maxImpact is the largest quantized impact; impacts are 1..maxImpact so
// that each takes one character of the postings alphabet.
const maxImpact = 63

// Build builds the index of in. It returns ctx.Err() as soon as it sees ctx
// cancelled, between documents, leaving opts.Cache fit for the next Build.
func Build(ctx context.Context, in Input, opts Options) (*Index, error) {
	opts.defaults()
	docs := make([]*Doc, len(in.Docs))
	for i := range in.Docs {
		docs[i] = &in.Docs[i]
	}
	slices.SortStableFunc(docs, func(a, b *Doc) int {
		return cmp.Or(a.Date.Compare(b.Date), strings.Compare(a.URL, b.URL))
	})
	m := &meta{Version: formatVersion, N: len(docs), Chunk: opts.DocsPerChunk,
		Kinds: facetPairs(in.Kinds), Regions: facetPairs(in.Regions), Topics: facetPairs(in.Topics),
		Year: make([]int, len(docs)), Region: make([]int, len(docs)), Kind: make([]int, len(docs)), Topic: make([][]int, len(docs)),
		Prefix: MinPrefix, Expand: MaxExpansions, Long: LongPrefix, Page: PageSize, Fuzzy: MinFuzzy, Word: MaxWordLen,
		Weights: [4]int{WeightExact, WeightPrefix, WeightStem, WeightEdit}}
	kindIdx, regIdx, topicIdx := facetIndex(in.Kinds), facetIndex(in.Regions), facetIndex(in.Topics)
	yearIdx := map[int]int{}
	for _, d := range docs {
		y := d.Date.Year()
		if _, ok := yearIdx[y]; !ok {
			yearIdx[y] = len(m.Years)
			m.Years = append(m.Years, y)
		}
	}
	for i, d := range docs {
		k, ok := kindIdx[d.Kind]
		if !ok {
			return nil, fmt.Errorf("search: %s: unknown kind %q", d.URL, d.Kind)
		}
		r, ok := regIdx[d.Region]
		if !ok {
			return nil, fmt.Errorf("search: %s: unknown region %q", d.URL, d.Region)
		}
		m.Year[i], m.Region[i], m.Kind[i] = yearIdx[d.Date.Year()], r, k
		m.Topic[i] = []int{}
		for _, key := range d.TopicKeys {
			t, ok := topicIdx[key]
			if !ok {
				return nil, fmt.Errorf("search: %s: unknown topic %q", d.URL, key)
			}
			if !slices.Contains(m.Topic[i], t) {
				m.Topic[i] = append(m.Topic[i], t)
			}
		}
	}

	langs, langOf := docLangs(in.Language, docs)
	analyzed, err := analyze(ctx, docs, opts)
	if err != nil {
		return nil, err
	}
	terms := impacts(ctx, analyzed, langOf)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if opts.Cache == nil {
		// The words of each document are in the postings now; only a
		// Cache keeps them, for the next build.
		for _, a := range analyzed {
			a.terms = docTerms{}
		}
	}
	var sc *stemCache
	if opts.Cache != nil {
		sc = &opts.Cache.stems
	}
	groups := stemGroups(ctx, terms, langs, sc, len(docs))
	if err := ctx.Err(); err != nil {
		return nil, err
	}

	idx := &Index{Files: map[string][]byte{}, Texts: map[string][]byte{}, Docs: len(docs), Terms: len(terms), Stems: len(groups)}
	for _, t := range terms {
		idx.Postings += t.df
	}
	writeTerms(idx, m, terms, groups, opts, len(docs))
	writeNear(idx, m, terms, opts)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	writeDocs(idx, docs, analyzed, in.Language, opts)
	idx.Files["meta.json"] = marshal(m)

	names := make([]string, 0, len(idx.Files))
	for name := range idx.Files {
		names = append(names, name)
	}
	slices.Sort(names)
	h := sha256.New()
	for _, name := range names {
		fmt.Fprintf(h, "%s\x00%d\x00", name, len(idx.Files[name]))
		h.Write(idx.Files[name])
	}
	idx.Version = hex.EncodeToString(h.Sum(nil))[:10]
	return idx, nil
}

// formatVersion changes whenever the files change shape; query.js checks it.
const formatVersion = 5

// TextFolder is the folder of the text files (Index.Texts) relative to an
// index's folder: its sibling, shared by the indexes of every language of
// a site. A Searcher fetches a text file by the name TextFolder +
// "<digest>.json", which a URL resolves against the index's folder as the
// page does.
const TextFolder = "../text/"

// File returns a file of the index by the name a Searcher fetches it by:
// one of Files, or TextFolder and one of Texts.
func (idx *Index) File(name string) ([]byte, bool) {
	if t, ok := strings.CutPrefix(name, TextFolder); ok {
		data, ok := idx.Texts[t]
		return data, ok
	}
	data, ok := idx.Files[name]
	return data, ok
}

// meta is meta.json: what the search page loads before the first keystroke.
type meta struct {
	Version int         `json:"v"`
	N       int         `json:"n"`     // number of documents
	Chunk   int         `json:"chunk"` // documents per docs/<k>.json
	Kinds   [][2]string `json:"kinds"` // [key, name], in the site's order
	Regions [][2]string `json:"regions"`
	Topics  [][2]string `json:"topics"`
	Years   []int       `json:"years"` // ascending
	Dict    []string    `json:"dict"`  // the first term of each dictionary shard
	Near    []string    `json:"near"`  // the first key of each shard of the one-edit index
	Year    []int       `json:"y"`     // per document: index into Years
	Region  []int       `json:"r"`     // per document: index into Regions
	Kind    []int       `json:"k"`     // per document: index into Kinds
	Topic   [][]int     `json:"t"`     // per document: indexes into Topics, any number
	// The query rules, so that search.js and Searcher share one copy.
	Prefix int `json:"prefix"` // MinPrefix
	Expand int `json:"expand"` // MaxExpansions
	Long   int `json:"long"`   // LongPrefix
	Page   int `json:"page"`   // PageSize
	Fuzzy  int `json:"fuzzy"`  // MinFuzzy
	Word   int `json:"word"`   // MaxWordLen
	// Weights of a match by tier: exact, prefix, stem, one edit.
	Weights [4]int `json:"weights"`
}

func facetPairs(fs []Facet) [][2]string {
	out := make([][2]string, len(fs))
	for i, f := range fs {
		out[i] = [2]string{f.Key, f.Name}
	}
	return out
}

func facetIndex(fs []Facet) map[string]int {
	m := make(map[string]int, len(fs))
	for i, f := range fs {
		m[f.Key] = i
	}
	return m
}

// docTerms is one document after analysis: its words with their count in
// each field, the length of each field in words, and the spellings of the
// words written otherwise than as the index stores them.
type docTerms struct {
	terms []string
	tf    [][nFields]int32
	lens  [nFields]int
	forms []termForm // by term, increasing
}

// termForm is the spelling of terms[term] in a document (see
// wordScanner): of its spellings there, the first in JavaScript order.
type termForm struct {
	term int32
	form string
}

// analyze tokenizes every document, in parallel, reusing the cache. It
// stops between documents when ctx is cancelled; the cache then keeps the
// documents analyzed so far, and those it had.
func analyze(ctx context.Context, docs []*Doc, opts Options) ([]*analysis, error) {
	out := make([]*analysis, len(docs))
	c := opts.Cache
	if c != nil {
		c.docs.Begin()
	}
	next := make(chan int, len(docs))
	for i := range docs {
		next <- i
	}
	close(next)
	sh := opts.Shared
	workers := max(1, min(runtime.GOMAXPROCS(0), len(docs)))
	kept := make([][]keptText, workers) // by worker: the texts for sh
	var g errgroup.Group
	for w := range workers {
		g.Go(func() error {
			a := newAnalyzer()
			for i := range next {
				if ctx.Err() != nil {
					return nil
				}
				d := docs[i]
				var key memo.Sum
				if c != nil {
					key = docKey(d, opts.TextBytes)
					if out[i], _ = c.docs.Get(key); out[i] != nil {
						continue
					}
				}
				var text *sharedText
				var tkey memo.Sum
				shares := 0
				if sh != nil {
					tkey = textKey(d, opts.TextBytes)
					if text = sh.take(tkey); text == nil {
						shares = d.Shares
					}
				}
				terms, keep := a.read(d, text, shares)
				var name string
				if text != nil {
					name = text.name
				} else {
					name = textName(d.Summary, cut(d.Body, opts.TextBytes), &a.buf)
				}
				if keep != nil {
					keep.name = name
					kept[w] = append(kept[w], keptText{tkey, keep})
				}
				out[i] = &analysis{terms: terms, name: name}
				if c != nil {
					// Cached, it must be complete: writeDocs does not
					// write to what another Build may read.
					out[i].text = textFile(d.Summary, cut(d.Body, opts.TextBytes))
					c.docs.Put(key, out[i])
				}
			}
			return nil
		})
	}
	g.Wait()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if sh != nil {
		// Only now, for no document of this Build to read what another
		// is still writing (the analyzers' vocabularies).
		for _, k := range kept {
			sh.add(k)
		}
	}
	if c != nil {
		c.docs.End()
	}
	return out, nil
}

// docKey is a digest of everything analyze reads from d.
func docKey(d *Doc, textBytes int) memo.Sum {
	var h memo.Digest
	h.Int(textBytes)
	h.Int(d.Date.Year())
	h.String(d.Title)
	h.String(d.Location)
	h.String(d.Summary)
	h.String(d.Body)
	h.String(d.Extra)
	h.Int(len(d.Topics))
	for _, t := range d.Topics {
		h.String(t)
	}
	return h.Sum()
}

// analyzer tokenizes documents, reusing its buffers from one to the next.
type analyzer struct {
	scan wordScanner
	// ids numbers every distinct word of all the documents the analyzer
	// reads, and voc holds each as one string: the same word in
	// thousands of documents is one string, not thousands (most of an
	// index's working memory), and one map lookup per word read finds
	// both the string and, through seen and at, the word's place in the
	// document being read.
	ids   map[string]int32
	voc   *vocabulary
	seen  []uint32      // by id: the number of the last document that has it, from 1
	at    []int32       // by id: its index in dt.terms, when seen is doc
	doc   uint32        // the number of the document being read, from 1
	forms map[int32]int // term → index in dt.forms
	// dt is the document being read, in buffers kept from one to the
	// next: read copies them out at their final size; termIDs are the
	// ids of its terms.
	dt      docTerms
	termIDs []int32
	field   int
	buf     []byte // for textName
	enc     []byte // for keep
}

// vocabulary is the words an analyzer numbered, by id. A Shared text
// refers to them, after the analyzer's Build.
type vocabulary struct{ words []string }

func newAnalyzer() *analyzer {
	return &analyzer{ids: map[string]int32{}, voc: &vocabulary{}}
}

// read analyzes d. With a Shared text of d (in), it reads only d's other
// fields; with shares > 0, it returns the analysis of d's text for
// Options.Shared too, to be kept for as many other indexes.
func (a *analyzer) read(d *Doc, in *sharedText, shares int) (docTerms, *sharedText) {
	a.begin()
	var out *sharedText
	if in != nil {
		a.load(in)
	} else {
		a.add(fTitle, d.Title)
		a.add(fLocation, d.Location)
		a.add(fSummary, d.Summary)
		a.add(fBody, d.Body)
		if shares > 0 {
			out = a.keep(shares)
		}
	}
	for _, t := range d.Topics {
		a.add(fTopics, t)
	}
	a.add(fExtra, d.Extra)
	a.add(fExtra, strconv.Itoa(d.Date.Year()))
	if len(a.dt.forms) > 1 {
		slices.SortFunc(a.dt.forms, func(x, y termForm) int { return cmp.Compare(x.term, y.term) })
	}
	dt := docTerms{lens: a.dt.lens}
	if len(a.dt.terms) > handOver {
		// A document of many words takes the buffers rather than a
		// copy, as large as they are: the next grows its own.
		dt.terms, dt.tf, a.dt.terms, a.dt.tf = a.dt.terms, a.dt.tf, nil, nil
	} else {
		dt.terms, dt.tf = slices.Clone(a.dt.terms), slices.Clone(a.dt.tf)
	}
	if len(a.dt.forms) > 0 {
		dt.forms = slices.Clone(a.dt.forms)
	}
	return dt, out
}

// handOver is the number of distinct words past which a document keeps
// the analyzer's buffers (read): many times a long record's.
const handOver = 4096

// begin starts a document.
func (a *analyzer) begin() {
	a.doc++
	clear(a.forms)
	a.dt.terms, a.dt.tf, a.dt.lens, a.dt.forms = a.dt.terms[:0], a.dt.tf[:0], [nFields]int{}, a.dt.forms[:0]
	a.termIDs = a.termIDs[:0]
}

func (a *analyzer) add(f int, text string) {
	a.field = f
	a.scan.scan(text, a.token)
}

func (a *analyzer) token(tok, spell []byte) {
	id, ok := a.ids[string(tok)] // no allocation for the lookup
	if !ok {
		id = a.intern(string(tok))
	}
	i := a.term(id)
	a.dt.tf[i][a.field]++
	a.dt.lens[a.field]++
	if spell != nil {
		a.spelled(i, spell)
	}
}

// intern numbers the new word s.
func (a *analyzer) intern(s string) int32 {
	id := int32(len(a.voc.words))
	a.ids[s] = id
	a.voc.words = append(a.voc.words, s)
	a.seen = append(a.seen, 0)
	a.at = append(a.at, 0)
	return id
}

// term returns the index in the document of the word id, adding it.
func (a *analyzer) term(id int32) int32 {
	if a.seen[id] != a.doc {
		a.seen[id] = a.doc
		a.at[id] = int32(len(a.dt.terms))
		a.dt.terms = append(a.dt.terms, a.voc.words[id])
		a.dt.tf = append(a.dt.tf, [nFields]int32{})
		a.termIDs = append(a.termIDs, id)
	}
	return a.at[id]
}

// spelled notes that the document writes its term i as spell, which
// keeps the first of its spellings in JavaScript order.
func (a *analyzer) spelled(i int32, spell []byte) {
	if a.forms == nil {
		a.forms = map[int32]int{}
	}
	if k, ok := a.forms[i]; !ok {
		a.forms[i] = len(a.dt.forms)
		a.dt.forms = append(a.dt.forms, termForm{i, string(spell)})
	} else if string(spell) != a.dt.forms[k].form && jsLess(string(spell), a.dt.forms[k].form) {
		a.dt.forms[k].form = string(spell)
	}
}

// term is one distinct word with its encoded postings.
// chunkTerm is a word's postings within one run of documents: its first
// posting apart, because its gap depends on the run before.
type chunkTerm struct {
	first, firstQ int
	rest          []byte
	last, df      int
	spellings
}

type term struct {
	text     string
	df       int
	postings []byte
	last     int // last document added
	spellings
	idf   int
	block int    // the postings block
	group *group // the word's stem, when other words share it
}

// spellings are the languages a word is used in, and its spelling in each
// where it is written otherwise than as the index stores it.
type spellings struct {
	langs uint64 // a bit per index of the index's languages (see docLangs)
	forms []langForm
}

type langForm struct {
	lang uint8
	form string
}

func (s *spellings) add(lang uint8, form string) {
	s.langs |= 1 << lang
	if form != "" {
		s.addForm(lang, form)
	}
}

func (s *spellings) addForm(lang uint8, form string) {
	for i := range s.forms {
		if s.forms[i].lang == lang {
			if form != s.forms[i].form && jsLess(form, s.forms[i].form) {
				s.forms[i].form = form
			}
			return
		}
	}
	s.forms = append(s.forms, langForm{lang, form})
}

func (s *spellings) merge(o *spellings) {
	s.langs |= o.langs
	for _, f := range o.forms {
		s.addForm(f.lang, f.form)
	}
}

// form returns the spelling of word in language lang.
func (s *spellings) form(lang uint8, word string) string {
	for _, f := range s.forms {
		if f.lang == lang {
			return f.form
		}
	}
	return word
}

// impacts computes every (word, document) impact with BM25F and returns the
// words sorted in the order JavaScript compares strings.
//
// A word's impact in a document is BM25's saturated term frequency, over
// the fields' weighted and length-normalized frequencies, scaled to
// 1..maxImpact. The client multiplies it by the word's inverse document
// frequency, also quantized; summing integers keeps Go and JavaScript in
// exact agreement.
//
// When ctx is cancelled it returns early, with terms the caller discards.
func impacts(ctx context.Context, analyzed []*analysis, langOf []uint8) []*term {
	docs := make([]*docTerms, len(analyzed))
	for i, a := range analyzed {
		docs[i] = &a.terms
	}
	// A field's average length is over the documents that have it, so
	// that a field most documents leave empty (topics) is not penalized
	// where it is present.
	var avg [nFields]float64
	var have [nFields]int
	for _, d := range docs {
		for f := range nFields {
			if d.lens[f] > 0 {
				avg[f] += float64(d.lens[f])
				have[f]++
			}
		}
	}
	for f := range nFields {
		if have[f] > 0 {
			avg[f] /= float64(have[f])
		}
	}
	// The documents are split into one contiguous run per CPU; each run
	// encodes its own postings, and the runs are joined in order by
	// re-encoding only the first gap of each, so the bytes are those of a
	// single pass. This is most of a warm rebuild's search time, since an
	// edit changes the averages and with them every impact.
	type run struct {
		byText map[string]*chunkTerm
	}
	workers := max(1, min(runtime.GOMAXPROCS(0), len(docs)/256))
	runs := make([]run, workers)
	var g errgroup.Group
	for w := range workers {
		lo, hi := w*len(docs)/workers, (w+1)*len(docs)/workers
		g.Go(func() error {
			byText := map[string]*chunkTerm{}
			for id := lo; id < hi; id++ {
				if (id-lo)%64 == 0 && ctx.Err() != nil {
					return nil
				}
				d := docs[id]
				var norm [nFields]float64
				for f := range nFields {
					norm[f] = 1
					if avg[f] > 0 {
						norm[f] = 1 - fieldB[f] + fieldB[f]*float64(d.lens[f])/avg[f]
					}
				}
				lang := langOf[id]
				forms := d.forms
				for i, text := range d.terms {
					form := ""
					if len(forms) > 0 && forms[0].term == int32(i) {
						form, forms = forms[0].form, forms[1:]
					}
					var w float64
					for f, n := range d.tf[i] {
						if n > 0 {
							w += fieldWeight[f] * float64(n) / norm[f]
						}
					}
					sat := w / (w + bm25K1) // BM25's tf·(k1+1)/(tf+k1), divided by k1+1
					q := min(maxImpact, max(1, int(math.Round(sat*maxImpact))))
					t := byText[text]
					if t == nil {
						t = &chunkTerm{first: id, firstQ: q, last: id, df: 1}
						t.add(lang, form)
						byText[text] = t
						continue
					}
					t.rest = appendPosting(t.rest, id-t.last-1, q)
					t.last = id
					t.df++
					if form != "" || t.langs&(1<<lang) == 0 {
						t.add(lang, form)
					}
				}
			}
			runs[w] = run{byText}
			return nil
		})
	}
	g.Wait()
	byText := make(map[string]*term, len(runs[0].byText))
	for _, r := range runs {
		for text, c := range r.byText {
			t := byText[text]
			if t == nil {
				t = &term{text: text, last: -1}
				byText[text] = t
			}
			t.postings = appendPosting(t.postings, c.first-t.last-1, c.firstQ)
			t.postings = append(t.postings, c.rest...)
			t.last = c.last
			t.df += c.df
			t.merge(&c.spellings)
		}
	}
	terms := make([]*term, 0, len(byText))
	for _, t := range byText {
		terms = append(terms, t)
	}
	slices.SortFunc(terms, func(a, b *term) int { return jsCompare(a.text, b.text) })
	return terms
}

// idf is the quantized inverse document frequency of a word found in df of
// n documents: BM25's ln(1 + (n − df + ½)/(df + ½)), times 100, at least 1.
func idf(n, df int) int {
	v := math.Log(1 + (float64(n)-float64(df)+0.5)/(float64(df)+0.5))
	return max(1, int(math.Round(100*v)))
}

// writeTerms writes the dictionary shards and the postings blocks.
//
// Both split the sorted list of words into consecutive runs, so the words
// that share a prefix sit together: a prefix query reads one or two
// dictionary shards, then only the postings blocks of the words it keeps.
// The postings of stem groups sit among those of the words, under their
// keys, so a group and its words are usually in one block.
func writeTerms(idx *Index, m *meta, terms []*term, groups []*group, opts Options, n int) {
	// Postings blocks: {"word": "postings", "stem ": ["postings", "word", ...], ...}.
	var cur bytes.Buffer
	nblock, size := 0, 0
	flushBlock := func() {
		if cur.Len() == 0 {
			return
		}
		cur.WriteByte('}')
		idx.Files["post/"+strconv.Itoa(nblock)+".json"] = append([]byte(nil), cur.Bytes()...)
		cur.Reset()
		nblock++
		size = 0
	}
	add := func(key string, postings []byte, words []*term) {
		entry := len(key) + len(postings) + 6
		for _, t := range words {
			entry += len(t.text) + 3
		}
		if size > 0 && size+entry > opts.PostingsBytes {
			flushBlock()
		}
		if cur.Len() == 0 {
			cur.WriteByte('{')
		} else {
			cur.WriteByte(',')
		}
		cur.Write(marshal(key))
		cur.WriteByte(':')
		if words != nil {
			cur.WriteByte('[')
		}
		cur.WriteByte('"')
		cur.Write(postings) // the postings alphabet needs no escaping
		cur.WriteByte('"')
		if words != nil {
			for _, t := range words {
				cur.WriteByte(',')
				cur.Write(marshal(t.text))
			}
			cur.WriteByte(']')
		}
		size += entry
	}
	for i, gi := 0, 0; i < len(terms) || gi < len(groups); {
		if gi < len(groups) && (i == len(terms) || jsLess(groups[gi].key, terms[i].text)) {
			g := groups[gi]
			add(g.key, g.postings, g.words)
			g.block = nblock
			gi++
			continue
		}
		t := terms[i]
		add(t.text, t.postings, nil)
		t.block = nblock
		i++
	}
	flushBlock()

	// Dictionary shards: {"w": [word, idf, block, group, ...], "g": [stem,
	// idf, block, ...]}, a word's group numbering the shard's groups from 1.
	nshard := 0
	size = 0
	var words, gs bytes.Buffer
	inShard := map[*group]int{}
	flushShard := func() {
		if words.Len() == 0 {
			return
		}
		var b bytes.Buffer
		b.WriteString(`{"w":[`)
		b.Write(words.Bytes())
		b.WriteString(`],"g":[`)
		b.Write(gs.Bytes())
		b.WriteString(`]}`)
		idx.Files["dict/"+strconv.Itoa(nshard)+".json"] = b.Bytes()
		words.Reset()
		gs.Reset()
		clear(inShard)
		nshard++
		size = 0
	}
	for _, t := range terms {
		t.idf = idf(n, t.df)
		entry := len(t.text) + 14
		if t.group != nil && inShard[t.group] == 0 {
			entry += len(t.group.stem) + 12
		}
		if size > 0 && size+entry > opts.DictBytes {
			flushShard()
		}
		if words.Len() == 0 {
			m.Dict = append(m.Dict, t.text)
		} else {
			words.WriteByte(',')
		}
		g := 0
		if t.group != nil {
			g = inShard[t.group]
			if g == 0 {
				if gs.Len() > 0 {
					gs.WriteByte(',')
				}
				gs.Write(marshal(t.group.stem))
				fmt.Fprintf(&gs, ",%d,%d", t.group.idf, t.group.block)
				g = len(inShard) + 1
				inShard[t.group] = g
			}
		}
		words.Write(marshal(t.text))
		fmt.Fprintf(&words, ",%d,%d,%d", t.idf, t.block, g)
		size += entry
	}
	flushShard()
	if m.Dict == nil {
		m.Dict = []string{}
	}
}

// writeDocs writes the metadata chunks, each document's with the name of
// its text file, and the text files Options.Claim gives the index. A
// document in another language than the index's (lang) has that language
// as a seventh field, for the page to mark its title and text with; the
// others have six, so that an index all in its own language pays nothing.
func writeDocs(idx *Index, docs []*Doc, analyzed []*analysis, lang string, opts Options) {
	for start := 0; start < len(docs); start += opts.DocsPerChunk {
		end := min(len(docs), start+opts.DocsPerChunk)
		chunk := make([][]string, 0, end-start)
		for i, d := range docs[start:end] {
			e := []string{d.URL, d.Title, d.Date.Format("2006-01-02"), d.DateText, d.Location, analyzed[start+i].name}
			if d.Lang != "" && d.Lang != lang {
				e = append(e, d.Lang)
			}
			chunk = append(chunk, e)
		}
		idx.Files["docs/"+strconv.Itoa(start/opts.DocsPerChunk)+".json"] = marshal(chunk)
	}
	for i, a := range analyzed {
		name := a.name + ".json"
		if _, ok := idx.Texts[name]; ok || opts.Claim != nil && !opts.Claim(name) {
			continue
		}
		data := a.text
		if data == nil {
			d := docs[i]
			data = textFile(d.Summary, cut(d.Body, opts.TextBytes))
		}
		idx.Texts[name] = data
	}
}

// textFile is the text file of a document: [summary, body text], the body
// cut to Options.TextBytes, for excerpts.
func textFile(summary, body string) []byte { return marshal([2]string{summary, body}) }

// textName names the text file of summary and body by a digest of them:
// the same text has the same name in every index of a site and in every
// build, so the indexes of a site's languages share the file of a document
// that is not translated, and a reader's browser keeps it across builds.
// 128 bits of SHA-256, in hexadecimal: no two texts share a name by
// chance, and a name holds nothing but [0-9a-f], whatever the content.
// The format's version is in the digest, for a new shape of the file to
// have new names. buf is scratch space, kept by the caller.
func textName(summary, body string, buf *[]byte) string {
	b := binary.BigEndian.AppendUint64((*buf)[:0], uint64(formatVersion))
	b = binary.BigEndian.AppendUint64(b, uint64(len(summary)))
	b = append(append(b, summary...), body...)
	sum := sha256.Sum256(b)
	*buf = b
	return hex.EncodeToString(sum[:16])
}

// cut shortens s to at most n bytes, at a space when there is one.
func cut(s string, n int) string {
	if len(s) <= n {
		return s
	}
	i := n
	for i > 0 && !utf8.RuneStart(s[i]) {
		i--
	}
	if j := strings.LastIndexByte(s[:i], ' '); j > n/2 {
		i = j
	}
	return s[:i]
}

// marshal encodes v as compact JSON. Its strings escape <, > and & (as
// \u003c...), so that no markup from content appears as such in any file
// of the site, even one that a misconfigured server would serve as HTML.
func marshal(v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err) // only strings, ints and slices of them
	}
	return b
}

// jsLess reports whether a sorts before b in JavaScript's string order,
// which compares UTF-16 code units: code points above U+FFFF (surrogate
// pairs) sort after U+D7FF and before U+E000.
func jsLess(a, b string) bool { return jsCompare(a, b) < 0 }

// jsCompare is jsLess as a three-way comparison, for slices.SortFunc.
func jsCompare(a, b string) int {
	for a != "" && b != "" {
		ra, na := utf8.DecodeRuneInString(a)
		rb, nb := utf8.DecodeRuneInString(b)
		if ra != rb {
			return cmp.Compare(utf16Weight(ra), utf16Weight(rb))
		}
		a, b = a[na:], b[nb:]
	}
	return cmp.Compare(len(a), len(b))
}

func utf16Weight(r rune) rune {
	switch {
	case r >= 0x10000:
		return 0xD800 + (r - 0x10000)
	case r >= 0xE000:
		return r + 0x100000
	}
	return r
}
