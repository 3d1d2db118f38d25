// Queries against the search index: the rules of generator/search's
// query.go (parsing, the index files, ranking), fuzzy.go (one edit) and
// postings.go, whose package documentation specifies them; Searcher there
// is the reference this module is tested against. Pure: the page gives it
// the function that loads a file of the index, so that node --test runs it
// as the browser does.

import { normalize, split, endsInWord } from './normalize.js';

// FORMAT is the index format this module reads (search.formatVersion).
export const FORMAT = 5;

// parse splits a query into words, as search.Parse does: the last word is
// open (matches as a prefix) when the text ends inside it; an open word
// shorter than minPrefix is dropped; a repeated word counts once, where it
// last appears.
export function parse(text, minPrefix) {
  const norm = normalize(text);
  const toks = split(norm);
  const p = { words: [], open: false, short: false };
  if (!toks.length) return p;
  p.open = endsInWord(norm);
  if (p.open && Array.from(toks[toks.length - 1]).length < minPrefix) {
    toks.pop();
    p.open = false;
    p.short = true;
  }
  const seen = new Set();
  for (let i = toks.length - 1; i >= 0; i--) {
    if (!seen.has(toks[i])) {
      seen.add(toks[i]);
      p.words.unshift(toks[i]);
    }
  }
  return p;
}

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_';
const VALUE = new Int8Array(128).fill(-1);
for (let a = 0; a < ALPHABET.length; a++) VALUE[ALPHABET.charCodeAt(a)] = a;

// decode reads a postings string (see search.appendPosting): the
// documents, increasing, and the impact of the word in each.
export function decode(s) {
  const docs = [];
  const impacts = [];
  let doc = -1;
  for (let i = 0; i < s.length;) {
    let gap = 0;
    for (;;) {
      const v = VALUE[s.charCodeAt(i++)];
      if (v < 32) { gap = gap * 32 + v; break; }
      gap = gap * 32 + v - 32;
    }
    doc += gap + 1;
    docs.push(doc);
    impacts.push(VALUE[s.charCodeAt(i++)]);
  }
  return { docs, impacts };
}

// shardFor returns the shard where key would be, given the first key of
// each shard: the last one whose first key is not after it.
export function shardFor(firsts, key) {
  let lo = 0;
  let hi = firsts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (key < firsts[mid]) hi = mid; else lo = mid + 1;
  }
  return Math.max(0, lo - 1);
}

// ---- One edit (generator/search/fuzzy.go) ----

const LETTER = /^\p{L}$/u;

// fuzzyWord tells whether a word (an array of code points) may match with
// one edit: min to max code points, all letters.
function fuzzyWord(cps, min, max) {
  if (cps.length < min || cps.length > max) return false;
  return cps.every((c) => LETTER.test(c));
}

// signatures returns the keys of a word (an array of code points) in the
// one-edit index: its first k code points, and the first k left when one
// of its first k + 1 is deleted (k is meta.fuzzy − 1).
export function signatures(cps, k) {
  const out = [cps.slice(0, k).join('')];
  for (let i = 0; i <= k && i < cps.length; i++) {
    const s = cps.slice(0, i).concat(cps.slice(i + 1, k + 1)).slice(0, k).join('');
    if (!out.includes(s)) out.push(s);
  }
  return out;
}

// same tells whether a[i:] and b[j:] are equal.
function same(a, i, b, j) {
  if (a.length - i !== b.length - j) return false;
  for (; i < a.length; i++, j++) if (a[i] !== b[j]) return false;
  return true;
}

// oneEdit tells whether two words (arrays of code points) are one
// insertion, deletion, replacement or swap of neighbours apart.
export function oneEdit(a, b) {
  if (a.length > b.length) [a, b] = [b, a];
  if (b.length - a.length > 1) return false;
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  if (a.length !== b.length) return same(a, i, b, i + 1);
  if (i === a.length) return false;
  if (same(a, i + 1, b, i + 1)) return true;
  return i + 1 < a.length && a[i] === b[i + 1] && a[i + 1] === b[i] && same(a, i + 2, b, i + 2);
}

// ---- Ranking ----

