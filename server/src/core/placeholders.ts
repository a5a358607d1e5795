/**
 * Text left to fill in (TODO, TBD, 待补充, XX, [fill-in], {PLACEHOLDER}, lorem ipsum, snippet markers), found once per
 * plan and shared: the placeholder rule reports them, and the rules that would ask for what a fill-in stands for
 * stay silent where one is left.
 */
import { visit } from 'unist-util-visit';
import type { Nodes } from 'mdast';
import { originOf } from './incremental.js';
import type { PlanModel } from './parse.js';
import type { Span } from './types.js';
import { fullWidthFillInSpans, snippetMarkerSpans } from './scan.js';

/** Patterns of text left to fill in, as regular expressions or linear scans (scan.ts). Each match is one finding. */
export const PLACEHOLDER_PATTERNS: (RegExp | ((text: string) => Span[]))[] = [
  /(?<![\p{L}\p{N}_])(?:TODO|TBD|TBC|FIXME)(?![\p{L}\p{N}_])/gu,
  /(?<![A-Za-z])(?:X{2,}|x{2,})(?![A-Za-z])/gu,
  /待补充|待完善|待填写|待确定|待定|待更新|此处填写|请填写|请补充/gu,
  /lorem ipsum/giu,
  // unexpanded snippet markers: ${1:text}, ${2}, $0 at a word end is money-like, so only the braced form
  snippetMarkerSpans, // /\$\{\d+(?::[^}\n]*)?\}/gu
  // {PLACEHOLDER}, {{name}}
  /\{\{?[^{}\n]{1,60}\}\}?/gu,
  // [timeframe]-style fill-ins, not [1]-style citations, task boxes or links
  /(?<![\]!\\])\[(?![ xX]\]|\^)([^\[\]\n]{1,80})\](?![(\[:])/gu,
  // 【填写公司名称】-style full-width fill-ins that ask for input
  fullWidthFillInSpans, // /【[^【】\n]*(?:填写|填入|输入|补充|待)[^【】\n]*】/gu
];

const MASKED = new Set(['code', 'inlineCode', 'html', 'yaml', 'link', 'linkReference', 'image', 'imageReference', 'definition', 'footnoteReference', 'footnoteDefinition']);

/** Masked spans of a top-level node, relative to its start: derived from its content alone, so kept across checks. */
const maskedMemo = new WeakMap<object, Span[]>();

/** Spans where placeholder-looking text is legitimate: code, HTML, links, front matter. */
export function maskedSpans(plan: PlanModel): Span[] {
  const spans: Span[] = [];
  for (const top of plan.root.children) {
    const base = top.position?.start.offset ?? 0;
    const key = originOf(top);
    let rel = maskedMemo.get(key);
    if (!rel) {
      const found: Span[] = [];
      visit(top, (node: Nodes) => {
        if (MASKED.has(node.type) && node.position) {
          found.push({ start: node.position.start.offset! - base, end: node.position.end.offset! - base });
          return 'skip';
        }
        return undefined;
      });
      rel = found;
      maskedMemo.set(key, rel);
    }
    for (const r of rel) spans.push({ start: r.start + base, end: r.end + base });
  }
  return spans.sort((a, b) => a.start - b.start);
}

function inside(spans: Span[], offset: number): boolean {
  let lo = 0;
  let hi = spans.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = spans[mid]!;
    if (offset < s.start) hi = mid - 1;
    else if (offset >= s.end) lo = mid + 1;
    else return true;
  }
  return false;
}

const placeholdersMemo = new WeakMap<PlanModel, Span[]>();

/** Placeholder spans of a plan, in order (read-only: shared by the rules of one check). */
export function findPlaceholders(plan: PlanModel): Span[] {
  let found = placeholdersMemo.get(plan);
  if (!found) {
    found = readPlaceholders(plan);
    placeholdersMemo.set(plan, found);
  }
  return found;
}

/** `{{variables}}`: the word for a fill-in, describing the product's own templates, is no fill-in left. */
const META_FILL_IN = new Set(['variable', 'variables', 'placeholder', 'placeholders', 'field', 'fields', 'var', 'vars', '变量', '占位符', '字段']);
/** Words of citing: a line that speaks of them uses `[n]` for a citation marker. */
const CITING = ['cite', 'citation', 'reference', 'footnote', 'source', '引用', '引证', '标注', '出处', '来源', '脚注'];
const QUOTES: Record<string, string> = { '"': '"', '“': '”', '「': '」', '『': '』' };

/** How far around a match its line is read: a quoted example title or a word of citing is near it, and the reading stays linear. */
const AROUND = 160;

/** The part of the line of `text` around `at` within AROUND characters each side (a region never crosses a line feed). */
function lineAround(text: string, at: number, length: number): { line: string; offset: number } {
  const from = Math.max(0, at - AROUND);
  const window = text.slice(from, Math.min(text.length, at + length + AROUND));
  const start = window.lastIndexOf('\n', at - from) + 1;
  const nl = window.indexOf('\n', at - from + length);
  return { line: window.slice(start, nl < 0 ? window.length : nl), offset: at - from - start };
}

/**
 * Bracket and brace matches that are not left to fill in, read from their own line only: `{{variables}}` naming
 * the concept; `[n]` on a line about citations (the marker an answer carries); a bracket inside a quoted example
 * title with words of its own around it (`"How [company] cut its bill by 40%"`: one fill-in in a quoted phrase of
 * three words or more). A quoted line that is nothing but fill-ins (`"[tagline]"`, `"For [users] who [need]"`) is still a fill-in.
 */
