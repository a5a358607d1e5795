// End-to-end tests that run INSIDE a real VS Code extension host (the @vscode/test-electron model:
// an `extensionTestsPath` module exporting `run()`, which rejects on failure).
//
// Run with `test/e2e/run.sh` (code-server + headless Chromium): it bundles this file with esbuild to
// out/e2e/suite.cjs (the extension host require()s the tests module, and this package is "type":"module")
// and opens a fresh copy of test/e2e/workspace/. `test/e2e/electron.ts` runs the same module in desktop VS Code.
//
// Why `vscode` is loaded in run() and not by a static import: tsc also compiles this file to out/test/e2e/suite/index.js, and
// `node --test out/test/` (npm test) executes every .js under a `test` folder. A static `import ... from 'vscode'`
// would fail there (no 'vscode' module outside the extension host); loaded in run(), importing this file is harmless.
// Keep it that way: use `vscodeApi` for types only and the `vscode` variable for values.
//
// The workbench runs in English (code-server's default display language), and planlint's messages follow the
// editor's language when `planlint.language` is "auto" (the default): the Chinese plan gets English messages about
// Chinese sections ("Missing required section: Data privacy", quick fix "Insert section: Data privacy (数据隐私)"), and one test
// switches `planlint.language` to "zh" to see the Chinese messages.
//
// Every wait is on an event (onDidChangeDiagnostics, onDidChangeTextDocument, ...) with a timeout; state that has no
// event (extension activation, code actions: the extension host sees diagnostics before the workbench's marker service,
// which is what code-action requests read) is re-probed every 200 ms until the same timeout. No fixed sleeps.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type * as vscodeApi from 'vscode';
import { runTests, waitUntil, type Test, type WaitOptions } from '../wait.js';

let vscode: typeof vscodeApi;

const EXT_ID = 'planlint.planlint';
const SOURCE = 'planlint';
const MISSING = 'missing-section';
const TIMEOUT_MS = Number(process.env['PLANLINT_E2E_TIMEOUT_MS'] ?? 30_000);

// ---------- helpers ----------

function log(...args: unknown[]): void {
  console.log('[planlint-e2e]', ...args);
}

function workspaceFile(name: string): vscodeApi.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'a workspace folder is open (the fixture test/e2e/workspace copy)');
  return vscode.Uri.joinPath(folder.uri, name);
}

function codeValue(d: vscodeApi.Diagnostic): string | number | undefined {
  return typeof d.code === 'object' && d.code !== null ? d.code.value : d.code;
}

function planlintDiagnostics(uri: vscodeApi.Uri): vscodeApi.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE);
}

function describeDiagnostics(uri: vscodeApi.Uri): string {
  const all = vscode.languages.getDiagnostics(uri);
  if (all.length === 0) return '(no diagnostics)';
  return all.map((d) => `[${d.source}/${String(codeValue(d))}] L${d.range.start.line + 1}: ${d.message}`).join('\n  ');
}

function waitFor<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, opts: WaitOptions = {}): Promise<T> {
  return waitUntil(what, probe, { ms: TIMEOUT_MS, ...opts });
}

function waitForDiagnostics(
  uri: vscodeApi.Uri,
  what: string,
  pred: (planlint: vscodeApi.Diagnostic[]) => boolean,
  ms?: number,
): Promise<vscodeApi.Diagnostic[]> {
  return waitFor(
    `${what} (${uri.scheme === 'file' ? vscode.workspace.asRelativePath(uri) : uri.toString()})`,
    () => {
      const d = planlintDiagnostics(uri);
      return pred(d) ? d : undefined;
    },
    { events: [vscode.languages.onDidChangeDiagnostics], ms, describe: () => describeDiagnostics(uri) },
  );
}

async function open(name: string): Promise<vscodeApi.TextDocument> {
  const doc = await vscode.workspace.openTextDocument(workspaceFile(name));
  await vscode.window.showTextDocument(doc, { preview: false });
  return doc;
}

const missingRe = (level: 'required' | 'recommended', title: string) => new RegExp(`^Missing ${level} section: ${title}$`);
const zhMissingRe = (level: 'required' | 'recommended', title: string) => new RegExp(`^缺少${level === 'required' ? '必需' : '推荐'}章节：${title}$`);

function findMissing(diags: vscodeApi.Diagnostic[], message: RegExp): vscodeApi.Diagnostic | undefined {
  return diags.find((d) => codeValue(d) === MISSING && message.test(d.message));
}

/** The missing-section errors (required sections), as messages, sorted. */
function requiredMissing(diags: vscodeApi.Diagnostic[]): string[] {
  return diags
    .filter((d) => codeValue(d) === MISSING && d.severity === vscode.DiagnosticSeverity.Error)
    .map((d) => d.message)
    .sort();
}

/** Poll the code-action provider at the diagnostic until a quick fix whose title matches appears. */
async function quickFixFor(uri: vscodeApi.Uri, diag: vscodeApi.Diagnostic, title: RegExp): Promise<vscodeApi.CodeAction> {
  let seen: string[] = [];
  return waitFor(
    `a quick fix matching ${title} for "${diag.message}"`,
    async () => {
      const actions =
        (await vscode.commands.executeCommand<(vscodeApi.CodeAction | vscodeApi.Command)[]>(
          'vscode.executeCodeActionProvider',
          uri,
          diag.range,
          vscode.CodeActionKind.QuickFix.value,
        )) ?? [];
      seen = actions.map((a) => a.title);
      // a bare Command has `command: string`; a CodeAction's `command` is an object or absent
      return actions.find((a): a is vscodeApi.CodeAction => typeof a.command !== 'string' && title.test(a.title));
    },
    { describe: () => `offered: ${JSON.stringify(seen)}` },
  );
}

async function applyAction(action: vscodeApi.CodeAction): Promise<void> {
  assert.ok(action.edit || action.command, `quick fix "${action.title}" has an edit or a command`);
  if (action.edit) assert.ok(await vscode.workspace.applyEdit(action.edit), `applyEdit of "${action.title}" succeeded`);
  if (action.command) await vscode.commands.executeCommand(action.command.command, ...(action.command.arguments ?? []));
}

/** Undo the test's edits on disk-backed documents so later tests see the fixture as shipped. */
async function revert(doc: vscodeApi.TextDocument): Promise<void> {
  await vscode.window.showTextDocument(doc, { preview: false });
  await vscode.commands.executeCommand('workbench.action.files.revert');
  assert.equal(doc.isDirty, false, `${doc.fileName} reverted`);
}

