/**
 * Section-incremental parsing. A linear pre-pass finds top-level block
 * boundaries (column-0 ATX headings, and column-0 lines after a blank line),
 * outside fenced code, HTML blocks and front matter, and cuts the text into
 * chunks there. Each chunk is parsed by remark on its own, cached by content
 * (bounded LRU), its positions shifted back exactly, and the chunks' nodes
 * merged into one Root, the same Root a whole-document parse gives.
 *
 * Only cut where the pre-pass is sure: when a line could be read two ways
 * (a fence indented inside a list item, say), the scanner follows both
 * readings and cuts only where every reading is at a top-level boundary.
 *
 * Link reference and footnote definitions apply across the whole document:
 * every chunk that has a `[` is parsed with the document's definition
 * identifiers written as definitions next to it (then dropped), so a
 * reference resolves exactly as it does in the whole document.
 *
 * A parse budget guards remark: a chunk too large, with too long a line or
 * too deeply nested lists or quotes, is read as plain text instead (headings
 * kept), and the fallback is reported.
 */
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import remarkFrontmatter from 'remark-frontmatter';
import type { Root, RootContent, Nodes, Heading, Paragraph, Html, Text } from 'mdast';
import type { Point, Position } from 'unist';
import { atxHeadingParts } from './scan.js';
import { lineBreaks } from './text.js';

/** A turn of the event loop: setImmediate in Node, a timer where there is none (the server in a web worker). */
function nextTurn(): Promise<void> {
  return new Promise<void>((resolve) => (typeof setImmediate === 'function' ? setImmediate(resolve) : setTimeout(resolve, 0)));
}

export type FallbackReason = 'nesting' | 'size' | 'line-length' | 'headings' | 'marks';

/** A chunk read as plain text, and why. Offsets into the document. */
export interface ParseFallback {
  /** The offending line (nesting, line length) or the chunk's first line (size). */
  start: number;
  end: number;
  /** The whole chunk read as plain text. */
  chunkStart: number;
  chunkEnd: number;
  reason: FallbackReason;
  /** The measured value: nesting depth, chunk size or line length in characters. */
  value: number;
  limit: number;
  /** For 'marks': which marks. */
  mark?: string;
}

export interface ParseBudget {
  /** Deepest list/blockquote nesting on one line (markers, plus indentation of list lines / 2). */
  maxNesting: number;
  /** Largest chunk (characters) given to remark; a chunk is the text between two safe cut points. */
  maxChunkSize: number;
  /** Most ATX headings in a document; the chunks past that many are read as plain text without headings. */
  maxHeadings: number;
  /** Longest line (characters). */
  maxLineLength: number;
  /**
   * Most marks of one kind in one chunk: `[` (the Markdown parser looks back
   * over the brackets still open at each `]`), `*`, `_` and `~` (emphasis is
   * resolved against every earlier run of them), and lines opening with `|`
   * (each may start a table). Tens of thousands in one paragraph take the
   * parser seconds, growing with their square.
   */
  maxMarks: { brackets: number; emphasis: number; pipes: number };
}

export const DEFAULT_BUDGET: ParseBudget = { maxNesting: 32, maxChunkSize: 262_144, maxLineLength: 65_536, maxHeadings: 5_000, maxMarks: { brackets: 3_000, emphasis: 6_000, pipes: 4_000 } };

export interface IncrementalParserOptions {
  /** Merge cut points so that chunks are at least this long (characters). */
  minChunk?: number;
  /** Upper bound on the cached chunk text, in characters (the trees cost about 30× that). */
  cacheChars?: number;
  budget?: Partial<ParseBudget>;
  /**
   * Move the cached trees of chunks that only moved in place instead of copying them: no garbage per
   * keystroke, but a root returned earlier is no longer valid after the next parse. For a parser that
   * serves one document whose previous model is dropped when the next one is built (the language server).
   */
  shiftInPlace?: boolean;
}

export interface IncrementalParse {
  root: Root;
  fallbacks: ParseFallback[];
  /** Number of chunks, and how many of them were parsed now (cache misses). */
  chunks: number;
  parsed: number;
}

export interface IncrementalParser {
  parse(text: string): IncrementalParse;
  /** The same, yielding to the event loop between chunks so other work can run. */
  parseAsync(text: string, sliceMs?: number): Promise<IncrementalParse>;
  clear(): void;
  readonly size: number;
}

// ---------------------------------------------------------------- processors

const procFull = unified().use(remarkParse).use(remarkGfm);
const procFullFm = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml']);
const procPlain = unified().use(remarkParse);
const procPlainFm = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']);

