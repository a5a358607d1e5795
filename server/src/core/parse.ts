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
import { LineIndex, countWords, dominantLanguage } from './text.js';
import { normalizeTitle, stripNumbering } from './normalize.js';
import type { Lang, Span } from './types.js';
import { createIncrementalParser, type ParseFallback } from './incremental.js';

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

const COMMENT_RE = /<!--([\s\S]*?)-->/g;

export function buildPlanModel(text: string, root: Root, fallbacks: ParseFallback[] = []): PlanModel {
  const lines = new LineIndex(text);
  const sections: Section[] = [];
  const preamble: Block[] = [];
  const comments: HtmlComment[] = [];
  let frontMatter: FrontMatter | null = null;
  const stack: number[] = [];

  for (const node of root.children) {
    const span = spanOf(node, text.length);
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
      const headingText = plainText(h).replace(/\s+/g, ' ').trim();
      while (stack.length && sections[stack[stack.length - 1]!]!.depth >= h.depth) stack.pop();
      const parent = stack.length ? stack[stack.length - 1]! : null;
      const index = sections.length;
      sections.push({
        index,
        depth: h.depth,
        text: headingText,
        title: stripNumbering(headingText),
        normalized: normalizeTitle(headingText),
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
      continue;
    }
    const block: Block = { ...span, node, text: plainText(node) };
    const cur = sections.length ? sections[sections.length - 1]! : null;
    (cur ? cur.blocks : preamble).push(block);
  }

  // HTML comments anywhere (blocks, inline in paragraphs, in lists and quotes): suppression directives live there.
  visit(root, 'html', (node) => {
    if (!node.position || !node.value.includes('<!--')) return;
    const start = node.position.start.offset!;
    const raw = text.slice(start, node.position.end.offset);
    for (const m of raw.matchAll(COMMENT_RE)) comments.push({ start: start + m.index, end: start + m.index + m[0].length, body: m[1]!.trim() });
  });
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
    s.ownWords = countWords(s.ownText);
  }

  const h1 = sections.filter((s) => s.depth === 1);
  const titleIndex = sections.length > 0 && sections[0]!.depth === 1 && h1.length === 1 ? 0 : null;

  const prose = [...preamble, ...sections.flatMap((s) => s.blocks)].map((b) => b.text).join('\n') + '\n' + sections.map((s) => s.text).join('\n');
  return {
    text,
    lines,
    root,
    frontMatter,
    sections,
    titleIndex,
    preamble,
    comments,
    language: dominantLanguage(prose),
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
