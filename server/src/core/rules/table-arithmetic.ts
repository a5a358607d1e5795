import { z } from 'zod';
import { defineRule } from './rule.js';
import { t } from '../i18n.js';
import { readTables, cellValue, findUnit, formatLike, close, type Cell, type MdNode, type NegStyle, type NumberToken, type TableModel, type Unit } from '../numbers.js';
import type { PlanModel } from '../parse.js';
import type { Analysis } from '../match.js';
import type { Lang, TextEdit } from '../types.js';
import { footnoteRefSpans, removeHtmlComments, replaceSpans } from '../scan.js';

/** What a line of a financial table is. */
export type Role = 'revenue' | 'cost' | 'gross' | 'profit' | 'total' | 'rate' | 'other';
export type TotalKind = 'generic' | 'sub' | 'revenue' | 'cost';

export interface LineKind {
  role: Role;
  total: TotalKind | null;
}

/** Rates, prices and run rates (MRR, ARR, 月均): never parts of a sum over the periods' amounts. */
const RATE_RE = /率|占比|比例|比重|增长|增速|同比|环比|%|％|\bratio\b|\bgrowth\b|\brates?\b|\byoy\b|\bcagr\b|percent|\bpct\b|\bshare\b|单价|\bprices?\b|\bper\b|每|人均|\barpu\b|倍|\bmultiple\b|\bmrr\b|\barr\b|月均|run[- ]rate/i;
const TOTAL_RE = /合计|总计|小计|共计|^\s*总(?:收入|营收|成本|费用|支出|计|额)|\btotal\b|\bsubtotal\b|\bsum\b/i;
const SUB_RE = /小计|subtotal/i;
const LOSS_RE = /亏损|net loss|\bloss\b/i;
const GROSS_RE = /毛利|gross (?:profit|margin)/i;
const PROFIT_RE = /净利|利润|盈利|税前|息税|净额|净现金流|ebitda|\bebit\b|net income|operating income|income before|pre-?tax|profit|earnings|^\s*net\s*$|net (?:result|cash ?flow)/i;
const COST_RE = /成本|费用|支出|开支|税|薪酬|工资|折旧|摊销|利息|投入|研发|营销|推广|差旅|佣金|租金|cogs|\btravel\b|\bcommissions?\b|\brent\b|\bcosts?\b|expenses?|opex|capex|spend|salar|payroll|depreciation|amorti|d&a|interest|\btax|marketing|r&d|g&a|s&m/i;
const REVENUE_RE = /收入|营收|营业额|销售额|revenue|\bsales\b|turnover/i;
/** Stocks, counts and balances: summing them over periods means nothing. */
const STOCK_RE = /用户|人数|人员|员工|样本|受访|客户数|数量|余额|累计|期末|期初|头数|headcount|\busers?\b|customers|\bcount\b|balance|cumulative|ending|beginning|\bemployees\b|\bfte\b/i;
/** People words that make a cost, not a count: 人员成本, 员工薪酬, employee costs. */
const STAFF_COST_RE = /人员|员工|\bemployees?\b/gi;

/** A count or balance line (users, devices, cumulative figures), not an amount of the period; a staff cost is an amount. */
export function isStockLine(label: string): boolean {
  return STOCK_RE.test(COST_RE.test(label) ? label.replace(STAFF_COST_RE, ' ') : label);
}

const MONEY_HINT_RE = /金额|预算|资金|财务|损益|利润表|费用|收入|成本|amount|budget|funds|financial|p&l|profit and loss|income statement|revenue|cost|usd|rmb|cny|万元|亿元|美元|[$¥￥€]/i;