/** Text that could hold a GFM construct: tables, strikethrough, footnotes, task items, literal autolinks. */
const MAY_BE_GFM = /[|~@]|\[\^|\[[\s xX]\]|www\.|https?:|mailto:|xmpp:/i;

function remark(text: string, frontMatter: boolean): Root {
  const gfm = MAY_BE_GFM.test(text);
  const p = gfm ? (frontMatter ? procFullFm : procFull) : frontMatter ? procPlainFm : procPlain;
  // (frontMatter is set for the document's first chunk only: a U+FEFF elsewhere is a character)
  if (!frontMatter || text.charCodeAt(0) !== 0xfeff) return p.parse(text) as Root;
  // as parseMarkdown: the text after a byte order mark, every position moved back over it
  const root = p.parse(text.slice(1)) as Root;
  const walk = (n: Nodes) => {
    if (n.position) {
      for (const pt of [n.position.start, n.position.end]) {
        if (pt.offset !== undefined) pt.offset += 1;
        if (pt.line === 1) pt.column += 1;
      }
    }
    if ('children' in n) for (const c of n.children as Nodes[]) walk(c);
  };
  for (const c of root.children) walk(c);
  return root;
}

// ---------------------------------------------------------------- pre-pass

export interface Chunk {
  start: number;
  end: number;
  /** 1-based line of the chunk's first character. */
  line: number;
  /** ATX headings at a cut point inside the chunk (its own first line included). */
  headings: number;
}

const LIST_OR_QUOTE = /^ {0,3}(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)|^ {0,3}>/;
const ATX = /^#{1,6}(?:[ \t]|$)/;
const FENCE = /^( {0,3})(`{3,}|~{3,})(.*)$/;
const HTML_1 = /^ {0,3}<(?:script|pre|style|textarea)(?:[ \t>]|$)/i;
const HTML_1_END = /<\/(?:script|pre|style|textarea)>/i;

type Mode =
  | { k: 'n'; c: boolean; r?: boolean } // normal; c: a list item or block quote may be open; r: with code or HTML open inside
  | { k: 'f'; ch: string; len: number } // fenced code
  | { k: 'h'; end: RegExp | null }; // HTML block until `end` matches a line, or until a blank line

function modeKey(m: Mode): string {
  return m.k === 'n' ? (m.c ? (m.r ? 'ncr' : 'nc') : 'n') : m.k === 'f' ? `f${m.ch}${m.len}` : `h${m.end ? m.end.source : ''}`;
}

/** The HTML block a line starts, or undefined. Over-approximates: any `<` may start one that ends at a blank line. */
function htmlStart(content: string): { end: RegExp | null; rest: string } | undefined {
  if (HTML_1.test(content)) return { end: HTML_1_END, rest: content };
  const t = content.replace(/^ {0,3}/, '');
  if (t.startsWith('<!--')) return { end: /-->/, rest: t.slice(4) };
  if (t.startsWith('<?')) return { end: /\?>/, rest: t.slice(2) };
  if (t.startsWith('<![CDATA[')) return { end: /\]\]>/, rest: t.slice(9) };
  if (/^<![A-Za-z]/.test(t)) return { end: />/, rest: t.slice(2) };
  if (t.startsWith('<')) return { end: null, rest: '' };
  return undefined;
}

function isBlank(line: string): boolean {
  return /^[ \t]*$/.test(line);
}

/** What a line can start, computed once per line for every reading. */
interface LineInfo {
  line: string;
  blank: boolean;
  indent: number;
  fence: RegExpExecArray | null;
  html: { end: RegExp | null; rest: string } | undefined;
  container: boolean;
  /** After list markers and quote markers, the line opens code or HTML. */
  innerRaw: boolean;
}

const INNER_RAW = /^(?:[ \t]*(?:(?:[-*+]|\d{1,9}[.)]|>)(?=[ \t]|$)|\[\^[^\]]*\]:))*[ \t]*(?:```|~~~|<)/;
/** A footnote definition: a container too (its content is indented). */
const FOOTNOTE = /^ {0,3}\[\^[^\]]*\]:/;

function lineInfo(line: string): LineInfo {
  let i = 0;
  while (i < line.length && line.charCodeAt(i) === 32) i++;
  const blank = i === line.length || /^[ \t]*$/.test(line);
  const c = line.charCodeAt(i);
  const fence = i <= 3 && (c === 96 || c === 126) ? FENCE.exec(line) : null;
  const html = i <= 3 && c === 60 ? htmlStart(line) : undefined;
  const container = i <= 3 && (((c === 45 || c === 42 || c === 43 || c === 62 || (c >= 48 && c <= 57)) && LIST_OR_QUOTE.test(line)) || (c === 91 && FOOTNOTE.test(line)));
  return { line, blank, indent: i, fence, html, container, innerRaw: !blank && INNER_RAW.test(line) };
}

/** Next states of one reading after a line. */
function step(m: Mode, li: LineInfo, out: Mode[]): void {
  const from = out.length;
  stepInner(m, li, out);
  // code or HTML opened inside a list item or quote: the readings that stay in it remember so
  if (m.k === 'n' && (m.r || (li.innerRaw && (m.c || li.container)))) {
    for (let i = from; i < out.length; i++) {
      const o = out[i]!;
      if (o.k === 'n' && o.c && !o.r) out[i] = { k: 'n', c: true, r: true };
    }
  }
}

function stepInner(m: Mode, li: LineInfo, out: Mode[]): void {
  const { line, blank } = li;
  if (m.k === 'f') {
    const f = li.fence;
    if (f && f[2]![0] === m.ch && f[2]!.length >= m.len && isBlank(f[3]!)) out.push({ k: 'n', c: false });
    else out.push(m);
    return;
  }
  if (m.k === 'h') {
    if (m.end === null ? blank : m.end.test(line)) out.push({ k: 'n', c: false });
    else out.push(m);
    return;
  }
  if (blank) {
    out.push(m);
    return;
  }
  const indent = li.indent;
  const f = li.fence;
  if (f && !(f[2]![0] === '`' && f[3]!.includes('`'))) {
    const fence: Mode = { k: 'f', ch: f[2]![0]!, len: f[2]!.length };
    out.push(fence);
    // indented, it may belong to an open list item instead (and close with it)
    if (indent > 0 && m.c) out.push(m);
    return;
  }
  const h = li.html;
  if (h && indent <= 3) {
    const html: Mode = h.end && h.end.test(h.rest) ? { k: 'n', c: m.c } : { k: 'h', end: h.end };
    out.push(html);
    // any other `<` may be no HTML block at all (a paragraph), and indented it may belong to a list item
    if (h.end === null || (indent > 0 && m.c)) out.push(li.container ? { k: 'n', c: true } : m);
    return;
  }
  if (li.container) out.push(m.c ? m : { k: 'n', c: true });
  else out.push(m);
}