/** ATX headings of a Markdown text, as "## Title" strings, in document order (fenced code is not used in fixtures). */
function headings(text: string): string[] {
  return text.split(/\r?\n/).filter((l) => /^#{1,6}\s/.test(l)).map((l) => l.trim());
}

/** Every line of `before` is still in `after`, in the same order (fixes only insert). */
function assertOnlyInserted(before: string, after: string): void {
  const a = after.split(/\r?\n/);
  let i = 0;
  for (const line of before.split(/\r?\n/)) {
    while (i < a.length && a[i] !== line) i++;
    assert.ok(i < a.length, `original line kept in order: ${JSON.stringify(line)}`);
    i++;
  }
}

// ---------- fixtures ----------

const EN = {
  file: 'business-plan.md',
  privacy: missingRe('required', 'Data privacy'),
  explain: missingRe('required', 'Model explainability'),
  competitive: missingRe('recommended', 'Competitive advantage'),
  requiredMissing: ['Missing required section: Data privacy', 'Missing required section: Model explainability'],
  present: ['Executive summary', 'Market demand', 'Technical feasibility'],
  headings: ['# Lumen Health AI: Business Plan', '## Executive summary', '## Market demand', '## Technical feasibility'],
  fix: /^Insert section: Data privacy$/,
  heading: '## Data privacy',
  explainHeading: '## Model explainability',
};
const ZH = {
  file: '商业计划书.md',
  // messages in the editor's language (English), section titles in the plan's
  privacy: missingRe('required', 'Data privacy'),
  // a tool for factory maintenance names no high-stakes use: explainability is information, with the reason
  explain: /^Missing required section: Model explainability \(the plan names no high-stakes use/,
  requiredMissing: ['Missing required section: Data privacy'],
  zhPrivacy: zhMissingRe('required', '数据隐私'),
  zhExplain: /^缺少必需章节：模型可解释性（计划书未提及医疗、信贷、招聘、教育等高风险用途/,
  headings: ['# 灵析智能：商业计划书', '## 执行摘要', '## 市场需求', '## 技术可行性'],
  // the fix speaks the editor's language and shows the heading it writes into the Chinese plan
  fix: /^Insert section: Data privacy \(数据隐私\)$/,
  zhFix: /^插入章节：数据隐私$/,
  heading: '## 数据隐私',
  explainHeading: '## 模型可解释性',
};

// ---------- the tests ----------

const tests: Test[] = [];
const test = (name: string, fn: () => Promise<void>) => tests.push({ name, fn });

test('the extension starts with a window whose workspace holds a business plan, and checks the plan as it opens', async () => {
  const ext = vscode.extensions.getExtension(EXT_ID);
  assert.ok(ext, `extension ${EXT_ID} is loaded (extensionDevelopmentPath)`);
  // the workspace holds business-plan.md and 商业计划书.md: planlint activates with the window (workspaceContains),
  // so its server is up before the founder opens the plan
  const t0 = Date.now();
  await waitFor('the extension to activate with the window', () => (ext.isActive ? true : undefined));
  const activated = Date.now() - t0;
  // README.md is opened first: once the plan's diagnostics arrive, the server has seen README.md too (see its test)
  await open('README.md');
  const t1 = Date.now();
  const doc = await open(EN.file);
  await waitForDiagnostics(doc.uri, 'planlint diagnostics on the plan', (d) => d.length > 0);
  // where the first seconds of a fresh window go (figures for the notes, not a timed assertion)
  log(`timing: tests started -> extension active ${activated} ms; plan opened -> first diagnostics ${Date.now() - t1} ms; in all ${Date.now() - t0} ms`);
  const all = await vscode.commands.getCommands(true);
  for (const id of ['planlint.newPlan', 'planlint.insertSection', 'planlint.insertAllMissing', 'planlint.checkAsPlan']) {
    assert.ok(all.includes(id), `command ${id} registered`);
  }
});

test('README.md (not a plan) gets no planlint diagnostics', async () => {
  const uri = workspaceFile('README.md');
  assert.ok(vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString()), 'README.md is open');
  assert.deepEqual(planlintDiagnostics(uri).map((d) => d.message), [], describeDiagnostics(uri));
});

test('English plan: Data privacy and Model explainability are errors, present sections are not reported', async () => {
  const doc = await open(EN.file);
  const diags = await waitForDiagnostics(doc.uri, 'missing Data privacy + Model explainability', (d) =>
    Boolean(findMissing(d, EN.privacy) && findMissing(d, EN.explain)),
  );
  assert.deepEqual(requiredMissing(diags), EN.requiredMissing, 'exactly the two required sections are missing');
  const competitive = findMissing(diags, EN.competitive);
  assert.ok(competitive, 'a missing recommended section is reported too');
  assert.equal(competitive.severity, vscode.DiagnosticSeverity.Information, 'a missing recommended section is information (its default, set by measured precision)');
  for (const d of diags.filter((x) => codeValue(x) === MISSING)) {
    assert.ok(typeof d.code === 'object' && d.code.target instanceof vscode.Uri, `"${d.message}" has a link to its rule docs`);
    // the docs ship in the extension: the link is a local file, readable offline
    assert.equal(d.code.target.scheme, 'file', d.code.target.toString());
    assert.ok(fs.existsSync(d.code.target.fsPath), `${d.code.target.fsPath} exists`);
    for (const title of EN.present) assert.ok(!d.message.endsWith(`: ${title}`), `present section reported: ${d.message}`);
  }
});

test('Chinese plan: 数据隐私 is an error, 模型可解释性 information (a factory tool); in Chinese with planlint.language = zh', async () => {
  const doc = await open(ZH.file);
  const diags = await waitForDiagnostics(doc.uri, 'missing 数据隐私 + 模型可解释性', (d) =>
    Boolean(findMissing(d, ZH.privacy) && findMissing(d, ZH.explain)),
  );
  assert.deepEqual(requiredMissing(diags), ZH.requiredMissing, 'one required section is missing as an error');
  assert.equal(findMissing(diags, ZH.explain)!.severity, vscode.DiagnosticSeverity.Information, 'explainability hardly applies: information, with the reason');
  const cfg = vscode.workspace.getConfiguration('planlint');
  await cfg.update('language', 'zh', vscode.ConfigurationTarget.Workspace);
  try {
    const zh = await waitForDiagnostics(doc.uri, 'Chinese messages after planlint.language = zh', (d) =>
      Boolean(findMissing(d, ZH.zhPrivacy) && findMissing(d, ZH.zhExplain)),
    );
    assert.equal(zh.filter((d) => codeValue(d) === MISSING && d.severity === vscode.DiagnosticSeverity.Error).length, 1);
    const fix = await quickFixFor(doc.uri, findMissing(zh, ZH.zhPrivacy)!, ZH.zhFix);
    log(`offered in Chinese: "${fix.title}"`);
  } finally {
    await cfg.update('language', undefined, vscode.ConfigurationTarget.Workspace);
  }
  await waitForDiagnostics(doc.uri, 'English messages again after the setting is removed', (d) => Boolean(findMissing(d, ZH.privacy)));
});

for (const lang of [EN, ZH]) {
  test(`quick fix "${lang.fix.source.slice(1, -1)}" inserts the section after the last section before it, and its error goes away (${lang.file})`, async () => {
    const doc = await open(lang.file);
    const original = doc.getText();
    assert.deepEqual(headings(original), lang.headings, 'fixture as shipped');
    const before = await waitForDiagnostics(doc.uri, 'the Data privacy error', (d) => Boolean(findMissing(d, lang.privacy)));
    const fix = await quickFixFor(doc.uri, findMissing(before, lang.privacy)!, lang.fix);
    log(`applying "${fix.title}"`);
    await applyAction(fix);
    await waitForDiagnostics(doc.uri, 'the Data privacy error to clear, the Model explainability one to stay', (d) =>
      !findMissing(d, lang.privacy) && Boolean(findMissing(d, lang.explain)),
    );
    // the fix shows what it wrote: the editor selects the first fill-in of the inserted section, which is in view
    // (the view scrolls after the edit is rendered: wait for the editor's selection and visible-range events)
    const ed = await waitFor(
      'the inserted fill-in selected and scrolled into view',
      () => {
        const e = vscode.window.activeTextEditor;
        return e && e.document.uri.toString() === doc.uri.toString() && !e.selection.isEmpty && e.visibleRanges.some((r) => r.contains(e.selection)) ? e : undefined;
      },
      {
        events: [vscode.window.onDidChangeTextEditorSelection, vscode.window.onDidChangeTextEditorVisibleRanges],
        describe: () => {
          const e = vscode.window.activeTextEditor;
          return e ? `selection ${JSON.stringify(e.selection)}, visible ${JSON.stringify(e.visibleRanges)}` : 'no active editor';
        },
      },
    );
    assert.equal(ed.document.uri.toString(), doc.uri.toString());
    const selected = doc.getText(ed.selection);
    assert.match(selected, /^\[[^\]\n]+\]$/, `the selection is a fill-in: ${JSON.stringify(selected)}`);
    const headingLine = doc.getText().split(/\r?\n/).indexOf(lang.heading);
    assert.ok(ed.selection.start.line > headingLine, `the selection (line ${ed.selection.start.line + 1}) is in the inserted section (heading on line ${headingLine + 1})`);
    assert.ok(ed.visibleRanges.some((r) => r.contains(ed.selection)), 'the selection is in view');
    // guide order: ... technical feasibility, (technical implementation), data privacy: after the last section
    assert.deepEqual(headings(doc.getText()), [...lang.headings, lang.heading], 'the heading was inserted at the end, at level 2');
    assertOnlyInserted(original, doc.getText());
    await revert(doc);
    await waitForDiagnostics(doc.uri, 'the error to come back after revert', (d) => Boolean(findMissing(d, lang.privacy)));
  });
}

