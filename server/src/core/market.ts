/**
 * Market figures of a plan: sizes and growth rates, where they stand (the market section, a section titled after the
 * market, a sentence anywhere that calls a figure a market size), and whether a source is named for them. Read once
 * per check and shared by the rules that ask for market figures, for their sources and for their order.
 */
import { cellValue, findUnit, innermostSection, guideMembers, maskedText, readNumbers, readTables, sentences, within, type MdNode, type NumberToken } from './numbers.js';
import type { PlanModel } from './parse.js';
import { findPlaceholders } from './placeholders.js';
import type { Analysis } from './match.js';
import type { Span } from './types.js';
import { hasFootnoteRef, hasLinkTarget, removeHtmlComments } from './scan.js';

/** Words around a market-size figure inside the market-demand section. */
const SIZE_CONTEXT = /市场|规模|空间|容量|行业|产业|赛道|TAM|SAM|SOM|market|industry|sector|spend|spending|spent|支出|开支/i;
/** Outside it, only figures that say outright that they are a market size. */
const STRONG_SIZE = /市场规模|市场空间|市场容量|行业规模|产业规模|市场总量|\bTAM\b|\bSAM\b|\bSOM\b|market size|addressable market|(?:market|industry)(?:\s+[\w-]+){0,4}?\s+(?:is|was|will|to reach|worth|valued|reached|expected|projected|estimated|totals?|stands)\b/i;
/** A money figure right before the word market: "a $9.8B market", "300亿元的市场". */
const MARKET_AFTER = /^\s*(?:(?:[A-Za-z-]+\s+){0,3}market\b(?!\s+share)|的?[^\s，。,.;；]{0,8}市场(?!份额|占有率))/i;
const GROWTH = /增长|增速|增幅|复合|CAGR|年均|同比|growth|grow|growing|grew|increase|rise|rising|expand|YoY|annual/i;
/** Right after an amount: it is a price per something. */
const PER_UNIT = /^\s*\+?\s*(?:\/|per\b|每|一)/i;
/** Words that name a growth rate outright. */
const STRONG_GROWTH = /增长率|增速|增幅|复合|CAGR|年均增长|同比|growth rate|\bYoY\b|annual growth/i;
/** A percentage right after these is a share or a margin, not growth. */
const NOT_GROWTH_BEFORE = /(?:份额|占有率|渗透率|占比|比例|毛利率|利润率|转化率|留存率|流失率|准确率|召回率|share|penetration|margin|conversion|retention|churn|accuracy|of\s+(?:the\s+)?(?:market|users|customers))[^。；;.!?！？]{0,8}$/i;
/** Numbers that count things, not money. */
const COUNT_AFTER = /^\s*(?:多|余|\+)?\s*(?:用户|人|家|个|名|台|次|户|款|项|条|张|篇|套|座|tokens?|users?|people|customers|companies|businesses|enterprises|firms|devices|units|parameters|参数|GPU|卡|小时|hours|TB|PB|GB)/i;
const MARKET_WORD = /市场|行业|产业|market|industry|TAM|SAM|SOM/i;

/** A link, a footnote, a citation or a stated source. */
export const SOURCE_RE =
  /来源|出处|引自|引用自|数据源|资料源|(?:据|根据|援引|参考)[^，。,;；\n]{0,40}(?:报告|数据|统计|预测|研究|调研|调查|白皮书|测算|估计|估算|显示|发布|公布)|\bsources?\s*[:：]|according to|\bper\s+[A-Z]|\bcited\b|reported by|estimates? (?:by|from)|\bdata from|\breport(?:ed)? by|\bvia\s+[A-Z]|https?:\/\/|\[\d+(?:[,，\-–]\s*\d+)*\]|\b(?:IDC|Gartner|Forrester|McKinsey|Statista|PitchBook|CB Insights|Crunchbase|Frost|BCG|Deloitte|PwC|KPMG|EY|Bloomberg|Goldman Sachs|Morgan Stanley|Grand View|MarketsandMarkets|Precedence Research|Mordor Intelligence|IMARC|OECD|World Bank|IMF)\b|麦肯锡|沙利文|艾瑞|易观|信通院|信息通信研究院|国家统计局|统计局|工信部|发改委|前瞻产业研究院|智研咨询|灼识|头豹|亿欧|赛迪|中商产业研究院|波士顿咨询|德勤|普华永道|毕马威|安永|彭博|高盛|摩根士丹利|罗兰贝格|埃森哲|中金|中信证券|华泰证券|国泰君安|招商证券|海通证券/i;