const LINE = /\r\n|\r|\n/g;

/** The line starting at `pos`, within `end`: where its content ends and where the next line starts. */
function lineAt(text: string, pos: number, end = text.length): { lineEnd: number; next: number } {
  LINE.lastIndex = pos;
  const m = LINE.exec(text);
  return m && m.index < end ? { lineEnd: m.index, next: m.index + m[0].length } : { lineEnd: end, next: end };
}

function dedupe(modes: Mode[]): Mode[] {
  const seen = new Set<string>();
  const out: Mode[] = [];
  for (const s of modes) {
    const k = modeKey(s);
    if (!seen.has(k)) {
      seen.add(k);
      out.push(s);
    }
  }
  return out;
}

interface Cut {
  offset: number;
  line: number;
  heading: boolean;
}

/** A cut point with the scanner's state before its line (every reading, and whether the line before was blank). */
interface CutSnap extends Cut {
  states: Mode[];
  key: string;
  prevBlank: boolean;
}

function statesKey(states: Mode[]): string {
  return states.length === 1 ? modeKey(states[0]!) : states.map(modeKey).sort().join('|');
}

/**
 * Cut points of a text: offsets of lines where a whole-document parse is at
 * a top-level block boundary, with the 1-based line of each.
 */
export function cutPoints(text: string): { offset: number; line: number; heading: boolean }[] {
  return cutSnaps(text).map((c) => ({ offset: c.offset, line: c.line, heading: c.heading }));
}

function cutSnaps(text: string): CutSnap[] {
  const cuts: CutSnap[] = [];
  let pos = 0;
  let lineNo = 1;
  // front matter: `---` on the first line, closed by a later `---` line (else there is none)
  const fm = frontMatterEnd(text);
  // an unclosed front matter fence leaves micromark in a state that changes the rest of the
  // document (a list no longer interrupts a paragraph): no cut is safe then
  if (fm < 0 && /^\uFEFF?---[ \t]*(?:\r\n|\r|\n)/.test(text)) return cuts;
  if (fm > 0) {
    lineNo += countLines(text.slice(0, fm));
    pos = fm;
  }
  scan(text, pos, lineNo, [{ k: 'n', c: false }], true, cuts);
  return cuts;
}

/**
 * The scan from a line start with a given state, pushing cut points to `cuts`. `converge`, asked before each
 * line, may finish the list itself (the rest is known) by returning true.
 */
function scan(text: string, pos: number, lineNo: number, states: Mode[], prevBlank: boolean, cuts: CutSnap[], converge?: (pos: number, lineNo: number, states: Mode[], prevBlank: boolean) => boolean): void {
  const n = text.length;
  while (pos < n) {
    if (converge && converge(pos, lineNo, states, prevBlank)) return;
    const { lineEnd: end, next } = lineAt(text, pos);
    // (a byte order mark is not part of the first line: parseMarkdown parses the text after it)
    const line = text.slice(pos === 0 && text.charCodeAt(0) === 0xfeff ? 1 : pos, end);
    const li = lineInfo(line);
    const blank = li.blank;
    const clean = states.length === 1 ? states[0]!.k === 'n' : states.every((s) => s.k === 'n');
    const c0 = line.charCodeAt(0);
    const atx = c0 === 35 /* # */ && ATX.test(line);
    // code or HTML that may be open in a list item ends differently at the end of a chunk (it takes in
    // the last line ending, and blank lines) than before the line that closes the item: no cut there
    const rawOpen = states.some((s) => s.k === 'n' && s.r);
    // (nor before a U+FEFF: at the start of a chunk, remark would drop it as a byte order mark)
    if (clean && !blank && pos > 0 && !rawOpen && c0 !== 0xfeff) {
      if (atx) cuts.push({ offset: pos, line: lineNo, heading: true, states, key: statesKey(states), prevBlank });
      else if (prevBlank && c0 !== 32 && c0 !== 9 && !li.container) cuts.push({ offset: pos, line: lineNo, heading: false, states, key: statesKey(states), prevBlank });
    }
    // a column-0 line closes list items and quotes when it cannot continue a paragraph lazily
    const closes = !blank && c0 !== 32 && c0 !== 9 && !li.container && (prevBlank || atx);
    if (states.length === 1) {
      const s0 = states[0]!;
      const out: Mode[] = [];
      step(closes && s0.k === 'n' && s0.c ? { k: 'n', c: false } : s0, li, out);
      states = out.length === 1 ? out : dedupe(out);
    } else {
      const nextStates: Mode[] = [];
      for (const s of states) step(closes && s.k === 'n' ? { k: 'n', c: false } : s, li, nextStates);
      states = dedupe(nextStates);
    }
    if (states.length > 16) return; // too many readings: cut no further
    prevBlank = blank;
    pos = next;
    if (next > end) lineNo++; // a line break followed
  }
}