test('quick fix for a section between two present ones inserts it between them (Competitive advantage)', async () => {
  const doc = await open(EN.file);
  const original = doc.getText();
  const before = await waitForDiagnostics(doc.uri, 'the Competitive advantage warning', (d) => Boolean(findMissing(d, EN.competitive)));
  const fix = await quickFixFor(doc.uri, findMissing(before, EN.competitive)!, /^Insert section: Competitive advantage$/);
  await applyAction(fix);
  await waitForDiagnostics(doc.uri, 'the Competitive advantage warning to clear', (d) => !findMissing(d, EN.competitive) && Boolean(findMissing(d, EN.privacy)));
  // guide order: market demand, competitive advantage, technical feasibility
  assert.deepEqual(headings(doc.getText()), [
    '# Lumen Health AI: Business Plan',
    '## Executive summary',
    '## Market demand',
    '## Competitive advantage',
    '## Technical feasibility',
  ]);
  assertOnlyInserted(original, doc.getText());
  await revert(doc);
});

test('command planlint.insertAllMissing inserts every missing required section (Chinese plan)', async () => {
  const doc = await open(ZH.file);
  await waitForDiagnostics(doc.uri, 'missing sections', (d) => Boolean(findMissing(d, ZH.privacy)));
  await vscode.commands.executeCommand('planlint.insertAllMissing');
  await waitForDiagnostics(doc.uri, 'no missing required section', (d) => requiredMissing(d).length === 0 && d.some((x) => codeValue(x) === MISSING));
  assert.deepEqual(headings(doc.getText()), [...ZH.headings, ZH.heading, ZH.explainHeading]);
  await revert(doc);
});

test('quick fix "Insert all missing required sections" leaves none (English plan)', async () => {
  const doc = await open(EN.file);
  const before = await waitForDiagnostics(doc.uri, 'the Data privacy error', (d) => Boolean(findMissing(d, EN.privacy)));
  const fix = await quickFixFor(doc.uri, findMissing(before, EN.privacy)!, /^Insert all missing required sections$/);
  await applyAction(fix);
  await waitForDiagnostics(doc.uri, 'no missing required section', (d) => requiredMissing(d).length === 0 && d.some((x) => codeValue(x) === MISSING));
  assert.deepEqual(headings(doc.getText()), [...EN.headings, EN.heading, EN.explainHeading]);
  await revert(doc);
});

/** A snippet body with its tab stops replaced by their placeholder text (what the editor shows after insertion). */
function expandSnippet(body: string[]): string {
  return body
    .join('\n')
    .replace(/\$\{\d+:((?:\\.|[^}\\])*)\}/g, '$1')
    .replace(/\$\d+/g, '')
    .replace(/\\([$}\\])/g, '$1');
}

