/**
 * The hooks planlint ships: the GitHub Action's entry (scripts/action.sh) run on a fixture repository with a
 * changed plan, and the pre-commit hook's entry command run on fixture files, as .pre-commit-hooks.yaml and
 * action.yml declare them.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { parse as parseYaml } from 'yaml';
import { REPO } from './helpers/fixtures.js';

const CLI = path.join(REPO, 'dist', 'cli.cjs');
const ACTION = path.join(REPO, 'scripts', 'action.sh');
const example = (f: string) => fs.readFileSync(path.join(REPO, 'examples', f), 'utf8');

function git(cwd: string, ...args: string[]): string {
  const r = spawnSync('git', args, { cwd, encoding: 'utf8', env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_SYSTEM: '/dev/null' } });
  assert.equal(r.status, 0, `git ${args.join(' ')}: ${r.stderr}`);
  return r.stdout.trim();
}

/** A repository with a clean plan and a readme, then a commit that adds a flawed plan and edits the readme. */
function fixtureRepo(): { dir: string; base: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'planlint-action-'));
  git(dir, 'init', '-q', '-b', 'main');
  git(dir, 'config', 'user.email', 'dev@example.test');
  git(dir, 'config', 'user.name', 'dev');
  git(dir, 'config', 'commit.gpgsign', 'false');
  fs.writeFileSync(path.join(dir, 'README.md'), '# Notes\n\nNot a plan.\n');
  fs.mkdirSync(path.join(dir, 'plans'));
  fs.writeFileSync(path.join(dir, 'plans', 'legalmind-plan.md'), example('business-plan-legalmind.md'));
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'first');
  const base = git(dir, 'rev-parse', 'HEAD');
  fs.writeFileSync(path.join(dir, 'plans', 'shoptalk plan.md'), example('flawed-plan.md'));
  fs.appendFileSync(path.join(dir, 'README.md'), '\nTODO: more notes.\n');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'second');
  return { dir, base };
}

function runAction(dir: string, env: Record<string, string>) {
  const output = path.join(dir, '.github-output');
  fs.writeFileSync(output, '');
  const r = spawnSync('bash', [ACTION], { cwd: dir, encoding: 'utf8', env: { ...process.env, PLANLINT_CLI: CLI, GITHUB_OUTPUT: output, ...env } });
  const outputs = Object.fromEntries(
    fs
      .readFileSync(output, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
  );
  const sarifFile = path.join(dir, outputs['sarif-file'] ?? 'planlint.sarif');
  const sarif = fs.existsSync(sarifFile) ? JSON.parse(fs.readFileSync(sarifFile, 'utf8')) : null;
  const files = new Set<string>((sarif?.runs[0].results ?? []).map((x: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) => decodeURIComponent(x.locations[0]!.physicalLocation.artifactLocation.uri)));
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, outputs, sarif, files };
}

