/**
 * Editor features computed from one check result: code actions, completion,
 * hover, outline, folding and the checklist. Pure functions of the core's
 * data; no rule logic here.
 */
import { escapeSnippet, templateSnippet } from '../core/snippet.js';
import {
  CodeActionKind,
  CompletionItemKind,
  InsertTextFormat,
  MarkupKind,
  SymbolKind,
  FoldingRangeKind,
  type CodeAction,
  type CodeLens,
  type Command,
  type CompletionItem,
  type Diagnostic,
  type DocumentSymbol,
  type FoldingRange,
  type Hover,
  type Position,
  type Range,
  type TextEdit as LspTextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver';
import {
  applyEdits,
  insertedBlock,
  isBlankPlan,
  LineIndex,
  disableComment,
  fixAll,
  insertAllMissing,
  insertSections,
  sectionText,
  templateLines,
  planOnHostedModel,
  guideRefOf,
  getProfile,
  effectiveProfile,
  t,
  type CheckOptions,
  type CheckResult,
  type Finding,
  type Lang,
  type Section,
  type TextEdit,
} from '../core/index.js';
import { toDiagnostic, toLspEdits, toRange, minimalEdit, SOURCE } from './convert.js';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { editsByFile, fileOffset, fixAllSplit, newChapterFile, type SplitResult } from '../core/split.js';
import { planCoverage, severityCounts, thinSections } from '../core/coverage.js';
import { m } from './messages.js';
import type { ChecklistItem, InsertedText, PlanReportPage, PlanStatus, SectionGuidance } from './protocol.js';
import { placeIn, renderPlanReport, type Place } from '../core/report-html.js';

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.${SOURCE}`;

export interface DocContext {
  uri: string;
  /** Document version, null for a file read from disk. */
  version: number | null;
  text: string;
  result: CheckResult;
  /** Options the result was computed with (to re-check for fix-all). */
  options: Omit<CheckOptions, 'plan'>;
  /** Whether to send versioned `documentChanges` (client capability). */
  documentChanges: boolean;
  /** The client's command that reveals inserted text (initialization option), if any. */
  revealCommand?: string | undefined;
  /** The plan this document is one file of, when the plan is split across files. */
  split?: SplitDoc | undefined;
}

/**
 * A document that is one file of a split plan: `result` is then the file's own check (for hover, lenses,
 * completion) with the findings of the whole plan that stand in this file; the whole check is here.
 */
export interface SplitDoc {
  result: SplitResult;
  /** The URI of a file of the plan. */
  uriOf(file: string): string;
  /** The open version of a file of the plan, null when it is read from disk. */
  versionOf(file: string): number | null;
}

/** Edits of several files of a split plan as one workspace edit. */
function splitWorkspaceEdit(ctx: DocContext, by: Map<string, TextEdit[]>): WorkspaceEdit {
  const sp = ctx.split!;
  const textOf = new Map(sp.result.segments.map((s) => [s.file, s.text]));
  const parts = [...by].map(([file, edits]) => ({ uri: sp.uriOf(file), version: sp.versionOf(file), edits: toLspEdits(new LineIndex(textOf.get(file) ?? ''), edits) }));
  if (ctx.documentChanges) return { documentChanges: parts.map((x) => ({ textDocument: { uri: x.uri, version: x.version }, edits: x.edits })) };
  return { changes: Object.fromEntries(parts.map((x) => [x.uri, x.edits])) };
}

/** Edits of the joined text of a split plan as a workspace edit, or null when one spans two files. */
export function splitEditOf(ctx: DocContext, edits: readonly TextEdit[]): WorkspaceEdit | null {
  const by = ctx.split ? editsByFile(ctx.split.result, edits) : null;
  return by && by.size ? splitWorkspaceEdit(ctx, by) : null;
}

/** A missing section of a split plan: a new chapter file listed in the index, and the insertion into the chapter it follows. */
function splitSectionActions(ctx: DocContext, f: Finding, diagnostic: Diagnostic, preferred: boolean): CodeAction[] {
  const sp = ctx.split!;
  const whole = sp.result.origin.get(f);
  const g = f.section ? sp.result.whole.profile.byId.get(f.section) : undefined;
  if (!whole?.fix || !g) return [];
  const lang = ctx.result.lang;
  const docLang = sp.result.whole.plan.language;
  const out: CodeAction[] = [];
  const index = sp.result.split.index;
  const created = index && ctx.documentChanges ? newChapterFile(sp.result, g.id, docLang) : null;
  if (created && index) {
    const uri = sp.uriOf(created.file);
    out.push({
      title: m(lang, 'action.new-chapter', { file: path.basename(created.file), title: g.title[lang], index: path.basename(index.file) }),
      kind: CodeActionKind.QuickFix,
      isPreferred: preferred,
      diagnostics: [diagnostic],
      edit: {
        documentChanges: [
          { kind: 'create', uri, options: { overwrite: false, ignoreIfExists: false } },
          { textDocument: { uri, version: null }, edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: created.text }] },
          { textDocument: { uri: sp.uriOf(index.file), version: sp.versionOf(index.file) }, edits: toLspEdits(new LineIndex(index.text), [created.indexEdit]) },
        ],
      },
    });
  }
  const by = editsByFile(sp.result, whole.fix.edits);
  if (by?.size === 1) {
    out.push({
      title: m(lang, 'action.insert-in-chapter', { title: g.title[lang], file: path.basename([...by.keys()][0]!) }),
      kind: CodeActionKind.QuickFix,
      ...(created ? {} : { isPreferred: preferred }),
      diagnostics: [diagnostic],
      edit: splitWorkspaceEdit(ctx, by),
    });
  }
  return out;
}

/**
 * Where the edits' first inserted block lands in the edited document, as LSP ranges. Counted from the
 * document's line index and the edits (asked for every fix at every code-action request: the edited text
 * is built only when an earlier edit ends on the line the block starts on).
 */
export function insertedText(ctx: Pick<DocContext, 'uri' | 'text' | 'result'>, edits: readonly TextEdit[]): InsertedText | null {
  const at = insertedBlock(edits);
  if (!at) return null;
  const offsets = [at.start, at.end, at.select.start, at.select.end];
  let pos = positionsAfter(ctx.result.plan.lines, edits, offsets);
  if (!pos) {
    const after = new LineIndex(applyEdits(ctx.text, edits));
    pos = offsets.map((o) => after.positionAt(o));
  }
  return { uri: ctx.uri, range: { start: pos[0]!, end: pos[1]! }, select: { start: pos[2]!, end: pos[3]! } };
}

/** Line breaks of a text as LineIndex counts them (\r\n, \n, a lone \r), and where the last line starts. */
function breaksOf(s: string): { count: number; lastStart: number } {
  let count = 0;
  let lastStart = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 10 || (c === 13 && s.charCodeAt(i + 1) !== 10)) {
      count++;
      lastStart = i + 1;
    }
  }
  return { count, lastStart };
}

/** Positions in the edited text of offsets that all lie in one edit's new text; null when that needs the text. */
function positionsAfter(lines: LineIndex, edits: readonly TextEdit[], offsets: number[]): Position[] | null {
  const sorted = [...edits].sort((a, b) => a.start - b.start);
  let shift = 0;
  let lineShift = 0;
  for (let i = 0; i < sorted.length; i++) {
    const e = sorted[i]!;
    const start = e.start + shift;
    if (offsets.every((o) => o >= start && o <= start + e.newText.length)) {
      const p = lines.positionAt(e.start);
      // an earlier edit on the same line moves the columns
      if (i > 0 && lines.positionAt(sorted[i - 1]!.end).line === p.line) return null;
      return offsets.map((o) => {
        const b = breaksOf(e.newText.slice(0, o - start));
        return b.count ? { line: p.line + lineShift + b.count, character: o - start - b.lastStart } : { line: p.line + lineShift, character: p.character + o - start };
      });
    }
    lineShift += breaksOf(e.newText).count - (lines.positionAt(e.end).line - lines.positionAt(e.start).line);
    shift += e.newText.length - (e.end - e.start);
  }
  return null;
}

/** The reveal command for a fix that inserts a block, when the client has one. */
function revealAfter(ctx: DocContext, edits: readonly TextEdit[]): { command?: Command } {
  if (!ctx.revealCommand) return {};
  const target = insertedText(ctx, edits);
  return target ? { command: { title: m(ctx.result.lang, 'action.reveal'), command: ctx.revealCommand, arguments: [target] } } : {};
}

export function workspaceEdit(ctx: Pick<DocContext, 'uri' | 'version' | 'documentChanges'>, edits: LspTextEdit[]): WorkspaceEdit {
  if (ctx.documentChanges) return { documentChanges: [{ textDocument: { uri: ctx.uri, version: ctx.version }, edits }] };
  return { changes: { [ctx.uri]: edits } };
}

function overlaps(a: Range, b: Range): boolean {
  const before = (p: Position, q: Position) => p.line < q.line || (p.line === q.line && p.character < q.character);
  // ranges touch or intersect (an empty request range at the edge counts)
  return !before(a.end, b.start) && !before(b.end, a.start);
}

function wants(only: string[] | undefined, kind: string): boolean {
  if (!only || !only.length) return true;
  return only.some((o) => kind === o || kind.startsWith(`${o}.`));
}

/** The `<!-- planlint-disable... -->` insertion for a finding, or null where a comment cannot go. */
function disableEdit(ctx: DocContext, f: Finding, scope: 'next-line' | 'file'): TextEdit | null {
  const { plan } = ctx.result;
  const text = ctx.text;
  const nl = text.includes('\r\n') ? '\r\n' : '\n';
  const fm = plan.frontMatter;
  if (scope === 'file') {
    let offset = 0;
    if (fm) {
      const line = plan.lines.positionAt(fm.end).line;
      offset = line + 1 < plan.lines.lineCount ? plan.lines.starts[line + 1]! : text.length;
      const prefix = offset === text.length && !/\r?\n$/.test(text) ? nl : '';
      return { start: offset, end: offset, newText: `${prefix}${disableComment(f.rule, 'file')}${nl}` };
    }
    return { start: offset, end: offset, newText: `${disableComment(f.rule, 'file')}${nl}` };
  }
  if (fm && f.start < fm.end) return null; // inside the front matter: only the file-wide comment fits
  const line = plan.lines.positionAt(f.start).line;
  const start = plan.lines.starts[line]!;
  const indent = /^[ \t]*/.exec(text.slice(start, plan.lines.lineEnd(line)))![0];
  return { start, end: start, newText: `${indent}${disableComment(f.rule, 'next-line')}${nl}` };
}

export function codeActions(ctx: DocContext, range: Range, contextDiagnostics: Diagnostic[], only: string[] | undefined): CodeAction[] {
  const { result } = ctx;
  const lines = result.plan.lines;
  const out: CodeAction[] = [];
  const here = result.findings.filter((f) => overlaps(toRange(lines, f.start, f.end), range));
  const diagFor = (f: Finding): Diagnostic => {
    const mine = toDiagnostic(f, lines, ctx.uri, ctx.version);
    // prefer the client's own diagnostic object when it is the same finding
    return (
      contextDiagnostics.find(
        (d) => d.source === SOURCE && d.code === f.rule && d.message === f.message && d.range.start.line === mine.range.start.line && d.range.start.character === mine.range.start.character,
      ) ?? mine
    );
  };

  if (wants(only, CodeActionKind.QuickFix)) {
    // missing sections stack on one line: the fix of the one the editor asked about first, then "insert all"
    // (below), then the others, not preferred; every other fix as it comes
    const order = new Map<Finding, number>();
    for (const f of here) {
      const i = contextDiagnostics.indexOf(diagFor(f));
      order.set(f, i < 0 ? contextDiagnostics.length : i);
    }
    const missingHere = here.filter((f) => f.rule === 'missing-section' && f.fix?.edits.length).sort((a, b) => order.get(a)! - order.get(b)!);
    const later: CodeAction[] = [];
    if (ctx.split) {
      // a split plan: a missing section stands in the index, and its fixes write other files
      const missing = here.filter((f) => f.rule === 'missing-section').sort((a, b) => order.get(a)! - order.get(b)!);
      missing.forEach((f, i) => (i === 0 ? out : later).push(...splitSectionActions(ctx, f, diagFor(f), i === 0)));
    }
    for (const f of here) {
      if (!f.fix || !f.fix.edits.length) continue;
      const first = f.rule !== 'missing-section' || f === missingHere[0];
      (first ? out : later).push({
        title: f.fix.title,
        kind: CodeActionKind.QuickFix,
        isPreferred: first,
        diagnostics: [diagFor(f)],
        edit: workspaceEdit(ctx, toLspEdits(lines, f.fix.edits)),
        ...revealAfter(ctx, f.fix.edits),
      });
    }
    // suggestions replace the user's text (a wrong number in a cell): offered, never preferred
    for (const f of here) {
      for (const s of f.suggestions ?? []) {
        if (!s.edits.length) continue;
        out.push({ title: s.title, kind: CodeActionKind.QuickFix, diagnostics: [diagFor(f)], edit: workspaceEdit(ctx, toLspEdits(lines, s.edits)) });
      }
    }
    const missingRequired = result.findings.filter((f) => f.rule === 'missing-section' && f.section && result.profile.byId.get(f.section)?.level === 'required');
    const hereMissing = here.filter((f) => f.rule === 'missing-section');
    if (hereMissing.length && missingRequired.length > 1 && ctx.split) {
      const edit = splitEditOf(ctx, insertAllMissing(ctx.split.result.whole));
      if (edit) out.push({ title: t(result.lang, 'fix.insert-all-required'), kind: CodeActionKind.QuickFix, diagnostics: missingRequired.map(diagFor), edit });
    } else if (hereMissing.length && missingRequired.length > 1) {
      const edits = insertAllMissing(result);
      if (edits.length) {
        out.push({
          title: t(result.lang, 'fix.insert-all-required'),
          kind: CodeActionKind.QuickFix,
          diagnostics: missingRequired.map(diagFor),
          edit: workspaceEdit(ctx, toLspEdits(lines, edits)),
          ...revealAfter(ctx, edits),
        });
      }
    }
    // as ESLint does: where a fixable problem is, say that every fixable problem can be fixed at once
    // (the same edit as source.fixAll.planlint, on save or from the Source Action menu)
    if (here.some((f) => f.fix?.edits.length) && result.findings.filter((f) => f.fix?.edits.length).length > 1) {
      const action = fixAllAction(ctx);
      if (action) out.push({ ...action, title: m(result.lang, 'action.fix-all-fixable'), kind: CodeActionKind.QuickFix });
    }
    out.push(...later);
    const seen = new Set<string>();
    for (const f of here) {
      if (seen.has(f.rule)) continue;
      seen.add(f.rule);
      const line = disableEdit(ctx, f, 'next-line');
      if (line) {
        out.push({
          title: m(result.lang, 'action.disable-line', { rule: f.rule }),
          kind: CodeActionKind.QuickFix,
          diagnostics: [diagFor(f)],
          edit: workspaceEdit(ctx, toLspEdits(lines, [line])),
        });
      }
      const file = disableEdit(ctx, f, 'file');
      if (file) {
        out.push({
          title: m(result.lang, 'action.disable-file', { rule: f.rule }),
          kind: CodeActionKind.QuickFix,
          diagnostics: result.findings.filter((x) => x.rule === f.rule).map(diagFor),
          edit: workspaceEdit(ctx, toLspEdits(lines, [file])),
        });
      }
    }
  }

  // fix-all is a source action: offered when asked for explicitly (source, source.fixAll, on save)
  if (only?.length && wants(only, FIX_ALL_KIND)) {
    const action = fixAllAction(ctx);
    if (action) out.push(action);
  }
  return out;
}

/** Fix-all of a checked version, kept with it: code actions are asked for at every move of the cursor. */
const fixAllMemo = new WeakMap<CheckResult, CodeAction | null>();

export function fixAllAction(ctx: DocContext): CodeAction | null {
  if (fixAllMemo.has(ctx.result)) return fixAllMemo.get(ctx.result)!;
  const action = computeFixAll(ctx);
  fixAllMemo.set(ctx.result, action);
  return action;
}

function computeFixAll(ctx: DocContext): CodeAction | null {
  if (ctx.split) return computeSplitFixAll(ctx);
  if (!ctx.result.findings.some((f) => f.fix)) return null;
  const fixed = fixAll(ctx.text, ctx.options);
  const edit = minimalEdit(ctx.text, fixed.text);
  if (!edit) return null;
  return {
    title: m(ctx.result.lang, 'action.fix-all'),
    kind: FIX_ALL_KIND,
    edit: workspaceEdit(ctx, toLspEdits(ctx.result.plan.lines, [edit])),
  };
}

/** Fix-all over every file of a split plan: one edit per file that changes. */
function computeSplitFixAll(ctx: DocContext): CodeAction | null {
  const sp = ctx.split!;
  if (!sp.result.whole.findings.some((f) => f.fix)) return null;
  const fixed = fixAllSplit(sp.result.split, ctx.options);
  const by = new Map<string, TextEdit[]>();
  const before = new Map(sp.result.segments.map((s) => [s.file, s.text]));
  for (const f of [...(fixed.split.index ? [fixed.split.index] : []), ...fixed.split.chapters]) {
    const edit = minimalEdit(before.get(f.file) ?? '', f.text);
    if (edit) by.set(f.file, [edit]);
  }
  if (!by.size) return null;
  return { title: m(ctx.result.lang, 'action.fix-all'), kind: FIX_ALL_KIND, edit: splitWorkspaceEdit(ctx, by) };
}

export function insertAllMissingEdit(ctx: DocContext): TextEdit[] {
  return insertAllMissing(ctx.result);
}

export function insertSectionEdit(ctx: DocContext, sectionId: string): TextEdit[] {
  const { result } = ctx;
  if (!result.profile.byId.has(sectionId)) return [];
  return insertSections(result.plan, result.analysis, result.profile, [sectionId], result.plan.language);
}

// ---------- completion ----------

const HEADING_PREFIX = /^( {0,3})(#{1,6})(?:[ \t]+(.*))?$/;


export function completion(ctx: DocContext, pos: Position): CompletionItem[] {
  const { result } = ctx;
  const lines = result.plan.lines;
  const lineStart = lines.starts[pos.line];
  if (lineStart === undefined) return [];
  const before = ctx.text.slice(lineStart, lines.offsetAt(pos));
  const mt = HEADING_PREFIX.exec(before);
  if (!mt) return [];
  const hashes = mt[2]!;
  const lang: Lang = result.plan.language;
  const replace: Range = { start: { line: pos.line, character: 0 }, end: pos };
  const items: CompletionItem[] = [];
  const hosted = planOnHostedModel(result.plan, result.profile);
  for (const g of result.profile.sections) {
    if (g.level === 'off' || result.analysis.bySection.has(g.id)) continue;
    const title = g.title[lang];
    const body = templateSnippet(templateLines(g, lang, hosted)).lines.join('\n');
    const levelLabel = t(lang, `level.${g.level}`);
    items.push({
      label: title,
      kind: CompletionItemKind.Snippet,
      detail: m(lang, 'completion.detail', { level: levelLabel, ref: guideRefOf(g, lang) }),
      documentation: { kind: MarkupKind.Markdown, value: `${g.guidance[lang]}\n\n\`\`\`markdown\n${sectionText(g, lang, hashes.length, '', hosted)}\n\`\`\`` },
      sortText: `${g.level === 'required' ? 0 : g.level === 'recommended' ? 1 : 2}${String(g.order).padStart(4, '0')}`,
      filterText: `${mt[1]}${hashes} ${title} ${g.title[lang === 'zh' ? 'en' : 'zh']} ${g.id}`,
      insertTextFormat: InsertTextFormat.Snippet,
      textEdit: { range: replace, newText: `${mt[1]}${hashes} ${escapeSnippet(title)}\n\n${body}\n$0` },
      data: { section: g.id },
    });
  }
  return items;
}

