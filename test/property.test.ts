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
import { checkPlan, fixAll, insertAllMissing, applyEdits } from '../server/src/core/index.js';
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