/** Length of the common prefix of two strings. */
function commonPrefix(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  let i = 0;
  const B = 4096;
  while (i + B <= n && a.slice(i, i + B) === b.slice(i, i + B)) i += B;
  while (i < n && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  return i;
}

/** Length of the common suffix of two strings, at most `max`. */
function commonSuffix(a: string, b: string, max: number): number {
  let i = 0;
  const B = 4096;
  const la = a.length;
  const lb = b.length;
  while (i + B <= max && a.slice(la - i - B, la - i) === b.slice(lb - i - B, lb - i)) i += B;
  while (i < max && a.charCodeAt(la - 1 - i) === b.charCodeAt(lb - 1 - i)) i++;
  return i;
}

const MAYBE_FRONT_MATTER = /^\uFEFF?---/;

/**
 * The cut points of `text` from those of an earlier text: the ones before the edit are kept, the scan
 * resumes at the last cut point before it, and once it reaches, past the edit, a line where the earlier
 * scan stood at a cut point in the same state, the earlier cut points from there on are shifted. The scanner's
 * state before a line depends only on the text before it (and the line break's next character), and the scan
 * from a line on only on that state and the text from there: so the result equals a fresh scan. Front matter
 * (closed by a later line) is the exception: then a fresh scan.
 */
function cutSnapsAfterEdit(prev: { text: string; cuts: CutSnap[] } | undefined, text: string): CutSnap[] {
  if (!prev || MAYBE_FRONT_MATTER.test(text) || MAYBE_FRONT_MATTER.test(prev.text)) return cutSnaps(text);
  const old = prev.text;
  const oldCuts = prev.cuts;
  if (old === text) return oldCuts;
  const P = commonPrefix(old, text);
  const S = commonSuffix(old, text, Math.min(old.length, text.length) - P);
  const delta = text.length - old.length;
  // the last earlier cut whose line start (and its next character) lies in the common prefix
  let lo = 0;
  let hi = oldCuts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (oldCuts[mid]!.offset < P) lo = mid + 1;
    else hi = mid;
  }
  const idx = lo - 1;
  const cuts: CutSnap[] = oldCuts.slice(0, Math.max(0, idx));
  let j = Math.max(0, idx + 1);
  const suffixFrom = text.length - S;
  const converge = (pos: number, lineNo: number, states: Mode[], prevBlank: boolean): boolean => {
    if (pos < suffixFrom || pos <= P) return false;
    const q = pos - delta;
    while (j < oldCuts.length && oldCuts[j]!.offset < q) j++;
    if (j >= oldCuts.length) return false;
    const c = oldCuts[j]!;
    if (c.offset !== q || c.prevBlank !== prevBlank || c.key !== statesKey(states)) return false;
    const dLine = lineNo - c.line;
    for (let k = j; k < oldCuts.length; k++) {
      const o = oldCuts[k]!;
      cuts.push(delta === 0 && dLine === 0 ? o : { offset: o.offset + delta, line: o.line + dLine, heading: o.heading, states: o.states, key: o.key, prevBlank: o.prevBlank });
    }
    return true;
  };
  if (idx < 0) scan(text, 0, 1, [{ k: 'n', c: false }], true, cuts, converge);
  else {
    const c = oldCuts[idx]!;
    scan(text, c.offset, c.line, c.states, c.prevBlank, cuts, converge);
  }
  return cuts;
}

/** Cut points of `text`, reusing those of the previous text given (exported for tests). */
export function createCutTracker(): (text: string) => { offset: number; line: number; heading: boolean }[] {
  let prev: { text: string; cuts: CutSnap[] } | undefined;
  return (text) => {
    const cuts = cutSnapsAfterEdit(prev, text);
    prev = { text, cuts };
    return cuts;
  };
}

/** Chunks of a text: cut points merged so that each chunk is at least `minChunk` long. */
export function splitChunks(text: string, minChunk = 2048, cuts: readonly Cut[] = cutPoints(text)): Chunk[] {
  const chunks: Chunk[] = [];
  let start = 0;
  let line = 1;
  let headings = 0;
  for (const c of cuts) {
    if (c.offset - start >= minChunk) {
      chunks.push({ start, end: c.offset, line, headings });
      start = c.offset;
      line = c.line;
      headings = 0;
    }
    if (c.heading) headings++;
  }
  chunks.push({ start, end: text.length, line, headings });
  return chunks;
}

function frontMatterEnd(text: string): number {
  if (!/^\uFEFF?---[ \t]*(?:\r\n|\r|\n)/.test(text)) return -1;
  const close = /(?:\r\n|\r|\n)---[ \t]*(?:\r\n|\r|\n|$)/g;
  close.lastIndex = text.charCodeAt(0) === 0xfeff ? 4 : 3;
  const m = close.exec(text);
  return m ? m.index + m[0].length : -1;
}

// ---------------------------------------------------------------- budget

/** The first reason a chunk must not go to remark, or null. Linear in the chunk. */
export function overBudget(text: string, start: number, end: number, budget: ParseBudget): Omit<ParseFallback, 'chunkStart' | 'chunkEnd'> | null {
  if (end - start > budget.maxChunkSize) {
    const { lineEnd } = lineAt(text, start, end);
    return { start, end: Math.min(lineEnd, start + 200), reason: 'size', value: end - start, limit: budget.maxChunkSize };
  }
  let pos = start;
  const run = newMarkRun();
  while (pos < end) {
    const { lineEnd, next } = lineAt(text, pos, end);
    if (lineEnd - pos > budget.maxLineLength) {
      return { start: pos, end: pos + Math.min(200, lineEnd - pos), reason: 'line-length', value: lineEnd - pos, limit: budget.maxLineLength };
    }
    const over = countMarks(text, pos, lineEnd, run, budget.maxMarks);
    if (over) return { start: pos, end: Math.min(lineEnd, pos + 200), reason: 'marks', mark: MARK_SIGN[over], value: run.peak[over], limit: budget.maxMarks[over] };
    const depth = nesting(text, pos, lineEnd);
    if (depth > budget.maxNesting) {
      return { start: pos, end: Math.min(lineEnd, pos + 200), reason: 'nesting', value: depth, limit: budget.maxNesting };
    }
    pos = next;
  }
  return null;
}