for (const [lang, name, heading, errorRe] of [
  [EN, 'planlint data-privacy (en)', '## Data privacy', EN.privacy],
  [ZH, 'planlint data-privacy (zh)', '## 数据隐私', ZH.privacy],
] as const) {
  test(`snippet "${name}" inserts the chapter template and satisfies the section (${lang.file})`, async () => {
    const ext = vscode.extensions.getExtension(EXT_ID)!;
    const file = path.join(ext.extensionPath, 'snippets', 'markdown.code-snippets');
    const snippets = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, { body: string[] }>;
    assert.ok(snippets[name], `snippet "${name}" in ${file}`);
    const expected = expandSnippet(snippets[name].body);
    assert.ok(expected.startsWith(`${heading}\n`), 'the snippet starts with the heading');

    const doc = await open(lang.file);
    await waitForDiagnostics(doc.uri, 'the Data privacy error', (d) => Boolean(findMissing(d, errorRe)));
    const ed = vscode.window.activeTextEditor!;
    assert.equal(ed.document.uri.toString(), doc.uri.toString());
    const end = doc.lineAt(doc.lineCount - 1).range.end;
    ed.selection = new vscode.Selection(end, end);
    // the snippet goes on a new line after a blank one: type those first, then insert the snippet by name
    assert.ok(await ed.edit((b) => b.insert(end, doc.getText().endsWith('\n') ? '\n' : '\n\n')));
    const at = doc.lineAt(doc.lineCount - 1).range.end;
    ed.selection = new vscode.Selection(at, at);
    await vscode.commands.executeCommand('editor.action.insertSnippet', { langId: 'markdown', name });
    await waitFor('the snippet text in the document', () => (doc.getText().includes(heading) ? true : undefined), {
      events: [vscode.workspace.onDidChangeTextDocument],
      describe: () => doc.getText().slice(-300),
    });
    assert.ok(doc.getText().includes(expected), `the template was inserted as the snippet says:\n${expected.slice(0, 200)}…`);
    await waitForDiagnostics(doc.uri, 'the Data privacy error to clear', (d) => !findMissing(d, errorRe) && d.some((x) => codeValue(x) === MISSING));
    await vscode.commands.executeCommand('leaveSnippet').then(undefined, () => undefined);
    await revert(doc);
  });
}

for (const [lang, expected, present] of [
  [EN, ['Data privacy', 'Model explainability', 'Competitive advantage', 'Team'], ['Market demand', 'Technical feasibility', 'Executive summary']],
  [ZH, ['数据隐私', '模型可解释性', '竞争优势', '团队'], ['市场需求', '技术可行性', '执行摘要']],
] as const) {
  test(`completion at "## " offers the missing sections, required first (${lang.file})`, async () => {
    const doc = await open(lang.file);
    await waitForDiagnostics(doc.uri, 'planlint diagnostics', (d) => d.length > 0);
    const ed = vscode.window.activeTextEditor!;
    const end = doc.lineAt(doc.lineCount - 1).range.end;
    assert.ok(await ed.edit((b) => b.insert(end, `${doc.getText().endsWith('\n') ? '' : '\n'}\n## `)));
    const pos = doc.lineAt(doc.lineCount - 1).range.end;
    assert.equal(doc.lineAt(pos.line).text, '## ');
    let labels: string[] = [];
    const list = await waitFor(
      'planlint completion items',
      async () => {
        const r = await vscode.commands.executeCommand<vscodeApi.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, pos);
        const items = (r?.items ?? []).filter((i) => typeof i.detail === 'string' && /guide §|指南 §/.test(i.detail));
        labels = items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
        return items.length ? items : undefined;
      },
      { describe: () => `labels: ${JSON.stringify(labels)}` },
    );
    for (const title of expected) assert.ok(labels.includes(title), `"${title}" offered; got ${JSON.stringify(labels)}`);
    for (const title of present) assert.ok(!labels.includes(title), `present section "${title}" not offered`);
    const sorted = [...list].sort((a, b) => (a.sortText ?? '').localeCompare(b.sortText ?? '')).map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    assert.deepEqual(sorted.slice(0, 2), expected.slice(0, 2), 'the two missing required sections sort first');
    await revert(doc);
  });
}

