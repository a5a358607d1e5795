/**
 * hasKeyword's literal pre-check never changes an answer: on folded text it
 * says the same as the keyword's regular expression alone, for every keyword
 * of the profile, on the guide's sections and on generated text with case
 * and width variants, long s, Kelvin sign and punctuation between words.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { getProfile } from '../server/src/core/index.js';
import { foldForSearch, hasKeyword, keywordRe } from '../server/src/core/keywords.js';
import { REPO } from './helpers/fixtures.js';

const keywords = [...new Set(getProfile().sections.flatMap((s) => [...s.keywords.zh, ...s.keywords.en, ...s.topics.flatMap((t) => [...t.keywords.zh, ...t.keywords.en])]))];

function agrees(folded: string, label: string): void {
  for (const k of keywords) assert.equal(hasKeyword(folded, k), keywordRe(k).test(folded), `${label}: ${k}`);
}

test('the literal pre-check agrees with the regular expression on the guide', () => {
  const guide = path.resolve(REPO, '..', 'shared', 'guide', '000_d9ba60f635477a24.txt');
  const texts = fs.existsSync(guide) ? fs.readFileSync(guide, 'utf8').split(/\n(?=#)/) : [];
  texts.push('TAM SAM SOM', 'Data Privacy and ſecurity', 'ＧＤＰＲ compliance', 'go-to-market, pricing; CAC/LTV', 'KPI ＫＰＩ');
  for (const t of texts) agrees(foldForSearch(t), t.slice(0, 30));
});

test('the literal pre-check agrees with the regular expression on generated text', () => {
  const piece = fc.oneof(fc.constantFrom(...keywords), fc.constantFrom('ſ', 'K', 'İ', 'ß', '-', ' ', '/', '，', 'Ａ', 'x', '\n'), fc.string({ maxLength: 4 }));
  fc.assert(
    fc.property(fc.array(piece, { maxLength: 12 }), fc.boolean(), (parts, upper) => {
      const raw = parts.join(' ');
      agrees(foldForSearch(upper ? raw.toUpperCase() : raw), raw);
    }),
    { numRuns: 300 },
  );
});
