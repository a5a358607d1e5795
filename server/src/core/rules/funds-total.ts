import { z } from 'zod';
import { defineRule } from './rule.js';
import { t } from '../i18n.js';
import {
  innermostSection,
  cellValue,
  close,
  findUnit,
  formatPlain,
  guideSpans,
  maskedText,
  readNumbers,
  readTables,
  sentences,
  within,
  type Currency,
  type MdNode,
  type NumberToken,
  type TableModel,
} from '../numbers.js';
import type { PlanModel } from '../parse.js';
import type { Analysis } from '../match.js';
import type { Lang, Span } from '../types.js';

/** Words that announce a use-of-funds breakdown. */
export const USE_OF_FUNDS = /资金用途|资金使用|资金运用|资金分配|募集资金|募资用途|融资用途|用途|用于|use of (?:funds|proceeds)|allocation|allocate|will be used|be spent|spend(?:ing)? (?:plan|breakdown)|budget breakdown/i;
const TOTAL_LABEL = /^(?:合计|总计|共计|总额|total|sum)\b|合计$|总计$/i;
const PERCENT_HEAD = /占比|比例|比重|百分比|%|％|share|percent|portion/i;
const AMOUNT_HEAD = /金额|数额|预算|资金|费用|投入|amount|budget|funds|cost|usd|rmb|cny|万元|亿元|美元|[$¥￥€]/i;
/** A sentence announcing the round: "本轮拟融资 3,000 万元", "we are raising $5M". */
const RAISE = /本轮|拟融|计划融资|融资需求|融资金额|融资规模|寻求|募集|募资|拟募|申请贷款|this round|raising|are raising|seek|seeking|to raise|will raise|funding (?:request|need|needs|ask|of)|the ask|asking for|round (?:size|of)|raise of|\bwe (?:are )?request(?:ing)?\b|\brequesting\b|\bloan of\b/i;
const NOT_RAISE = /估值|市值|投前|投后|已完成|已获|累计|此前|上一轮|营收|收入|valuation|valued|pre-money|post-money|previously|last round|prior round|to date|revenue|\braised\b/i;

interface Raised {
  tok: NumberToken;
  span: Span;
}

function money(tok: NumberToken): boolean {
  return !tok.percent && !tok.period && !tok.range && !(tok.yearLike && !tok.currency) && (tok.currency !== null || tok.scale >= 1e3);
}

/** The amount raised, stated once (or several times alike) in the financing section; null when absent or ambiguous. */
export function amountRaised(plan: PlanModel, spans: Span[]): Raised | null {
  const masked = maskedText(plan.text);
  // clauses: "本轮拟融资3,000万元，出让15%股权，投后估值2亿元" → three; "3,000" and "3，000" stay whole
  const clauses = masked.replace(/，(?!\d{3}(?!\d))|,(?=\s)|、/g, '。');
  const found: Raised[] = [];
  let ambiguous = false;
  for (const span of spans) {
    for (const clause of sentences(clauses, span.start, span.end)) {
      const text = masked.slice(clause.start, clause.end);
      if (/^\s*\|/.test(text) || text.includes('\n|')) continue; // table rows
      if (!RAISE.test(text)) continue;
      for (const tok of readNumbers(text)) {
        // "at a $12M pre-money valuation", "we previously raised $750K": not this round
        if (NOT_RAISE.test(text.slice(Math.max(0, tok.start - 30), tok.end + 25))) continue;
        if (tok.range) {
          if (tok.currency || tok.scale >= 1e3) ambiguous = true;
          continue;
        }
        if (!money(tok)) continue;
        found.push({ tok, span: { start: clause.start + tok.start, end: clause.start + tok.end } });
      }
    }
  }
  if (ambiguous || !found.length) return null;
  const first = found[0]!;
  if (!found.every((f) => close(f.tok.value, first.tok.value, Math.max(f.tok.tolerance, first.tok.tolerance)))) return null;
  return first;
}

export interface Breakdown {
  /** Where to report: the total cell, else the header or the list's start. */
  percentAt: Span;
  amountAt: Span;
  percents: NumberToken[] | null;
  amounts: NumberToken[] | null;
  /** Each item's amount and share, when every item states both, with where its share is written. */
  pairs: Array<{ label: string; amount: NumberToken; share: NumberToken; at: Span }> | null;
}

