// Unit tests of the search page's normalize.js against the table the Go
// tests use (generator/search/testdata/normalize.json). Run with
// `node --test generator/search/jstest/`; `go test ./generator/search/`
// runs them too (TestNode).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { normalize, tokenize, words } from '../../../themes/default/assets/js/search/normalize.js';

const table = (name) => JSON.parse(readFileSync(new URL('../testdata/' + name, import.meta.url), 'utf8'));

test('normalize and tokenize: testdata/normalize.json', () => {
  const cases = table('normalize.json');
  assert.ok(cases.length >= 30, `only ${cases.length} cases`);
  for (const c of cases) {
    assert.equal(normalize(c.in), c.norm, `normalize(${JSON.stringify(c.in)})`);
    assert.deepEqual(tokenize(c.in), c.tokens || [], `tokenize(${JSON.stringify(c.in)})`);
  }
});

test('words finds the tokens, with spans in the original text', () => {
  for (const c of table('normalize.json')) {
    const ws = words(c.in);
    assert.deepEqual(ws.map((w) => w.norm), c.tokens || [], `words(${JSON.stringify(c.in)})`);
    let at = 0;
    for (const w of ws) {
      assert.ok(w.start >= at && w.end > w.start && w.end <= c.in.length, `span ${w.start}-${w.end} of ${JSON.stringify(c.in)}`);
      at = w.start;
    }
  }
  // A combining mark stays in the span of its word; a separator does not.
  assert.deepEqual(words('Re\u0301union, Genève'), [
    { start: 0, end: 8, norm: 'reunion' },
    { start: 10, end: 16, norm: 'geneve' }
  ]);
});
