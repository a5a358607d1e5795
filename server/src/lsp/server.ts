/**
 * The planlint language server: document sync, debounced diagnostics with
 * version checks, configuration (editor settings + planlint.config.json),
 * and the editor features of features.ts. The only code that speaks LSP.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  TextDocuments,
  TextDocumentSyncKind,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  CodeActionKind,
  DiagnosticSeverity,
  MessageType,
  type Connection,
  type Diagnostic,
  type InitializeParams,
  type InitializeResult,
  type WorkspaceFolder,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { parseTree, findNodeAtLocation, type Node as JsonNode } from 'jsonc-parser';
import { decodeText, findFilesInTree, readFileChecked } from '../core/files.js';
import { guardConnection } from './guard.js';
import {
  checkPlan,
  checkSplitPlan,
  findSplitPlan,
  editsByFile,
  fileOffset,
  applyEdits,
  type SplitPlan,
  isPlan,
  applySettings,
  defaultConfig,
  CONFIG_FILE,
  RULES,
  LineIndex,
  lineBreaks,
  type ConfigError,
  type PlanlintConfig,
  type ResolvedConfig,
  type Lang,
  type TextEdit,
} from '../core/index.js';
import { findConfigFile, parseConfigText, readConfigFile } from '../core/config.js';
import { buildPlanModel } from '../core/parse.js';
import { createIncrementalParser, type IncrementalParse, type IncrementalParser } from '../core/incremental.js';
import { VERSION } from '../core/meta.js';
import { docUrl, toDiagnostic, toLspEdits, SOURCE } from './convert.js';
import {
  codeActions,
  codeLenses,
  completion,
  documentSymbols,
  emptyStatus,
  FIX_ALL_KIND,
  foldingRanges,
  hover,
  insertAllMissingEdit,
  insertedText,
  insertSectionEdit,
  splitEditOf,
  planStatus,
  planReport,
  sectionGuidance,
  skeleton,
  workspaceEdit,
  type DocContext,
} from './features.js';
import { langOfLocale, m } from './messages.js';
import { normalizeSettings, type NormalizedSettings } from './settings.js';
import {
  COMMANDS,
  GUIDANCE_REQUEST,
  READ_FILE_REQUEST,
  REPORT_REQUEST,
  RULES_REQUEST,
  SKELETON_REQUEST,
  STATUS_NOTIFICATION,
  STATUS_REQUEST,
  type CheckWorkspaceResult,
  type GuidanceParams,
  type InitializationOptions,
  type InsertedText,
  type PlanReportPage,
  type PlanStatus,
  type ReadFileResult,
  type ReportParams,
  type RuleInfo,
  type SectionGuidance,
  type SkeletonParams,
  type StatusParams,
} from './protocol.js';

interface DocState {
  uri: string;
  version: number | null;
  settingsEpoch: number;
  /** Null when the document is not checked (not a plan or disabled, or too large). */
  ctx: DocContext | null;
  settings: NormalizedSettings;
  /** Set when a plan is over the size limits and was not checked. */
  tooLarge?: { chars: number; lines: number };
}

/** Documents over either limit are not checked; one information diagnostic says so (initializationOptions override). */
export const DEFAULT_MAX_DOCUMENT_CHARS = 1_000_000;
export const DEFAULT_MAX_DOCUMENT_LINES = 50_000;

/** Lines of a text (a lone CR ends a line too, as everywhere else), counting only up to `limit + 1`. */
function countLines(text: string, limit: number): number {
  return 1 + lineBreaks(text, limit);
}

interface ConfigFileState {
  config?: PlanlintConfig;
  errors: ConfigError[];
}

function uriToPath(uri: string): string | null {
  if (!uri.startsWith('file:')) return null;
  try {
    return fileURLToPath(uri);
  } catch {
    return null;
  }
}

function pathToUri(p: string): string {
  return pathToFileURL(p).href;
}

/** A path for glob matching: the file path, or for other schemes (virtual workspaces) the URI's path; null for untitled. */
function globPath(uri: string): string | null {
  const p = uriToPath(uri);
  if (p) return p;
  if (uri.startsWith('untitled:')) return null;
  try {
    return decodeURIComponent(new URL(uri).pathname) || null;
  } catch {
    return null;
  }
}

