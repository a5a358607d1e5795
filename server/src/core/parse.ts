/**
 * Parsing: Markdown (GFM, front matter) through unified + remark-parse into
 * the plan model: the document's top-level headings as a section tree with
 * source spans, each section's own prose and its CJK-aware length.
 */
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import remarkFrontmatter from 'remark-frontmatter';
import type { Root, RootContent, Heading, Nodes } from 'mdast';
import { parse as parseYaml } from 'yaml';
import { visit } from 'unist-util-visit';
import { LineIndex, countWords, languageCounts } from './text.js';
import { normalizeTitle, stripNumbering } from './normalize.js';
import { readChapterNumber } from './numbering.js';
import type { Lang, Span } from './types.js';
import { htmlComments } from './scan.js';
import { createIncrementalParser, originOf, type ParseFallback } from './incremental.js';

export type { ParseFallback };

export interface Block extends Span {
  node: RootContent;
  /** The block's prose as plain text (code, HTML and front matter give ""). */
  text: string;
}

export interface Section {
  index: number;
  depth: number;
  /**
   * How the heading is written when it is not a Markdown heading: a paragraph
   * that is one bold line (`**一、市场分析**`), or an HTML heading tag
   * (`<summary><h2>…</h2></summary>`), or a plain line that is plainly meant as
   * one (`#市场分析` without the space, `三、市场分析` on a line of its own).
   * Such a heading opens a section one level below the Markdown heading it
   * stands under (an HTML tag and `#` marks keep their level).
   */
  pseudo?: 'bold' | 'html' | 'plain';
  /** Heading text as written (inline markup removed). */
  text: string;
  /** Heading text without numbering and emoji, for display. */
  title: string;
  /** Comparable form, see normalizeTitle. */
  normalized: string;
  /** The heading itself. */
  heading: Span;
  /** From the end of the heading to the next heading of any depth. */
  own: Span;
  /** From the heading to the next heading of the same or a higher level. */
  span: Span;
  parent: number | null;
  children: number[];
  /** Top-level blocks of the section's own content (not of sub-sections). */
  blocks: Block[];
  /** Plain text of the own content. */
  ownText: string;
  /** CJK-aware word count of ownText. */
  ownWords: number;
}

export interface FrontMatter extends Span {
  raw: string;
  /** Parsed YAML, or undefined when it did not parse. */
  data: unknown;
  error?: string;
}

export interface HtmlComment extends Span {
  body: string;
}

export interface PlanModel {
  text: string;
  lines: LineIndex;
  root: Root;
  frontMatter: FrontMatter | null;
  /** Top-level headings in document order. */
  sections: Section[];
  /** Index of the document title (a lone H1 that opens the document), or null. */
  titleIndex: number | null;
  /** Blocks before the first heading. */
  preamble: Block[];
  comments: HtmlComment[];
  language: Lang;
  /** Parts read as plain text because they were over the parse budget (see incremental.ts). */
  fallbacks: ParseFallback[];
}

const processor = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml']);

/**
 * Parses Markdown. A byte order mark is not Markdown (it would hide a heading
 * or front matter on line 1): the text after it is parsed and every position
 * shifted back by one, so offsets still index the original text.
 */
export function parseMarkdown(text: string): Root {
  if (text.charCodeAt(0) !== 0xfeff) return bareRoot(processor.parse(text) as Root);
  const root = bareRoot(processor.parse(text.slice(1)) as Root);
  const shift = (p: { line: number; column: number; offset?: number | undefined }) => {
    if (p.offset !== undefined) p.offset += 1;
    if (p.line === 1) p.column += 1;
  };
  visit(root, (node: Nodes) => {
    if (node.position) {
      shift(node.position.start);
      shift(node.position.end);
    }
  });
  return root;
}

/**
 * The root as mdast defines it. A paragraph outside any list that starts with a task box (`-` on one line,
 * `[ ] text` on the next) makes remark-gfm set `checked` on the root itself: a property of the text's first
 * lines that a root assembled from parsed chunks cannot carry, and that nothing reads.
 */
