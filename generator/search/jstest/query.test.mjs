// Unit tests of the search page's query.js against the tables the Go tests
// use (generator/search/testdata/*.json). Run with
// `node --test generator/search/jstest/`; `go test ./generator/search/`
// runs them too (TestNode), and builds for them the index of
// testdata/match.json, which the last test reads.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Index, FORMAT, parse, oneEdit, signatures, order } from '../../../themes/default/assets/js/search/query.js';

const table = (name) => JSON.parse(readFileSync(new URL('../testdata/' + name, import.meta.url), 'utf8'));

const MIN_PREFIX = 2; // search.MinPrefix, which testdata/query.json assumes
const MIN_FUZZY = 5; // search.MinFuzzy

test('parse: testdata/query.json', () => {
  for (const c of table('query.json')) {
    const p = parse(c.in, MIN_PREFIX);
    assert.deepEqual(p.words, c.words || [], `parse(${JSON.stringify(c.in)}).words`);
    assert.equal(p.open, c.open, `parse(${JSON.stringify(c.in)}).open`);
  }
});

test('oneEdit and signatures: testdata/edits.json', () => {
  const t = table('edits.json');
  for (const [a, b, want] of t.pairs) {
    assert.equal(oneEdit(Array.from(a), Array.from(b)), want, `oneEdit(${a}, ${b})`);
  }
  for (const [w, want] of t.signatures) {
    assert.deepEqual(signatures(Array.from(w), MIN_FUZZY - 1), want, `signatures(${w})`);
  }
});

test('order: by tier, then score, then newest', () => {
  const tier = Uint8Array.from([4, 1, 4, 3, 4, 0]);
  const score = Float64Array.from([10, 99, 10, 50, 12, 0]);
  assert.deepEqual(order([0, 1, 2, 3, 4], tier, score, 6), [4, 2, 0, 3, 1]);
});

const TIERS = ['', 'edit', 'stem', 'prefix', 'exact'];
const matchIndex = process.env.ARCHIVE_SEARCH_MATCH_INDEX;

test('search: testdata/match.json', { skip: !matchIndex && 'needs the index that go test ./generator/search/ -run TestNode builds' }, async () => {
  const file = (name) => JSON.parse(readFileSync(join(matchIndex, name), 'utf8'));
  const fetched = [];
  const index = new Index(file('meta.json'), async (name) => {
    fetched.push(name);
    return file(name);
  });
  for (const q of table('match.json').queries) {
    const facets = { year: '', region: '', kind: '', topic: q.topic ?? '' };
    const res = await index.search(parse(q.q, index.meta.prefix), facets, {});
    const got = [];
    for (const d of res.hits) got.push([(await index.doc(d, {})).url, TIERS[res.tier[d]]]);
    assert.deepEqual(got, q.hits, `search(${JSON.stringify(q.q)}, topic ${JSON.stringify(facets.topic)})`);
    if (q.topic_counts) assert.deepEqual(res.topics, q.topic_counts, `topic counts of ${JSON.stringify(q.q)}`);
    if (q.topic_total !== undefined) assert.equal(res.topicTotal, q.topic_total, `topic total of ${JSON.stringify(q.q)}`);
  }
  assert.ok(fetched.some((n) => n.startsWith('near/')), 'the one-edit index was never read');
});

test('search while typing: as search.Query.Typing (TestTyping)', { skip: !matchIndex && 'needs the index that go test ./generator/search/ -run TestNode builds' }, async () => {
  const file = (name) => JSON.parse(readFileSync(join(matchIndex, name), 'utf8'));
  const index = new Index(file('meta.json'), async (name) => file(name));
  const all = { year: '', region: '', kind: '' };
  const count = async (q, typing) => (await index.search(parse(q, index.meta.prefix), all, {}, typing)).hits.length;
  assert.equal(await count('labor', true), 0);
  assert.equal(await count('labor', false), 3);
  assert.equal(await count('labor ', true), 3);
  assert.equal(await count('migration labor', true), 0);
  assert.equal(await count('migration labor', false), 1);
  assert.equal(await count('labor migr', true), 1);
  const words = async (q, typing) => (await index.search(parse(q, index.meta.prefix), all, {}, typing)).matches.size;
  assert.equal(await words('mig', true), 2);
  assert.equal(await words('mig', false), 4);
});

test('doc: a text file named otherwise than by a digest is not fetched (search.TestTextName)', async () => {
  const fetched = [];
  for (const bad of ['../../meta', '', '0123456789ABCDEF0123456789ABCDEF', '0123456789abcdef0123456789abcdef/../x']) {
    const files = { 'docs/0.json': [['/a/', 'A', '2013-09-12', '12 September 2013', 'Geneva', bad]] };
    const index = new Index({ v: FORMAT, chunk: 16 }, async (name) => { fetched.push(name); return files[name]; });
    await assert.rejects(index.doc(0, {}), /names no text file/, JSON.stringify(bad));
  }
  assert.deepEqual(fetched, ['docs/0.json', 'docs/0.json', 'docs/0.json', 'docs/0.json']);
  const name = '0123456789abcdef0123456789abcdef';
  const files = { 'docs/0.json': [['/a/', 'A', '2013-09-12', '12 September 2013', 'Geneva', name, 'fr']], ['../text/' + name + '.json']: ['S.', 'B.'] };
  const index = new Index({ v: FORMAT, chunk: 16 }, async (n) => files[n]);
  assert.deepEqual(await index.doc(0, {}), { url: '/a/', title: 'A', iso: '2013-09-12', date: '12 September 2013', location: 'Geneva', summary: 'S.', body: 'B.', lang: 'fr' });
});
