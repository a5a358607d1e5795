/**
 * The planlint VS Code extension: a thin client. It starts the language
 * server (dist/server.cjs) over node IPC and adds the editor-only parts: the
 * status bar item, the planlint view container (overview and checklist, views.ts),
 * the guidance panel (guidance.ts) and a few commands, all of which ask the
 * server (nothing about plans is computed here).
 */
import * as vscode from 'vscode';
import { ExecuteCommandRequest, type BaseLanguageClient, type LanguageClientOptions } from 'vscode-languageclient';
import {
  COMMANDS,
  GUIDANCE_REQUEST,
  READ_FILE_REQUEST,
  REPORT_REQUEST,
  RULES_REQUEST,
  SKELETON_REQUEST,
  STATUS_NOTIFICATION,
  STATUS_REQUEST,
  type ChecklistItem,
  type CheckWorkspaceResult,
  type InsertedText,
  type InitializationOptions,
  type PlainRange,
  type PlanStatus,
  type RuleInfo,
  type SectionGuidance,
  type PlanReportPage,
  type ReadFileParams,
  type ReadFileResult,
} from '../../server/src/lsp/protocol.js';
import { GuidancePanel, type GuidanceSnapshot } from './guidance.js';
import { ReportPanel } from './report.js';
import { s, uiLang, type Lang } from './l10n.js';
import { ChecklistProvider, OPEN_ITEM_COMMAND, OverviewProvider, type ViewRow } from './views.js';

let client: BaseLanguageClient | undefined;

/** Makes the language client: over node IPC to dist/server.cjs (desktop), or to a web worker (VS Code for the Web). */
export type ClientFactory = (context: vscode.ExtensionContext, options: LanguageClientOptions) => BaseLanguageClient;

function toRange(r: PlainRange): vscode.Range {
  return new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
}

function isMarkdown(doc: vscode.TextDocument | undefined): doc is vscode.TextDocument {
  return Boolean(doc && doc.languageId === 'markdown');
}

/** What the extension exports (for other extensions and the end-to-end tests). */
export interface PlanlintApi {
  /** The checklist and counts of a Markdown document, as the status bar shows them. */
  status(uri: vscode.Uri): Promise<PlanStatus>;
  /** What the planlint views and the guidance panel show now, row by row (for the end-to-end tests). */
  views(): ViewsSnapshot;
}

export interface ViewsSnapshot {
  overview: { visible: boolean; rows: ViewRow[] };
  checklist: { visible: boolean; description: string; rows: ViewRow[] };
  guidance: GuidanceSnapshot | undefined;
  report: ReturnType<ReportPanel['snapshot']>;
}

