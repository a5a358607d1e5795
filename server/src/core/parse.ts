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
  if (text.charCodeAt(0) !== 0xfeff) return processor.parse(text) as Root;
  const root = processor.parse(text.slice(1)) as Root;
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

const SKIP_TEXT = new Set(['code', 'html', 'yaml', 'definition', 'footnoteDefinition']);

/** Plain text of a node, leaving out code, HTML and front matter. */
export function plainText(node: Nodes): string {
  if (SKIP_TEXT.has(node.type)) return '';
  if ('value' in node && typeof node.value === 'string') return node.value;
  if ('children' in node) {
    const parts: string[] = [];
    for (const c of node.children as Nodes[]) {
      const t = plainText(c);
      if (t) parts.push(t);
    }
    const sep = node.type === 'paragraph' || node.type === 'heading' || node.type === 'emphasis' || node.type === 'strong' || node.type === 'link' || node.type === 'delete' ? '' : '\n';
    return parts.join(sep);
  }
  return '';
}

function spanOf(node: Nodes, fallback: number): Span {
  const s = node.position?.start.offset ?? fallback;
  const e = node.position?.end.offset ?? s;
  return { start: s, end: e };
}


/** What a top-level node gives the model, derived from its content alone. */
interface NodeFacts {
  /** plainText of a block; for a heading its text with whitespace collapsed. */
  text: string;
  words: number;
  cjk: number;
  latin: number;
  /** HTML comments inside the node, offsets relative to its start. */
  comments: { start: number; end: number; body: string }[];
  /** Headings: title and normalized form. */
  title?: string;
  normalized?: string;
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
  const { cjk, latin } = languageCounts(t);
  const comments: NodeFacts['comments'] = [];
  visit(node, 'html', (h) => {
    if (!h.position || !h.value.includes('<!--')) return;
    const s = h.position.start.offset!;
    const raw = text.slice(s, h.position.end.offset);
    for (const m of htmlComments(raw)) comments.push({ start: s - start + m.start, end: s - start + m.end, body: m.body.trim() });
  });
  f = { text: t, words: heading ? 0 : countWords(t), cjk, latin, comments };
  if (heading) {
    f.title = stripNumbering(t);
    f.normalized = normalizeTitle(t);
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
      const h = node as Heading;
      const headingText = facts!.text;
      cjk += facts!.cjk;
      latin += facts!.latin;
      while (stack.length && sections[stack[stack.length - 1]!]!.depth >= h.depth) stack.pop();
      const parent = stack.length ? stack[stack.length - 1]! : null;
      const index = sections.length;
      sections.push({
        index,
        depth: h.depth,
        text: headingText,
        title: facts!.title!,
        normalized: facts!.normalized!,
        heading: span,
        own: { start: span.end, end: text.length },
        span: { start: span.start, end: text.length },
        parent,
        children: [],
        blocks: [],
        ownText: '',
        ownWords: 0,
      });
      if (parent !== null) sections[parent]!.children.push(index);
      stack.push(index);
      ownWords.push(0);
      continue;
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
  const titleIndex = sections.length > 0 && sections[0]!.depth === 1 && h1.length === 1 ? 0 : null;

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

/** parsePlan, yielding to the event loop between chunks (for the language server). */
export async function parsePlanAsync(text: string): Promise<PlanModel> {
  const r = await shared.parseAsync(text);
  return buildPlanModel(text, r.root, r.fallbacks);
}

/** A whole-document parse with no chunking, cache or budget (the reference the incremental parse must equal). */
export function parsePlanWhole(text: string): PlanModel {
  return buildPlanModel(text, parseMarkdown(text));
}
