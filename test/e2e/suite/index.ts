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
import assert from 'node:assert/strict';
import type * as vscodeApi from 'vscode';

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

function missingSections(uri: vscodeApi.Uri): vscodeApi.Diagnostic[] {
  return planlintDiagnostics(uri).filter((d) => codeValue(d) === MISSING);
}

function describeDiagnostics(uri: vscodeApi.Uri): string {
  const all = vscode.languages.getDiagnostics(uri);
  if (all.length === 0) return '(no diagnostics)';
  return all.map((d) => `[${d.source}/${String(codeValue(d))}] L${d.range.start.line + 1}: ${d.message}`).join('\n  ');
}

/**
 * Resolve with probe()'s first non-undefined value. Re-probes on every given event, and also every 200 ms as a
 * fallback for state that has no event (code actions: the extension host sees diagnostics before the workbench's
 * marker service, which is what code-action requests read). Rejects after `ms` with `describe()`'s state.
 */
function waitFor<T>(
  what: string,
  probe: () => T | undefined | Promise<T | undefined>,
  opts: { events?: vscodeApi.Event<unknown>[]; ms?: number; describe?: () => string } = {},
): Promise<T> {
  const ms = opts.ms ?? TIMEOUT_MS;
  return new Promise<T>((resolve, reject) => {
    let done = false;
    let busy = false;
    const subs: vscodeApi.Disposable[] = [];
    const finish = (err: Error | undefined, value?: T) => {
      if (done) return;
      done = true;
      clearInterval(poll);
      clearTimeout(timer);
      subs.forEach((s) => s.dispose());
      if (err) reject(err);
      else resolve(value as T);
    };
    const check = async () => {
      if (done || busy) return;
      busy = true;
      try {
        const v = await probe();
        if (v !== undefined) finish(undefined, v);
      } catch (e) {
        finish(e instanceof Error ? e : new Error(String(e)));
      } finally {
        busy = false;
      }
    };
    const timer = setTimeout(() => {
      finish(new Error(`timed out after ${ms} ms waiting for ${what}${opts.describe ? `\n  state: ${opts.describe()}` : ''}`));
    }, ms);
    const poll = setInterval(() => void check(), 200);
    for (const ev of opts.events ?? []) subs.push(ev(() => void check()));
    void check();
  });
}

