/**
 * A minimal LSP client for the protocol tests: spawns the built server
 * (dist/server.cjs --stdio) and speaks JSON-RPC as an editor would. Every
 * notification is recorded; tests wait on predicates that are re-evaluated
 * whenever a notification arrives (no fixed sleeps).
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const SERVER = path.join(ROOT, 'dist/server.cjs');

export interface Position {
  line: number;
  character: number;
}
export interface Range {
  start: Position;
  end: Position;
}
export interface LspTextEdit {
  range: Range;
  newText: string;
}
export interface Diagnostic {
  range: Range;
  severity?: number;
  code?: string | number;
  codeDescription?: { href: string };
  source?: string;
  message: string;
  relatedInformation?: { location: { uri: string; range: Range }; message: string }[];
  data?: unknown;
}
export interface PublishDiagnosticsParams {
  uri: string;
  version?: number;
  diagnostics: Diagnostic[];
}
export interface WorkspaceEdit {
  changes?: Record<string, LspTextEdit[]>;
  documentChanges?: { textDocument: { uri: string; version: number | null }; edits: LspTextEdit[] }[];
}
export interface CodeAction {
  title: string;
  kind?: string;
  isPreferred?: boolean;
  diagnostics?: Diagnostic[];
  edit?: WorkspaceEdit;
  command?: { title: string; command: string; arguments?: unknown[] };
}

export interface StartOptions {
  /** Settings returned for workspace/configuration section "planlint". */
  settings?: Record<string, unknown>;
  locale?: string;
  workspaceFolder?: string;
  timeoutMs?: number;
  /** Sent as initializationOptions. */
  initializationOptions?: Record<string, unknown>;
  /** A workspace folder that is not on disk (a web editor's), as a URI; used instead of workspaceFolder. */
  workspaceFolderUri?: string;
}

type Waiter = { check: () => boolean };

export class TestClient {
  readonly published: PublishDiagnosticsParams[] = [];
  readonly messages: { type: number; message: string }[] = [];
  readonly statuses: { uri: string; version: number | null; isPlan: boolean; present: number; total: number }[] = [];
  /** Files not on disk the client serves to planlint/readFile (URI → text), and the URIs the server asked for. */
  readonly virtualFiles = new Map<string, string>();
  readonly readRequests: string[] = [];
  readonly appliedEdits: WorkspaceEdit[] = [];
  readonly stderr: string[] = [];
  private readonly waiters = new Set<Waiter>();
  /** Text of each open document, kept in sync with the changes sent. */
  readonly texts = new Map<string, { text: string; version: number }>();
  settings: Record<string, unknown>;
  readonly timeoutMs: number;

  private constructor(
    readonly proc: ChildProcessWithoutNullStreams,
    readonly conn: MessageConnection,
    opts: StartOptions,
  ) {
    this.settings = opts.settings ?? {};
    this.timeoutMs = opts.timeoutMs ?? 10_000;
  }

