/**
 * Plans split across files (issue 14, item 4): a folder of chapter files declared by an index file (a
 * `README.md` or `SUMMARY.md` marked as a plan that links the chapters, as mdBook and GitBook do) or by
 * `chapters` in planlint.config.json. The chapters are checked as one plan: their texts are joined, in the
 * index's order, after the index's own text, checked once, and every finding and edit is mapped back to
 * the file it falls in. A finding about the whole plan (a missing section, at the plan's title) stands in the
 * index. A chapter is never checked on its own, so it is never told that the rest of the plan is missing.
 * Pure: files are read through the reader the caller gives.
 */
import * as path from 'node:path';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkFrontmatter from 'remark-frontmatter';
import type { Link, Root } from 'mdast';
import { checkPlan, type CheckOptions, type CheckResult } from './engine.js';
import { applyEdits, insertionPoint, sectionText } from './fixes.js';
import { passEdits } from './fixall.js';
import { isPlan, frontMatterMarksPlan } from './plans.js';
import type { ResolvedConfig } from './config.js';
import type { Finding, Fix, Lang, TextEdit } from './types.js';
import { isInside } from './files.js';
import { LineIndex } from './text.js';
import { planOnHostedModel } from './evidence.js';

/** File names that may index a split plan. */
export const INDEX_NAMES = ['readme.md', 'summary.md'];
/** Text between two joined files: a blank line, so that no block runs on into the next file. */
const JOIN = '\n\n';

export interface PlanFile {
  /** Absolute path. */
  file: string;
  text: string;
}

export interface SplitPlan {
  /** The index file, or null for chapters listed in planlint.config.json. */
  index: PlanFile | null;
  chapters: PlanFile[];
}

interface Segment extends PlanFile {
  /** Where the file's text starts in the joined text; the file's front matter of a chapter is left out. */
  at: number;
  /** Offset in the file of its first character in the joined text. */
  from: number;
  /** The file is the plan's index. */
  index: boolean;
}

export interface SplitResult {
  split: SplitPlan;
  /** The check of the joined text. */
  whole: CheckResult;
  /** The joined text, and where each file stands in it. */
  text: string;
  segments: Segment[];
  /** Findings by file, with offsets in that file, and fixes and suggestions whose edits all fall in it. */
  byFile: Map<string, Finding[]>;
  /** The finding of the joined text each of byFile's stands for (its fix may write into other files). */
  origin: WeakMap<Finding, Finding>;
}

const indexParser = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']);

/**
 * The chapter files an index links to, in order, once each: local links to Markdown files inside the
 * index's folder (`[Market](02-market.md)`, `<a href="…">` is not read), anchors and queries dropped.
 */
export function indexLinks(indexFile: string, text: string): string[] {
  const dir = path.dirname(indexFile);
  const out: string[] = [];
  const walk = (n: { type: string; children?: unknown[]; url?: string }) => {
    if (n.type === 'link') {
      const url = (n as Link).url;
      const target = localMarkdown(url);
      if (target !== null) {
        const abs = path.resolve(dir, target);
        if (isInside(dir, abs) && abs !== indexFile && !out.includes(abs)) out.push(abs);
      }
    }
    for (const c of (n.children ?? []) as { type: string }[]) walk(c);
  };
  try {
    walk(indexParser.parse(text) as Root);
  } catch {
    return [];
  }
  return out;
}

/** The path of a relative link to a Markdown file, decoded, without anchor or query; null for any other link. */
function localMarkdown(url: string): string | null {
  if (!url || url.startsWith('/') || url.startsWith('#') || url.startsWith('//')) return null;
  const colon = url.indexOf(':');
  const slash = url.indexOf('/');
  if (colon >= 0 && (slash < 0 || colon < slash)) return null; // a scheme (http:, mailto:) or a drive
  let p = url;
  for (const stop of ['#', '?']) {
    const i = p.indexOf(stop);
    if (i >= 0) p = p.slice(0, i);
  }
  try {
    p = decodeURIComponent(p);
  } catch {
    return null;
  }
  return p.toLowerCase().endsWith('.md') ? p : null;
}

/**
 * An index of a split plan: a README.md or SUMMARY.md that is a plan (front matter `planlint: true`, or the
 * include globs) and links at least two chapter files. Its chapters, or null.
 */
