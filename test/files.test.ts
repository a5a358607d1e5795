/**
 * Plan files on disk: encodings (UTF-8 only, nothing else is rewritten),
 * symlinks and races (discovery stays inside the searched tree; a fix is
 * written only over the very file that was read), and ordinary I/O errors
 * (one line naming the file and the cause, exit 2, the other files still
 * processed and reported). CLI tests spawn the bundled bin on temporary folders.
 */
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { main } from '../server/src/cli/main.js';
import { decodeText, encodeText, describeEncoding, findFilesInTree, globBase, writeFileIfUnchanged } from '../server/src/core/index.js';
import { firstInvalidUtf8, readFileChecked } from '../server/src/core/files.js';
import { REPO, FIXTURES, keepsAllLines } from './helpers/fixtures.js';
import { TestClient } from './lsp/client.js';

const CLI = path.join(REPO, 'dist', 'cli.cjs');
const PLAN = fs.readFileSync(path.join(FIXTURES, 'cli', 'plan.md'), 'utf8');
const LATIN1 = Buffer.from('# Business plan\n\nOur caf\xe9 serves cr\xe8me br\xfbl\xe9e.\n', 'latin1');

function cli(args: string[], cwd: string, input?: Buffer) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, input: input ?? Buffer.alloc(0), env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, out: r.stdout.toString('utf8'), stderr: r.stderr.toString('utf8') };
}

function tmp(): string {
  return fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'planlint-files-')));
}

/** Every stderr line is one `planlint: ...` line: no stack trace, no internal error. */
function oneLiners(stderr: string): string[] {
  const lines = stderr.split('\n').filter(Boolean);
  for (const l of lines) assert.match(l, /^planlint: /, stderr);
  assert.doesNotMatch(stderr, /internal error|\n\s+at /, stderr);
  return lines;
}

const files = (json: string) => (JSON.parse(json) as { file: string }[]).map((r) => r.file).sort();

describe('decoding', () => {
  test('UTF-16 and UTF-32 by their byte-order marks, UTF-16 without one by its NUL bytes', () => {
    const cases: [Buffer, string][] = [
      [Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('# Plan 计划\n', 'utf16le')]), 'encoded as UTF-16 LE (byte-order mark)'],
      [Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from('# Plan\n', 'utf16le').swap16()]), 'encoded as UTF-16 BE (byte-order mark)'],
      [Buffer.from([0xff, 0xfe, 0, 0, 0x23, 0, 0, 0]), 'encoded as UTF-32 LE (byte-order mark)'],
      [Buffer.from([0, 0, 0xfe, 0xff, 0, 0, 0, 0x23]), 'encoded as UTF-32 BE (byte-order mark)'],
      [Buffer.from('# Plan\n\nText.\n', 'utf16le'), 'looks like UTF-16 LE (NUL bytes)'],
      [Buffer.from('# Plan\n\nText.\n', 'utf16le').swap16(), 'looks like UTF-16 BE (NUL bytes)'],
    ];
    for (const [bytes, want] of cases) {
      const d = decodeText(bytes);
      assert.equal(d.ok, false);
      if (!d.ok) assert.ok(describeEncoding(d.problem, 'en').startsWith(want), describeEncoding(d.problem, 'en'));
    }
  });

  test('invalid UTF-8 names the first bad byte, its offset and a likely encoding', () => {
    const d = decodeText(LATIN1);
    assert.equal(d.ok, false);
    if (!d.ok) assert.match(describeEncoding(d.problem, 'en'), /^not valid UTF-8 \(byte 0xE9 at offset 24, perhaps Latin-1\/Windows-1252\)/);
    const gbk = Buffer.from([0x23, 0x20, 0xc9, 0xcc, 0xd2, 0xb5, 0xbc, 0xc6, 0xbb, 0xae, 0xca, 0xe9, 0x0a]); // "# 商业计划书" in GBK
    const g = decodeText(gbk);
    assert.equal(g.ok, false);
    if (!g.ok) {
      assert.match(describeEncoding(g.problem, 'en'), /byte 0xC9 at offset 2, perhaps GB18030\/GBK/);
      assert.match(describeEncoding(g.problem, 'zh'), /不是有效的 UTF-8/);
    }
  });

  test('a UTF-8 byte-order mark is taken off the text and put back byte for byte', () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(PLAN)]);
    const d = decodeText(bytes);
    assert.ok(d.ok && d.bom && d.text === PLAN);
    if (d.ok) assert.ok(encodeText(d.text, d.bom).equals(bytes));
    const plain = decodeText(Buffer.from(PLAN));
    assert.ok(plain.ok && !plain.bom && plain.text === PLAN);
  });

  test('property: firstInvalidUtf8 agrees with the strict TextDecoder, and valid text decodes back to its bytes', () => {
    const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
    const bytes = fc.oneof(
      fc.uint8Array({ maxLength: 64 }),
      fc.string({ unit: 'binary', maxLength: 32 }).map((s) => new Uint8Array(Buffer.from(s, 'utf8'))),
      fc.tuple(fc.string({ unit: 'binary', maxLength: 16 }), fc.uint8Array({ maxLength: 4 })).map(([s, tail]) => new Uint8Array(Buffer.concat([Buffer.from(s, 'utf8'), tail]))),
    );
    fc.assert(
      fc.property(bytes, (b) => {
        let valid = true;
        try {
          strict.decode(b);
        } catch {
          valid = false;
        }
        const at = firstInvalidUtf8(b);
        assert.equal(at === -1, valid);
        if (!valid) {
          // everything before the reported offset is well formed
          assert.doesNotThrow(() => strict.decode(b.subarray(0, at)));
        }
      }),
      { numRuns: 2000 },
    );
  });

  test('globBase splits a glob at its first wildcard segment', () => {
    assert.deepEqual(globBase('docs/**/*.md'), { base: 'docs', rest: '**/*.md' });
    assert.deepEqual(globBase('*.md'), { base: '.', rest: '*.md' });
    assert.deepEqual(globBase('../other/plans/*plan*.md'), { base: '../other/plans', rest: '*plan*.md' });
    assert.deepEqual(globBase('/abs/dir/*.md'), { base: '/abs/dir', rest: '*.md' });
  });
});

