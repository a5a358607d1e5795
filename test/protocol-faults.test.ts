/**
 * Protocol faults against the BUILT server over stdio: bursts of random
 * edits, requests for documents that are not open, positions out of range,
 * cancelled requests, malformed messages, and a client that goes away.
 * Every test ends by asking the server something: it must still answer.
 */
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { CancellationTokenSource, ResponseError } from 'vscode-jsonrpc/node';
import { SERVER, TestClient, type CodeAction, type PublishDiagnosticsParams } from './lsp/client.js';
import { expectedKeys, frame, isAlive, keysOf, lineStarts, lspPositionAt, rng, snapOffset, spawnRawServer, waitExit } from './lsp/faults.js';

const PLAN = `# Acme Vision AI: Business Plan

## Executive summary

Acme Vision AI builds a visual inspection assistant for small factories. TODO: numbers.

## 市场需求

我们的首批三个市场约有四万家中小工厂，市场规模每年约六亿美元。

| Year | Revenue |
|---|---|
| 2025 | 1.2 |

## Technical feasibility

Vision transformers are mature. [timeframe]
`;

function tmpDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'planlint-faults-'));
}

const INSERTS = ['市场', '😀', '𠮷', 'e\u0301', '\n', '\r\n', '\r', '\n## ', '## 数据隐私\n\n', 'TODO ', '[timeframe]', ' ', 'GDPR ', '| a | b |\n|---|---|\n', '```\n', '- ', '> ', '\u200b', '\t', '<!-- planlint-disable -->', '---\n', 'xx'];

/** Sends `count` random incremental edits at full speed; returns the final text and version. */
function randomBurst(c: TestClient, uri: string, text: string, count: number, seed: number): { text: string; version: number } {
  const r = rng(seed);
  let version = 1;
  for (let i = 0; i < count; i++) {
    const starts = lineStarts(text);
    const a = snapOffset(text, Math.floor(r() * (text.length + 1)));
    let b = r() < 0.5 ? a : Math.min(text.length, a + Math.floor(r() * 12));
    b = snapOffset(text, b);
    if (b < a) b = a;
    // mostly inserts, sometimes a deletion, sometimes a replacement; keep the text from growing without bound
    const ins = r() < 0.2 || text.length > 20_000 ? '' : INSERTS[Math.floor(r() * INSERTS.length)]!;
    const range = { start: lspPositionAt(text, a, starts), end: lspPositionAt(text, b, starts) };
    text = text.slice(0, a) + ins + text.slice(b);
    version++;
    c.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range, text: ins }] });
  }
  return { text, version };
}