export function classifyLine(label: string): LineKind {
  const l = label.trim();
  if (!l) return { role: 'other', total: null };
  if (RATE_RE.test(l)) return { role: 'rate', total: null };
  if (GROSS_RE.test(l)) return { role: 'gross', total: null };
  if (PROFIT_RE.test(l)) return { role: 'profit', total: null };
  if (LOSS_RE.test(l)) return { role: 'other', total: null };
  if (TOTAL_RE.test(l)) {
    const kind: TotalKind = COST_RE.test(l) ? 'cost' : REVENUE_RE.test(l) ? 'revenue' : SUB_RE.test(l) ? 'sub' : 'generic';
    return { role: 'total', total: kind };
  }
  if (COST_RE.test(l)) return { role: 'cost', total: null };
  if (REVENUE_RE.test(l)) return { role: 'revenue', total: null };
  return { role: 'other', total: null };
}

const FINANCIAL: ReadonlySet<Role> = new Set(['revenue', 'cost', 'gross', 'profit']);

function clean(s: string): string {
  const t = removeHtmlComments(s);
  return replaceSpans(t, footnoteRefSpans(t, true), () => '')
    .replace(/[*_`~]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** A value, zero for a dash, or why there is none. */
type Val = { tok: NumberToken | null; value: number; tol: number; cell: Cell } | 'missing';

interface Line extends LineKind {
  label: string;
  unit: Unit | null;
  cells: Cell[];
}

interface Period {
  label: string;
  unit: Unit | null;
  total: boolean;
  rate: boolean;
}

export interface Matrix {
  table: TableModel;
  lines: Line[];
  periods: Period[];
  /** The unit of a line's cells may be a percent: the value reader handles it. */
  val(line: number, period: number): Val;
}

/** Reads a table as line items × periods, whichever way round it is written. */
export function matrixOf(table: TableModel): Matrix | null {
  const { rows, labelCols } = table;
  if (rows.length < 2) return null;
  const width = rows[0]!.length;
  if (width - labelCols < 1) return null;
  const labelOf = (r: number) => clean(rows[r]!.slice(0, labelCols).map((c) => c.text).join(' '));
  const valueCols = Array.from({ length: width - labelCols }, (_, i) => i + labelCols);
  const bodyRows = Array.from({ length: rows.length - 1 }, (_, i) => i + 1);
  const rowKinds = bodyRows.map((r) => classifyLine(labelOf(r)));
  const colKinds = valueCols.map((c) => classifyLine(clean(rows[0]![c]!.text)));
  const score = (ks: LineKind[]) => ks.filter((k) => FINANCIAL.has(k.role) || k.total === 'cost' || k.total === 'revenue').length;
  const transposed = score(colKinds) > score(rowKinds);
  const cellAt = (line: number, period: number): Cell => (transposed ? rows[bodyRows[period]!]![valueCols[line]!]! : rows[bodyRows[line]!]![valueCols[period]!]!);
  const lines: Line[] = (transposed ? valueCols : bodyRows).map((rc, i) => {
    const label = transposed ? clean(rows[0]![rc]!.text) : labelOf(rc);
    const kind = transposed ? colKinds[i]! : rowKinds[i]!;
    return { label, ...kind, unit: findUnit(label), cells: [] };
  });
  const periods: Period[] = (transposed ? bodyRows : valueCols).map((rc) => {
    const label = transposed ? labelOf(rc) : clean(rows[0]![rc]!.text);
    const unit = findUnit(label);
    return { label, unit, total: TOTAL_RE.test(label), rate: RATE_RE.test(label) || unit?.percent === true };
  });
  lines.forEach((l, i) => (l.cells = periods.map((_, p) => cellAt(i, p))));
  // a line or period whose every number is a percent is a rate
  for (const l of lines) if (l.cells.some((c) => c.token) && l.cells.every((c) => !c.token || c.token.percent)) l.role = 'rate';
  periods.forEach((p, pi) => {
    const cs = lines.filter((l) => l.role !== 'rate').map((l) => l.cells[pi]!);
    if (cs.some((c) => c.token) && cs.every((c) => !c.token || c.token.percent)) p.rate = true;
  });
  const val = (li: number, pi: number): Val => {
    const line = lines[li]!;
    const period = periods[pi]!;
    const cell = line.cells[pi]!;
    if (cell.token) {
      const tok = cellValue(cell, line.unit, period.unit, table.unit);
      if (!tok || tok.percent) return 'missing';
      return { tok, value: tok.value, tol: tok.tolerance, cell };
    }
    if (cell.dash) return { tok: null, value: 0, tol: 0, cell };
    return 'missing';
  };
  return { table, lines, periods, val };
}

interface Problem {
  line: number;
  period: number;
  expected: number;
  kind: 'profit' | 'total';
  base?: string;
  /** Cells (`line:period`) the relations of this cell read. */
  inputs?: string[];
}

type Terms = Array<{ line: number; sign: 1 | -1 | 'abs-' }>;

/**
 * The scale a line's label states (`（万元）`), or null. When the line a relation checks states a scale and a
 * part states none, or the other way round, the unit may be meant for the whole table or for that line alone:
 * in doubt, the relation is not checked.
 */
const labelScale = (l: Line): number | null => (l.unit && !l.unit.percent && l.unit.scale !== 1 ? l.unit.scale : null);

function evaluate(m: Matrix, terms: Terms, period: number, target?: number): { value: number; tol: number } | null {
  if (target !== undefined) {
    const ts = labelScale(m.lines[target]!);
    if (terms.some((tm) => labelScale(m.lines[tm.line]!) !== ts)) return null;
  }
  let value = 0;
  let tol = 0;
  for (const term of terms) {
    const v = m.val(term.line, period);
    if (v === 'missing') return null;
    value += term.sign === 'abs-' ? -Math.abs(v.value) : term.sign * v.value;
    tol += v.tol;
  }
  return { value, tol };
}

/** Candidate formulas for a profit line: base minus the costs between. */
function profitCandidates(m: Matrix, p: number): Array<{ terms: Terms; base: string | null }> {
  const { lines } = m;
  const out: Array<{ terms: Terms; base: string | null }> = [];
  const target = lines[p]!;
  // the revenue figure: the last revenue total above, else the revenue lines above
  const above = lines.slice(0, p).map((l, i) => ({ l, i }));
  const revTotal = above.filter((x) => x.l.role === 'total' && x.l.total === 'revenue').pop();
  const revLines = above.filter((x) => x.l.role === 'revenue' && (!revTotal || x.i > revTotal.i));
  let revenue: Terms | null = null;
  let revEnd = -1;
  if (revTotal && !revLines.length) {
    revenue = [{ line: revTotal.i, sign: 1 }];
    revEnd = revTotal.i;
  } else if (revLines.length && !revTotal) {
    revenue = revLines.map((x) => ({ line: x.i, sign: 1 as const }));
    revEnd = revLines[revLines.length - 1]!.i;
  } else if (revTotal && revLines.length) {
    revenue = null; // revenue lines after a revenue total: other income, unclear
  }
  // A: nearest base (a gross or profit line above, for a profit; revenue for a gross profit) minus the costs in between
  let baseIdx = -1;
  if (target.role === 'profit') {
    for (let i = p - 1; i >= 0; i--) if (lines[i]!.role === 'gross' || lines[i]!.role === 'profit') { baseIdx = i; break; }
  }
  const costsBetween = (from: number): Terms | null => {
    const costs: Terms = [];
    let sawTotal = false;
    for (let i = from + 1; i < p; i++) {
      const l = lines[i]!;
      if (l.role === 'rate') continue;
      if (l.role === 'cost') costs.push({ line: i, sign: 'abs-' });
      else if (l.role === 'total' && (l.total === 'cost' || l.total === 'sub' || l.total === 'generic')) {
        // a cost total replaces its parts above it
        costs.length = 0;
        costs.push({ line: i, sign: 'abs-' });
        sawTotal = true;
      } else return null;
    }
    void sawTotal;
    return costs.length ? costs : null;
  };
  if (baseIdx >= 0) {
    const costs = costsBetween(baseIdx);
    if (costs) out.push({ terms: [{ line: baseIdx, sign: 1 }, ...costs], base: lines[baseIdx]!.label });
  } else if (revenue) {
    const costs = costsBetween(revEnd);
    if (costs) out.push({ terms: [...revenue, ...costs], base: null });
  }
  if (revenue) {
    // B: revenue minus every cost line above; C: revenue minus every cost total above
    const costLines = above.filter((x) => x.l.role === 'cost' && x.i > revEnd).map((x) => ({ line: x.i, sign: 'abs-' as const }));
    const costTotals = above.filter((x) => x.l.role === 'total' && x.l.total === 'cost').map((x) => ({ line: x.i, sign: 'abs-' as const }));
    if (costLines.length) out.push({ terms: [...revenue, ...costLines], base: null });
    if (costTotals.length) out.push({ terms: [...revenue, ...costTotals], base: null });
  }
  return out;
}

/** Candidate part lists for a total line. */
function totalCandidates(m: Matrix, ti: number): Terms[] {
  const { lines } = m;
  const tl = lines[ti]!;
  const out: Terms[] = [];
  // A: the block right above (up to a count or balance line: users and devices above the revenue lines are no parts)
  const block: Terms = [];
  for (let i = ti - 1; i >= 0; i--) {
    const l = lines[i]!;
    if (l.role === 'rate') continue;
    if (isStockLine(l.label) && block.length >= 2) break;
    if (l.role === 'total' || l.role === 'profit' || l.role === 'gross') break;
    if (tl.total === 'cost' && l.role === 'revenue') break;
    if (tl.total === 'revenue' && l.role === 'cost') break;
    block.unshift({ line: i, sign: 1 });
  }
  if (block.length >= 2) out.push(block);
  // B: every line of the total's kind above it, since the previous total of that kind
  if (tl.total === 'cost' || tl.total === 'revenue') {
    const role = tl.total;
    const kind: Terms = [];
    for (let i = ti - 1; i >= 0; i--) {
      const l = lines[i]!;
      if (l.role === 'total' && l.total === role) break;
      if (l.role === role) kind.unshift({ line: i, sign: 1 });
    }
    if (kind.length >= 2) out.push(kind);
  }
  // C: a grand total of subtotals
  if (tl.total !== 'sub') {
    const subs: Terms = [];
    for (let i = ti - 1; i >= 0; i--) {
      const l = lines[i]!;
      if (l.role === 'total' && l.total !== 'sub') break;
      if (l.role === 'total' && l.total === 'sub') subs.unshift({ line: i, sign: 1 });
    }
    if (subs.length >= 2) out.push(subs);
    // D: every non-total line since the previous grand total (subtotals in between)
    if (subs.length) {
      const all: Terms = [];
      for (let i = ti - 1; i >= 0; i--) {
        const l = lines[i]!;
        if (l.role === 'total' && l.total !== 'sub') break;
        if (l.role !== 'total' && l.role !== 'rate') all.unshift({ line: i, sign: 1 });
      }
      if (all.length >= 2) out.push(all);
    }
  }
  return out;
}

/** True when the table holds money: financial line items, or totals with money units or words around them. */
function isFinancial(m: Matrix, context: string): boolean {
  const header = m.table.rows[0]!.map((c) => c.text).join(' ');
  // headcount, users, customers: counts, whatever the labels say
  const money = (u: Unit | null) => !!u && !u.percent && (u.currency !== null || u.scale !== 1);
  // a caption that states a money unit (`单位：万元`) holds money, whatever else it names (依据签约数量)
  if ((STOCK_RE.test(context.split(/\r?\n/).pop() ?? '') && !money(m.table.unit)) || STOCK_RE.test(m.table.rows[0]![0]!.text)) return false;
  const moneyStated =
    money(m.table.unit) ||
    m.lines.some((l) => money(l.unit)) ||
    m.periods.some((p) => money(p.unit)) ||
    m.table.rows.some((r) => r.some((c) => c.token?.currency)) ||
    MONEY_HINT_RE.test(context + ' ' + header);
  const roles = new Set(m.lines.filter((l) => FINANCIAL.has(l.role) || l.total === 'cost' || l.total === 'revenue').map((l) => (l.role === 'total' ? l.total! : l.role)));
  const hasTotal = m.lines.some((l) => l.role === 'total') || m.periods.some((p) => p.total);
  if (moneyStated) return roles.size > 0 || hasTotal;
  // no unit or currency anywhere: only a statement with at least two kinds of financial lines
  return roles.size >= 2;
}

/**
 * Checks every relation of the matrix. A cell is reported only when every
 * relation that defines it fails: when a profit agrees with revenue minus
 * costs but not with the sum of its periods, the mistake is elsewhere.
 */
export function checkMatrix(m: Matrix): Problem[] {
  const { lines, periods } = m;
  const passed = new Set<string>();
  const failed = new Map<string, Problem>();
  const key = (li: number, pi: number) => `${li}:${pi}`;
  const inputs = new Map<string, Set<string>>();
  const result = (ok: boolean, pr: Problem, reads: string[] = []) => {
    const k = key(pr.line, pr.period);
    if (!inputs.has(k)) inputs.set(k, new Set());
    for (const r of reads) inputs.get(k)!.add(r);
    if (ok) passed.add(k);
    else if (!failed.has(k)) failed.set(k, pr);
  };
  const readsOf = (terms: Terms, pi: number) => terms.map((tm) => key(tm.line, pi));
  const stockLine = (l: Line) => isStockLine(l.label);
  lines.forEach((line, li) => {
    if (stockLine(line)) return;
    if (line.role === 'profit' || line.role === 'gross') {
      const cands = profitCandidates(m, li);
      periods.forEach((period, pi) => {
        if (period.rate) return;
        const v = m.val(li, pi);
        if (v === 'missing' || !v.tok) return;
        let first: { value: number; base: string | null } | null = null;
        const reads: string[] = [];
        for (const c of cands) {
          const e = evaluate(m, c.terms, pi, li);
          if (!e) continue;
          if (close(v.value, e.value, e.tol + v.tol)) return result(true, { line: li, period: pi, expected: e.value, kind: 'profit' });
          reads.push(...readsOf(c.terms, pi));
          first ??= { value: e.value, base: c.base };
        }
        if (first) result(false, { line: li, period: pi, expected: first.value, kind: 'profit', ...(first.base ? { base: first.base } : {}) }, reads);
      });
    }
    if (line.role === 'total') {
      const cands = totalCandidates(m, li);
      periods.forEach((period, pi) => {
        if (period.rate) return;
        const v = m.val(li, pi);
        if (v === 'missing' || !v.tok) return;
        let first: number | null = null;
        const reads: string[] = [];
        for (const terms of cands) {
          if (terms.some((tm) => stockLine(lines[tm.line]!))) continue;
          const e = evaluate(m, terms, pi, li);
          if (!e) continue;
          if (close(v.value, e.value, e.tol + v.tol)) return result(true, { line: li, period: pi, expected: e.value, kind: 'total' });
          reads.push(...readsOf(terms, pi));
          first ??= e.value;
        }
        if (first !== null) result(false, { line: li, period: pi, expected: first, kind: 'total' }, reads);
      });
    }
  });
  // a total period (column): the sum of the other periods, for money lines
  const totals = periods.map((p, i) => ({ p, i })).filter((x) => x.p.total && !x.p.rate);
  if (totals.length === 1) {
    const tp = totals[0]!.i;
    const parts = periods.map((p, i) => ({ p, i })).filter((x) => !x.p.total && !x.p.rate).map((x) => x.i);
    if (parts.length >= 2) {
      lines.forEach((line, li) => {
        if (line.role === 'rate' || stockLine(line)) return;
        if (line.role === 'other' && !(line.unit || m.table.unit || line.cells.some((c) => c.token?.currency || c.token?.scaleWord))) return;
        const v = m.val(li, tp);
        if (v === 'missing' || !v.tok) return;
        let value = 0;
        let tol = v.tol;
        for (const pi of parts) {
          const pv = m.val(li, pi);
          if (pv === 'missing') return;
          value += pv.value;
          tol += pv.tol;
        }
        result(close(v.value, value, tol), { line: li, period: tp, expected: value, kind: 'total' }, parts.map((pi) => key(li, pi)));
      });
    }
  }
  const wrong = new Map([...failed.entries()].filter(([k]) => !passed.has(k)));
  // a cell that reads a wrong cell may be right once that one is fixed: report the wrong inputs first
  const roots = [...wrong.entries()].filter(([k]) => ![...(inputs.get(k) ?? [])].some((r) => r !== k && wrong.has(r)));
  return (roots.length ? roots : [...wrong.entries()]).map(([, p]) => p);
}

function tableNegStyle(table: TableModel): NegStyle {
  for (const r of table.rows) for (const c of r) if (c.token?.negStyle) return c.token.negStyle;
  return '-';
}

/** Every arithmetic problem of the plan's financial tables, with the replacement text for the wrong cell. */
export function tableProblems(plan: PlanModel, analysis?: Analysis): Array<Problem & { matrix: Matrix; cell: Cell; tok: NumberToken; newText: string }> {
  const out: Array<Problem & { matrix: Matrix; cell: Cell; tok: NumberToken; newText: string }> = [];
  void analysis;
  for (const table of readTables(plan.text, plan.root as unknown as MdNode)) {
    const m = matrixOf(table);
    if (!m) continue;
    if (!isFinancial(m, table.caption)) continue;
    const neg = tableNegStyle(table);
    for (const pr of checkMatrix(m)) {
      const v = m.val(pr.line, pr.period);
      if (v === 'missing' || !v.tok) continue;
      out.push({ ...pr, matrix: m, cell: v.cell, tok: v.tok, newText: formatLike(pr.expected, v.tok, neg) });
    }
  }
  return out;
}

function periodName(lang: Lang, m: Matrix, pi: number): string {
  const l = m.periods[pi]!.label;
  return l || (lang === 'zh' ? `第 ${pi + 1} 列` : `column ${pi + 1}`);
}

export default defineRule({
  id: 'PL009',
  name: 'table-arithmetic',
  description: {
    en: 'A financial table does not add up: profit is not revenue minus costs, or a total is not the sum of its parts.',
    zh: '财务表格的数字对不上：利润不等于收入减成本，或合计不等于各分项之和。',
  },
  defaultSeverity: 'info',
  fixable: false,
  hasSuggestions: true,
  options: z.object({}).strict(),
  docs: {
    details: {
      en: 'Reads every GFM table of the plan as line items × periods (either way round). Lines are recognised by their labels: revenue (收入, 营收, Revenue, Sales), costs (成本, 费用, 支出, COGS, Costs, Expenses, OpEx), gross profit (毛利), profit (利润, 净利润, Net income, Profit, EBITDA) and totals (合计, 总计, 小计, Total). For each period, a profit must equal the revenue (or the profit line above it) minus the costs in between, and a total line or column must equal the sum of its parts, within the rounding the figures show (`1.2亿` is read to ±0.05亿). Numbers are read with thousands separators, decimals, negatives as `-x`, `(x)` or `（x）`, currencies and scale words (万, 亿, K, M, B), and a unit in the caption or a header (`单位：万元`, `(in $K)`) applies to the cells. Growth-rate and percentage lines or columns are not summed, nor run rates (MRR, ARR, 月均) beside the period\'s amounts, nor counts and balances (users, devices, cumulative lines: a staff cost is an amount); where one line states a scale in its label (`总收入（万元）`) and its parts state none, the unit may be meant for the whole table, and the relation is not checked. Years in the header are periods, and a table that holds no money is left alone. The finding is on the wrong cell and gives the computed value; a suggested fix (a quick fix in the editor, never applied by `--fix`, since it replaces your text) puts that value in the cell, written the way the cell is written.',
      zh: '把计划书中的每个 GFM 表格读作“科目 × 期间”（行列方向均可）。按标签识别科目：收入（收入、营收、Revenue、Sales）、成本（成本、费用、支出、COGS、Costs、Expenses、OpEx）、毛利、利润（利润、净利润、Net income、Profit、EBITDA）以及合计（合计、总计、小计、Total）。每一期的利润应等于收入（或其上方的利润行）减去其间的成本，合计行或合计列应等于各分项之和，允许的误差由数字显示的精度决定（`1.2亿` 按 ±0.05亿 计）。数字支持千分位、小数、`-x`/`(x)`/`（x）` 形式的负数、货币符号和数量单位（万、亿、K、M、B），表题或表头中的单位（`单位：万元`、`(in $K)`）适用于单元格。增长率和百分比所在的行或列不参与求和，与期间金额并列的运行率（MRR、ARR、月均）和数量、余额类的行（用户数、设备数、累计值；人员成本是金额）也不参与；某一行在标签中写了单位（`总收入（万元）`）而其分项没写时，单位可能是整张表的，这条关系不检查。表头中的年份视为期间，不含金额的表格不检查。问题标在出错的单元格上并给出计算值；建议修复（编辑器中的快速修复；因为会替换原有文字，`--fix` 不会自动应用）会按该单元格原有的写法把其中的数字替换为计算值。',
    },
    valid:
      '## Financial forecast\n\nUnit: 万元\n\n| 项目 | 2025 | 2026E | 2027E |\n|---|---:|---:|---:|\n| 营业收入 | 1,200 | 3,500 | 8,000 |\n| 营业成本 | 700 | 1,800 | 3,600 |\n| 毛利 | 500 | 1,700 | 4,400 |\n| 毛利率 | 41.7% | 48.6% | 55.0% |\n| 期间费用 | 900 | 1,500 | 2,600 |\n| 净利润 | (400) | 200 | 1,800 |\n',
    invalid:
      '## Financial forecast\n\n| (USD K) | 2025 | 2026 | 2027 |\n|---|---:|---:|---:|\n| Revenue | 1,200 | 3,500 | 8,000 |\n| Costs | 1,600 | 3,300 | 6,200 |\n| Net income | (400) | 300 | 1,800 |\n',
  },
  check(ctx) {
    for (const pr of tableProblems(ctx.plan, ctx.analysis)) {
      const line = pr.matrix.lines[pr.line]!;
      const expected = pr.newText;
      const edit: TextEdit = { start: pr.cell.start + pr.tok.start, end: pr.cell.start + pr.tok.end, newText: expected };
      const formula = pr.base ? t(ctx.lang, 'table-arithmetic.formula.profit', { base: pr.base }) : t(ctx.lang, 'table-arithmetic.formula.revenue');
      ctx.report({
        start: pr.cell.start,
        end: pr.cell.end,
        section: null,
        message: t(ctx.lang, pr.kind === 'profit' ? 'table-arithmetic.profit' : 'table-arithmetic.total', {
          label: line.label,
          period: periodName(ctx.lang, pr.matrix, pr.period),
          actual: pr.tok.raw,
          expected,
          formula,
        }),
        suggestions: [{ title: t(ctx.lang, 'fix.table-arithmetic', { expected }), edits: [edit] }],
      });
    }
  },
});
