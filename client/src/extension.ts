/**
 * The planlint VS Code extension: a thin client. It starts the language
 * server (dist/server.cjs) over node IPC and adds the editor-only parts: the
 * status bar item, the "Plan checklist" tree view and a few commands, all of
 * which ask the server (nothing about plans is computed here).
 */
import * as vscode from 'vscode';
import {
  LanguageClient,
  TransportKind,
  ExecuteCommandRequest,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import {
  COMMANDS,
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
} from '../../server/src/lsp/protocol.js';

type Lang = 'zh' | 'en';

const STRINGS = {
  'status.text': { en: 'Plan {present}/{total}', zh: '计划书 {present}/{total}' },
  'status.errors': { en: '{n} errors', zh: '{n} 个错误' },
  'status.error': { en: '1 error', zh: '1 个错误' },
  'status.warnings': { en: '{n} warnings', zh: '{n} 个警告' },
  'status.warning': { en: '1 warning', zh: '1 个警告' },
  'status.clean': { en: 'no problems', zh: '没有问题' },
  'status.blank': { en: 'Plan: empty', zh: '计划书：空' },
  'status.blank.tooltip': {
    en: 'planlint: this plan has nothing in it yet, so nothing is reported. Type "## " for the guide\'s chapters, or run "planlint: New business plan" for a skeleton.',
    zh: 'planlint：这份计划书还没有内容，所以没有报告问题。输入“## ”可选择指南的章节，或运行“planlint：新建商业计划书”得到完整框架。',
  },
  'status.tooltip': { en: 'planlint: {present} of {total} guide sections present. Click to open the plan checklist.', zh: 'planlint：指南 {total} 个章节中已有 {present} 个。点击打开计划书清单。' },
  'state.present': { en: 'present', zh: '已有' },
  'state.thin': { en: 'too thin', zh: '内容过少' },
  'state.missing': { en: 'missing', zh: '缺少' },
  'tree.reveal': { en: 'Go to the section', zh: '转到该章节' },
  'tree.insert': { en: 'Insert the section', zh: '插入该章节' },
  'tree.empty': { en: 'Open a business plan to see its checklist.', zh: '打开一份商业计划书以查看其清单。' },
  'pick.lang': { en: 'Language of the new plan', zh: '新计划书的语言' },
  'pick.section': { en: 'Chapter to insert (missing ones first)', zh: '要插入的章节（缺少的在前）' },
  'pick.rule': { en: 'Rule whose documentation to open', zh: '要打开其文档的规则' },
  'no.plan': { en: 'planlint: the active editor is not a business plan checked by planlint. Use "Check this file as a business plan" first.', zh: 'planlint：当前编辑器不是 planlint 检查的商业计划书。请先使用“将此文件作为商业计划书检查”。' },
  'no.editor': { en: 'planlint: open a Markdown file first.', zh: 'planlint：请先打开一个 Markdown 文件。' },
  'nothing.missing': { en: 'planlint: no required section is missing.', zh: 'planlint：没有缺少的必需章节。' },
  'workspace.progress': { en: 'planlint: checking the business plans of the workspace…', zh: 'planlint：正在检查工作区中的商业计划书…' },
  'workspace.done': { en: 'planlint: checked {plans} business plans ({files} Markdown files).', zh: 'planlint：已检查 {plans} 份商业计划书（共 {files} 个 Markdown 文件）。' },
} satisfies Record<string, Record<Lang, string>>;

const uiLang: Lang = /^zh\b/i.test(vscode.env.language) ? 'zh' : 'en';

function s(key: keyof typeof STRINGS, params: Record<string, string | number> = {}, lang: Lang = uiLang): string {
  const msg: Record<Lang, string> = STRINGS[key];
  return msg[lang].replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? `{${k}}`));
}

let client: LanguageClient | undefined;

function toRange(r: PlainRange): vscode.Range {
  return new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
}

function isMarkdown(doc: vscode.TextDocument | undefined): doc is vscode.TextDocument {
  return Boolean(doc && doc.languageId === 'markdown');
}

class ChecklistProvider implements vscode.TreeDataProvider<ChecklistItem> {
  private readonly emitter = new vscode.EventEmitter<ChecklistItem | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  status: PlanStatus | undefined;

  set(status: PlanStatus | undefined): void {
    this.status = status;
    this.emitter.fire(undefined);
  }

  getParent(): undefined {
    return undefined;
  }

  getChildren(element?: ChecklistItem): ChecklistItem[] {
    if (element || !this.status?.isPlan) return [];
    return this.status.sections;
  }

