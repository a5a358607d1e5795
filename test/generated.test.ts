import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { drift, ROOT, snippets } from '../scripts/generate.js';
import { getProfile, RULES } from '../server/src/core/index.js';

test('generated files (snippets, schemas, rule docs, package.json settings) match their sources', () => {
  assert.deepEqual(drift(), [], 'run `npm run generate` and commit the result');
});

test('there is a snippet per chapter and language, and a whole-plan skeleton per language', () => {
  const s = snippets();
  const sections = getProfile().sections;
  assert.equal(Object.keys(s).length, sections.length * 2 + 2);
  for (const g of sections) for (const lang of ['en', 'zh']) assert.ok(s[`planlint ${g.id} (${lang})`], `${g.id} ${lang}`);
});

test('every rule has a generated doc page', () => {
  for (const r of RULES) assert.ok(fs.existsSync(path.join(ROOT, 'docs', 'rules', `${r.name}.md`)), r.name);
});

test('package.json contributes the snippets, the schema and untrusted-workspace support', () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  assert.ok(pkg.contributes.snippets.some((x: { path: string }) => fs.existsSync(path.join(ROOT, x.path))));
  assert.ok(pkg.contributes.jsonValidation.some((x: { fileMatch: string; url: string }) => x.url.includes('planlint.config.schema.json')));
  assert.equal(pkg.capabilities.untrustedWorkspaces.supported, true);
});