// ---------- hover ----------

export function hover(ctx: DocContext, pos: Position): Hover | null {
  const { result } = ctx;
  const { plan, analysis, profile } = result;
  const offset = plan.lines.offsetAt(pos);
  const s = plan.sections.find((x) => x.heading.start <= offset && offset <= x.heading.end);
  if (!s) return null;
  const match = analysis.matches.get(s.index);
  if (!match) return null;
  const g = profile.byId.get(match.sectionId);
  if (!g || g.level === 'off') return null;
  const lang = result.lang;
  const topicTitle = (id: string) => g.topics.find((tp) => tp.id === id)?.title[lang] ?? id;
  const cov = analysis.topics(s.index);
  const list = (ids: string[]) => (ids.length ? ids.map(topicTitle).join(lang === 'zh' ? '、' : ', ') : m(lang, 'hover.none'));
  const parts = [
    `**${m(lang, 'hover.guide-section', { title: g.title[lang] })}**`,
    `${m(lang, 'hover.level', { level: t(lang, `level.${g.level}`) })} · ${m(lang, 'hover.ref', { ref: guideRefOf(g, lang) })} · ${m(lang, 'hover.words', { words: analysis.words(s.index) })}`,
    g.guidance[lang],
  ];
  if (g.topics.length) {
    parts.push(`${m(lang, 'hover.topics-found', { topics: list(cov.found) })}  \n${m(lang, 'hover.topics-missing', { topics: list(cov.missing) })}`);
  }
  return { contents: { kind: MarkupKind.Markdown, value: parts.join('\n\n') }, range: toRange(plan.lines, s.heading.start, s.heading.end) };
}