  getTreeItem(item: ChecklistItem): vscode.TreeItem {
    // one view, one language: the checklist speaks the language of planlint's messages, as its titles and levels do
    const lang = this.status?.lang ?? uiLang;
    const ti = new vscode.TreeItem(item.title, vscode.TreeItemCollapsibleState.None);
    ti.id = item.id;
    ti.description = `${s(`state.${item.state}`, {}, lang)} · ${item.levelLabel}`;
    ti.tooltip = new vscode.MarkdownString(`**${item.title}**\n\n${item.levelLabel} · § ${item.guideRef}\n\n${item.state === 'missing' ? s('tree.insert', {}, lang) : s('tree.reveal', {}, lang)}`);
    ti.contextValue = item.state;
    ti.iconPath =
      item.state === 'present'
        ? new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed'))
        : item.state === 'thin'
          ? new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground'))
          : new vscode.ThemeIcon(item.level === 'required' ? 'error' : 'circle-large-outline', new vscode.ThemeColor(item.level === 'required' ? 'list.errorForeground' : 'list.warningForeground'));
    ti.command = {
      command: 'planlint.revealOrInsert',
      title: item.state === 'missing' ? s('tree.insert', {}, lang) : s('tree.reveal', {}, lang),
      arguments: [this.status?.uri, item],
    };
    return ti;
  }
}

/** What the extension exports (for other extensions and the end-to-end tests). */
export interface PlanlintApi {
  /** The checklist and counts of a Markdown document, as the status bar shows them. */
  status(uri: vscode.Uri): Promise<PlanStatus>;
}

export async function activate(context: vscode.ExtensionContext): Promise<PlanlintApi> {
  const output = vscode.window.createOutputChannel('planlint', { log: true });
  context.subscriptions.push(output);

  const module = context.asAbsolutePath('dist/server.cjs');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6011'] } },
  };
  // VS Code has its own Markdown outline: planlint shows the guide mapping as a code lens on each chapter instead
  const initializationOptions: InitializationOptions = {
    advertiseCommands: false,
    revealCommand: 'planlint.revealInserted',
    outline: false,
    lensCommand: 'planlint.showSection',
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
  const lc = new LanguageClient('planlint', 'planlint', serverOptions, clientOptions);
  client = lc;
  const api: PlanlintApi = { status: (uri) => lc.sendRequest<PlanStatus>(STATUS_REQUEST, { uri: uri.toString() }) };

  const statuses = new Map<string, PlanStatus>();
  const checklist = new ChecklistProvider();
  const view = vscode.window.createTreeView('planlint.checklist', { treeDataProvider: checklist, showCollapseAll: false });
  view.message = s('tree.empty');
  const statusItem = vscode.window.createStatusBarItem('planlint.status', vscode.StatusBarAlignment.Left, 50);
  statusItem.name = 'planlint';
  statusItem.command = 'planlint.checklist.focus';
  context.subscriptions.push(view, statusItem);

  const render = () => {
    const doc = vscode.window.activeTextEditor?.document;
    const st = doc ? statuses.get(doc.uri.toString()) : undefined;
    void vscode.commands.executeCommand('setContext', 'planlint.isPlan', Boolean(st?.isPlan));
    if (!st?.isPlan) {
      statusItem.hide();
      checklist.set(undefined);
      view.message = s('tree.empty');
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
  };

  lc.onNotification(STATUS_NOTIFICATION, (st: PlanStatus) => {
    statuses.set(st.uri, st);
    if (vscode.window.activeTextEditor?.document.uri.toString() === st.uri) render();
  });

  const refresh = async () => {
    const doc = vscode.window.activeTextEditor?.document;
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

  reg('planlint.insertSection', async (sectionId?: unknown) => {
    const ed = activeMarkdown();
    if (!ed) return;
    const st = await statusOf(ed.document);
    if (!st.isPlan) return void vscode.window.showWarningMessage(s('no.plan'));
    let item = typeof sectionId === 'string' ? st.sections.find((x) => x.id === sectionId) : undefined;
    if (!item) {
      const order = { missing: 0, thin: 1, present: 2 } as const;
      const picks = [...st.sections]
        .sort((a, b) => order[a.state] - order[b.state])
        .map((x) => ({ label: x.title, description: `${s(`state.${x.state}`)} · ${x.levelLabel}`, detail: `§ ${x.guideRef}`, item: x }));
      const pick = await vscode.window.showQuickPick(picks, { placeHolder: s('pick.section'), matchOnDescription: true });
      if (!pick) return;
      item = pick.item;
    }
    if (item.state !== 'missing' && item.range) return reveal(st.uri, item.range);
    await revealInserted(await exec<InsertedText | false>(COMMANDS.insertSection, ed.document.uri.toString(), item.id));
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

  reg('planlint.revealOrInsert', async (uri?: unknown, item?: ChecklistItem) => {
    if (typeof uri !== 'string' || !item) return;
    if (item.state !== 'missing' && item.range) return reveal(uri, item.range);
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(uri));
    await vscode.window.showTextDocument(doc, { preview: false });
    await revealInserted(await exec<InsertedText | false>(COMMANDS.insertSection, uri, item.id));
  });

  reg('planlint.showSection', async (sectionId?: unknown) => {
    const item = checklist.status?.sections.find((x) => x.id === sectionId);
    if (item) await view.reveal(item, { select: true, focus: true });
    else await vscode.commands.executeCommand('planlint.checklist.focus');
  });

  reg('planlint.openSettings', () => vscode.commands.executeCommand('workbench.action.openSettings', '@ext:planlint.planlint'));
  reg('planlint.showLog', () => output.show(true));
  reg('planlint.restartServer', async () => {
    statuses.clear();
    await lc.restart();
    await refresh();
  });

  await lc.start();
  await refresh();
  return api;
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
