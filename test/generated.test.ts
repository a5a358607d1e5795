import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as os from 'node:os';
import { defaultFor, drift, generatedFiles, GENERATED_DIRS, ROOT, snippets } from '../scripts/generate.js';
import { absenceOf, levelDefaults, softerAbsence } from '../scripts/profile-docs.js';
import { checkPlan, getProfile, PROFILE_IDS, RULES, RULES_BY_NAME } from '../server/src/core/index.js';

test('generated files (snippets, schemas, rule and profile docs, package.json settings) match their sources', () => {
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

test('every built-in profile has a generated doc page, listed in the profiles index', () => {
  const index = fs.readFileSync(path.join(ROOT, 'docs', 'profiles', 'README.md'), 'utf8');
  for (const id of PROFILE_IDS) {
    const page = path.join(ROOT, 'docs', 'profiles', `${id}.md`);
    assert.ok(fs.existsSync(page), id);
    assert.ok(index.includes(`[${id}](${id}.md)`), `${id} in the index`);
    const text = fs.readFileSync(page, 'utf8');
    for (const g of getProfile(id).sections) assert.ok(text.includes(`\n### ${g.id}\n`), `${id}: ${g.id} has its part`);
  }
});

test('the drift check fails for a missing, a stale and a left-over file in the generated folders', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'planlint-drift-'));
  try {
    for (const [p, content] of generatedFiles()) {
      fs.mkdirSync(path.dirname(path.join(dir, p)), { recursive: true });
      fs.writeFileSync(path.join(dir, p), content);
    }
    for (const f of ['package.json', 'package.nls.json', 'package.nls.zh-cn.json']) fs.copyFileSync(path.join(ROOT, f), path.join(dir, f));
    assert.deepEqual(drift(dir), [], 'a fresh copy has no drift');
    const [first, second] = PROFILE_IDS;
    fs.rmSync(path.join(dir, 'docs', 'profiles', `${first}.md`));
    fs.appendFileSync(path.join(dir, 'docs', 'profiles', `${second}.md`), 'edited by hand\n');
    fs.writeFileSync(path.join(dir, 'docs', 'profiles', 'old-profile.md'), '# gone\n');
    fs.writeFileSync(path.join(dir, 'docs', 'rules', 'old-rule.md'), '# gone\n');
    assert.deepEqual(drift(dir).sort(), [
      `docs/profiles/${first}.md (missing)`,
      `docs/profiles/${second}.md`,
      'docs/profiles/old-profile.md (not generated)',
      'docs/rules/old-rule.md (not generated)',
    ].sort());
    assert.deepEqual([...GENERATED_DIRS], ['docs/rules', 'docs/profiles']);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('the absence a profile page gives each section is what missing-section reports by default', () => {
  const rule = RULES_BY_NAME.get('missing-section')!;
  const defaults = levelDefaults();
  for (const id of PROFILE_IDS) {
    const profile = getProfile(id);
    const { findings } = checkPlan('# Acme\n\nWe make a product for small firms.\n', { config: { ...defaultFor(rule), profile: id }, autoLang: 'en' });
    const reported = new Map(findings.filter((f) => f.rule === 'missing-section').map((f) => [f.section, f.severity]));
    for (const g of profile.sections) {
      const severity = absenceOf(g, defaults);
      if (softerAbsence(g, profile, severity).length) continue; // depends on what the plan says; the page says so
      assert.equal(reported.get(g.id) ?? 'off', severity, `${id}: ${g.id}`);
    }
  }
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

test('meta.ts states the version and home of package.json (one source of truth, tied by this test)', async () => {
  const meta = await import('../server/src/core/meta.js');
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { name: string; version: string; repository: { url: string } };
  assert.equal(meta.VERSION, pkg.version);
  assert.equal(meta.NAME, pkg.name);
  assert.equal(`${meta.HOMEPAGE}.git`, pkg.repository.url);
});
