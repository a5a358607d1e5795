/**
 * `npm run bench`: planlint's speed and size, measured against markdownlint
 * in the same run. Prints a table and writes JSON to bench/results/.
 *
 * In process: cold check (a fresh parser, no cache) and single-keystroke
 * re-check on the guide and on 1 MB / 10 MB plans made from it, and on the
 * pathological inputs. Over LSP (bench/lsp.ts): keystroke to diagnostics,
 * server start to first diagnostics, resident memory, and whether a huge
 * document delays another. Sizes of the bundles and the .vsix.
 *
 * Environment: PLANLINT_GUIDE (the guide's path), PLANLINT_BENCH_MDL_10MB=1
 * (also run markdownlint on the 10 MB plan: about three minutes).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { lint } from 'markdownlint/sync';
import { checkPlan, getProfile } from '../server/src/core/index.js';
import { buildPlanModel } from '../server/src/core/parse.js';
import { createIncrementalParser, type IncrementalParser } from '../server/src/core/incremental.js';
import { guidePath, kb, pathological, REPO, scaled, withCodeBlock, type Input } from './inputs.js';
import { lspBench, type LspResults } from './lsp.js';

interface Row {
  input: string;
  size: string;
  coldMs: number | null;
  keystrokeP50Ms?: number | null;
  keystrokeP95Ms?: number | null;
  markdownlintMs: number | null;
  ratio: number | null;
  findings: number;
  fallbacks: string;
  note?: string;
}

const now = () => performance.now();

function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
}
const median = (xs: number[]) => quantile(xs, 0.5);
const round = (x: number) => Math.round(x * 10) / 10;

/** A check with a fresh parser: nothing cached. */
function coldCheck(text: string, maxHeadings?: number): { ms: number; findings: number; fallbacks: string } {
  const t = now();
  const r = createIncrementalParser(maxHeadings ? { budget: { maxHeadings } } : {}).parse(text);
  const result = checkPlan(text, { plan: buildPlanModel(text, r.root, r.fallbacks), autoLang: 'en' });
  const ms = now() - t;
  return { ms, findings: result.findings.length, fallbacks: r.fallbacks.map((f) => `${f.reason} ${f.value}`).join('; ') };
}