// ---------- outline and folding ----------

/** End of a section's span without its trailing blank lines (still at least the heading). */
function trimmedEnd(text: string, s: Section): number {
  let end = s.span.end;
  while (end > s.heading.end && /\s/.test(text[end - 1]!)) end--;
  return end;
}

export function documentSymbols(ctx: DocContext): DocumentSymbol[] {
  const { result } = ctx;
  const { plan, analysis, profile } = result;
  const lang = result.lang;
  const build = (s: Section): DocumentSymbol => {
    const match = analysis.matches.get(s.index);
    const g = match ? profile.byId.get(match.sectionId) : undefined;
    const detail = g && g.level !== 'off' ? m(lang, 'symbol.satisfies', { title: g.title[lang], level: t(lang, `level.${g.level}`) }) : '';
    return {
      name: s.text || '#'.repeat(s.depth),
      detail,
      kind: SymbolKind.String,
      range: toRange(plan.lines, s.heading.start, trimmedEnd(plan.text, s)),
      selectionRange: toRange(plan.lines, s.heading.start, s.heading.end),
      children: s.children.map((c) => build(plan.sections[c]!)),
    };
  };
  return plan.sections.filter((s) => s.parent === null).map(build);
}


/**
 * A lens on each heading that claims a guide section: which section, whether it is complete, its topics and
 * its length (`Market demand ✓ · 3/4 topics · 820 words`), in the language of messages. Editors that
 * have their own outline show this instead of a second one. `command` is what a click runs ('' : none).
 */