for (const lang of ['en', 'zh'] as const) {
  test(`command planlint.newPlan ("${lang}") opens a new plan with no missing section`, async () => {
    const doc = await vscode.commands.executeCommand<vscodeApi.TextDocument | undefined>('planlint.newPlan', lang);
    assert.ok(doc, 'the command returned the new document');
    assert.equal(doc.languageId, 'markdown');
    assert.equal(doc.isUntitled, true, 'an untitled document');
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), doc.uri.toString(), 'the new plan is in the active editor');
    assert.match(doc.getText(), /^---\nplanlint: true\n---\n/, 'front matter marks it as a plan');
    assert.match(doc.getText(), lang === 'zh' ? /^## 数据隐私$/m : /^## Data privacy$/m);
    // it is checked (its template placeholders are reported), and no section is missing
    const diags = await waitForDiagnostics(doc.uri, 'the new plan to be checked', (d) => d.length > 0);
    assert.deepEqual(diags.filter((d) => codeValue(d) === MISSING).map((d) => d.message), [], describeDiagnostics(doc.uri));
    assert.ok(diags.some((d) => codeValue(d) === 'placeholder'), 'the template placeholders are reported');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
}

test('the quick-fix menu of a missing section also offers "Fix all auto-fixable planlint problems"', async () => {
  const doc = await open(EN.file);
  const before = await waitForDiagnostics(doc.uri, 'the Data privacy error', (d) => Boolean(findMissing(d, EN.privacy)));
  const fixAll = await quickFixFor(doc.uri, findMissing(before, EN.privacy)!, /^Fix all auto-fixable planlint problems$/);
  assert.ok(fixAll.edit, 'it carries the edit');
  await applyAction(fixAll);
  await waitForDiagnostics(doc.uri, 'no missing required section after fix-all', (d) => requiredMissing(d).length === 0 && d.length > 0);
  assertOnlyInserted(EN.headings.join('\n'), headings(doc.getText()).join('\n'));
  await revert(doc);
});

test('an empty plan is quiet and its status says it is empty; the first words start the checks', async () => {
  const ext = vscode.extensions.getExtension<{ status(uri: vscodeApi.Uri): Promise<{ isPlan: boolean; blank: boolean }> }>(EXT_ID)!;
  const uri = workspaceFile('empty-plan.md');
  await vscode.workspace.fs.writeFile(uri, new Uint8Array());
  try {
    const doc = await vscode.workspace.openTextDocument(uri);
    const ed = await vscode.window.showTextDocument(doc, { preview: false });
    const st = await ext.exports.status(uri);
    assert.equal(st.isPlan, true, 'a file named *plan*.md is a plan');
    assert.equal(st.blank, true, 'the status says it is empty');
    assert.deepEqual(planlintDiagnostics(uri).map((d) => d.message), [], 'no diagnostics on an empty plan');
    assert.ok(await ed.edit((b) => b.insert(new vscode.Position(0, 0), '# Harbor AI: Business Plan\n\nHarbor quotes freight prices from emails.\n')));
    await waitForDiagnostics(uri, 'the missing sections once there is text', (d) => Boolean(findMissing(d, missingRe('required', 'Market demand'))));
    assert.equal((await ext.exports.status(uri)).blank, false);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  } finally {
    await vscode.workspace.fs.delete(uri).then(undefined, () => undefined);
  }
});

test('commands to open the settings, show the log and restart the server; after a restart plans are checked again', async () => {
  const all = await vscode.commands.getCommands(true);
  for (const id of ['planlint.openSettings', 'planlint.showLog', 'planlint.restartServer']) assert.ok(all.includes(id), `command ${id} registered`);
  const ext = vscode.extensions.getExtension<{ status(uri: vscodeApi.Uri): Promise<{ isPlan: boolean; counts: { errors: number } }> }>(EXT_ID)!;
  const doc = await open(EN.file);
  await waitForDiagnostics(doc.uri, 'the Data privacy error', (d) => Boolean(findMissing(d, EN.privacy)));
  await vscode.commands.executeCommand('planlint.restartServer');
  // the restarted server answers, and has checked the open plan again
  const st = await ext.exports.status(doc.uri);
  assert.equal(st.isPlan, true);
  assert.equal(st.counts.errors, 2);
  await waitForDiagnostics(doc.uri, 'diagnostics from the restarted server', (d) => Boolean(findMissing(d, EN.privacy)));
  await vscode.commands.executeCommand('planlint.showLog');
  await vscode.commands.executeCommand('planlint.openSettings');
  await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
});

test('command planlint.openRuleDocs opens the shipped rule docs in the Markdown preview, offline', async () => {
  const isPreview = (t: vscodeApi.Tab) => t.input instanceof vscode.TabInputWebview && /markdown\.preview/.test(t.input.viewType) && /missing-section/.test(t.label);
  const tabs = () => vscode.window.tabGroups.all.flatMap((g) => g.tabs);
  await vscode.commands.executeCommand('planlint.openRuleDocs', 'missing-section');
  const tab = await waitFor('a Markdown preview of missing-section.md', () => tabs().find(isPreview), {
    events: [vscode.window.tabGroups.onDidChangeTabs as vscodeApi.Event<unknown>],
    describe: () => JSON.stringify(tabs().map((t) => t.label)),
  });
  log(`rule docs opened: "${tab.label}"`);
  await vscode.window.tabGroups.close(tab);
});

test('a bad planlint.config.json shows a clear error, and plans are still checked', async () => {
  const cfgUri = workspaceFile('planlint.config.json');
  const planUri = workspaceFile('bad-config-plan.md');
  const enc = new TextEncoder();
  await vscode.workspace.fs.writeFile(cfgUri, enc.encode('{\n  "rules": { "missing-section": "loud" }\n}\n'));
  try {
    // a plan opened now is checked with that configuration file in force
    await vscode.workspace.fs.writeFile(planUri, await vscode.workspace.fs.readFile(workspaceFile(EN.file)));
    const doc = await vscode.workspace.openTextDocument(planUri);
    await vscode.window.showTextDocument(doc, { preview: false });
    const cfgDiags = await waitForDiagnostics(cfgUri, 'an error on planlint.config.json', (d) => d.some((x) => codeValue(x) === 'config'));
    const err = cfgDiags.find((x) => codeValue(x) === 'config')!;
    log(`config error: L${err.range.start.line + 1}: ${err.message}`);
    assert.equal(err.severity, vscode.DiagnosticSeverity.Error);
    assert.match(err.message, /missing-section/, 'the message names the key');
    assert.match(err.message, /severity|"error"/, 'the message says what is expected');
    assert.match(err.message, /loud/, 'the message quotes the bad value');
    assert.equal(err.range.start.line, 1, 'the error is on the line of the bad value');
    const diags = await waitForDiagnostics(planUri, 'the plan checked with the defaults', (d) => Boolean(findMissing(d, EN.privacy)));
    assert.deepEqual(requiredMissing(diags), EN.requiredMissing);

    // fixing the file clears its error (the server watches planlint.config.json)
    await vscode.workspace.fs.writeFile(cfgUri, enc.encode('{\n  "rules": { "missing-section": "warning" }\n}\n'));
    await waitForDiagnostics(cfgUri, 'the config error to clear', (d) => d.length === 0);
    const after = await waitForDiagnostics(planUri, 'the valid config to apply (missing sections become warnings)', (d) =>
      d.some((x) => codeValue(x) === MISSING) && requiredMissing(d).length === 0,
    );
    assert.ok(findMissing(after, EN.privacy), 'still reported, as a warning');
  } finally {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.fs.delete(cfgUri).then(undefined, () => undefined);
    await vscode.workspace.fs.delete(planUri).then(undefined, () => undefined);
  }
});

// ---------- the planlint view container ----------

type ViewRow = { id: string; label: string; description: string; command?: { command: string; arguments: unknown[] }; children?: ViewRow[] };
type Views = {
  overview: { visible: boolean; rows: ViewRow[] };
  checklist: { visible: boolean; description: string; rows: ViewRow[] };
  guidance: { uri: string; section: string; title: string; canInsert: boolean; visible: boolean } | undefined;
};
type Status = { isPlan: boolean; present: number; total: number; sections: { id: string; level: string; state: string }[]; counts: { errors: number; warnings: number } };
const planlintApi = () => vscode.extensions.getExtension<{ views(): Views; status(uri: vscodeApi.Uri): Promise<Status> }>(EXT_ID)!.exports;
const allTabs = () => vscode.window.tabGroups.all.flatMap((g) => g.tabs);
const isGuidanceTab = (t: vscodeApi.Tab) => t.input instanceof vscode.TabInputWebview && /planlint\.guidance/.test(t.input.viewType);
const problemsText = (c: { errors: number; warnings: number }) =>
  `${c.errors === 1 ? '1 error' : `${c.errors} errors`} · ${c.warnings === 1 ? '1 warning' : `${c.warnings} warnings`}`;
const rowsOf = (rows: ViewRow[]) => JSON.stringify(rows.map((r) => `${r.id}: ${r.label} | ${r.description}`));

/** Opens the planlint view container and waits until its checklist shows the rows of `uri`'s plan. */
async function showPlanlintViews(uri: vscodeApi.Uri): Promise<Views> {
  await vscode.commands.executeCommand('workbench.view.extension.planlint');
  return waitFor(
    'the planlint views visible, on the plan',
    () => {
      const v = planlintApi().views();
      const item = v.checklist.rows[0]?.command?.arguments[0];
      return v.checklist.visible && v.overview.visible && item === uri.toString() ? v : undefined;
    },
    { describe: () => JSON.stringify(planlintApi().views()).slice(0, 600) },
  );
}

test('the planlint view container in the activity bar holds the overview and the checklist of the active plan', async () => {
  const doc = await open(EN.file);
  await waitForDiagnostics(doc.uri, 'the Data privacy error', (d) => Boolean(findMissing(d, EN.privacy)));
  const all = await vscode.commands.getCommands(true);
  for (const id of ['workbench.view.extension.planlint', 'planlint.checklist.focus', 'planlint.overview.focus']) assert.ok(all.includes(id), `${id} (the container and its two views) registered`);
  const v = await showPlanlintViews(doc.uri);
  const st = await planlintApi().status(doc.uri);
  assert.deepEqual(v.checklist.rows.map((r) => r.id), st.sections.map((x) => x.id), 'one row per guide section, in guide order');
  const row = (id: string) => v.checklist.rows.find((r) => r.id === id);
  assert.equal(row('data-privacy')?.label, 'Data privacy');
  assert.equal(row('data-privacy')?.description, 'missing · required');
  assert.match(row('market-demand')?.description ?? '', /^(present|too thin) · required$/);
  assert.equal(v.checklist.description, `${st.present}/${st.total}`);
  // the status bar item opens the same view
  await vscode.commands.executeCommand('workbench.view.explorer');
  await waitFor('the checklist hidden behind the Explorer', () => (planlintApi().views().checklist.visible ? undefined : true));
  await vscode.commands.executeCommand('planlint.checklist.focus');
  await waitFor('the checklist visible again', () => (planlintApi().views().checklist.visible ? true : undefined));
});

test('the overview shows the plan: its name, required and recommended sections present, thin sections, errors and warnings; it follows edits', async () => {
  const doc = await open(EN.file);
  // (an error again: a test before may have made missing sections warnings through a config file it removed)
  await waitForDiagnostics(doc.uri, 'the Data privacy error', (d) => findMissing(d, EN.privacy)?.severity === vscode.DiagnosticSeverity.Error);
  const v = await waitFor('the overview to count the two errors', async () => {
    const x = await showPlanlintViews(doc.uri);
    return /^2 errors · /.test(x.overview.rows.find((r) => r.id === 'overview.problems')?.description ?? '') ? x : undefined;
  });
  log(`overview: ${rowsOf(v.overview.rows)}`);
  const st = await planlintApi().status(doc.uri);
  const row = (views: Views, id: string) => views.overview.rows.find((r) => r.id === `overview.${id}`);
  assert.equal(row(v, 'plan')?.label, 'Lumen Health AI: Business Plan', 'the plan by its title');
  assert.equal(row(v, 'plan')?.description, EN.file);
  assert.equal(row(v, 'required')?.label, 'Required sections');
  assert.equal(row(v, 'required')?.description, '2/4', 'data privacy and model explainability are missing');
  const rec = st.sections.filter((x) => x.level === 'recommended');
  assert.equal(row(v, 'recommended')?.description, `${rec.filter((x) => x.state !== 'missing').length}/${rec.length}`);
  const thin = st.sections.filter((x) => x.state === 'thin');
  assert.equal(row(v, 'thin')?.description, thin.length ? String(thin.length) : 'none');
  assert.deepEqual(row(v, 'thin')?.children?.map((c) => c.id) ?? [], thin.map((x) => `overview.thin.${x.id}`));
  assert.equal(st.counts.errors, 2);
  assert.equal(row(v, 'problems')?.description, problemsText(st.counts));
  assert.match(row(v, 'problems')?.description ?? '', /^2 errors · /);
  assert.equal(row(v, 'problems')?.command?.command, 'workbench.actions.view.problems', 'a click opens the Problems panel');
  // an edit that adds a required section shows in the overview
  await vscode.commands.executeCommand('planlint.insertSection', 'data-privacy', doc.uri.toString());
  const after = await waitFor('the overview to count the inserted section', () => {
    const x = planlintApi().views();
    return row(x, 'required')?.description === '3/4' ? x : undefined;
  }, { describe: () => rowsOf(planlintApi().views().overview.rows) });
  const st2 = await planlintApi().status(doc.uri);
  assert.equal(row(after, 'problems')?.description, problemsText(st2.counts), 'the problems row follows the new counts');
  await revert(doc);
  await waitFor('the overview back to 2/4 after revert', () => (row(planlintApi().views(), 'required')?.description === '2/4' ? true : undefined), {
    describe: () => rowsOf(planlintApi().views().overview.rows),
  });
});

for (const lang of [EN, ZH]) {
  test(`a click on a missing checklist item shows its guidance and changes nothing; Insert inserts the section (${lang.file})`, async () => {
    const doc = await open(lang.file);
    const original = doc.getText();
    await waitForDiagnostics(doc.uri, 'the Data privacy error', (d) => Boolean(findMissing(d, lang.privacy)));
    const v = await showPlanlintViews(doc.uri);
    const item = v.checklist.rows.find((r) => r.id === 'data-privacy');
    assert.ok(item?.command, 'the missing item has a click command');
    // exactly what a click on the row runs
    await vscode.commands.executeCommand(item.command.command, ...item.command.arguments);
    const tab = await waitFor('the guidance panel', () => allTabs().find(isGuidanceTab), {
      events: [vscode.window.tabGroups.onDidChangeTabs as vscodeApi.Event<unknown>],
      describe: () => JSON.stringify(allTabs().map((t) => t.label)),
    });
    assert.equal(tab.label, 'Guide: Data privacy');
    const g = planlintApi().views().guidance;
    assert.ok(g, 'the panel is open');
    assert.equal(g.section, 'data-privacy');
    assert.equal(g.uri, doc.uri.toString());
    assert.equal(g.canInsert, true, 'it offers Insert');
    // nothing was written: the plan is as it was, and still reports the section missing
    assert.equal(doc.getText(), original, 'the click did not change the document');
    assert.equal(doc.isDirty, false);
    assert.ok(findMissing(planlintDiagnostics(doc.uri), lang.privacy), 'the section is still missing');
    assert.ok(vscode.window.visibleTextEditors.some((e) => e.document === doc), 'the plan stays in view beside the panel');

    // the panel's Insert button
    const inserted = await vscode.commands.executeCommand<boolean>('planlint.guidance.insert');
    assert.equal(inserted, true);
    await waitForDiagnostics(doc.uri, 'the Data privacy error to clear', (d) => !findMissing(d, lang.privacy) && d.some((x) => codeValue(x) === MISSING));
    assert.deepEqual(headings(doc.getText()), [...lang.headings, lang.heading], 'the section was inserted where the quick fix puts it');
    assertOnlyInserted(original, doc.getText());
    await waitFor('the guidance panel to close', () => (allTabs().some(isGuidanceTab) ? undefined : true), {
      events: [vscode.window.tabGroups.onDidChangeTabs as vscodeApi.Event<unknown>],
    });
    // Insert is the insert-section command: it shows what it wrote and selects its first fill-in
    const ed = await waitFor('the inserted fill-in selected in the plan', () => {
      const e = vscode.window.activeTextEditor;
      return e?.document === doc && !e.selection.isEmpty ? e : undefined;
    }, { events: [vscode.window.onDidChangeTextEditorSelection, vscode.window.onDidChangeActiveTextEditor] });
    assert.match(doc.getText(ed.selection), /^\[[^\]\n]+\]$/);
    assert.ok(ed.selection.start.line > doc.getText().split(/\r?\n/).indexOf(lang.heading), 'the selection is in the inserted section');
    await revert(doc);
  });
}