function tableBreakdown(table: TableModel): Breakdown | null {
  const header = table.rows[0]!;
  const width = header.length;
  const body = table.rows.slice(1);
  const items = body.filter((r) => !TOTAL_LABEL.test(r[0]!.text.replace(/[*_]/g, '').trim()));
  const total = body.find((r) => TOTAL_LABEL.test(r[0]!.text.replace(/[*_]/g, '').trim()));
  if (items.length < 2) return null;
  let pctCol = -1;
  const amountCols: number[] = [];
  for (let c = 1; c < width; c++) {
    const head = header[c]!.text;
    const unit = findUnit(head);
    const toks = items.map((r) => r[c]!.token).filter((x): x is NumberToken => !!x);
    if (!toks.length) continue;
    if (unit?.percent || (PERCENT_HEAD.test(head) && toks.every((x) => x.percent)) || toks.every((x) => x.percent)) {
      if (pctCol < 0) pctCol = c;
    } else if (toks.every((x) => !x.percent) && (AMOUNT_HEAD.test(head) || unit || table.unit || toks.some((x) => x.currency || x.scaleWord))) amountCols.push(c);
  }
  const amountCol = amountCols.length === 1 ? amountCols[0]! : amountCols.find((c) => TOTAL_LABEL.test(header[c]!.text.trim()) || /合计|total/i.test(header[c]!.text)) ?? -1;
  const at = (c: number): Span => {
    const cell = total?.[c] ?? header[c]!;
    return { start: cell.start, end: cell.end };
  };
  const column = (c: number, percent: boolean): NumberToken[] | null => {
    const out: NumberToken[] = [];
    for (const r of items) {
      const cell = r[c]!;
      if (cell.dash) continue;
      const tok = cellValue(cell, findUnit(r[0]!.text), findUnit(header[c]!.text), table.unit);
      if (!tok || tok.percent !== percent) return null;
      out.push(tok);
    }
    return out.length >= 2 ? out : null;
  };
  const pairs: NonNullable<Breakdown['pairs']> = [];
  if (pctCol >= 0 && amountCol >= 0) {
    for (const r of items) {
      const amount = cellValue(r[amountCol]!, findUnit(r[0]!.text), findUnit(header[amountCol]!.text), table.unit);
      const share = cellValue(r[pctCol]!, findUnit(r[0]!.text), findUnit(header[pctCol]!.text), table.unit);
      if (!amount || !share || amount.percent || !share.percent) {
        pairs.length = 0;
        break;
      }
      pairs.push({ label: r[0]!.text.replace(/[*_`]/g, '').trim(), amount, share, at: { start: r[pctCol]!.start, end: r[pctCol]!.end } });
    }
  }
  return {
    pairs: pairs.length >= 2 ? pairs : null,
    percentAt: pctCol >= 0 ? at(pctCol) : { start: table.start, end: table.start },
    amountAt: amountCol >= 0 ? at(amountCol) : { start: table.start, end: table.start },
    percents: pctCol >= 0 ? column(pctCol, true) : null,
    amounts: amountCol >= 0 ? column(amountCol, false) : null,
  };
}

function listBreakdown(plan: PlanModel, list: MdNode): Breakdown | null {
  const items = (list.children ?? []).filter((li) => li.type === 'listItem');
  const percents: NumberToken[] = [];
  const amounts: NumberToken[] = [];
  let allPct = true;
  let allAmt = true;
  let n = 0;
  const pairs: NonNullable<Breakdown['pairs']> = [];
  for (const li of items) {
    const first = li.children?.[0];
    if (!first?.position) return null;
    const raw = maskedText(plan.text.slice(first.position.start.offset ?? 0, first.position.end.offset ?? 0));
    if (TOTAL_LABEL.test(raw.replace(/^[\s*_]+/, '').trim())) continue;
    n++;
    const toks = readNumbers(raw).filter((x) => !x.period && !x.yearLike);
    const pct = toks.filter((x) => x.percent && !x.range);
    const amt = toks.filter((x) => money(x));
    if (pct.length === 1) percents.push(pct[0]!);
    else allPct = false;
    if (amt.length === 1) amounts.push(amt[0]!);
    else allAmt = false;
    if (pct.length === 1 && amt.length === 1) {
      const base = first.position.start.offset ?? 0;
      const label = raw.slice(0, Math.min(pct[0]!.start, amt[0]!.start)).replace(/[*_`：:（(\s]+$/u, '').replace(/^[\s*_]+/, '').trim();
      pairs.push({ label, amount: amt[0]!, share: pct[0]!, at: { start: base + pct[0]!.start, end: base + pct[0]!.end } });
    }
  }
  if (n < 2) return null;
  const start = list.position?.start.offset ?? 0;
  const firstLineEnd = plan.text.indexOf('\n', start);
  const at = { start, end: firstLineEnd > start ? firstLineEnd : start };
  return { percentAt: at, amountAt: at, percents: allPct ? percents : null, amounts: allAmt ? amounts : null, pairs: allPct && allAmt ? pairs : null };
}

function inUseScope(plan: PlanModel, offset: number): boolean {
  // the innermost heading above the block names the use of funds
  const inner = innermostSection(plan.sections, offset);
  return inner !== null && USE_OF_FUNDS.test(plan.sections[inner]!.title);
}

export interface FundsProblem {
  kind: 'percent' | 'amount' | 'share';
  at: Span;
  sum: number;
  raised?: Raised;
  unit: Currency | null;
  /** For a share that does not match its amount: the item, its amount and the share that amount is of the total. */
  item?: { label: string; amount: NumberToken; share: NumberToken; computed: number };
}

/** `funding`: the profile's section for the raise (role `funding`), where the amount raised is read. */
export function fundsProblems(plan: PlanModel, analysis: Analysis, funding: string | undefined): FundsProblem[] {
  const financing = funding ? guideSpans(plan, analysis, funding) : [];
  const raised = amountRaised(plan, financing);
  const out: FundsProblem[] = [];
  const breakdowns: Breakdown[] = [];
  const root = plan.root as unknown as MdNode;
  for (const table of readTables(plan.text, root)) {
    const marked = inUseScope(plan, table.start) || USE_OF_FUNDS.test(table.caption) || /用途|use of|allocation/i.test(table.rows[0]!.map((c) => c.text).join(' '));
    if (!marked) continue;
    const b = tableBreakdown(table);
    if (b) breakdowns.push(b);
  }
  // lists right after a sentence that announces the breakdown, or under a use-of-funds heading
  const walk = (node: MdNode) => {
    const kids = node.children ?? [];
    kids.forEach((child, i) => {
      if (child.type === 'list') {
        const prev = kids[i - 1];
        const prevText = prev?.type === 'paragraph' ? plan.text.slice(prev.position?.start.offset ?? 0, prev.position?.end.offset ?? 0) : '';
        const start = child.position?.start.offset ?? 0;
        if (USE_OF_FUNDS.test(prevText) || inUseScope(plan, start)) {
          if (within(financing, start) || inUseScope(plan, start) || /资金|funds|proceeds/i.test(prevText)) {
            const b = listBreakdown(plan, child);
            if (b) breakdowns.push(b);
          }
        }
      } else if (child.type !== 'table') walk(child);
    });
  };
  walk(root);
  for (const b of breakdowns) {
    if (b.percents) {
      const sum = b.percents.reduce((a, x) => a + x.value, 0);
      const tol = b.percents.reduce((a, x) => a + x.tolerance, 0);
      if (!close(sum, 100, tol)) out.push({ kind: 'percent', at: b.percentAt, sum, unit: null });
      else if (b.pairs) out.push(...shareProblems(b.pairs));
    }
    if (b.amounts && raised) {
      const cur = b.amounts.find((x) => x.currency)?.currency ?? null;
      if (cur && raised.tok.currency && cur !== raised.tok.currency) continue;
      const sum = b.amounts.reduce((a, x) => a + x.value, 0);
      // the amount raised is a target, exact as stated; the parts may be rounded
      const tol = b.amounts.reduce((a, x) => a + x.tolerance, 0);
      if (!close(sum, raised.tok.value, tol)) out.push({ kind: 'amount', at: b.amountAt, sum, raised, unit: cur ?? raised.tok.currency });
    }
  }
  return out;
}

/**
 * Each item's share against its amount: amount ÷ the items' total. Read only when the shares add up to 100 %
 * (else that is the finding) and the item's share misses by more than the rounding shown and a percentage point.
 */
function shareProblems(pairs: NonNullable<Breakdown['pairs']>): FundsProblem[] {
  const cur = pairs.find((p) => p.amount.currency)?.amount.currency ?? null;
  if (pairs.some((p) => p.amount.currency && p.amount.currency !== cur)) return [];
  const total = pairs.reduce((a, p) => a + p.amount.value, 0);
  if (total <= 0) return [];
  const out: FundsProblem[] = [];
  for (const p of pairs) {
    const computed = (100 * p.amount.value) / total;
    const tol = p.share.tolerance + (100 * p.amount.tolerance) / total;
    if (Math.abs(computed - p.share.value) <= Math.max(tol, 1)) continue;
    out.push({ kind: 'share', at: p.at, sum: total, unit: cur, item: { label: p.label, amount: p.amount, share: p.share, computed } });
  }
  // every share off: the shares are of something else (a budget over years, another total)
  return out.length === pairs.length ? [] : out;
}

function money4(lang: Lang, value: number, cur: Currency | null): string {
  // 30,000,000 → "3,000万" in Chinese, "30,000,000" in English; with the currency code
  const code = cur ?? '';
  if (lang === 'zh' && Math.abs(value) >= 1e4) {
    const big = Math.abs(value) >= 1e8;
    return `${formatPlain(value / (big ? 1e8 : 1e4), 4)}${big ? '亿' : '万'}${code === 'CNY' ? '元' : code ? ' ' + code : ''}`;
  }
  return `${code === 'USD' ? '$' : code === 'CNY' ? '¥' : code === 'EUR' ? '€' : ''}${formatPlain(value, 2)}${code && !['USD', 'CNY', 'EUR'].includes(code) ? ' ' + code : ''}`;
}

export default defineRule({
  id: 'PL010',
  name: 'funds-total',
  description: {
    en: 'A use-of-funds breakdown does not add up to 100%, or to the amount raised.',
    zh: '资金用途的分项占比合计不是 100%，或金额合计与融资金额不符。',
  },
  defaultSeverity: 'error',
  fixable: false,
  options: z.object({}).strict(),
  docs: {
    details: {
      en: 'Finds use-of-funds breakdowns: tables and lists under a heading or after a sentence such as `资金用途`, `Use of funds`, `will be used`, or tables whose header names the use. Their percentages must add up to 100%, each item\'s share must match its amount (its amount ÷ the items\' total, within the rounding shown and a percentage point; reported as a warning on the share), and their amounts to the amount raised stated in the financing section (`本轮拟融资 3,000 万元`, `we are raising $5M`), both within the rounding shown (33.3% × 3 is fine). Amounts are read with currencies, scale words and the unit of the table (`单位：万元`, `(USD K)`); a total row is left out of the sum (table-arithmetic checks it). When the amount raised is stated as a range, twice differently, or in another currency, only the percentages are checked.',
      zh: '查找资金用途明细：位于“资金用途”“Use of funds”等标题下、或紧跟“将用于”“will be used”等句子之后的表格和列表，以及表头写明用途的表格。其百分比之和应为 100%，每项占比应与其金额相符（该项金额 ÷ 各项合计，允许显示精度与 1 个百分点的误差；不符时在占比处以警告报告），金额之和应等于融资章节中写明的融资金额（如“本轮拟融资 3,000 万元”“we are raising $5M”），均允许显示精度范围内的舍入误差（33.3% × 3 不报）。金额按货币、数量单位和表格单位（`单位：万元`、`(USD K)`）读取；合计行不计入求和（由 table-arithmetic 检查）。若融资金额写成区间、前后不一致或币种不同，则只检查百分比。',
    },
    valid:
      '## 融资计划\n\n本轮拟融资 3,000 万元，出让 15% 股权。\n\n资金用途如下（单位：万元）：\n\n| 用途 | 金额 | 占比 |\n|---|---:|---:|\n| 模型研发 | 1,500 | 50% |\n| 市场拓展 | 900 | 30% |\n| 算力采购 | 600 | 20% |\n| 合计 | 3,000 | 100% |\n',
    invalid:
      '## Financing\n\nWe are raising $5M in a seed round.\n\nUse of funds:\n\n- R&D: $2.5M (50%)\n- Sales and marketing: $1.5M (30%)\n- Operations: $0.5M (15%)\n',
  },
  check(ctx) {
    const funding = ctx.profile.byRole.get('funding')?.id;
    for (const p of fundsProblems(ctx.plan, ctx.analysis, funding)) {
      if (p.kind === 'share') {
        const i = p.item!;
        ctx.report({
          ...p.at,
          section: funding ?? null,
          // one cell written against the rest of its table: a slip to correct, not a plan that does not add up
          ...(ctx.configuredSeverity === undefined ? { severity: 'warning' as const } : {}),
          message: t(ctx.lang, 'funds-total.share', { label: i.label, amount: money4(ctx.lang, i.amount.value, p.unit), total: money4(ctx.lang, p.sum, p.unit), computed: formatPlain(i.computed, 1), share: i.share.raw.trim() }),
        });
      } else if (p.kind === 'percent') {
        ctx.report({ ...p.at, section: funding ?? null, message: t(ctx.lang, 'funds-total.percent', { sum: formatPlain(p.sum, 2) }) });
      } else {
        const raised = money4(ctx.lang, p.raised!.tok.value, p.unit);
        ctx.report({
          ...p.at,
          section: funding ?? null,
          message: t(ctx.lang, 'funds-total.amount', { sum: money4(ctx.lang, p.sum, p.unit), raised }),
          related: [{ ...p.raised!.span, message: t(ctx.lang, 'funds-total.related', { raised: p.raised!.tok.raw }) }],
        });
      }
    }
  },
});
