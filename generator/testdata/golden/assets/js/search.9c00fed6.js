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
  window.archiveSearch = { normalize: normalize, tokenize: tokenize, parse: parse };

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

  // shardFor returns the dictionary shard where word would be: the last one
  // whose first word is not after it.
  function shardFor(word) {
    var lo = 0, hi = meta.dict.length;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (word < meta.dict[mid]) hi = mid; else lo = mid + 1;
    }
    return Math.max(0, lo - 1);
  }

  async function shard(i, job) {
    return load('dict/' + i + '.json', job);
  }

  async function lookup(word, job) {
    if (!meta.dict.length) return null;
    var d = await shard(shardFor(word), job);
    var lo = 0, hi = d.length / 3;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (d[3 * mid] < word) lo = mid + 1; else hi = mid;
    }
    if (3 * lo < d.length && d[3 * lo] === word) return { term: word, idf: d[3 * lo + 1], block: d[3 * lo + 2] };
    return null;
  }

  async function expand(prefix, job) {
    if (!meta.dict.length) return [];
    var out = [];
    var first = shardFor(prefix);
    for (var i = first; i < meta.dict.length; i++) {
      if (i > first && !meta.dict[i].startsWith(prefix)) break;
      var d = await shard(i, job);
      for (var j = 0; j < d.length; j += 3) {
        if (d[j] !== prefix && d[j].startsWith(prefix)) out.push({ term: d[j], idf: d[j + 1], block: d[j + 2] });
      }
    }
    out.sort(function (x, y) { return x.idf - y.idf; }); // stable: term order among equals
    // Half as many for a short prefix (search.Expansions).
    return out.slice(0, Array.from(prefix).length < meta.long ? meta.expand >> 1 : meta.expand);
  }

  async function postings(e, job) {
    var l = lists.get(e.term);
    if (l) return l;
    var b = await load('post/' + e.block + '.json', job);
    l = decode(b[e.term] || '');
    lists.set(e.term, l);
    return l;
  }

  // search answers a query as search.Searcher.Search does.
  async function search(p, facets, job) {
    var n = meta.n;
    var score = null, match = null, exact = null;
    for (var wi = 0; wi < p.words.length; wi++) {
      var w = p.words[wi];
      var open = p.open && wi === p.words.length - 1;
      var entries = [];
      var e = await lookup(w, job);
      if (e) entries.push([e, true]);
      if (open) (await expand(w, job)).forEach(function (x) { entries.push([x, false]); });
      // Exact: 2 × idf × impact. The words a prefix stands for score as
      // one word: the smallest idf among them times the best impact.
      var ws = new Float64Array(n), wm = new Uint8Array(n), we = new Uint8Array(n), best = new Uint8Array(n);
      var minIdf = 0;
      for (var k = 0; k < entries.length; k++) {
        var en = entries[k][0], isExact = entries[k][1];
        var l = await postings(en, job);
        if (!isExact && (minIdf === 0 || en.idf < minIdf)) minIdf = en.idf;
        for (var i = 0; i < l.docs.length; i++) {
          var d = l.docs[i];
          wm[d] = 1;
          if (isExact) {
            ws[d] += 2 * en.idf * l.impacts[i];
            we[d] = 1;
          } else if (l.impacts[i] > best[d]) {
            best[d] = l.impacts[i];
          }
        }
      }
      if (minIdf) {
        for (var d1 = 0; d1 < n; d1++) ws[d1] += minIdf * best[d1];
      }
      if (!match) {
        score = ws; match = wm; exact = we;
      } else {
        for (var d2 = 0; d2 < n; d2++) {
          if (match[d2] && wm[d2]) { score[d2] += ws[d2]; exact[d2] = we[d2]; } else match[d2] = 0;
        }
      }
    }
    var res = {
      active: p.words.length > 0 || facets.year !== '' || facets.region !== '' || facets.kind !== '',
      hits: [],
      years: new Array(meta.years.length).fill(0),
      regions: new Array(meta.regions.length).fill(0),
      kinds: new Array(meta.kinds.length).fill(0)
    };
    if (!p.words.length) {
      match = new Uint8Array(n).fill(1);
      score = new Float64Array(n);
      exact = new Uint8Array(n).fill(1);
    }
    // null is every value; a value the index does not have matches nothing.
    var fy = facets.year === '' ? null : meta.years.indexOf(Number(facets.year));
    var fr = facets.region === '' ? null : meta.regions.findIndex(function (r) { return r[0] === facets.region; });
    var fk = facets.kind === '' ? null : meta.kinds.findIndex(function (k) { return k[0] === facets.kind; });
    for (var d3 = 0; d3 < n; d3++) {
      if (!match[d3]) continue;
      var y = fy === null || meta.y[d3] === fy;
      var r = fr === null || meta.r[d3] === fr;
      var kk = fk === null || meta.k[d3] === fk;
      if (r && kk) res.years[meta.y[d3]]++;
      if (y && kk) res.regions[meta.r[d3]]++;
      if (y && r) res.kinds[meta.k[d3]]++;
      if (y && r && kk && res.active) res.hits.push(d3);
    }
    res.hits = order(res.hits, exact, score, n);
    return res;
  }

  // order sorts hits: exact matches of the open word first, then by score,
  // then newest (highest number) first. Each group sorts as one typed
  // array of keys score·2^20 + document, much faster than a comparator.
  var SHIFT = 1048576;
  function order(hits, exact, score, n) {
    if (n > SHIFT) {
      return hits.sort(function (x, z) {
        return (exact[z] - exact[x]) || (score[z] - score[x]) || (z - x);
      });
    }
    var ne = 0;
    for (var i = 0; i < hits.length; i++) ne += exact[hits[i]];
    var ek = new Float64Array(ne), pk = new Float64Array(hits.length - ne);
    var a = 0, b = 0;
    for (var j = 0; j < hits.length; j++) {
      var d = hits[j];
      if (exact[d]) ek[a++] = score[d] * SHIFT + d; else pk[b++] = score[d] * SHIFT + d;
    }
    ek.sort();
    pk.sort();
    var out = new Array(hits.length), k = 0;
    for (var e = ek.length - 1; e >= 0; e--) out[k++] = ek[e] % SHIFT;
    for (var p = pk.length - 1; p >= 0; p--) out[k++] = pk[p] % SHIFT;
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
  // word of a text matches: its index in p.words, or -1.
  function matcher(p) {
    var index = new Map();
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
    var whichWord = matcher(current.p);
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
    if (m.v !== 1) throw new Error('index format ' + m.v);
    meta = m;
    run();
  }).catch(function (err) {
    setBusy(false);
    setStatus(strings.error, 0);
    form.dispatchEvent(new CustomEvent('search:error', { detail: { message: String(err) } }));
  });
})();