async function burstCase(debounceMs: number | undefined, seed: number) {
  const dir = tmpDir();
  const c = await TestClient.start({ settings: debounceMs === undefined ? {} : { debounceMs }, workspaceFolder: dir, timeoutMs: 30_000 });
  try {
    const uri = pathToFileURL(path.join(dir, 'business-plan.md')).href;
    c.open(uri, PLAN);
    await c.nextDiagnostics(uri, { after: 0, version: 1 });
    const start = c.published.length;
    const t0 = performance.now();
    const { text, version } = randomBurst(c, uri, PLAN, 2000, seed);
    assert.equal(version, 2001);
    const last = await c.nextDiagnostics(uri, { after: start, version });
    const settledMs = performance.now() - t0;
    // a round trip: whatever the server had queued before answering is in by now
    const st = await c.request<{ version: number | null }>('planlint/status', { uri });
    assert.equal(st.version, version);
    const mine = c.published.slice(start).filter((p: PublishDiagnosticsParams) => p.uri === uri);
    const versions = mine.map((p) => p.version!);
    for (let i = 1; i < versions.length; i++) assert.ok(versions[i]! >= versions[i - 1]!, `an older version after a newer one: ${versions.join(',')}`);
    assert.equal(versions[versions.length - 1], version);
    // the final diagnostics are a fresh check of the final text
    assert.deepEqual(keysOf(last.diagnostics), expectedKeys(text, 'business-plan.md'));
    if (debounceMs === undefined) assert.ok(versions.length <= 20, `default debounce: ${versions.length} publishes for 2000 edits`);
    return { publishes: versions.length, settledMs };
  } finally {
    await c.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('bursts of random edits', () => {
  test('2,000 random edits (CJK, emoji, CR/LF, deletions) with debounce 0 end in a fresh check of the final text, final version only', async () => {
    for (const seed of [1, 2]) await burstCase(0, seed);
  });
  test('2,000 random edits with the default debounce: the same, in a handful of publishes', async () => {
    const r = await burstCase(undefined, 3);
    assert.ok(r.publishes >= 1);
  });
});

describe('requests the server cannot serve', () => {
  let c: TestClient;
  let dir: string;
  let uri: string;
  before(async () => {
    dir = tmpDir();
    c = await TestClient.start({ settings: { debounceMs: 0 }, workspaceFolder: dir });
    uri = pathToFileURL(path.join(dir, 'business-plan.md')).href;
    c.open(uri, PLAN);
    await c.nextDiagnostics(uri, { after: 0 });
  });
  after(async () => {
    await c.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** The server still answers, and still checks the open plan. */
  async function stillServing() {
    const st = await c.request<{ isPlan: boolean; uri: string }>('planlint/status', { uri });
    assert.equal(st.isPlan, true);
    assert.ok(isAlive(c.proc.pid!));
  }

  test('requests for unknown and closed documents get empty results', async () => {
    const closed = pathToFileURL(path.join(dir, 'closed-plan.md')).href;
    c.open(closed, PLAN);
    await c.nextDiagnostics(closed, { after: 0 });
    const before = c.published.length;
    c.notify('textDocument/didClose', { textDocument: { uri: closed } });
    const cleared = await c.nextDiagnostics(closed, { after: before });
    assert.deepEqual(cleared.diagnostics, [], 'closing clears the diagnostics');
    for (const u of [closed, 'file:///no/such/plan.md', 'untitled:never-opened', 'not a uri at all']) {
      const td = { textDocument: { uri: u } };
      const pos = { line: 0, character: 0 };
      assert.equal(await c.request('textDocument/hover', { ...td, position: pos }), null);
      assert.deepEqual(await c.request('textDocument/completion', { ...td, position: pos }), []);
      assert.deepEqual(await c.request('textDocument/codeAction', { ...td, range: { start: pos, end: pos }, context: { diagnostics: [] } }), []);
      assert.deepEqual(await c.request('textDocument/documentSymbol', td), []);
      assert.deepEqual(await c.request('textDocument/foldingRange', td), []);
      const st = await c.request<{ isPlan: boolean }>('planlint/status', { uri: u });
      assert.equal(st.isPlan, false);
      assert.equal(await c.request('workspace/executeCommand', { command: 'planlint.insertAllMissing', arguments: [u] }), false);
      assert.equal(await c.request('workspace/executeCommand', { command: 'planlint.insertSection', arguments: [u, 'data-privacy'] }), false);
    }
    // edits and a close for a document that is not open are ignored
    c.notify('textDocument/didChange', { textDocument: { uri: closed, version: 9 }, contentChanges: [{ text: 'x' }] });
    c.notify('textDocument/didClose', { textDocument: { uri: 'file:///never/opened.md' } });
    await stillServing();
    assert.equal(c.appliedEdits.length, 0, 'no edit was sent for a document that is not open');
  });

  test('out-of-range positions get empty results or errors, not crashes', async () => {
    const bad = [
      { line: 1_000_000, character: 0 },
      { line: 0, character: 1_000_000_000 },
      { line: 3, character: 2 ** 31 - 1 },
      { line: -1, character: -5 },
      { line: 2 ** 31 - 1, character: 2 ** 31 - 1 },
      { line: 1.5, character: 0.5 },
    ];
    let answered = 0;
    for (const p of bad) {
      const td = { textDocument: { uri } };
      const calls: [string, unknown][] = [
        ['textDocument/hover', { ...td, position: p }],
        ['textDocument/completion', { ...td, position: p }],
        ['textDocument/codeAction', { ...td, range: { start: p, end: p }, context: { diagnostics: [] } }],
        ['textDocument/codeAction', { ...td, range: { start: p, end: { line: 0, character: 0 } }, context: { diagnostics: [], only: ['source.fixAll'] } }],
      ];
      for (const [method, params] of calls) {
        try {
          await c.request(method, params);
          answered++;
        } catch (e) {
          assert.ok(e instanceof ResponseError, `${method} ${JSON.stringify(p)}: ${String(e)}`);
        }
      }
    }
    assert.ok(answered > 0);
    // a quick fix offered for a far-away range is for the diagnostics there: none
    const far = await c.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line: 1_000_000, character: 0 }, end: { line: 1_000_000, character: 5 } },
      context: { diagnostics: [], only: ['quickfix'] },
    });
    assert.ok(Array.isArray(far));
    await stillServing();
  });

  test('cancelled requests are answered or cancelled, and later requests still work', async () => {
    const results = await Promise.allSettled(
      Array.from({ length: 60 }, (_, i) => {
        const src = new CancellationTokenSource();
        const method = ['textDocument/documentSymbol', 'textDocument/foldingRange', 'textDocument/codeAction', 'planlint/status'][i % 4]!;
        const params =
          method === 'planlint/status'
            ? { uri }
            : method === 'textDocument/codeAction'
              ? { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 9, character: 0 } }, context: { diagnostics: [] } }
              : { textDocument: { uri } };
        const pr = c.conn.sendRequest(method, params, src.token);
        if (i % 2 === 0) src.cancel();
        else setImmediate(() => src.cancel());
        return pr;
      }),
    );
    for (const r of results) {
      if (r.status === 'rejected') {
        assert.ok(r.reason instanceof ResponseError, String(r.reason));
        assert.equal((r.reason as ResponseError<unknown>).code, -32800, 'RequestCancelled');
      }
    }
    // a cancel for an id that never existed is ignored
    c.notify('$/cancelRequest', { id: 987654 });
    c.notify('$/cancelRequest', { id: 'nope' });
    c.notify('$/cancelRequest', null);
    await stillServing();
  });

  test('wrong parameter types, unknown methods and bad notifications get errors or are ignored', async () => {
    const reqs: [string, unknown][] = [
      ['textDocument/hover', null],
      ['textDocument/hover', { textDocument: 5, position: 'x' }],
      ['textDocument/hover', { textDocument: { uri }, position: null }],
      ['textDocument/completion', { textDocument: { uri }, position: { line: 'a', character: {} } }],
      ['textDocument/codeAction', { textDocument: { uri } }],
      ['textDocument/codeAction', { textDocument: { uri }, range: 7, context: { diagnostics: 'no' } }],
      ['textDocument/codeAction', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [{ range: null, message: 5, data: { fix: 'x' } }] } }],
      ['textDocument/documentSymbol', []],
      ['textDocument/foldingRange', 'string'],
      ['planlint/status', null],
      ['planlint/status', { uri: 42 }],
      ['planlint/skeleton', { lang: 5 }],
      ['planlint/skeleton', null],
      ['planlint/rules', { anything: true }],
      ['workspace/executeCommand', { command: 'planlint.insertSection', arguments: [uri, 5] }],
      ['workspace/executeCommand', { command: 'planlint.insertAllMissing', arguments: [{ uri }] }],
      ['workspace/executeCommand', { command: 'planlint.checkAsPlan', arguments: null }],
      ['workspace/executeCommand', { command: 'no.such.command' }],
      ['workspace/executeCommand', null],
      ['no/such/method', {}],
      ['textDocument/definition', { textDocument: { uri }, position: { line: 0, character: 0 } }],
    ];
    let errors = 0;
    for (const [method, params] of reqs) {
      try {
        await c.request(method, params);
      } catch (e) {
        assert.ok(e instanceof ResponseError, `${method}: ${String(e)}`);
        errors++;
      }
    }
    assert.ok(errors >= 2, 'unknown methods are errors');
    await assert.rejects(c.request('no/such/method', {}), (e: ResponseError<unknown>) => e.code === -32601);
    // notifications with nonsense: ignored or logged, never fatal
    c.notify('textDocument/didOpen', { textDocument: { uri: pathToFileURL(path.join(dir, 'num-plan.md')).href, languageId: 'markdown', version: 1, text: 123 } });
    c.notify('textDocument/didOpen', null);
    c.notify('textDocument/didChange', { textDocument: { uri, version: 'x' }, contentChanges: null });
    c.notify('textDocument/didSave', { textDocument: null });
    c.notify('workspace/didChangeConfiguration', { settings: 'not an object' });
    c.notify('workspace/didChangeConfiguration', null);
    c.notify('workspace/didChangeWatchedFiles', { changes: null });
    c.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: 'file:///x/planlint.config.json', type: 'weird' }] });
    c.notify('no/such/notification', { a: 1 });
    c.notify('$/setTrace', { value: 'verbose' });
    await stillServing();
    // the plan is still checked on its next change
    const before = c.published.length;
    const v = c.change(uri, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: ' ' }]);
    const p = await c.nextDiagnostics(uri, { after: before, version: v });
    assert.ok(p.diagnostics.length > 0);
  });

  test('malformed frames (invalid JSON, bad headers, not JSON-RPC) do not take the server down', async () => {
    // a round trip first: no message of the connection is half written when the raw bytes go out
    await c.request('planlint/status', { uri });
    const raw = [
      frame('{not json'),
      frame('[1, 2, 3]'),
      frame('"just a string"'),
      frame('{"jsonrpc":"2.0","id":{},"method":"textDocument/hover"}'),
      frame('{"jsonrpc":"1.0","method":7}'),
      frame('{"jsonrpc":"2.0","id":77,"result":"a response to nothing"}'),
      frame(JSON.stringify({ jsonrpc: '2.0', method: 'textDocument/didOpen', params: { textDocument: { uri: 'file:///x/\ud800-plan.md', languageId: 'markdown', version: 1, text: '\ud800\udfff\0' } } })),
      'Content-Type: application/vscode-jsonrpc; charset=utf-8\r\nContent-Length: 2\r\n\r\n{}',
    ];
    for (const r of raw) c.proc.stdin.write(r);
    await stillServing();
  });
});

