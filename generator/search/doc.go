// Package search builds the archive's search index: static files written at
// build time and read in the reader's browser, with no server, by the
// theme's search page: three JavaScript modules in assets/js/search/,
// normalize.js (the mirror of normalize.go), query.js (of query.go,
// fuzzy.go and postings.go) and ui.js (the page). The index is split so
// that a query downloads only the few files it needs, whatever the size
// of the archive.
//
// The two pure modules have unit tests run by node --test (jstest/, run
// by TestNode too) against the JSON tables of testdata/ that the Go tests
// read; the browser tests run the page in chromium against Searcher.
//
// # Normalization and words
//
// One specification, applied by Normalize and Tokens here and by the same
// functions of normalize.js; testdata/normalize.json is the table of cases both
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
// # Stems
//
// A reader who types "labours" or "reunions" wants the records that say
// "labour" or "réunion". Each document's words are stemmed with Snowball's
// algorithm for its language (Doc.Lang, else Input.Language): English,
// French and Spanish, by github.com/kljensen/snowball; a language without
// one keeps its words whole. The stemmer reads a word as written,
// lowercased and with its accents (the French and Spanish algorithms need
// them: "abandonnée" and "abandonner" share the stem "abandon" only so),
// words longer than MaxWordLen code points are left alone, and the stem
// is then normalized like any word. testdata/stem.json is the table of
// stems the Go tests check.
//
// Stems are resolved when the index is built, not in the browser. The
// dictionary already lists every word the documents use, normalized; it
// also names each word's stem, so the page looks the typed word up
// instead of stemming it. Stemming in the browser would need the three
// algorithms ported to JavaScript and kept in step with the Go ones, and
// would stem what the reader types, which usually lacks the accents those
// algorithms read (without them, a quarter of the accented French words
// of Snowball's test vocabulary stem otherwise, and a third of the
// Spanish ones). A word no document uses has no stem the index knows: it
// finds what it finds as a prefix and with one edit ("reunions" finds
// "réunion", one letter away), which also covers most plurals of the
// words the index has.
//
// A stem shared by two words or more is a group with postings of its
// own: every document that holds one of its words, with the largest of
// their impacts there. A word used in several languages takes a stem in
// each and belongs to each group; the dictionary names the group of its
// stem in the index's language when the word is used in it, else in the
// first of the others, in order. Groups are keyed by the stem as spelled,
// so languages meet where their stems do (French "abandonnée" and English
// "abandoned" both stem to "abandon"), and a query in another language
// than the index's finds, through its documents, the words it shares with
// them. A per-language index (one per language of the site) is the same
// Build with its own Input.Language; built one after another, the indexes
// of a site's languages read the text of a record without a translation
// once (Shared), and only its topics and names, which are in each
// index's language, again.
//
// # One edit
//
// A query word of MinFuzzy (5) to MaxWordLen (40) code points, all
// letters, also matches the words of the index one edit away: one code
// point inserted, deleted or replaced, or two neighbours swapped (the
// Damerau–Levenshtein distance, in its optimal-string-alignment form; a
// swap is the commonest typing slip, which plain Levenshtein would count
// twice). Shorter words have too many neighbours to tell a typo from
// another word; words with digits (years, session numbers) are never
// "almost" each other. A word being typed keeps the words that start with
// it for its prefix matches: its one-edit matches are the others.
//
// Finding those words reads a deletion index (near/ below) whose keys are
// the first four (MinFuzzy−1) code points of a word, and the first four
// left when one of its first five is deleted (deleting the fifth leaves
// the first four): up to five keys per word. Two words one edit apart
// always share a key: an edit after the fourth code point leaves the
// first four alike; one among them is undone by deleting the replaced or
// inserted code point from each word or from one, or the moved one from
// each (for a swap). A query word reads the shards of its own keys, the
// same from its fifth letter on while the reader types the rest, and
// keeps the words truly one edit away. Its MaxExpansions most common ones
// (lowest idf, then in term order) match.
//
// # Queries
//
// Parse splits a query into words. The last word is open, a prefix, while
// the reader is still typing it (the text does not end with a space or
// punctuation) and has at least MinPrefix code points; it stands for
// itself and for the MaxExpansions most common words that start with it
// (half as many while it is shorter than LongPrefix).
// Every other word must match exactly, by stem or with one edit, and a
// document must match every word.
//
// The page asks at every keystroke, and each answer may need files of its
// own: on a large vocabulary, the words one edit away from each prefix
// typed, and its variants, changed with every letter. So a query asked
// while the reader is typing its last word (Query.Typing) leaves that word
// without one-edit matches and has it stand for half as many words
// (TypingExpansions); when the reader pauses (400 ms) or submits, the
// page asks again in full, as it does for a query in the address. That
// answer holds every result shown while typing and may add some: the
// words one edit away (the last tier) and rarer variants of the prefix.
// Searches of static files such as Pagefind wait for the pause before
// they search at all; the page shows results from the first letters and
// completes them at the pause. A word followed by a space is complete and
// matches in full at once.
//
// Ranking is BM25F: a word weighs 3 in the title and the topics, 2 in the
// location and the summary, 1 in the body and ½ in organizers, region and
// series names. Build stores each (word, document) impact, BM25's saturated
// weighted term frequency, as an integer 1..63, and each word's inverse
// document frequency times 100, rounded; a stem group has both too. A
// document matches a query word in one of four tiers, the best it can:
//
//	exact   the word itself: WeightExact (6) × idf × impact, plus, for the
//	        open word, the prefix score below when it has that too
//	prefix  (the open word) the words it stands for: WeightPrefix (3) × the
//	        smallest idf among them × the best impact among them (they
//	        score as one word, so that a rare variant does not outweigh a
//	        strong match of a common one)
//	stem    the word's stem group, when the document has neither of the
//	        above: WeightStem (2) × the group's idf × its impact
//	edit    the words one edit away, when it has none of the above:
//	        WeightEdit (1) × the smallest idf among them × the best impact
//
// A document's score sums its scores for the query words, and its tier is
// the weakest of its tiers for them. Results are ordered by tier (exact
// first, one edit last), then by score, then newest first. All of it is
// integer arithmetic, so Go and JavaScript agree exactly; testdata/match.json
// is the table of queries both are checked against ("labor" finds the
// "labour" records one edit away, "migrating" the "migration" ones by stem).
// Searcher is the reference implementation of these rules; the browser
// tests check that the page orders results as it does.
//
// Facets (year, region, kind, topic) filter the results; the count shown
// for each value is the number of matches with that value under the other
// facets' filters, so the counts follow the query. A document has one
// year, region and kind but any number of topics (Doc.TopicKeys): it
// counts once for each of its topics, and the count of "all topics" is
// Result.TopicTotal, the number of matches, rather than the sum.
//
// # Files
//
// The index is one folder, and text files in a folder beside it (below);
// the site publishes it as /assets/search/<Version>/, where, like every
// fingerprinted asset, it can be cached for good: a change of any file
// changes the folder's name.
// Every file is JSON, written deterministically: the same input gives the
// same bytes.
//
//	meta.json        loaded with the page: {"v": format, "n": documents,
//	                 "chunk": documents per docs file, "kinds"/"regions"/
//	                 "topics": [[key, name]...], "years": [...] ascending,
//	                 "dict": the first word of each dictionary shard,
//	                 "near": the first key of each one-edit shard,
//	                 "y"/"r"/"k": per document, its year, region and kind
//	                 as indexes into those lists, "t": per document, the
//	                 list of its topics' indexes, "prefix", "expand",
//	                 "long", "page", "fuzzy" (MinFuzzy), "word"
//	                 (MaxWordLen), "weights" (exact, prefix, stem, edit):
//	                 the query rules}
//	dict/<i>.json    a dictionary shard: {"w": [word, idf, block, group,
//	                 ...], "g": [stem, idf, block, ...]}: consecutive words
//	                 in JavaScript string order, each with its stem group
//	                 as a number from 1 into "g" (0: none)
//	post/<b>.json    a postings block: {"word": postings, "stem ":
//	                 [postings, word, ...], ...} for consecutive keys: a
//	                 stem group's key is the stem and a space, which sorts
//	                 it right after the word it spells and near the words
//	                 that have it; its value lists them too, for the page
//	                 to mark
//	near/<i>.json    a shard of the one-edit index: {"key": [word, idf,
//	                 block, ...], ...} for consecutive keys, each word of at
//	                 least MinFuzzy−1 letters under each of its keys; a
//	                 word in at most InlineDF documents has its postings
//	                 string in place of its block number
//	docs/<k>.json    metadata of documents k·chunk to (k+1)·chunk−1:
//	                 [[url, title, "2006-01-02", dates as read, location,
//	                 text]...], text naming the document's text file, and
//	                 a seventh field, the document's language (Doc.Lang),
//	                 for a document in another language than the index's
//	../text/<text>.json
//	                 [summary, body text] of one document, for excerpts
//
// The text files are not in the index's folder but in its sibling,
// TextFolder (the site's /assets/search/text/), which the indexes of all
// the site's languages share: a record without a translation, two thirds
// of the French index of an archive a third translated, has the same
// summary and body in every language's index, and one file for them all
// (Options.Claim, Index.Texts). A text file is named by a digest of its
// text (128 bits of SHA-256, 32 lowercase hexadecimal digits), so the
// name is the same in every index and every build that has the text, and
// never anything else: content cannot choose a path, and the page and
// Searcher refuse a name that is not 32 such digits. A name that stays the
// same across builds lets a reader's browser keep the file as it keeps
// the other fingerprinted assets; the index's Version covers the names,
// and so the texts. Excerpts are most of the index's bytes (47 of 54 MB at
// 10,000 synthetic records) and most of its files. The names cost about
// 16 bytes a document in the docs chunks, gzipped (a first query's
// download at 10,000 records grew from 54.7 to 58.3 KB). Pointing an
// index's documents at the text files of another index instead (the
// default language's, by document number) would tie the index to that
// folder, whose name changes with any edit, and keep no file from one
// build to the next.
//
// Documents are numbered from 0, oldest first. A postings string lists the
// documents of a word in increasing order, each as the gap from the
// previous one in base-32 digits then its impact as one character (see
// appendPosting). Dictionary shards and postings blocks both cut the sorted
// word list into runs of about Options.DictBytes and Options.PostingsBytes,
// so the words sharing a prefix sit in one or two files: a one-word query
// fetches meta.json, one dictionary shard, the postings blocks of its
// words and of its stem group, the one-edit shards of its keys (up to
// five, of Options.NearBytes each) and the postings blocks of the words one
// edit away, then the docs chunks and text files of the ten results it
// shows. The format's version, "v", is 5 (4 had a text/<id>.json per
// document in each index's folder).
package search
