/**
 * Fixture plans carry their expected findings inline, as a comment at the end
 * of the line a finding starts on:
 *
 *     # Acme AI <!-- expect: missing-section:data-privacy missing-section:explainability -->
 *
 * `RULE` or `RULE:SECTION`; every finding of the fixture must be expected and
 * every expectation found. A fixture may set its config in a first-line
 * comment: `<!-- fixture-config: {"rules": {"section-order": "hint"}} -->`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { applySettings, defaultConfig, parseConfigText, type ResolvedConfig } from '../../server/src/core/index.js';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const FIXTURES = path.join(REPO, 'test', 'fixtures');

export interface Expectation {
  line: number;
  key: string;
}

const EXPECT_RE = /<!--\s*expect:\s*([^>]*?)\s*-->/g;

export function expectations(text: string): Expectation[] {
  const out: Expectation[] = [];
  text.split(/\r?\n/).forEach((l, i) => {
    for (const m of l.matchAll(EXPECT_RE)) for (const key of m[1]!.split(/\s+/).filter(Boolean)) out.push({ line: i + 1, key });
  });
  return out;
}

export function fixtureConfig(text: string, file = 'fixture'): ResolvedConfig {
  const m = /^<!--\s*fixture-config:\s*([\s\S]*?)\s*-->/.exec(text);
  const base = defaultConfig();
  if (!m) return base;
  const r = parseConfigText(m[1]!, file);
  if (!r.config) throw new Error(r.errors.map((e) => e.message).join('\n'));
  return applySettings(base, r.config);
}

export function listFixtures(dir: string): string[] {
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.md'))
    .sort()
    .map((f) => path.join(dir, f));
}

/** True when every line of `original` appears in `fixed`, in order. */
export function keepsAllLines(original: string, fixed: string): boolean {
  const want = original.split(/\r?\n/);
  const have = fixed.split(/\r?\n/);
  let j = 0;
  for (const line of want) {
    while (j < have.length && have[j] !== line) j++;
    if (j === have.length) return false;
    j++;
  }
  return true;
}

/** True when `original` is a subsequence of `fixed`, character by character. */
export function keepsAllCharacters(original: string, fixed: string): boolean {
  let j = 0;
  for (let i = 0; i < original.length; i++) {
    j = fixed.indexOf(original[i]!, j);
    if (j < 0) return false;
    j++;
  }
  return true;
}
