/**
 * The include/exclude glob matcher: it agrees with picomatch (the matcher it
 * replaced, with dot and nocase) on ordinary patterns, costs at most about
 * pattern × path steps on any pattern (a regular expression engine
 * backtracks exponentially on `*a*a*a…b`), and a glob past the limits is a
 * config error naming the file, the key and what was expected.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import picomatch from 'picomatch';
import { globMatcher, globStats, globProblem, MAX_GLOB_WILDCARDS } from '../server/src/core/glob.js';
import { isPlan, defaultConfig, parseConfigText, applySettings, DEFAULT_INCLUDE } from '../server/src/core/index.js';
import { normalizeSettings } from '../server/src/lsp/settings.js';

const numRuns = Number(process.env.PLANLINT_FUZZ_RUNS ?? 400);
const old = (globs: string[]) => picomatch(globs, { dot: true, nocase: true, matchBase: false });

/** Steps the matcher takes for one path. */
function steps(globs: string[], p: string): { hit: boolean; steps: number } {
  const m = globMatcher(globs);
  const before = globStats.steps;
  const hit = m(p);
  return { hit, steps: globStats.steps - before };
}

test('the patterns of the defaults and of the docs match as before', () => {
  const globs = ['**/*plan*.md', '**/*Plan*.md', '**/*PLAN*.md', '**/*计划*.md', '**/bp*.md', '**/BP*.md', '**/*-bp.md', 'docs/**', 'drafts/*.md', '!**/archive/**', '**/*.{md,markdown}', 'a?c.md', '[a-c]x.md', '[^a]y.md', '\\*.md', './rel.md'];
  const paths = ['business-plan.md', 'docs/Business-PLAN.md', 'x/y/商业计划书.md', 'bp-2026.md', 'docs/BP.md', 'docs', 'docs/a/b', 'drafts/x.md', 'drafts/a/x.md', 'archive/plan.md', 'notes.markdown', 'abc.md', 'a/c.md', 'bx.md', 'Cx.md', 'dx.md', 'ay.md', 'by.md', '*.md', 'x.md', 'rel.md', '.hidden/plan.md', '../up/plan.md', 'a/../plan.md', 'plan.md/', 'README.md'];
  for (const g of globs) for (const p of paths) assert.equal(globMatcher([g])(p), old([g])(p), `${g} on ${p}`);
  for (const p of paths) assert.equal(globMatcher(globs)(p), old(globs)(p), `all on ${p}`);
});