test('the checklist item context menu still inserts a missing section at once, and a click on a present one goes to it', async () => {
  const doc = await open(EN.file);
  const original = doc.getText();
  await waitForDiagnostics(doc.uri, 'the Data privacy error', (d) => Boolean(findMissing(d, EN.privacy)));
  const v = await showPlanlintViews(doc.uri);
  const present = v.checklist.rows.find((r) => r.id === 'market-demand')!;
  await vscode.commands.executeCommand(present.command!.command, ...present.command!.arguments);
  await waitFor('the cursor on the Market demand heading', () => {
    const e = vscode.window.activeTextEditor;
    return e?.document === doc && e.document.lineAt(e.selection.active.line).text === '## Market demand' ? true : undefined;
  }, { events: [vscode.window.onDidChangeTextEditorSelection] });
  assert.equal(allTabs().some(isGuidanceTab), false, 'no guidance for a section the plan has');
  // the context menu passes the tree element itself
  const item = v.checklist.rows.find((r) => r.id === 'data-privacy')!.command!.arguments[1];
  await vscode.commands.executeCommand('planlint.insertSection', item);
  await waitForDiagnostics(doc.uri, 'the Data privacy error to clear', (d) => !findMissing(d, EN.privacy) && d.some((x) => codeValue(x) === MISSING));
  assert.deepEqual(headings(doc.getText()), [...EN.headings, EN.heading]);
  assertOnlyInserted(original, doc.getText());
  await revert(doc);
});

