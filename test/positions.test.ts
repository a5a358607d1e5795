/**
 * UTF-16 positions at the edges: LSP diagnostics (0-based line, character in
 * UTF-16 code units) and the CLI's JSON (1-based line and column, UTF-16 code
 * units as the README documents; a byte order mark is not a column, as in
 * editors). Lines with CJK, astral emoji, ZWJ sequences, flags, combining
 * marks; LF, CRLF and lone CR line ends; a BOM.
 */
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT, TestClient, type Diagnostic } from './lsp/client.js';
import { lineStarts } from './lsp/faults.js';

const CLI = path.join(ROOT, 'dist/cli.cjs');

/** A document whose placeholder sits after `prefix` on line `line` (0-based), with the given line end and BOM. */
interface Case {
  name: string;
  lines: string[];
  eol: string;
  bom?: boolean;
  /** [line, prefix before the placeholder, placeholder] */
  at: [number, string, string];
}

const COMBINING = 'e\u0301'; // é as e + COMBINING ACUTE ACCENT: two code units, one character on screen
const BODY = ['# Business plan', '', 'Intro text for the plan.'];

const CASES: Case[] = [
  { name: 'emoji, CJK and a combining mark before the placeholder (LF)', lines: [...BODY, `Revenue 😀中文${COMBINING} TODO here`], eol: '\n', at: [3, `Revenue 😀中文${COMBINING} `, 'TODO'] },
  { name: 'the same with CRLF', lines: [...BODY, `Revenue 😀中文${COMBINING} TODO here`], eol: '\r\n', at: [3, `Revenue 😀中文${COMBINING} `, 'TODO'] },
  { name: 'the same with lone CR line ends', lines: [...BODY, `Revenue 😀中文${COMBINING} TODO here`], eol: '\r', at: [3, `Revenue 😀中文${COMBINING} `, 'TODO'] },
  { name: 'ZWJ sequence, flag, astral CJK, full-width punctuation', lines: [...BODY, '团队👩‍💻🇨🇳𠮷，目标：[timeframe] 内上线'], eol: '\n', at: [3, '团队👩‍💻🇨🇳𠮷，目标：', '[timeframe]'] },
  { name: 'a placeholder in a table cell after CJK', lines: [...BODY, '', '| 年份 | 收入 |', '|---|---|', '| 2025 😀 | 待补充 |'], eol: '\r\n', at: [6, '| 2025 😀 | ', '待补充'] },
  { name: 'a BOM, and the placeholder on line 1 after emoji', lines: ['😀 TODO first', ...BODY], eol: '\r\n', bom: true, at: [0, '😀 ', 'TODO'] },
  { name: 'a BOM and a placeholder further down', lines: [...BODY, `中文${COMBINING}😀 {COMPANY}`], eol: '\n', bom: true, at: [3, `中文${COMBINING}😀 `, '{COMPANY}'] },
];

function build(c: Case): string {
  return (c.bom ? '\uFEFF' : '') + c.lines.join(c.eol) + c.eol;
}

/** The LSP position the placeholder must have: the prefix's length in UTF-16 units (a BOM is part of the text sent). */
function expectedLsp(c: Case): { line: number; start: number; end: number } {
  const [line, prefix, ph] = c.at;
  const bom = c.bom && line === 0 ? 1 : 0;
  return { line, start: bom + prefix.length, end: bom + prefix.length + ph.length };
}

function isHigh(c: number) {
  return c >= 0xd800 && c <= 0xdbff;
}

/** Every position lies on a line of the text, not past its end, and not inside a surrogate pair. */
function assertWellFormed(text: string, ds: Diagnostic[]) {
  const starts = lineStarts(text);
  for (const d of ds) {
    for (const p of [d.range.start, d.range.end]) {
      assert.ok(p.line >= 0 && p.line < starts.length, `${d.code} line ${p.line} of ${starts.length}`);
      const lineStart = starts[p.line]!;
      const next = p.line + 1 < starts.length ? starts[p.line + 1]! : text.length;
      const content = text.slice(lineStart, next).replace(/\r?\n$|\r$/, '');
      assert.ok(p.character >= 0 && p.character <= content.length, `${d.code} ${d.message}: character ${p.character} past the end of line ${p.line} (${content.length})`);
      const off = lineStart + p.character;
      assert.ok(!(off > 0 && isHigh(text.charCodeAt(off - 1)) && off < text.length && !isHigh(text.charCodeAt(off))), `${d.code} splits a surrogate pair at ${p.line}:${p.character}`);
    }
  }
}

