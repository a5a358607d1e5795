/**
 * Helpers for the robustness suites: raw JSON-RPC frames (for malformed
 * messages), process liveness and exit, resident memory, positions as the
 * server's TextDocument counts them (\n, \r\n and a lone \r end a line),
 * hostile documents, and the diagnostics a fresh core check gives.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SERVER, type Diagnostic, type Position } from './client.js';
import { checkPlan, defaultConfig, LineIndex, type CheckOptions } from '../../server/src/core/index.js';

/** One JSON-RPC message as framed on the wire (the body is sent as is, valid or not). */
export function frame(body: string): string {
  return `Content-Length: ${Buffer.byteLength(body, 'utf8')}\r\n\r\n${body}`;
}

/** Whether a process exists (signal 0 only checks); a zombie (exited, not yet reaped by its new parent) counts as gone. */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return !/^\d+ \(.*\) [ZX] /s.test(stat);
  } catch {
    return true; // no /proc: signal 0 is all we know
  }
}

/** Resolves with the exit code (or signal) of a child, rejects when it is still running after `ms`. */
export function waitExit(proc: ChildProcess, ms: number): Promise<{ code: number | null; signal: NodeJS.Signals | null; afterMs: number }> {
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    if (proc.exitCode !== null || proc.signalCode !== null) {
      resolve({ code: proc.exitCode, signal: proc.signalCode, afterMs: 0 });
      return;
    }
    const timer = setTimeout(() => reject(new Error(`process ${proc.pid} still running after ${ms} ms`)), ms);
    proc.once('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, afterMs: performance.now() - t0 });
    });
  });
}

/** Spawns the built server with raw stdio (no JSON-RPC connection on top). */
export function spawnRawServer(args: string[] = ['--stdio']): ChildProcess & { out: () => string; err: () => string } {
  const proc = spawn(process.execPath, [SERVER, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  proc.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  proc.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  return Object.assign(proc, { out: () => out, err: () => err });
}

/** Peak resident memory of a (Linux) process in MB, or null where /proc is not there. */
export function peakRssMb(pid: number): number | null {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const m = /^VmHWM:\s+(\d+) kB/m.exec(status);
    return m ? Number(m[1]) / 1024 : null;
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------- positions as LSP counts them

/** Offsets of line starts: \n, \r\n and a lone \r each end a line (as TextDocument and LineIndex count). */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
    if (c === 10 || c === 13) starts.push(i + 1);
  }
  return starts;
}

export function lspPositionAt(text: string, offset: number, starts = lineStarts(text)): Position {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo, character: offset - starts[lo]! };
}

/** Nearest offset that is not between the \r and \n of a line break (those are one break for LSP). */
export function snapOffset(text: string, offset: number): number {
  return offset > 0 && text.charCodeAt(offset - 1) === 13 && text.charCodeAt(offset) === 10 ? offset - 1 : offset;
}

// ---------------------------------------------------------------- expected diagnostics

export interface DiagKey {
  code: string | number | undefined;
  severity: number | undefined;
  message: string;
  range: string;
}

const SEV = { error: 1, warning: 2, info: 3, hint: 4 } as const;

/** What the server should publish for a text: a fresh core check with the server's defaults (no config file, en client). */
export function expectedKeys(text: string, fileName: string, opts: Partial<CheckOptions> = {}): DiagKey[] {
  const r = checkPlan(text, { config: defaultConfig(), autoLang: 'en', fileName, ...opts });
  const lines = new LineIndex(text);
  const range = (s: number, e: number) => {
    const a = lines.positionAt(s);
    const b = lines.positionAt(e);
    return `${a.line}:${a.character}-${b.line}:${b.character}`;
  };
  const out: DiagKey[] = r.findings.map((f) => ({ code: f.rule, severity: SEV[f.severity], message: f.message, range: range(f.start, f.end) }));
  for (const e of r.configErrors) out.push({ code: 'config', severity: 1, message: e.message, range: range(e.offset ?? 0, e.offset ?? 0) });
  return sortKeys(out);
}

export function keysOf(ds: Diagnostic[]): DiagKey[] {
  return sortKeys(
    ds.map((d) => ({ code: d.code, severity: d.severity, message: d.message, range: `${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character}` })),
  );
}

function sortKeys(ks: DiagKey[]): DiagKey[] {
  return ks.sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
}

// ---------------------------------------------------------------- hostile documents