function waitForDiagnostics(
  uri: vscodeApi.Uri,
  what: string,
  pred: (planlint: vscodeApi.Diagnostic[]) => boolean,
  ms?: number,
): Promise<vscodeApi.Diagnostic[]> {
  return waitFor(
    `${what} (${vscode.workspace.asRelativePath(uri)})`,
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

function findMissing(diags: vscodeApi.Diagnostic[], message: RegExp): vscodeApi.Diagnostic | undefined {
  return diags.find((d) => codeValue(d) === MISSING && message.test(d.message));
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
  if (action.edit) assert.ok(await vscode.workspace.applyEdit(action.edit), `applyEdit of "${action.title}" succeeded`);
  if (action.command) await vscode.commands.executeCommand(action.command.command, ...(action.command.arguments ?? []));
  assert.ok(action.edit || action.command, `quick fix "${action.title}" has an edit or a command`);
}

/** Undo the test's edits on disk-backed documents so later tests see the fixture as shipped. */
async function revert(doc: vscodeApi.TextDocument): Promise<void> {
  await vscode.window.showTextDocument(doc, { preview: false });
  await vscode.commands.executeCommand('workbench.action.files.revert');
  assert.equal(doc.isDirty, false, `${doc.fileName} reverted`);
}

// ---------- the tests ----------

const EN = {
  file: 'business-plan.md',
  privacy: /^Missing required section: Data privacy/,
  explain: /^Missing required section: .*explainab/i,
  present: /^Missing required section: (Executive summary|Market demand|Technical feasibility)\b/i,
  fix: /^Insert section\b.*Data privacy/i,
  heading: /^#{1,6}\s+Data privacy/im,
};
const ZH = {
  file: '商业计划书.md',
  privacy: /^缺少必需章节：数据隐私/,
  explain: /^缺少必需章节：.*可解释/,
  fix: /^插入章节.*数据隐私/,
  heading: /^#{1,6}\s+.*数据隐私/m,
};

type Test = { name: string; fn: () => Promise<void> };
const tests: Test[] = [];
const test = (name: string, fn: () => Promise<void>) => tests.push({ name, fn });

test('the extension is installed and activates', async () => {
  const ext = vscode.extensions.getExtension(EXT_ID);
  assert.ok(ext, `extension ${EXT_ID} is loaded (extensionDevelopmentPath)`);
  await ext.activate();
  assert.ok(ext.isActive, 'extension is active');
});

test('its commands are registered', async () => {
  const all = await vscode.commands.getCommands(true);
  for (const id of ['planlint.newPlan', 'planlint.insertAllMissing']) assert.ok(all.includes(id), `command ${id} registered`);
});

test('English plan: Data privacy and Explainability reported missing, present sections not', async () => {
  // README.md is opened first: once the plan's diagnostics arrive, the server has seen README.md too (see last test).
  await open('README.md');
  const doc = await open(EN.file);
  const diags = await waitForDiagnostics(doc.uri, 'missing Data privacy + Explainability', (d) =>
    Boolean(findMissing(d, EN.privacy) && findMissing(d, EN.explain)),
  );
  for (const d of diags.filter((x) => codeValue(x) === MISSING)) {
    assert.equal(d.severity, vscode.DiagnosticSeverity.Error, `"${d.message}" is an error`);
    assert.ok(typeof d.code === 'object' && d.code.target instanceof vscode.Uri, `"${d.message}" code has a target Uri`);
    assert.doesNotMatch(d.message, EN.present);
  }
});

test('Chinese plan: 数据隐私 and 模型可解释性 reported missing', async () => {
  const doc = await open(ZH.file);
  const diags = await waitForDiagnostics(doc.uri, '缺少 数据隐私 + 模型可解释性', (d) =>
    Boolean(findMissing(d, ZH.privacy) && findMissing(d, ZH.explain)),
  );
  for (const d of diags.filter((x) => codeValue(x) === MISSING)) {
    assert.equal(d.severity, vscode.DiagnosticSeverity.Error, `"${d.message}" is an error`);
  }
});

for (const lang of [EN, ZH]) {
  test(`quick fix ${lang.fix} clears its error (${lang.file})`, async () => {
    const doc = await open(lang.file);
    const before = await waitForDiagnostics(doc.uri, 'the Data privacy error', (d) => Boolean(findMissing(d, lang.privacy)));
    const diag = findMissing(before, lang.privacy)!;
    const fix = await quickFixFor(doc.uri, diag, lang.fix);
    log(`applying "${fix.title}"`);
    await applyAction(fix);
    await waitForDiagnostics(doc.uri, 'the Data privacy error to clear, the other one to stay', (d) =>
      !findMissing(d, lang.privacy) && Boolean(findMissing(d, lang.explain)),
    );
    assert.match(doc.getText(), lang.heading, 'the section heading was inserted');
    await revert(doc);
    await waitForDiagnostics(doc.uri, 'the error to come back after revert', (d) => Boolean(findMissing(d, lang.privacy)));
  });
}

test('planlint.insertAllMissing inserts every missing section (Chinese plan)', async () => {
  const doc = await open(ZH.file);
  await waitForDiagnostics(doc.uri, 'missing sections', (d) => Boolean(findMissing(d, ZH.privacy)));
  await vscode.commands.executeCommand('planlint.insertAllMissing');
  await waitForDiagnostics(doc.uri, 'no missing-section diagnostics', (d) => !d.some((x) => codeValue(x) === MISSING));
  assert.match(doc.getText(), ZH.heading);
  await revert(doc);
});

test('README.md gets no planlint diagnostics', async () => {
  const uri = workspaceFile('README.md');
  assert.deepEqual(planlintDiagnostics(uri).map((d) => d.message), [], describeDiagnostics(uri));
});

// ---------- runner ----------

export async function run(): Promise<void> {
  // require(), not import(): esbuild keeps an external import() as a real ESM import in the CJS bundle, and the
  // extension host hands out its per-extension API object through require('vscode').
  vscode = require('vscode') as typeof vscodeApi;
  log(`node ${process.version}, VS Code ${vscode.version}`);
  let passed = 0;
  const failed: string[] = [];
  for (const t of tests) {
    const t0 = Date.now();
    try {
      await t.fn();
      passed++;
      log(`ok   ${t.name} (${Date.now() - t0} ms)`);
    } catch (e) {
      failed.push(t.name);
      log(`FAIL ${t.name} (${Date.now() - t0} ms)\n${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    }
  }
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  log(`${passed} passed, ${failed.length} failed`);
  if (failed.length) throw new Error(`${failed.length} e2e test(s) failed: ${failed.join('; ')}`);
}