function bareRoot(root: Root): Root {
  delete (root as { checked?: unknown }).checked;
  return root;
}

const SKIP_TEXT = new Set(['code', 'html', 'yaml', 'definition', 'footnoteDefinition']);
const SKIP_CONTENT = new Set(['yaml', 'definition', 'footnoteDefinition']);

/** Plain text of a node, leaving out code, HTML and front matter. */
export function plainText(node: Nodes): string {
  return textOf(node, SKIP_TEXT);
}

/**
 * What a reader counts as a block's content: its prose, and also the text of
 * code blocks (a P&L or an architecture written as a code block) and of HTML
 * (tags removed).
 */
export function contentText(node: Nodes): string {
  return textOf(node, SKIP_CONTENT);
}

function textOf(node: Nodes, skip: ReadonlySet<string>): string {
  if (skip.has(node.type)) return '';
  if (node.type === 'html') return stripTags(node.value);
  if ('value' in node && typeof node.value === 'string') return node.value;
  if ('children' in node) {
    const parts: string[] = [];
    for (const c of node.children as Nodes[]) {
      const t = textOf(c, skip);
      if (t) parts.push(t);
    }
    const sep = node.type === 'paragraph' || node.type === 'heading' || node.type === 'emphasis' || node.type === 'strong' || node.type === 'link' || node.type === 'delete' ? '' : '\n';
    return parts.join(sep);
  }
  return '';
}

/** HTML with its tags and comments removed (one pass; a `<` that opens no tag is kept). */
export function stripTags(html: string): string {
  let out = '';
  let i = 0;
  while (i < html.length) {
    const lt = html.indexOf('<', i);
    if (lt < 0) {
      out += html.slice(i);
      break;
    }
    out += html.slice(i, lt);
    const next = html.charCodeAt(lt + 1);
    const isTag = next === 47 /* / */ || next === 33 /* ! */ || (next >= 65 && next <= 90) || (next >= 97 && next <= 122);
    if (!isTag) {
      out += '<';
      i = lt + 1;
      continue;
    }
    const close = html.startsWith('<!--', lt) ? html.indexOf('-->', lt + 4) : html.indexOf('>', lt + 1);
    if (close < 0) {
      out += html.slice(lt);
      break;
    }
    out += ' ';
    i = close + (html.startsWith('<!--', lt) ? 3 : 1);
  }
  return out;
}

/** HTML heading tags in an HTML block: level, text (tags removed) and span relative to the block. */
export function htmlHeadings(html: string): { depth: number; text: string; start: number; end: number }[] {
  const out: { depth: number; text: string; start: number; end: number }[] = [];
  const lower = html.toLowerCase();
  let i = 0;
  for (;;) {
    const at = lower.indexOf('<h', i);
    if (at < 0) break;
    const d = lower.charCodeAt(at + 2) - 48;
    const after = lower.charAt(at + 3);
    if (d < 1 || d > 6 || !(after === '>' || after === ' ')) {
      i = at + 2;
      continue;
    }
    const open = lower.indexOf('>', at);
    const closeTag = `</h${d}>`;
    const close = open < 0 ? -1 : lower.indexOf(closeTag, open);
    if (close < 0) break;
    const text = stripTags(html.slice(open + 1, close)).replace(/\s+/g, ' ').trim();
    if (text) out.push({ depth: d, text, start: at, end: close + closeTag.length });
    i = close + closeTag.length;
  }
  return out;
}

const SENTENCE_END = new Set(['。', '！', '？', '；', '!', '?', ';']);

/**
 * The text of a paragraph that is a bold line used as a heading: one strong
 * (or emphasis-wrapped strong) run, alone on its line, short, with at most a
 * colon after it and no sentence inside. Else null.
 */