// The tiers of a match, from the weakest (search.TierEdit...TierExact).
const EDIT = 1;
const STEM = 2;
const PREFIX = 3;
const EXACT = 4;

const SHIFT = 1048576;

// order sorts hits: by tier, strongest first, then by score, then newest
// (highest number) first. Each tier sorts as one typed array of keys
// score·2^20 + document, much faster than a comparator.
export function order(hits, tier, score, n) {
  if (n > SHIFT) {
    return hits.sort((x, z) => (tier[z] - tier[x]) || (score[z] - score[x]) || (z - x));
  }
  const count = [0, 0, 0, 0, 0];
  for (const d of hits) count[tier[d]]++;
  const keys = count.map((c) => new Float64Array(c));
  const at = [0, 0, 0, 0, 0];
  for (const d of hits) {
    const t = tier[d];
    keys[t][at[t]++] = score[d] * SHIFT + d;
  }
  const out = new Array(hits.length);
  let k = 0;
  for (let t = EXACT; t >= EDIT; t--) {
    const ks = keys[t].sort();
    for (let e = ks.length - 1; e >= 0; e--) out[k++] = ks[e] % SHIFT;
  }
  return out;
}

// ---- The index ----

// Index answers queries from the files of an index, as search.Searcher
// does. load(name, job) returns a promise of the JSON of one file of the
// index; job is passed through untouched (the page uses it to wait while
// the reader types, and to give up on a query typed over).
export class Index {
  constructor(meta, load) {
    if (meta.v !== FORMAT) throw new Error('index format ' + meta.v);
    this.meta = meta;
    this.load = load;
    this.lists = new Map(); // word or group key → decoded postings
    this.members = new Map(); // group key → its words
  }

  // loadAll loads several files: the first as load does (the page may wait
  // a little first while the reader types), the others at once.
  async loadAll(names, job) {
    if (!names.length) return [];
    const first = await this.load(names[0], job);
    return [first].concat(await Promise.all(names.slice(1).map((n) => this.load(n, job))));
  }

  shard(i, job) {
    return this.load('dict/' + i + '.json', job);
  }