export function codeLenses(ctx: DocContext, command = ''): CodeLens[] {
  const { result } = ctx;
  const { plan, analysis, profile } = result;
  const lang = result.lang;
  const thin = thinSections(result.findings);
  const out: CodeLens[] = [];
  for (const [index, match] of analysis.matches) {
    const g = profile.byId.get(match.sectionId);
    if (!g || g.level === 'off') continue;
    // a sub-heading inside a chapter of the same guide section is part of it: one lens, on the chapter
    if (!analysis.bySection.get(g.id)?.includes(index)) continue;
    const s = plan.sections[index]!;
    const parts = [`${g.title[lang]} ${thin.has(g.id) ? '⚠' : '✓'}`];
    const cov = analysis.topics(index);
    if (g.topics.length) parts.push(m(lang, 'lens.topics', { found: g.topics.length - cov.missing.length, total: g.topics.length }));
    parts.push(m(lang, 'lens.words', { n: analysis.words(index) }));
    out.push({
      range: toRange(plan.lines, s.heading.start, s.heading.end),
      command: { title: parts.join(' · '), command, arguments: command ? [g.id] : [] },
    });
  }
  return out.sort((a, b) => a.range.start.line - b.range.start.line);
}

export function foldingRanges(ctx: DocContext): FoldingRange[] {
  const { plan } = ctx.result;
  const out: FoldingRange[] = [];
  if (plan.frontMatter) {
    const a = plan.lines.positionAt(plan.frontMatter.start).line;
    const b = plan.lines.positionAt(plan.frontMatter.end).line;
    if (b > a) out.push({ startLine: a, endLine: b, kind: FoldingRangeKind.Region });
  }
  for (const s of plan.sections) {
    const startLine = plan.lines.positionAt(s.heading.start).line;
    const endLine = plan.lines.positionAt(trimmedEnd(plan.text, s)).line;
    if (endLine > startLine) out.push({ startLine, endLine });
  }
  return out;
}