export async function activateWith(context: vscode.ExtensionContext, makeClient: ClientFactory): Promise<PlanlintApi> {
  const output = vscode.window.createOutputChannel('planlint', { log: true });
  context.subscriptions.push(output);

  // VS Code has its own Markdown outline: planlint shows the guide mapping as a code lens on each chapter instead
  const initializationOptions: InitializationOptions = {
    advertiseCommands: false,
    revealCommand: 'planlint.revealInserted',
    outline: false,
    lensCommand: 'planlint.showSection',
    reportLineCommand: 'planlint.revealLine',
    readFiles: true,
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'markdown' },
      { scheme: 'untitled', language: 'markdown' },
      { scheme: 'vscode-vfs', language: 'markdown' },
    ],
    outputChannel: output,
    initializationOptions,
  };
  const lc = makeClient(context, clientOptions);
  client = lc;
  // the server process starts first, so that it boots while the rest of the extension is set up
  const started = Date.now();
  const starting = lc.start();
  const statuses = new Map<string, PlanStatus>();
  const checklist = new ChecklistProvider();
  const view = vscode.window.createTreeView('planlint.checklist', { treeDataProvider: checklist, showCollapseAll: false });
  view.message = s('tree.empty');
  const overview = new OverviewProvider();
  const overviewView = vscode.window.createTreeView('planlint.overview', { treeDataProvider: overview, showCollapseAll: false });
  // the guidance a click on a missing checklist item shows (its callbacks use functions defined below)
  const guidance = new GuidancePanel({
    insert: async (g) => Boolean(await vscode.commands.executeCommand<InsertedText | false | undefined>('planlint.insertSection', g.id, g.uri)),
    reveal: async (g) => {
      const item = (await lc.sendRequest<PlanStatus>(STATUS_REQUEST, { uri: g.uri })).sections.find((x) => x.id === g.id);
      if (item?.range) await reveal(g.uri, item.range);
    },
  });
  context.subscriptions.push(guidance);
  const reportPanel = new ReportPanel();
  context.subscriptions.push(reportPanel);
  const api: PlanlintApi = {
    status: (uri) => lc.sendRequest<PlanStatus>(STATUS_REQUEST, { uri: uri.toString() }),
    views: () => ({
      overview: { visible: overviewView.visible, rows: overview.rows() },
      checklist: { visible: view.visible, description: view.description ?? '', rows: checklist.rows() },
      guidance: guidance.snapshot(),
      report: reportPanel.snapshot(),
    }),
  };
  const statusItem = vscode.window.createStatusBarItem('planlint.status', vscode.StatusBarAlignment.Left, 50);
  statusItem.name = 'planlint';
  statusItem.command = 'planlint.checklist.focus';
  context.subscriptions.push(view, overviewView, statusItem);

  /**
   * The document the views and the status bar show: the active editor's; while a webview (the guidance panel, a
   * preview) has the focus and there is no active text editor, the one shown before, as long as it is in view.
   */
  let shownUri: string | undefined;
  const shownDocument = (): vscode.TextDocument | undefined => {
    const active = vscode.window.activeTextEditor?.document;
    if (active || !shownUri) return active;
    return vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === shownUri)?.document;
  };

  const render = () => {
    const doc = shownDocument();
    shownUri = doc?.uri.toString();
    const st = doc ? statuses.get(doc.uri.toString()) : undefined;
    void vscode.commands.executeCommand('setContext', 'planlint.isPlan', Boolean(st?.isPlan));
    if (!st?.isPlan) {
      statusItem.hide();
      checklist.set(undefined);
      overview.set(undefined);
      view.message = s('tree.empty');
      view.description = undefined;
      return;
    }
    const { errors, warnings } = st.counts;
    if (st.blank) {
      statusItem.text = `$(checklist) ${s('status.blank')}`;
      statusItem.tooltip = s('status.blank.tooltip');
    } else {
      const parts = [`$(checklist) ${s('status.text', { present: st.present, total: st.total })}`];
      if (errors) parts.push(errors === 1 ? s('status.error') : s('status.errors', { n: errors }));
      if (warnings) parts.push(warnings === 1 ? s('status.warning') : s('status.warnings', { n: warnings }));
      if (!errors && !warnings) parts.push(s('status.clean'));
      statusItem.text = parts.join(' · ');
      statusItem.tooltip = s('status.tooltip', { present: st.present, total: st.total });
    }
    statusItem.backgroundColor = errors ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
    statusItem.show();
    view.message = undefined;
    view.description = `${st.present}/${st.total}`;
    checklist.set(st);
    overview.set(st);
  };

  // a planlint.config.json that is not on disk (VS Code for the Web), read for the server; nothing else is read
  lc.onRequest(READ_FILE_REQUEST, async (p: ReadFileParams): Promise<ReadFileResult | null> => {
    try {
      const uri = vscode.Uri.parse(p.uri, true);
      if (uri.path.split('/').pop() !== 'planlint.config.json') return null;
      const bytes = await vscode.workspace.fs.readFile(uri);
      return bytes.byteLength > 1_000_000 ? null : { text: new TextDecoder().decode(bytes) };
    } catch {
      return null;
    }
  });
  lc.onNotification(STATUS_NOTIFICATION, (st: PlanStatus) => {
    statuses.set(st.uri, st);
    if (shownDocument()?.uri.toString() === st.uri) render();
    // the guidance panel follows edits of its plan (where Insert would write, or that the section is now there)
    const shown = guidance.current;
    if (shown?.uri === st.uri) {
      void lc.sendRequest<SectionGuidance | null>(GUIDANCE_REQUEST, { uri: shown.uri, section: shown.id }).then(
        (g) => g && guidance.update(g),
        (e) => output.warn(`guidance request failed: ${String(e)}`),
      );
    }
  });

  const refresh = async () => {
    const doc = shownDocument();
    if (isMarkdown(doc) && !statuses.has(doc.uri.toString()) && lc.isRunning()) {
      try {
        statuses.set(doc.uri.toString(), await lc.sendRequest<PlanStatus>(STATUS_REQUEST, { uri: doc.uri.toString() }));
      } catch (e) {
        output.warn(`status request failed: ${String(e)}`);
      }
    }
    render();
  };
  context.subscriptions.push(
    vscode.window.onDidChangeActiveTextEditor(() => void refresh()),
    vscode.window.onDidChangeVisibleTextEditors(() => void refresh()),
    vscode.workspace.onDidCloseTextDocument((d) => statuses.delete(d.uri.toString())),
  );

  const exec = <T>(command: string, ...args: unknown[]): Promise<T> => lc.sendRequest(ExecuteCommandRequest.type, { command, arguments: args }) as Promise<T>;

  const activeMarkdown = (): vscode.TextEditor | undefined => {
    const ed = vscode.window.activeTextEditor;
    if (ed && isMarkdown(ed.document)) return ed;
    void vscode.window.showWarningMessage(s('no.editor'));
    return undefined;
  };

  const statusOf = async (doc: vscode.TextDocument): Promise<PlanStatus> => {
    const st = await lc.sendRequest<PlanStatus>(STATUS_REQUEST, { uri: doc.uri.toString() });
    statuses.set(st.uri, st);
    return st;
  };

  const reveal = async (uri: string, range: PlainRange) => {
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(uri));
    const ed = await vscode.window.showTextDocument(doc, { preview: false });
    const r = toRange(range);
    ed.selection = new vscode.Selection(r.start, r.start);
    ed.revealRange(r, vscode.TextEditorRevealType.AtTop);
  };

  const reg = (id: string, fn: (...args: any[]) => unknown) => context.subscriptions.push(vscode.commands.registerCommand(id, fn));

  /** Shows text a fix or command inserted (maybe far below the cursor) and selects its first fill-in. */
  const revealInserted = async (target: unknown): Promise<void> => {
    const t = target as InsertedText | false | undefined;
    if (!t || typeof t !== 'object' || typeof t.uri !== 'string') return;
    const ed = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === t.uri) ?? (await vscode.window.showTextDocument(vscode.Uri.parse(t.uri), { preview: false }));
    const sel = toRange(t.select);
    ed.selection = new vscode.Selection(sel.start, sel.end);
    // the inserted block from its top when it fits, else its top and the selection
    ed.revealRange(toRange(t.range), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    ed.revealRange(sel, vscode.TextEditorRevealType.Default);
    if (vscode.window.activeTextEditor !== ed) await vscode.window.showTextDocument(ed.document, { viewColumn: ed.viewColumn, preview: false });
  };
  reg('planlint.revealInserted', revealInserted);

  /** Optional argument 'zh' | 'en' (keybindings, tests): the language, without the quick pick. Returns the new document. */
  reg('planlint.newPlan', async (langArg?: unknown) => {
    let lang: Lang | undefined = langArg === 'zh' || langArg === 'en' ? langArg : undefined;
    if (!lang) {
      const items: (vscode.QuickPickItem & { lang: Lang })[] = [
        { label: '中文', description: 'zh', lang: 'zh' },
        { label: 'English', description: 'en', lang: 'en' },
      ];
      if (uiLang === 'en') items.reverse();
      const pick = await vscode.window.showQuickPick(items, { placeHolder: s('pick.lang') });
      if (!pick) return undefined;
      lang = pick.lang;
    }
    const content = await lc.sendRequest<string>(SKELETON_REQUEST, { lang });
    const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content });
    await vscode.window.showTextDocument(doc, { preview: false });
    return doc;
  });

  /** The plan a command is about: the document named by URI (the guidance panel, a checklist item), else the active Markdown editor. */
  const planDocument = async (uri: string | undefined): Promise<vscode.TextDocument | undefined> => {
    if (!uri) return activeMarkdown()?.document;
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri);
    if (!open) return void vscode.window.showWarningMessage(s('guidance.gone'));
    if (!vscode.window.visibleTextEditors.some((e) => e.document === open)) await vscode.window.showTextDocument(open, { preview: false });
    return open;
  };

  /**
   * Arguments: [sectionId, uri?] (the guidance panel, tests) or [ChecklistItem] (the checklist's context menu); none:
   * a quick pick. Returns where the text landed, or false / undefined when nothing was inserted.
   */
  reg('planlint.insertSection', async (section?: unknown, uriArg?: unknown): Promise<InsertedText | false | undefined> => {
    const fromItem = typeof section === 'object' && section !== null && typeof (section as ChecklistItem).id === 'string';
    const sectionId = fromItem ? (section as ChecklistItem).id : section;
    const doc = await planDocument(typeof uriArg === 'string' ? uriArg : fromItem ? checklist.status?.uri : undefined);
    if (!doc) return undefined;
    const st = await statusOf(doc);
    if (!st.isPlan) return void vscode.window.showWarningMessage(s('no.plan'));
    let item = typeof sectionId === 'string' ? st.sections.find((x) => x.id === sectionId) : undefined;
    if (!item) {
      const order = { missing: 0, thin: 1, present: 2 } as const;
      const picks = [...st.sections]
        .sort((a, b) => order[a.state] - order[b.state])
        .map((x) => ({ label: x.title, description: `${s(`state.${x.state}`)} · ${x.levelLabel}`, detail: `§ ${x.guideRef}`, item: x }));
      const pick = await vscode.window.showQuickPick(picks, { placeHolder: s('pick.section'), matchOnDescription: true });
      if (!pick) return undefined;
      item = pick.item;
    }
    if (item.state !== 'missing' && item.range) return void (await reveal(st.uri, item.range));
    const applied = await exec<InsertedText | false>(COMMANDS.insertSection, doc.uri.toString(), item.id);
    await revealInserted(applied);
    return applied;
  });

  reg('planlint.insertAllMissing', async () => {
    const ed = activeMarkdown();
    if (!ed) return;
    const st = await statusOf(ed.document);
    if (!st.isPlan) return void vscode.window.showWarningMessage(s('no.plan'));
    const applied = await exec<InsertedText | false>(COMMANDS.insertAllMissing, ed.document.uri.toString());
    if (!applied) void vscode.window.showInformationMessage(s('nothing.missing'));
    else await revealInserted(applied);
  });

  reg('planlint.checkWorkspace', () =>
    vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: s('workspace.progress') }, async () => {
      const r = await exec<CheckWorkspaceResult>(COMMANDS.checkWorkspace);
      void vscode.window.showInformationMessage(s('workspace.done', { plans: r.plans, files: r.files }));
      return r;
    }),
  );

  reg('planlint.openRuleDocs', async (rule?: unknown) => {
    const rules = await lc.sendRequest<RuleInfo[]>(RULES_REQUEST);
    const name = typeof rule === 'string' ? rule : typeof rule === 'object' && rule && 'value' in rule ? String((rule as { value: unknown }).value) : undefined;
    let info = name ? rules.find((r) => r.name === name || r.id === name) : undefined;
    if (!info) {
      const pick = await vscode.window.showQuickPick(
        rules.map((r) => ({ label: r.name, description: r.id, detail: r.description, info: r })),
        { placeHolder: s('pick.rule'), matchOnDescription: true, matchOnDetail: true },
      );
      if (!pick) return;
      info = pick.info;
    }
    // the docs ship with the extension: shown in VS Code's Markdown preview, offline; a web page otherwise
    const uri = vscode.Uri.parse(info.url);
    if (uri.scheme === 'file') await vscode.commands.executeCommand('markdown.showPreview', uri);
    else await vscode.env.openExternal(uri);
  });

  reg('planlint.checkAsPlan', async (arg?: unknown) => {
    const uri = arg instanceof vscode.Uri ? arg : activeMarkdown()?.document.uri;
    if (!uri) return;
    if (arg instanceof vscode.Uri && !vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString())) {
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri), { preview: false });
    }
    await exec<boolean>(COMMANDS.checkAsPlan, uri.toString());
    await refresh();
  });


  /** Shows what the guide expects of a section, and the text Insert would write (nothing is written). Arguments: [sectionId | ChecklistItem, uri?]. */
  reg('planlint.showGuidance', async (section?: unknown, uriArg?: unknown) => {
    const sectionId = typeof section === 'object' && section !== null ? (section as ChecklistItem).id : section;
    const uri = typeof uriArg === 'string' ? uriArg : (checklist.status?.uri ?? vscode.window.activeTextEditor?.document.uri.toString());
    if (typeof sectionId !== 'string' || !uri) return undefined;
    const g = await lc.sendRequest<SectionGuidance | null>(GUIDANCE_REQUEST, { uri, section: sectionId });
    if (!g) return void vscode.window.showWarningMessage(s('no.plan'));
    guidance.show(g);
    return g;
  });
  /** Shows the plan report of the active plan (or of the URI given) beside it: the page `planlint report` writes. */
  reg('planlint.showReport', async (uriArg?: unknown) => {
    const uri = uriArg instanceof vscode.Uri ? uriArg.toString() : typeof uriArg === 'string' ? uriArg : activeMarkdown()?.document.uri.toString();
    if (!uri) return void vscode.window.showWarningMessage(s('no.plan'));
    const page = await lc.sendRequest<PlanReportPage | null>(REPORT_REQUEST, { uri });
    if (!page) return void vscode.window.showWarningMessage(s('no.plan'));
    reportPanel.show(page, statuses.get(uri)?.lang ?? checklist.status?.lang ?? 'en');
    return page.title;
  });
  /** The guidance panel's Insert button. */
  reg('planlint.guidance.insert', () => guidance.insert());

  // a click on a checklist item: a section the plan has is shown; a missing one shows its guidance first
  reg(OPEN_ITEM_COMMAND, async (uri?: unknown, item?: ChecklistItem) => {
    if (typeof uri !== 'string' || !item) return;
    // a section in another file of a split plan is shown in its file
    if (item.state !== 'missing' && item.range) return reveal(item.uri ?? uri, item.range);
    await vscode.commands.executeCommand('planlint.showGuidance', item.id, uri);
  });

  reg('planlint.showSection', async (sectionId?: unknown) => {
    const item = checklist.status?.sections.find((x) => x.id === sectionId);
    if (item) await view.reveal(item, { select: true, focus: true });
    else await vscode.commands.executeCommand('planlint.checklist.focus');
  });

  // a line link of the plan report (a command URI the report webview allows): the line in the plan
  reg('planlint.revealLine', async (uri?: unknown, line?: unknown) => {
    if (typeof uri !== 'string' || typeof line !== 'number') return;
    const at = { line: Math.max(0, Math.floor(line)), character: 0 };
    await reveal(uri, { start: at, end: at });
  });
  reg('planlint.openSettings', () => vscode.commands.executeCommand('workbench.action.openSettings', '@ext:planlint.planlint'));
  reg('planlint.showLog', () => output.show(true));
  reg('planlint.restartServer', async () => {
    statuses.clear();
    await lc.stop();
    await lc.start();
    await refresh();
  });

  // the window does not wait for the server: activation returns at once, and requests sent meanwhile (the views'
  // status, a command) wait for the server inside the client; the diagnostics come when it has read the plan
  starting.then(
    () => {
      output.info(`server ready in ${Date.now() - started} ms`);
      return refresh();
    },
    (e: unknown) => output.error(`the planlint server did not start: ${String(e)}`),
  );
  return api;
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
