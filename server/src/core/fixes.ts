/**
 * Fixes as data: text edits computed from the plan model, the same for the
 * CLI and the editor. Every edit here inserts; none removes or reorders a
 * character of the user's text.
 */
import type { PlanModel } from './parse.js';
import type { Analysis } from './match.js';
import type { EffectiveProfile, EffectiveSection } from './effective.js';
import type { Lang, TextEdit } from './types.js';

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

/** The heading level siblings use for a section inserted near `anchor`. */
function levelFor(plan: PlanModel, analysis: Analysis, anchor: number | null): number {
  if (anchor !== null) return plan.sections[anchor]!.depth;
  const depths = [...analysis.bySection.values()].flat().map((i) => plan.sections[i]!.depth);
  if (depths.length) return Math.min(...depths);
  return plan.titleIndex !== null ? 2 : plan.sections.length ? Math.min(...plan.sections.map((s) => s.depth)) : 2;
}

/** Where a missing guide section goes: after the nearest preceding guide section present, else before the nearest following one, else at the end. */
export function insertionPoint(plan: PlanModel, analysis: Analysis, profile: EffectiveProfile, g: EffectiveSection): { offset: number; depth: number } {
  const presentAt = (id: string) => analysis.bySection.get(id)?.[0];
  for (let o = g.order - 1; o >= 0; o--) {
    const idx = presentAt(profile.sections[o]!.id);
    if (idx !== undefined) {
      // after the whole claimed section; if it is nested, after its subtree at its level
      const s = plan.sections[idx]!;
      return { offset: s.span.end, depth: s.depth };
    }
  }
  for (let o = g.order + 1; o < profile.sections.length; o++) {
    const idx = presentAt(profile.sections[o]!.id);
    if (idx !== undefined) {
      const s = plan.sections[idx]!;
      return { offset: s.heading.start, depth: s.depth };
    }
  }
  return { offset: plan.text.length, depth: levelFor(plan, analysis, null) };
}

/** Heading plus template of a guide section, in a language, at a depth. */
export function sectionText(g: EffectiveSection, lang: Lang, depth: number): string {
  return `${'#'.repeat(Math.min(6, Math.max(1, depth)))} ${g.title[lang]}\n\n${g.template[lang].join('\n')}`;
}

/** Inserts a set of missing sections, in canonical order, each at its insertion point. */
export function insertSections(plan: PlanModel, analysis: Analysis, profile: EffectiveProfile, ids: string[], lang: Lang): TextEdit[] {
  const groups = new Map<number, { depth: number; blocks: string[] }>();
  const wanted = profile.sections.filter((g) => ids.includes(g.id));
  for (const g of wanted) {
    const { offset, depth } = insertionPoint(plan, analysis, profile, g);
    const grp = groups.get(offset) ?? { depth, blocks: [] };
    grp.blocks.push(sectionText(g, lang, grp.depth));
    groups.set(offset, grp);
  }
  const tail = unclosedTail(plan);
  return [...groups].map(([offset, grp]) => blockInsertion(plan.text, offset, grp.blocks.join('\n\n'), tail));
}

/** Scaffold lines for missing topics, at the end of the section's own text. */
export function insertTopicScaffolds(plan: PlanModel, sectionIndex: number, g: EffectiveSection, topicIds: string[], lang: Lang): TextEdit {
  const s = plan.sections[sectionIndex]!;
  const lines = g.topics.filter((t) => topicIds.includes(t.id)).map((t) => t.scaffold[lang]);
  return blockInsertion(plan.text, s.own.end, lines.join('\n'), unclosedTail(plan));
}
