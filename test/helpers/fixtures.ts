/**
 * Fixture plans carry their expected findings inline, as a comment at the end
 * of the line a finding starts on:
 *
 *     # Acme AI <!-- expect: missing-section:data-privacy missing-section:explainability -->
 *
 * `RULE` or `RULE:SECTION`, optionally with `@SEVERITY` (`missing-section:explainability@info`);
 * every finding of the fixture must be expected and every expectation found. A fixture may set its config in a first-line
 * comment: `<!-- fixture-config: {"rules": {"section-order": "hint"}} -->`.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';
import { applySettings, defaultConfig, fixAll, parseConfigText, type ResolvedConfig } from '../../server/src/core/index.js';

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
  // a line may have gained heading marks (unmarked-heading): `三、市场` -> `## 三、市场`, `#四` -> `# 四`
  const same = (h: string, line: string) => {
    if (h === line) return true;
    const m = /^(#{1,6}) ?/.exec(h);
    if (!m) return false;
    const rest = h.slice(m[0].length);
    return rest === line || m[1] + rest === line;
  };
  let j = 0;
  for (const line of want) {
    while (j < have.length && !same(have[j]!, line)) j++;
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

/** Fixes everything, then checks what the fixes must never do and what they must achieve. */
export function assertFixesSafe(name: string, text: string, config: ResolvedConfig): void {
  const fixed = fixAll(text, { config });
  assert.ok(keepsAllLines(text, fixed.text), `${name}: every original line is kept, in order`);
  assert.ok(keepsAllCharacters(text, fixed.text), `${name}: every original character is kept, in order`);
  const left = fixed.result.findings.filter((f) => f.rule === 'missing-section' || f.rule === 'missing-topic');
  assert.deepEqual(
    left.map((f) => `${f.rule}${f.section ? `:${f.section}` : ''}: ${f.message}`),
    [],
    `${name}: no missing section or topic is left after fixing everything`,
  );
  const again = fixAll(fixed.text, { config });
  assert.equal(again.text, fixed.text, `${name}: fixing the fixed text again changes nothing`);
}

/** A finding reduced to what fixtures compare: its 1-based line, rule and section. */
export interface Found {
  line: number;
  rule: string;
  section: string | null;
  severity: string;
  message: string;
}

/** Splits an expectation key `rule`, `rule:section`, either with `@severity`. */
export function parseKey(key: string): { rule: string; section: string | undefined; severity: string | undefined } {
  const at = key.indexOf('@');
  const severity = at < 0 ? undefined : key.slice(at + 1);
  const name = at < 0 ? key : key.slice(0, at);
  const i = name.indexOf(':');
  return i < 0 ? { rule: name, section: undefined, severity } : { rule: name.slice(0, i), section: name.slice(i + 1), severity };
}

/**
 * Matches findings against expectations as multisets of (line, key): an
 * expectation `rule:section` takes a finding of that rule and section on its
 * line, a bare `rule` any finding of that rule on its line. Qualified keys are
 * matched first, so a bare key never takes a finding a qualified one needs.
 */
export function diffExpectations(found: Found[], expected: Expectation[]): { unexpected: Found[]; unmet: Expectation[] } {
  const left = [...found];
  const unmet: Expectation[] = [];
  const specific = (k: string) => Number(k.includes(':')) + Number(k.includes('@'));
  const ordered = [...expected].sort((a, b) => specific(b.key) - specific(a.key) || a.line - b.line);
  for (const e of ordered) {
    const { rule, section, severity } = parseKey(e.key);
    const i = left.findIndex((f) => f.line === e.line && f.rule === rule && (section === undefined || f.section === section) && (severity === undefined || f.severity === severity));
    if (i < 0) unmet.push(e);
    else left.splice(i, 1);
  }
  unmet.sort((a, b) => a.line - b.line);
  return { unexpected: left, unmet };
}

/** A readable diff: `-` expected but not reported, `+` reported but not expected. */
export function formatDiff(d: { unexpected: Found[]; unmet: Expectation[] }): string {
  const rows = [
    ...d.unmet.map((e) => ({ line: e.line, text: `- line ${e.line}: ${e.key}  (expected, not reported)` })),
    ...d.unexpected.map((f) => ({ line: f.line, text: `+ line ${f.line}: ${f.section ? `${f.rule}:${f.section}` : f.rule}  (reported, not expected: ${f.message})` })),
  ];
  return rows
    .sort((a, b) => a.line - b.line)
    .map((r) => r.text)
    .join('\n');
}

/** A throw-away folder holding the given files (paths relative to it). */
export function tmpWorkspace(files: Record<string, string>, prefix = 'planlint-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}