export function startServer(rawConnection: Connection): void {
  // the protocol's rules (valid parameters, nothing after shutdown) are enforced by the guard
  const { connection } = guardConnection(rawConnection, (msg) => rawConnection.console.log(msg));
  const documents = new TextDocuments(TextDocument);

  let clientLang: Lang = 'en';
  let hasConfigurationCapability = false;
  let hasDynamicConfigChange = false;
  let hasDynamicWatchers = false;
  let documentChanges = false;
  let revealCommand: string | undefined;
  let lensCommand = '';
  let reportLineCommand = '';
  /** Workspace folders that are not on disk (VS Code for the Web), as URIs; and whether the client reads files for us. */
  let virtualFolders: string[] = [];
  let clientReadsFiles = false;
  /** Config files of documents with no file on disk, read through the client and parsed once: URI → state, null when there is none. */
  const virtualConfigs = new Map<string, ConfigFileState | null>();
  let folders: string[] = [];
  let settingsEpoch = 0;
  let maxChars = DEFAULT_MAX_DOCUMENT_CHARS;
  let maxLines = DEFAULT_MAX_DOCUMENT_LINES;

  const settingsCache = new Map<string, Promise<NormalizedSettings>>();
  /** Settings pushed with didChangeConfiguration, for clients without workspace/configuration. */
  let pushedSettings: unknown = undefined;
  const states = new Map<string, DocState>();
  const timers = new Map<string, NodeJS.Timeout>();
  const lastPublished = new Map<string, number>();
  /** The diagnostics last published for a document, as JSON (see publish). */
  const lastPublishedKey = new Map<string, string>();
  const forcedPlans = new Set<string>();
  /** Files checked by "check workspace" and not open: keep their diagnostics. */
  const workspaceChecked = new Set<string>();
  const configFiles = new Map<string, ConfigFileState>();
  const lastGoodConfig = new Map<string, PlanlintConfig>();
  const configDiagnosed = new Set<string>();
  const shownMessages = new Set<string>();

  const log = (msg: string) => connection.console.log(msg);

  // ---------- initialize ----------

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const caps = params.capabilities;
    clientLang = langOfLocale(params.locale);
    hasConfigurationCapability = Boolean(caps.workspace?.configuration);
    hasDynamicConfigChange = Boolean(caps.workspace?.didChangeConfiguration?.dynamicRegistration);
    hasDynamicWatchers = Boolean(caps.workspace?.didChangeWatchedFiles?.dynamicRegistration);
    documentChanges = Boolean(caps.workspace?.workspaceEdit?.documentChanges);
    const init = (params.initializationOptions ?? {}) as InitializationOptions;
    const limit = (v: unknown, d: number) => (typeof v === 'number' && v > 0 ? v : d);
    maxChars = limit(init.maxDocumentChars, DEFAULT_MAX_DOCUMENT_CHARS);
    maxLines = limit(init.maxDocumentLines, DEFAULT_MAX_DOCUMENT_LINES);
    revealCommand = typeof init.revealCommand === 'string' && init.revealCommand ? init.revealCommand : undefined;
    lensCommand = typeof init.lensCommand === 'string' ? init.lensCommand : '';
    reportLineCommand = typeof init.reportLineCommand === 'string' ? init.reportLineCommand : '';
    clientReadsFiles = init.readFiles === true;
    const given: WorkspaceFolder[] = params.workspaceFolders ?? (params.rootUri ? [{ uri: params.rootUri, name: '' }] : []);
    folders = given.map((f) => uriToPath(f.uri)).filter((p): p is string => Boolean(p));
    virtualFolders = given.filter((f) => !uriToPath(f.uri)).map((f) => f.uri.replace(/\/+$/, ''));
    return {
      serverInfo: { name: 'planlint-language-server', version: VERSION },
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND], resolveProvider: false },
        completionProvider: { triggerCharacters: ['#', ' '], resolveProvider: false },
        hoverProvider: true,
        ...(init.outline === false ? {} : { documentSymbolProvider: { label: 'planlint' } }),
        codeLensProvider: { resolveProvider: false },
        foldingRangeProvider: true,
        executeCommandProvider: { commands: init.advertiseCommands === false ? [] : Object.values(COMMANDS) },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
    };
  });

  connection.onInitialized(() => {
    if (hasDynamicConfigChange) void connection.client.register(DidChangeConfigurationNotification.type, { section: 'planlint' });
    if (hasDynamicWatchers) {
      // config files, and the workspace profile files they or a plan's front matter name (any JSON or YAML file)
      void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: `**/${CONFIG_FILE}` }, { globPattern: '**/*.{json,yaml,yml}' }] });
    }
    try {
      connection.workspace.onDidChangeWorkspaceFolders((e) => {
        const removed = new Set(e.removed.map((f) => uriToPath(f.uri)));
        folders = [...folders.filter((f) => !removed.has(f)), ...e.added.map((f) => uriToPath(f.uri)).filter((p): p is string => Boolean(p))];
        invalidateAll();
      });
    } catch {
      // the client does not support workspace folder notifications
    }
  });

  // ---------- settings and configuration ----------

  function folderOf(p: string | null): string | null {
    if (!p) return null;
    let best: string | null = null;
    for (const f of folders) {
      const rel = path.relative(f, p);
      if (!rel.startsWith('..') && !path.isAbsolute(rel) && (!best || f.length > best.length)) best = f;
    }
    return best;
  }

  /** The settings problems shown when the settings last changed: the next read of the settings prunes the solved ones. */
  let settingsShownBefore: Set<string> | null = null;

  function notifyOnce(key: string, message: string, type: MessageType = MessageType.Error): void {
    if (shownMessages.has(key)) return;
    shownMessages.add(key);
    log(message);
    void connection.sendNotification('window/showMessage', { type, message });
  }

  function settingsFor(uri: string): Promise<NormalizedSettings> {
    let p = settingsCache.get(uri);
    if (!p) {
      p = (async () => {
        let raw: unknown = pushedSettings;
        if (hasConfigurationCapability) {
          try {
            raw = await connection.workspace.getConfiguration({ scopeUri: uri, section: 'planlint' });
          } catch (e) {
            log(`workspace/configuration failed: ${String(e)}`);
          }
        }
        const { settings, errors } = normalizeSettings(raw);
        if (settingsShownBefore) {
          // a problem shown before a settings change is shown again only if it went away in between
          const now = new Set(errors.map((e) => `settings\0${e.message}`));
          for (const k of settingsShownBefore) if (!now.has(k)) shownMessages.delete(k);
          settingsShownBefore = null;
        }
        for (const e of errors) {
          notifyOnce(`settings\0${e.message}`, m(clientLang, 'settings.invalid', { problem: `${e.keyPath}: ${e.expected}` }), MessageType.Warning);
        }
        return settings;
      })();
      settingsCache.set(uri, p);
    }
    return p;
  }

  function readConfig(file: string, root: string): ConfigFileState {
    let st = configFiles.get(file);
    if (!st) {
      st = readConfigFile(file, root);
      configFiles.set(file, st);
      if (st.config) lastGoodConfig.set(file, st.config);
      reportConfigErrors(file, st);
    }
    return st;
  }

  /** Diagnostics on the config file itself, and one message per distinct problem set. */
  function reportConfigErrors(file: string, st: ConfigFileState): void {
    const uri = pathToUri(file);
    if (!st.errors.length) {
      for (const k of shownMessages) if (k.startsWith(`config\0${file}\0`)) shownMessages.delete(k);
      if (configDiagnosed.delete(file)) void connection.sendDiagnostics({ uri, diagnostics: [] });
      return;
    }
    let text = '';
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch {
      // the error says why
    }
    const diagnostics = configDiagnostics(st, text);
    configDiagnosed.add(file);
    void connection.sendDiagnostics({ uri, diagnostics });
    const first = st.errors[0]!;
    const problem = `${first.message}${st.errors.length > 1 ? ` ${m(clientLang, 'config.more', { count: st.errors.length - 1 })}` : ''}`;
    const fallback = m(clientLang, lastGoodConfig.has(file) ? 'config.fallback.last-good' : 'config.fallback.defaults');
    notifyOnce(`config\0${file}\0${st.errors.map((e) => e.message).join('\n')}`, m(clientLang, 'config.invalid', { problem, fallback }));
  }

  /** Resolved core config of a document: defaults, editor settings, the nearest planlint.config.json. */
  function resolvedConfig(uri: string, settings: NormalizedSettings): ResolvedConfig {
    const file = uriToPath(uri);
    const folder = folderOf(file);
    let config = applySettings(defaultConfig(), settings.plan, undefined, folder ?? undefined);
    if (file) {
      // inside a workspace folder: the nearest config up to the folder; outside every folder: the plan's own folder only
      const root = folder ?? path.dirname(file);
      const cfgFile = findConfigFile(file, root);
      if (cfgFile) {
        const st = readConfig(cfgFile, root);
        const good = st.config ?? lastGoodConfig.get(cfgFile);
        if (good) config = applySettings(config, good, cfgFile, path.dirname(cfgFile));
      }
    } else {
      // no file on disk: the nearest config file read through the client (prefetched by the check)
      for (const cfgUri of virtualConfigChain(uri)) {
        const st = virtualConfigs.get(cfgUri);
        if (!st) continue;
        const at = globPath(cfgUri);
        if (st.config && at) config = applySettings(config, st.config, at, path.dirname(at));
        break;
      }
    }
    return config;
  }

  /**
   * Where the config file of a document with no file on disk may be: its folder, then each parent up to its workspace
   * folder (outside every folder, its own folder only), nearest first, as URIs.
   */
  function virtualConfigChain(uri: string): string[] {
    if (uriToPath(uri) || uri.startsWith('untitled:')) return [];
    const authority = /^[a-z][\w+.-]*:\/\/[^/]*/i.exec(uri)?.[0];
    if (!authority) return [];
    const folder = virtualFolders.filter((f) => uri.startsWith(`${f}/`)).sort((a, b) => b.length - a.length)[0];
    const out: string[] = [];
    let dir = uri.slice(0, uri.lastIndexOf('/'));
    for (;;) {
      out.push(`${dir}/${CONFIG_FILE}`);
      if (!folder || dir === folder || dir.length <= authority.length) break;
      dir = dir.slice(0, dir.lastIndexOf('/'));
    }
    return out;
  }

  /** Reads the config files a document with no file on disk may use, through the client, once each (until they change). */
  async function prefetchVirtualConfigs(uri: string): Promise<void> {
    if (!clientReadsFiles) return;
    for (const cfgUri of virtualConfigChain(uri)) {
      if (virtualConfigs.has(cfgUri)) continue;
      let text: string | null = null;
      try {
        const r = await connection.sendRequest<ReadFileResult | null>(READ_FILE_REQUEST, { uri: cfgUri });
        text = typeof r?.text === 'string' ? r.text : null;
      } catch {
        // unreadable: as if there were none
      }
      if (text === null) {
        virtualConfigs.set(cfgUri, null);
        continue;
      }
      // parsed once per read; its problems (or none, after a fix) as diagnostics on the file
      const st = parseConfigText(text, cfgUri);
      virtualConfigs.set(cfgUri, st);
      void connection.sendDiagnostics({ uri: cfgUri, diagnostics: configDiagnostics(st, text) });
      break;
    }
  }

  function invalidateAll(): void {
    settingsEpoch++;
    settingsCache.clear();
    for (const doc of documents.all()) schedule(doc.uri, 0);
  }

  connection.onDidChangeConfiguration((change) => {
    pushedSettings = (change.settings as Record<string, unknown> | null | undefined)?.planlint ?? pushedSettings;
    settingsShownBefore = new Set([...shownMessages].filter((k) => k.startsWith('settings\0')));
    invalidateAll();
  });

  /** Workspace profile files some check has read: a change to one checks the open plans again. */
  const profileFilesInUse = new Set<string>();

  connection.onDidChangeWatchedFiles((change) => {
    let touched = false;
    for (const c of change.changes) {
      if (virtualConfigs.has(c.uri) || (!uriToPath(c.uri) && c.uri.endsWith(`/${CONFIG_FILE}`))) {
        // a config file with no file on disk: read it again (and any nearer one that may now exist) at the next check
        virtualConfigs.clear();
        touched = true;
        continue;
      }
      const p = uriToPath(c.uri);
      // a profile file in force: its plans are checked again (it is read again as it changed)
      if (p && profileFilesInUse.has(p)) touched = true;
      if (!p || path.basename(p) !== CONFIG_FILE) continue;
      touched = true;
      configFiles.delete(p);
      // re-read now so that a fixed file clears its diagnostics even with no plan open
      if (fs.existsSync(p)) readConfig(p, folderOf(p) ?? path.dirname(p));
      else {
        lastGoodConfig.delete(p);
        reportConfigErrors(p, { errors: [] });
      }
    }
    if (touched) {
      configFiles.clear(); // a new file may now be the nearest one for some documents
      invalidateAll();
    }
  });

  // ---------- checking ----------

  /** The check under way for a document: one at a time per document (its parser moves trees in place). */
  const inflight = new Map<string, Promise<unknown>>();

  async function analyzeDoc(doc: TextDocument): Promise<DocState | null> {
    const cached = states.get(doc.uri);
    if (cached && cached.version === doc.version && cached.settingsEpoch === settingsEpoch) return cached;
    for (let p = inflight.get(doc.uri); p; p = inflight.get(doc.uri)) await p.catch(() => undefined);
    const run = analyzeNow(doc.uri);
    inflight.set(doc.uri, run);
    try {
      return await run;
    } finally {
      if (inflight.get(doc.uri) === run) inflight.delete(doc.uri);
    }
  }

  async function analyzeNow(uri: string): Promise<DocState | null> {
    const epoch = settingsEpoch;
    const settings = await settingsFor(uri);
    await prefetchVirtualConfigs(uri);
    const current = documents.get(uri);
    if (!current) return null;
    const again = states.get(uri);
    if (again && again.version === current.version && again.settingsEpoch === epoch) return again;
    const text = current.getText();
    // the parse yields to the event loop between chunks, so that a small document is not held up by a big one
    let parsed: IncrementalParse | undefined;
    if (wantsParse(uri, text, settings)) parsed = await parserFor(uri).parseAsync(text);
    if (!documents.get(uri)) return null;
    const state = computeState(uri, current.version, text, settings, epoch, true, parsed);
    states.set(uri, state);
    return state;
  }

  const parsers = new Map<string, IncrementalParser>();

  function parserFor(uri: string): IncrementalParser {
    let parser = parsers.get(uri);
    if (!parser) {
      parser = createIncrementalParser({ shiftInPlace: true });
      parsers.set(uri, parser);
    }
    return parser;
  }

  /** Text of a file for a split plan: the open document's, else the disk's (a file too large, or unreadable, is none). */
  const diskTexts = new Map<string, { stamp: string; text: string | null }>();
  function splitText(file: string): string | null {
    const open = documents.get(pathToUri(file));
    if (open) return open.getText();
    try {
      const st = fs.statSync(file);
      if (!st.isFile() || st.size > maxChars * 4) return null;
      const stamp = `${st.size}:${st.mtimeMs}`;
      const hit = diskTexts.get(file);
      if (hit?.stamp === stamp) return hit.text;
      const text = fs.readFileSync(file, 'utf8');
      diskTexts.set(file, { stamp, text });
      if (diskTexts.size > 256) diskTexts.delete(diskTexts.keys().next().value!);
      return text;
    } catch {
      return null;
    }
  }

  /** The split plan a document is one file of (its index above it, inside its workspace folder), or null. */
  function splitOf(uri: string, text: string, config: ResolvedConfig): SplitPlan | null {
    const file = uriToPath(uri);
    if (!file) return null;
    return findSplitPlan(file, config, (f) => (f === file ? text : splitText(f)), folderOf(file) ?? path.dirname(file));
  }

  /** The diagnostics of the other files of a split plan, from the check of one of them. */
  function publishSplitSiblings(state: DocState): void {
    const sp = state.ctx?.split;
    if (!sp) return;
    for (const seg of sp.result.segments) {
      const uri = pathToUri(seg.file);
      if (uri === state.uri) continue;
      const doc = documents.get(uri);
      // an open file whose text moved on since is checked on its own turn
      if (doc && doc.getText() !== seg.text) continue;
      const lines = new LineIndex(seg.text);
      const diagnostics = (sp.result.byFile.get(seg.file) ?? []).map((f) => toDiagnostic(f, lines, uri, doc?.version ?? null));
      const key = JSON.stringify(diagnostics);
      if (doc) {
        if (lastPublished.get(uri) === doc.version && lastPublishedKey.get(uri) === key) continue;
        lastPublished.set(uri, doc.version);
        lastPublishedKey.set(uri, key);
        states.delete(uri); // its own state holds the whole plan as it was
      } else if (lastPublishedKey.get(uri) === key) continue;
      else lastPublishedKey.set(uri, key);
      void connection.sendDiagnostics({ uri, ...(doc ? { version: doc.version } : {}), diagnostics });
    }
  }

  /** computeState will check this text as a plan. */
  function wantsParse(uri: string, text: string, settings: NormalizedSettings): boolean {
    if (!settings.enable || text.length > maxChars) return false;
    if (!(forcedPlans.has(uri) || isPlan(globPath(uri), text, resolvedConfig(uri, settings)))) return false;
    return countLines(text, maxLines) <= maxLines;
  }

  function computeState(uri: string, version: number | null, text: string, settings: NormalizedSettings, epoch: number, open = false, parsed?: IncrementalParse): DocState {
    let ctx: DocContext | null = null;
    if (settings.enable) {
      const config = resolvedConfig(uri, settings);
      const split = text.length <= maxChars ? splitOf(uri, text, config) : null;
      if (split) {
        const file = uriToPath(uri)!;
        const options = { config, autoLang: clientLang, fileName: path.basename(file), filePath: file };
        const result = checkSplitPlan(split, options);
        // the file's own model (hover, lenses, completion) with the whole plan's findings that stand in it
        const r = open ? (parsed ?? parserFor(uri).parse(text)) : undefined;
        const own = checkPlan(text, r ? { ...options, plan: buildPlanModel(text, r.root, r.fallbacks) } : options);
        const mine = { ...own, findings: result.byFile.get(file) ?? [], configErrors: result.whole.configErrors };
        const splitDoc = { result, uriOf: pathToUri, versionOf: (f: string) => documents.get(pathToUri(f))?.version ?? null };
        return { uri, version, settingsEpoch: epoch, ctx: { uri, version, text, result: mine, options, documentChanges, revealCommand, split: splitDoc }, settings };
      }
      if (forcedPlans.has(uri) || isPlan(globPath(uri), text, config)) {
        const lines = text.length > maxChars ? 0 : countLines(text, maxLines);
        if (text.length > maxChars || lines > maxLines) {
          return { uri, version, settingsEpoch: epoch, ctx: null, settings, tooLarge: { chars: text.length, lines: countLines(text, Number.MAX_SAFE_INTEGER) } };
        }
        const file = uriToPath(uri);
        const options = { config, autoLang: clientLang, fileName: file ? path.basename(file) : uri, ...(file ? { filePath: file } : {}) };
        // each open document has its own parser, whose cached trees move in place when a chunk only moved
        // (no copy per keystroke): the document's previous model is dropped when this one is stored
        const r = open ? (parsed ?? parserFor(uri).parse(text)) : undefined;
        const result = checkPlan(text, r ? { ...options, plan: buildPlanModel(text, r.root, r.fallbacks) } : options);
        if (result.config.profileFile) profileFilesInUse.add(result.config.profileFile.path);
        ctx = { uri, version, text, result, options, documentChanges, revealCommand };
      }
    }
    return { uri, version, settingsEpoch: epoch, ctx, settings };
  }

  function diagnosticsOf(state: DocState): Diagnostic[] {
    if (state.tooLarge) {
      const { chars, lines } = state.tooLarge;
      return [
        {
          range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
          severity: DiagnosticSeverity.Information,
          source: SOURCE,
          code: 'too-large',
          message: m(clientLang, 'doc.too-large', { chars, lines, maxChars, maxLines }),
        },
      ];
    }
    const ctx = state.ctx;
    if (!ctx) return [];
    const lines = ctx.result.plan.lines;
    const out = ctx.result.findings.map((f) => toDiagnostic(f, lines, ctx.uri, ctx.version));
    for (const e of ctx.result.configErrors) {
      const at = e.offset ?? 0;
      out.push({
        range: { start: lines.positionAt(at), end: lines.positionAt(at) },
        severity: DiagnosticSeverity.Error,
        source: SOURCE,
        code: 'config',
        message: e.message,
      });
    }
    return out;
  }

  function statusOf(state: DocState): PlanStatus {
    return state.ctx ? planStatus(state.ctx) : emptyStatus(state.uri, state.version, clientLang);
  }

  function publish(state: DocState): void {
    const diagnostics = diagnosticsOf(state);
    const key = JSON.stringify(diagnostics);
    if (state.version !== null) {
      const last = lastPublished.get(state.uri);
      if (last !== undefined && state.version < last) return; // never over a newer version
      // never the same result twice: a re-check of an unchanged version publishes only when it changed (settings)
      if (last === state.version && lastPublishedKey.get(state.uri) === key) return;
      lastPublished.set(state.uri, state.version);
      lastPublishedKey.set(state.uri, key);
    }
    void connection.sendDiagnostics({ uri: state.uri, ...(state.version !== null ? { version: state.version } : {}), diagnostics });
    void connection.sendNotification(STATUS_NOTIFICATION, statusOf(state));
    publishSplitSiblings(state);
  }

  async function validate(uri: string): Promise<void> {
    const doc = documents.get(uri);
    if (!doc) return;
    try {
      const state = await analyzeDoc(doc);
      if (!state) return;
      const now = documents.get(uri);
      if (!now || now.version !== state.version) return; // a newer version is on its way
      publish(state);
    } catch (e) {
      log(`planlint: checking ${uri} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    }
  }

  /**
   * Checks run one at a time from a queue, smallest document first, with a
   * turn of the event loop between two checks: messages that arrived during
   * a long check (another document opened or edited) are read before the
   * next check starts, so a huge document never holds up the small ones.
   */
  const ready = new Set<string>();
  /** Checks under way: at most two, so that a small document starts while a big one is parsing (the parse yields). */
  const running = new Set<string>();
  const MAX_RUNNING = 2;
  let pumping = false;
  function enqueue(uri: string): void {
    ready.add(uri);
    if (!pumping) {
      pumping = true;
      setTimeout(pump, 0);
    }
  }
  function pump(): void {
    pumping = false;
    while (ready.size && running.size < MAX_RUNNING) {
      let next = '';
      let size = Infinity;
      for (const u of ready) {
        if (running.has(u)) continue; // one check per document at a time; it runs again when this one ends
        const n = documents.get(u)?.getText().length ?? 0;
        if (n < size) {
          size = n;
          next = u;
        }
      }
      if (!next) break;
      ready.delete(next);
      running.add(next);
      void validate(next).finally(() => {
        running.delete(next);
        // a turn of the event loop first: messages that arrived meanwhile are read before the next check
        if (ready.size && !pumping) {
          pumping = true;
          setTimeout(pump, 0);
        }
      });
    }
  }

  function schedule(uri: string, delay: number): void {
    const prev = timers.get(uri);
    if (prev) clearTimeout(prev);
    timers.delete(uri);
    if (delay <= 0) {
      enqueue(uri);
      return;
    }
    timers.set(
      uri,
      setTimeout(() => {
        timers.delete(uri);
        enqueue(uri);
      }, delay),
    );
  }

  /** didOpen also fires a content change; the open schedules the check itself. */
  const opening = new Set<string>();
  documents.onDidOpen((e) => {
    opening.add(e.document.uri);
    schedule(e.document.uri, 0);
  });

  documents.onDidChangeContent((e) => {
    const uri = e.document.uri;
    if (opening.delete(uri)) return;
    void settingsFor(uri).then((s) => {
      if (!s.enable || s.run === 'onSave') return;
      schedule(uri, s.debounceMs);
    });
  });

  documents.onDidSave((e) => {
    void settingsFor(e.document.uri).then((s) => {
      if (s.run === 'onSave') schedule(e.document.uri, 0);
    });
  });

  documents.onDidClose((e) => {
    const uri = e.document.uri;
    const timer = timers.get(uri);
    if (timer) clearTimeout(timer);
    timers.delete(uri);
    ready.delete(uri);
    states.delete(uri);
    parsers.delete(uri);
    lastPublished.delete(uri);
    lastPublishedKey.delete(uri);
    opening.delete(uri);
    if (workspaceChecked.has(uri)) void recheckFromDisk(uri);
    else void connection.sendDiagnostics({ uri, diagnostics: [] });
  });

  /** Publishes the diagnostics of a file that is not open (check workspace). */
  async function recheckFromDisk(uri: string): Promise<boolean> {
    const file = uriToPath(uri);
    if (!file) return false;
    let text: string | null = null;
    try {
      // as the CLI reads: a regular file, not through a link, in strict UTF-8 (other encodings are not guessed)
      const decoded = decodeText(readFileChecked(file).bytes);
      if (decoded.ok) text = decoded.text;
    } catch {
      // unreadable: as if gone
    }
    if (text === null) {
      workspaceChecked.delete(uri);
      void connection.sendDiagnostics({ uri, diagnostics: [] });
      return false;
    }
    const settings = await settingsFor(uri);
    const state = computeState(uri, null, text, settings, settingsEpoch);
    if (!state.ctx) {
      if (workspaceChecked.delete(uri)) void connection.sendDiagnostics({ uri, diagnostics: [] });
      return false;
    }
    workspaceChecked.add(uri);
    void connection.sendDiagnostics({ uri, diagnostics: diagnosticsOf(state) });
    return true;
  }

  /** The check of a document's current text (whatever the run mode), for requests. */
  async function contextFor(uri: string): Promise<DocContext | null> {
    const doc = documents.get(uri);
    if (!doc) return null;
    const state = await analyzeDoc(doc);
    return state?.ctx ?? null;
  }

  // ---------- features ----------

  connection.onCodeAction(async (params) => {
    const ctx = await contextFor(params.textDocument.uri);
    if (!ctx) return [];
    return codeActions(ctx, params.range, params.context.diagnostics, params.context.only);
  });

  connection.onCompletion(async (params) => {
    const ctx = await contextFor(params.textDocument.uri);
    // incomplete: the inserted heading keeps the number of # typed, so ask again as the user types more
    const items = ctx ? completion(ctx, params.position) : [];
    return items.length ? { isIncomplete: true, items } : [];
  });

  connection.onHover(async (params) => {
    const ctx = await contextFor(params.textDocument.uri);
    return ctx ? hover(ctx, params.position) : null;
  });

  connection.onCodeLens(async (params) => {
    const ctx = await contextFor(params.textDocument.uri);
    return ctx ? codeLenses(ctx, lensCommand) : [];
  });

  connection.onDocumentSymbol(async (params) => {
    const ctx = await contextFor(params.textDocument.uri);
    return ctx ? documentSymbols(ctx) : [];
  });

  connection.onFoldingRanges(async (params) => {
    const ctx = await contextFor(params.textDocument.uri);
    return ctx ? foldingRanges(ctx) : [];
  });

  connection.onRequest(STATUS_REQUEST, async (params: StatusParams): Promise<PlanStatus> => {
    const doc = documents.get(params.uri);
    if (!doc) return emptyStatus(params.uri, null, clientLang);
    const state = await analyzeDoc(doc);
    return state ? statusOf(state) : emptyStatus(params.uri, doc.version, clientLang);
  });

  connection.onRequest(GUIDANCE_REQUEST, async (params: GuidanceParams): Promise<SectionGuidance | null> => {
    if (typeof params?.uri !== 'string' || typeof params.section !== 'string') return null;
    const ctx = await contextFor(params.uri);
    return ctx ? sectionGuidance(ctx, params.section) : null;
  });

  connection.onRequest(REPORT_REQUEST, async (params: ReportParams): Promise<PlanReportPage | null> => {
    if (typeof params?.uri !== 'string') return null;
    const ctx = await contextFor(params.uri);
    return ctx ? planReport(ctx, reportLineCommand) : null;
  });

  connection.onRequest(SKELETON_REQUEST, async (params: SkeletonParams): Promise<string> => {
    const lang: Lang = params?.lang === 'zh' ? 'zh' : 'en';
    let profile: string | undefined;
    if (hasConfigurationCapability || pushedSettings) {
      const s = await settingsFor(folders[0] ? pathToUri(folders[0]) : 'untitled:planlint');
      profile = s.plan.profile;
    }
    return skeleton(lang, profile);
  });

  connection.onRequest(RULES_REQUEST, (): RuleInfo[] =>
    RULES.map((r) => ({ name: r.name, id: r.id, description: r.description[clientLang], url: docUrl(r.name) })),
  );

  // ---------- commands ----------

  /** Applies the edits with workspace/applyEdit; returns where the text landed, or false. */
  async function applyEditTo(uri: string, make: (ctx: DocContext) => TextEdit[]): Promise<InsertedText | false> {
    const ctx = await contextFor(uri);
    if (!ctx) return false;
    if (ctx.split) {
      // a split plan: the edits of the whole plan, each into the file it falls in
      const edits = make({ ...ctx, result: ctx.split.result.whole });
      const edit = splitEditOf(ctx, edits);
      if (!edit || !(await connection.workspace.applyEdit(edit)).applied) return false;
      // where the first block went: the file it fell in, from its start to the end of its text
      const first = [...edits].sort((a, b) => a.start - b.start)[0]!;
      const at = fileOffset(ctx.split.result, first.start);
      const local = editsByFile(ctx.split.result, edits)!.get(at.file)!;
      const after = new LineIndex(applyEdits(at.text, local));
      const start = at.offset + (first.newText.length - first.newText.trimStart().length);
      const range = { start: after.positionAt(start), end: after.positionAt(at.offset + first.newText.trimEnd().length) };
      return { uri: pathToUri(at.file), range, select: { start: range.start, end: range.start } };
    }
    const edits = make(ctx);
    if (!edits.length) return false;
    const r = await connection.workspace.applyEdit(workspaceEdit(ctx, toLspEdits(ctx.result.plan.lines, edits)));
    if (!r.applied) return false;
    return insertedText(ctx, edits) ?? false;
  }

  connection.onExecuteCommand(async (params) => {
    const args = params.arguments ?? [];
    const uriArg = typeof args[0] === 'string' ? args[0] : undefined;
    switch (params.command) {
      case COMMANDS.checkAsPlan: {
        if (!uriArg) {
          notifyOnce(`nodoc\0${Date.now()}`, m(clientLang, 'command.no-document'), MessageType.Warning);
          return false;
        }
        forcedPlans.add(uriArg);
        states.delete(uriArg);
        await validate(uriArg);
        return true;
      }
      case COMMANDS.insertAllMissing:
        return uriArg ? applyEditTo(uriArg, insertAllMissingEdit) : false;
      case COMMANDS.insertSection: {
        const id = typeof args[1] === 'string' ? args[1] : undefined;
        return uriArg && id ? applyEditTo(uriArg, (ctx) => insertSectionEdit(ctx, id)) : false;
      }
      case COMMANDS.checkWorkspace:
        return checkWorkspace();
      default:
        return null;
    }
  });

  async function checkWorkspace(): Promise<CheckWorkspaceResult> {
    let files = 0;
    let plans = 0;
    for (const folder of folders) {
      let found: string[] = [];
      try {
        // only files whose real path lies inside the folder: a symlink out of it is not followed
        found = (await findFilesInTree(folder, ['**/*.md'], ['**/node_modules/**', '**/.git/**', '**/out/**', '**/dist/**'])).map((f) => f.path);
      } catch (e) {
        log(`planlint: cannot list ${folder}: ${String(e)}`);
        continue;
      }
      for (const file of found.slice(0, 5000)) {
        files++;
        const uri = pathToUri(file);
        const open = documents.all().find((d) => uriToPath(d.uri) === file);
        if (open) {
          const state = await analyzeDoc(open);
          if (state?.ctx) {
            plans++;
            publish(state);
          }
          continue;
        }
        if (await recheckFromDisk(uri)) plans++;
      }
    }
    return { files, plans };
  }

  documents.listen(connection);
  connection.listen();
}

/** Where in a config file an error is: its offset, the key it names, or the whole first line. */
/** The errors of a config file as diagnostics on its text, each on the key it is about. */
function configDiagnostics(st: ConfigFileState, text: string): Diagnostic[] {
  const lines = new LineIndex(text);
  const tree = text && st.errors.length ? parseTree(text, [], { allowTrailingComma: true, disallowComments: false }) : undefined;
  return st.errors.map((e) => {
    const [start, end] = locateConfigError(e, text, tree);
    return {
      range: { start: lines.positionAt(start), end: lines.positionAt(end) },
      severity: DiagnosticSeverity.Error,
      source: SOURCE,
      code: 'config',
      message: e.keyPath ? `"${e.keyPath}": ${e.expected}` : e.expected,
    };
  });
}

function locateConfigError(e: ConfigError, text: string, tree: JsonNode | undefined): [number, number] {
  if (e.offset !== undefined) return [e.offset, Math.min(text.length, e.offset + 1)];
  if (tree && e.keyPath) {
    const segs: (string | number)[] = [];
    for (const mt of e.keyPath.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) segs.push(mt[2] !== undefined ? Number(mt[2]) : mt[1]!);
    // the longest prefix of the path that exists
    for (let n = segs.length; n > 0; n--) {
      const node = findNodeAtLocation(tree, segs.slice(0, n));
      if (!node) continue;
      const unknown = /^unknown keys? "([^"]+)"/.exec(e.expected);
      if (unknown && node.type === 'object') {
        const prop = node.children?.find((c) => c.children?.[0]?.value === unknown[1]);
        if (prop?.children?.[0]) return [prop.children[0].offset, prop.children[0].offset + prop.children[0].length];
      }
      const key = node.parent?.type === 'property' ? node.parent.children?.[0] : undefined;
      return key && n === segs.length ? [key.offset, node.offset + node.length] : [node.offset, node.offset + node.length];
    }
  }
  if (tree && !e.keyPath) {
    const unknown = /^unknown keys? "([^"]+)"/.exec(e.expected);
    const prop = unknown ? tree.children?.find((c) => c.children?.[0]?.value === unknown[1]) : undefined;
    if (prop?.children?.[0]) return [prop.children[0].offset, prop.children[0].offset + prop.children[0].length];
  }
  const firstLineEnd = text.indexOf('\n');
  return [0, firstLineEnd < 0 ? text.length : firstLineEnd];
}