test('with planlint.language = zh the overview, the checklist and the guidance panel speak Chinese', async () => {
  const doc = await open(ZH.file);
  await waitForDiagnostics(doc.uri, 'the Data privacy error', (d) => Boolean(findMissing(d, ZH.privacy)));
  await showPlanlintViews(doc.uri);
  const cfg = vscode.workspace.getConfiguration('planlint');
  await cfg.update('language', 'zh', vscode.ConfigurationTarget.Workspace);
  try {
    const v = await waitFor('the views in Chinese', () => {
      const x = planlintApi().views();
      return x.overview.rows.some((r) => r.label === '必需章节') ? x : undefined;
    }, { describe: () => rowsOf(planlintApi().views().overview.rows) });
    const labels = v.overview.rows.map((r) => r.label);
    for (const label of ['灵析智能：商业计划书', '必需章节', '推荐章节', '内容过少的章节', '问题']) assert.ok(labels.includes(label), `${label} in ${JSON.stringify(labels)}`);
    assert.match(v.overview.rows.find((r) => r.label === '问题')!.description, /^\d+ 个错误 · \d+ 个警告$/);
    const item = v.checklist.rows.find((r) => r.id === 'data-privacy')!;
    assert.equal(item.label, '数据隐私');
    assert.equal(item.description, '缺少 · 必需');
    await vscode.commands.executeCommand(item.command!.command, ...item.command!.arguments);
    const tab = await waitFor('the guidance panel', () => allTabs().find(isGuidanceTab), {
      events: [vscode.window.tabGroups.onDidChangeTabs as vscodeApi.Event<unknown>],
    });
    assert.equal(tab.label, '指南：数据隐私');
    await vscode.window.tabGroups.close(tab);
  } finally {
    await cfg.update('language', undefined, vscode.ConfigurationTarget.Workspace);
  }
  assert.equal(doc.isDirty, false, 'nothing was written');
});

test('choosing a profile in settings changes the checklist', async () => {
  const ext = vscode.extensions.getExtension<{ status(uri: vscodeApi.Uri): Promise<{ isPlan: boolean; sections: { id: string }[] }> }>(EXT_ID)!;
  const doc = await open(EN.file);
  const ids = async () => (await ext.exports.status(doc.uri)).sections.map((x) => x.id);
  await waitFor('the checklist of the default profile', async () => ((await ids()).includes('data-privacy') ? true : undefined));
  const cfg = vscode.workspace.getConfiguration('planlint');
  await cfg.update('profile', 'lean-canvas', vscode.ConfigurationTarget.Workspace);
  try {
    const canvas = await waitFor(
      'the checklist of the lean canvas',
      async () => {
        const now = await ids();
        return now.includes('unfair-advantage') ? now : undefined;
      },
      { events: [vscode.languages.onDidChangeDiagnostics] },
    );
    assert.ok(!canvas.includes('data-privacy'), `the lean canvas has its own sections: ${canvas.join(', ')}`);
    const diags = await waitForDiagnostics(doc.uri, 'the plan checked against the lean canvas', (d) => d.some((x) => /Unfair advantage/.test(x.message)));
    assert.ok(!findMissing(diags, EN.privacy), 'no guide section of the AI-startup profile is asked for');
  } finally {
    await cfg.update('profile', undefined, vscode.ConfigurationTarget.Workspace);
  }
  await waitFor('the default checklist again', async () => ((await ids()).includes('data-privacy') ? true : undefined));
});