export function planIndexChapters(file: string, text: string, config: ResolvedConfig): string[] | null {
  if (!INDEX_NAMES.includes(path.basename(file).toLowerCase())) return null;
  if (frontMatterMarksPlan(text) !== true && !isPlan(file, text, config)) return null;
  const links = indexLinks(file, text);
  return links.length >= 2 ? links : null;
}

function frontMatterLength(text: string): number {
  if (!text.startsWith('---')) return 0;
  const nl = text.indexOf('\n');
  if (nl < 0 || text.slice(3, nl).trim() !== '') return 0;
  let i = nl + 1;
  while (i < text.length) {
    const end = text.indexOf('\n', i);
    const line = text.slice(i, end < 0 ? text.length : end).replace(/\r$/, '');
    if (line === '---' || line === '...') return end < 0 ? text.length : end + 1;
    if (end < 0) return 0;
    i = end + 1;
  }
  return 0;
}

/** The joined text of a split plan: the index, then each chapter (without its front matter), a blank line apart. */
export function joinSplit(split: SplitPlan): { text: string; segments: Segment[] } {
  const files = [...(split.index ? [split.index] : []), ...split.chapters];
  const segments: Segment[] = [];
  let text = '';
  files.forEach((f, i) => {
    if (i > 0) text += JOIN;
    const isIndex = i === 0 && split.index !== null;
    const from = isIndex ? 0 : frontMatterLength(f.text);
    segments.push({ ...f, at: text.length, from, index: isIndex });
    text += isIndex ? blankChapterList(f) : f.text.slice(from);
  });
  return { text, segments };
}

/**
 * The index's text with its list of chapters blanked out (each character but line breaks a space, so that
 * offsets stay): the list is the plan's table of contents, not a part of the plan.
 */
function blankChapterList(index: PlanFile): string {
  return index.text
    .split('\n')
    .map((l) => (/^[ \t]*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+)?\[/.test(l) && indexLinks(index.file, l).length ? l.replace(/[^\r]/g, ' ') : l))
    .join('\n');
}

/** The segment an offset of the joined text falls in: an offset in the blank line between two files belongs to the file before. */
function segmentAt(segments: Segment[], offset: number): Segment {
  let lo = 0;
  let hi = segments.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (segments[mid]!.at <= offset) lo = mid;
    else hi = mid - 1;
  }
  return segments[lo]!;
}

const localOffset = (s: Segment, offset: number) => Math.min(s.from + offset - s.at, s.text.length);

/** An offset of the joined text as a file and an offset in it. */
export function fileOffset(r: Pick<SplitResult, 'segments'>, offset: number): { file: string; offset: number; text: string } {
  const s = segmentAt(r.segments, offset);
  return { file: s.file, offset: localOffset(s, offset), text: s.text };
}

/** Edits of the joined text, by file, in file offsets; null when one spans two files. */
export function editsByFile(r: Pick<SplitResult, 'segments'>, edits: readonly TextEdit[]): Map<string, TextEdit[]> | null {
  const out = new Map<string, TextEdit[]>();
  for (const e of edits) {
    const s = segmentAt(r.segments, e.start);
    if (segmentAt(r.segments, Math.max(e.start, e.end - 1)) !== s && e.end > e.start) return null;
    // an insertion at the very start of a chapter ends the chapter before it (a new section goes after the one
    // it follows, not at the head of the next file), unless that is the index
    const prev = r.segments[r.segments.indexOf(s) - 1];
    const at = e.start === e.end && e.start === s.at && prev && !prev.index ? prev : s;
    const list = out.get(at.file) ?? [];
    list.push(at === s ? { ...e, start: localOffset(s, e.start), end: localOffset(s, e.end) } : { ...e, start: at.text.length, end: at.text.length });
    out.set(at.file, list);
  }
  return out;
}

/** A fix of the joined text as a fix of one file, or undefined when its edits fall elsewhere. */
function fixIn(r: Pick<SplitResult, 'segments'>, fix: Fix | undefined, file: string): Fix | undefined {
  if (!fix) return undefined;
  const by = editsByFile(r, fix.edits);
  if (!by || by.size !== 1 || !by.has(file)) return undefined;
  return { ...fix, edits: by.get(file)! };
}