// ---------- checklist ----------

export function planStatus(ctx: DocContext): PlanStatus {
  // a file of a split plan shows the whole plan: its sections wherever they are, its findings in every file
  const result = ctx.split?.result.whole ?? ctx.result;
  const { plan } = result;
  const docLang = plan.language;
  const sections: ChecklistItem[] = [];
  const where = (s: Section): Pick<ChecklistItem, 'range' | 'sectionRange' | 'uri'> => {
    if (!ctx.split) return { range: toRange(plan.lines, s.heading.start, s.heading.end), sectionRange: toRange(plan.lines, s.span.start, trimmedEnd(plan.text, s)) };
    const at = fileOffset(ctx.split.result, s.heading.start);
    const lines = new LineIndex(at.text);
    const uri = ctx.split.uriOf(at.file);
    const end = fileOffset(ctx.split.result, Math.max(s.heading.start, trimmedEnd(plan.text, s) - 1)).offset + 1;
    return {
      range: toRange(lines, at.offset, at.offset + (s.heading.end - s.heading.start)),
      sectionRange: toRange(lines, at.offset, Math.min(at.text.length, Math.max(at.offset, end))),
      ...(uri !== ctx.uri ? { uri } : {}),
    };
  };
  // the checklist speaks the language of messages, like its level labels
  for (const c of planCoverage(result)) {
    const at = c.sections[0];
    const s = at !== undefined ? plan.sections[at] : undefined;
    sections.push({
      id: c.id,
      title: c.title,
      level: c.level,
      levelLabel: c.levelLabel,
      guideRef: c.guideRef,
      state: c.state,
      ...(s ? where(s) : {}),
    });
  }
  const counts = severityCounts(result.findings);
  return {
    uri: ctx.uri,
    version: ctx.version,
    isPlan: true,
    blank: isBlankPlan(plan),
    lang: result.lang,
    docLang,
    sections,
    present: sections.filter((s) => s.state !== 'missing').length,
    total: sections.length,
    counts,
    ...(plan.titleIndex !== null && plan.sections[plan.titleIndex]?.title ? { title: plan.sections[plan.titleIndex]!.title } : {}),
  };
}

