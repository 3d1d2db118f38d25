// Normalization and words: the rules of generator/search/normalize.go,
// which its package documentation specifies and
// generator/search/testdata/normalize.json tests on both sides. Pure: no
// DOM, no network, so that node --test runs it as the browser does.

const SPECIAL = new Map([
  ['ß', 'ss'], ['æ', 'ae'], ['œ', 'oe'], ['ø', 'o'], ['đ', 'd'], ['ð', 'd'],
  ['ħ', 'h'], ['ł', 'l'], ['ŧ', 't'], ['þ', 'th'], ['ı', 'i'], ['ς', 'σ'],
  ['\u00ad', '']
]);
const MARK = /\p{M}/u;
const WORD_CP = /^[\p{L}\p{N}]$/u;
const WORDS = /[\p{L}\p{N}]+/gu;
const ENDS_IN_WORD = /[\p{L}\p{N}]$/u;
const foldCache = new Map();

// fold returns what one code point becomes: decomposed (NFKD), without
// combining marks, lowercased, with the letters of SPECIAL spelled out.
export function fold(c) {
  const code = c.charCodeAt(0);
  if (code < 0x80) {
    return code >= 65 && code <= 90 ? String.fromCharCode(code + 32) : c;
  }
  let v = foldCache.get(c);
  if (v !== undefined) return v;
  v = '';
  for (const d of c.normalize('NFKD')) {
    if (MARK.test(d)) continue;
    const lower = d.toLowerCase();
    const s = SPECIAL.get(lower);
    v += s === undefined ? lower : s;
  }
  foldCache.set(c, v);
  return v;
}

// isWordCP tells whether a code point (a string of one) is a letter or a
// digit.
function isWordCP(d) {
  const code = d.charCodeAt(0);
  if (code < 0x80) {
    return (code >= 97 && code <= 122) || (code >= 48 && code <= 57) || (code >= 65 && code <= 90);
  }
  return WORD_CP.test(d);
}

export function normalize(s) {
  let out = '';
  for (const c of s) out += fold(c);
  return out;
}

// split returns the words of a normalized text.
export function split(norm) {
  return norm.match(WORDS) || [];
}

// endsInWord tells whether a normalized text ends inside a word.
export function endsInWord(norm) {
  return ENDS_IN_WORD.test(norm);
}

export function tokenize(s) {
  return split(normalize(s));
}

// words returns the words of an original text with their spans in it,
// for excerpts and highlighting: {start, end, norm}.
export function words(text) {
  const out = [];
  let cur = null;
  let i = 0;
  for (const c of text) {
    const f = fold(c);
    for (const d of f) {
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