type MarkKind = 'brackets' | 'emphasis' | 'pipes';
const MARK_SIGN: Record<MarkKind, string> = { brackets: '[', emphasis: '* _ ~', pipes: '|' };

/**
 * Marks counted over one inline context as far as a line scan can tell: brackets and
 * emphasis marks since the last blank line or block start (a list item, quote, heading
 * or table row starts a new one), and lines opening with `|` since the last blank line
 * unless they form a table (its second line a delimiter row: tables parse in linear time).
 */
interface MarkRun {
  brackets: number;
  emphasis: number;
  pipes: number;
  lines: number;
  table: boolean;
  /** The count that went over, when one did. */
  peak: Record<MarkKind, number>;
}

function newMarkRun(): MarkRun {
  return { brackets: 0, emphasis: 0, pipes: 0, lines: 0, table: false, peak: { brackets: 0, emphasis: 0, pipes: 0 } };
}

/** Counts one line into the run; returns the kind of mark past its limit, if any. Linear in the line. */
function countMarks(text: string, start: number, lineEnd: number, run: MarkRun, limits: Record<MarkKind, number>): MarkKind | null {
  let i = start;
  while (i < lineEnd && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) i++;
  if (i === lineEnd) {
    run.brackets = run.emphasis = run.pipes = run.lines = 0;
    run.table = false;
    return null;
  }
  const c0 = text.charCodeAt(i);
  const c1 = text.charCodeAt(i + 1);
  const blockStart =
    c0 === 124 /* | */ || c0 === 62 /* > */ || c0 === 35 /* # */ ||
    ((c0 === 45 || c0 === 42 || c0 === 43) && (c1 === 32 || c1 === 9)) ||
    (c0 >= 48 && c0 <= 57 && orderedMarker(text, i, lineEnd));
  if (blockStart) run.brackets = run.emphasis = 0;
  run.lines++;
  if (c0 === 124) {
    if (run.lines === 2 && delimiterRow(text, i, lineEnd)) run.table = true;
    if (!run.table) run.pipes++;
  } else if (run.table) {
    run.table = false;
    run.pipes = 0;
  }
  for (; i < lineEnd; i++) {
    const c = text.charCodeAt(i);
    if (c === 91 /* [ */) run.brackets++;
    else if (c === 42 /* * */ || c === 95 /* _ */ || c === 126 /* ~ */) run.emphasis++;
  }
  for (const kind of ['brackets', 'emphasis', 'pipes'] as const) {
    if (run[kind] > limits[kind]) {
      run.peak[kind] = run[kind];
      return kind;
    }
  }
  return null;
}

/** `1.` or `1)` then a space, up to nine digits. */
function orderedMarker(text: string, i: number, end: number): boolean {
  let j = i;
  while (j < end && j - i < 9 && text.charCodeAt(j) >= 48 && text.charCodeAt(j) <= 57) j++;
  const c = text.charCodeAt(j);
  return (c === 46 || c === 41) && (text.charCodeAt(j + 1) === 32 || j + 1 === end);
}

/** A table's delimiter row: only `|`, `:`, `-` and spaces, with at least one `-`. */
function delimiterRow(text: string, i: number, end: number): boolean {
  let dash = false;
  for (; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 45) dash = true;
    else if (c !== 124 && c !== 58 && c !== 32 && c !== 9) return false;
  }
  return dash;
}

/** Nesting of list items and block quotes a line opens: its markers, plus indentation / 2 when it is a list or quote line. */
function nesting(text: string, i: number, end: number): number {
  let markers = 0;
  let indent = 0;
  let first = true;
  while (i < end) {
    let spaces = 0;
    while (i < end && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) {
      spaces += text.charCodeAt(i) === 9 ? 4 : 1;
      i++;
    }
    if (first) indent = spaces;
    first = false;
    const c = text.charCodeAt(i);
    if (c === 62 /* > */) {
      markers++;
      i++;
      continue;
    }
    let j = i;
    if (c === 45 || c === 42 || c === 43) j = i + 1;
    else {
      while (j < end && j - i < 9 && text.charCodeAt(j) >= 48 && text.charCodeAt(j) <= 57) j++;
      if (j === i || (text.charCodeAt(j) !== 46 && text.charCodeAt(j) !== 41)) break;
      j++;
    }
    const after = text.charCodeAt(j);
    if (j < end && after !== 32 && after !== 9) break;
    markers++;
    i = j;
  }
  return markers ? markers + (indent >> 1) : 0;
}

// ---------------------------------------------------------------- plain-text reading

interface Pt {
  offset: number;
  line: number;
  column: number;
}

function pos(start: Pt, end: Pt): Position {
  return { start: { ...start }, end: { ...end } };
}

/** A fence line (up to three spaces, then three or more backticks or tildes): its mark, length, and whether nothing follows. Linear. */
function fenceOpening(line: string): { ch: number; len: number; bare: boolean } | null {
  let i = 0;
  while (i < 3 && line.charCodeAt(i) === 32) i++;
  const ch = line.charCodeAt(i);
  if (ch !== 96 && ch !== 126) return null;
  let j = i;
  while (line.charCodeAt(j) === ch) j++;
  if (j - i < 3) return null;
  return { ch, len: j - i, bare: line.slice(j).trim() === '' };
}