function notAFillIn(text: string, at: number, match: string): boolean {
  const first = match[0];
  if (first === '{') return META_FILL_IN.has(match.replace(/^\{+|\}+$/g, '').trim().toLowerCase());
  if (first !== '[') return false;
  const { line, offset } = lineAround(text, at, match.length);
  if (match === '[n]') {
    const folded = line.toLowerCase();
    if (CITING.some((w) => folded.includes(w))) return true;
  }
  // the nearest opening quote before it on the line, and its closing quote after it
  for (let i = offset - 1; i >= 0; i--) {
    const close = QUOTES[line[i]!];
    if (close === undefined) continue;
    const end = line.indexOf(close, offset + match.length);
    if (end < 0) return false;
    const quoted = line.slice(i + 1, end);
    if (quoted.indexOf('[') !== quoted.lastIndexOf('[')) return false;
    const rest = (quoted.slice(0, offset - i - 1) + ' ' + quoted.slice(offset - i - 1 + match.length)).trim();
    return rest.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length >= 3;
  }
  return false;
}

/**
 * Raw matches of every pattern in a text (citations left out, masking not applied), in pattern order.
 * A whole-text reading: the reference that the region-wise reading below equals.
 */
export function placeholderMatches(text: string, base = 0, out: Span[] = []): Span[] {
  for (const re of PLACEHOLDER_PATTERNS) {
    if (typeof re === 'function') {
      for (const m of re(text)) out.push({ start: base + m.start, end: base + m.end });
      continue;
    }
    re.lastIndex = 0;
    for (const m of text.matchAll(re)) {
      if (re === PLACEHOLDER_PATTERNS[6] && /^[\d\s,，.\-–]+$/.test(m[1] ?? '')) continue; // [1], [2-4] citations
      if (notAFillIn(text, m.index, m[0])) continue;
      out.push({ start: base + m.index, end: base + m.index + m[0].length });
    }
  }
  return out;
}

/**
 * Region-wise reading. A region ends after a line feed followed by `#` (or at the end of the text). No
 * pattern matches a line feed (each excludes `\n` from its classes or is a literal without one), so no
 * match crosses a region boundary; a match never ends at a region's last character (a line feed), so a
 * lookahead sees the same character in the region as in the text; and the only lookbehinds are negative,
 * over letters, digits, `_`, `]`, `!` and `\`, which a line feed before the region start is not, the same as
 * the start of a string. So the matches of a text are those of its regions, each read on its own: after an
 * edit, the regions before it (in the common prefix) and after it (in the common suffix) keep the previous
 * text's matches, shifted, and only the regions the edit touched are read again.
 */
let lastRead: { text: string; matches: Span[] } | null = null;

function commonPrefix(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i + 4096 <= n && a.slice(i, i + 4096) === b.slice(i, i + 4096)) i += 4096;
  while (i < n && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  return i;
}

function commonSuffix(a: string, b: string, max: number): number {
  let i = 0;
  const la = a.length;
  const lb = b.length;
  while (i + 4096 <= max && a.slice(la - i - 4096, la - i) === b.slice(lb - i - 4096, lb - i)) i += 4096;
  while (i < max && a.charCodeAt(la - 1 - i) === b.charCodeAt(lb - 1 - i)) i++;
  return i;
}

/** Raw matches of a text in order of start (see placeholderMatches), reusing the previous text's outside an edit. */
export function placeholderMatchesByRegion(text: string): Span[] {
  const prev = lastRead;
  let out: Span[];
  if (prev && prev.text === text) return prev.matches;
  if (!prev || text.length < 4096) out = placeholderMatches(text).sort(byStart);
  else {
    const old = prev.text;
    const P = commonPrefix(old, text);
    const S = commonSuffix(old, text, Math.min(old.length, text.length) - P);
    const delta = text.length - old.length;
    // b: the last region boundary whose `\n#` lies in the common prefix (0 if none)
    let b = P >= 2 ? text.lastIndexOf('\n#', P - 2) : -1;
    b = b < 0 ? 0 : b + 1;
    // e: the first region boundary whose `\n#` lies in the common suffix (the end if none)
    const sFrom = text.length - S;
    let e = text.indexOf('\n#', Math.max(sFrom, b));
    e = e < 0 ? text.length : e + 1;
    out = [];
    for (const m of prev.matches) {
      if (m.start >= b) break;
      out.push(m);
    }
    const mid = placeholderMatches(text.slice(b, e), b).sort(byStart);
    for (const m of mid) out.push(m);
    const oe = e - delta;
    for (const m of prev.matches) if (m.start >= oe) out.push(delta ? { start: m.start + delta, end: m.end + delta } : m);
  }
  if (text.length >= 4096) lastRead = { text, matches: out };
  return out;
}

function byStart(a: Span, b: Span): number {
  return a.start - b.start || a.end - b.end;
}

function readPlaceholders(plan: PlanModel): Span[] {
  const masked = maskedSpans(plan);
  const found = placeholderMatchesByRegion(plan.text).filter((f) => !inside(masked, f.start));
  // drop matches nested in an earlier, longer one ("[TBD]" is one placeholder)
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  const out: Span[] = [];
  for (const f of found) {
    const last = out[out.length - 1];
    if (last && f.start < last.end) continue;
    out.push(f);
  }
  return out;
}

