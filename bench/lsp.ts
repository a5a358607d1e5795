/**
 * The language server measured as an editor sees it: the built
 * dist/server.cjs over stdio, driven by a vscode-jsonrpc client with
 * debounce 0 (workspace/configuration).
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import { LineIndex } from '../server/src/core/text.js';
import { REPO } from './inputs.js';

export interface LspResults {
  keystroke: { guide: Quantiles; oneMb: Quantiles };
  startMs: number;
  rssMb: number;
  blocked: { smallMs: number; bigMs: number; big: string };
}
interface Quantiles {
  n: number;
  p50: number;
  p95: number;
  all: number[];
}

const SERVER = path.join(REPO, 'dist', 'server.cjs');
const now = () => performance.now();

class Client {
  private waiters: { uri: string; version: number; resolve: () => void }[] = [];
  private texts = new Map<string, { text: string; version: number }>();
  constructor(
    readonly proc: ChildProcessWithoutNullStreams,
    readonly conn: MessageConnection,
  ) {
    conn.onNotification('textDocument/publishDiagnostics', (p: { uri: string; version?: number }) => {
      this.waiters = this.waiters.filter((w) => {
        if (w.uri === p.uri && (p.version ?? -1) >= w.version) {
          w.resolve();
          return false;
        }
        return true;
      });
    });
  }

  static async start(): Promise<Client> {
    if (!fs.existsSync(SERVER)) throw new Error(`${SERVER} is missing: run npm run build`);
    const proc = spawn(process.execPath, [SERVER, '--stdio'], { stdio: 'pipe' });
    proc.stderr.resume();
    const conn = createMessageConnection(new StreamMessageReader(proc.stdout), new StreamMessageWriter(proc.stdin));
    const c = new Client(proc, conn);
    conn.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => ({ debounceMs: 0 })));
    conn.onRequest('client/registerCapability', () => null);
    conn.onRequest('window/workDoneProgress/create', () => null);
    conn.onNotification(() => undefined);
    conn.listen();
    await conn.sendRequest('initialize', {
      processId: process.pid,
      rootUri: null,
      workspaceFolders: null,
      capabilities: { workspace: { configuration: true }, textDocument: { publishDiagnostics: { versionSupport: true } } },
    });
    await conn.sendNotification('initialized', {});
    return c;
  }

  diagnostics(uri: string, version: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no diagnostics for ${uri} v${version} in 120 s`)), 120_000);
      this.waiters.push({ uri, version, resolve: () => (clearTimeout(timer), resolve()) });
    });
  }

  async open(uri: string, text: string): Promise<void> {
    this.texts.set(uri, { text, version: 1 });
    const d = this.diagnostics(uri, 1);
    await this.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
    await d;
  }

  /** Types one character at `offset`; resolves when that version's diagnostics arrive. */
  type(uri: string, offset: number, ch: string): Promise<void> {
    const doc = this.texts.get(uri)!;
    const pos = new LineIndex(doc.text).positionAt(offset);
    doc.text = doc.text.slice(0, offset) + ch + doc.text.slice(offset);
    doc.version++;
    const d = this.diagnostics(uri, doc.version);
    void this.conn.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: doc.version },
      contentChanges: [{ range: { start: pos, end: pos }, text: ch }],
    });
    return d;
  }

  rssMb(): number {
    try {
      const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${this.proc.pid}/status`, 'utf8'));
      return m ? Number(m[1]) / 1024 : NaN;
    } catch {
      return NaN;
    }
  }

  async stop(): Promise<void> {
    try {
      await Promise.race([this.conn.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 2000))]);
      await this.conn.sendNotification('exit');
    } catch {
      // already gone
    }
    this.conn.dispose();
    this.proc.kill();
  }
}

function quantiles(xs: number[]): Quantiles {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))]!;
  return { n: xs.length, p50: q(0.5), p95: q(0.95), all: xs.map((x) => Math.round(x * 100) / 100) };
}

/** Offsets at ends of prose lines, spread over the text (deterministic). */
function spots(text: string, n: number): number[] {
  const all: number[] = [];
  for (const m of text.matchAll(/^[^#\s|>`-][^\n]{20,}$/gm)) all.push(m.index + m[0].length);
  let seed = 7;
  return Array.from({ length: n }, () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return all[seed % all.length]!;
  });
}

async function typing(c: Client, uri: string, text: string, n: number): Promise<Quantiles> {
  await c.open(uri, text);
  // a few unmeasured keystrokes first (JIT)
  // spots in text order: the i-th keystroke lands i characters after its spot in the original
  const at = spots(text, n + 5).sort((x, y) => x - y);
  const times: number[] = [];
  for (let i = 0; i < at.length; i++) {
    const t = now();
    await c.type(uri, at[i]! + i, i % 2 ? '字' : 'a');
    if (i >= 5) times.push(now() - t);
  }
  return quantiles(times);
}

export async function lspBench(guide: string, oneMb: string, _tenMb: string): Promise<LspResults> {
  // cold start to first diagnostics, median of 3
  const starts: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t = now();
    const c = await Client.start();
    await c.open('file:///bench/plan-guide.md', guide);
    starts.push(now() - t);
    await c.stop();
  }
  starts.sort((a, b) => a - b);

  const c = await Client.start();
  try {
    const g = await typing(c, 'file:///bench/plan-guide.md', guide, 60);
    const m = await typing(c, 'file:///bench/plan-1mb.md', oneMb, 60);
    const rssMb = c.rssMb();

    // a small plan edited right after a big one was opened: is it held up?
    const small = '# Plan\n\n## Market demand\n\nThe market is large.\n';
    await c.open('file:///bench/plan-small.md', small);
    const bigUri = 'file:///bench/plan-big.md';
    const big = oneMb.replace(/^(#{1,6} .*)$/gm, '$1 big');
    const t = now();
    let bigMs = 0;
    const bigDone = c.diagnostics(bigUri, 1).then(() => (bigMs = now() - t));
    void c.conn.sendNotification('textDocument/didOpen', { textDocument: { uri: bigUri, languageId: 'markdown', version: 1, text: big } });
    // let the big check start (its text is read and the check under way) before the small edit arrives
    await new Promise((r) => setTimeout(r, 200));
    const t2 = now();
    await c.type('file:///bench/plan-small.md', small.length - 1, 'x');
    const smallMs = now() - t2;
    await bigDone;
    return { keystroke: { guide: g, oneMb: m }, startMs: starts[1]!, rssMb, blocked: { smallMs, bigMs, big: 'a fresh 1 MB plan' } };
  } finally {
    await c.stop();
  }
}