describe('the protocol lifecycle', () => {
  test('a didOpen without text, a didChange without changes or with a broken range: logged and ignored, the process lives on', async () => {
    const dir = tmpDir();
    const c = await TestClient.start({ settings: { debounceMs: 0 }, workspaceFolder: dir });
    try {
      const bad = pathToFileURL(path.join(dir, 'business-plan.md')).href;
      c.notify('textDocument/didOpen', { textDocument: { uri: bad, languageId: 'markdown', version: 1 } });
      c.notify('textDocument/didOpen', { textDocument: { uri: bad, languageId: 'markdown', version: 'one', text: PLAN } });
      c.notify('textDocument/didChange', { textDocument: { uri: bad, version: 2 } });
      c.notify('textDocument/didChange', { textDocument: { uri: bad, version: 3 }, contentChanges: [{ range: { start: { line: -1 } }, text: 'x' }] });
      c.notify('textDocument/didChange', { textDocument: { uri: bad }, contentChanges: [{ text: 'x' }] });
      c.notify('textDocument/didClose', {});
      c.notify('textDocument/didSave', { textDocument: { uri: 5 } });
      // the same document opened properly afterwards is checked
      const good = pathToFileURL(path.join(dir, 'plan-2.md')).href;
      c.open(good, PLAN);
      const p = await c.nextDiagnostics(good, { after: 0, version: 1 });
      assert.ok(p.diagnostics.length > 0);
      assert.equal(c.proc.exitCode, null, 'the server is running');
      assert.equal(c.published.some((x) => x.uri === bad), false, 'nothing was published for the malformed open');
      const st = await c.request<{ isPlan: boolean }>('planlint/status', { uri: bad });
      assert.equal(st.isPlan, false, 'the malformed open did not open a document');
    } finally {
      await c.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('after shutdown: requests fail with InvalidRequest, nothing is published, exit ends with code 0; a second initialize fails', async () => {
    const dir = tmpDir();
    const c = await TestClient.start({ settings: { debounceMs: 0 }, workspaceFolder: dir });
    const uri = pathToFileURL(path.join(dir, 'business-plan.md')).href;
    const invalidRequest = (e: unknown) => e instanceof ResponseError && e.code === -32600;
    try {
      await assert.rejects(c.request('initialize', { processId: null, rootUri: null, capabilities: {} }), invalidRequest, 'a second initialize');
      c.open(uri, PLAN);
      await c.nextDiagnostics(uri, { after: 0, version: 1 });
      await c.request('shutdown', undefined);
      const from = c.published.length;
      const pos = { textDocument: { uri }, position: { line: 2, character: 3 } };
      await assert.rejects(c.request('textDocument/hover', pos), invalidRequest, 'hover');
      await assert.rejects(c.request('textDocument/completion', pos), invalidRequest, 'completion');
      await assert.rejects(c.request('planlint/status', { uri }), invalidRequest, 'a planlint request');
      await assert.rejects(c.request('initialize', { processId: null, rootUri: null, capabilities: {} }), invalidRequest, 'initialize after shutdown');
      c.change(uri, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: 'x' }]);
      // a request after the change: had the change been checked, its diagnostics would be in first
      await assert.rejects(c.request('textDocument/documentSymbol', { textDocument: { uri } }), invalidRequest);
      assert.equal(c.published.length, from, 'nothing published after shutdown');
      const exited = new Promise<number | null>((resolve) => c.proc.once('exit', (code) => resolve(code)));
      c.notify('exit', undefined);
      assert.equal(await exited, 0);
    } finally {
      await c.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a settings problem is shown once however often the settings change, and again only after it was solved and came back', async () => {
    const dir = tmpDir();
    const c = await TestClient.start({ settings: { debounceMs: 0, run: 'sometimes' }, workspaceFolder: dir });
    try {
      const uri = pathToFileURL(path.join(dir, 'business-plan.md')).href;
      c.open(uri, PLAN);
      await c.nextDiagnostics(uri, { after: 0, version: 1 });
      await c.waitFor('the settings warning', () => (c.messages.length ? true : undefined));
      // twenty settings changes, each waited for: the placeholder rule off, on, off... (the bad `run` stays)
      const hasPlaceholder = (p: PublishDiagnosticsParams) => p.diagnostics.some((d) => d.code === 'placeholder');
      for (let i = 0; i < 20; i++) {
        const off = i % 2 === 0;
        c.settings = { debounceMs: 0, run: 'sometimes', ...(off ? { rules: { placeholder: 'off' } } : {}) };
        const from = c.published.length;
        c.notify('workspace/didChangeConfiguration', { settings: {} });
        await c.nextDiagnostics(uri, { after: from, where: (p) => hasPlaceholder(p) !== off });
      }
      assert.equal(c.messages.length, 1, c.messages.map((x) => x.message).join('\n'));
      assert.match(c.messages[0]!.message, /run/);
      c.settings = { debounceMs: 0, rules: { placeholder: 'off' } };
      const from = c.published.length;
      c.notify('workspace/didChangeConfiguration', { settings: {} });
      await c.nextDiagnostics(uri, { after: from, where: (p) => !hasPlaceholder(p) });
      assert.equal(c.messages.length, 1);
      c.settings = { debounceMs: 0, run: 'sometimes' };
      c.notify('workspace/didChangeConfiguration', { settings: {} });
      await c.waitFor('the warning again', () => (c.messages.length === 2 ? true : undefined));
    } finally {
      await c.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the client goes away', () => {
  const init = (pid: number | null) => frame(JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { processId: pid, rootUri: null, capabilities: {} } }));
  const initialized = frame(JSON.stringify({ jsonrpc: '2.0', method: 'initialized', params: {} }));
  const open = frame(JSON.stringify({ jsonrpc: '2.0', method: 'textDocument/didOpen', params: { textDocument: { uri: 'file:///tmp/x/business-plan.md', languageId: 'markdown', version: 1, text: PLAN } } }));

  async function started(pid: number | null = null) {
    const s = spawnRawServer();
    s.stdin!.write(init(pid) + initialized + open);
    // wait for the initialize answer and the first diagnostics: the server is up and busy with a plan
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no diagnostics; stderr: ${s.err()}`)), 10_000);
      s.stdout!.on('data', () => {
        if (s.out().includes('textDocument/publishDiagnostics')) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
    return s;
  }

  test('stdin closed: the server exits', async () => {
    const s = await started();
    s.stdin!.end();
    const r = await waitExit(s, 10_000);
    assert.ok(!isAlive(s.pid!), `exit ${r.code}`);
  });

  test('exit without shutdown: the server exits (code 1); shutdown then exit: code 0', async () => {
    const s = await started();
    s.stdin!.write(frame(JSON.stringify({ jsonrpc: '2.0', method: 'exit' })));
    const r = await waitExit(s, 10_000);
    assert.equal(r.code, 1);
    assert.ok(!isAlive(s.pid!));
    const s2 = await started();
    s2.stdin!.write(frame(JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'shutdown' })) + frame(JSON.stringify({ jsonrpc: '2.0', method: 'exit' })));
    const r2 = await waitExit(s2, 10_000);
    assert.equal(r2.code, 0);
  });

  test('the editor process is killed: the server it started exits and leaves no process behind', async () => {
    // an "editor": a process that starts the server, initializes it with its own pid, prints the server's pid
    const editor = spawn(
      process.execPath,
      [
        '-e',
        `const { spawn } = require('node:child_process');
         const s = spawn(process.execPath, [${JSON.stringify(SERVER)}, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
         const f = (o) => { const b = JSON.stringify(o); return 'Content-Length: ' + Buffer.byteLength(b) + '\\r\\n\\r\\n' + b; };
         s.stdin.write(f({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { processId: process.pid, rootUri: null, capabilities: {} } }));
         s.stdout.once('data', () => process.stdout.write(String(s.pid) + '\\n'));
         setInterval(() => {}, 1000);`,
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const serverPid = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('the editor did not start the server')), 10_000);
      editor.stdout.once('data', (d: Buffer) => {
        clearTimeout(timer);
        resolve(Number(String(d).trim()));
      });
    });
    assert.ok(isAlive(serverPid));
    editor.kill('SIGKILL');
    await waitExit(editor, 5000);
    // not our child: poll its liveness (the server notices stdin closing, or its parent pid gone, within ~3 s)
    const t0 = performance.now();
    await new Promise<void>((resolve, reject) => {
      const timer = setInterval(() => {
        if (!isAlive(serverPid)) {
          clearInterval(timer);
          resolve();
        } else if (performance.now() - t0 > 10_000) {
          clearInterval(timer);
          try {
            process.kill(serverPid, 'SIGKILL');
          } catch {
            // gone meanwhile
          }
          reject(new Error(`server ${serverPid} still running 10 s after its editor was killed`));
        }
      }, 50);
    });
  });

  test('the parent pid given in initialize dies while the pipes stay open: the server exits within the watchdog period', async () => {
    const parent = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
    const s = await started(parent.pid!);
    parent.kill('SIGKILL');
    await waitExit(parent, 5000);
    const r = await waitExit(s, 10_000);
    assert.ok(!isAlive(s.pid!), `exit ${r.code} after ${Math.round(r.afterMs)} ms`);
  });
});
