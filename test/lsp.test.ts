/**
 * Protocol tests of the language server: spawn the BUILT server
 * (dist/server.cjs --stdio) and speak JSON-RPC as an editor would.
 */
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { TestClient, applyLspEdits, positionAt, type CodeAction, type Diagnostic, type PublishDiagnosticsParams } from './lsp/client.js';
import { tmpWorkspace } from './helpers/fixtures.js';
import type { InsertedText, SectionGuidance } from '../server/src/lsp/protocol.js';

const PLAN_EN = `# Acme Vision AI: Business Plan

## Executive summary

Acme Vision AI builds a visual inspection assistant for small factories. A fine-tuned vision model finds defects on
the production line and explains them to the operator. We are raising a seed round to reach forty paying factories.

## Market demand

There are about 40,000 small factories in our first three markets, a serviceable market of USD 600 million a year
growing 12 percent a year. Quality managers at twelve factories signed letters of intent after our pilot; our target
users are quality managers at plants with fewer than 300 workers.

## Technical feasibility

Vision transformers are mature and open weights are available. Our team of five engineers has shipped inspection
systems before. Training needs eight GPUs for two weeks, and we will track newer models every quarter to avoid being
overtaken by the next generation of foundation models.
`;

const PLAN_ZH = `# 智检科技商业计划书

## 执行摘要

智检科技为中小工厂提供视觉质检助手。我们的模型能够在生产线上发现缺陷，并向操作员解释原因。本轮计划融资用于扩展到四十家付费工厂。

## 市场需求

我们的首批三个市场约有四万家中小工厂，市场规模每年约六亿美元，年增长率百分之十二。试点之后已有十二家工厂签署意向书。

## 技术可行性

视觉模型技术已经成熟，团队五名工程师均有质检系统经验。训练需要八张显卡两周时间，我们每季度评估新模型以避免技术被淘汰。
`;

const missing = (ds: Diagnostic[], section: string) => ds.filter((d) => d.code === 'missing-section' && (d.data as { section?: string })?.section === section);
const hasMissing = (p: PublishDiagnosticsParams, section: string) => missing(p.diagnostics, section).length > 0;


/** The inserted section starts at `range` with its heading, and `select` is one of its fill-ins (`[...]`). */
function assertInsertedSection(text: string, at: InsertedText, heading: string): void {
  const lines = text.split('\n');
  const slice = (r: InsertedText['range']) =>
    r.start.line === r.end.line ? lines[r.start.line]!.slice(r.start.character, r.end.character) : lines.slice(r.start.line, r.end.line + 1).join('\n');
  assert.equal(lines[at.range.start.line], heading, 'the range starts at the inserted heading');
  assert.equal(at.range.start.character, 0);
  const sel = slice(at.select);
  assert.equal(at.select.start.line, at.select.end.line, 'the selection is on one line');
  assert.match(sel, /^\[[^\]\n]+\]$/, `the selection is a fill-in: ${JSON.stringify(sel)}`);
  assert.ok(at.select.start.line > at.range.start.line && at.select.end.line <= at.range.end.line, 'the fill-in is inside the inserted text');
}

