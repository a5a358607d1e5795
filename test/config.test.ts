import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseConfigText, resolveConfigFor, checkPlan, isPlan, defaultConfig, applySettings } from '../server/src/core/index.js';

const F = 'planlint.config.json';

test('a valid config with comments and trailing commas parses', () => {
  const r = parseConfigText('{\n // comment\n "language": "zh",\n "rules": { "thin-section": { "minWords": 10 }, "placeholder": "off", },\n}', F);
  assert.deepEqual(r.errors, []);
  assert.equal(r.config?.language, 'zh');
});

test('invalid JSON names the file, line and column', () => {
  const r = parseConfigText('{\n  "rules": {\n', F);
  assert.ok(r.errors.length > 0);
  assert.match(r.errors[0]!.message, /^planlint\.config\.json: invalid JSON at line \d+, column \d+/);
});

test('a wrong type names the key path and what was expected', () => {
  const r = parseConfigText('{ "rules": { "thin-section": { "minWords": "ten" } } }', F);
  assert.equal(r.errors.length, 1);
  assert.equal(r.errors[0]!.keyPath, 'rules.thin-section.minWords');
  assert.match(r.errors[0]!.expected, /expected number, got string "ten"/);
});

test('an unknown rule is named, with the rules that exist', () => {
  const r = parseConfigText('{ "rules": { "no-such-rule": "error" } }', F);
  assert.equal(r.errors[0]!.keyPath, 'rules');
  assert.match(r.errors[0]!.expected, /unknown key "no-such-rule"; expected one of: missing-section/);
});

test('an unknown section id and a bad level are named', () => {
  const r1 = parseConfigText('{ "sections": { "marketing-plan": { "level": "required" } } }', F);
  assert.match(r1.errors[0]!.message, /"sections": unknown key "marketing-plan"/);
  const r2 = parseConfigText('{ "sections": { "ethics": { "level": "mandatory" } } }', F);
  assert.equal(r2.errors[0]!.keyPath, 'sections.ethics.level');
  assert.match(r2.errors[0]!.expected, /expected one of "required", "recommended", "optional", "off"/);
});

test('section ids are checked against the profile in force, with the nearest id suggested', () => {
  const r = parseConfigText('{ "sections": { "teem": { "level": "off" } } }', F);
  assert.equal(r.config, undefined);
  assert.equal(r.errors.length, 1, 'one error, nothing said again about what lies under the unknown key');
  assert.equal(r.errors[0]!.keyPath, 'sections');
  assert.match(r.errors[0]!.expected, /unknown key "teem" \(did you mean "team"\?\); expected one of: .*team.* \(the sections of profile "ai-startup"\)/);
  // a known id with a bad value is still named at its own key
  assert.equal(parseConfigText('{ "profile": "ai-startup", "sections": { "team": { "level": "off" } } }', F).errors.length, 0);
});

test('a bad severity is named', () => {
  const r = parseConfigText('{ "rules": { "placeholder": "fatal" } }', F);
  assert.equal(r.errors[0]!.keyPath, 'rules.placeholder');
  assert.match(r.errors[0]!.expected, /severity/);
});

test('an empty file and a non-object are errors', () => {
  assert.match(parseConfigText('', F).errors[0]!.message, /planlint\.config\.json/);
  assert.match(parseConfigText('[1]', F).errors[0]!.expected, /expected object, got an array/);
});

test('the nearest config file wins; I/O problems are errors, not silence', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'planlint-cfg-'));
  fs.mkdirSync(path.join(dir, 'a', 'b'), { recursive: true });
  fs.writeFileSync(path.join(dir, F), '{ "language": "en" }');
  fs.writeFileSync(path.join(dir, 'a', F), '{ "language": "zh" }');
  assert.equal(resolveConfigFor(path.join(dir, 'a', 'b', 'plan.md')).config.language, 'zh');
  assert.equal(resolveConfigFor(path.join(dir, 'plan.md')).config.language, 'en');
  fs.mkdirSync(path.join(dir, 'c', F), { recursive: true });
  const r = resolveConfigFor(path.join(dir, 'c', 'plan.md'));
  assert.match(r.errors[0]!.message, /expected a file/);
  assert.equal(r.config.language, 'auto', 'defaults stand for a file whose config is broken');
  fs.rmSync(dir, { recursive: true, force: true });
});