/** A plain-text reading of a chunk: its ATX headings at the margin (outside fenced code), HTML comments, and paragraphs. */
function plainReading(text: string, start: number, end: number, line: number, keepHeading = true): RootContent[] {
  const out: RootContent[] = [];
  let p = start;
  let ln = line;
  let paraS: Pt | null = null;
  let paraE: Pt | null = null;
  let commentS: Pt | null = null;
  let last: Pt = { offset: start, line, column: 1 };
  const flush = (): void => {
    if (paraS && paraE) {
      const t: Text = { type: 'text', value: text.slice(paraS.offset, paraE.offset), position: pos(paraS, paraE) };
      out.push({ type: 'paragraph', children: [t], position: pos(paraS, paraE) } as Paragraph);
    }
    paraS = paraE = null;
  };
  let fence: { ch: number; len: number } | null = null;
  while (p < end) {
    const { lineEnd, next } = lineAt(text, p, end);
    const s: Pt = { offset: p, line: ln, column: 1 };
    const e: Pt = { offset: lineEnd, line: ln, column: lineEnd - p + 1 };
    last = e;
    const content = text.slice(p, lineEnd);
    if (commentS) {
      if (content.includes('-->')) {
        out.push({ type: 'html', value: text.slice(commentS.offset, lineEnd), position: pos(commentS, e) } as Html);
        commentS = null;
      }
    } else if (keepHeading && !fence && ATX.test(content)) {
      flush();
      const hm = atxHeadingParts(content);
      const depth = hm.marker.length as Heading['depth'];
      const body = /^#*$/.test(hm.body) ? '' : hm.body;
      const bodyStart = p + (body ? hm.bodyStart : hm.marker.length);
      const children: Text[] = body
        ? [{ type: 'text', value: body, position: pos({ offset: bodyStart, line: ln, column: bodyStart - p + 1 }, { offset: bodyStart + body.length, line: ln, column: bodyStart + body.length - p + 1 }) }]
        : [];
      out.push({ type: 'heading', depth, children, position: pos(s, e) } as Heading);
    } else if (fence || fenceOpening(content)) {
      // fenced code: its lines stay text (a `#` line in it is no heading), the fence closes on a like line
      const f = fenceOpening(content);
      if (!fence) fence = f;
      else if (f && f.ch === fence.ch && f.len >= fence.len && f.bare) fence = null;
      if (!paraS) paraS = s;
      paraE = e;
    } else if (isBlank(content)) {
      flush();
    } else if (/^ {0,3}<!--/.test(content)) {
      flush();
      if (content.includes('-->', content.indexOf('<!--') + 4)) out.push({ type: 'html', value: content, position: pos(s, e) } as Html);
      else commentS = s;
    } else {
      if (!paraS) paraS = s;
      paraE = e;
    }
    p = next;
    if (next > lineEnd) ln++;
  }
  if (commentS) {
    paraS = commentS;
    paraE = last;
  }
  flush();
  return out;
}

// ---------------------------------------------------------------- positions

function shiftPoint(p: Point, dOff: number, dLine: number): Point {
  return { line: p.line + dLine, column: p.column, offset: p.offset === undefined ? undefined : p.offset + dOff } as Point;
}

const origins = new WeakMap<object, object>();

/**
 * A key shared by a top-level node and every copy made of it when its chunk
 * moved (else the node itself): a stable key for what is derived from the
 * block's content alone. A small token, so that it keeps no old tree alive.
 */
export function originOf(node: RootContent): object {
  return origins.get(node) ?? node;
}

/** A copy of the nodes with every position moved by dOff characters and dLine lines (columns stay: chunks start at a line start). */
function shiftNodes(nodes: RootContent[], dOff: number, dLine: number): RootContent[] {
  const out = new Array<RootContent>(nodes.length);
  for (let i = 0; i < nodes.length; i++) {
    const n = nodes[i]!;
    const copy = shiftNode(n, dOff, dLine) as RootContent;
    let token = origins.get(n);
    if (!token) {
      token = {};
      origins.set(n, token);
    }
    origins.set(copy, token);
    out[i] = copy;
  }
  return out;
}

function shiftNode(node: Nodes, dOff: number, dLine: number): Nodes {
  const copy = { ...node } as Nodes & { children?: Nodes[] };
  if (node.position) copy.position = { start: shiftPoint(node.position.start, dOff, dLine), end: shiftPoint(node.position.end, dOff, dLine) };
  if ('children' in node && node.children) {
    const ch = node.children as Nodes[];
    const c2 = new Array<Nodes>(ch.length);
    for (let i = 0; i < ch.length; i++) c2[i] = shiftNode(ch[i]!, dOff, dLine);
    copy.children = c2;
  }
  return copy;
}

// ---------------------------------------------------------------- definitions

/** Identifiers of link reference (`d`) and footnote (`f`) definitions anywhere in the nodes. */
function definitionsOf(nodes: RootContent[]): string[] {
  const out: string[] = [];
  const walk = (n: Nodes) => {
    if (n.type === 'definition') out.push(`d${n.identifier}`);
    else if (n.type === 'footnoteDefinition') out.push(`f${n.identifier}`);
    if ('children' in n) for (const c of n.children as Nodes[]) walk(c);
  };
  for (const n of nodes) walk(n);
  return out;
}

/** Definitions to parse next to a chunk: `[id]: x` and `[^id]: x` lines. */
function contextText(defs: string[]): string {
  if (!defs.length) return '';
  return defs.map((d) => (d[0] === 'd' ? `[${d.slice(1)}]: x\n` : `[^${d.slice(1)}]: x\n`)).join('');
}