/**
 * True when the text states a source: SOURCE_RE, a link target `](…)` or a footnote `[^…]`
 * (those two are linear scans: as alternatives of SOURCE_RE, `\]\([^)]+\)` and `\[\^[^\]]+\]`
 * re-read the rest of the text from every `](` and `[^`).
 */
export function hasSource(text: string): boolean {
  // "according to recent market research", 据行业数据显示: an attribution that names no one is no source
  const named = text.includes('据') || /according|research|report|data|stud/i.test(text) ? text.replace(VAGUE_SOURCE_RE, ' ') : text;
  return SOURCE_RE.test(named) || hasLinkTarget(text) || hasFootnoteRef(text);
}

/**
 * Attributions that name no source: removed before SOURCE_RE looks. Each alternative is a run of literal
 * words (no two of which share a start), so the scan stays linear.
 */
export const VAGUE_SOURCE_RE =
  /according to (?:(?:recent|some|many|various|several|industry|market|public|the latest|latest|our own) )*(?:research|reports?|data|studies|surveys?|estimates|analysts|experts|statistics)|(?:industry|market) (?:research|reports?|data|studies) (?:shows?|suggests?|indicates?)|(?:据|根据)(?:行业|相关|市场|有关|业内|公开|权威|第三方)(?:机构)?(?:数据|报告|研究|统计|调研|分析)(?:显示|表明|预测)?/gi;

export type FigureKind = 'size' | 'growth';

export interface Figure extends Span {
  kind: FigureKind;
  raw: string;
  /** The number as read in its sentence or cell (a range's low end has the high end's scale); offsets are not the plan's. */
  tok: NumberToken;
  /** In the market section or a section titled after the market (not only a sentence elsewhere that calls it a market size). */
  inMarket: boolean;
  /** The sentence or table row the figure stands in. */
  unit: Span;
  /** Text where a source next to the figure may be: the sentence, or the row, its table's caption and the note under it. */
  near: string;
}

interface Ctx {
  plan: PlanModel;
  /** Spans of the market-demand section and of other sections titled after the market, where looser wording counts. */
  market: Span[];
}

/** A section title about the market (市场机会, Market Validation), not about marketing, sales or entering it. */
const MARKET_TITLE = /市场|行业(?:分析|背景|现状|概况|规模|趋势)|产业(?:分析|背景|现状|规模)|\bTAM\b|\bSAM\b|\bmarkets?\b/i;
const NOT_MARKET_TITLE = /营销|推广|策略|战略|进入|开拓|拓展|渠道|销售|份额|marketing|go[- ]to[- ]market|strateg|entry|sales|share/i;
/** A section the plan itself declares void (已作废, superseded): its figures are history, not claims. */
export const VOID_TITLE = /作废|废弃|弃用|不再适用|deprecated|obsolete|superseded|\bvoid(?:ed)?\b|no longer valid/i;

/**
 * Where figures read as market figures: the market section's members (heading included, so a sub-heading
 * `#### Home cooks (TAM: $12B)` counts), and the own text of any section titled after the market.
 */
function marketContext(plan: PlanModel, analysis: Analysis, market: string | undefined): Span[] {
  const spans: Span[] = [];
  const members = new Set(market ? guideMembers(plan, analysis, market) : []);
  for (const x of plan.sections) {
    if (members.has(x.index) || (MARKET_TITLE.test(x.title) && !NOT_MARKET_TITLE.test(x.title))) spans.push({ start: x.heading.start, end: x.own.end });
  }
  return spans;
}