describe('language server over stdio', () => {
  let c: TestClient;
  let dir: string;
  let n = 0;
  /** A fresh plan document (a new uri per test, so tests do not share state). */
  const planUri = (name = 'business-plan.md') => pathToFileURL(path.join(dir, `${n++}-${name}`)).href;

  before(async () => {
    dir = tmpWorkspace({});
    c = await TestClient.start({ settings: { debounceMs: 0 }, workspaceFolder: dir, initializationOptions: { revealCommand: 'test.reveal' } });
  });
  after(async () => {
    await c.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('didOpen of a plan publishes the missing required sections, with code, doc link, data and version', async () => {
    const uri = planUri();
    c.open(uri, PLAN_EN);
    const p = await c.nextDiagnostics(uri, { after: 0 });
    assert.equal(p.version, 1);
    const privacy = missing(p.diagnostics, 'data-privacy');
    const explain = missing(p.diagnostics, 'explainability');
    assert.equal(privacy.length, 1, JSON.stringify(p.diagnostics.map((d) => d.message)));
    assert.equal(explain.length, 1);
    const d = privacy[0]!;
    assert.equal(d.source, 'planlint');
    assert.equal(d.severity, 1);
    assert.match(d.message, /^Missing required section: Data privacy/);
    // the rule docs shipped beside the server (as in the .vsix): a local file, readable offline
    assert.match(d.codeDescription!.href, /^file:.*\/docs\/rules\/missing-section\.md$/);
    assert.ok(fs.existsSync(new URL(d.codeDescription!.href)), d.codeDescription!.href);
    // where the section would go: on the last word before the chapter that would follow it
    const lines = PLAN_EN.split('\n');
    assert.equal(d.range.start.line, d.range.end.line);
    assert.match(lines[d.range.start.line]!.slice(d.range.start.character, d.range.end.character), /^\S+$/);
    const next = lines.slice(d.range.start.line + 1).find((l) => l.trim() !== '');
    assert.ok(next === undefined || /^#{1,6} /.test(next), `the next line with text is a heading: ${next}`);
    const data = d.data as { rule: string; version: number; fix: { title: string; edits: unknown[] } };
    assert.equal(data.rule, 'missing-section');
    assert.equal(data.version, 1);
    assert.equal(data.fix.title, 'Insert section: Data privacy');
    assert.ok(data.fix.edits.length > 0);
    // present sections are not reported missing
    assert.equal(missing(p.diagnostics, 'market-demand').length, 0);
    assert.equal(missing(p.diagnostics, 'technical-feasibility').length, 0);
  });

  test('quick fix on stacked missing sections: the one asked about first, then insert all, then the others', async () => {
    const uri = planUri();
    c.open(uri, PLAN_EN);
    const first = await c.nextDiagnostics(uri, { after: 0 });
    const team = first.diagnostics.find((d) => d.code === 'missing-section' && (d.data as { section?: string })?.section === 'team')!;
    const privacy = missing(first.diagnostics, 'data-privacy')[0]!;
    assert.deepEqual(team.range, privacy.range, 'the fixture stacks them on the title');
    const actions = await c.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: team.range,
      context: { diagnostics: [team], only: ['quickfix'] },
    });
    const titles = actions.map((a) => a.title);
    assert.equal(titles[0], 'Insert section: Team', titles.join(' | '));
    assert.equal(titles[1], 'Insert all missing required sections', titles.join(' | '));
    const inserts = actions.filter((a) => a.title.startsWith('Insert section: '));
    assert.ok(inserts.length > 2, 'the other sections can still be inserted one by one');
    assert.deepEqual(inserts.filter((a) => a.isPreferred).map((a) => a.title), ['Insert section: Team'], 'only the one asked about is preferred');
    assert.ok(titles.indexOf('Insert section: Data privacy') > titles.indexOf('Fix all auto-fixable planlint problems'), 'the others come after the fix-all actions');
  });

  test('quick fix: the preferred action inserts the section and the next diagnostics no longer have it', async () => {
    const uri = planUri();
    c.open(uri, PLAN_EN);
    const first = await c.nextDiagnostics(uri, { after: 0 });
    const diag = missing(first.diagnostics, 'data-privacy')[0]!;
    const actions = await c.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: diag.range,
      context: { diagnostics: [diag], only: ['quickfix'] },
    });
    const fix = actions.find((a) => a.title === 'Insert section: Data privacy');
    assert.ok(fix, `offered: ${actions.map((a) => a.title).join(' | ')}`);
    assert.equal(fix.kind, 'quickfix');
    assert.equal(fix.isPreferred, true);
    assert.equal(fix.edit!.documentChanges![0]!.textDocument.version, 1);
    // the edits are the finding's own fix (the same as in its data)
    assert.deepEqual(fix.edit!.documentChanges![0]!.edits, (diag.data as { fix: { edits: unknown } }).fix.edits);
    assert.ok(actions.some((a) => a.title === 'Disable missing-section for this line'));
    assert.ok(actions.some((a) => a.title === 'Disable missing-section for this file'));

    const after = c.published.length;
    c.applyWorkspaceEdit(fix.edit!);
    assert.match(c.text(uri), /^## Data privacy$/m);
    const next = await c.nextDiagnostics(uri, { after, version: 2 });
    assert.equal(hasMissing(next, 'data-privacy'), false);
    assert.equal(hasMissing(next, 'explainability'), true);
  });

  test('"Insert all missing required sections" and the insertAllMissing command clear every missing required section', async () => {
    const uri = planUri();
    c.open(uri, PLAN_EN);
    const first = await c.nextDiagnostics(uri, { after: 0 });
    const diag = missing(first.diagnostics, 'explainability')[0]!;
    const actions = await c.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: diag.range, context: { diagnostics: [diag] } });
    const all = actions.find((a) => a.title === 'Insert all missing required sections');
    assert.ok(all, `offered: ${actions.map((a) => a.title).join(' | ')}`);
    // fix-all is offered in the quick-fix menu too (as ESLint does), after the fixes of the problem itself
    const titles = actions.map((a) => a.title);
    const fixAll = actions.find((a) => a.title === 'Fix all auto-fixable planlint problems');
    assert.ok(fixAll?.edit, `offered: ${titles.join(' | ')}`);
    assert.equal(fixAll.kind, 'quickfix');
    assert.ok(titles.indexOf('Insert section: Model explainability') < titles.indexOf(fixAll.title), 'the fix of the problem under the cursor comes first');
    const after = c.published.length;
    c.applyWorkspaceEdit(all.edit!);
    const next = await c.nextDiagnostics(uri, { after, version: 2 });
    assert.deepEqual(next.diagnostics.filter((d) => d.code === 'missing-section' && d.severity === 1), []);
    assert.match(c.text(uri), /^## Data privacy$/m);
    assert.match(c.text(uri), /^## Model explainability$/m);
    // the fix carries the client's reveal command: where the first inserted section now is, and its first fill-in
    assert.equal(all.command?.command, 'test.reveal');
    const shown = all.command!.arguments![0] as InsertedText;
    assertInsertedSection(c.text(uri), shown, '## Data privacy');

    // the same through workspace/executeCommand (the server sends workspace/applyEdit)
    const uri2 = planUri();
    c.open(uri2, PLAN_EN);
    await c.nextDiagnostics(uri2, { after: 0 });
    const before = c.published.length;
    const applied = await c.request<InsertedText | false>('workspace/executeCommand', { command: 'planlint.insertAllMissing', arguments: [uri2] });
    assert.ok(applied, 'applied');
    const after2 = await c.nextDiagnostics(uri2, { after: before, version: 2 });
    // it answers where the text went, for the client to reveal
    assert.equal(applied.uri, uri2);
    assertInsertedSection(c.text(uri2), applied, '## Data privacy');
    assert.equal(after2.diagnostics.filter((d) => d.code === 'missing-section' && d.severity === 1).length, 0);
  });

  test('source.fixAll.planlint applies every fix as one edit', async () => {
    const uri = planUri();
    c.open(uri, PLAN_EN);
    await c.nextDiagnostics(uri, { after: 0 });
    const actions = await c.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source.fixAll'] },
    });
    assert.equal(actions.length, 1, actions.map((a) => a.title).join(' | '));
    const fixAll = actions[0]!;
    assert.equal(fixAll.kind, 'source.fixAll.planlint');
    assert.equal(fixAll.edit!.documentChanges![0]!.edits.length, 1);
    const after = c.published.length;
    c.applyWorkspaceEdit(fixAll.edit!);
    const next = await c.nextDiagnostics(uri, { after, version: 2 });
    assert.deepEqual(next.diagnostics.filter((d) => d.code === 'missing-section'), []);
    // the original text is kept (fixes only insert)
    assert.ok(c.text(uri).includes('## Market demand'));
    // no quick fixes are offered without asking for source actions
    const quick = await c.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [] },
    });
    assert.ok(!quick.some((a) => a.kind === 'source.fixAll.planlint'));
  });

  test('"Disable RULE for this file" writes the suppression comment after the front matter', async () => {
    const uri = planUri();
    const text = `---\ntitle: Acme\n---\n${PLAN_EN}`;
    c.open(uri, text);
    const first = await c.nextDiagnostics(uri, { after: 0 });
    const diag = missing(first.diagnostics, 'data-privacy')[0]!;
    const actions = await c.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: diag.range, context: { diagnostics: [diag] } });
    const disable = actions.find((a) => a.title === 'Disable missing-section for this file');
    assert.ok(disable);
    const after = c.published.length;
    c.applyWorkspaceEdit(disable.edit!);
    assert.ok(c.text(uri).startsWith('---\ntitle: Acme\n---\n<!-- planlint-disable missing-section -->\n# Acme'), c.text(uri).slice(0, 120));
    const next = await c.nextDiagnostics(uri, { after, version: 2 });
    assert.deepEqual(next.diagnostics.filter((d) => d.code === 'missing-section'), []);

    // for this line: the comment goes above the finding's line
    const uri2 = planUri();
    c.open(uri2, PLAN_EN);
    const p2 = await c.nextDiagnostics(uri2, { after: 0 });
    const d2 = missing(p2.diagnostics, 'data-privacy')[0]!;
    const a2 = await c.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: uri2 }, range: d2.range, context: { diagnostics: [d2] } });
    const line = a2.find((a) => a.title === 'Disable missing-section for this line')!;
    const before2 = c.published.length;
    c.applyWorkspaceEdit(line.edit!);
    const after2 = c.text(uri2).split('\n');
    assert.equal(after2[d2.range.start.line], '<!-- planlint-disable-next-line missing-section -->', 'above the line of the finding');
    assert.equal(after2[d2.range.start.line + 1], PLAN_EN.split('\n')[d2.range.start.line]);
    const n2 = await c.nextDiagnostics(uri2, { after: before2, version: 2 });
    assert.deepEqual(missing(n2.diagnostics, 'data-privacy'), [], 'data privacy, on that line, is no longer reported');
  });

  test('completion at "## " offers the missing guide sections as snippets', async () => {
    const uri = planUri();
    const text = `${PLAN_EN}\n## `;
    c.open(uri, text);
    await c.nextDiagnostics(uri, { after: 0 });
    const end = positionAt(text, text.length);
    const list = await c.request<{ isIncomplete: boolean; items: { label: string; insertTextFormat?: number; textEdit?: { newText: string; range: unknown } }[] }>('textDocument/completion', {
      textDocument: { uri },
      position: end,
      context: { triggerKind: 2, triggerCharacter: ' ' },
    });
    const items = list.items;
    const labels = items.map((i) => i.label);
    assert.ok(labels.includes('Data privacy'), labels.join(', '));
    assert.ok(labels.includes('Model explainability'));
    assert.ok(!labels.includes('Market demand'), 'present sections are not offered');
    const privacy = items.find((i) => i.label === 'Data privacy')!;
    assert.equal(privacy.insertTextFormat, 2);
    assert.match(privacy.textEdit!.newText, /^## Data privacy\n\n/);
    assert.match(privacy.textEdit!.newText, /\$\{1:\[[^\]}]+\]\}/, 'fill-ins become tab stops that hold their brackets');
    assert.doesNotMatch(privacy.textEdit!.newText.replace(/\$\{\d+:\[[^\]}]+\]\}/g, ''), /\[[^\]]+\](?!\()/, 'every [fill-in] is a tab stop');
    // not at a heading: nothing
    const none = await c.request<unknown[]>('textDocument/completion', { textDocument: { uri }, position: { line: 4, character: 3 } });
    assert.deepEqual(none, []);
  });

  test('hover on a matched heading shows guidance, topics and the guide reference', async () => {
    const uri = planUri();
    c.open(uri, PLAN_EN);
    await c.nextDiagnostics(uri, { after: 0 });
    const line = PLAN_EN.split('\n').findIndex((l) => l === '## Market demand');
    const h = await c.request<{ contents: { kind: string; value: string }; range: unknown } | null>('textDocument/hover', {
      textDocument: { uri },
      position: { line, character: 5 },
    });
    assert.ok(h);
    assert.equal(h.contents.kind, 'markdown');
    assert.match(h.contents.value, /Guide section: Market demand/);
    assert.match(h.contents.value, /Guide § 1\.18\.1/);
    assert.match(h.contents.value, /Level: required/);
    assert.match(h.contents.value, /Topics covered: /);
    assert.match(h.contents.value, /Topics still missing: /);
    // a paragraph: no hover
    const none = await c.request<unknown>('textDocument/hover', { textDocument: { uri }, position: { line: line + 2, character: 3 } });
    assert.equal(none, null);
  });

  test('documentSymbol outlines the headings with the guide section each satisfies; folding ranges per section', async () => {
    const uri = planUri();
    c.open(uri, PLAN_EN);
    await c.nextDiagnostics(uri, { after: 0 });
    const symbols = await c.request<{ name: string; detail?: string; children?: { name: string; detail?: string }[] }[]>('textDocument/documentSymbol', { textDocument: { uri } });
    assert.equal(symbols.length, 1);
    assert.equal(symbols[0]!.name, 'Acme Vision AI: Business Plan');
    const kids = symbols[0]!.children!;
    assert.deepEqual(kids.map((k) => k.name), ['Executive summary', 'Market demand', 'Technical feasibility']);
    assert.match(kids[1]!.detail!, /Market demand \(required\)/);
    const folds = await c.request<{ startLine: number; endLine: number }[]>('textDocument/foldingRange', { textDocument: { uri } });
    const lines = PLAN_EN.split('\n');
    const md = lines.indexOf('## Market demand');
    const fold = folds.find((f) => f.startLine === md);
    assert.ok(fold, JSON.stringify(folds));
    assert.equal(fold.endLine, lines.indexOf('## Technical feasibility') - 2);
  });

  test('a code lens on each chapter names its guide section, its topics and its length; outline: false drops the document symbols', async () => {
    const uri = planUri();
    c.open(uri, PLAN_EN);
    await c.nextDiagnostics(uri, { after: 0 });
    const lenses = await c.request<{ range: { start: { line: number } }; command: { title: string; command: string } }[]>('textDocument/codeLens', { textDocument: { uri } });
    const lines = PLAN_EN.split('\n');
    const at = (heading: string) => lenses.find((l) => l.range.start.line === lines.indexOf(heading));
    const md = at('## Market demand');
    assert.ok(md, JSON.stringify(lenses));
    assert.match(md.command.title, /^Market demand [✓⚠] · \d+\/\d+ topics · \d+ words$/);
    assert.equal(md.command.command, '', 'no lens command unless the client names one');
    assert.ok(at('## Technical feasibility'));
    assert.equal(at('# Acme Vision AI: Business Plan'), undefined, 'the title claims no section');
    assert.ok(c.serverCapabilities.codeLensProvider);

    const dir2 = tmpWorkspace({});
    const c2 = await TestClient.start({ settings: { debounceMs: 0 }, workspaceFolder: dir2, initializationOptions: { outline: false, lensCommand: 'test.show' } });
    try {
      assert.equal(c2.serverCapabilities.documentSymbolProvider, undefined, 'no outline when the editor has its own');
      const uri2 = pathToFileURL(path.join(dir2, 'business-plan.md')).href;
      c2.open(uri2, PLAN_EN);
      await c2.nextDiagnostics(uri2, { after: 0 });
      const l2 = await c2.request<{ command: { title: string; command: string; arguments?: unknown[] } }[]>('textDocument/codeLens', { textDocument: { uri: uri2 } });
      const lens = l2.find((l) => l.command.title.startsWith('Market demand'));
      assert.equal(lens?.command.command, 'test.show');
      assert.deepEqual(lens?.command.arguments, ['market-demand']);
    } finally {
      await c2.stop();
      fs.rmSync(dir2, { recursive: true, force: true });
    }
  });

  test('planlint/status gives the checklist with counts', async () => {
    const uri = planUri();
    c.open(uri, PLAN_EN);
    await c.nextDiagnostics(uri, { after: 0 });
    const st = await c.request<{ isPlan: boolean; present: number; total: number; sections: { id: string; state: string; range?: unknown }[]; counts: { errors: number } }>(
      'planlint/status',
      { uri },
    );
    assert.equal(st.isPlan, true);
    assert.equal(st.counts.errors, 1, 'data privacy (explainability is information: the plan names no high-stakes use)');
    assert.equal(st.sections.find((x) => x.id === 'data-privacy')!.state, 'missing');
    const md = st.sections.find((x) => x.id === 'market-demand')!;
    assert.notEqual(md.state, 'missing');
    assert.ok(md.range);
    assert.equal(st.present, st.sections.filter((x) => x.state !== 'missing').length);
    assert.equal(st.total, st.sections.length);
    // the same arrives as a notification after each check
    const note = await c.waitFor('a status notification', () => c.statuses.find((s) => s.uri === uri));
    assert.equal(note.isPlan, true);
  });

  test('planlint/status names the plan; planlint/guidance gives a section\'s guidance and the text an insert would write, without editing', async () => {
    const uri = planUri();
    c.open(uri, PLAN_EN);
    await c.nextDiagnostics(uri, { after: 0 });
    const applyCount = c.appliedEdits.length;
    const st = await c.request<{ title?: string }>('planlint/status', { uri });
    assert.equal(st.title, 'Acme Vision AI: Business Plan');
    const g = await c.request<SectionGuidance>('planlint/guidance', { uri, section: 'data-privacy' });
    assert.equal(g.id, 'data-privacy');
    assert.equal(g.title, 'Data privacy');
    assert.equal(g.state, 'missing');
    assert.equal(g.level, 'required');
    assert.ok(g.guidance.length > 20, g.guidance);
    assert.ok(g.topics.length > 0);
    assert.ok(g.insert, 'a missing section has the text to insert');
    assert.match(g.insert.text, /^## Data privacy\n/);
    assert.equal(c.appliedEdits.length, applyCount, 'asking for guidance edits nothing');
    assert.equal(c.text(uri), PLAN_EN);
    // the preview is what the command writes, at the line it says
    const inserted = await c.request<InsertedText | false>('workspace/executeCommand', { command: 'planlint.insertSection', arguments: [uri, 'data-privacy'] });
    assert.ok(inserted, 'inserted');
    const text = c.text(uri);
    assert.ok(text.includes(g.insert.text), 'the inserted text is the preview');
    assert.equal(text.split('\n')[g.insert.line], '## Data privacy', 'the heading lands on the line the guidance names');
    const present = await c.request<SectionGuidance>('planlint/guidance', { uri, section: 'market-demand' });
    assert.notEqual(present.state, 'missing');
    assert.equal(present.insert, undefined, 'nothing to insert for a present section');
    assert.equal(await c.request('planlint/guidance', { uri, section: 'no-such-section' }), null);
    assert.equal(await c.request('planlint/guidance', { uri: planUri('never-opened.md'), section: 'data-privacy' }), null);
  });

  test('planlint/report gives the plan report page, the one the CLI writes, and null for what is not a plan', async () => {
    const uri = planUri();
    c.open(uri, PLAN_EN);
    await c.nextDiagnostics(uri, { after: 0 });
    const page = await c.request<{ uri: string; title: string; html: string }>('planlint/report', { uri });
    assert.equal(page.uri, uri);
    assert.equal(page.title, 'Acme Vision AI: Business Plan');
    assert.ok(page.html.startsWith('<!DOCTYPE html>'));
    assert.match(page.html, /data-section="data-privacy" data-state="missing"/);
    assert.ok(!/https?:\/\/|<script/i.test(page.html), 'self-contained, no script');
    assert.ok(!page.html.includes('command:'), 'line links point at the page unless the client names a command');
    assert.equal(await c.request('planlint/report', { uri: planUri('never-opened.md') }), null);
    assert.equal(await c.request('planlint/report', {}), null);
  });

  test('planlint/report: with a reportLineCommand, each line link is a command URI that opens its line of the plan', async () => {
    const dir2 = tmpWorkspace({});
    const c2 = await TestClient.start({ settings: { debounceMs: 0 }, workspaceFolder: dir2, initializationOptions: { reportLineCommand: 'test.line' } });
    try {
      const uri2 = pathToFileURL(path.join(dir2, 'business-plan.md')).href;
      c2.open(uri2, PLAN_EN);
      const diags = await c2.nextDiagnostics(uri2, { after: 0 });
      const page = await c2.request<{ html: string }>('planlint/report', { uri: uri2 });
      const links = [...page.html.matchAll(/<a class="ln" href="command:test\.line\?([^"]+)"/g)].map((m) => JSON.parse(decodeURIComponent(m[1]!.replace(/&amp;/g, '&'))) as [string, number]);
      assert.ok(links.length > 0, 'the report has line links');
      for (const [u, line] of links) {
        assert.equal(u, uri2);
        assert.ok(Number.isInteger(line) && line >= 0 && line < PLAN_EN.split('\n').length, `line ${line} is a line of the plan`);
      }
      // a finding's link opens the finding's own line
      const lines = new Set(links.map(([, l]) => l));
      assert.ok(diags.diagnostics.some((d) => lines.has(d.range.start.line)), 'the links are the findings\' lines');
    } finally {
      await c2.stop();
    }
  });

  test('planlint/guidance: the line it names is where the heading lands in a numbered plan with separators', async () => {
    const uri = planUri();
    const text = '# 智检科技商业计划书\n\n## 一、执行摘要\n\n智检科技用视觉大模型为工厂做质检，已在三家工厂试点，准确率百分之九十八，计划融资两千万元。\n\n---\n\n## 二、市场需求\n\n国内制造业质检市场规模约一千亿元，每年增长百分之十二，中小工厂缺少可负担的自动化质检方案。\n\n---\n\n## 三、技术可行性\n\n我们基于开源视觉模型微调，单卡即可推理，已标注二十万张缺陷图片，模型效果经第三方测试验证。\n';
    c.open(uri, text);
    await c.nextDiagnostics(uri, { after: 0 });
    const g = await c.request<SectionGuidance>('planlint/guidance', { uri, section: 'data-privacy' });
    assert.ok(g.insert);
    assert.equal(g.title, 'Data privacy', 'the guidance speaks the language of messages');
    assert.equal(g.docLang, 'zh');
    const inserted = await c.request<InsertedText | false>('workspace/executeCommand', { command: 'planlint.insertSection', arguments: [uri, 'data-privacy'] });
    assert.ok(inserted);
    const after = c.text(uri);
    assert.ok(after.includes(g.insert.text), `the preview is the inserted text:\n${g.insert.text.slice(0, 120)}`);
    assert.match(after.split('\n')[g.insert.line] ?? '', /^## 四、数据隐私$/, 'numbered like its neighbours, on the line named');
  });

  test('a plan not begun (empty, then a title) is quiet and its status says blank; the first paragraph starts the checks', async () => {
    const uri = planUri();
    c.open(uri, '');
    const p = await c.nextDiagnostics(uri, { after: 0 });
    assert.deepEqual(p.diagnostics, [], 'an empty plan has no diagnostics');
    const st = await c.request<{ isPlan: boolean; blank: boolean; present: number; total: number }>('planlint/status', { uri });
    assert.equal(st.isPlan, true);
    assert.equal(st.blank, true);
    assert.equal(st.present, 0);
    assert.ok(st.total > 0);
    const version = c.setText(uri, '# Acme Vision AI: Business Plan\n\nAcme reads shelf photos for small grocers.\n');
    const begun = await c.nextDiagnostics(uri, { after: 0, version });
    assert.ok(begun.diagnostics.some((d) => d.code === 'missing-section'), 'with text, the missing sections are reported');
    const st2 = await c.request<{ blank: boolean }>('planlint/status', { uri });
    assert.equal(st2.blank, false);
  });

  test('an ordinary README gets no diagnostics; untitled documents count only with front matter', async () => {
    const readme = pathToFileURL(path.join(dir, 'README.md')).href;
    c.open(readme, '# My project\n\nSome text about it.\n\n## Install\n\nnpm i\n');
    const p = await c.nextDiagnostics(readme, { after: 0 });
    assert.deepEqual(p.diagnostics, []);
    const st = await c.waitFor('README status', () => c.statuses.find((s) => s.uri === readme));
    assert.equal(st.isPlan, false);

    const untitledPlain = 'untitled:Untitled-1';
    c.open(untitledPlain, PLAN_EN);
    const p1 = await c.nextDiagnostics(untitledPlain, { after: 0 });
    assert.deepEqual(p1.diagnostics, []);
    const untitledPlan = 'untitled:Untitled-2';
    c.open(untitledPlan, `---\nplanlint: true\n---\n${PLAN_EN}`);
    const p2 = await c.nextDiagnostics(untitledPlan, { after: 0 });
    assert.ok(hasMissing(p2, 'data-privacy'));
  });

  test('"Check this file as a business plan" makes any markdown file a plan', async () => {
    const uri = pathToFileURL(path.join(dir, 'notes.md')).href;
    c.open(uri, PLAN_EN);
    const p = await c.nextDiagnostics(uri, { after: 0 });
    assert.deepEqual(p.diagnostics, []);
    const before = c.published.length;
    assert.equal(await c.request('workspace/executeCommand', { command: 'planlint.checkAsPlan', arguments: [uri] }), true);
    const next = await c.nextDiagnostics(uri, { after: before });
    assert.ok(hasMissing(next, 'data-privacy'));
  });

  test('a burst of 200 didChange messages ends in diagnostics for the final version only', async () => {
    const uri = planUri();
    c.open(uri, PLAN_EN);
    await c.nextDiagnostics(uri, { after: 0 });
    const start = c.published.length;
    const typed = '\n## Data privacy\n\nWe anonymise personal data and follow GDPR. ';
    let text = PLAN_EN;
    let version = 1;
    for (let i = 0; i < 200; i++) {
      const ch = typed[i % typed.length]!;
      const at = positionAt(text, text.length);
      version = c.change(uri, [{ range: { start: at, end: at }, text: ch }]);
      text += ch;
    }
    assert.equal(version, 201);
    const last = await c.nextDiagnostics(uri, { after: start, version });
    // a round trip after the final publish: anything the server had queued is in by now
    await c.request('planlint/status', { uri });
    const mine = c.published.slice(start).filter((p) => p.uri === uri);
    const versions = mine.map((p) => p.version!);
    for (let i = 1; i < versions.length; i++) assert.ok(versions[i]! > versions[i - 1]!, `publish order: ${versions.join(',')}`);
    assert.equal(versions[versions.length - 1], 201, `publish order: ${versions.join(',')}`);
    assert.ok(versions.length < 200, `the burst was debounced (${versions.length} publishes)`);
    assert.equal(hasMissing(last, 'data-privacy'), false, 'the final text has a Data privacy section');
    assert.equal(c.text(uri), text);
  });

  test('bad settings in the front matter are reported on the plan, which is still checked', async () => {
    const uri = planUri('notes.md');
    c.open(uri, `---\nplanlint:\n  rules:\n    no-such-rule: error\n---\n${PLAN_EN}`);
    const p = await c.nextDiagnostics(uri, { after: 0 });
    const cfg = p.diagnostics.find((d) => d.code === 'config');
    assert.ok(cfg, JSON.stringify(p.diagnostics.map((d) => d.message)));
    assert.match(cfg.message, /planlint\.rules/);
    assert.match(cfg.message, /no-such-rule/);
    assert.ok(hasMissing(p, 'data-privacy'));
  });

  test('a new plan from the skeleton (untitled, front matter) has every required section', async () => {
    const text = await c.request<string>('planlint/skeleton', { lang: 'en' });
    assert.ok(text.startsWith('---\nplanlint: true\n---\n'));
    const uri = 'untitled:Untitled-skeleton';
    c.open(uri, text);
    const p = await c.nextDiagnostics(uri, { after: 0 });
    assert.deepEqual(p.diagnostics.filter((d) => d.code === 'missing-section' && d.severity === 1).map((d) => d.message), []);
    assert.ok(p.diagnostics.some((d) => d.code === 'placeholder'), 'the template fill-ins are flagged until replaced');
  });

  test('settings are read through workspace/configuration and refreshed on didChangeConfiguration', async () => {
    const uri = planUri();
    c.open(uri, PLAN_EN);
    const p = await c.nextDiagnostics(uri, { after: 0 });
    assert.ok(hasMissing(p, 'data-privacy'));
    const before = c.published.length;
    c.settings = { debounceMs: 0, language: 'zh', rules: { 'missing-topic': 'off' } };
    try {
      c.notify('workspace/didChangeConfiguration', { settings: null });
      const next = await c.nextDiagnostics(uri, { after: before, where: (x) => x.diagnostics.some((d) => /^缺少必需章节：数据隐私/.test(d.message)) });
      assert.ok(!next.diagnostics.some((d) => d.code === 'missing-topic'));
    } finally {
      c.settings = { debounceMs: 0 };
      c.notify('workspace/didChangeConfiguration', { settings: null });
    }
    await c.nextDiagnostics(uri, { after: before, where: (x) => x.diagnostics.some((d) => /^Missing required section: Data privacy/.test(d.message)) });
  });
});