// ---------------------------------------------------------------- the parser

interface Entry {
  /** Top-level nodes with absolute positions for a chunk starting at `base`/`baseLine`. */
  nodes: RootContent[];
  base: number;
  baseLine: number;
  defs: string[];
  fallback: Omit<ParseFallback, 'chunkStart' | 'chunkEnd'> | null;
  chars: number;
  /** The run that last handed the nodes out (a second use in one run, at another place, copies). */
  run?: number;
  /** Its key in the cache (chunkNodes entries). */
  key?: string;
}

/** Moves every position of the nodes in place. */
function shiftInPlace(nodes: readonly Nodes[], dOff: number, dLine: number): void {
  for (const n of nodes) {
    const p = n.position;
    if (p) {
      p.start.line += dLine;
      if (p.start.offset !== undefined) p.start.offset += dOff;
      p.end.line += dLine;
      if (p.end.offset !== undefined) p.end.offset += dOff;
    }
    if ('children' in n && n.children) shiftInPlace(n.children as Nodes[], dOff, dLine);
  }
}

/** The string's own copy: V8 keeps a slice's parent string alive; flattening a concatenation copies. */
function flat(s: string): string {
  return (' ' + s).slice(1);
}

function endPoint(text: string): Point {
  let line = 1;
  let lastStart = 0;
  if (!text.includes('\r')) {
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
      line++;
      lastStart = i + 1;
    }
    return { line, column: text.length - lastStart + 1, offset: text.length };
  }
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) {
      if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
      line++;
      lastStart = i + 1;
    }
  }
  return { line, column: text.length - lastStart + 1, offset: text.length };
}

const countLines = (s: string): number => lineBreaks(s);