/** Spans of the sections the plan declares void, with their sub-sections. */
function voidSpans(plan: PlanModel): Span[] {
  return plan.sections.filter((x) => VOID_TITLE.test(x.text)).map((x) => x.span);
}

function isMoney(tok: NumberToken, after: string): boolean {
  if (tok.percent || tok.period || (tok.yearLike && !tok.currency)) return false;
  if (COUNT_AFTER.test(after)) return false;
  return tok.currency !== null || tok.scale >= 1e3;
}

/** The clause of a sentence around a figure: between commas, semicolons or colons. */
function clauseAround(text: string, start: number, end: number): string {
  const before = text.slice(0, start);
  const from = Math.max(...['，', ', ', '、', '；', ';', '：'].map((c) => before.lastIndexOf(c)));
  const after = text.slice(end);
  const ends = ['，', ', ', '、', '；', ';', '。'].map((c) => after.indexOf(c)).filter((i) => i >= 0);
  return text.slice(from < 0 ? 0 : from, end + (ends.length ? Math.min(...ends) : after.length));
}

function sentenceFigures(inMarket: boolean, s: { start: number; end: number; text: string }, raw: string): Figure[] {
  const out: Figure[] = [];
  const text = s.text;
  const sizeCtx = inMarket ? SIZE_CONTEXT.test(text) : STRONG_SIZE.test(text);
  const growthCtx = GROWTH.test(text) && (inMarket || MARKET_WORD.test(text));
  if (!sizeCtx && !growthCtx && !MARKET_WORD.test(text)) return out;
  for (const tok of readNumbers(text)) {
    const after = text.slice(tok.end, tok.end + 12);
    let kind: FigureKind | null = null;
    if ((sizeCtx || MARKET_AFTER.test(text.slice(tok.end, tok.end + 40))) && isMoney(tok, after)) kind = 'size';
    else if (growthCtx && tok.percent && GROWTH.test(clauseAround(text, tok.start, tok.end)) && !NOT_GROWTH_BEFORE.test(text.slice(Math.max(0, tok.start - 24), tok.start))) kind = 'growth';
    if (!kind) continue;
    out.push({ kind, start: s.start + tok.start, end: s.start + tok.end, raw: tok.raw, tok, inMarket, unit: { start: s.start, end: s.end }, near: raw });
  }
  return withTrajectories(out, text, s.start);
}

/** Between two sizes, a word of moving from one to the other: "$11.06B (2021) → $187.95B (2030)", "从 86 亿元增至 180 亿元". */
const TRAJECTORY = /→|->|⟶|➔|➡|增至|增长至|增长到|增加到|升至|上升至|扩大至|扩大到|达到|\bto\b|\breach(?:es|ing)?\b/i;

/** Two market sizes a trajectory apart state a growth: the second also counts as a growth figure. */
function withTrajectories(figures: Figure[], text: string, base: number): Figure[] {
  const sizes = figures.filter((f) => f.kind === 'size');
  for (let i = 1; i < sizes.length; i++) {
    const gap = text.slice(sizes[i - 1]!.end - base, sizes[i]!.start - base);
    if (gap.length <= 24 && TRAJECTORY.test(gap)) figures.push({ ...sizes[i]!, kind: 'growth' });
  }
  return figures;
}

/** A sentence of a paragraph, offsets relative to the paragraph's start, with its figures once read. */
interface RelSentence {
  start: number;
  end: number;
  /** Masked text. */
  text: string;
  raw: string;
  inMarket?: Figure[];
  outside?: Figure[];
}

/** Sentences by paragraph content (masked and raw): a keystroke re-reads only the paragraph it changed. */
const sentenceMemo = new Map<string, RelSentence[]>();
let sentenceMemoChars = 0;