/** A deterministic PRNG (mulberry32), so a failing input can be rebuilt from its seed. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PROSE_EN =
  'Our model reduces inspection time by 40 percent for small factories; customers pay USD 2,000 a month. See [the survey](https://example.com) and *our pilot* data.\n\n';
const PROSE_ZH = '我们的模型将中小工厂的质检时间缩短百分之四十，客户每月付费两千美元。试点数据见附录。\n\n';

/** A plan of about `chars` characters: the guide's headings repeated with prose, tables and lists. */
export function bigPlan(chars: number): string {
  const heads = ['Executive summary', 'Market demand', 'Technical feasibility', 'Data privacy', 'Model explainability', '市场策略', '团队介绍', '财务预测'];
  const parts: string[] = ['# Business plan\n\n'];
  let n = 0;
  let i = 0;
  while (n < chars) {
    const block =
      `## ${heads[i % heads.length]} ${i}\n\n${PROSE_EN.repeat(6)}${PROSE_ZH.repeat(4)}| Year | Revenue |\n|---|---|\n| 2025 | 1.2 |\n| 2026 | 3.4 |\n\n- point one\n- point two\n  - nested\n\n`;
    parts.push(block);
    n += block.length;
    i++;
  }
  return parts.join('');
}

/** Random UTF-16 code units: NUL, control characters, lone surrogates, everything. */
export function binaryGarbage(units: number, seed = 7): string {
  const r = rng(seed);
  const out: string[] = [];
  for (let i = 0; i < units; i++) {
    const x = r();
    if (x < 0.05) out.push('\0');
    else if (x < 0.1) out.push(String.fromCharCode(0xd800 + Math.floor(r() * 0x800))); // lone surrogates, high or low
    else if (x < 0.3) out.push(String.fromCharCode(Math.floor(r() * 32)));
    else out.push(String.fromCharCode(Math.floor(r() * 0x10000)));
  }
  return out.join('');
}

/** The hostile inputs of issue 7 (the heavy 10 MB plan apart). */
export function hostileDocs(): Record<string, string> {
  const lines = (n: number, f: (i: number) => string) => Array.from({ length: n }, (_, i) => f(i)).join('\n');
  return {
    'headings-100k': lines(100_000, (i) => `${'#'.repeat((i % 6) + 1)} ${i % 7 === 0 ? '市场需求' : 'Heading'} ${i}`),
    'nested-lists-5000': `# Plan\n\n${'- '.repeat(5000)}item\n`,
    'nested-lists-staircase': `# Plan\n\n${lines(5000, (i) => `${'  '.repeat(i % 300)}${i % 2 ? '1.' : '-'} item ${i}`)}\n`,
    'nested-quotes-5000': `# Plan\n\n${'> '.repeat(5000)}quote\n`,
    'nested-quotes-lines': `# Plan\n\n${lines(5000, (i) => `${'>'.repeat((i % 400) + 1)} q`)}\n`,
    'mixed-nesting': `# Plan\n\n${'> - '.repeat(2500)}x\n`,
    'line-1mb-words': `# Plan\n\n${'word *em* [link](http://x) 中文 `c` TODO '.repeat(Math.ceil(1_000_000 / 41)).slice(0, 1_000_000)}`,
    'line-1mb-x': 'x'.repeat(1_000_000),
    'line-1mb-brackets': '['.repeat(500_000) + ']'.repeat(500_000),
    'binary-garbage': binaryGarbage(300_000),
    'unbalanced-fences': lines(30_000, (i) => (i % 3 === 0 ? ['```', '~~~~', '````js', '  ```', '<!--', '<div>', '$$'][i % 7]! : `## Heading ${i}`)),
    'open-fence-at-start': `# Plan\n\n\`\`\`\n${lines(20_000, (i) => `## Not a heading ${i}`)}`,
    'html-comment-unclosed': `# Plan\n\n<!-- planlint-disable\n${lines(20_000, (i) => `## H ${i} TODO`)}`,
    'front-matter-unclosed': `---\nplanlint:\n  rules: [\n${lines(20_000, (i) => `  key${i}: ${'['.repeat(i % 50)}`)}`,
  };
}

/** Writes a hostile input to a file (for reporting the exact input of a failure). */
export function saveInput(dir: string, name: string, text: string): string {
  const file = path.join(dir, `${name}.md`);
  fs.writeFileSync(file, text);
  return file;
}