test('severity and options from config change findings', () => {
  const text = '# P\n\n## Market demand\n\nShort text here.\n';
  const base = checkPlan(text).findings.find((f) => f.rule === 'thin-section');
  assert.equal(base?.severity, 'info', 'thin-section is information by default (measured precision)');
  const cfg = parseConfigText('{ "rules": { "thin-section": { "severity": "error", "minWords": 2 }, "missing-section": "off" } }', F).config!;
  const r = checkPlan(text, { config: applySettings(defaultConfig(), cfg) });
  assert.equal(r.findings.some((f) => f.rule === 'thin-section'), false, 'minWords 2 makes it long enough');
  assert.equal(r.findings.some((f) => f.rule === 'missing-section'), false);
});

test('section level overrides: off ignores a section, required makes it an error', () => {
  const cfg = parseConfigText('{ "sections": { "team": { "level": "required" }, "data-privacy": { "level": "off" } } }', F).config!;
  const r = checkPlan('# P\n\nText.\n', { config: applySettings(defaultConfig(), cfg) });
  const missing = r.findings.filter((f) => f.rule === 'missing-section');
  assert.equal(missing.find((f) => f.section === 'team')?.severity, 'error');
  assert.equal(missing.some((f) => f.section === 'data-privacy'), false);
});

test('front matter settings apply to one file, and their errors are reported', () => {
  const ok = checkPlan('---\nplanlint:\n  rules:\n    missing-section: off\n---\n# P\n');
  assert.equal(ok.findings.some((f) => f.rule === 'missing-section'), false);
  const bad = checkPlan('---\nplanlint:\n  rules:\n    missing-sectoin: off\n---\n# P\n', { fileName: 'plan.md' });
  assert.equal(bad.configErrors.length, 1);
  assert.match(bad.configErrors[0]!.message, /^plan\.md: "planlint\.rules": unknown key "missing-sectoin"/);
});

test('which files are plans', () => {
  const c = defaultConfig();
  assert.equal(isPlan('/w/business-plan.md', '# x', c), true);
  assert.equal(isPlan('/w/商业计划书.md', '# x', c), true);
  assert.equal(isPlan('/w/docs/BP-2026.md', '# x', c), true);
  assert.equal(isPlan('/w/README.md', '# x', c), false);
  assert.equal(isPlan('/w/README.md', '---\nplanlint: true\n---\n# x', c), true);
  assert.equal(isPlan('/w/notes.md', '---\ntype: business-plan\n---\n', c), true);
  assert.equal(isPlan('/w/business-plan.md', '---\nplanlint: false\n---\n', c), false);
  assert.equal(isPlan(null, '# untitled', c), false);
  assert.equal(isPlan(null, '---\nplanlint: true\n---\n', c), true);
});

test('a fresh editor profile gives no settings warning: every setting with allowed values has a default', async () => {
  const { normalizeSettings } = await import('../server/src/lsp/settings.js');
  const pkg = JSON.parse(fs.readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
  const props = pkg.contributes.configuration.properties as Record<string, { enum?: unknown[]; default?: unknown }>;
  const withChoices = Object.entries(props).filter(([, p]) => p.enum);
  assert.ok(withChoices.length >= 3, 'the settings with allowed values are found');
  for (const [key, p] of withChoices) assert.ok(p.enum!.includes(p.default), `${key} has a default among its allowed values`);
  // what VS Code answers on a fresh install: each setting's default
  const fresh: Record<string, unknown> = {};
  for (const [key, p] of Object.entries(props)) if (key.startsWith('planlint.') && !key.slice(9).includes('.')) fresh[key.slice(9)] = p.default;
  const r = normalizeSettings(fresh);
  assert.deepEqual(r.errors, []);
  assert.equal(r.settings.plan.language, 'auto');
  // a blank choice in the settings UI ("") counts as unset, not as an invalid value
  assert.deepEqual(normalizeSettings({ ...fresh, language: '', profile: '' }).errors, []);
  // the editor defaults never override a planlint.config.json (the server layers the file last)
  const file = parseConfigText(JSON.stringify({ language: 'zh' }), F);
  assert.ok(file.config);
  assert.equal(applySettings(applySettings(defaultConfig(), r.settings.plan), file.config).language, 'zh');
});