/** The 0-based line an inserted block's first heading lands on, in the document after the edit. */
function headingLineAfter(lines: LineIndex, edit: TextEdit): number {
  const text = edit.newText;
  const at = /^#{1,6}[ \t]/m.exec(text);
  const before = text.slice(0, at ? at.index : 0);
  return lines.positionAt(edit.start).line + before.split('\n').length - 1;
}

/** The guidance of one guide section for this plan: what the checklist shows before anything is inserted. */
export function sectionGuidance(ctx: DocContext, sectionId: string): SectionGuidance | null {
  const { result } = ctx;
  const g = result.profile.byId.get(sectionId);
  if (!g || g.level === 'off') return null;
  const lang = result.lang;
  const item = planStatus(ctx).sections.find((x) => x.id === sectionId);
  const edits = item?.state === 'missing' ? insertSectionEdit(ctx, sectionId) : [];
  const first = edits[0];
  return {
    uri: ctx.uri,
    id: g.id,
    title: g.title[lang],
    level: g.level,
    levelLabel: t(lang, `level.${g.level}`),
    guideRef: guideRefOf(g, lang),
    state: item?.state ?? 'missing',
    guidance: g.guidance[lang],
    topics: g.topics.map((tp) => tp.title[lang]),
    lang,
    docLang: result.plan.language,
    ...(first ? { insert: { text: edits.map((e) => e.newText.replace(/^\n+|\s+$/g, '')).join('\n\n'), line: headingLineAfter(result.plan.lines, first) } } : {}),
  };
}