describe('UTF-16 positions in LSP diagnostics', () => {
  let c: TestClient;
  let dir: string;
  let n = 0;
  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'planlint-pos-'));
    c = await TestClient.start({ settings: { debounceMs: 0 }, workspaceFolder: dir });
  });
  after(async () => {
    await c.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  for (const cs of CASES) {
    test(cs.name, async () => {
      const uri = pathToFileURL(path.join(dir, `${n++}-business-plan.md`)).href;
      const text = build(cs);
      c.open(uri, text);
      const p = await c.nextDiagnostics(uri, { after: 0 });
      const want = expectedLsp(cs);
      const ph = p.diagnostics.filter((d) => d.code === 'placeholder');
      const hit = ph.find((d) => d.range.start.line === want.line);
      assert.ok(hit, `placeholders: ${JSON.stringify(ph.map((d) => d.range))}`);
      assert.deepEqual(hit.range, { start: { line: want.line, character: want.start }, end: { line: want.line, character: want.end } });
      assertWellFormed(text, p.diagnostics);
      // a missing section sits where it would go: on the last word before its insertion point, within one line
      const lines = text.split(/\r\n|\n|\r/);
      const ms = p.diagnostics.filter((d) => d.code === 'missing-section');
      assert.ok(ms.length);
      for (const d of ms) {
        assert.equal(d.range.start.line, d.range.end.line);
        const line = lines[d.range.start.line]!;
        const word = line.slice(d.range.start.character, d.range.end.character);
        assert.ok(word.length > 0 && !/\s/.test(word), `missing-section on ${JSON.stringify(word)} ${JSON.stringify(d.range)}`);
        assert.ok(d.range.end.character === line.length || /\s/.test(line[d.range.end.character]!), `the word ends there: ${JSON.stringify(line)}`);
      }
    });
  }
});

describe('UTF-16 positions in the CLI JSON', () => {
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'planlint-pos-cli-'));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  interface Rec {
    rule: string;
    line: number;
    column: number;
    endLine: number;
    endColumn: number;
  }
  const run = (file: string): Rec[] => {
    let out: string;
    try {
      out = execFileSync(process.execPath, [CLI, '--format', 'json', file], { encoding: 'utf8' });
    } catch (e) {
      out = (e as { stdout: string }).stdout; // exit 1: the plan has errors
    }
    return (JSON.parse(out) as { findings: Rec[] }[])[0]!.findings;
  };

  CASES.forEach((cs, i) => {
    test(cs.name, () => {
      const file = path.join(dir, `${i}-business-plan.md`);
      fs.writeFileSync(file, build(cs), 'utf8');
      const recs = run(file);
      const [line, prefix, ph] = cs.at;
      // 1-based; a BOM is not a column (editors do not show it)
      const hit = recs.find((r) => r.rule === 'placeholder' && r.line === line + 1);
      assert.ok(hit, JSON.stringify(recs.filter((r) => r.rule === 'placeholder')));
      assert.deepEqual(
        { line: hit.line, column: hit.column, endLine: hit.endLine, endColumn: hit.endColumn },
        { line: line + 1, column: prefix.length + 1, endLine: line + 1, endColumn: prefix.length + ph.length + 1 },
      );
      // a missing section sits on the last word before where it would go: within one line, whole characters
      const lines = build(cs).replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
      const ms = recs.filter((r) => r.rule === 'missing-section');
      assert.ok(ms.length);
      for (const r of ms) {
        assert.equal(r.line, r.endLine);
        const word = lines[r.line - 1]!.slice(r.column - 1, r.endColumn - 1);
        assert.ok(word.length > 0 && !/\s/.test(word), `missing-section on ${JSON.stringify(word)}`);
      }
    });
  });
});
