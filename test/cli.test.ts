import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawn, spawnSync } from 'node:child_process';
import { main } from '../server/src/cli/main.js';
import { REPO, FIXTURES, keepsAllLines } from './helpers/fixtures.js';

const CLI_DIR = path.join(FIXTURES, 'cli');

async function run(args: string[], opts: { cwd?: string; stdin?: string } = {}) {
  let stdout = '';
  let stderr = '';
  const code = await main(args, {
    stdout: (s) => (stdout += s),
    stderr: (s) => (stderr += s),
    readStdin: () => opts.stdin ?? '',
    isTTY: false,
    cwd: opts.cwd ?? CLI_DIR,
  });
  return { code, stdout, stderr };
}

/** Compares with a golden file; UPDATE_GOLDEN=1 rewrites it. */
function golden(name: string, actual: string) {
  const file = path.join(CLI_DIR, name);
  if (process.env.UPDATE_GOLDEN) fs.writeFileSync(file, actual);
  assert.equal(actual, fs.readFileSync(file, 'utf8'), `${name} (UPDATE_GOLDEN=1 to accept a deliberate change)`);
}

test('stylish output (golden) and exit 1 on errors', async () => {
  const r = await run(['plan.md']);
  assert.equal(r.code, 1);
  assert.equal(r.stderr, '');
  golden('plan.stylish.golden', r.stdout);
});

test('json output (golden) has 1-based positions and the documented fields', async () => {
  const r = await run(['--format', 'json', 'plan.md']);
  assert.equal(r.code, 1);
  golden('plan.json.golden', r.stdout);
  const [file] = JSON.parse(r.stdout);
  assert.equal(file.file, 'plan.md');
  const placeholder = file.findings.find((f: { rule: string }) => f.rule === 'placeholder');
  assert.deepEqual(
    { line: placeholder.line, column: placeholder.column, endLine: placeholder.endLine, endColumn: placeholder.endColumn },
    { line: 5, column: 8, endLine: 5, endColumn: 12 },
    'columns count UTF-16 code units from 1',
  );
  for (const f of file.findings) {
    assert.deepEqual(Object.keys(f).filter((k) => k !== 'related').sort(), ['column', 'endColumn', 'endLine', 'fixable', 'line', 'message', 'rule', 'section', 'severity']);
  }
});

test('sarif output (golden) is SARIF 2.1.0 with rule metadata and help URIs', async () => {
  const r = await run(['--format', 'sarif', 'plan.md']);
  const log = JSON.parse(r.stdout);
  log.runs[0].originalUriBaseIds['%SRCROOT%'].uri = 'file:///SRCROOT/';
  golden('plan.sarif.golden', JSON.stringify(log, null, 2) + '\n');
  assert.equal(log.version, '2.1.0');
  const run0 = log.runs[0];
  assert.ok(run0.tool.driver.rules.every((x: { helpUri: string; shortDescription: { text: string } }) => /^https:\/\//.test(x.helpUri) && x.shortDescription.text));
  for (const res of run0.results) {
    assert.equal(run0.tool.driver.rules[res.ruleIndex].id, res.ruleId);
    assert.ok(['error', 'warning', 'note'].includes(res.level));
    assert.ok(res.locations[0].physicalLocation.region.startLine >= 1);
  }
});

test('--lang switches message language; --quiet keeps errors only', async () => {
  const en = await run(['--lang', 'en', '--quiet', '--format', 'json', 'plan.md']);
  const findings = JSON.parse(en.stdout)[0].findings;
  assert.ok(findings.length > 0);
  assert.ok(findings.every((f: { severity: string }) => f.severity === 'error'));
  assert.match(findings[0].message, /^Missing required section: /);
  const zh = await run(['--format', 'json', 'plan.md']);
  assert.match(JSON.parse(zh.stdout)[0].findings[0].message, /^缺少必需章节：/, 'a Chinese plan gets Chinese messages by default');
});

test('exit codes: 0 clean, 1 too many warnings, 2 usage and I/O errors', async () => {
  assert.equal((await run(['clean-plan.md'])).code, 0);
  const usage = await run(['--format', 'xml', 'plan.md']);
  assert.equal(usage.code, 2);
  assert.match(usage.stderr, /--format must be stylish, json or sarif/);
  assert.equal((await run([])).code, 2);
  const missing = await run(['nope.md']);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /nope\.md: no such file or folder/);
  assert.equal((await run(['--bogus'])).code, 2);
  const warn = await run(['--max-warnings', '0', '-c', path.join(CLI_DIR, 'only-warnings.config.json'), 'plan.md']);
  assert.equal(warn.code, 1);
  assert.match(warn.stderr, /more than --max-warnings 0/);
  assert.equal((await run(['--max-warnings', '99', '-c', path.join(CLI_DIR, 'only-warnings.config.json'), 'plan.md'])).code, 0);
});

test('a bad config is exit 2 with file, key path and expectation', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'planlint-cli-'));
  fs.writeFileSync(path.join(dir, 'planlint.config.json'), '{ "rules": { "thin-section": { "minWords": -1 } } }');
  fs.copyFileSync(path.join(CLI_DIR, 'plan.md'), path.join(dir, 'plan.md'));
  const r = await run(['plan.md'], { cwd: dir });
  assert.equal(r.code, 2);
  assert.match(r.stderr, /planlint\.config\.json: "rules\.thin-section\.minWords": /);
  fs.rmSync(dir, { recursive: true, force: true });
});

