/**
 * How loud the absence of a recommended section is: set per section in the profile from measured precision
 * (warning for what any business plan has, hint for what real plans seldom give a chapter), unless the user
 * sets the rule's `recommended` level.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkPlan, defaultConfig, applySettings, parseConfigText } from '../server/src/core/index.js';

const PLAN = [
  '# Lumen Health AI: Business Plan',
  '',
  '## Market demand',
  '',
  'Clinics in Kenya spend hours a day on notes.',
  '',
  '## Technical feasibility',
  '',
  'A fine-tuned speech model transcribes consultations. The AI model runs on a phone; the model is small, and the AI needs no network.',
  '',
].join('\n');

const severityOf = (r: ReturnType<typeof checkPlan>, section: string) => r.findings.find((f) => f.rule === 'missing-section' && f.section === section)?.severity;

test('a missing team, forecast or risk chapter is a warning; a missing continuous-learning chapter a hint; competitive advantage stays info', () => {
  const r = checkPlan(PLAN, { autoLang: 'en' });
  for (const id of ['team', 'financial-forecast', 'risk-management']) assert.equal(severityOf(r, id), 'warning', id);
  for (const id of ['continuous-learning', 'security-robustness', 'ethics', 'marketing']) assert.equal(severityOf(r, id), 'hint', id);
  assert.equal(severityOf(r, 'competitive-advantage'), 'info');
  assert.equal(severityOf(r, 'data-privacy'), 'error', 'required sections are untouched');
});

test('setting the rule\'s recommended level applies it to every recommended section', () => {
  const file = parseConfigText('{ "rules": { "missing-section": { "recommended": "warning" } } }', 'planlint.config.json').config!;
  const config = applySettings(defaultConfig(), file);
  const r = checkPlan(PLAN, { autoLang: 'en', config });
  for (const id of ['team', 'continuous-learning', 'competitive-advantage']) assert.equal(severityOf(r, id), 'warning', id);
});