export function boldHeadingText(node: RootContent): string | null {
  if (node.type !== 'paragraph') return null;
  const kids = node.children.filter((c) => !(c.type === 'text' && /^[\s:：]*$/.test(c.value)));
  if (kids.length !== 1 || kids[0]!.type !== 'strong') return null;
  // a trailing text node other than a colon means the bold run opens a sentence
  const last = node.children[node.children.length - 1]!;
  if (last.type === 'text' && !/^[\s:：]*$/.test(last.value)) return null;
  const text = plainText(kids[0]!).replace(/\s+/g, ' ').trim().replace(/[:：]$/, '').trim();
  if (!text || [...text].length > 40 || text.includes('\n')) return null;
  for (const ch of text) if (SENTENCE_END.has(ch)) return null;
  // "Note." / "Disclaimer." style lead-ins end with a full stop; numbering like "1." does not count
  if (/[.．]$/.test(text) && !/^[\d.．\s]+$/.test(text)) return null;
  return text;
}

const CN_DIGITS = new Set([...'一二三四五六七八九十']);

/**
 * A paragraph of one plain line meant as a heading: `#市场分析` (the space
 * after `#` forgotten) with its level, or a line opening with chapter
 * numbering (`三、`, `第三章`) that is short and holds no sentence. Else null.
 */
export function plainHeadingOf(node: RootContent, source: string): { depth: number; text: string } | null {
  if (node.type !== 'paragraph') return null;
  // one text run, and at most HTML comments after it (`三、市场分析 <!-- … -->`)
  const [first, ...rest] = node.children;
  if (first?.type !== 'text' || !rest.every((c) => c.type === 'html' && c.value.startsWith('<!--'))) return null;
  const raw = source.slice(first.position?.start.offset ?? 0, first.position?.end.offset ?? 0).trimEnd();
  if (raw.includes('\n') || [...raw].length > 40) return null;
  let hashes = 0;
  while (raw.charCodeAt(hashes) === 35 /* # */) hashes++;
  const sentence = () => [...raw].some((ch) => SENTENCE_END.has(ch) || ch === '，' || ch === ',');
  if (hashes >= 1 && hashes <= 6) {
    const text = raw.slice(hashes).trim();
    // `#1` `#tag`: a Latin word after `#` is a tag or an issue number; CJK after it is a heading
    if (!text || sentence() || !/^\p{Script=Han}/u.test(text)) return null;
    return { depth: hashes, text };
  }
  if (hashes > 0 || sentence()) return null;
  let i = 0;
  if (raw[0] === '第') {
    i = 1;
    while (i < raw.length && CN_DIGITS.has(raw[i]!)) i++;
    if (i === 1 || !'章部篇'.includes(raw[i] ?? '')) return null;
    i++;
  } else {
    while (i < raw.length && CN_DIGITS.has(raw[i]!)) i++;
    if (i === 0 || raw[i] !== '、') return null;
    i++;
  }
  const text = raw.trim();
  return [...raw.slice(i).trim()].length >= 2 ? { depth: 0, text } : null;
}

function spanOf(node: Nodes, fallback: number): Span {
  const s = node.position?.start.offset ?? fallback;
  const e = node.position?.end.offset ?? s;
  return { start: s, end: e };
}


/** What a top-level node gives the model, derived from its content alone. */
interface NodeFacts {
  /** contentText of a block; for a heading its plain text with whitespace collapsed. */
  text: string;
  words: number;
  cjk: number;
  latin: number;
  /** HTML comments inside the node, offsets relative to its start. */
  comments: { start: number; end: number; body: string }[];
  /** Headings: title and normalized form. */
  title?: string;
  normalized?: string;
  /** Headings written otherwise: a bold line, or HTML heading tags (offsets relative to the node). */
  pseudo?: { kind: 'bold' | 'html' | 'plain'; depth: number; text: string; title: string; normalized: string; start: number; end: number }[];
}

/**
 * Facts by node, keyed by the node a moved chunk's nodes were copied from
 * (incremental.ts), so that a re-check derives them only for re-parsed chunks.
 */
const factsMemo = new WeakMap<object, NodeFacts>();