test('folders and globs find plans, not READMEs', async () => {
  const r = await run(['--format', 'json', '.']);
  const files = JSON.parse(r.stdout).map((x: { file: string }) => x.file);
  assert.deepEqual(files.sort(), ['clean-plan.md', 'plan.md']);
  const g = await run(['--format', 'json', '*.md']);
  assert.deepEqual(JSON.parse(g.stdout).map((x: { file: string }) => x.file).sort(), ['clean-plan.md', 'plan.md']);
});

test('stdin with --stdin-filename, and --fix on stdin prints the fixed text', async () => {
  const text = fs.readFileSync(path.join(CLI_DIR, 'plan.md'), 'utf8');
  const r = await run(['--format', 'json', '--stdin-filename', 'x.md', '-'], { stdin: text });
  assert.equal(JSON.parse(r.stdout)[0].file, 'x.md');
  const f = await run(['--fix', '--stdin-filename', 'x.md', '-'], { stdin: text });
  assert.ok(keepsAllLines(text, f.stdout));
  assert.match(f.stdout, /## 模型可解释性/);
});

test('--fix writes the file: no missing-section error remains and every line is kept, in order', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'planlint-fix-'));
  const file = path.join(dir, 'business-plan.md');
  const original = fs.readFileSync(path.join(CLI_DIR, 'plan.md'), 'utf8');
  fs.writeFileSync(file, original);
  await run(['--fix', file], { cwd: dir });
  const fixed = fs.readFileSync(file, 'utf8');
  assert.ok(keepsAllLines(original, fixed));
  const after = await run(['--format', 'json', file], { cwd: dir });
  const rules = JSON.parse(after.stdout)[0].findings.map((f: { rule: string }) => f.rule);
  assert.equal(rules.includes('missing-section'), false);
  assert.equal(rules.includes('missing-topic'), false);
  const again = await run(['--fix', file], { cwd: dir });
  assert.equal(fs.readFileSync(file, 'utf8'), fixed, 'a second --fix changes nothing');
  assert.notEqual(again.code, 2);
  fs.rmSync(dir, { recursive: true, force: true });
});

test('the bundled bin runs (dist/cli.cjs)', () => {
  const r = spawnSync(process.execPath, [path.join(REPO, 'dist', 'cli.cjs'), '--format', 'json', 'plan.md'], { cwd: CLI_DIR, encoding: 'utf8' });
  assert.equal(r.status, 1, r.stderr);
  assert.equal(JSON.parse(r.stdout)[0].file, 'plan.md');
  const v = spawnSync(process.execPath, [path.join(REPO, 'dist', 'cli.cjs'), '--version'], { encoding: 'utf8' });
  assert.match(v.stdout, /^\d+\.\d+\.\d+\n$/);
});

test('a reader that stops early (| head): no EPIPE crash, the exit code stands, and --fix still fixes every file', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'planlint-epipe-'));
  try {
    const flawed = fs.readFileSync(path.join(REPO, 'examples', 'flawed-plan.md'), 'utf8');
    for (let i = 0; i < 60; i++) fs.writeFileSync(path.join(dir, `plan-${i}.md`), flawed);
    const child = spawn(process.execPath, [path.join(REPO, 'dist', 'cli.cjs'), '--fix', '--format', 'json', '.'], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
    assert.doesNotMatch(stderr, /EPIPE|Error/, stderr);
    assert.ok(code === 0 || code === 1, `exit ${code}: ${stderr}`);
    for (let i = 0; i < 60; i++) assert.notEqual(fs.readFileSync(path.join(dir, `plan-${i}.md`), 'utf8'), flawed, `plan-${i}.md was fixed`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
