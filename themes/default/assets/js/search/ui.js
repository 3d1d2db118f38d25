// The archive's /search/ page: plain JavaScript modules, no dependencies,
// no build step. It reads the index that generator/search writes at build
// time, fetching only the files a query needs (query.js), and shows the
// results in the markup of the page's <template id="search-hit">, which
// the theme keeps beside its own list items. Everything taken from the
// index reaches the page as text nodes, never as HTML.

import { words } from './normalize.js';
import { Index, parse } from './query.js';

const form = document.getElementById('search-form');
if (form) start(form);

function start(form) {
  const base = form.dataset.index;
  const input = document.getElementById('search-q');
  const status = document.getElementById('search-status');
  const list = document.getElementById('search-results');
  const none = document.getElementById('search-none');
  const more = document.getElementById('search-more');
  const clear = document.getElementById('search-clear');
  const hitTemplate = document.getElementById('search-hit');
  const clearButtons = Array.from(document.querySelectorAll('.search-clear'));
  const filtersCount = document.getElementById('search-filters-count');
  // The filters come folded, for phones; where there is room for them
  // (site.css's 48rem, as the charts), they start open, as they were
  // before they could fold.
  const filtersBox = document.querySelector('.search-filters');
  if (filtersBox && window.matchMedia('(min-width: 48rem)').matches) filtersBox.open = true;
  const selects = {
    year: document.getElementById('search-year'),
    region: document.getElementById('search-region'),
    kind: document.getElementById('search-kind'),
    topic: document.getElementById('search-topic')
  };
  // A site without topics has no topic facet.
  if (!selects.topic) delete selects.topic;
  const lang = document.documentElement.lang || 'en';
  const plural = new Intl.PluralRules(lang);
  const strings = form.dataset;

  // ---- Loading the index's files ----

  const pending = new Map(); // file name → Promise of its JSON
  const ready = new Map(); // file name → its JSON, once loaded
  const STALE = {};
  let runSeq = 0;

  function get(name) {
    let p = pending.get(name);
    if (!p) {
      p = fetch(base + name).then((r) => {
        if (!r.ok) throw new Error(name + ': ' + r.status);
        return r.json();
      }).then((v) => {
        ready.set(name, v);
        return v;
      }, (err) => {
        pending.delete(name);
        throw err;
      });
      pending.set(name, p);
    }
    return p;
  }

  // load returns a file of the index. When a keystroke needs a file not
  // loaded yet, it waits a little first: a reader typing quickly fetches
  // only for the word they stop at.
  function load(name, job) {
    if (ready.has(name)) return Promise.resolve(ready.get(name));
    const wait = job.debounce ? new Promise((r) => setTimeout(r, 120)) : Promise.resolve();
    job.debounce = false;
    return wait.then(() => {
      if (job.seq !== runSeq) throw STALE;
      setBusy(true);
      return get(name);
    });
  }

  let index = null;

  // ---- The form and the address ----

  function fill(template, n, q) {
    return template.replace('%d', n.toLocaleString(lang)).replace('%s', q);
  }

  function countText(prefix, n, q) {
    const cat = plural.select(n);
    const key = prefix + cat.charAt(0).toUpperCase() + cat.slice(1);
    return fill(strings[key] || strings[prefix + 'Other'], n, q);
  }

  let statusTimer = 0;
  function setStatus(text, delay) {
    clearTimeout(statusTimer);
    if (delay) {
      statusTimer = setTimeout(() => { status.textContent = text; }, delay);
    } else {
      status.textContent = text;
    }
  }

  function setBusy(on) {
    list.setAttribute('aria-busy', on ? 'true' : 'false');
    form.classList.toggle('is-loading', on);
  }

  function facets() {
    return { year: selects.year.value, region: selects.region.value, kind: selects.kind.value, topic: selects.topic ? selects.topic.value : '' };
  }

  function hasFilters() {
    return Object.values(selects).some((s) => s.value !== '');
  }

  // showFilterCount writes in the control the filters fold behind how many
  // of them are on, or nothing when none is.
  function showFilterCount() {
    if (!filtersCount) return;
    const n = Object.values(selects).filter((s) => s.value !== '').length;
    filtersCount.textContent = n ? countText('filters', n, '') : '';
  }

  function readURL() {
    const params = new URL(location.href).searchParams;
    input.value = params.get('q') || '';
    for (const [k, s] of Object.entries(selects)) {
      s.value = params.get(k) || '';
      if (s.selectedIndex < 0) s.value = '';
    }
    showFilterCount();
  }

  // writeURL puts the state in the address: ?q=&region=&year=&kind=&topic=.
  function writeURL(push) {
    const u = new URL(location.href);
    u.search = '';
    const q = input.value.trim();
    if (q) u.searchParams.set('q', q);
    for (const k of ['region', 'year', 'kind', 'topic']) {
      if (selects[k] && selects[k].value) u.searchParams.set(k, selects[k].value);
    }
    if (u.href === location.href) return;
    if (push) history.pushState(null, '', u); else history.replaceState(null, '', u);
  }

  function updateFacets(res) {
    const meta = index.meta;
    const groups = [
      ['year', res.years, (v) => meta.years.indexOf(Number(v))],
      ['region', res.regions, (v) => meta.regions.findIndex((r) => r[0] === v)],
      ['kind', res.kinds, (v) => meta.kinds.findIndex((k) => k[0] === v)]
    ];
    // A match counts once for each of its topics: "all topics" is the
    // number of matches, not the sum.
    if (selects.topic) groups.push(['topic', res.topics, (v) => meta.topics.findIndex((t) => t[0] === v), res.topicTotal]);
    for (const [name, counts, at, all] of groups) {
      const total = all ?? counts.reduce((s, c) => s + c, 0);
      for (const o of selects[name].options) {
        const n = o.value === '' ? total : (counts[at(o.value)] || 0);
        const text = o.dataset.label + ' (' + n.toLocaleString(lang) + ')';
        if (o.textContent !== text) o.textContent = text;
        o.disabled = n === 0 && !o.selected && o.value !== '';
      }
    }
    const filtered = hasFilters();
    clear.hidden = !filtered;
    for (const b of clearButtons) b.hidden = !filtered;
  }

  // ---- The results ----

  // matcher returns a function that tells which query word a normalized
  // word of a text matches: its index in p.words, or -1. matches holds the
  // other words each query word matched (stems, one edit): word → index.
  function matcher(p, matches) {
    const which = new Map(matches);
    p.words.forEach((w, i) => which.set(w, i));
    const last = p.words.length - 1;
    const prefix = p.open ? p.words[last] : null;
    return (w) => {
      const i = which.get(w);
      if (i !== undefined) return i;
      return prefix !== null && w.startsWith(prefix) ? last : -1;
    };
  }

  // marked appends text[from:to] to el, each matching word in a <mark>.
  function marked(el, text, ws, from, to, whichWord) {
    let at = from;
    for (const w of ws) {
      if (w.end <= from || w.start < at) continue;
      if (w.start >= to) break;
      if (whichWord(w.norm) < 0) continue;
      if (w.start > at) el.appendChild(document.createTextNode(text.slice(at, w.start)));
      const m = document.createElement('mark');
      m.textContent = text.slice(w.start, Math.min(w.end, to));
      el.appendChild(m);
      at = Math.min(w.end, to);
    }
    if (at < to) el.appendChild(document.createTextNode(text.slice(at, to)));
  }

  const WINDOW = 24; // words an excerpt holds after its first match

  // distinct counts the different query words among ws[from:to].
  function distinct(ws, from, to, whichWord) {
    const seen = new Set();
    for (let i = from; i < to; i++) {
      const k = whichWord(ws[i].norm);
      if (k >= 0) seen.add(k);
    }
    return seen.size;
  }

  // excerpt fills el with the passage that holds the most different query
  // words: the summary, or a window of the body; the summary when neither
  // holds any.
  function excerpt(el, t, whichWord, nwords) {
    const inSummary = distinct(t.sw, 0, t.sw.length, whichWord);
    if (inSummary < nwords && !t.bw) t.bw = words(t.body); // read the body only when needed
    const ws = inSummary < nwords ? t.bw : [];
    let best = -1;
    let bestCount = inSummary;
    for (let i = 0; i < ws.length; i++) {
      if (whichWord(ws[i].norm) < 0) continue;
      const c = distinct(ws, i, Math.min(ws.length, i + WINDOW), whichWord);
      if (c > bestCount) { best = i; bestCount = c; }
    }
    if (best < 0) {
      marked(el, t.summary, t.sw, 0, t.summary.length, whichWord);
      return;
    }
    // Show the window with a few words of context before it.
    const s = Math.max(0, best - 5);
    const e = Math.min(ws.length, best + WINDOW);
    if (s > 0) el.appendChild(document.createTextNode('… '));
    marked(el, t.body, ws, ws[s].start, ws[e - 1].end, whichWord);
    if (e < ws.length) el.appendChild(document.createTextNode(' …'));
  }

  const texts = new Map(); // document → {summary, body, sw, bw}: the words of its texts

  async function docInfo(id, job) {
    const d = await index.doc(id, job);
    let t = texts.get(id);
    if (!t) {
      t = { summary: d.summary, body: d.body, sw: words(d.summary), bw: null };
      texts.set(id, t);
    }
    return { ...d, text: t, tw: words(d.title) };
  }

  // item fills a copy of the page's template with one result.
  function item(id, info, whichWord, nwords) {
    const meta = index.meta;
    const li = hitTemplate.content.firstElementChild.cloneNode(true);
    const field = (name) => li.querySelector('[data-field="' + name + '"]');
    const a = field('title');
    // Index URLs are site paths; anything else is not a link of ours.
    if (/^\/(?!\/)/.test(info.url)) a.setAttribute('href', info.url);
    marked(a, info.title, info.tw, 0, info.title.length, whichWord);
    // A record not translated into the page's language is shown as it is
    // written, marked as the lists mark it: lang= on its title and text,
    // and the label of its language, which the template holds for each
    // language the index's documents are in.
    for (const badge of li.querySelectorAll('[data-lang]')) {
      if (badge.dataset.lang === info.lang) {
        badge.removeAttribute('data-lang');
        continue;
      }
      const space = badge.previousSibling;
      if (space && space.nodeType === Node.TEXT_NODE && !space.data.trim()) space.remove();
      badge.remove();
    }
    if (info.lang) {
      a.setAttribute('lang', info.lang);
      a.setAttribute('hreflang', info.lang);
      field('excerpt').setAttribute('lang', info.lang);
    }
    const time = field('date');
    time.setAttribute('datetime', info.iso);
    time.textContent = info.date;
    field('location').textContent = info.location;
    field('kind').textContent = meta.kinds[meta.k[id]][1];
    field('region').textContent = meta.regions[meta.r[id]][1];
    excerpt(field('excerpt'), info.text, whichWord, nwords);
    return li;
  }

  let current = null; // the last answer shown: {p, res, shown}

  async function showHits(job, from, to) {
    const ids = current.res.hits.slice(from, to);
    const infos = await Promise.all(ids.map((id) => docInfo(id, job)));
    if (job.seq !== runSeq) throw STALE;
    const whichWord = matcher(current.p, current.res.matches);
    return ids.map((id, i) => item(id, infos[i], whichWord, current.p.words.length));
  }

  // PAUSE is how long after a keystroke the word being typed is searched
  // in full: while the reader types it, it stands for fewer words and has
  // no one-edit matches, so that each keystroke fetches little (see
  // search.Query.Typing); when they stop, it gets them all.
  const PAUSE = 400;
  let pauseTimer = 0;

  // run answers the state of the form. Only the newest run renders. A
  // keystroke's run (opts.typing) leaves the word being typed to the run
  // that follows a pause.
  async function run(opts) {
    const typing = !!(opts && opts.typing);
    const job = { seq: ++runSeq, debounce: typing, t0: (opts && opts.t0) || performance.now() };
    clearTimeout(pauseTimer);
    const q = input.value;
    const p = parse(q, index.meta.prefix);
    const partial = typing && p.open;
    if (partial) {
      pauseTimer = setTimeout(() => {
        if (job.seq === runSeq) run({ t0: job.t0, paused: true });
      }, PAUSE);
    }
    try {
      const res = await index.search(p, facets(), job, partial);
      if (job.seq !== runSeq) return;
      const searched = performance.now() - job.t0;
      current = { p, res, shown: Math.min(res.hits.length, index.meta.page) };
      const items = await showHits(job, 0, current.shown);
      setBusy(false);
      updateFacets(res);
      list.replaceChildren(...items);
      more.hidden = current.shown >= res.hits.length;
      // Nothing found yet may be found in full, after the pause.
      none.hidden = !res.active || res.hits.length > 0 || partial;
      let text = '';
      if (p.short && !p.words.length && !hasFilters()) text = strings.short;
      else if (res.active && p.words.length) text = countText('count', res.hits.length, q.trim());
      else if (res.active) text = countText('browse', res.hits.length, '');
      // While typing, the count waits until the reader stops for a moment,
      // so that a screen reader does not read every keystroke's.
      let delay = 0;
      if (typing) delay = 600;
      else if (opts && opts.paused) delay = Math.max(0, 600 - (performance.now() - job.t0));
      setStatus(text, delay);
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

  // ---- Events ----

  let lastTyping = -Infinity;
  input.addEventListener('input', () => {
    const now = performance.now();
    // The first keystroke after a pause makes a new history entry; the
    // next ones update it, so Back returns to what was searched before.
    writeURL(now - lastTyping > 1000);
    lastTyping = now;
    if (index) run({ typing: true, t0: now });
  });

  for (const s of Object.values(selects)) {
    s.addEventListener('change', () => {
      showFilterCount();
      writeURL(true);
      if (index) run();
    });
  }

  for (const b of clearButtons) {
    b.addEventListener('click', () => {
      for (const s of Object.values(selects)) s.value = '';
      showFilterCount();
      writeURL(true);
      input.focus();
      if (index) run();
    });
  }

  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    writeURL(true);
    lastTyping = -Infinity;
    if (index) run();
  });

  more.addEventListener('click', async () => {
    if (!current) return;
    const job = { seq: runSeq, debounce: false };
    const from = current.shown;
    const to = Math.min(current.res.hits.length, from + index.meta.page);
    try {
      const items = await showHits(job, from, to);
      current.shown = to;
      list.append(...items);
      more.hidden = to >= current.res.hits.length;
      const link = items.length && items[0].querySelector('a');
      if (link) link.focus();
      setBusy(false);
    } catch (err) {
      if (err !== STALE) setStatus(strings.error, 0);
      setBusy(false);
    }
  });

  window.addEventListener('popstate', () => {
    readURL();
    lastTyping = -Infinity;
    if (index) run();
  });

  readURL();
  setBusy(true);
  get('meta.json').then((m) => {
    index = new Index(m, load);
    run();
  }).catch((err) => {
    setBusy(false);
    setStatus(strings.error, 0);
    form.dispatchEvent(new CustomEvent('search:error', { detail: { message: String(err) } }));
  });
}
