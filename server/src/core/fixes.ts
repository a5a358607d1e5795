/**
 * Fixes as data: text edits computed from the plan model, the same for the
 * CLI and the editor. Every edit here inserts; none removes or reorders a
 * character of the user's text.
 */
import type { RootContent } from 'mdast';
import type { PlanModel, Section } from './parse.js';
import { chapterOf, planOnHostedModel } from './evidence.js';
import { chapterStyle, formatChapterNumber, valueInStyle, type ChapterNumber } from './numbering.js';
import type { Analysis } from './match.js';
import type { EffectiveProfile, EffectiveSection } from './effective.js';
import type { Lang, TextEdit } from './types.js';
import { t } from './i18n.js';

/** Applies non-overlapping edits (any order) to a text. Edits at one offset keep their given order. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = edits.map((e, i) => ({ e, i })).sort((a, b) => a.e.start - b.e.start || a.i - b.i);
  let out = '';
  let pos = 0;
  for (const { e } of sorted) {
    if (e.start < pos) throw new Error(`overlapping edits at offset ${e.start}`);
    out += text.slice(pos, e.start) + e.newText;
    pos = e.end;
  }
  return out + text.slice(pos);
}

/**
 * The title of the fix that inserts a guide section: in the language of messages, with the heading it writes
 * in parentheses when the plan is in the other language ("Insert section: Data privacy (数据隐私)").
 */
export function insertSectionTitle(g: { title: Record<Lang, string> }, lang: Lang, docLang: Lang): string {
  return lang === docLang ? t(lang, 'fix.insert-section', { title: g.title[lang] }) : t(lang, 'fix.insert-section-as', { title: g.title[lang], heading: g.title[docLang] });
}

/** Where a fix's text landed in the new text: the whole inserted block, and the first fill-in to type over. */
export interface Inserted {
  start: number;
  end: number;
  /** The first `[fill-in]` of the inserted text (outside HTML comments), or the first line when it has none. */
  select: { start: number; end: number };
}

/**
 * The first edit that inserts a block (a line break in its text), located in the text after all edits:
 * what an editor reveals after a fix that writes a section or a topic 140 lines below the cursor.
 * Null when no edit inserts a block (a cell corrected in place needs no reveal).
 */
export function insertedBlock(edits: readonly TextEdit[]): Inserted | null {
  const sorted = [...edits].sort((a, b) => a.start - b.start);
  let shift = 0;
  for (const e of sorted) {
    const at = e.start + shift;
    shift += e.newText.length - (e.end - e.start);
    if (!e.newText.includes('\n')) continue;
    const t = e.newText;
    let lead = 0;
    while (lead < t.length && (t[lead] === '\n' || t[lead] === '\r')) lead++;
    let trail = t.length;
    while (trail > lead && (t[trail - 1] === '\n' || t[trail - 1] === '\r')) trail--;
    const fill = firstFillIn(t, lead, trail);
    const lineEnd = t.indexOf('\n', lead);
    const firstLine = { start: at + lead, end: at + (lineEnd < 0 || lineEnd > trail ? trail : t[lineEnd - 1] === '\r' ? lineEnd - 1 : lineEnd) };
    return { start: at + lead, end: at + trail, select: fill ? { start: at + fill.start, end: at + fill.end } : firstLine };
  }
  return null;
}

/** The first `[...]` on one line that is not a link's text, outside `<!-- -->`; one pass. */
function firstFillIn(t: string, from: number, to: number): { start: number; end: number } | null {
  let open = -1;
  for (let i = from; i < to; i++) {
    const c = t[i];
    if (c === '<' && t.startsWith('<!--', i)) {
      const close = t.indexOf('-->', i + 4);
      if (close < 0) return null;
      i = close + 2;
      open = -1;
    } else if (c === '[') open = i;
    else if (c === '\n') open = -1;
    else if (c === ']' && open >= 0) {
      if (t[i + 1] !== '(' && i > open + 1) return { start: open, end: i + 1 };
      open = -1;
    }
  }
  return null;
}

let lastEol: { text: string; eol: string } | null = null;

function eol(text: string): string {
  // (asked once per fix: remembered for the last text, a scan of a long plan each time adds up)
  if (lastEol?.text === text) return lastEol.eol;
  const nl = text.includes('\r\n') ? '\r\n' : '\n';
  lastEol = { text, eol: nl };
  return nl;
}

/**
 * What must be written at the end of the text before new blocks can follow:
 * the closing fence of an unclosed code block, or the end marker of an
 * unclosed HTML comment, processing instruction, CDATA, declaration or raw
 * HTML element; '' when nothing is open. Without it an inserted section would
 * be swallowed by the open block.
 */