/** The last segment of a URI, decoded: a file's name. */
function nameOfUri(uri: string): string {
  const last = uri.slice(uri.lastIndexOf('/') + 1);
  try {
    return decodeURIComponent(last) || uri;
  } catch {
    return last || uri;
  }
}

/** The plan report of a document, the page `planlint report` writes for it (a split plan's whole plan, its lines by file). */
/** The report page of a plan; with `lineCommand`, its line links run that command with [uri, line] (command URIs). */
export function planReport(ctx: DocContext, lineCommand = ''): PlanReportPage {
  const result = ctx.split?.result.whole ?? ctx.result;
  const split = ctx.split;
  let file = nameOfUri(ctx.uri);
  let locate: ((offset: number) => Place) | undefined;
  if (split) {
    const base = path.dirname(split.result.split.index?.file ?? split.result.split.chapters[0]!.file);
    file = path.relative(base, split.result.split.index?.file ?? split.result.split.chapters[0]!.file) || file;
    const lines = new Map<string, LineIndex>();
    locate = (offset) => {
      const at = fileOffset(split.result, offset);
      let li = lines.get(at.file);
      if (!li) lines.set(at.file, (li = new LineIndex(at.text)));
      return placeIn(at.text, li.starts, at.offset, path.relative(base, at.file) || at.file);
    };
  }
  const { plan } = result;
  const title = (plan.titleIndex !== null && plan.sections[plan.titleIndex]?.title) || file;
  const splitBase = split ? path.dirname(split.result.split.index?.file ?? split.result.split.chapters[0]!.file) : '';
  const lineHref = (p: Place): string | null => {
    const uri = p.file === null ? ctx.uri : pathToFileURL(path.join(splitBase, p.file)).toString();
    return `command:${lineCommand}?${encodeURIComponent(JSON.stringify([uri, p.line - 1]))}`;
  };
  return { uri: ctx.uri, title, html: renderPlanReport({ result, file, ...(locate ? { locate } : {}), ...(lineCommand ? { lineHref } : {}) }) };
}

export function emptyStatus(uri: string, version: number | null, lang: Lang): PlanStatus {
  return { uri, version, isPlan: false, blank: false, lang, docLang: lang, sections: [], present: 0, total: 0, counts: { errors: 0, warnings: 0, infos: 0, hints: 0 } };
}

// ---------- new plan ----------

/** A new plan: front matter marking it, a title and every required and recommended section with its template. */
export function skeleton(lang: Lang, profileId?: string): string {
  const profile = effectiveProfile(getProfile(profileId));
  const body = profile.sections
    .filter((g) => g.level === 'required' || g.level === 'recommended')
    .map((g) => sectionText(g, lang, 2))
    .join('\n\n');
  return `---\nplanlint: true\n---\n\n# ${m(lang, 'new.title')}\n\n${body}\n`;
}

