/**
 * Fixture plans (test/fixtures/plans) with their expected findings inline: every
 * finding must be expected, every expectation found; fixing everything keeps the
 * author's text and is stable. The example plans of every profile are checked in
 * examples.test.ts; the ai-startup flawed example's particular findings here.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { applyEdits, checkPlan, defaultConfig, fixAll, isPlan, type CheckResult } from '../server/src/core/index.js';
import {
  FIXTURES,
  REPO,
  assertFixesSafe,
  diffExpectations,
  expectations,
  fixtureConfig,
  formatDiff,
  keepsAllCharacters,
  listFixtures,
  type Found,
} from './helpers/fixtures.js';

const PLANS = path.join(FIXTURES, 'plans');
const EXAMPLES = path.join(REPO, 'examples');

function found(result: CheckResult): Found[] {
  return result.findings.map((f) => ({ line: result.plan.lines.positionAt(f.start).line + 1, rule: f.rule, section: f.section, severity: f.severity, message: f.message }));
}

const fixtures = listFixtures(PLANS);

test('there are fixture plans in Chinese and English', () => {
  assert.ok(fixtures.length >= 12, `at least 12 fixtures, found ${fixtures.length}`);
  const langs = new Set(fixtures.map((f) => checkPlan(fs.readFileSync(f, 'utf8')).plan.language));
  assert.deepEqual([...langs].sort(), ['en', 'zh']);
});

for (const file of fixtures) {
  const name = path.basename(file);
  test(`fixture ${name}: findings match the inline expectations`, () => {
    const text = fs.readFileSync(file, 'utf8');
    const result = checkPlan(text, { config: fixtureConfig(text, name), fileName: name });
    assert.deepEqual(result.configErrors, [], `${name}: front matter settings are valid`);
    const d = diffExpectations(found(result), expectations(text));
    assert.ok(d.unmet.length === 0 && d.unexpected.length === 0, `${name}: findings differ from expectations\n${formatDiff(d)}`);
  });
  test(`fixture ${name}: fixing everything keeps the text and closes the gaps`, () => {
    const text = fs.readFileSync(file, 'utf8');
    assertFixesSafe(name, text, fixtureConfig(text, name));
  });
}

test('example flawed-plan.md has errors, and fixing it inserts the missing sections', () => {
  const file = path.join(EXAMPLES, 'flawed-plan.md');
  const text = fs.readFileSync(file, 'utf8');
  assert.ok(isPlan(file, text, defaultConfig()));
  const result = checkPlan(text, { fileName: 'flawed-plan.md' });
  const errors = result.findings.filter((f) => f.severity === 'error');
  assert.ok(errors.length >= 1, 'at least one error');
  const rules = new Set(result.findings.map((f) => f.rule));
  for (const r of [
    'missing-section',
    'thin-section',
    'missing-topic',
    'placeholder',
    'duplicate-section',
    'market-size-unquantified',
    'table-arithmetic',
    'funds-total',
    'risk-without-response',
    'buried-section',
  ])
    assert.ok(rules.has(r), `flawed plan shows ${r}`);
  const missing = new Set(result.findings.filter((f) => f.rule === 'missing-section').map((f) => f.section));
  assert.ok(missing.has('explainability'), 'explainability, never discussed, is reported missing');
  const buried = result.findings.filter((f) => f.rule === 'buried-section').map((f) => f.section);
  assert.deepEqual(buried, ['data-privacy'], 'data privacy, discussed only inside the product chapter, is reported buried, not missing');
  const fixed = fixAll(text);
  assert.ok(keepsAllCharacters(text, fixed.text), 'fix all only inserts');
  assert.deepEqual(
    fixed.result.findings.filter((f) => f.rule === 'missing-section' && f.severity === 'error').map((f) => f.message),
    [],
    'no missing required section after fixing',
  );
  // the wrong table cells are offered as suggestions; applying them leaves no wrong cell
  const cells = fixed.result.findings.filter((f) => f.rule === 'table-arithmetic');
  assert.ok(cells.length > 0 && cells.every((f) => f.suggestions?.length));
  const corrected = applyEdits(fixed.text, cells.flatMap((f) => f.suggestions![0]!.edits));
  assert.deepEqual(checkPlan(corrected).findings.filter((f) => f.rule === 'table-arithmetic').map((f) => f.message), []);
});

test('examples/README.md is not a plan', () => {
  const file = path.join(EXAMPLES, 'README.md');
  assert.equal(isPlan(file, fs.readFileSync(file, 'utf8'), defaultConfig()), false);
});
