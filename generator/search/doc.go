// Package search builds the archive's search index: static files written at
// build time and read by the theme's assets/js/search.js in the reader's
// browser, with no server. The index is split so that a query downloads
// only the few files it needs, whatever the size of the archive.
//
// # Normalization and words
//
// One specification, applied by Normalize and Tokens here and by the same
// functions of search.js; testdata/normalize.json is the table of cases both
// are tested against. Each code point of a text is, in turn:
//
//  1. decomposed for compatibility (Unicode NFKD): "é" → "e" + U+0301,
//     "ﬁ" → "fi", "²" → "2", full-width "Ｉ" → "I";
//  2. stripped of combining marks (general category M);
//  3. lowercased (the simple case mapping);
//  4. spelled out if it is one of ß æ œ ø đ ð ħ ł ŧ þ ı ς, letters that do
//     not decompose (ß → ss, œ → oe, ł → l, ς → σ), or dropped if it is
//     the soft hyphen U+00AD.
//
// Words are then the maximal runs of letters and digits (categories L and
// N); everything else separates words. So "Genève", "GENEVE" and "geneve"
// are one word, "Réfugiés" is found by "refugies", "follow-up" is two words.
// Stripping marks suits English, French and Spanish (ñ becomes n); scripts
// whose vowels are combining marks (Devanagari, Thai) lose them, which a
// future language may want to revisit on both sides at once.
//
// # Queries
//
// Parse splits a query into words. The last word is open, a prefix, while
// the reader is still typing it (the text does not end with a space or
// punctuation) and has at least MinPrefix code points; it stands for
// itself and for the MaxExpansions most common words that start with it
// (half as many while it is shorter than LongPrefix).
// Every other word must match exactly, and a document must match every word.
//
// Ranking is BM25F: a word weighs 3 in the title and the topics, 2 in the
// location and the summary, 1 in the body and ½ in organizers, region and
// series names. Build stores each (word, document) impact, BM25's saturated
// weighted term frequency, as an integer 1..63, and each word's inverse
// document frequency times 100, rounded. A document's score sums, over the
// query words, 2 × idf × impact for an exact match, plus, for the open
// word, the smallest idf of the words it stands for times the best impact
// among them (the variants of a prefix score as one word, so a rare variant
// does not outweigh a strong match of a common one). All of it is integer
// arithmetic, so Go and JavaScript agree exactly. Results are ordered by
// whether the open word matched exactly (exact words above prefix
// matches), then by score, then newest first. Searcher is the reference
// implementation of these rules; the browser test checks that search.js
// orders results as it does.
//
// Facets (year, region, kind) filter the results; the count shown for each
// value is the number of matches with that value under the other facets'
// filters, so the counts follow the query.
//
// # Files
//
// The index is one folder; the site publishes it as
// /assets/search/<Version>/, where, like every fingerprinted asset, it can
// be cached for good: a change of any file changes the folder's name.
// Every file is JSON, written deterministically: the same input gives the
// same bytes.
//
//	meta.json        loaded with the page: {"v": format, "n": documents,
//	                 "chunk": documents per docs file, "kinds"/"regions":
//	                 [[key, name]...], "years": [...] ascending,
//	                 "dict": the first word of each dictionary shard,
//	                 "y"/"r"/"k": per document, its year, region and kind
//	                 as indexes into those lists, "prefix", "expand",
//	                 "long", "page": the query rules}
//	dict/<i>.json    a dictionary shard: a flat array [word, idf, block,
//	                 ...] of consecutive words in JavaScript string order
//	post/<b>.json    a postings block: {"word": postings, ...} for
//	                 consecutive words
//	docs/<k>.json    metadata of documents k·chunk to (k+1)·chunk−1:
//	                 [[url, title, "2006-01-02", dates as read, location]...]
//	text/<id>.json   [summary, body text] of one document, for excerpts
//
// Documents are numbered from 0, oldest first. A postings string lists the
// documents of a word in increasing order, each as the gap from the
// previous one in base-32 digits then its impact as one character (see
// appendPosting). Dictionary shards and postings blocks both cut the sorted
// word list into runs of about Options.DictBytes and Options.PostingsBytes,
// so the words sharing a prefix sit in one or two files: a one-word query
// fetches meta.json, one dictionary shard, the postings blocks of its
// words, then the docs chunks and text files of the ten results it shows.
package search