/** Checks a split plan as one plan and maps each finding to the file it stands in. */
export function checkSplitPlan(split: SplitPlan, opts: Omit<CheckOptions, 'plan'> = {}): SplitResult {
  const { text, segments } = joinSplit(split);
  const first = segments[0];
  const lines = new Map<string, LineIndex>();
  const locate = (offset: number, from: number) => {
    const s = segmentAt(segments, offset);
    let li = lines.get(s.file);
    if (!li) lines.set(s.file, (li = new LineIndex(s.text)));
    const line = li.positionAt(localOffset(s, offset)).line + 1;
    return segmentAt(segments, from) === s ? { line } : { line, file: path.basename(s.file) };
  };
  const whole = checkPlan(text, { ...opts, ...(first ? { filePath: first.file } : {}), locate });
  const r: SplitResult = { split, whole, text, segments, byFile: new Map<string, Finding[]>(), origin: new WeakMap() };
  for (const s of segments) r.byFile.set(s.file, []);
  // a missing section is about the whole plan: in the index (its table of contents), at the plan's title
  const title = whole.plan.titleIndex !== null ? whole.plan.sections[whole.plan.titleIndex]!.heading : null;
  const atIndex = split.index ? (title && segmentAt(segments, title.start) === segments[0] ? title : { start: 0, end: 0 }) : null;
  for (const found of whole.findings) {
    const f = atIndex && found.rule === 'missing-section' ? { ...found, ...atIndex } : found;
    const s = segmentAt(segments, f.start);
    const fix = fixIn(r, f.fix, s.file);
    const suggestions = (f.suggestions ?? []).map((x) => fixIn(r, x, s.file)).filter((x): x is Fix => x !== undefined);
    const { fix: _f, suggestions: _s, related, ...rest } = f;
    const local: Finding = {
      ...rest,
      start: localOffset(s, f.start),
      end: localOffset(s, Math.max(f.start, Math.min(f.end, s.at + s.text.length - s.from))),
      ...(related ? { related: related.filter((x) => segmentAt(segments, x.start) === s).map((x) => ({ ...x, start: localOffset(s, x.start), end: localOffset(s, x.end) })) } : {}),
      ...(fix ? { fix } : {}),
      ...(suggestions.length ? { suggestions } : {}),
    };
    r.origin.set(local, found);
    r.byFile.get(s.file)!.push(local);
  }
  return r;
}

/**
 * A missing section as a new chapter file: its name (numbered like the chapter files beside it when they are,
 * `07-data-privacy.md`, `07-数据隐私.md`), its text, and the line that lists it in the index, after the entry of
 * the chapter the section would follow. Null without an index, or when the section is no section of the profile.
 */