function factsOf(node: RootContent, text: string): NodeFacts {
  const key = originOf(node);
  let f = factsMemo.get(key);
  if (f) return f;
  const start = node.position?.start.offset ?? 0;
  const heading = node.type === 'heading';
  const t = heading ? plainText(node).replace(/\s+/g, ' ').trim() : plainText(node);
  // the dominant language is that of the prose; length and topics count code and HTML too
  const { cjk, latin } = languageCounts(t);
  const content = heading ? t : contentText(node);
  const comments: NodeFacts['comments'] = [];
  visit(node, 'html', (h) => {
    if (!h.position || !h.value.includes('<!--')) return;
    const s = h.position.start.offset!;
    const raw = text.slice(s, h.position.end.offset);
    for (const m of htmlComments(raw)) comments.push({ start: s - start + m.start, end: s - start + m.end, body: m.body.trim() });
  });
  f = { text: content, words: heading ? 0 : countWords(content), cjk, latin, comments };
  if (heading) {
    f.title = stripNumbering(t);
    f.normalized = normalizeTitle(t);
  }
  const bold = boldHeadingText(node);
  const end = (node.position?.end.offset ?? start) - start;
  const plain = bold === null ? plainHeadingOf(node, text) : null;
  if (bold !== null) f.pseudo = [{ kind: 'bold', depth: 0, text: bold, title: stripNumbering(bold), normalized: normalizeTitle(bold), start: 0, end }];
  else if (plain !== null) f.pseudo = [{ kind: 'plain', depth: plain.depth, text: plain.text, title: stripNumbering(plain.text), normalized: normalizeTitle(plain.text), start: 0, end }];
  else if (node.type === 'html' && /<h[1-6][\s>]/i.test(node.value)) {
    const hs = htmlHeadings(text.slice(start, start + end));
    if (hs.length) f.pseudo = hs.map((h) => ({ kind: 'html' as const, depth: h.depth, text: h.text, title: stripNumbering(h.text), normalized: normalizeTitle(h.text), start: h.start, end: h.end }));
  }
  factsMemo.set(key, f);
  return f;
}

