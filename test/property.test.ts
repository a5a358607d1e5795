/**
 * Property tests of the core: for arbitrary strings and generated plans,
 * checking never throws, every range lies inside the text, fixes keep every
 * character of the user's text in order, fixing twice changes nothing the
 * second time, and inserting all missing required sections leaves none.
 * PLANLINT_FUZZ_RUNS raises the budget (default 150 runs a property).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { checkPlan, fixAll, insertAllMissing, applyEdits, LineIndex, lineBreaks } from '../server/src/core/index.js';
import { anyText, planText } from './helpers/arbitraries.js';
import { keepsAllCharacters } from './helpers/fixtures.js';

const numRuns = Number(process.env.PLANLINT_FUZZ_RUNS ?? 150);

test('checking never throws and every range lies inside the text', () => {
  fc.assert(
    fc.property(anyText, (text) => {
      const r = checkPlan(text);
      for (const f of r.findings) {
        assert.ok(f.start >= 0 && f.start <= f.end && f.end <= text.length, `${f.rule} ${f.start}-${f.end} of ${text.length}`);
        for (const rel of f.related ?? []) assert.ok(rel.start >= 0 && rel.end <= text.length);
        for (const e of f.fix?.edits ?? []) assert.ok(e.start >= 0 && e.start <= e.end && e.end <= text.length);
      }
    }),
    { numRuns },
  );
});

test('every single fix keeps all of the original text, in order', () => {
  fc.assert(
    fc.property(planText, (text) => {
      const r = checkPlan(text);
      for (const f of r.findings) {
        if (!f.fix) continue;
        const fixed = applyEdits(text, f.fix.edits);
        assert.ok(keepsAllCharacters(text, fixed), `${f.rule} fix dropped text`);
      }
    }),
    { numRuns },
  );
});

test('fix all keeps the text, is idempotent, and leaves no missing-section', () => {
  fc.assert(
    fc.property(planText, (text) => {
      const once = fixAll(text);
      assert.ok(keepsAllCharacters(text, once.text), 'fix all dropped text');
      assert.equal(once.result.findings.filter((f) => f.rule === 'missing-section').length, 0, 'missing-section left');
      const twice = fixAll(once.text);
      assert.equal(twice.text, once.text, 'a second fix all changed the text');
    }),
    { numRuns: Math.max(20, Math.floor(numRuns / 3)) },
  );
});

test('after inserting all missing required sections, no missing-section error remains', () => {
  fc.assert(
    fc.property(planText, (text) => {
      const r = checkPlan(text);
      const fixed = applyEdits(text, insertAllMissing(r));
      assert.ok(keepsAllCharacters(text, fixed));
      const after = checkPlan(fixed);
      assert.deepEqual(after.findings.filter((f) => f.rule === 'missing-section' && f.severity === 'error').map((f) => f.message), []);
    }),
    { numRuns },
  );
});

/** Front matter in every shape (invalid YAML, opt-out, bad settings, unclosed, TOML) and raw HTML blocks, around a generated plan. */
const frontMatter = fc.constantFrom(
  '',
  '---\nplanlint: true\n---\n',
  '---\nplanlint: false\n---\n',
  '---\nplanlint:\n  rules:\n    no-such-rule: error\n---\n',
  '---\nplanlint:\n  profile: ../evil.js\n  extends: http://127.0.0.1:9/x\n---\n',
  '---\nplanlint: [1, 2\n---\n',
  '---\n: : :\n\t- bad yaml\n---\n',
  '---\ntitle: unclosed front matter\n',
  '+++\ntitle = "toml"\n+++\n',
  '---\n---\n',
  '---\r\nplanlint:\r\n  language: zh\r\n---\r\n',
  '\uFEFF---\nplanlint: true\n---\n',
);
const html = fc.constantFrom(
  '<details><summary>Market demand</summary>\n\n## 市场需求\n\n</details>',
  '<script>\n## not a heading\n</script>',
  '<table><tr><td>TODO</td></tr></table>',
  '<!-- planlint-disable missing-section -->',
  '<!-- unclosed comment\n## Data privacy',
  '<div>\n\n## 数据隐私\n\n</div>',
  '<pre>\n# inside pre\n</pre>',
  '<?xml version="1.0"?>',
  '<![CDATA[ ## x ]]>',
);
const planWithExtras = fc.tuple(frontMatter, planText, fc.array(html, { maxLength: 4 }), fc.nat()).map(([fm, body, blocks, at]) => {
  const lines = body.split('\n');
  for (const b of blocks) lines.splice(at % (lines.length + 1), 0, b);
  return fm + lines.join('\n');
});

test('front matter variants and HTML blocks: never throws, ranges inside, single fixes keep the text', () => {
  fc.assert(
    fc.property(planWithExtras, (text) => {
      const r = checkPlan(text);
      for (const f of r.findings) {
        assert.ok(f.start >= 0 && f.start <= f.end && f.end <= text.length, `${f.rule} ${f.start}-${f.end} of ${text.length}`);
        if (!f.fix) continue;
        for (const e of f.fix.edits) assert.ok(e.start >= 0 && e.start <= e.end && e.end <= text.length);
        assert.ok(keepsAllCharacters(text, applyEdits(text, f.fix.edits)), `${f.rule} fix dropped text`);
      }
      for (const e of r.configErrors) assert.ok((e.offset ?? 0) >= 0 && (e.offset ?? 0) <= text.length);
    }),
    { numRuns: Math.max(30, Math.floor(numRuns / 2)) },
  );
});

test('one line count: lineBreaks (the server size guard, the incremental parser) agrees with LineIndex on LF, CRLF and lone CR', () => {
  const eols = fc.constantFrom('\n', '\r\n', '\r', 'a', '中', ' ');
  fc.assert(
    fc.property(fc.array(eols, { maxLength: 60 }), (parts) => {
      const text = parts.join('');
      assert.equal(lineBreaks(text) + 1, new LineIndex(text).lineCount, JSON.stringify(text));
      assert.equal(lineBreaks(text, 2), Math.min(2, lineBreaks(text)));
    }),
  );
});