export function newChapterFile(r: SplitResult, sectionId: string, lang: Lang): { file: string; text: string; indexEdit: TextEdit } | null {
  const index = r.split.index;
  const g = r.whole.profile.byId.get(sectionId);
  if (!index || !g) return null;
  const dir = path.dirname(index.file);
  const title = g.title[lang];
  // the chapter the section follows: where the one-file fix would insert it
  const point = insertionPoint(r.whole.plan, r.whole.analysis, r.whole.profile, g);
  const at = point.offset;
  const after = segmentAt(r.segments, Math.max(0, at - 1));
  const names = r.split.chapters.map((c) => path.basename(c.file));
  const numbered = names.length > 0 && names.every((n) => /^\d{1,3}[-_. ]/.test(n));
  const slug = (lang === 'en' ? title.toLowerCase() : title).replace(/[\\/:*?"<>|#%&{}$!'@+`=\s]+/g, '-').replace(/^-+|-+$/g, '') || sectionId;
  let name = `${slug}.md`;
  if (numbered) {
    const pos = r.split.chapters.findIndex((c) => c.file === after.file);
    const width = /^\d+/.exec(names[0]!)![0].length;
    const n = (pos < 0 ? 0 : Number(/^\d+/.exec(names[pos]!)![0])) + 1;
    const sep = names[0]![width]!;
    name = `${String(n).padStart(width, '0')}${sep}${slug}.md`;
  }
  let file = path.join(dir, name);
  for (let i = 2; r.segments.some((s) => s.file === file) && i < 100; i++) file = path.join(dir, name.replace(/\.md$/, `-${i}.md`));
  const text = `${sectionText(g, lang, Math.max(1, point.depth), '', planOnHostedModel(r.whole.plan, r.whole.profile))}\n`;
  return { file, text, indexEdit: indexEntryEdit(index, after.file === index.file ? null : after.file, path.basename(file), title) };
}

/** The index line listing a new chapter: a list item like the index's own, after the one linking `after` (or after the last link). */
function indexEntryEdit(index: PlanFile, after: string | null, target: string, title: string): TextEdit {
  const lines = index.text.split('\n');
  const dir = path.dirname(index.file);
  let line = -1;
  let lastLink = -1;
  let prefix = '- ';
  lines.forEach((l, i) => {
    const links = indexLinks(index.file, l);
    if (!links.length) return;
    lastLink = i;
    const m = /^([ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+)/.exec(l);
    if (m) prefix = m[1]!.replace(/\d+/, (d) => String(Number(d) + 1));
    if (after && links.includes(after)) line = i;
  });
  const at = line >= 0 ? line : lastLink;
  const encoded = encodeURI(path.relative(dir, path.join(dir, target)).split(path.sep).join('/'));
  if (at < 0) {
    const end = index.text.length;
    const sep = index.text.endsWith('\n') || !index.text ? '' : '\n';
    return { start: end, end, newText: `${sep}\n- [${title}](${encoded})\n` };
  }
  // the offset just after the chosen line's end
  let offset = 0;
  for (let i = 0; i <= at; i++) offset += lines[i]!.length + 1;
  offset = Math.min(offset, index.text.length);
  const needsBreak = offset === index.text.length && !index.text.endsWith('\n');
  return { start: offset, end: offset, newText: `${needsBreak ? '\n' : ''}${prefix}[${title}](${encoded})\n` };
}

/**
 * The split plan a file belongs to: the nearest index (README.md or SUMMARY.md in its folder or a parent, up
 * to `stopAt`) that lists it or is it, or the chapters of the config in force. Files are read through `read`
 * (an open editor's text, else the disk); a chapter that cannot be read is left out.
 */
export function findSplitPlan(file: string, config: ResolvedConfig, read: (file: string) => string | null, stopAt?: string | null): SplitPlan | null {
  const abs = path.resolve(file);
  if (config.chapters?.includes(abs)) return readChapters(null, config.chapters, read);
  let dir = path.dirname(abs);
  const stop = stopAt ? path.resolve(stopAt) : null;
  for (let depth = 0; depth < 32; depth++) {
    for (const name of ['README.md', 'SUMMARY.md', 'readme.md', 'Readme.md']) {
      const candidate = path.join(dir, name);
      const text = candidate === abs ? read(abs) : read(candidate);
      if (text === null) continue;
      const chapters = planIndexChapters(candidate, text, config);
      if (chapters && (candidate === abs || chapters.includes(abs))) return readChapters({ file: candidate, text }, chapters, read);
    }
    if (stop && dir === stop) break;
    const up = path.dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  return null;
}

function readChapters(index: PlanFile | null, chapters: string[], read: (file: string) => string | null): SplitPlan {
  const out: PlanFile[] = [];
  for (const c of chapters) {
    const text = read(c);
    if (text !== null) out.push({ file: c, text });
  }
  return { index, chapters: out };
}

/**
 * Fix-all over a split plan: the passes of fixAll on the joined text, each edit written into the file it
 * falls in (an edit across two files is left out), until nothing is left to fix. The new text of each file.
 */
export function fixAllSplit(split: SplitPlan, opts: Omit<CheckOptions, 'plan'> = {}, maxPasses = 10): { split: SplitPlan; result: SplitResult } {
  let current = split;
  let result = checkSplitPlan(current, opts);
  for (let pass = 0; pass < maxPasses; pass++) {
    const by = new Map<string, TextEdit[]>();
    for (const e of passEdits(result.whole)) {
      const one = editsByFile(result, [e]);
      if (!one) continue;
      for (const [file, list] of one) by.set(file, [...(by.get(file) ?? []), ...list]);
    }
    if (!by.size) break;
    const apply = (f: PlanFile): PlanFile => (by.has(f.file) ? { file: f.file, text: applyEdits(f.text, by.get(f.file)!) } : f);
    current = { index: current.index && apply(current.index), chapters: current.chapters.map(apply) };
    result = checkSplitPlan(current, opts);
  }
  return { split: current, result };
}