/** Offsets where a keystroke goes: ends of prose lines (not headings, not blank), spread over the text. */
function editSpots(text: string, n: number): number[] {
  const spots: number[] = [];
  const re = /^[^#\s|>`-][^\n]{20,}$/gm;
  const all: number[] = [];
  for (const m of text.matchAll(re)) all.push(m.index + m[0].length);
  if (!all.length) return [Math.floor(text.length / 2)];
  let seed = 42;
  for (let i = 0; i < n; i++) {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    spots.push(all[seed % all.length]!);
  }
  return spots;
}

/** Single keystrokes re-checked with a warm parser: one character typed at a time, at spots across the plan. */
function keystrokes(text: string, parser: IncrementalParser, n: number): number[] {
  parser.parse(text);
  const times: number[] = [];
  let cur = text;
  // in text order: the i-th keystroke lands i characters after its spot in the original
  const spots = editSpots(text, n).sort((x, y) => x - y);
  for (let i = 0; i < n; i++) {
    const at = spots[i]! + i;
    cur = cur.slice(0, at) + (i % 2 ? '字' : 'a') + cur.slice(at);
    const t = now();
    const r = parser.parse(cur);
    checkPlan(cur, { plan: buildPlanModel(cur, r.root, r.fallbacks), autoLang: 'en' });
    times.push(now() - t);
  }
  return times;
}

function md043Headings(): string[] {
  const required = getProfile().sections.filter((s) => s.level === 'required');
  return ['*', ...required.flatMap((s) => [`## ${s.title.zh}`, '*'])];
}

function markdownlint(text: string): number {
  const t = now();
  lint({ strings: { plan: text }, config: { default: false, MD043: { headings: md043Headings() } } });
  return now() - t;
}

function fileSize(p: string): number | null {
  try {
    return fs.statSync(p).size;
  } catch {
    return null;
  }
}

function table(rows: Row[]): string {
  const head = ['input', 'size', 'cold check ms', 'keystroke p50/p95 ms', 'markdownlint ms', 'ratio', 'findings', 'fallback'];
  const lines = rows.map((r) => [
    r.input,
    r.size,
    r.coldMs === null ? '-' : String(round(r.coldMs)),
    r.keystrokeP50Ms == null ? '-' : `${round(r.keystrokeP50Ms)} / ${round(r.keystrokeP95Ms!)}`,
    r.markdownlintMs === null ? r.note ?? '-' : String(round(r.markdownlintMs)),
    r.ratio === null ? '-' : `${r.ratio.toFixed(2)}×`,
    String(r.findings),
    r.fallbacks || '-',
  ]);
  return mdTable(head, lines);
}

function mdTable(head: string[], lines: string[][]): string {
  const w = head.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const fmt = (l: string[]) => `| ${l.map((c, i) => (i === 0 ? c.padEnd(w[i]!) : c.padStart(w[i]!))).join(' | ')} |`;
  return [fmt(head), `|${w.map((x, i) => (i === 0 ? '-'.repeat(x + 2) : `${'-'.repeat(x + 1)}:`)).join('|')}|`, ...lines.map(fmt)].join('\n');
}

async function main(): Promise<void> {
  const started = now();
  let guideFile: string;
  try {
    guideFile = guidePath();
  } catch (e) {
    console.error((e as Error).message);
    process.exit(2);
  }
  const guide = fs.readFileSync(guideFile, 'utf8');
  const oneMb = scaled(guide, 1_000_000);
  const tenMb = scaled(guide, 10_000_000);
  const mdl10 = process.env.PLANLINT_BENCH_MDL_10MB === '1';
  const log = (s: string) => process.stderr.write(`${s}\n`);

  // warm the JIT on other text, so "cold" means a cold cache, not a cold VM
  const firstEver = coldCheck(guide).ms;
  coldCheck(scaled(guide.replace(/市场/g, '行业'), 300_000));
  markdownlint(guide.slice(0, 20_000));

  const rows: Row[] = [];
  const inputs: (Input & { runs: number; keys: number; mdl: boolean })[] = [
    { name: 'guide', text: guide, runs: 7, keys: 60, mdl: true },
    { name: '1 MB plan', text: oneMb, runs: 3, keys: 60, mdl: true },
    { name: '1 MB plan, 10,000-line code block', text: withCodeBlock(guide, 1_000_000, 10_000), runs: 3, keys: 30, mdl: true },
    { name: '10 MB plan', text: tenMb, runs: 1, keys: 20, mdl: mdl10 },
  ];
  for (const inp of inputs) {
    log(`in-process: ${inp.name}`);
    const cold = Array.from({ length: inp.runs }, () => coldCheck(inp.text));
    const keys = keystrokes(inp.text, createIncrementalParser({ shiftInPlace: true }), inp.keys); // as the language server parses
    const mdl = inp.mdl ? median(Array.from({ length: Math.min(inp.runs, 3) }, () => markdownlint(inp.text))) : null;
    const coldMs = median(cold.map((c) => c.ms));
    rows.push({
      input: inp.name,
      size: kb(inp.text),
      coldMs,
      keystrokeP50Ms: median(keys),
      keystrokeP95Ms: quantile(keys, 0.95),
      markdownlintMs: mdl,
      ratio: mdl ? coldMs / mdl : null,
      findings: cold[0]!.findings,
      fallbacks: cold[0]!.fallbacks,
      ...(mdl === null ? { note: 'skipped (PLANLINT_BENCH_MDL_10MB=1)' } : {}),
    });
  }
  {
    // the 10 MB plan has more headings than the budget: its structure in full, for comparison
    log('in-process: 10 MB plan, no heading budget');
    const c = coldCheck(tenMb, Number.MAX_SAFE_INTEGER);
    rows.push({ input: '10 MB plan, no heading budget', size: kb(tenMb), coldMs: c.ms, markdownlintMs: null, ratio: null, findings: c.findings, fallbacks: c.fallbacks, note: '-' });
  }
  for (const inp of pathological()) {
    log(`in-process: ${inp.name}`);
    const c = coldCheck(inp.text);
    let mdl: number | null = null;
    let note: string | undefined;
    if (inp.markdownlint === false) note = 'skipped (~90 s)';
    else {
      try {
        mdl = markdownlint(inp.text);
      } catch (e) {
        note = `failed: ${(e as Error).message.slice(0, 40)}`;
      }
    }
    rows.push({ input: inp.name, size: kb(inp.text), coldMs: c.ms, markdownlintMs: mdl, ratio: mdl ? c.ms / mdl : null, findings: c.findings, fallbacks: c.fallbacks, ...(note ? { note } : {}) });
  }

  log('over LSP');
  let lsp: LspResults | { error: string };
  try {
    lsp = await lspBench(guide, oneMb, tenMb);
  } catch (e) {
    lsp = { error: (e as Error).stack ?? String(e) };
  }

  const dist = ['cli.cjs', 'server.cjs', 'extension.cjs'].map((f) => ({ file: `dist/${f}`, bytes: fileSize(path.join(REPO, 'dist', f)) }));
  const vsix = fs.readdirSync(REPO).filter((f) => f.endsWith('.vsix')).map((f) => ({ file: f, bytes: fileSize(path.join(REPO, f)) }));

  // ---- report
  const out: string[] = [];
  out.push(`planlint bench — node ${process.version}, ${(await import('node:os')).cpus().length} CPUs, guide ${kb(guide)}`);
  out.push('');
  out.push('In process (ms; cold = fresh parser, warm VM; keystroke = one character typed, re-parse + full re-check; ratio = planlint cold / markdownlint MD043):');
  out.push(table(rows));
  out.push(`(first check of the process, cold VM, on the guide: ${round(firstEver)} ms)`);
  out.push('');
  if ('error' in lsp) out.push(`LSP: failed: ${lsp.error}`);
  else {
    out.push('Over LSP (dist/server.cjs, vscode-jsonrpc client, debounce 0):');
    out.push(
      mdTable(
        ['measure', 'value'],
        [
          ['didChange → publishDiagnostics, guide: p50 / p95', `${round(lsp.keystroke.guide.p50)} / ${round(lsp.keystroke.guide.p95)} ms (n=${lsp.keystroke.guide.n})`],
          ['didChange → publishDiagnostics, 1 MB: p50 / p95', `${round(lsp.keystroke.oneMb.p50)} / ${round(lsp.keystroke.oneMb.p95)} ms (n=${lsp.keystroke.oneMb.n})`],
          ['server start → first diagnostics (guide), median of 3', `${round(lsp.startMs)} ms`],
          ['resident memory, 1 MB plan open', `${lsp.rssMb.toFixed(0)} MB`],
          ['small plan edited 200 ms after a fresh 1 MB plan opened: to its diagnostics', `${round(lsp.blocked.smallMs)} ms (the 1 MB plan: ${round(lsp.blocked.bigMs)} ms)`],
        ],
      ),
    );
  }
  out.push('');
  out.push(
    mdTable(
      ['artifact', 'size'],
      [...dist, ...vsix].map((d) => [d.file, d.bytes === null ? 'absent' : `${(d.bytes / 1024).toFixed(0)} KiB`]).concat(vsix.length ? [] : [['.vsix', 'absent (npm run package)']]),
    ),
  );
  out.push('');
  out.push(`total bench time ${((now() - started) / 1000).toFixed(0)} s`);
  console.log(out.join('\n'));

  const dir = path.join(REPO, 'bench', 'results');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `bench-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  fs.writeFileSync(file, JSON.stringify({ node: process.version, date: new Date().toISOString(), guide: guideFile, firstEverMs: firstEver, rows, lsp, dist, vsix }, null, 2) + '\n');
  console.log(`written ${path.relative(REPO, file)}`);
}

void main().catch((e) => {
  console.error(e);
  process.exit(1);
});