// ordinary patterns: literals, *, ?, **, classes, braces, a leading !
const lit = fc.constantFrom('a', 'b', 'A', '.', '-', 'md', '计');
const tokenArb = fc.oneof(
  { weight: 4, arbitrary: lit },
  { weight: 3, arbitrary: fc.constant('*') },
  { weight: 1, arbitrary: fc.constant('?') },
  { weight: 1, arbitrary: fc.constantFrom('[ab]', '[a-b]', '[^a]', '[.-]') },
  { weight: 1, arbitrary: fc.constantFrom('{a,b}', '{ab,b}', '{-,b?}') },
);
const segmentArb = fc.oneof({ weight: 1, arbitrary: fc.constant('**') }, { weight: 4, arbitrary: fc.array(tokenArb, { minLength: 1, maxLength: 4 }).map((t) => t.join('')) });
const patternArb = fc
  .tuple(fc.boolean(), fc.array(segmentArb, { minLength: 1, maxLength: 4 }))
  .map(([neg, segs]) => (neg ? '!' : '') + segs.join('/'))
  // not ordinary, where picomatch has quirks of its own: a final /** after a segment with a * (there it wants a
  // slash, after any other segment it matches nothing too), a class after a slash, braces next to a * or a dot,
  // ** inside a segment (sometimes a globstar there), *.* (there the second * must match a character)
  .filter((p) => !/(^|\/)!?\[|\*\{|\}\*|\.\{|^!?\{|[^/!]\*\*|\*\*[^/]|\*\.\*/.test(p) && !/(^|\/)(?!\*\*\/)[^/]*\*[^/]*(\/\*\*)+$/.test(p));
// no "." or ".." segments: picomatch lets ? and [...] match them but not * (the examples above pin down ours: no wildcard does)
const pathSegArb = fc.oneof(
  { weight: 8, arbitrary: fc.array(fc.constantFrom('a', 'b', 'B', '.', '-', 'm', 'd', '计'), { minLength: 1, maxLength: 5 }).map((c) => c.join('')) },
  { weight: 1, arbitrary: fc.constantFrom('a.md', '.md', '.a') },
).filter((s) => s !== '.' && s !== '..');
const pathArb = fc.array(pathSegArb, { minLength: 1, maxLength: 4 }).map((s) => s.join('/'));

test('property: on ordinary patterns the matcher agrees with picomatch (dot, nocase)', () => {
  fc.assert(
    fc.property(patternArb, fc.array(pathArb, { minLength: 1, maxLength: 8 }), (pattern, paths) => {
      const mine = globMatcher([pattern]);
      const theirs = old([pattern]);
      for (const p of paths) assert.equal(mine(p), theirs(p), `${pattern} on ${p}`);
    }),
    { numRuns },
  );
});

test('**/*a*a*a*a*a*a*a*a*a*a*a*a*b against a 40-character name: a bounded number of steps', () => {
  const hostile = '**/*a*a*a*a*a*a*a*a*a*a*a*a*b';
  const name = 'a'.repeat(40);
  const r = steps([hostile], `docs/${name}`);
  assert.equal(r.hit, false);
  // at most (tokens + 1) × (characters + 1) per segment pair, and a few segment pairs
  const bound = 3 * (hostile.length + 1) * (name.length + 1);
  assert.ok(r.steps <= bound, `${r.steps} steps, bound ${bound}`);
  // and the cost grows linearly with the name, not exponentially with the stars: 10 × the name, at most ~10 × the steps
  const long = steps([hostile], `docs/${'a'.repeat(400)}`);
  assert.ok(long.steps <= 12 * r.steps, `${r.steps} steps for 40 characters, ${long.steps} for 400`);
  // through isPlan, as a config would use it
  const config = applySettings(defaultConfig(), { include: [hostile] }, undefined, '/w');
  const before = globStats.steps;
  assert.equal(isPlan(`/w/docs/${name}.md`, '# x', config), false);
  assert.ok(globStats.steps - before <= 2 * bound);
});

test('property: the steps are bounded by pattern × path on any pattern of the allowed size', () => {
  const wild = fc.array(fc.constantFrom('*', '?', 'a', 'b', '**', '/', '[ab]', '{a,b}'), { minLength: 1, maxLength: 40 }).map((t) => t.join(''));
  const name = fc.array(fc.constantFrom('a', 'b', '/', 'c'), { minLength: 0, maxLength: 80 }).map((t) => t.join(''));
  fc.assert(
    fc.property(wild, name, (pattern, p) => {
      if (globProblem(pattern)) return;
      const r = steps([pattern], p);
      // every alternative of the braces costs at most (segments + 1) × (path + 1) table cells, each at most its tokens × characters
      const alternatives = Math.max(1, 2 ** (pattern.match(/\{/g)?.length ?? 0));
      const bound = alternatives * (pattern.length + 2) * (p.length + 2) * 2;
      assert.ok(r.steps <= bound, `${pattern} on ${p}: ${r.steps} > ${bound}`);
    }),
    { numRuns },
  );
});

test('globs past the limits are config errors naming the file, the key and what was expected, in the config file and in the settings', () => {
  const many = '*a'.repeat(MAX_GLOB_WILDCARDS + 1);
  const cases: [string, RegExp][] = [
    [many, new RegExp(`expected a glob with at most ${MAX_GLOB_WILDCARDS} wildcards .*this one has ${MAX_GLOB_WILDCARDS + 1}`)],
    ['x'.repeat(300), /expected at most 256 characters, this one has 300/],
    ['@(a|b).md', /extended globs such as @\(\.\.\.\) are not supported/],
    ['{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}.md', /at most 64 alternatives/],
  ];
  for (const [glob, says] of cases) {
    const r = parseConfigText(JSON.stringify({ include: ['**/*plan*.md', glob] }), 'planlint.config.json');
    assert.equal(r.errors.length, 1, glob);
    assert.equal(r.errors[0]!.keyPath, 'include[1]');
    assert.match(r.errors[0]!.message, /^planlint\.config\.json: "include\[1\]": /);
    assert.match(r.errors[0]!.expected, says);
    const ex = parseConfigText(JSON.stringify({ exclude: [glob] }), 'planlint.config.json');
    assert.equal(ex.errors[0]!.keyPath, 'exclude[0]');
    const s = normalizeSettings({ include: [glob], debounceMs: 5 });
    assert.equal(s.errors.length, 1);
    assert.equal(s.errors[0]!.keyPath, 'include[0]');
    assert.equal(s.settings.debounceMs, 5, 'the other settings stay');
    assert.deepEqual(s.settings.plan.include, DEFAULT_INCLUDE, 'the bad include is dropped: the default stands');
    // a glob past the limits never matches, even where nothing validated it
    assert.equal(globMatcher([glob])('a'), false);
  }
  // the limits leave ordinary globs alone
  assert.deepEqual(parseConfigText(JSON.stringify({ include: ['**/*plan*.md', 'docs/{a,b}/*.md', 'x/[a-z]?.md'] }), 'c.json').errors, []);
});
