// Search for the archive's /search/ page: plain JavaScript, no dependencies,
// no build step. It reads the index that generator/search writes at build
// time, fetching only the files a query needs; the package documentation
// of generator/search describes the files and the rules this script shares
// with it (normalization, query parsing, ranking). Everything taken from
// the index reaches the page as text nodes, never as HTML.
(function () {
  'use strict';

  // ---- Normalization: the rules of generator/search/normalize.go ----

  var SPECIAL = new Map([
    ['ß', 'ss'], ['æ', 'ae'], ['œ', 'oe'], ['ø', 'o'], ['đ', 'd'], ['ð', 'd'],
    ['ħ', 'h'], ['ł', 'l'], ['ŧ', 't'], ['þ', 'th'], ['ı', 'i'], ['ς', 'σ'],
    ['\u00ad', '']
  ]);
  var MARK = /\p{M}/u;
  var WORD_CP = /^[\p{L}\p{N}]$/u;
  var WORDS = /[\p{L}\p{N}]+/gu;
  var ENDS_IN_WORD = /[\p{L}\p{N}]$/u;
  var foldCache = new Map();

  // fold returns what one code point becomes: decomposed (NFKD), without
  // combining marks, lowercased, with the letters of SPECIAL spelled out.
  function fold(c) {
    var code = c.charCodeAt(0);
    if (code < 0x80) {
      return code >= 65 && code <= 90 ? String.fromCharCode(code + 32) : c;
    }
    var v = foldCache.get(c);
    if (v !== undefined) return v;
    v = '';
    for (var d of c.normalize('NFKD')) {
      if (MARK.test(d)) continue;
      d = d.toLowerCase();
      var s = SPECIAL.get(d);
      v += s === undefined ? d : s;
    }
    foldCache.set(c, v);
    return v;
  }

  function isWordCP(d) {
    var code = d.charCodeAt(0);
    if (code < 0x80) {
      return (code >= 97 && code <= 122) || (code >= 48 && code <= 57) || (code >= 65 && code <= 90);
    }
    return WORD_CP.test(d);
  }

  function normalize(s) {
    var out = '';
    for (var c of s) out += fold(c);
    return out;
  }

  function tokenize(s) {
    return normalize(s).match(WORDS) || [];
  }

  // parse splits a query into words, as search.Parse does: the last word is
  // open (matches as a prefix) when the text ends inside it; an open word
  // shorter than minPrefix is dropped; a repeated word counts once, where it
  // last appears.
  function parse(text, minPrefix) {
    var norm = normalize(text);
    var toks = norm.match(WORDS) || [];
    var p = { words: [], open: false, short: false };
    if (!toks.length) return p;
    p.open = ENDS_IN_WORD.test(norm);
    if (p.open && Array.from(toks[toks.length - 1]).length < minPrefix) {
      toks.pop();
      p.open = false;
      p.short = true;
    }
    var seen = new Set();
    for (var i = toks.length - 1; i >= 0; i--) {
      if (!seen.has(toks[i])) {
        seen.add(toks[i]);
        p.words.unshift(toks[i]);
      }
    }
    return p;
  }

  // words returns the words of an original text with their spans in it,
  // for excerpts and highlighting: {start, end, norm}.
  function words(text) {
    var out = [];
    var cur = null;
    var i = 0;
    for (var c of text) {
      var f = fold(c);
      for (var d of f) {
        if (isWordCP(d)) {
          if (!cur) cur = { start: i, end: i, norm: '' };
          cur.norm += d;
          cur.end = i + c.length;
        } else if (cur) {
          out.push(cur);
          cur = null;
        }
      }
      if (f === '' && cur) cur.end = i + c.length; // a dropped mark stays in its word
      i += c.length;
    }
    if (cur) out.push(cur);
    return out;
  }

  // Test hooks: the browser test checks these against the Go side.
  window.archiveSearch = {
    normalize: normalize, tokenize: tokenize, parse: parse,
    oneEdit: function (a, b) { return oneEdit(Array.from(a), Array.from(b)); },
    signatures: function (w, k) { return signatures(Array.from(w), k); }
  };

  var form = document.getElementById('search-form');
  if (!form) return;

  // ---- The index ----

  var base = form.dataset.index;
  var pending = new Map(); // file name → Promise of its JSON
  var ready = new Map(); // file name → its JSON, once loaded
  var lists = new Map(); // word → decoded postings
  var texts = new Map(); // document → {summary, body, sw, bw}
  var meta = null;

  function get(name) {
    var p = pending.get(name);
    if (!p) {
      p = fetch(base + name).then(function (r) {
        if (!r.ok) throw new Error(name + ': ' + r.status);
        return r.json();
      }).then(function (v) {
        ready.set(name, v);
        return v;
      }, function (err) {
        pending.delete(name);
        throw err;
      });
      pending.set(name, p);
    }
    return p;
  }

  var STALE = {};
  var runSeq = 0;

  // load returns a file of the index. When a keystroke needs a file not
  // loaded yet, it waits a little first: a reader typing quickly fetches
  // only for the word they stop at.
  function load(name, job) {
    if (ready.has(name)) return Promise.resolve(ready.get(name));
    var wait = job.debounce ? new Promise(function (r) { setTimeout(r, 120); }) : Promise.resolve();
    job.debounce = false;
    return wait.then(function () {
      if (job.seq !== runSeq) throw STALE;
      setBusy(true);
      return get(name);
    });
  }

  var FORMAT = 2; // the index format this script reads (search.formatVersion)

  var ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_';
  var VALUE = new Int8Array(128).fill(-1);
  for (var a = 0; a < ALPHABET.length; a++) VALUE[ALPHABET.charCodeAt(a)] = a;

  // decode reads a postings string (see search.appendPosting).
  function decode(s) {
    var docs = [];
    var impacts = [];
    var doc = -1;
    for (var i = 0; i < s.length;) {
      var gap = 0;
      for (;;) {
        var v = VALUE[s.charCodeAt(i++)];
        if (v < 32) { gap = gap * 32 + v; break; }
        gap = gap * 32 + v - 32;
      }
      doc += gap + 1;
      docs.push(doc);
      impacts.push(VALUE[s.charCodeAt(i++)]);
    }
    return { docs: docs, impacts: impacts };
  }

  // loadAll loads several files of the index: the first as load does
  // (waiting a little while the reader types), the others at once.
  async function loadAll(names, job) {
    if (!names.length) return [];
    var first = await load(names[0], job);
    return [first].concat(await Promise.all(names.slice(1).map(function (n) { return load(n, job); })));
  }

  // shardFor returns the shard where key would be, given the first key of
  // each shard: the last one whose first key is not after it.
  function shardFor(firsts, key) {
    var lo = 0, hi = firsts.length;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (key < firsts[mid]) hi = mid; else lo = mid + 1;
    }
    return Math.max(0, lo - 1);
  }

  async function shard(i, job) {
    return load('dict/' + i + '.json', job);
  }

  // entry reads the word at j (a multiple of 4) of a dictionary shard:
  // {term, idf, block, group}, group being its stem's {term, idf, block},
  // term the key of the group's postings (the stem and a space), or null.
  function entry(d, j) {
    var g = d.g, k = d.w[j + 3];
    var group = k > 0 ? { term: g[3 * k - 3] + ' ', idf: g[3 * k - 2], block: g[3 * k - 1] } : null;
    return { term: d.w[j], idf: d.w[j + 1], block: d.w[j + 2], group: group };
  }

  async function lookup(word, job) {
    if (!meta.dict.length) return null;
    var d = await shard(shardFor(meta.dict, word), job);
    var w = d.w, lo = 0, hi = w.length / 4;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (w[4 * mid] < word) lo = mid + 1; else hi = mid;
    }
    if (4 * lo < w.length && w[4 * lo] === word) return entry(d, 4 * lo);
    return null;
  }

  async function expand(prefix, job) {
    if (!meta.dict.length) return [];
    var out = [];
    var first = shardFor(meta.dict, prefix);
    for (var i = first; i < meta.dict.length; i++) {
      if (i > first && !meta.dict[i].startsWith(prefix)) break;
      var d = await shard(i, job);
      for (var j = 0; j < d.w.length; j += 4) {
        if (d.w[j] !== prefix && d.w[j].startsWith(prefix)) out.push(entry(d, j));
      }
    }
    out.sort(function (x, y) { return x.idf - y.idf; }); // stable: term order among equals
    // Half as many for a short prefix (search.Expansions).
    return out.slice(0, Array.from(prefix).length < meta.long ? meta.expand >> 1 : meta.expand);
  }

  // ---- One edit (search.Searcher.edits, generator/search/fuzzy.go) ----

  var LETTER = /^\p{L}$/u;

  function fuzzyWord(cps, min) {
    if (cps.length < min || cps.length > meta.word) return false;
    for (var i = 0; i < cps.length; i++) if (!LETTER.test(cps[i])) return false;
    return true;
  }

  // signatures returns the keys of a word (an array of code points) in the
  // one-edit index: its first k code points, and the first k left when one
  // of its first k + 1 is deleted (k is meta.fuzzy − 1).
  function signatures(cps, k) {
    var out = [cps.slice(0, k).join('')];
    for (var i = 0; i <= k && i < cps.length; i++) {
      var s = cps.slice(0, i).concat(cps.slice(i + 1, k + 1)).slice(0, k).join('');
      if (out.indexOf(s) < 0) out.push(s);
    }
    return out;
  }

  function same(a, i, b, j) {
    if (a.length - i !== b.length - j) return false;
    for (; i < a.length; i++, j++) if (a[i] !== b[j]) return false;
    return true;
  }

  // oneEdit tells whether two words (arrays of code points) are one
  // insertion, deletion, replacement or swap of neighbours apart.
  function oneEdit(a, b) {
    if (a.length > b.length) { var t = a; a = b; b = t; }
    if (b.length - a.length > 1) return false;
    var i = 0;
    while (i < a.length && a[i] === b[i]) i++;
    if (a.length !== b.length) return same(a, i, b, i + 1);
    if (i === a.length) return false;
    if (same(a, i + 1, b, i + 1)) return true;
    return i + 1 < a.length && a[i] === b[i + 1] && a[i + 1] === b[i] && same(a, i + 2, b, i + 2);
  }

  // edits returns the most common words one edit away from word, but for
  // those an open word stands for as a prefix.
  async function edits(word, open, job) {
    var cps = Array.from(word);
    if (!fuzzyWord(cps, meta.fuzzy) || !meta.near.length) return [];
    var keys = signatures(cps, meta.fuzzy - 1);
    var names = [];
    keys.forEach(function (k) {
      var name = 'near/' + shardFor(meta.near, k) + '.json';
      if (names.indexOf(name) < 0) names.push(name);
    });
    await loadAll(names, job);
    var seen = new Set(), out = [];
    keys.forEach(function (k) {
      var list = ready.get('near/' + shardFor(meta.near, k) + '.json')[k] || [];
      for (var j = 0; j < list.length; j += 3) {
        var w = list[j];
        if (seen.has(w)) continue;
        seen.add(w);
        if ((open && w.startsWith(word)) || !oneEdit(cps, Array.from(w))) continue;
        // A rare word's postings stand in place of its block number.
        var b = list[j + 2], inline = typeof b === 'string';
        out.push({ term: w, idf: list[j + 1], block: inline ? -1 : b, inline: inline ? b : null, group: null });
      }
    });
    out.sort(function (x, y) { return (x.idf - y.idf) || (x.term < y.term ? -1 : 1); });
    return out.slice(0, meta.expand);
  }

  var members = new Map(); // group key → its words

  async function postings(e, job) {
    var l = lists.get(e.term);
    if (l) return l;
    if (e.inline) {
      l = decode(e.inline);
      lists.set(e.term, l);
      return l;
    }
    var b = await load('post/' + e.block + '.json', job);
    var v = b[e.term] || '';
    if (Array.isArray(v)) { // a stem group: [postings, word, ...]
      members.set(e.term, v.slice(1));
      v = v[0];
    }
    l = decode(v);
    lists.set(e.term, l);
    return l;
  }

  // matchWord answers one query word as search.Searcher.word does: the
  // tier (4 exact, 3 prefix, 2 stem, 1 one edit, 0 none) and score of
  // every document, and the words of the index it matched.
  async function matchWord(w, open, job) {
    var n = meta.n, weights = meta.weights;
    var tier = new Uint8Array(n), score = new Float64Array(n), matched = [];
    var e = await lookup(w, job);
    if (e) {
      matched.push(w);
      var l = await postings(e, job);
      for (var i = 0; i < l.docs.length; i++) {
        tier[l.docs[i]] = 4;
        score[l.docs[i]] = weights[0] * e.idf * l.impacts[i];
      }
    }
    // The words of a tier score as one: the smallest idf among them times
    // the best impact; when alone, only where nothing matched before.
    async function variants(list, t, weight, alone) {
      if (!list.length) return;
      await loadAll(list.filter(function (x) { return !lists.has(x.term) && !x.inline; })
        .map(function (x) { return 'post/' + x.block + '.json'; })
        .filter(function (name, k, all) { return all.indexOf(name) === k; }), job);
      var best = new Uint8Array(n), minIdf = 0;
      for (var k = 0; k < list.length; k++) {
        var x = list[k];
        var l = await postings(x, job);
        if (minIdf === 0 || x.idf < minIdf) minIdf = x.idf;
        for (var i = 0; i < l.docs.length; i++) {
          var d = l.docs[i];
          if ((!alone || !tier[d]) && l.impacts[i] > best[d]) best[d] = l.impacts[i];
        }
      }
      for (var d1 = 0; d1 < n; d1++) {
        if (!best[d1]) continue;
        if (!tier[d1]) tier[d1] = t;
        score[d1] += weight * minIdf * best[d1];
      }
    }
    if (open) {
      var more = await expand(w, job);
      await variants(more, 3, weights[1], false);
      more.forEach(function (x) { matched.push(x.term); });
    }
    if (e && e.group) {
      await variants([e.group], 2, weights[2], true);
      matched.push.apply(matched, members.get(e.group.term) || []);
    }
    var near = await edits(w, open, job);
    await variants(near, 1, weights[3], true);
    near.forEach(function (x) { matched.push(x.term); });
    return { tier: tier, score: score, matched: matched };
  }

  // search answers a query as search.Searcher.Search does.
  async function search(p, facets, job) {
    var n = meta.n;
    var score = null, tier = null, matches = new Map();
    for (var wi = 0; wi < p.words.length; wi++) {
      var m = await matchWord(p.words[wi], p.open && wi === p.words.length - 1, job);
      m.matched.forEach(function (x) { if (!matches.has(x)) matches.set(x, wi); });
      if (!tier) {
        tier = m.tier; score = m.score;
        continue;
      }
      for (var d = 0; d < n; d++) {
        if (tier[d] && m.tier[d]) {
          score[d] += m.score[d];
          if (m.tier[d] < tier[d]) tier[d] = m.tier[d];
        } else {
          tier[d] = 0;
        }
      }
    }
    var res = {
      active: p.words.length > 0 || facets.year !== '' || facets.region !== '' || facets.kind !== '',
      hits: [],
      matches: matches,
      years: new Array(meta.years.length).fill(0),
      regions: new Array(meta.regions.length).fill(0),
      kinds: new Array(meta.kinds.length).fill(0)
    };
    if (!p.words.length) {
      tier = new Uint8Array(n).fill(4);
      score = new Float64Array(n);
    }
    // null is every value; a value the index does not have matches nothing.
    var fy = facets.year === '' ? null : meta.years.indexOf(Number(facets.year));
    var fr = facets.region === '' ? null : meta.regions.findIndex(function (r) { return r[0] === facets.region; });
    var fk = facets.kind === '' ? null : meta.kinds.findIndex(function (k) { return k[0] === facets.kind; });
    for (var d3 = 0; d3 < n; d3++) {
      if (!tier[d3]) continue;
      var y = fy === null || meta.y[d3] === fy;
      var r = fr === null || meta.r[d3] === fr;
      var kk = fk === null || meta.k[d3] === fk;
      if (r && kk) res.years[meta.y[d3]]++;
      if (y && kk) res.regions[meta.r[d3]]++;
      if (y && r) res.kinds[meta.k[d3]]++;
      if (y && r && kk && res.active) res.hits.push(d3);
    }
    res.hits = order(res.hits, tier, score, n);
    return res;
  }

  // order sorts hits: by tier, strongest first, then by score, then newest
  // (highest number) first. Each tier sorts as one typed array of keys
  // score·2^20 + document, much faster than a comparator.
  var SHIFT = 1048576;
  function order(hits, tier, score, n) {
    if (n > SHIFT) {
      return hits.sort(function (x, z) {
        return (tier[z] - tier[x]) || (score[z] - score[x]) || (z - x);
      });
    }
    var count = [0, 0, 0, 0, 0];
    for (var i = 0; i < hits.length; i++) count[tier[hits[i]]]++;
    var keys = count.map(function (c) { return new Float64Array(c); });
    var at = [0, 0, 0, 0, 0];
    for (var j = 0; j < hits.length; j++) {
      var d = hits[j], t = tier[d];
      keys[t][at[t]++] = score[d] * SHIFT + d;
    }
    var out = new Array(hits.length), k = 0;
    for (var t2 = 4; t2 >= 1; t2--) {
      var ks = keys[t2].sort();
      for (var e = ks.length - 1; e >= 0; e--) out[k++] = ks[e] % SHIFT;
    }
    return out;
  }

  // ---- The page ----

  var input = document.getElementById('search-q');
  var status = document.getElementById('search-status');
  var list = document.getElementById('search-results');
  var none = document.getElementById('search-none');
  var more = document.getElementById('search-more');
  var clear = document.getElementById('search-clear');
  var clearButtons = Array.from(document.querySelectorAll('.search-clear'));
  var filtersCount = document.getElementById('search-filters-count');
  // The filters come folded, for phones; where there is room for them
  // (site.css's 48rem, as the charts), they start open, as they were
  // before they could fold.
  var filtersBox = document.querySelector('.search-filters');
  if (filtersBox && window.matchMedia('(min-width: 48rem)').matches) filtersBox.open = true;
  var selects = {
    year: document.getElementById('search-year'),
    region: document.getElementById('search-region'),
    kind: document.getElementById('search-kind')
  };
  var plural = new Intl.PluralRules(document.documentElement.lang || 'en');
  var strings = form.dataset;

  function fill(template, n, q) {
    return template.replace('%d', n.toLocaleString(document.documentElement.lang || 'en')).replace('%s', q);
  }

  function countText(prefix, n, q) {
    var cat = plural.select(n);
    var key = prefix + cat.charAt(0).toUpperCase() + cat.slice(1);
    return fill(strings[key] || strings[prefix + 'Other'], n, q);
  }

  var statusTimer = 0;
  function setStatus(text, delay) {
    clearTimeout(statusTimer);
    if (delay) {
      statusTimer = setTimeout(function () { status.textContent = text; }, delay);
    } else {
      status.textContent = text;
    }
  }

  function setBusy(on) {
    list.setAttribute('aria-busy', on ? 'true' : 'false');
    form.classList.toggle('is-loading', on);
  }

  function facets() {
    return { year: selects.year.value, region: selects.region.value, kind: selects.kind.value };
  }

  function hasFilters() {
    return selects.year.value !== '' || selects.region.value !== '' || selects.kind.value !== '';
  }

  // showFilterCount writes in the control the filters fold behind how many
  // of them are on, or nothing when none is.
  function showFilterCount() {
    if (!filtersCount) return;
    var n = Object.keys(selects).filter(function (k) { return selects[k].value !== ''; }).length;
    filtersCount.textContent = n ? countText('filters', n, '') : '';
  }

  function readURL() {
    var params = new URL(location.href).searchParams;
    input.value = params.get('q') || '';
    Object.keys(selects).forEach(function (k) {
      selects[k].value = params.get(k) || '';
      if (selects[k].selectedIndex < 0) selects[k].value = '';
    });
    showFilterCount();
  }

  // writeURL puts the state in the address: ?q=&region=&year=&kind=.
  function writeURL(push) {
    var u = new URL(location.href);
    u.search = '';
    var q = input.value.trim();
    if (q) u.searchParams.set('q', q);
    ['region', 'year', 'kind'].forEach(function (k) {
      if (selects[k].value) u.searchParams.set(k, selects[k].value);
    });
    if (u.href === location.href) return;
    if (push) history.pushState(null, '', u); else history.replaceState(null, '', u);
  }

  function updateFacets(res) {
    var groups = [['year', res.years, function (v) { return meta.years.indexOf(Number(v)); }],
      ['region', res.regions, function (v) { return meta.regions.findIndex(function (r) { return r[0] === v; }); }],
      ['kind', res.kinds, function (v) { return meta.kinds.findIndex(function (k) { return k[0] === v; }); }]];
    groups.forEach(function (g) {
      var sel = selects[g[0]], counts = g[1];
      var total = counts.reduce(function (s, c) { return s + c; }, 0);
      Array.from(sel.options).forEach(function (o) {
        var n = o.value === '' ? total : (counts[g[2](o.value)] || 0);
        var text = o.dataset.label + ' (' + n.toLocaleString(document.documentElement.lang || 'en') + ')';
        if (o.textContent !== text) o.textContent = text;
        o.disabled = n === 0 && !o.selected && o.value !== '';
      });
    });
    var filtered = hasFilters();
    clear.hidden = !filtered;
    clearButtons.forEach(function (b) { b.hidden = !filtered; });
  }

  // matcher returns a function that tells which query word a normalized
  // word of a text matches: its index in p.words, or -1. matches holds the
  // other words each query word matched (stems, one edit): word → index.
  function matcher(p, matches) {
    var index = new Map(matches);
    p.words.forEach(function (w, i) { index.set(w, i); });
    var last = p.words.length - 1;
    var prefix = p.open ? p.words[last] : null;
    return function (w) {
      var i = index.get(w);
      if (i !== undefined) return i;
      return prefix !== null && w.startsWith(prefix) ? last : -1;
    };
  }

  // marked appends text[from:to] to el, each matching word in a <mark>.
  function marked(el, text, ws, from, to, whichWord) {
    var at = from;
    for (var i = 0; i < ws.length; i++) {
      var w = ws[i];
      if (w.end <= from || w.start < at) continue;
      if (w.start >= to) break;
      if (whichWord(w.norm) < 0) continue;
      if (w.start > at) el.appendChild(document.createTextNode(text.slice(at, w.start)));
      var m = document.createElement('mark');
      m.textContent = text.slice(w.start, Math.min(w.end, to));
      el.appendChild(m);
      at = Math.min(w.end, to);
    }
    if (at < to) el.appendChild(document.createTextNode(text.slice(at, to)));
  }

  var WINDOW = 24; // words an excerpt holds after its first match

  // distinct counts the different query words among ws[from:to].
  function distinct(ws, from, to, whichWord) {
    var seen = new Set();
    for (var i = from; i < to; i++) {
      var k = whichWord(ws[i].norm);
      if (k >= 0) seen.add(k);
    }
    return seen.size;
  }

  // excerpt fills el with the passage that holds the most different query
  // words: the summary, or a window of the body; the summary when neither
  // holds any.
  function excerpt(el, t, whichWord, nwords) {
    var inSummary = distinct(t.sw, 0, t.sw.length, whichWord);
    if (inSummary < nwords && !t.bw) t.bw = words(t.body); // read the body only when needed
    var ws = inSummary < nwords ? t.bw : [], best = -1, bestCount = inSummary;
    for (var i = 0; i < ws.length; i++) {
      if (whichWord(ws[i].norm) < 0) continue;
      var c = distinct(ws, i, Math.min(ws.length, i + WINDOW), whichWord);
      if (c > bestCount) { best = i; bestCount = c; }
    }
    if (best < 0) {
      marked(el, t.summary, t.sw, 0, t.summary.length, whichWord);
      return;
    }
    // Show the window with a few words of context before it.
    var s = Math.max(0, best - 5), e = Math.min(ws.length, best + WINDOW);
    if (s > 0) el.appendChild(document.createTextNode('… '));
    marked(el, t.body, ws, ws[s].start, ws[e - 1].end, whichWord);
    if (e < ws.length) el.appendChild(document.createTextNode(' …'));
  }

  async function docInfo(id, job) {
    var chunk = await load('docs/' + Math.floor(id / meta.chunk) + '.json', job);
    var t = texts.get(id);
    if (!t) {
      var x = await load('text/' + id + '.json', job);
      t = { summary: x[0], body: x[1], sw: words(x[0]), bw: null };
      texts.set(id, t);
    }
    var m = chunk[id % meta.chunk];
    return { url: m[0], title: m[1], iso: m[2], date: m[3], location: m[4], text: t, tw: words(m[1]) };
  }

  function span(text, cls) {
    var s = document.createElement('span');
    if (cls) s.className = cls;
    s.textContent = text;
    return s;
  }

  function sep() {
    var s = span(' · ', 'sep');
    s.setAttribute('aria-hidden', 'true');
    return s;
  }

  function item(id, info, whichWord) {
    var li = document.createElement('li');
    li.className = 'event-item search-hit';
    var art = document.createElement('article');
    var h = document.createElement('h3');
    h.className = 'event-item-title';
    var a = document.createElement('a');
    // Index URLs are site paths; anything else is not a link of ours.
    if (/^\/(?!\/)/.test(info.url)) a.setAttribute('href', info.url);
    marked(a, info.title, info.tw, 0, info.title.length, whichWord);
    h.appendChild(a);
    var metaLine = document.createElement('p');
    metaLine.className = 'event-meta';
    var time = document.createElement('time');
    time.setAttribute('datetime', info.iso);
    time.textContent = info.date;
    metaLine.append(time, sep(), span(info.location), sep(),
      span(meta.kinds[meta.k[id]][1], 'kind-tag'), sep(), span(meta.regions[meta.r[id]][1]));
    var p = document.createElement('p');
    p.className = 'event-summary search-excerpt';
    excerpt(p, info.text, whichWord, current.p.words.length);
    art.append(h, metaLine, p);
    li.appendChild(art);
    return li;
  }

  var current = null; // the last answer shown: {p, res, shown}

  async function showHits(job, from, to) {
    var ids = current.res.hits.slice(from, to);
    var infos = await Promise.all(ids.map(function (id) { return docInfo(id, job); }));
    if (job.seq !== runSeq) throw STALE;
    var whichWord = matcher(current.p, current.res.matches);
    return ids.map(function (id, i) { return item(id, infos[i], whichWord); });
  }

  // run answers the state of the form. Only the newest run renders.
  async function run(opts) {
    var job = { seq: ++runSeq, debounce: !!(opts && opts.typing), t0: (opts && opts.t0) || performance.now() };
    var q = input.value;
    var p = parse(q, meta.prefix);
    try {
      var res = await search(p, facets(), job);
      if (job.seq !== runSeq) return;
      var searched = performance.now() - job.t0;
      current = { p: p, res: res, shown: Math.min(res.hits.length, meta.page) };
      var items = await showHits(job, 0, current.shown);
      setBusy(false);
      updateFacets(res);
      list.replaceChildren.apply(list, items);
      more.hidden = current.shown >= res.hits.length;
      none.hidden = !res.active || res.hits.length > 0;
      var text = '';
      if (p.short && !p.words.length && !hasFilters()) text = strings.short;
      else if (res.active && p.words.length) text = countText('count', res.hits.length, q.trim());
      else if (res.active) text = countText('browse', res.hits.length, '');
      setStatus(text, opts && opts.typing ? 600 : 0);
      form.dispatchEvent(new CustomEvent('search:done', {
        detail: { query: q, hits: res.hits.length, ms: performance.now() - job.t0, searchMs: searched }
      }));
    } catch (err) {
      if (err === STALE || job.seq !== runSeq) return;
      setBusy(false);
      list.replaceChildren();
      more.hidden = true;
      none.hidden = true;
      setStatus(strings.error, 0);
      form.dispatchEvent(new CustomEvent('search:error', { detail: { message: String(err) } }));
    }
  }

  var lastTyping = -Infinity;
  input.addEventListener('input', function () {
    var now = performance.now();
    // The first keystroke after a pause makes a new history entry; the
    // next ones update it, so Back returns to what was searched before.
    writeURL(now - lastTyping > 1000);
    lastTyping = now;
    if (meta) run({ typing: true, t0: now });
  });

  Object.keys(selects).forEach(function (k) {
    selects[k].addEventListener('change', function () {
      showFilterCount();
      writeURL(true);
      if (meta) run();
    });
  });

  clearButtons.forEach(function (b) {
    b.addEventListener('click', function () {
      Object.keys(selects).forEach(function (k) { selects[k].value = ''; });
      showFilterCount();
      writeURL(true);
      input.focus();
      if (meta) run();
    });
  });

  form.addEventListener('submit', function (ev) {
    ev.preventDefault();
    writeURL(true);
    lastTyping = -Infinity;
    if (meta) run();
  });

  more.addEventListener('click', async function () {
    if (!current) return;
    var job = { seq: runSeq, debounce: false };
    var from = current.shown, to = Math.min(current.res.hits.length, from + meta.page);
    try {
      var items = await showHits(job, from, to);
      current.shown = to;
      list.append.apply(list, items);
      more.hidden = to >= current.res.hits.length;
      var link = items.length && items[0].querySelector('a');
      if (link) link.focus();
      setBusy(false);
    } catch (err) {
      if (err !== STALE) setStatus(strings.error, 0);
      setBusy(false);
    }
  });

  window.addEventListener('popstate', function () {
    readURL();
    lastTyping = -Infinity;
    if (meta) run();
  });

  readURL();
  setBusy(true);
  get('meta.json').then(function (m) {
    if (m.v !== FORMAT) throw new Error('index format ' + m.v);
    meta = m;
    run();
  }).catch(function (err) {
    setBusy(false);
    setStatus(strings.error, 0);
    form.dispatchEvent(new CustomEvent('search:error', { detail: { message: String(err) } }));
  });
})();