function paragraphSentences(masked: string, text: string, ps: number, pe: number): RelSentence[] {
  const m = masked.slice(ps, pe);
  const r = text.slice(ps, pe);
  const key = m === r ? r : `${m}\0${r}`;
  let out = sentenceMemo.get(key);
  if (out) return out;
  // own copies: a slice would keep the whole document (and its masked copy) alive in the memo
  const mOwn = flat(m);
  const rOwn = m === r ? mOwn : flat(r);
  out = sentences(mOwn, 0, mOwn.length).map((s) => ({ start: s.start, end: s.end, text: s.text, raw: rOwn.slice(s.start, s.end) }));
  const own = m === r ? mOwn : flat(key);
  if (sentenceMemoChars + key.length > 2_000_000) {
    sentenceMemo.clear();
    sentenceMemoChars = 0;
  }
  sentenceMemo.set(own, out);
  sentenceMemoChars += key.length;
  return out;
}

/** The string's own copy (flattening a concatenation copies). */
function flat(s: string): string {
  return (' ' + s).slice(1);
}

/** Paragraphs and headings (a heading may carry a figure: `#### Home cooks (TAM: $12B)`). */
function paragraphs(root: MdNode): MdNode[] {
  const out: MdNode[] = [];
  const walk = (n: MdNode) => {
    if (n.type === 'paragraph' || n.type === 'heading') out.push(n);
    else if (n.type !== 'table' && n.type !== 'code' && n.type !== 'html') for (const ch of n.children ?? []) walk(ch);
  };
  walk(root);
  return out;
}

/** Market-size and growth figures of the plan: in the market-demand section, and elsewhere where a sentence calls them a market size. */
const figuresMemo = new WeakMap<Analysis, { plan: PlanModel; market: string | undefined; figures: Figure[] }>();

/** Market-size and growth figures of the plan (read-only: shared by the rules of one check). */
export function marketFigures(plan: PlanModel, analysis: Analysis, market: string | undefined): Figure[] {
  const m = figuresMemo.get(analysis);
  if (m?.plan === plan && m.market === market) return m.figures;
  const figures = readMarketFigures(plan, analysis, market);
  figuresMemo.set(analysis, { plan, market, figures });
  return figures;
}

/** `market`: the profile's market section (role `market`), whose text counts as speaking of the market. */
function readMarketFigures(plan: PlanModel, analysis: Analysis, market: string | undefined): Figure[] {
  const c: Ctx = { plan, market: marketContext(plan, analysis, market) };
  const text = plan.text;
  const masked = maskedText(text);
  const out: Figure[] = [];
  for (const p of paragraphs(plan.root as unknown as MdNode)) {
    const ps = p.position?.start.offset ?? 0;
    const pe = p.position?.end.offset ?? ps;
    for (const s of paragraphSentences(masked, text, ps, pe)) {
      // figures depend on the sentence's text and whether it is in the market section: kept relative to the paragraph
      const inMarket = within(c.market, ps + s.start);
      let rel = inMarket ? s.inMarket : s.outside;
      if (!rel) {
        rel = sentenceFigures(inMarket, s, s.raw);
        if (inMarket) s.inMarket = rel;
        else s.outside = rel;
      }
      for (const f of rel) out.push({ ...f, start: f.start + ps, end: f.end + ps, unit: { start: f.unit.start + ps, end: f.unit.end + ps } });
    }
  }
  for (const table of readTables(text, plan.root as unknown as MdNode)) {
    const inMarket = within(c.market, table.start);
    const header = table.rows[0]!;
    const tableText = maskedText(table.caption) + ' ' + header.map((h) => h.text).join(' ');
    const noteAfter = text.slice(table.end, text.indexOf('\n\n', table.end + 2) > 0 ? text.indexOf('\n\n', table.end + 2) : text.length).slice(0, 300);
    for (const row of table.rows.slice(1)) {
      const label = row.slice(0, table.labelCols).map((x) => x.text).join(' ');
      const labelUnit = findUnit(label);
      const rowStart = row[0]!.start;
      const rowEnd = row[row.length - 1]!.end;
      const rowRaw = text.slice(rowStart, rowEnd);
      row.forEach((cell, ci) => {
        if (ci < table.labelCols) return;
        const head = header[ci]?.text ?? '';
        const ctxText = `${table.caption} ${head} ${label}`;
        const sizeCtx = inMarket ? SIZE_CONTEXT.test(ctxText) || SIZE_CONTEXT.test(tableText) : STRONG_SIZE.test(ctxText);
        // a growth column outside the market's sections must say it is a growth rate ("市场与增长" is a budget line)
        const growthWords = `${head} ${label}`;
        const growthCtx = inMarket ? GROWTH.test(growthWords) : STRONG_GROWTH.test(growthWords) && MARKET_WORD.test(ctxText);
        const push = (kind: FigureKind, tok: NumberToken) =>
          out.push({
            kind,
            start: cell.start + tok.start,
            end: cell.start + tok.end,
            raw: tok.raw,
            tok,
            inMarket,
            unit: { start: rowStart, end: rowEnd },
            near: `${rowRaw}\n${table.caption}\n${noteAfter}`,
          });
        if (!cell.token) {
          // a cell of several figures in a market section: "$7-8B → $50B+ by 2030 (46% CAGR)"
          if (!inMarket || cell.blank) return;
          const raw = text.slice(cell.start, cell.end);
          const before = out.length;
          for (const tok of readNumbers(raw)) {
            if (tok.percent && GROWTH.test(clauseAround(raw, tok.start, tok.end))) push('growth', tok);
            // only an amount in a currency, and not a price (`5-50 万/单`, `$20/month`)
            else if (sizeCtx && tok.currency !== null && isMoney(tok, raw.slice(tok.end, tok.end + 12)) && !PER_UNIT.test(raw.slice(tok.end, tok.end + 8))) push('size', tok);
          }
          out.push(...withTrajectories(out.splice(before), raw, cell.start));
          return;
        }
        const tok = cellValue(cell, labelUnit, findUnit(head), table.unit);
        if (!tok) return;
        if (sizeCtx && isMoney(tok, text.slice(cell.start + cell.token.end, cell.end))) push('size', cell.token);
        else if (growthCtx && tok.percent) push('growth', cell.token);
      });
    }
  }
  // figures inside fill-ins ("[amount with unit, e.g. 600 亿元]") are examples, not figures; a void section's are history
  const holes = [...findPlaceholders(plan), ...voidSpans(plan)];
  return out.filter((f) => !holes.some((h) => f.start >= h.start && f.start < h.end)).sort((a, b) => a.start - b.start);
}