export function createIncrementalParser(options: IncrementalParserOptions = {}): IncrementalParser {
  const minChunk = options.minChunk ?? 2048;
  const cacheChars = options.cacheChars ?? 4_000_000;
  const budget: ParseBudget = { ...DEFAULT_BUDGET, ...options.budget };
  const inPlace = options.shiftInPlace ?? false;
  let runId = 0;
  const cache = new Map<string, Entry>();
  let cachedChars = 0;
  /** The definitions context of the last document, the first guess for the next. */
  let lastDefs: string[] = [];
  /** Cut points of the previous text, reused after an edit. */
  const cutsOf = createCutTracker();

  function remember(key: string, e: Entry): void {
    cache.set(key, e);
    cachedChars += e.chars;
    while (cachedChars > cacheChars && cache.size > 1) {
      const [k, old] = cache.entries().next().value as [string, Entry];
      cache.delete(k);
      cachedChars -= old.chars;
    }
  }

  /** The nodes of one chunk, parsed with `defs` as context when it has a `[`. */
  function chunkNodes(text: string, ch: Chunk, docDefs: string[], known?: Entry, overHeadings = false): { entry: Entry; nodes: RootContent[]; parsed: boolean } {
    // a slice to look the chunk up; a copy when it is kept (a slice would keep the whole document alive in the
    // cache, and every string remark cuts from it): a keystroke copies only the chunks it parses
    let src = text.slice(ch.start, ch.end);
    if (overHeadings) return plainChunk(text, ch, flat(src));
    const first = ch.start === 0;
    // the definitions of the other chunks (a chunk's own apply anyway)
    let defs: string[] = [];
    if (docDefs.length && src.includes('[')) {
      const own = new Set(known?.defs ?? []);
      defs = own.size ? docDefs.filter((d) => !own.has(d)) : docDefs;
    }
    const ctxText = contextText(defs);
    const withCtx = ctxText !== '';
    let key = `${first ? 1 : 0}${ctxText}\0${src}`;
    let entry = cache.get(key);
    let parsed = false;
    if (entry) {
      // most recently used (under the key kept, which holds no slice of any document)
      key = entry.key!;
      cache.delete(key);
      cache.set(key, entry);
    } else {
      parsed = true;
      src = flat(src);
      key = flat(`${first ? 1 : 0}${ctxText}\0${src}`);
      const fb = overBudget(text, ch.start, ch.end, budget);
      let nodes: RootContent[];
      if (fb) nodes = plainReading(text, ch.start, ch.end, ch.line);
      else if (!withCtx) {
        const root = remark(src, first);
        nodes = shiftNodes(root.children, ch.start, ch.line - 1);
      } else if (!first) {
        // definitions before the chunk: it starts at a top-level boundary with a line at column 0, so nothing joins across
        const prefix = contextText(defs) + '\n';
        const root = remark(prefix + src, false);
        const kept = root.children.filter((n) => (n.position?.start.offset ?? 0) >= prefix.length);
        nodes = shiftNodes(kept, ch.start - prefix.length, ch.line - 1 - countLines(prefix));
      } else {
        // the first chunk (front matter, a BOM, or indented code that a footnote definition would take in):
        // definitions after it, past a blank line (it ends at a top-level boundary: another chunk follows)
        const root = remark(src + '\n\n' + contextText(defs), true);
        const kept = root.children.filter((n) => (n.position?.start.offset ?? 0) < src.length);
        nodes = shiftNodes(kept, ch.start, ch.line - 1);
      }
      entry = { key, nodes, base: ch.start, baseLine: ch.line, defs: fb ? [] : definitionsOf(nodes), fallback: fb ? { ...fb, start: fb.start - ch.start, end: fb.end - ch.start } : null, chars: src.length };
      remember(key, entry);
    }
    if ((entry.base !== ch.start || entry.baseLine !== ch.line) && inPlace && entry.run !== runId) {
      // the same text elsewhere, not handed out yet in this run: move the tree itself
      shiftInPlace(entry.nodes, ch.start - entry.base, ch.line - entry.baseLine);
      entry.base = ch.start;
      entry.baseLine = ch.line;
    } else if (entry.base !== ch.start || entry.baseLine !== ch.line) {
      // the same text elsewhere: move a copy (cached trees are shared, never mutated)
      const moved: Entry = { ...entry, nodes: shiftNodes(entry.nodes, ch.start - entry.base, ch.line - entry.baseLine), base: ch.start, baseLine: ch.line };
      cache.set(key, moved);
      entry = moved;
    }
    entry.run = runId;
    return { entry, nodes: entry.nodes, parsed };
  }

  /** A chunk past the heading budget: plain text, no headings. */
  function plainChunk(text: string, ch: Chunk, src: string): { entry: Entry; nodes: RootContent[]; parsed: boolean } {
    const key = `H\0${src}`;
    let entry = cache.get(key);
    const parsed = !entry;
    if (!entry) {
      entry = { nodes: plainReading(text, ch.start, ch.end, ch.line, false), base: ch.start, baseLine: ch.line, defs: [], fallback: null, chars: src.length };
      remember(key, entry);
    } else if ((entry.base !== ch.start || entry.baseLine !== ch.line) && inPlace && entry.run !== runId) {
      shiftInPlace(entry.nodes, ch.start - entry.base, ch.line - entry.baseLine);
      entry.base = ch.start;
      entry.baseLine = ch.line;
    } else if (entry.base !== ch.start || entry.baseLine !== ch.line) {
      entry = { ...entry, nodes: shiftNodes(entry.nodes, ch.start - entry.base, ch.line - entry.baseLine), base: ch.start, baseLine: ch.line };
      cache.set(key, entry);
    }
    entry.run = runId;
    return { entry, nodes: entry.nodes, parsed };
  }

  function* run(text: string): Generator<void, IncrementalParse> {
    runId++;
    const chunks = splitChunks(text, minChunk, cutsOf(text));
    let defs = lastDefs;
    let parsed = 0;
    const results: { entry: Entry; nodes: RootContent[] }[] = [];
    // the heading budget: the first chunk that goes past it, and every later one, are plain text
    let headingCount = 0;
    let overAt = chunks.length;
    for (let i = 0; i < chunks.length; i++) {
      headingCount += chunks[i]!.headings;
      if (headingCount > budget.maxHeadings && overAt === chunks.length) overAt = i;
    }
    for (let i = 0; i < chunks.length; i++) {
      const ch = chunks[i]!;
      if (i >= overAt) {
        const r = chunkNodes(text, ch, [], undefined, true);
        if (r.parsed) parsed++;
        results.push(r);
        yield;
        continue;
      }
      let r = chunkNodes(text, ch, defs);
      if (r.parsed) parsed++;
      if (defs.length && r.entry.defs.some((d) => defs.includes(d))) {
        // its own definitions were in the context: read it with those of the others only
        r = chunkNodes(text, ch, defs, r.entry);
        if (r.parsed) parsed++;
      }
      results.push(r);
      yield;
    }
    // the document's own definitions; re-read chunks with references if the guess was wrong
    const all = [...new Set(results.flatMap((r) => r.entry.defs))].sort();
    if (all.join('\n') !== defs.join('\n')) {
      defs = all;
      for (let i = 0; i < overAt; i++) {
        const ch = chunks[i]!;
        const r = chunkNodes(text, ch, defs, results[i]!.entry);
        if (r.parsed) parsed++;
        results[i] = r;
        yield;
      }
    }
    lastDefs = defs;
    const children: RootContent[] = [];
    const fallbacks: ParseFallback[] = [];
    for (let i = 0; i < results.length; i++) {
      const r = results[i]!;
      const ch = chunks[i]!;
      for (const n of r.nodes) children.push(n);
      if (r.entry.fallback) fallbacks.push({ ...r.entry.fallback, start: r.entry.fallback.start + ch.start, end: r.entry.fallback.end + ch.start, chunkStart: ch.start, chunkEnd: ch.end });
    }
    if (overAt < chunks.length) {
      const ch = chunks[overAt]!;
      const { lineEnd } = lineAt(text, ch.start, ch.end);
      fallbacks.push({ start: ch.start, end: Math.min(lineEnd, ch.start + 200), chunkStart: ch.start, chunkEnd: text.length, reason: 'headings', value: headingCount, limit: budget.maxHeadings });
    }
    // (after a byte order mark the root starts past it, as parseMarkdown has it)
    const bom = text.charCodeAt(0) === 0xfeff;
    const root: Root = { type: 'root', children, position: { start: { line: 1, column: bom ? 2 : 1, offset: bom ? 1 : 0 }, end: endPoint(text) } };
    return { root, fallbacks, chunks: chunks.length, parsed };
  }

  return {
    parse(text: string): IncrementalParse {
      const it = run(text);
      for (;;) {
        const r = it.next();
        if (r.done) return r.value;
      }
    },
    async parseAsync(text: string, sliceMs = 8): Promise<IncrementalParse> {
      const it = run(text);
      let t0 = performance.now();
      for (;;) {
        const r = it.next();
        if (r.done) return r.value;
        if (performance.now() - t0 > sliceMs) {
          await nextTurn();
          t0 = performance.now();
        }
      }
    },
    clear() {
      cache.clear();
      cachedChars = 0;
      lastDefs = [];
    },
    get size() {
      return cache.size;
    },
  };
}
