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

test('every %key% of package.json is in package.nls.json and package.nls.zh-cn.json, and the two have the same keys', () => {
  const pkgText = fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8');
  const en = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.nls.json'), 'utf8')) as Record<string, string>;
  const zh = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.nls.zh-cn.json'), 'utf8')) as Record<string, string>;
  const used = [...pkgText.matchAll(/"%([\w.-]+)%"/g)].map((m) => m[1]!);
  assert.ok(used.length > 20);
  for (const key of used) {
    assert.ok(en[key], `${key} in package.nls.json`);
    assert.ok(zh[key], `${key} in package.nls.zh-cn.json`);
  }
  assert.deepEqual(Object.keys(zh).sort(), Object.keys(en).sort());
});

test('package.json: the planlint view container holds the overview and the checklist (not the Explorer), with an icon that ships', () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  const container = pkg.contributes.viewsContainers.activitybar.find((c: { id: string }) => c.id === 'planlint');
  assert.ok(container, 'an activity bar container "planlint"');
  assert.ok(fs.existsSync(path.join(ROOT, container.icon)), container.icon);
  assert.match(fs.readFileSync(path.join(ROOT, '.vscodeignore'), 'utf8'), new RegExp(`^!${container.icon.replace(/\./g, '\\.')}$`, 'm'), 'the icon is packaged');
  assert.deepEqual(pkg.contributes.views.planlint.map((v: { id: string }) => v.id), ['planlint.overview', 'planlint.checklist']);
  assert.equal(pkg.contributes.views.explorer, undefined, 'nothing left in the Explorer');
  const itemMenu = pkg.contributes.menus['view/item/context'] as { command: string; when: string }[];
  assert.ok(itemMenu.some((m) => m.command === 'planlint.insertSection' && /viewItem == missing/.test(m.when)), 'a missing item keeps its insert action');
});