test('the action checks the plans a commit changed and writes SARIF; the readme it changed is no plan', () => {
  const { dir, base } = fixtureRepo();
  try {
    const r = runAction(dir, { PLANLINT_BASE: base, PLANLINT_HEAD: 'HEAD' });
    assert.equal(r.code, 1, `errors in the flawed plan: ${r.stderr}`);
    assert.equal(r.sarif.version, '2.1.0');
    assert.deepEqual([...r.files], ['plans/shoptalk plan.md'], 'only the changed plan; neither the unchanged plan nor the readme');
    assert.ok(r.sarif.runs[0].results.some((x: { ruleId: string; level: string }) => x.ruleId === 'funds-total' && x.level === 'error'));
    assert.deepEqual(r.outputs, { 'sarif-file': 'planlint.sarif', files: '2', 'exit-code': '1' });
    assert.match(r.stdout, /2 Markdown file\(s\) changed/);
    assert.match(r.stdout, /missing-section/, 'the findings in the log too');

    // deferred: the job goes on to upload; the exit code is in the outputs
    const deferred = runAction(dir, { PLANLINT_BASE: base, PLANLINT_DEFER_EXIT: 'true', PLANLINT_SARIF: 'out.sarif' });
    assert.equal(deferred.code, 0);
    assert.equal(deferred.outputs['exit-code'], '1');
    assert.ok(fs.existsSync(path.join(dir, 'out.sarif')));

    // paths given: those, whatever changed
    const given = runAction(dir, { PLANLINT_PATHS: 'plans/legalmind-plan.md README.md' });
    assert.equal(given.code, 0, given.stderr);
    assert.equal(given.files.size, 0);
    assert.equal(given.sarif.runs[0].results.length, 0);

    // no usable base (a first push): every plan in the repository
    const all = runAction(dir, { PLANLINT_BASE: '0000000000000000000000000000000000000000' });
    assert.equal(all.code, 1);
    assert.deepEqual([...all.files], ['plans/shoptalk plan.md'], 'the clean plan has no findings');
    assert.match(all.stdout, /checking every plan/);

    // nothing changed: an empty SARIF run, exit 0
    git(dir, 'commit', '-q', '--allow-empty', '-m', 'third');
    const none = runAction(dir, { PLANLINT_BASE: git(dir, 'rev-parse', 'HEAD~1') });
    assert.equal(none.code, 0, none.stderr);
    assert.deepEqual(none.outputs, { 'sarif-file': 'planlint.sarif', 'exit-code': '0', files: '0' });
    assert.equal(none.sarif.runs[0].results.length, 0);

    // extra options reach planlint
    const zh = runAction(dir, { PLANLINT_BASE: base, PLANLINT_ARGS: '--lang zh' });
    assert.ok(zh.sarif.runs[0].results.some((x: { message: { text: string } }) => x.message.text.startsWith('缺少必需章节')));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('action.yml runs that entry and uploads its SARIF with upload-sarif', () => {
  const action = parseYaml(fs.readFileSync(path.join(REPO, 'action.yml'), 'utf8'));
  assert.equal(action.runs.using, 'composite');
  const steps = action.runs.steps as { id?: string; uses?: string; run?: string; with?: Record<string, string>; env?: Record<string, string> }[];
  const check = steps.find((s) => s.id === 'check')!;
  assert.match(check.run!, /scripts\/action\.sh/);
  assert.equal(check.env!.PLANLINT_DEFER_EXIT, 'true');
  const upload = steps.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@'))!;
  assert.ok(upload, 'uploads to code scanning');
  assert.equal(upload.with!.sarif_file, '${{ inputs.sarif-file }}');
  assert.ok(steps.indexOf(upload) > steps.indexOf(check));
  for (const input of ['paths', 'sarif-file', 'upload', 'fail-on-error', 'args']) assert.ok(action.inputs[input], input);
  const workflow = parseYaml(fs.readFileSync(path.join(REPO, 'examples', 'workflows', 'planlint.yml'), 'utf8'));
  assert.equal(workflow.permissions['security-events'], 'write');
});

test('the pre-commit hook: its entry on Markdown files passes plans and skips the rest', () => {
  const hooks = parseYaml(fs.readFileSync(path.join(REPO, '.pre-commit-hooks.yaml'), 'utf8')) as Record<string, unknown>[];
  const hook = hooks.find((h) => h.id === 'planlint')!;
  assert.equal(hook.language, 'node');
  assert.equal(hook.pass_filenames, true);
  const files = new RegExp(hook.files as string);
  for (const f of ['plan.md', 'docs/商业计划书.md', 'bp.markdown']) assert.ok(files.test(f), f);
  for (const f of ['plan.txt', 'package.json', 'md']) assert.ok(!files.test(f), f);
  const [bin, ...args] = (hook.entry as string).split(' ');
  assert.equal(bin, 'planlint', 'the package\'s bin');
  const pkg = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8'));
  assert.equal(pkg.bin.planlint, 'dist/cli.cjs');

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'planlint-hook-'));
  try {
    fs.writeFileSync(path.join(dir, 'README.md'), '# Notes\n\nTODO\n');
    fs.writeFileSync(path.join(dir, 'CHANGELOG.md'), '# Changes\n');
    fs.writeFileSync(path.join(dir, 'business-plan.md'), example('business-plan-legalmind.md'));
    fs.writeFileSync(path.join(dir, 'draft-plan.md'), example('flawed-plan.md'));
    // as pre-commit runs it: the entry, then the staged files that match
    const entry = (names: string[]) => spawnSync(process.execPath, [CLI, ...args, ...names.filter((n) => files.test(n))], { cwd: dir, encoding: 'utf8' });
    const clean = entry(['README.md', 'CHANGELOG.md', 'business-plan.md', 'package.json']);
    assert.equal(clean.status, 0, clean.stderr);
    assert.equal(clean.stdout, '');
    const none = entry(['README.md', 'CHANGELOG.md']);
    assert.equal(none.status, 0, 'no plan among the files is no error');
    assert.equal(none.stdout + none.stderr, '');
    const flawed = entry(['README.md', 'draft-plan.md']);
    assert.equal(flawed.status, 1);
    assert.match(flawed.stdout, /draft-plan\.md/);
    assert.match(flawed.stdout, /missing-section/);
    assert.ok(!flawed.stdout.includes('README.md'), 'the readme is not checked');
    // without the option a named file is always a plan (the check's own rule)
    assert.equal(spawnSync(process.execPath, [CLI, 'README.md'], { cwd: dir, encoding: 'utf8' }).status, 1);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