/** The span whose text may name a source for all figures in it: the outermost claimed section around the figure, else its own section. */
function sectionScope(plan: PlanModel, analysis: Analysis, offset: number): Span {
  const inner = innermostSection(plan.sections, offset);
  if (inner === null) return { start: 0, end: plan.sections[0]?.heading.start ?? plan.text.length };
  let scope = plan.sections[inner]!.span;
  let i: number | null = inner;
  while (i !== null) {
    if (analysis.matches.has(i)) scope = plan.sections[i]!.span;
    i = plan.sections[i]!.parent;
  }
  return scope;
}

/** The sentence or row states the plan's own obtainable share (SOM), not a market figure of others. */
function ownTarget(unit: string): boolean {
  return /\bSOM\b|可获得市场|可获取市场|serviceable obtainable/i.test(unit) && !/\bTAM\b|\bSAM\b/.test(unit);
}

export function unsourcedFigures(plan: PlanModel, analysis: Analysis, market: string | undefined): Figure[] {
  const figures = marketFigures(plan, analysis, market);
  const out: Figure[] = [];
  const scopeCache = new Map<string, boolean>();
  const reported = new Set<number>();
  for (const f of figures) {
    if (reported.has(f.unit.start)) continue;
    if (hasSource(f.near)) continue;
    // a SOM is the plan's own target share: it wants a derivation, not a source
    if (ownTarget(plan.text.slice(f.unit.start, f.unit.end))) continue;
    const scope = sectionScope(plan, analysis, f.start);
    const key = `${scope.start}:${scope.end}`;
    let sourced = scopeCache.get(key);
    if (sourced === undefined) {
      sourced = hasSource(removeHtmlComments(plan.text.slice(scope.start, scope.end)));
      scopeCache.set(key, sourced);
    }
    if (sourced) continue;
    reported.add(f.unit.start);
    out.push(f);
  }
  return out;
}