export function unclosedTail(plan: PlanModel): string {
  const last = plan.root.children[plan.root.children.length - 1];
  if (!last?.position || last.position.end.offset !== plan.text.length) return '';
  const raw = plan.text.slice(last.position.start.offset, last.position.end.offset);
  if (last.type === 'code') {
    const open = /^ {0,3}(`{3,}|~{3,})/.exec(raw);
    if (!open) return '';
    const fence = open[1]!;
    const lines = raw.split(/\r?\n/);
    const closed = lines.length > 1 && new RegExp(`^ {0,3}${fence[0] === '`' ? '`' : '~'}{${fence.length},}\\s*$`).test(lines[lines.length - 1]!);
    return closed ? '' : fence;
  }
  if (last.type === 'html') {
    const ends: [RegExp, string][] = [
      [/^ {0,3}<!--/, '-->'],
      [/^ {0,3}<\?/, '?>'],
      [/^ {0,3}<!\[CDATA\[/, ']]>'],
      [/^ {0,3}<![A-Za-z]/, '>'],
    ];
    for (const [re, end] of ends) if (re.test(raw)) return raw.slice(raw.search(re) + 2).includes(end) ? '' : end;
    const tag = /^ {0,3}<(script|pre|style|textarea)(?=[\s>]|$)/i.exec(raw);
    if (tag && !new RegExp(`</${tag[1]}>`, 'i').test(raw)) return `</${tag[1]!.toLowerCase()}>`;
  }
  return '';
}

/** Wraps a block so that it stands alone, separated by blank lines, at `offset`; `tail` closes an open block at the end. */
export function blockInsertion(text: string, offset: number, block: string, tail = ''): TextEdit {
  const nl = eol(text);
  if (tail && offset === text.length) {
    const edit = blockInsertion(text + nl + tail, offset + nl.length + tail.length, block);
    return { start: offset, end: offset, newText: nl + tail + edit.newText };
  }
  const body = block.replace(/\r?\n/g, nl).replace(/\s+$/, '');
  const before = text.slice(Math.max(0, offset - 2), offset);
  let lead = '';
  if (offset > 0) {
    if (!before.endsWith('\n')) lead = nl + nl;
    else if (!/\n\r?\n$/.test(text.slice(Math.max(0, offset - 3), offset))) lead = nl;
  }
  const after = text.slice(offset, offset + 2);
  const trail = offset >= text.length ? nl : /^\r?\n/.test(after) ? nl : nl + nl;
  return { start: offset, end: offset, newText: lead + body + trail };
}

/**
 * How the plan lays out its chapters: their level, their numbering style and
 * whether a thematic break (`---`) separates them, so that an inserted
 * chapter looks like its neighbours.
 */
interface Layout {
  depth: number;
  /** Top-level nodes, in document order. */
  nodes: RootContent[];
  chapters: Section[];
  style: ChapterNumber | null;
  separated: boolean;
}

/** The top-level node that ends last at or before an offset, and the one that starts first at or after it (binary search: nodes are in document order). */
function neighbours(nodes: readonly RootContent[], offset: number): { prev: RootContent | undefined; next: RootContent | undefined } {
  let lo = 0;
  let hi = nodes.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (nodes[mid]!.position!.end.offset! <= offset) lo = mid + 1;
    else hi = mid;
  }
  const next = nodes[lo];
  return { prev: nodes[lo - 1], next: next && next.position!.start.offset! >= offset ? next : undefined };
}

const layouts = new WeakMap<PlanModel, Layout>();

/** The plan's layout, read once per check (every missing section's fix asks for it). */
function layoutOf(plan: PlanModel, analysis: Analysis): Layout {
  const known = layouts.get(plan);
  if (known) return known;
  const depth = analysis.chapterDepth;
  const nodes = plan.root.children.filter((n) => n.position);
  const chapters = plan.sections.filter((s) => s.depth === depth && s.index !== plan.titleIndex);
  const style = chapterStyle(chapters.map((c) => c.text));
  let breaks = 0;
  for (const c of chapters.slice(1)) if (neighbours(nodes, c.heading.start).prev?.type === 'thematicBreak') breaks++;
  const layout = { depth, nodes, chapters, style, separated: chapters.length >= 3 && breaks * 2 >= chapters.length - 1 };
  layouts.set(plan, layout);
  return layout;
}

/** The chapter a section belongs to: itself at or above the chapter level, else its ancestor at that level (never the title). */
const chapterAt = (plan: PlanModel, index: number, depth: number): Section => plan.sections[chapterOf(plan, index, depth, plan.titleIndex)]!;

/**
 * Where the end of the plan is for new chapters: before a closing thematic
 * break and the few short lines after it (a footer, a "last updated" line), so
 * that a chapter is never added below the plan's own ending.
 */
function endOfPlan(plan: PlanModel): number {
  const last = plan.sections[plan.sections.length - 1];
  const blocks = last ? last.blocks : plan.preamble;
  for (let i = blocks.length - 1; i >= 0 && i >= blocks.length - 4; i--) {
    const b = blocks[i]!;
    if (b.node.type !== 'thematicBreak') continue;
    const after = blocks.slice(i + 1);
    const short = after.every((a) => a.end - a.start < 400 && a.node.type !== 'heading');
    // a break that only separates the last chapter's own paragraphs is not an ending
    if (short && (after.length > 0 || i > 0)) return b.start;
  }
  return plan.text.length;
}

/** Where a missing guide section goes: after the chapter of the nearest preceding guide section present, else before the chapter of the nearest following one, else at the end. */
export function insertionPoint(plan: PlanModel, analysis: Analysis, profile: EffectiveProfile, g: EffectiveSection): { offset: number; depth: number } {
  const depth = analysis.chapterDepth;
  const presentAt = (id: string) => analysis.bySection.get(id)?.[0];
  for (let o = g.order - 1; o >= 0; o--) {
    const idx = presentAt(profile.sections[o]!.id);
    if (idx !== undefined) {
      // after the whole chapter: a new chapter never lands inside an unrelated one
      const c = chapterAt(plan, idx, depth);
      return { offset: c.span.end === plan.text.length ? endOfPlan(plan) : c.span.end, depth: Math.min(c.depth, depth) };
    }
  }
  for (let o = g.order + 1; o < profile.sections.length; o++) {
    const idx = presentAt(profile.sections[o]!.id);
    if (idx !== undefined) {
      const c = chapterAt(plan, idx, depth);
      return { offset: c.heading.start, depth: Math.min(c.depth, depth) };
    }
  }
  return { offset: endOfPlan(plan), depth: plan.sections.some((s) => s.index !== plan.titleIndex) ? depth : plan.titleIndex !== null ? 2 : depth };
}

/**
 * A section's template in a language, fitted to the plan: in a plan built on a hosted model, the blocks of
 * topics about a model of one's own (`**Adversarial training**` and the lines under it, to the next blank
 * line) are left out, with the blank line before them.
 */
export function templateLines(g: EffectiveSection, lang: Lang, hosted = false): string[] {
  const lines = g.template[lang];
  if (!hosted) return lines;
  const drop = new Set(g.topics.filter((t) => t.ownModel).map((t) => `**${t.title[lang]}**`));
  if (!drop.size) return lines;
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!drop.has(lines[i]!.trim())) {
      out.push(lines[i]!);
      continue;
    }
    while (i + 1 < lines.length && lines[i + 1]!.trim() !== '') i++;
    if (out.length && out[out.length - 1]!.trim() === '') out.pop();
  }
  return out;
}

/** Heading plus template of a guide section, in a language, at a depth; `number` is the chapter number as written (`九、`). */
export function sectionText(g: EffectiveSection, lang: Lang, depth: number, number = '', hosted = false): string {
  return `${'#'.repeat(Math.min(6, Math.max(1, depth)))} ${number}${g.title[lang]}\n\n${templateLines(g, lang, hosted).join('\n')}`;
}

/**
 * Inserts a set of missing sections, in canonical order, each at its
 * insertion point, as chapters like the plan's own: at its chapter level,
 * numbered in its style (the number after the chapter before it; the chapters
 * after keep theirs, a fix only inserts), separated by `---` where its
 * chapters are.
 */
export function insertSections(plan: PlanModel, analysis: Analysis, profile: EffectiveProfile, ids: string[], lang: Lang): TextEdit[] {
  const layout = layoutOf(plan, analysis);
  const hosted = planOnHostedModel(plan, profile);
  const groups = new Map<number, { depth: number; sections: EffectiveSection[] }>();
  for (const g of profile.sections.filter((s) => ids.includes(s.id))) {
    const { offset, depth } = insertionPoint(plan, analysis, profile, g);
    const grp = groups.get(offset) ?? { depth, sections: [] };
    grp.sections.push(g);
    groups.set(offset, grp);
  }
  const tail = unclosedTail(plan);
  return [...groups].map(([offset, grp]) => {
    const numbered = layout.style && grp.depth === layout.depth ? layout.style : null;
    let value = 0;
    if (numbered) for (const c of layout.chapters) if (c.heading.start < offset) value = valueInStyle(numbered, c.text) ?? value;
    const blocks = grp.sections.map((g) => sectionText(g, lang, grp.depth, numbered ? formatChapterNumber(numbered, ++value) : '', hosted));
    let block = blocks.join(layout.separated ? '\n\n---\n\n' : '\n\n');
    if (layout.separated) {
      const { prev, next } = neighbours(layout.nodes, offset);
      if (prev && prev.type !== 'thematicBreak' && plan.sections.some((s) => s.heading.start < offset && s.index !== plan.titleIndex)) block = `---\n\n${block}`;
      if (next && next.type !== 'thematicBreak') block = `${block}\n\n---`;
    }
    return blockInsertion(plan.text, offset, block, offset === plan.text.length ? tail : '');
  });
}

/** Scaffold lines for missing topics, at the end of the section's own text. */
export function insertTopicScaffolds(plan: PlanModel, sectionIndex: number, g: EffectiveSection, topicIds: string[], lang: Lang): TextEdit {
  const s = plan.sections[sectionIndex]!;
  const lines = g.topics.filter((t) => topicIds.includes(t.id)).map((t) => t.scaffold[lang]);
  // before a separator that closes the section, and before the plan's own ending
  let end = s.index === plan.sections.length - 1 ? endOfPlan(plan) : s.own.end;
  const last = s.blocks[s.blocks.length - 1];
  if (last?.node.type === 'thematicBreak' && last.start < end && s.blocks.length > 1) end = last.start;
  return blockInsertion(plan.text, end, lines.join('\n'), end === plan.text.length ? unclosedTail(plan) : '');
}