export function buildPlanModel(text: string, root: Root, fallbacks: ParseFallback[] = []): PlanModel {
  const lines = new LineIndex(text);
  const sections: Section[] = [];
  const preamble: Block[] = [];
  const comments: HtmlComment[] = [];
  let frontMatter: FrontMatter | null = null;
  const stack: number[] = [];

  let cjk = 0;
  let latin = 0;
  /** Word count of each section's own blocks. */
  const ownWords: number[] = [];
  const openSection = (depth: number, headingText: string, title: string, normalized: string, span: Span, pseudo: Section['pseudo']) => {
    while (stack.length && sections[stack[stack.length - 1]!]!.depth >= depth) stack.pop();
    const parent = stack.length ? stack[stack.length - 1]! : null;
    const index = sections.length;
    const section: Section = {
      index,
      depth,
      text: headingText,
      title,
      normalized,
      heading: span,
      own: { start: span.end, end: text.length },
      span: { start: span.start, end: text.length },
      parent,
      children: [],
      blocks: [],
      ownText: '',
      ownWords: 0,
    };
    if (pseudo) section.pseudo = pseudo;
    sections.push(section);
    if (parent !== null) sections[parent]!.children.push(index);
    stack.push(index);
    ownWords.push(0);
  };
  for (const node of root.children) {
    const span = spanOf(node, text.length);
    const facts = node.type === 'yaml' ? null : factsOf(node, text);
    if (facts) for (const c of facts.comments) comments.push({ start: span.start + c.start, end: span.start + c.end, body: c.body });
    if (node.type === 'yaml') {
      let data: unknown;
      let error: string | undefined;
      try {
        data = parseYaml(node.value);
      } catch (e) {
        error = e instanceof Error ? e.message : String(e);
      }
      frontMatter = { ...span, raw: node.value, data, ...(error ? { error } : {}) };
      continue;
    }
    if (node.type === 'heading') {
      cjk += facts!.cjk;
      latin += facts!.latin;
      openSection((node as Heading).depth, facts!.text, facts!.title!, facts!.normalized!, span, undefined);
      continue;
    }
    if (facts!.pseudo) {
      cjk += facts!.cjk;
      latin += facts!.latin;
      for (const p of facts!.pseudo) {
        // a bold line stands one level below the Markdown heading it follows
        let real = 1;
        for (let k = stack.length - 1; k >= 0; k--) {
          const o = sections[stack[k]!]!;
          if (!o.pseudo) {
            real = o.depth;
            break;
          }
        }
        let depth = p.depth > 0 ? p.depth : Math.min(6, real + 1);
        // a chapter line that continues the numbering of a real heading before it (`三、财务` after `## 二、团队`)
        // stands at that heading's level; `一、` after `## 二、市场分析` opens its sub-sections (one level below)
        const num = p.kind === 'plain' ? readChapterNumber(p.text) : null;
        for (let k = sections.length - 1, seen = 0; num && k >= 0 && seen < 64; k--, seen++) {
          const o = sections[k]!;
          if (o.pseudo) continue;
          const prev = readChapterNumber(o.text);
          if (prev && prev.kind === num.kind && prev.before === num.before && prev.value + 1 === num.value) depth = o.depth;
          if (prev && prev.kind === num.kind) break;
        }
        // the first heading of an HTML block starts at the block: text inserted before it never lands inside the HTML
        const at = p === facts!.pseudo[0] ? span.start : span.start + p.start;
        openSection(depth, p.text, p.title, p.normalized, { start: at, end: span.start + p.end }, p.kind);
      }
      if (facts!.pseudo[0]!.kind !== 'html') continue;
    }
    // (an object literal, not a spread of the span: a keystroke on a 1 MB plan builds every block again)
    const block: Block = { start: span.start, end: span.end, node, text: facts!.text };
    cjk += facts!.cjk;
    latin += facts!.latin;
    const cur = sections.length ? sections[sections.length - 1]! : null;
    if (cur) {
      cur.blocks.push(block);
      ownWords[cur.index] = ownWords[cur.index]! + facts!.words;
    } else preamble.push(block);
  }

  // HTML comments anywhere (blocks, inline in paragraphs, in lists and quotes): suppression directives live there.
  comments.sort((a, b) => a.start - b.start);

  // Close spans: own ends at the next heading; span at the next heading of the same or higher level.
  for (let i = 0; i < sections.length; i++) {
    const s = sections[i]!;
    const next = sections[i + 1];
    s.own.end = next ? next.heading.start : text.length;
    let j = i + 1;
    while (j < sections.length && sections[j]!.depth > s.depth) j++;
    s.span.end = j < sections.length ? sections[j]!.heading.start : text.length;
    s.ownText = s.blocks.map((b) => b.text).filter(Boolean).join('\n');
    // words never span the line breaks that join blocks: the sum of the blocks' counts
    s.ownWords = ownWords[i]!;
  }

  const h1 = sections.filter((s) => s.depth === 1);
  const titleIndex = sections.length > 0 && sections[0]!.depth === 1 && !sections[0]!.pseudo && h1.length === 1 ? 0 : null;

  // dominantLanguage of all prose and headings, summed by block (counts never span the joins)
  const language: Lang = cjk === 0 && latin === 0 ? 'en' : cjk * 2 >= latin ? 'zh' : 'en';
  return {
    text,
    lines,
    root,
    frontMatter,
    sections,
    titleIndex,
    preamble,
    comments,
    language,
    fallbacks,
  };
}

/** The shared section-incremental parser: chunks cached by content, bounded. */
const shared = createIncrementalParser();

/** Parses a plan, re-using the chunks of earlier parses that did not change. */
export function parsePlan(text: string): PlanModel {
  const r = shared.parse(text);
  return buildPlanModel(text, r.root, r.fallbacks);
}