describe('language server: configuration files', () => {
  test('a document with no file on disk (a web editor\'s): its planlint.config.json is read through the client, nearest first, and followed when it changes', async () => {
    const root = 'vscode-vfs://github/acme/plan';
    const c = await TestClient.start({ settings: { debounceMs: 0 }, workspaceFolderUri: root, initializationOptions: { readFiles: true } });
    try {
      c.virtualFiles.set(`${root}/planlint.config.json`, '{ "sections": { "data-privacy": { "level": "off" } } }');
      const uri = `${root}/docs/business-plan.md`;
      c.open(uri, PLAN_EN);
      const first = await c.nextDiagnostics(uri, { after: 0 });
      assert.ok(first.diagnostics.length > 0, 'the plan is checked');
      assert.ok(!hasMissing(first, 'data-privacy'), 'the config file read through the client is in force');
      assert.ok(hasMissing(first, 'explainability'), 'the rest of the defaults stand');
      assert.deepEqual(c.readRequests, [`${root}/docs/planlint.config.json`, `${root}/planlint.config.json`], 'nearest first, up to the workspace folder');
      // the file changes: read again at the next check
      c.virtualFiles.set(`${root}/planlint.config.json`, '{}');
      const before = c.published.length;
      c.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: `${root}/planlint.config.json`, type: 2 }] });
      const again = await c.nextDiagnostics(uri, { after: before, where: (p) => hasMissing(p, 'data-privacy') });
      assert.ok(hasMissing(again, 'data-privacy'));
      // a bad file: a diagnostic on it, by its URI, and the plan checked with the defaults
      c.virtualFiles.set(`${root}/planlint.config.json`, '{ "rules": { "placeholder": "loud" } }');
      c.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: `${root}/planlint.config.json`, type: 2 }] });
      const cfg = await c.nextDiagnostics(`${root}/planlint.config.json`, { where: (p) => p.diagnostics.length > 0 });
      assert.match(cfg.diagnostics[0]!.message, /rules\.placeholder/);
    } finally {
      await c.stop();
    }
    // a client that does not say it reads files is never asked
    const c2 = await TestClient.start({ settings: { debounceMs: 0 }, workspaceFolderUri: root });
    try {
      c2.virtualFiles.set(`${root}/planlint.config.json`, '{ "sections": { "data-privacy": { "level": "off" } } }');
      c2.open(`${root}/business-plan.md`, PLAN_EN);
      assert.ok(hasMissing(await c2.nextDiagnostics(`${root}/business-plan.md`, { after: 0 }), 'data-privacy'));
      assert.deepEqual(c2.readRequests, []);
    } finally {
      await c2.stop();
    }
  });

  test('a bad planlint.config.json gives one clear error (diagnostic on the file + a message) and the plan is still checked', async () => {
    const dir = tmpWorkspace({ 'planlint.config.json': '{\n  "rules": {\n    "missing-section": "fatal"\n  }\n}\n' });
    const c = await TestClient.start({ settings: { debounceMs: 0 }, workspaceFolder: dir });
    try {
      const cfgUri = pathToFileURL(path.join(dir, 'planlint.config.json')).href;
      const uri = pathToFileURL(path.join(dir, 'business-plan.md')).href;
      c.open(uri, PLAN_EN);
      const plan = await c.nextDiagnostics(uri, { after: 0 });
      assert.ok(hasMissing(plan, 'data-privacy'), 'the plan is checked with the defaults');
      const cfg = await c.nextDiagnostics(cfgUri, { after: 0 });
      assert.equal(cfg.diagnostics.length, 1);
      assert.match(cfg.diagnostics[0]!.message, /rules\.missing-section/);
      assert.match(cfg.diagnostics[0]!.message, /"fatal"/);
      assert.equal(cfg.diagnostics[0]!.range.start.line, 2, 'the diagnostic sits on the bad key');
      const msg = await c.waitFor('a showMessage', () => c.messages[0]);
      assert.equal(msg.type, 1);
      assert.match(msg.message, /planlint\.config\.json/);
      assert.match(msg.message, /rules\.missing-section/);
      assert.match(msg.message, /expected a severity/);

      // the message is shown once, not again on the next check
      const before = c.published.length;
      const v = c.change(uri, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: ' ' }]);
      await c.nextDiagnostics(uri, { after: before, version: v });
      assert.equal(c.messages.length, 1);

      // fixing the file (watched-file notification) clears its diagnostic and applies it
      fs.writeFileSync(path.join(dir, 'planlint.config.json'), '{ "rules": { "missing-section": "off" } }\n');
      const before2 = c.published.length;
      c.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: cfgUri, type: 2 }] });
      const cleared = await c.nextDiagnostics(cfgUri, { after: before2 });
      assert.deepEqual(cleared.diagnostics, []);
      const rechecked = await c.nextDiagnostics(uri, { after: before2 });
      assert.equal(hasMissing(rechecked, 'data-privacy'), false);
    } finally {
      await c.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a workspace profile file named in planlint.config.json is checked against, and read again when it changes', async () => {
    const profile = 'id: acme\nextends: ai-startup\nchange:\n  market-demand:\n    title: { zh: 客户痛点, en: Customer pain }\nadd:\n  - id: pilot-results\n    level: required\n    title: { zh: 试点结果, en: Pilot results }\n    guidance: { zh: 写出试点。, en: Give the pilots. }\n    template: { zh: ["[试点]"], en: ["[Pilots]"] }\n';
    const dir = tmpWorkspace({ 'planlint.config.json': '{ "profile": "acme.profile.yaml" }', 'acme.profile.yaml': profile });
    const c = await TestClient.start({ settings: { debounceMs: 0 }, workspaceFolder: dir });
    try {
      const uri = pathToFileURL(path.join(dir, 'business-plan.md')).href;
      c.open(uri, PLAN_EN);
      const first = await c.nextDiagnostics(uri, { after: 0 });
      assert.ok(first.diagnostics.some((d) => d.message === 'Missing required section: Pilot results'), JSON.stringify(first.diagnostics.map((d) => d.message)));
      assert.ok(!first.diagnostics.some((d) => d.code === 'config'), 'no configuration problem');
      // the profile file changes on disk: the open plan is checked again against it
      fs.writeFileSync(path.join(dir, 'acme.profile.yaml'), profile.replace('level: required', 'level: optional'));
      const before = c.published.length;
      c.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(path.join(dir, 'acme.profile.yaml')).href, type: 2 }] });
      const again = await c.nextDiagnostics(uri, { after: before });
      assert.ok(!again.diagnostics.some((d) => /Pilot results/.test(d.message)), JSON.stringify(again.diagnostics.map((d) => d.message)));
      // a broken profile file: one diagnostic on the plan naming the file and key, and the built-in profile stands
      fs.writeFileSync(path.join(dir, 'acme.profile.yaml'), profile.replace('extends: ai-startup', 'extends: ai-startups'));
      const before2 = c.published.length;
      c.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(path.join(dir, 'acme.profile.yaml')).href, type: 2 }] });
      const broken = await c.nextDiagnostics(uri, { after: before2 });
      const problem = broken.diagnostics.filter((d) => d.code === 'config').map((d) => d.message);
      assert.equal(problem.length, 1);
      assert.match(problem[0]!, /acme\.profile\.yaml: "extends": expected one of "ai-startup", .*got "ai-startups"/);
      assert.ok(broken.diagnostics.some((d) => d.message === 'Missing required section: Data privacy'), 'still checked, with the built-in profile');
    } finally {
      await c.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('planlint.config.json include globs and overrides apply to the folder', async () => {
    const dir = tmpWorkspace({ 'planlint.config.json': '{ "include": ["docs/*.md"], "language": "zh" }\n' });
    const c = await TestClient.start({ settings: { debounceMs: 0 }, workspaceFolder: dir });
    try {
      const uri = pathToFileURL(path.join(dir, 'docs', 'pitch.md')).href;
      c.open(uri, PLAN_EN);
      const p = await c.nextDiagnostics(uri, { after: 0 });
      assert.ok(p.diagnostics.some((d) => /^缺少必需章节：数据隐私/.test(d.message)), JSON.stringify(p.diagnostics.map((d) => d.message)));
      assert.deepEqual(c.messages, []);
    } finally {
      await c.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('language server: a plan split across files', () => {
  test('a chapter is checked as a part of its plan; the index carries the missing sections, whose fix creates a chapter file listed in the index', async () => {
    const index = '---\nplanlint: true\n---\n# Acme Vision AI\n\n- [Summary](01-summary.md)\n- [Market](02-market.md)\n- [Team](03-team.md)\n';
    const [, summary, rest] = /^([\s\S]*?)(## Market demand[\s\S]*)$/.exec(PLAN_EN.replace(/^# .*\n/, ''))!;
    const [, market, team] = /^([\s\S]*?)(## Team[\s\S]*|)$/.exec(rest!)!;
    const dir = tmpWorkspace({ 'README.md': index, '01-summary.md': summary!, '02-market.md': market!, '03-team.md': team || '## Team\n\nThe founders.\n' });
    const c = await TestClient.start({ settings: { debounceMs: 0 }, workspaceFolder: dir, initializationOptions: { outline: false } });
    try {
      const chapter = pathToFileURL(path.join(dir, '02-market.md')).href;
      const readme = pathToFileURL(path.join(dir, 'README.md')).href;
      c.open(chapter, market!);
      const own = await c.nextDiagnostics(chapter, { after: 0 });
      assert.ok(!own.diagnostics.some((d) => d.code === 'missing-section'), `a chapter is never told the rest is missing: ${JSON.stringify(own.diagnostics.map((d) => d.message))}`);
      // the index, not open, gets the findings about the whole plan
      const onIndex = await c.nextDiagnostics(readme, { after: 0 });
      const privacy = onIndex.diagnostics.find((d) => d.code === 'missing-section' && /Data privacy/.test(d.message));
      assert.ok(privacy, JSON.stringify(onIndex.diagnostics.map((d) => d.message)));
      assert.equal(privacy.range.start.line, 3, 'at the plan title in the index');
      // the status of a chapter is the whole plan's
      const st = await c.request<{ isPlan: boolean; sections: { id: string; state: string; uri?: string }[] }>('planlint/status', { uri: chapter });
      const byId = new Map(st.sections.map((x) => [x.id, x]));
      assert.equal(byId.get('market-demand')?.state, 'present');
      assert.equal(byId.get('market-demand')?.uri, undefined, 'in this file');
      assert.equal(byId.get('executive-summary')?.uri, pathToFileURL(path.join(dir, '01-summary.md')).href, 'in another file of the plan');
      assert.equal(byId.get('data-privacy')?.state, 'missing');

      c.open(readme, index);
      const opened = await c.nextDiagnostics(readme, { after: 0, version: 1 });
      const diag = opened.diagnostics.find((d) => d.code === 'missing-section' && /Data privacy/.test(d.message))!;
      const actions = await c.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: readme }, range: diag.range, context: { diagnostics: [diag] } });
      const create = actions.find((a) => /^Create chapter file /.test(a.title));
      assert.ok(create, actions.map((a) => a.title).join('\n'));
      assert.equal(create.isPreferred, true);
      const changes = (create.edit as { documentChanges: ({ kind?: string; uri?: string; textDocument?: { uri: string }; edits?: { newText: string }[] })[] }).documentChanges;
      const created = changes.find((x) => x.kind === 'create')!;
      assert.match(created.uri!, /0\d-data-privacy\.md$/);
      assert.match(changes.find((x) => x.textDocument?.uri === created.uri)!.edits![0]!.newText, /^## Data privacy\n/);
      const listed = changes.find((x) => x.textDocument?.uri === readme)!.edits![0]!.newText;
      assert.match(listed, /^- \[Data privacy\]\(0\d-data-privacy\.md\)\n$/);
      const insert = actions.find((a) => /^Insert section: Data privacy \(in 0\d-[a-z]+\.md\)$/.test(a.title));
      assert.ok(insert, actions.map((a) => a.title).join('\n'));
    } finally {
      await c.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('language server: check workspace', () => {
  test('planlint.checkWorkspace publishes diagnostics for every plan on disk, and nothing for other files', async () => {
    const dir = tmpWorkspace({ 'business-plan.md': PLAN_EN, 'README.md': '# Readme\n\nHello.\n', 'docs/商业计划书.md': PLAN_ZH });
    const c = await TestClient.start({ settings: { debounceMs: 0 }, workspaceFolder: dir });
    try {
      const r = await c.request<{ files: number; plans: number }>('workspace/executeCommand', { command: 'planlint.checkWorkspace', arguments: [] });
      assert.deepEqual(r, { files: 3, plans: 2 });
      const en = await c.nextDiagnostics(pathToFileURL(path.join(dir, 'business-plan.md')).href, { after: 0 });
      assert.ok(hasMissing(en, 'data-privacy'));
      assert.equal(en.version, undefined, 'a file read from disk has no version');
      const zh = await c.nextDiagnostics(pathToFileURL(path.join(dir, 'docs', '商业计划书.md')).href, { after: 0 });
      assert.ok(hasMissing(zh, 'explainability'));
      assert.ok(!c.published.some((p) => p.uri.endsWith('README.md')));
    } finally {
      await c.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('language server: run onSave', () => {
  test('with run: onSave, changes are not checked until the document is saved', async () => {
    const dir = tmpWorkspace({});
    const c = await TestClient.start({ settings: { debounceMs: 0, run: 'onSave' }, workspaceFolder: dir });
    try {
      const uri = pathToFileURL(path.join(dir, 'business-plan.md')).href;
      c.open(uri, PLAN_EN);
      const p = await c.nextDiagnostics(uri, { after: 0, version: 1 });
      assert.ok(hasMissing(p, 'data-privacy'));
      const before = c.published.length;
      const v = c.change(uri, [{ range: { start: positionAt(PLAN_EN, PLAN_EN.length), end: positionAt(PLAN_EN, PLAN_EN.length) }, text: '\n## Data privacy\n\nWe follow GDPR.\n' }]);
      // a request round trip: had the change been checked, its publish would be queued before the answer
      const st = await c.request<{ version: number | null }>('planlint/status', { uri });
      assert.equal(st.version, v, 'requests still see the current text');
      assert.equal(c.published.slice(before).filter((x) => x.uri === uri).length, 0, 'no diagnostics before saving');
      c.notify('textDocument/didSave', { textDocument: { uri } });
      const saved = await c.nextDiagnostics(uri, { after: before, version: v });
      assert.equal(hasMissing(saved, 'data-privacy'), false);
    } finally {
      await c.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('language server: Chinese', () => {
  test('with a zh locale, messages and quick fix titles are Chinese; inserted text follows the plan', async () => {
    const dir = tmpWorkspace({});
    const c = await TestClient.start({ settings: { debounceMs: 0 }, workspaceFolder: dir, locale: 'zh-cn' });
    try {
      const uri = pathToFileURL(path.join(dir, '商业计划书.md')).href;
      c.open(uri, PLAN_ZH);
      const p = await c.nextDiagnostics(uri, { after: 0 });
      const d = p.diagnostics.find((x) => /^缺少必需章节：数据隐私/.test(x.message));
      assert.ok(d, JSON.stringify(p.diagnostics.map((x) => x.message)));
      const actions = await c.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } });
      const fix = actions.find((a) => a.title === '插入章节：数据隐私');
      assert.ok(fix, actions.map((a) => a.title).join(' | '));
      const text = applyLspEdits(PLAN_ZH, fix.edit!.documentChanges![0]!.edits);
      assert.match(text, /^## 数据隐私$/m);
      const withHeading = `${PLAN_ZH}\n## `;
      const v = c.change(uri, [{ range: { start: positionAt(PLAN_ZH, PLAN_ZH.length), end: positionAt(PLAN_ZH, PLAN_ZH.length) }, text: '\n## ' }]);
      assert.equal(v, 2);
      const list = await c.request<{ items: { label: string; textEdit: { newText: string } }[] }>('textDocument/completion', {
        textDocument: { uri },
        position: positionAt(withHeading, withHeading.length),
      });
      const labels = list.items.map((i) => i.label);
      assert.ok(labels.includes('数据隐私'), labels.join('、'));
      assert.ok(!labels.includes('市场需求'));
      assert.match(list.items.find((i) => i.label === '数据隐私')!.textEdit.newText, /^## 数据隐私\n\n/);
      const skeleton = await c.request<string>('planlint/skeleton', { lang: 'zh' });
      assert.ok(skeleton.startsWith('---\nplanlint: true\n---\n'));
      assert.match(skeleton, /^## 数据隐私$/m);
      assert.match(skeleton, /^## 市场需求$/m);
    } finally {
      await c.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
