/**
 * Configuration read from files nobody on the project wrote: values echoed in
 * messages are capped (a value may be a secret) and safe on any YAML (alias
 * cycles), checkPlan never throws, the JSON config and the front matter
 * reject the same keys with the same words, and list only keys they accept.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main } from '../server/src/cli/main.js';
import { checkPlan, parseConfigText, validate, SettingsSchema, ConfigSchema, describeValue } from '../server/src/core/index.js';

const CYCLE = '---\nplanlint:\n  rules:\n    placeholder: &a [*a]\n---\n# Acme: Business Plan\n\n## Executive summary\n\nTODO\n';

async function cli(args: string[], cwd: string) {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s), readStdin: () => '', isTTY: false, cwd });
  return { code, stdout, stderr };
}

function tmp(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'planlint-cfgsafe-'));
}

test('a YAML alias cycle in the front matter settings: checkPlan does not throw, one config error, the plan is still checked', () => {
  const r = checkPlan(CYCLE, { fileName: 'plan.md' });
  assert.equal(r.configErrors.length, 1);
  assert.match(r.configErrors[0]!.message, /^plan\.md: "planlint\.rules\.placeholder": expected a severity .*got an array of 1 item$/);
  assert.ok(r.findings.some((f) => f.rule === 'missing-section'), 'the other rules still run');
  // cycles at other places: in a section override, at the top of the settings, as the settings themselves
  for (const fm of ['sections:\n    team: &b {aliases: *b}', 'rules: &c {placeholder: *c}', 'profile: &d [*d, *d]']) {
    const x = checkPlan(`---\nplanlint:\n  ${fm}\n---\n# P\n`, { fileName: 'p.md' });
    assert.ok(x.configErrors.length >= 1, fm);
    for (const e of x.configErrors) assert.ok(e.message.length < 400, e.message);
  }
  const self = checkPlan('---\nplanlint: &e {rules: {placeholder: *e}}\n---\n# P\n', { fileName: 'p.md' });
  assert.ok(self.configErrors.length >= 1);
});

test('a YAML alias cycle through the CLI: a config error (exit 2), no internal error', async () => {
  const dir = tmp();
  try {
    fs.writeFileSync(path.join(dir, 'business-plan.md'), CYCLE);
    const r = await cli(['business-plan.md'], dir);
    assert.equal(r.code, 2);
    assert.doesNotMatch(r.stderr, /internal error|circular/i);
    assert.match(r.stderr, /config error: business-plan\.md: "planlint\.rules\.placeholder"/);
    assert.match(r.stdout, /missing-section/, 'the findings are still reported');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('describeValue: type and a capped value, never the whole of a long string, safe on cycles', () => {
  assert.equal(describeValue('ten'), 'string "ten"');
  assert.equal(describeValue(5), 'number 5');
  assert.equal(describeValue(undefined), 'nothing');
  const cyc: unknown[] = [];
  cyc.push(cyc);
  assert.equal(describeValue(cyc), 'an array of 1 item');
  const o: Record<string, unknown> = {};
  o.self = o;
  assert.equal(describeValue(o), 'an object');
  const secret = 'sk-live-SECRET-123';
  const d = describeValue(secret);
  assert.ok(!d.includes(secret) && !d.includes('SECRET'), d);
  assert.match(d, /^string "sk-liv…" \(18 characters\)$/);
  for (const v of ['x'.repeat(100_000), '😀'.repeat(50), 1e308, -0.1234567890123456, 123456789012345678901234567890n, Symbol('s'), () => 1]) {
    assert.ok(describeValue(v).length <= 60, describeValue(v));
  }
});

test('invalid values are echoed capped in config and front matter messages', () => {
  const secret = 'sk-live-SECRET-123';
  const cfg = parseConfigText(JSON.stringify({ profile: secret, language: secret, rules: { placeholder: secret, 'thin-section': { minWords: secret } } }), 'c.json');
  assert.equal(cfg.errors.length, 4);
  const fm = checkPlan(`---\nplanlint:\n  profile: ${secret}\n  rules:\n    placeholder: ${secret}\n---\n# P\n`, { fileName: 'p.md' });
  assert.equal(fm.configErrors.length, 2);
  for (const e of [...cfg.errors, ...fm.configErrors]) {
    assert.ok(!e.message.includes('SECRET'), e.message);
    assert.match(e.message, /"sk-liv…" \(18 characters\)/);
  }
  // short values are still shown whole: they say what was wrong
  assert.match(parseConfigText('{ "rules": { "placeholder": "fatal" } }', 'c.json').errors[0]!.message, /got "fatal"/);
  // a long unknown key is capped too, and many unknown keys are counted, not listed
  const keys = Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`k${i}-${'x'.repeat(100)}`, 1]));
  const many = parseConfigText(JSON.stringify(keys), 'c.json');
  assert.equal(many.errors.length, 1);
  assert.ok(many.errors[0]!.message.length < 600, many.errors[0]!.message);
  assert.match(many.errors[0]!.message, /and 25 more/);
});

test('front matter: the error lists only the keys front matter accepts', () => {
  for (const key of ['include', 'exclude', '$schema', 'nonsense']) {
    const r = checkPlan(`---\nplanlint:\n  ${key === '$schema' ? '"$schema"' : key}: x\n---\n# P\n`, { fileName: 'p.md' });
    assert.equal(r.configErrors.length, 1, key);
    const m = /expected one of: (.*)$/.exec(r.configErrors[0]!.message);
    assert.ok(m, r.configErrors[0]!.message);
    const listed = m[1]!.split(', ');
    assert.deepEqual(listed, Object.keys(SettingsSchema.shape), 'exactly the keys of the front matter settings');
    for (const k of listed) assert.ok(validate(SettingsSchema, { [k]: undefined }, 'p.md').value, `a listed key is accepted: ${k}`);
  }
  // the config file lists its own keys, which include include/exclude/$schema
  const c = parseConfigText('{ "nonsense": 1 }', 'c.json');
  assert.match(c.errors[0]!.message, new RegExp(`expected one of: ${Object.keys(ConfigSchema.shape).map((k) => k.replace('$', '\\$')).join(', ')}$`));
});

test('rules.__proto__, constructor and prototype are rejected the same way in JSON config and front matter', () => {
  for (const key of ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty']) {
    for (const where of ['rules', 'sections']) {
      const inner = where === 'rules' ? { placeholder: 'off' } : { team: { level: 'off' } };
      const json = parseConfigText(`{ "${where}": { "${key}": ${JSON.stringify(inner)} } }`, 'c.json');
      assert.equal(json.config, undefined, `${where}.${key} in JSON is rejected`);
      assert.equal(json.errors.length, 1, `${where}.${key}`);
      const fm = checkPlan(`---\nplanlint:\n  ${where}:\n    "${key}": ${JSON.stringify(inner)}\n---\n# P\n`, { fileName: 'p.md' });
      assert.equal(fm.configErrors.length, 1, `${where}.${key} in front matter`);
      const strip = (msg: string) => msg.replace(/^[^:]+: /, '').replace(/^"planlint\./, '"');
      assert.equal(strip(json.errors[0]!.message), strip(fm.configErrors[0]!.message), 'the same words');
      assert.match(json.errors[0]!.message, new RegExp(`"${where}": unknown key "${key}"; expected one of: `));
    }
  }
  // nothing inside __proto__ is applied: the placeholder rule still reports
  const r = parseConfigText('{ "rules": { "__proto__": { "placeholder": "off" } } }', 'c.json');
  assert.equal(r.config, undefined);
  // the key inside a rule's own options, too
  assert.equal(parseConfigText('{ "rules": { "thin-section": { "__proto__": { "minWords": 1 } } } }', 'c.json').errors.length, 1);
  // a top-level __proto__ does not change the object's prototype either
  assert.equal(parseConfigText('{ "__proto__": { "language": "zh" } }', 'c.json').config, undefined);
  // an ordinary config still parses, with comments and trailing commas
  const ok = parseConfigText('{ // c\n "language": "zh", "rules": { "placeholder": "off", }, }', 'c.json');
  assert.deepEqual(ok.errors, []);
  assert.deepEqual(ok.config, { language: 'zh', rules: { placeholder: 'off' } });
});

test('a config nested deeper than the stack is an error, not a crash', () => {
  const deep = '['.repeat(200_000) + ']'.repeat(200_000);
  const r = parseConfigText(deep, 'c.json');
  assert.equal(r.errors.length, 1);
  assert.match(r.errors[0]!.message, /^c\.json: /);
});

test('a config found by the search that links to a file outside its folder is refused, named, and its content never shown; an explicit --config is read', async () => {
  const outer = tmp();
  try {
    const secret = path.join(outer, 'secret.json');
    fs.writeFileSync(secret, '{ "rules": { "placeholder": "sk-live-SECRET-123" } }');
    const ws = path.join(outer, 'ws');
    fs.mkdirSync(ws);
    fs.symlinkSync(secret, path.join(ws, 'planlint.config.json'));
    fs.writeFileSync(path.join(ws, 'business-plan.md'), '# Acme: Business Plan\n\n## Executive summary\n\nTODO\n');
    const r = await cli(['business-plan.md'], ws);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /planlint\.config\.json/);
    assert.match(r.stderr, /links to a file outside/);
    assert.doesNotMatch(r.stderr + r.stdout, /SECRET/);
    // a link to a file inside the same tree is an ordinary config
    fs.mkdirSync(path.join(ws, 'shared'));
    fs.writeFileSync(path.join(ws, 'shared', 'base.json'), '{ "rules": { "placeholder": "off" } }');
    fs.rmSync(path.join(ws, 'planlint.config.json'));
    fs.symlinkSync(path.join('shared', 'base.json'), path.join(ws, 'planlint.config.json'));
    const inside = await cli(['--format', 'json', 'business-plan.md'], ws);
    assert.equal(inside.stderr, '');
    assert.doesNotMatch(inside.stdout, /"placeholder"/);
    // named explicitly, the user's choice: read (and its bad value reported capped)
    const explicit = await cli(['--config', secret, 'business-plan.md'], ws);
    assert.equal(explicit.code, 2);
    assert.match(explicit.stderr, /rules\.placeholder/);
  } finally {
    fs.rmSync(outer, { recursive: true, force: true });
  }
});