test('the plan report opens beside the plan, and its line links (planlint.revealLine) open the line in the editor', async () => {
  const ext = vscode.extensions.getExtension<{ views(): { report: { uri: string; title: string; visible: boolean } | undefined } }>(EXT_ID)!;
  const doc = await open(EN.file);
  await waitForDiagnostics(doc.uri, 'the plan checked', (d) => d.length > 0);
  const title = await vscode.commands.executeCommand<string | undefined>('planlint.showReport', doc.uri.toString());
  assert.ok(title, 'the report of the plan opened');
  const shown = await waitFor('the report panel', () => {
    const r = ext.exports.views().report;
    return r?.visible && r.uri === doc.uri.toString() ? r : undefined;
  });
  assert.match(shown.title, /^Report: /);
  // what a click on "line 17" in the report runs (a command URI the webview allows)
  await vscode.commands.executeCommand('planlint.revealLine', doc.uri.toString(), 16);
  const ed = await waitFor('the plan in the editor at line 17', () => {
    const e = vscode.window.activeTextEditor;
    return e?.document.uri.toString() === doc.uri.toString() && e.selection.active.line === 16 ? e : undefined;
  }, { events: [vscode.window.onDidChangeActiveTextEditor, vscode.window.onDidChangeTextEditorSelection] });
  assert.equal(ed.selection.active.character, 0);
  await vscode.commands.executeCommand('workbench.action.closeEditorsInOtherGroups');
});

test('a plan split across files: the chapters are one plan, and the quick fix of a missing section creates its chapter file', async () => {
  const enc = new TextEncoder();
  const dir = workspaceFile('split-plan');
  const file = (n: string) => vscode.Uri.joinPath(dir, n);
  const chapters: Record<string, string> = {
    'README.md': '---\nplanlint: true\n---\n# Tallyhand\n\n- [Summary](01-summary.md)\n- [Market](02-market.md)\n- [Technology](03-technology.md)\n',
    '01-summary.md': '## Executive summary\n\nTallyhand counts a shop\'s stock from a phone video with a vision model, within minutes.\n',
    '02-market.md': '## Market demand\n\nSmall retailers count stock by hand once a month, which takes six to ten hours; 310,000 shops spend $2.1B a year on it.\n',
    '03-technology.md': '## Technical feasibility\n\nObject detection and counting models are mature; our prototype counted 96% of items correctly with a fine-tuned model on rented GPUs.\n',
  };
  for (const [n, t] of Object.entries(chapters)) await vscode.workspace.fs.writeFile(file(n), enc.encode(t));
  try {
    const market = await vscode.workspace.openTextDocument(file('02-market.md'));
    await vscode.window.showTextDocument(market, { preview: false });
    // the index, not open, carries the findings about the whole plan; the chapter is never told the rest is missing
    const onIndex = await waitForDiagnostics(file('README.md'), 'the missing sections, in the index', (d) => Boolean(findMissing(d, EN.privacy)));
    assert.ok(!findMissing(onIndex, missingRe('required', 'Market demand')), 'the market chapter counts for the whole plan');
    assert.ok(!planlintDiagnostics(market.uri).some((d) => codeValue(d) === MISSING), 'no missing section in a chapter');
    const index = await vscode.workspace.openTextDocument(file('README.md'));
    await vscode.window.showTextDocument(index, { preview: false });
    const diags = await waitForDiagnostics(index.uri, 'the missing sections of the open index', (d) => Boolean(findMissing(d, EN.privacy)));
    const fix = await quickFixFor(index.uri, findMissing(diags, EN.privacy)!, /^Create chapter file 04-data-privacy\.md for Data privacy, listed in README\.md$/);
    await applyAction(fix);
    // the edit creates the file and writes the section into it (unsaved, like any edit)
    const created = await waitFor(
      'the new chapter file',
      () => vscode.workspace.textDocuments.find((d) => d.uri.toString() === file('04-data-privacy.md').toString() && d.getText().length > 0),
      { events: [vscode.workspace.onDidChangeTextDocument as vscodeApi.Event<unknown>, vscode.workspace.onDidOpenTextDocument as vscodeApi.Event<unknown>] },
    );
    assert.match(created.getText(), /^## Data privacy\n/);
    assert.match(index.getText(), /- \[Data privacy\]\(04-data-privacy\.md\)\n/, 'listed in the index');
    await index.save();
    await created.save();
    await waitForDiagnostics(index.uri, 'data privacy no longer missing', (d) => !findMissing(d, EN.privacy));
  } finally {
    await vscode.workspace.saveAll(false);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.fs.delete(dir, { recursive: true }).then(undefined, () => undefined);
  }
});

// ---------- runner ----------

/** Reverts and closes every edited document (after a failed test, which did not clean up after itself). */
async function revertAll(): Promise<void> {
  for (const doc of vscode.workspace.textDocuments.filter((d) => d.isDirty)) {
    await vscode.window.showTextDocument(doc, { preview: false });
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  }
}

export async function run(): Promise<void> {
  // require(), not import(): esbuild keeps an external import() as a real ESM import in the CJS bundle, and the
  // extension host hands out its per-extension API object through require('vscode').
  vscode = require('vscode') as typeof vscodeApi;
  log(`node ${process.version}, VS Code ${vscode.version}, display language ${vscode.env.language}`);
  // a failed test may leave a plan edited: revert it, so that the next tests start from the fixtures as shipped
  const failed = await runTests(tests, (m) => log(m), { only: process.env['PLANLINT_E2E_ONLY'], afterFailure: revertAll });
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  if (failed.length) throw new Error(`${failed.length} e2e test(s) failed: ${failed.join('; ')}`);
}