describe('writeFileIfUnchanged', () => {
  const setup = (mode = 0o640) => {
    const dir = tmp();
    const file = path.join(dir, 'business-plan.md');
    fs.writeFileSync(file, 'old text\n');
    fs.chmodSync(file, mode);
    return { dir, file, read: readFileChecked(file) };
  };
  const leftovers = (dir: string) => fs.readdirSync(dir).filter((n) => n.endsWith('.tmp'));

  test('writes through a temporary file renamed into place, keeping the mode', () => {
    const { dir, file, read } = setup(0o640);
    assert.equal(writeFileIfUnchanged(file, read.bytes, Buffer.from('new text\n'), read.stat), 'written');
    assert.equal(fs.readFileSync(file, 'utf8'), 'new text\n');
    assert.equal(fs.statSync(file).mode & 0o7777, 0o640);
    assert.notEqual(fs.statSync(file).ino, read.stat.ino, 'a new file was renamed over the old one');
    assert.deepEqual(leftovers(dir), []);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('an edit saved after the read is kept: nothing is written', () => {
    const { dir, file, read } = setup();
    fs.writeFileSync(file, 'the user saved this\n');
    assert.equal(writeFileIfUnchanged(file, read.bytes, Buffer.from('new text\n'), read.stat), 'changed');
    assert.equal(fs.readFileSync(file, 'utf8'), 'the user saved this\n');
    assert.deepEqual(leftovers(dir), []);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('an edit of the same size with the old modification time is still seen (bytes compared)', () => {
    const { dir, file, read } = setup();
    fs.writeFileSync(file, 'OLD TEXT\n');
    fs.utimesSync(file, read.stat.atime, read.stat.mtime);
    assert.equal(writeFileIfUnchanged(file, read.bytes, Buffer.from('new text\n')), 'changed');
    assert.equal(fs.readFileSync(file, 'utf8'), 'OLD TEXT\n');
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('a file swapped for a symlink is not written, nor is its target', () => {
    const { dir, file, read } = setup();
    const outside = path.join(dir, 'outside.txt');
    fs.writeFileSync(outside, 'old text\n');
    fs.rmSync(file);
    fs.symlinkSync(outside, file);
    assert.equal(writeFileIfUnchanged(file, read.bytes, Buffer.from('new text\n'), read.stat), 'changed');
    assert.equal(writeFileIfUnchanged(file, read.bytes, Buffer.from('new text\n')), 'changed', 'also without the stat of the read');
    assert.equal(fs.readFileSync(outside, 'utf8'), 'old text\n');
    assert.ok(fs.lstatSync(file).isSymbolicLink());
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('a file replaced by a folder, or removed, is not written', () => {
    const { dir, file, read } = setup();
    fs.rmSync(file);
    fs.mkdirSync(file);
    assert.equal(writeFileIfUnchanged(file, read.bytes, Buffer.from('new text\n'), read.stat), 'changed');
    assert.ok(fs.statSync(file).isDirectory());
    fs.rmdirSync(file);
    assert.equal(writeFileIfUnchanged(file, read.bytes, Buffer.from('new text\n'), read.stat), 'changed');
    assert.equal(fs.existsSync(file), false);
    assert.deepEqual(leftovers(dir), []);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('a read-only file is refused with a coded error, even for a user the system would let write', () => {
    const { dir, file, read } = setup(0o444);
    assert.throws(() => writeFileIfUnchanged(file, read.bytes, Buffer.from('new text\n'), read.stat), (e: NodeJS.ErrnoException) => e.code === 'EREADONLY');
    assert.equal(fs.readFileSync(file, 'utf8'), 'old text\n');
    assert.deepEqual(leftovers(dir), []);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

describe('discovery stays inside the tree', () => {
  test('symlinks out of the tree (file or folder) are left out; a symlink inside counts once; a loop ends', async () => {
    const dir = tmp();
    fs.mkdirSync(path.join(dir, 'repo', 'docs'), { recursive: true });
    fs.mkdirSync(path.join(dir, 'outside', 'sub'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'outside', '.profile'), 'x');
    fs.writeFileSync(path.join(dir, 'outside', 'sub', 'a-plan.md'), 'y');
    fs.writeFileSync(path.join(dir, 'repo', 'docs', 'real-plan.md'), 'z');
    fs.symlinkSync('../../outside/.profile', path.join(dir, 'repo', 'docs', 'business-plan.md'));
    fs.symlinkSync('../../outside/sub', path.join(dir, 'repo', 'docs', 'outdir'));
    fs.symlinkSync('..', path.join(dir, 'repo', 'docs', 'loop'));
    fs.symlinkSync('real-plan.md', path.join(dir, 'repo', 'docs', 'in-plan.md'));
    const found = await findFilesInTree(path.join(dir, 'repo'), ['**/*.md'], []);
    assert.deepEqual(found, [{ path: path.join(dir, 'repo', 'docs', 'real-plan.md'), real: path.join(dir, 'repo', 'docs', 'real-plan.md') }]);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

describe('CLI: encodings', () => {
  test('--fix refuses a Latin-1 file (exit 2, bytes unchanged); the other plan is still fixed and reported', () => {
    const dir = tmp();
    fs.writeFileSync(path.join(dir, 'business-plan.md'), LATIN1);
    fs.writeFileSync(path.join(dir, 'other-plan.md'), PLAN);
    const r = cli(['--fix', '--format', 'json', '.'], dir);
    assert.equal(r.code, 2);
    assert.deepEqual(oneLiners(r.stderr), [
      'planlint: business-plan.md: not valid UTF-8 (byte 0xE9 at offset 24, perhaps Latin-1/Windows-1252): planlint reads UTF-8 only; convert the file to UTF-8 to check it',
    ]);
    assert.ok(fs.readFileSync(path.join(dir, 'business-plan.md')).equals(LATIN1));
    assert.deepEqual(files(r.out), ['other-plan.md']);
    assert.ok(keepsAllLines(PLAN, fs.readFileSync(path.join(dir, 'other-plan.md'), 'utf8')));
    assert.notEqual(fs.readFileSync(path.join(dir, 'other-plan.md'), 'utf8'), PLAN, 'the other plan was fixed');
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('checking (no --fix) a file that is not UTF-8 reports its encoding, not findings on mojibake', () => {
    const dir = tmp();
    fs.writeFileSync(path.join(dir, 'business-plan.md'), LATIN1);
    const r = cli(['--format', 'json', 'business-plan.md'], dir);
    assert.equal(r.code, 2);
    assert.match(oneLiners(r.stderr)[0]!, /^planlint: business-plan\.md: not valid UTF-8/);
    assert.deepEqual(JSON.parse(r.out), []);
    const zh = cli(['--lang', 'zh', 'business-plan.md'], dir);
    assert.match(zh.stderr, /^planlint: business-plan\.md: 不是有效的 UTF-8（偏移 24 处的字节 0xE9/);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('--fix leaves UTF-16 LE (with BOM) and UTF-16 BE (without) byte for byte, naming the encoding', () => {
    const dir = tmp();
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(PLAN, 'utf16le')]);
    const be = Buffer.from(PLAN, 'utf16le').swap16();
    fs.writeFileSync(path.join(dir, 'le-plan.md'), le);
    fs.writeFileSync(path.join(dir, 'be-plan.md'), be);
    const r = cli(['--fix', 'le-plan.md', 'be-plan.md'], dir);
    assert.equal(r.code, 2);
    assert.deepEqual(oneLiners(r.stderr).map((l) => l.split(', not UTF-8')[0]), [
      'planlint: le-plan.md: encoded as UTF-16 LE (byte-order mark)',
      'planlint: be-plan.md: looks like UTF-16 BE (NUL bytes)',
    ]);
    assert.ok(fs.readFileSync(path.join(dir, 'le-plan.md')).equals(le));
    assert.ok(fs.readFileSync(path.join(dir, 'be-plan.md')).equals(be));
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('--fix on Latin-1 stdin: exit 2, a message naming it, and the input passed through unchanged', () => {
    const dir = tmp();
    const r = cli(['--fix', '--stdin-filename', 'plan.md', '-'], dir, LATIN1);
    assert.equal(r.code, 2);
    assert.match(oneLiners(r.stderr)[0]!, /^planlint: plan\.md: not valid UTF-8 \(byte 0xE9 at offset 24/);
    assert.ok(r.stdout.equals(LATIN1), 'stdout is the input, byte for byte');
    const check = cli(['-'], dir, LATIN1);
    assert.equal(check.code, 2);
    assert.match(check.stderr, /^planlint: <stdin>: not valid UTF-8/);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('a UTF-8 BOM is kept byte for byte by --fix, on files and on stdin', () => {
    const dir = tmp();
    const bom = Buffer.from([0xef, 0xbb, 0xbf]);
    const bytes = Buffer.concat([bom, Buffer.from(PLAN)]);
    fs.writeFileSync(path.join(dir, 'business-plan.md'), bytes);
    const r = cli(['--fix', 'business-plan.md'], dir);
    assert.notEqual(r.code, 2, r.stderr);
    const after = fs.readFileSync(path.join(dir, 'business-plan.md'));
    assert.ok(after.subarray(0, 3).equals(bom));
    assert.notDeepEqual(after.subarray(3, 6), bom, 'one BOM, not two');
    assert.ok(keepsAllLines(PLAN, after.subarray(3).toString('utf8')));
    assert.notEqual(after.length, bytes.length, 'fixed');
    const s = cli(['--fix', '-'], dir, bytes);
    assert.ok(s.stdout.equals(after), 'stdin and file fixes agree');
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

describe('CLI: symlinks', () => {
  const layout = () => {
    const dir = tmp();
    fs.mkdirSync(path.join(dir, 'repo', 'docs'), { recursive: true });
    fs.mkdirSync(path.join(dir, 'outside'));
    fs.writeFileSync(path.join(dir, 'outside', '.profile'), PLAN);
    fs.writeFileSync(path.join(dir, 'repo', 'docs', 'real-plan.md'), PLAN);
    fs.symlinkSync('../../outside/.profile', path.join(dir, 'repo', 'docs', 'business-plan.md'));
    fs.symlinkSync('real-plan.md', path.join(dir, 'repo', 'docs', 'in-plan.md'));
    return dir;
  };

  test('--fix . ignores a symlink out of the tree (its target unchanged) and fixes a file linked inside once', () => {
    const dir = layout();
    const r = cli(['--fix', '--format', 'json', '.'], path.join(dir, 'repo'));
    assert.notEqual(r.code, 2, r.stderr);
    assert.deepEqual(files(r.out), [path.join('docs', 'real-plan.md')]);
    assert.equal(fs.readFileSync(path.join(dir, 'outside', '.profile'), 'utf8'), PLAN);
    const fixed = fs.readFileSync(path.join(dir, 'repo', 'docs', 'real-plan.md'), 'utf8');
    assert.ok(fixed !== PLAN && keepsAllLines(PLAN, fixed));
    assert.ok(fs.lstatSync(path.join(dir, 'repo', 'docs', 'in-plan.md')).isSymbolicLink());
    const g = cli(['--format', 'json', 'docs/*.md'], path.join(dir, 'repo'));
    assert.deepEqual(files(g.out), [path.join('docs', 'real-plan.md')], 'a glob keeps to its folder too');
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('a symlink named on the command line: checked; fixed in its real file when that lies inside the tree, else not written', () => {
    const dir = layout();
    const repo = path.join(dir, 'repo');
    const out = cli(['--fix', 'docs/business-plan.md'], repo);
    assert.equal(out.code, 2);
    assert.match(oneLiners(out.stderr)[0]!, /^planlint: docs\/business-plan\.md: a symbolic link to .*outside.*, outside .*repo: not written$/);
    assert.equal(fs.readFileSync(path.join(dir, 'outside', '.profile'), 'utf8'), PLAN);
    assert.match(out.out, /docs\/business-plan\.md/, 'the report is printed');
    const inside = cli(['--fix', 'docs/in-plan.md'], repo);
    assert.notEqual(inside.code, 2, inside.stderr);
    assert.ok(fs.lstatSync(path.join(repo, 'docs', 'in-plan.md')).isSymbolicLink(), 'the link stays a link');
    assert.notEqual(fs.readFileSync(path.join(repo, 'docs', 'real-plan.md'), 'utf8'), PLAN, 'its target was fixed');
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

describe('CLI: races and I/O errors', () => {
  async function run(args: string[], cwd: string, beforeWrite?: (file: string) => void) {
    let stdout = '';
    let stderr = '';
    const code = await main(args, {
      stdout: (s) => (stdout += typeof s === 'string' ? s : Buffer.from(s).toString('utf8')),
      stderr: (s) => (stderr += s),
      readStdin: () => '',
      isTTY: false,
      cwd,
      ...(beforeWrite ? { beforeWrite } : {}),
    });
    return { code, stdout, stderr };
  }

  test('a file edited between read and write is not written ("changed while fixing"); the other plan is fixed and reported', async () => {
    const dir = tmp();
    fs.writeFileSync(path.join(dir, 'a-plan.md'), PLAN);
    fs.writeFileSync(path.join(dir, 'b-plan.md'), PLAN);
    const edit = PLAN + '\nThe user typed this while planlint ran.\n';
    const r = await run(['--fix', '--format', 'json', 'a-plan.md', 'b-plan.md'], dir, (f) => {
      if (f.endsWith('a-plan.md')) fs.writeFileSync(f, edit);
    });
    assert.equal(r.code, 2);
    assert.deepEqual(oneLiners(r.stderr), ['planlint: a-plan.md: changed while fixing, not written']);
    assert.equal(fs.readFileSync(path.join(dir, 'a-plan.md'), 'utf8'), edit);
    assert.notEqual(fs.readFileSync(path.join(dir, 'b-plan.md'), 'utf8'), PLAN);
    const reports = JSON.parse(r.stdout) as { file: string; findings: { rule: string }[] }[];
    assert.deepEqual(reports.map((x) => x.file), ['a-plan.md', 'b-plan.md']);
    assert.ok(reports[0]!.findings.some((f) => f.rule === 'missing-section'), 'the unwritten file is reported as it is on disk');
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('a file replaced by a folder or a symlink during the fix is not written through', async () => {
    const dir = tmp();
    fs.writeFileSync(path.join(dir, 'a-plan.md'), PLAN);
    fs.writeFileSync(path.join(dir, 'b-plan.md'), PLAN);
    fs.writeFileSync(path.join(dir, 'victim.txt'), PLAN);
    const r = await run(['--fix', 'a-plan.md', 'b-plan.md'], dir, (f) => {
      fs.rmSync(f);
      if (f.endsWith('a-plan.md')) fs.mkdirSync(f);
      else fs.symlinkSync(path.join(dir, 'victim.txt'), f);
    });
    assert.equal(r.code, 2);
    assert.deepEqual(oneLiners(r.stderr), ['planlint: a-plan.md: changed while fixing, not written', 'planlint: b-plan.md: changed while fixing, not written']);
    assert.equal(fs.readFileSync(path.join(dir, 'victim.txt'), 'utf8'), PLAN);
    assert.match(r.stdout, /a-plan\.md[\s\S]*b-plan\.md/);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('--fix of a read-only file: one line, exit 2, the other plan fixed and both reported', () => {
    const dir = tmp();
    fs.writeFileSync(path.join(dir, 'a-plan.md'), PLAN);
    fs.chmodSync(path.join(dir, 'a-plan.md'), 0o444);
    fs.writeFileSync(path.join(dir, 'b-plan.md'), PLAN);
    const r = cli(['--fix', '--format', 'json', '.'], dir);
    assert.equal(r.code, 2);
    assert.deepEqual(oneLiners(r.stderr), ['planlint: a-plan.md: cannot be written: read-only file']);
    assert.equal(fs.readFileSync(path.join(dir, 'a-plan.md'), 'utf8'), PLAN);
    assert.notEqual(fs.readFileSync(path.join(dir, 'b-plan.md'), 'utf8'), PLAN);
    assert.deepEqual(files(r.out), ['a-plan.md', 'b-plan.md']);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('-o into a missing folder, or onto a folder: one line naming it, exit 2', () => {
    const dir = tmp();
    fs.writeFileSync(path.join(dir, 'business-plan.md'), PLAN);
    const r = cli(['-o', 'missing/report.json', '--format', 'json', 'business-plan.md'], dir);
    assert.equal(r.code, 2);
    assert.deepEqual(oneLiners(r.stderr), ['planlint: missing/report.json: cannot be written: no such file or folder']);
    fs.mkdirSync(path.join(dir, 'out'));
    const f = cli(['-o', 'out', 'business-plan.md'], dir);
    assert.equal(f.code, 2);
    assert.deepEqual(oneLiners(f.stderr), ['planlint: out: cannot be written: is a folder']);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('a missing path or a path through a file: one line each, the other files still checked and reported', () => {
    const dir = tmp();
    fs.writeFileSync(path.join(dir, 'business-plan.md'), PLAN);
    const r = cli(['--format', 'json', 'nope.md', 'business-plan.md/x.md', 'business-plan.md'], dir);
    assert.equal(r.code, 2);
    assert.deepEqual(oneLiners(r.stderr), [
      'planlint: nope.md: no such file or folder',
      'planlint: business-plan.md/x.md: a part of the path is not a folder',
    ]);
    assert.deepEqual(files(r.out), ['business-plan.md']);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

describe('language server: check workspace keeps to the folder', () => {
  test('a symlink out of the workspace is not read or published; a symlink inside counts once', async () => {
    const dir = tmp();
    const ws = path.join(dir, 'ws');
    fs.mkdirSync(path.join(ws, 'docs'), { recursive: true });
    fs.mkdirSync(path.join(dir, 'outside'));
    fs.writeFileSync(path.join(dir, 'outside', 'secret-plan.md'), PLAN);
    fs.writeFileSync(path.join(ws, 'docs', 'real-plan.md'), PLAN);
    fs.symlinkSync('../../outside/secret-plan.md', path.join(ws, 'docs', 'business-plan.md'));
    fs.symlinkSync('real-plan.md', path.join(ws, 'docs', 'in-plan.md'));
    const c = await TestClient.start({ settings: { debounceMs: 0 }, workspaceFolder: ws });
    try {
      const r = await c.request<{ files: number; plans: number }>('workspace/executeCommand', { command: 'planlint.checkWorkspace', arguments: [] });
      assert.deepEqual(r, { files: 1, plans: 1 });
      const uri = pathToFileURL(path.join(ws, 'docs', 'real-plan.md')).href;
      await c.nextDiagnostics(uri, { after: 0 });
      const uris = c.published.map((p) => p.uri);
      assert.ok(!uris.some((u) => u.endsWith('business-plan.md') || u.endsWith('in-plan.md')), JSON.stringify(uris));
    } finally {
      await c.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

test('check workspace: a plan that is not UTF-8 is not checked (its text would be guessed); the UTF-8 one is', async () => {
  const dir = tmp();
  fs.writeFileSync(path.join(dir, 'business-plan.md'), PLAN);
  fs.writeFileSync(path.join(dir, 'latin1-plan.md'), Buffer.from(PLAN.replace('# ', '# Caf\u00e9 '), 'latin1'));
  const c = await TestClient.start({ settings: { debounceMs: 0 }, workspaceFolder: dir });
  try {
    const r = await c.request<{ files: number; plans: number }>('workspace/executeCommand', { command: 'planlint.checkWorkspace', arguments: [] });
    assert.deepEqual(r, { files: 2, plans: 1 });
    const uris = c.published.filter((p) => p.diagnostics.length).map((p) => p.uri);
    assert.ok(uris.some((u) => u.endsWith('/business-plan.md')), JSON.stringify(uris));
    assert.ok(!uris.some((u) => u.endsWith('latin1-plan.md')), JSON.stringify(uris));
  } finally {
    await c.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