  // lookup returns the entry of a word in the dictionary, or null:
  // {term, idf, block, group}, group being its stem's {term, idf, block},
  // term the key of the group's postings (the stem and a space), or null.
  async lookup(word, job) {
    const dict = this.meta.dict;
    if (!dict.length) return null;
    const d = await this.shard(shardFor(dict, word), job);
    const w = d.w;
    let lo = 0;
    let hi = w.length / 4;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (w[4 * mid] < word) lo = mid + 1; else hi = mid;
    }
    if (4 * lo < w.length && w[4 * lo] === word) return entry(d, 4 * lo);
    return null;
  }

  // expand returns the words other than prefix that start with it, the n
  // most common (search.Searcher.expand).
  async expand(prefix, n, job) {
    const dict = this.meta.dict;
    if (!dict.length) return [];
    const out = [];
    const first = shardFor(dict, prefix);
    for (let i = first; i < dict.length; i++) {
      if (i > first && !dict[i].startsWith(prefix)) break;
      const d = await this.shard(i, job);
      for (let j = 0; j < d.w.length; j += 4) {
        if (d.w[j] !== prefix && d.w[j].startsWith(prefix)) out.push(entry(d, j));
      }
    }
    out.sort((x, y) => x.idf - y.idf); // stable: term order among equals
    return out.slice(0, n);
  }

  // edits returns the most common words one edit away from word, but for
  // those an open word stands for as a prefix (search.Searcher.edits).
  async edits(word, open, job) {
    const meta = this.meta;
    const cps = Array.from(word);
    if (!fuzzyWord(cps, meta.fuzzy, meta.word) || !meta.near.length) return [];
    const keys = signatures(cps, meta.fuzzy - 1);
    const names = [];
    for (const k of keys) {
      const name = 'near/' + shardFor(meta.near, k) + '.json';
      if (!names.includes(name)) names.push(name);
    }
    const shards = await this.loadAll(names, job);
    const seen = new Set();
    const out = [];
    for (const k of keys) {
      const list = shards[names.indexOf('near/' + shardFor(meta.near, k) + '.json')][k] || [];
      for (let j = 0; j < list.length; j += 3) {
        const w = list[j];
        if (seen.has(w)) continue;
        seen.add(w);
        if ((open && w.startsWith(word)) || !oneEdit(cps, Array.from(w))) continue;
        // A rare word's postings stand in place of its block number.
        const b = list[j + 2];
        const inline = typeof b === 'string';
        out.push({ term: w, idf: list[j + 1], block: inline ? -1 : b, inline: inline ? b : null, group: null });
      }
    }
    out.sort((x, y) => (x.idf - y.idf) || (x.term < y.term ? -1 : 1));
    return out.slice(0, meta.expand);
  }

  // postings returns the decoded postings of a word or a group.
  async postings(e, job) {
    let l = this.lists.get(e.term);
    if (l) return l;
    if (e.inline) {
      l = decode(e.inline);
      this.lists.set(e.term, l);
      return l;
    }
    const b = await this.load('post/' + e.block + '.json', job);
    let v = b[e.term] || '';
    if (Array.isArray(v)) { // a stem group: [postings, word, ...]
      this.members.set(e.term, v.slice(1));
      v = v[0];
    }
    l = decode(v);
    this.lists.set(e.term, l);
    return l;
  }

  // matchWord answers one query word as search.Searcher.word does: the
  // tier (4 exact, 3 prefix, 2 stem, 1 one edit, 0 none) and score of
  // every document, and the words of the index it matched. While the
  // reader types an open word (typing), it stands for half as many words
  // and has no one-edit matches (search.Query.Typing).
  async matchWord(w, open, typing, job) {
    const n = this.meta.n;
    const weights = this.meta.weights;
    const tier = new Uint8Array(n);
    const score = new Float64Array(n);
    const matched = [];
    const e = await this.lookup(w, job);
    if (e) {
      matched.push(w);
      const l = await this.postings(e, job);
      for (let i = 0; i < l.docs.length; i++) {
        tier[l.docs[i]] = EXACT;
        score[l.docs[i]] = weights[0] * e.idf * l.impacts[i];
      }
    }
    // The words of a tier score as one: the smallest idf among them times
    // the best impact; when alone, only where nothing matched before.
    const variants = async (list, t, weight, alone) => {
      if (!list.length) return;
      const blocks = [];
      for (const x of list) {
        const name = 'post/' + x.block + '.json';
        if (!this.lists.has(x.term) && !x.inline && !blocks.includes(name)) blocks.push(name);
      }
      await this.loadAll(blocks, job);
      const best = new Uint8Array(n);
      let minIdf = 0;
      for (const x of list) {
        const l = await this.postings(x, job);
        if (minIdf === 0 || x.idf < minIdf) minIdf = x.idf;
        for (let i = 0; i < l.docs.length; i++) {
          const d = l.docs[i];
          if ((!alone || !tier[d]) && l.impacts[i] > best[d]) best[d] = l.impacts[i];
        }
      }
      for (let d = 0; d < n; d++) {
        if (!best[d]) continue;
        if (!tier[d]) tier[d] = t;
        score[d] += weight * minIdf * best[d];
      }
    };
    if (open) {
      // Half as many for a short prefix (search.Expansions), and half as
      // many again while it is typed (search.TypingExpansions).
      let n = Array.from(w).length < this.meta.long ? this.meta.expand >> 1 : this.meta.expand;
      if (typing) n >>= 1;
      const more = await this.expand(w, n, job);
      await variants(more, PREFIX, weights[1], false);
      for (const x of more) matched.push(x.term);
    }
    if (e && e.group) {
      await variants([e.group], STEM, weights[2], true);
      matched.push(...(this.members.get(e.group.term) || []));
    }
    const near = typing ? [] : await this.edits(w, open, job);
    await variants(near, EDIT, weights[3], true);
    for (const x of near) matched.push(x.term);
    return { tier, score, matched };
  }

  // search answers a parsed query and the facets ({year, region, kind,
  // topic}, '' or absent for all) as search.Searcher.Search does, typing as its Query.Typing
  // (the reader is still typing the last word): the hits in order, the
  // tier of each document, the words each query word matched (word → its
  // index in p.words, first one first), and the counts of each facet's
  // values.
  async search(p, facets, job, typing = false) {
    const meta = this.meta;
    const topic = facets.topic ?? '';
    const n = meta.n;
    let score = null;
    let tier = null;
    const matches = new Map();
    for (let wi = 0; wi < p.words.length; wi++) {
      const open = p.open && wi === p.words.length - 1;
      const m = await this.matchWord(p.words[wi], open, open && typing, job);
      for (const x of m.matched) if (!matches.has(x)) matches.set(x, wi);
      if (!tier) {
        tier = m.tier;
        score = m.score;
        continue;
      }
      for (let d = 0; d < n; d++) {
        if (tier[d] && m.tier[d]) {
          score[d] += m.score[d];
          if (m.tier[d] < tier[d]) tier[d] = m.tier[d];
        } else {
          tier[d] = 0;
        }
      }
    }
    const res = {
      active: p.words.length > 0 || facets.year !== '' || facets.region !== '' || facets.kind !== '' || topic !== '',
      hits: [],
      matches,
      years: new Array(meta.years.length).fill(0),
      regions: new Array(meta.regions.length).fill(0),
      kinds: new Array(meta.kinds.length).fill(0),
      topics: new Array(meta.topics.length).fill(0),
      topicTotal: 0
    };
    if (!p.words.length) {
      tier = new Uint8Array(n).fill(EXACT);
      score = new Float64Array(n);
    }
    // null is every value; a value the index does not have matches nothing.
    const fy = facets.year === '' ? null : meta.years.indexOf(Number(facets.year));
    const fr = facets.region === '' ? null : meta.regions.findIndex((r) => r[0] === facets.region);
    const fk = facets.kind === '' ? null : meta.kinds.findIndex((k) => k[0] === facets.kind);
    const ft = topic === '' ? null : meta.topics.findIndex((t) => t[0] === topic);
    for (let d = 0; d < n; d++) {
      if (!tier[d]) continue;
      const inYear = fy === null || meta.y[d] === fy;
      const inRegion = fr === null || meta.r[d] === fr;
      const inKind = fk === null || meta.k[d] === fk;
      // A document has any number of topics: it counts once for each.
      const inTopic = ft === null || meta.t[d].includes(ft);
      if (inRegion && inKind && inTopic) res.years[meta.y[d]]++;
      if (inYear && inKind && inTopic) res.regions[meta.r[d]]++;
      if (inYear && inRegion && inTopic) res.kinds[meta.k[d]]++;
      if (inYear && inRegion && inKind) {
        res.topicTotal++;
        for (const t of meta.t[d]) res.topics[t]++;
      }
      if (inYear && inRegion && inKind && inTopic && res.active) res.hits.push(d);
    }
    res.hits = order(res.hits, tier, score, n);
    res.tier = tier;
    return res;
  }

  // doc returns what the page shows of a document (search.Searcher.Docs):
  // {url, title, iso, date, location, summary, body, lang}; lang is the
  // language of the title and texts when it is not the index's, else ''.
  async doc(id, job) {
    const chunk = await this.load('docs/' + Math.floor(id / this.meta.chunk) + '.json', job);
    const m = chunk[id % this.meta.chunk];
    // The text file is named by a digest of its text, in the folder the
    // indexes of every language share (search.TextFolder); a name that is
    // not a digest could reach another file, so none is fetched.
    if (!/^[0-9a-f]{32}$/.test(m[5])) throw new Error('document ' + id + ' names no text file');
    const text = await this.load('../text/' + m[5] + '.json', job);
    return { url: m[0], title: m[1], iso: m[2], date: m[3], location: m[4], summary: text[0], body: text[1], lang: m[6] || '' };
  }
}

// entry reads the word at j (a multiple of 4) of a dictionary shard.
function entry(d, j) {
  const g = d.g;
  const k = d.w[j + 3];
  const group = k > 0 ? { term: g[3 * k - 3] + ' ', idf: g[3 * k - 2], block: g[3 * k - 1] } : null;
  return { term: d.w[j], idf: d.w[j + 1], block: d.w[j + 2], group };
}
