import { test } from 'node:test';
import assert from 'node:assert/strict';
import { labelFor, precision, scorePlan, strictPrecision, tallies, type EvalFinding, type PlanLabels } from '../scripts/eval.js';

const labels: PlanLabels = {
  id: 'synthetic',
  absent: ['explainability', 'data-privacy'],
  labels: [
    { rule: 'missing-section', section: 'explainability', verdict: 'true' },
    { rule: 'missing-section', section: 'team', verdict: 'true' },
    { rule: 'duplicate-section', line: 20, verdict: 'false' },
    { rule: '*', line: 30, endLine: 40, verdict: 'false' },
    { rule: 'placeholder', line: 35, verdict: 'true' },
    { rule: 'thin-section', verdict: 'debatable' },
  ],
};

const f = (rule: string, line: number, section: string | null = null, severity = 'warning'): EvalFinding => ({ rule, line, section, severity, message: '' });

test('the most specific matching label wins', () => {
  assert.equal(labelFor(labels.labels, f('placeholder', 35))?.verdict, 'true');
  assert.equal(labelFor(labels.labels, f('placeholder', 36))?.verdict, 'false');
  assert.equal(labelFor(labels.labels, f('thin-section', 3, 'team'))?.verdict, 'debatable');
  assert.equal(labelFor(labels.labels, f('duplicate-section', 21)), null);
});

test('a plan is scored: outcomes, misses, absent areas, precision', () => {
  const findings = [
    f('missing-section', 1, 'explainability', 'error'),
    f('duplicate-section', 20, 'market-demand'),
    f('placeholder', 35),
    f('thin-section', 50, 'team'),
    f('missing-topic', 60, 'team'),
    f('missing-section', 1, 'data-privacy', 'info'),
  ];
  const s = scorePlan(labels, findings);
  assert.deepEqual(s.findings.map((x) => x.outcome), ['true', 'false', 'true', 'debatable', 'unlabelled', 'unlabelled']);
  assert.deepEqual(s.missed.map((l) => l.section), ['team']);
  assert.deepEqual(s.absent, [
    { section: 'explainability', reported: true, loud: true },
    // an absence told at information level is reported, though not as an error or warning
    { section: 'data-privacy', reported: true, loud: false },
  ]);
  const hinted = scorePlan(labels, [f('missing-section', 1, 'data-privacy', 'hint')]);
  assert.deepEqual(hinted.absent[1], { section: 'data-privacy', reported: false, loud: false }, 'a hint is not seen in the Problems panel: not reported');
  const { byRule, bySeverity, blocking } = tallies([s], [labels]);
  assert.deepEqual([...blocking.keys()].sort(), ['duplicate-section (warning)', 'missing-section (error)', 'missing-topic (warning)', 'placeholder (warning)', 'thin-section (warning)']);
  const all = bySeverity.get('warning')!;
  assert.equal(all.findings, 4);
  assert.equal(precision(all), 1 / 3);
  assert.equal(strictPrecision(all), 1 / 4);
  assert.deepEqual([byRule.get('missing-section')!.found, byRule.get('missing-section')!.expected], [1, 2]);
});