  static async start(opts: StartOptions = {}): Promise<TestClient> {
    const proc = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    const conn = createMessageConnection(new StreamMessageReader(proc.stdout), new StreamMessageWriter(proc.stdin));
    const c = new TestClient(proc, conn, opts);
    proc.stderr.on('data', (d: Buffer) => c.stderr.push(d.toString()));
    conn.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      c.published.push(p);
      c.poke();
    });
    conn.onNotification('window/showMessage', (p: { type: number; message: string }) => {
      c.messages.push(p);
      c.poke();
    });
    conn.onNotification('planlint/status', (p: TestClient['statuses'][number]) => {
      c.statuses.push(p);
      c.poke();
    });
    conn.onNotification('window/logMessage', () => {});
    conn.onRequest('workspace/configuration', (p: { items: { section?: string }[] }) =>
      p.items.map((i) => (i.section === 'planlint' ? c.settings : null)),
    );
    conn.onRequest('client/registerCapability', () => null);
    conn.onRequest('planlint/readFile', (p: { uri: string }) => {
      c.readRequests.push(p.uri);
      const text = c.virtualFiles.get(p.uri);
      return text === undefined ? null : { text };
    });
    conn.onRequest('window/workDoneProgress/create', () => null);
    conn.onRequest('workspace/applyEdit', (p: { edit: WorkspaceEdit }) => {
      c.appliedEdits.push(p.edit);
      c.applyWorkspaceEdit(p.edit);
      c.poke();
      return { applied: true };
    });
    conn.listen();
    const folder = opts.workspaceFolder;
    const init = await conn.sendRequest<{ capabilities: Record<string, unknown> }>('initialize', {
      processId: process.pid,
      locale: opts.locale ?? 'en',
      rootUri: opts.workspaceFolderUri ?? (folder ? pathToFileURL(folder).href : null),
      workspaceFolders: opts.workspaceFolderUri
        ? [{ uri: opts.workspaceFolderUri, name: 'web' }]
        : folder
          ? [{ uri: pathToFileURL(folder).href, name: path.basename(folder) }]
          : null,
      ...(opts.initializationOptions ? { initializationOptions: opts.initializationOptions } : {}),
      capabilities: {
        workspace: {
          configuration: true,
          didChangeConfiguration: { dynamicRegistration: true },
          didChangeWatchedFiles: { dynamicRegistration: true },
          workspaceEdit: { documentChanges: true },
          applyEdit: true,
        },
        textDocument: {
          synchronization: { didSave: true, dynamicRegistration: false },
          publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true, dataSupport: true },
          codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source', 'source.fixAll'] } }, isPreferredSupport: true },
          completion: { completionItem: { snippetSupport: true } },
          hover: { contentFormat: ['markdown', 'plaintext'] },
          documentSymbol: { hierarchicalDocumentSymbolSupport: true },
          foldingRange: {},
        },
        window: { showMessage: {} },
      },
    });
    c.serverCapabilities = init.capabilities;
    await conn.sendNotification('initialized', {});
    return c;
  }

  private poke(): void {
    for (const w of [...this.waiters]) w.check();
  }

  /** Resolves with pred()'s first non-undefined value, re-checked on every notification; rejects after the timeout. */
  waitFor<T>(what: string, pred: () => T | undefined, timeoutMs = this.timeoutMs): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const waiter: Waiter = {
        check: () => {
          let v: T | undefined;
          try {
            v = pred();
          } catch (e) {
            this.waiters.delete(waiter);
            clearTimeout(timer);
            reject(e);
            return true;
          }
          if (v === undefined) return false;
          this.waiters.delete(waiter);
          clearTimeout(timer);
          resolve(v);
          return true;
        },
      };
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}; server stderr: ${this.stderr.join('').slice(-2000)}`));
      }, timeoutMs);
      if (!waiter.check()) this.waiters.add(waiter);
    });
  }

  /** What the server answered to initialize. */
  serverCapabilities: Record<string, unknown> = {};

  /** The next publishDiagnostics for a uri after `after` publishes were seen, optionally for a version. */
  nextDiagnostics(uri: string, opts: { after?: number; version?: number; where?: (p: PublishDiagnosticsParams) => boolean } = {}): Promise<PublishDiagnosticsParams> {
    const after = opts.after ?? this.published.length;
    return this.waitFor(`publishDiagnostics for ${uri}${opts.version !== undefined ? ` version ${opts.version}` : ''}`, () =>
      this.published
        .slice(after)
        .find((p) => p.uri === uri && (opts.version === undefined || p.version === opts.version) && (!opts.where || opts.where(p))),
    );
  }

  open(uri: string, text: string, languageId = 'markdown'): void {
    this.texts.set(uri, { text, version: 1 });
    void this.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
  }

  /** Sends incremental changes (applied in order) and returns the new version. */
  change(uri: string, changes: { range: Range; text: string }[]): number {
    const doc = this.texts.get(uri)!;
    let text = doc.text;
    for (const ch of changes) text = applyLspEdits(text, [{ range: ch.range, newText: ch.text }]);
    const version = doc.version + 1;
    this.texts.set(uri, { text, version });
    void this.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: changes });
    return version;
  }

  /** Replaces the whole text by edits computed as one incremental change. */
  setText(uri: string, text: string): number {
    const doc = this.texts.get(uri)!;
    const end = positionAt(doc.text, doc.text.length);
    return this.change(uri, [{ range: { start: { line: 0, character: 0 }, end }, text }]);
  }

  /** Applies a workspace edit to the open documents it names, sending didChange like an editor. */
  applyWorkspaceEdit(edit: WorkspaceEdit): void {
    const perUri: [string, LspTextEdit[]][] = edit.documentChanges
      ? edit.documentChanges.map((d) => [d.textDocument.uri, d.edits])
      : Object.entries(edit.changes ?? {});
    for (const [uri, edits] of perUri) {
      const doc = this.texts.get(uri);
      if (!doc) throw new Error(`edit for a document that is not open: ${uri}`);
      this.setText(uri, applyLspEdits(doc.text, edits));
    }
  }

  text(uri: string): string {
    return this.texts.get(uri)!.text;
  }

  request<T>(method: string, params: unknown): Promise<T> {
    return this.conn.sendRequest(method, params) as Promise<T>;
  }

  notify(method: string, params: unknown): void {
    void this.conn.sendNotification(method, params);
  }

  async stop(): Promise<void> {
    try {
      await Promise.race([this.conn.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 2000))]);
      void this.conn.sendNotification('exit');
    } catch {
      // already gone
    }
    const exited = new Promise<void>((resolve) => {
      if (this.proc.exitCode !== null) resolve();
      else this.proc.once('exit', () => resolve());
    });
    const killer = setTimeout(() => this.proc.kill(), 2000);
    await exited;
    clearTimeout(killer);
    this.conn.dispose();
  }
}

export function positionAt(text: string, offset: number): Position {
  let line = 0;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, character: Math.min(offset, text.length) - lineStart };
}

export function offsetAt(text: string, pos: Position): number {
  let line = 0;
  let i = 0;
  while (line < pos.line && i < text.length) {
    if (text.charCodeAt(i) === 10) line++;
    i++;
  }
  let end = text.indexOf('\n', i);
  if (end < 0) end = text.length;
  return Math.min(i + pos.character, end);
}

/** Applies non-overlapping LSP edits (any order) to a text. */
export function applyLspEdits(text: string, edits: readonly LspTextEdit[]): string {
  const sorted = edits
    .map((e, i) => ({ start: offsetAt(text, e.range.start), end: offsetAt(text, e.range.end), newText: e.newText, i }))
    .sort((a, b) => a.start - b.start || a.i - b.i);
  let out = '';
  let pos = 0;
  for (const e of sorted) {
    if (e.start < pos) throw new Error('overlapping edits');
    out += text.slice(pos, e.start) + e.newText;
    pos = e.end;
  }
  return out + text.slice(pos);
}
