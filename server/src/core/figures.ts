/**
 * A plan-wide register of key figures: the same metric for the same period,
 * stated in prose, headings, list items and tables, so that figures stated
 * differently in two places can be found (figure-contradiction).
 *
 * A figure is taken only where its metric and its period are unambiguous:
 * in a table, the row label names the metric and the column header the
 * period (or the other way round); in prose, the metric word sits right next
 * to the number (only filler words between them) and the clause states one
 * period. Everything else is left out: sub-metrics (subscription revenue),
 * rates, prices, averages, cumulative figures, scenarios, markets and
 * competitors. Pure: reads text and tables, knows nothing of rules.
 *
 * Every regular expression here is bounded (linear on any text).
 */
import { LineIndex } from './text.js';
import { isMoneyToken, maskedText, readNumbers, readTables, cellValue, findUnit, type Currency, type MdNode, type NumberToken, type TableModel } from './numbers.js';

export type Metric = 'revenue' | 'mrr' | 'arr' | 'paying-users' | 'customers' | 'break-even';
export type PeriodKind = 'year' | 'year-index' | 'month' | 'quarter';

export interface Period {
  kind: PeriodKind;
  /** The year, month index or year index; for a quarter, the year. */
  n: number;
  /** The quarter (1-4). */
  q?: number;
}

export type Place = 'prose' | 'heading' | 'list' | 'table';

export interface Figure {
  metric: Metric;
  /** For break-even: the kind of period its value counts (its value is `period.n`); else the period of the value. */
  period: Period;
  /** The interval the statement allows, in base units (tolerance of the digits shown included). */
  lo: number;
  hi: number;
  /** The value as stated (a range's low end). */
  value: number;
  currency: Currency | null;
  /** Span of the number (or the period, for break-even). */
  start: number;
  end: number;
  raw: string;
  place: Place;
  /** Figures of one group (a table, a sentence) are never compared with each other. */
  group: string;
}

// ---------------------------------------------------------------- periods

interface PeriodSpan extends Period {
  start: number;
  end: number;
}

/** Something that reads like a date or span this register does not compare (a month of a year, a half, years in a range). */
interface Blocker {
  start: number;
  end: number;
}

const CN_DIGITS: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10, 首: 1 };

function num(s: string): number {
  return CN_DIGITS[s] ?? Number(s);
}

const PERIOD_PATTERNS: Array<[RegExp, (m: RegExpExecArray) => Period | 'block' | null]> = [
  // year ranges and halves first: "2025-2027", "2025～2027年", "H1 2026", "2026H2", "2026年上半年", "2026年3月"
  [/(?<![\d.])(?:19|20)\d{2}\s{0,2}年?\s{0,2}(?:-|–|—|~|～|至|到|to)\s{0,2}(?:FY)?(?:19|20)?\d{2}(?![\d.%])/gi, () => 'block'],
  [/\bH[12]\s{0,2}(?:FY)?(?:19|20)\d{2}(?!\d)|(?<![\d.])(?:19|20)\d{2}\s{0,2}(?:年\s{0,2})?(?:H[12]\b|上半年|下半年|[01]?\d\s{0,2}月(?!份?收入|均)|\/\s{0,2}[01]?\d(?!\d))/gi, () => 'block'],
  // quarters: "2026 Q4", "2026年Q4", "Q4 2026", "2026年第四季度", "FY2026 Q1"
  [/(?<![\d.])(?:FY\s{0,2})?((?:19|20)\d{2})\s{0,2}(?:年\s{0,2})?(?:Q([1-4])(?![\d])|第\s{0,2}([一二三四1-4])\s{0,2}季度)/gi, (m) => ({ kind: 'quarter', n: Number(m[1]), q: num(m[2] ?? m[3]!) })],
  [/\bQ([1-4])\s{0,2}(?:FY\s{0,2})?((?:19|20)\d{2})(?!\d)/gi, (m) => ({ kind: 'quarter', n: Number(m[2]), q: Number(m[1]) })],
  // a quarter with no year, a quarter index: blocks
  [/\bQ[1-4]\b|第\s{0,2}[一二三四1-4]\s{0,2}季度|\bquarter\s{0,2}\d{1,2}\b/gi, () => 'block'],
  // years: "2026", "2026年", "FY2026", "2026E", "FY26"
  [/(?<![\d.,，A-Za-z$¥￥€£])(?:FY\s{0,2}|CY)?((?:19|20)\d{2})(?:[EFAPB](?![A-Za-z]))?(?![\d.,%])(?!\s{0,2}(?:万|亿|千|百|元|美元|[KMBkmb](?![A-Za-z])|million|billion|thousand|users|customers|家|个|名|位|户|人))/g, (m) => ({ kind: 'year', n: Number(m[1]) })],
  [/\bFY\s{0,2}(\d{2})(?![\d.])/g, (m) => ({ kind: 'year', n: 2000 + Number(m[1]) })],
  // month indexes: "month 12", "Month-6", "M12", "第12个月", "12个月末"
  [/\bmonth[\s-]{0,2}(\d{1,2})(?![\d.])/gi, (m) => ({ kind: 'month', n: Number(m[1]) })],
  [/\bM(\d{1,2})(?![\d.A-Za-z])/g, (m) => ({ kind: 'month', n: Number(m[1]) })],
  [/第\s{0,2}(\d{1,2}|[一二三四五六七八九十]{1,3})\s{0,2}个?月/g, (m) => (/^\d+$/.test(m[1]!) ? { kind: 'month', n: Number(m[1]) } : null)],
  [/(?<![\d.])(\d{1,2})\s{0,2}个月(?:末|底|时|(?=\s{0,2}(?:内|以内)))/g, (m) => ({ kind: 'month', n: Number(m[1]) })],
  [/\bwithin\s{1,2}(\d{1,2})\s{1,2}months\b/gi, (m) => ({ kind: 'month', n: Number(m[1]) })],
  // year indexes: "year 2", "Year-1", "Y3", "第2年", "第二年", "首年", "first year"
  [/\byear[\s-]{0,2}(\d{1,2})(?![\d.])/gi, (m) => ({ kind: 'year-index', n: Number(m[1]) })],
  [/\bY([1-9])(?![\d.A-Za-z])/g, (m) => ({ kind: 'year-index', n: Number(m[1]) })],
  [/第\s{0,2}([1-9]|[一二三四五六七八九十])\s{0,2}年(?!度)|(首)年/g, (m) => ({ kind: 'year-index', n: num(m[1] ?? m[2]!) })],
  [/\b(first|second|third|fourth|fifth) year\b/gi, (m) => ({ kind: 'year-index', n: ['first', 'second', 'third', 'fourth', 'fifth'].indexOf(m[1]!.toLowerCase()) + 1 })],
];

/** Periods written in `text`, and spans that read like dates or spans this register does not compare. */
export function periodsIn(text: string): { periods: PeriodSpan[]; blockers: Blocker[] } {
  const periods: PeriodSpan[] = [];
  const taken: Blocker[] = [];
  const blockers: Blocker[] = [];
  const free = (s: number, e: number) => !taken.some((t) => s < t.end && e > t.start);
  for (const [re, f] of PERIOD_PATTERNS) {
    re.lastIndex = 0;
    for (const m of text.matchAll(re)) {
      const s = m.index;
      const e = s + m[0].length;
      if (!free(s, e)) continue;
      const p = f(m as unknown as RegExpExecArray);
      if (p === null) continue;
      taken.push({ start: s, end: e });
      if (p === 'block') blockers.push({ start: s, end: e });
      else periods.push({ ...p, start: s, end: e });
    }
  }
  periods.sort((a, b) => a.start - b.start);
  return { periods, blockers };
}

/** Where a point-in-time figure (MRR, ARR, users, customers) of year n stands: its month 12n. */
function comparable(f: Figure): string {
  const p = f.period;
  if (p.kind === 'year-index' && f.metric !== 'revenue' && f.metric !== 'break-even') return periodKey({ kind: 'month', n: 12 * p.n });
  return periodKey(p);
}

export function periodKey(p: Period): string {
  return `${p.kind}:${p.n}${p.q ? ':' + p.q : ''}`;
}

// ---------------------------------------------------------------- metrics

type Kind = 'money' | 'count' | 'month';

const KIND: Record<Metric, Kind> = { revenue: 'money', mrr: 'money', arr: 'money', 'paying-users': 'count', customers: 'count', 'break-even': 'month' };

/** Metric words in prose, longest first; `\b` only around Latin words. */
const METRIC_WORDS: Array<[RegExp, Metric]> = [
  [/月度经常性收入|月经常性收入|\bMRR\b|\bmonthly recurring revenue\b/gi, 'mrr'],
  [/年度经常性收入|年经常性收入|年化经常性收入|\bARR\b|\bannual recurring revenue\b/gi, 'arr'],
  [/营业收入|销售收入|营收|收入|营业额|销售额|\brevenues?\b|\bturnover\b/gi, 'revenue'],
  // those who pay, whatever the plan calls them: paying users, customers, merchants
  [/付费用户|付费会员|付费客户|付费商户|付费商家|\bpaying (?:users|subscribers|members|customers|clients|merchants)\b|\bpaid (?:users|subscribers|members|customers)\b/gi, 'paying-users'],
  [/签约客户|签约商户|商户|客户|\bmerchants\b|\bcustomers\b|\bclients\b/gi, 'customers'],
  [/盈亏平衡|\bbreak[- ]?even\b/gi, 'break-even'],
];

/** Words right before a metric word that make it another metric (subscription revenue, 订阅收入, new MRR, 潜在客户). */
const CJK = /[\p{Script=Han}]/u;
const ZH_BEFORE_OK = /[年度总的计现达全期为到将可测及和与月万亿千百个名位家户、：:，,（(]$/;
const EN_BEFORE_OK = new Set([
  'total', 'annual', 'yearly', 'projected', 'expected', 'forecast', 'forecasted', 'target', 'targeted', 'our', 'overall', 'company',
  'in', 'of', 'and', 'the', 'with', 'by', 'to', 'at', 'is', 'was', 'will', 'be', 'reach', 'reaches', 'reaching', 'hit', 'generate',
  'generates', 'generating', 'achieve', 'achieves', 'achieving', 'month', 'year', 'goal', 'for', 'on', 'from', 'has', 'have', 'a', 'an',
  'plan', 'plans', 'estimated', 'than',
]);
/** Words right after a metric word that make it a rate, a price, a model or a part. */
const AFTER_BAD = /^\s{0,2}(?:增长|增速|占比|比例|比重|结构|来源|模式|构成|分成|成本|单价|贡献|目标客户|画像|获取|留存|流失|满意|需求|痛点|群体|群|案例|反馈|关系|服务|成功|经理|支持|价值|生命|端|数据|渠道|的增长|growth|share|model|streams?|mix|multiple|per\b|split|breakdown|retention|churn|acquisition|lifetime|success|support|base|segments?|concentration|feedback|satisfaction)/i;

/** A sentence about something else: markets, competitors, valuations, scenarios, assumptions, cumulative or average figures, pilots. */
const CONTEXT_BAD = new RegExp(
  [
    '市场', '行业', '竞品', '竞争', '对手', '估值', '融资', '投资', '全球', '情景', '场景', '乐观', '保守', '悲观', '基准', '假设', '如果', '若', '例如', '比如', '累计', '合计', '总计', '平均', '月均', '均值',
    '潜在', '试点', '目标客户', '免费', '试用',
    '\\bmarket', '\\bindustry', '\\bTAM\\b', '\\bSAM\\b', '\\bSOM\\b', '\\bcompetit', '\\brival', '\\bvaluation', '\\bvalued', '\\bfunding', '\\braise', '\\binvest', '\\bglobal',
    '\\bscenario', '\\boptimistic', '\\bconservative', '\\bpessimistic', '\\bbase case', '\\bbest case', '\\bworst case', '\\bbull', '\\bbear\\b', '\\bassum', '\\bif\\b', '\\be\\.g\\.',
    '\\bfor example', '\\bsuch as', '\\bcumulative', '\\bto date', '\\blifetime', '\\bin total', '\\baverage', '\\bavg', '\\bpilot', '\\bpotential',
    '\\bprospect', '\\bpipeline', '\\bLOIs?\\b', '\\bwaitlist', '\\bfree\\b', '\\btrial', '\\bsegment', '\\bchurn', '\\bnew (?:MRR|ARR|customers|users)',
  ].join('|'),
  'i',
);
/** A clause about a price, a cost or a profit: the sentence's other clauses may still state a figure. */
const LOCAL_BAD = new RegExp(
  [
    '单价', '客单价', '人均', '每用户', '每客户', '每家', '单店', '单客户', '单个', '每个', '定价', '价格', '回本', '回收', '贡献', '毛利', '利润', '净利', '亏损', '成本', '(?<!付)费用', '支出', '分成', '佣金', '单位经济',
    '\\bper (?:user|seat|customer|client|store|location|site|unit|account|clinic|school|merchant|project|team|company)', '\\bARPU\\b', '\\bACV\\b', '\\bLTV\\b', '\\bCAC\\b',
    '\\bprice', '\\bpricing', '\\bpayback', '\\bprofit', '\\bmargin', '\\bEBITDA', '\\bnet income', '\\bloss', '\\bcosts?\\b', '\\bexpenses?\\b', '\\bspend', '\\bburn', '\\bunit economics', '\\bcommission',
  ].join('|'),
  'i',
);
/** A monthly amount: "$100K/month", "每月", "月收入". */
const MONTHLY = /\/\s{0,2}(?:month|mo)\b|\bper month\b|\ba month\b|\bmonthly\b|每月|\/\s{0,2}月|月收入|月营收|月流水/i;
const ANNUAL_RUN = /年化|annuali[sz]ed|run[- ]rate/i;

interface MetricHit {
  metric: Metric;
  start: number;
  end: number;
}

function metricsIn(text: string): MetricHit[] {
  const out: MetricHit[] = [];
  for (const [re, metric] of METRIC_WORDS) {
    re.lastIndex = 0;
    for (const m of text.matchAll(re)) {
      const s = m.index;
      const e = s + m[0].length;
      if (out.some((h) => s < h.end && e > h.start)) continue;
      if (!beforeOk(text, s) || AFTER_BAD.test(text.slice(e, e + 16))) continue;
      out.push({ metric, start: s, end: e });
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

function beforeOk(text: string, s: number): boolean {
  const c = text[s - 1];
  if (c === undefined) return true;
  if (CJK.test(c)) return ZH_BEFORE_OK.test(c);
  if (/[A-Za-z]/.test(c)) return false; // glued: "preARR"
  const m = /(?:^|[^A-Za-z0-9.$])([A-Za-z]{1,20})[\s-]{1,3}$/.exec(text.slice(Math.max(0, s - 24), s));
  if (!m) return true; // a digit, punctuation, a line start
  return EN_BEFORE_OK.has(m[1]!.toLowerCase());
}

// ---------------------------------------------------------------- values

const APPROX_BEFORE = /(?:约|大约|约为|近|接近|预计约|~|～|≈|\babout|\baround|\bapproximately|\bapprox\.?|\broughly|\bnearly|\balmost|\bsome)\s{0,2}$/i;
const LOWER_BEFORE = /(?:(?<!不)超过|突破|逾|不低于|不少于|至少|高于|\bover|\bmore than|\bat least|\bexceed(?:s|ing)?|\babove|\bbeyond|\bupwards of)\s{0,2}$/i;
const UPPER_BEFORE = /(?:不超过|最多|(?<!不)低于|(?<!不)少于|\bup to|\bunder|\bless than|\bbelow|\bwithin|\bat most)\s{0,2}$/i;
const APPROX_AFTER = /^\s{0,2}(?:左右|上下)/;
const LOWER_AFTER = /^\s{0,2}(?:\+|以上|多|余)/;
const UPPER_AFTER = /^\s{0,2}(?:以内|以下)/;

/** Fillers allowed between a metric word and its number: verbs of reaching, adverbs of estimation, units of counting. */
const GAP_OK = new RegExp(
  '^(?:[\\s:：=*_（()）]|预计|预期|计划|目标|将|可|能|有望|力争|争取|达到|达|到|实现|为|是|约|大约|接近|近|超过|突破|逾|至少|不低于|不少于|可达|增至|增长至|提升至|共|了|的|已|数|数量|规模|总额|' +
    '个|家|名|位|户|人|\\bis\\b|\\bare\\b|\\bwill\\b|\\bbe\\b|\\bexpected\\b|\\bprojected\\b|\\bforecast\\b|\\bestimated\\b|\\bplanned\\b|\\btargeted\\b|\\btarget\\b|\\bgoal\\b|\\bto\\b|\\breach(?:es|ing)?\\b|\\bhit(?:s|ting)?\\b|' +
    '\\bof\\b|\\bat\\b|\\babout\\b|\\baround\\b|\\bapproximately\\b|\\broughly\\b|\\bnearly\\b|\\bover\\b|\\bmore than\\b|\\bat least\\b|\\btotal(?:ing|ling)?\\b|\\bgrow(?:s|ing)?\\b|\\bin\\b|\\bwith\\b|\\bby\\b|\\bof\\b|~|≈|\\bhave\\b|\\bhas\\b)+$',
  'i',
);

function gapOk(gap: string): boolean {
  // (the fillers overlap, "达到" and "达" + "到": the expression only ever sees these few characters)
  if (gap.length > 28) return false;
  if (gap === '') return true;
  return GAP_OK.test(gap);
}

interface Value {
  lo: number;
  hi: number;
  value: number;
  start: number;
  end: number;
  currency: Currency | null;
  /** A range or an approximation: only disjoint intervals contradict it. */
  loose: boolean;
}

/** The interval a token (or a range of two) allows, with the words around it (about, over, up to). */
function interval(text: string, a: NumberToken, b: NumberToken | null): Value {
  const s = a.start;
  const e = (b ?? a).end;
  const from = Math.max(0, s - 16);
  const before = text.slice(from, s);
  const after = text.slice(e, e + 6);
  // the words that make it approximate or a bound are shown with it: "超过 5 万", "10 万+"
  const qb = APPROX_BEFORE.exec(before) ?? LOWER_BEFORE.exec(before) ?? UPPER_BEFORE.exec(before);
  const qa = APPROX_AFTER.exec(after) ?? LOWER_AFTER.exec(after) ?? UPPER_AFTER.exec(after);
  const shownStart = qb ? from + qb.index : s;
  const shownEnd = qa ? e + qa[0].length : e;
  let lo: number;
  let hi: number;
  let loose = false;
  if (b) {
    lo = Math.min(a.value, b.value) - Math.max(a.tolerance, b.tolerance);
    hi = Math.max(a.value, b.value) + Math.max(a.tolerance, b.tolerance);
    loose = true;
  } else {
    lo = a.value - a.tolerance;
    hi = a.value + a.tolerance;
  }
  if (APPROX_BEFORE.test(before) || APPROX_AFTER.test(after)) {
    lo = Math.min(lo, a.value * 0.9);
    hi = Math.max(hi, (b ?? a).value * 1.1);
    loose = true;
  }
  if (LOWER_BEFORE.test(before) || LOWER_AFTER.test(after)) {
    hi = Infinity;
    loose = true;
  }
  if (UPPER_BEFORE.test(before) || UPPER_AFTER.test(after)) {
    lo = 0;
    loose = true;
  }
  return { lo, hi, value: a.value, start: shownStart, end: shownEnd, currency: a.currency ?? b?.currency ?? null, loose };
}

function isCount(t: NumberToken, text: string): boolean {
  if (t.percent || t.period || t.yearLike || t.currency || t.value <= 0 || t.negative) return false;
  if (!Number.isInteger(t.value)) return false;
  // "12个月", "3 years", "50%" are no counts
  return !/^\s{0,2}(?:个?月|年|天|周|小时|倍|次|元|美元|months?\b|years?\b|days?\b|weeks?\b|hours?\b|x\b|times\b)/i.test(text.slice(t.end, t.end + 8));
}

// ---------------------------------------------------------------- prose

const CLAUSE_SPLIT = /[。！？!?；;\n]|\.(?=\s|$)/g;
const COMMA_SPLIT = /，(?!\d{3}(?!\d))|,(?=\s)|、|\band\b/g;

function pieces(text: string, re: RegExp, start: number, end: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let from = start;
  re.lastIndex = 0;
  for (const m of text.slice(start, end).matchAll(re)) {
    const to = start + m.index;
    if (to > from) out.push([from, to]);
    from = to + m[0].length;
  }
  if (end > from) out.push([from, end]);
  return out;
}

/** The lines of the text being read (set by figuresOf), for `placeOf`. */
let lines = new LineIndex('');

function lineStartOf(offset: number): number {
  return lines.starts[lines.positionAt(offset).line]!;
}

function placeOf(text: string, offset: number): Place {
  const ls = lineStartOf(offset);
  const line = text.slice(ls, Math.min(text.length, ls + 12));
  if (/^\s{0,3}#{1,6}\s/.test(line)) return 'heading';
  if (/^\s{0,12}(?:[-*+]|\d{1,3}[.)])\s/.test(line) || /^\s{0,12}>\s{0,3}[-*+]\s/.test(line)) return 'list';
  return 'prose';
}

/** Figures of one clause `text[s, e)` (masked plan text), with offsets into the plan. */
function clauseFigures(text: string, s: number, e: number, group: string, inherited?: Period): Figure[] | 'ambiguous' {
  const clause = text.slice(s, e);
  if (!/\d/.test(clause)) return [];
  const metrics = metricsIn(clause);
  if (!metrics.length) return [];
  if (CONTEXT_BAD.test(clause)) return [];
  if (LOCAL_BAD.test(clause)) return 'ambiguous';
  const found = periodsIn(clause);
  const { blockers } = found;
  if (blockers.length) return [];
  // a piece of a list item labelled by its period ("首年目标：50 万下载，5 万付费用户") takes the label's period
  const periods = !found.periods.length && inherited ? [{ ...inherited, start: 0, end: 0 }] : found.periods;
  const keys = new Set(periods.map(periodKey));
  const toks = readNumbers(clause).filter((t) => !periods.some((p) => t.start < p.end && t.end > p.start));
  const out: Figure[] = [];
  let ambiguous = false;
  // break-even: its value is a period ("break-even at month 3", "第18个月实现盈亏平衡")
  const be = metrics.filter((m) => m.metric === 'break-even');
  if (be.length) {
    if (be.length === 1 && periods.length === 1 && !/现金流|经营|单店|单客户|\bcash[- ]flow|\boperating|\bEBITDA|\bper\b|\bunit\b/i.test(clause)) {
      const p = periods[0]!;
      const m = be[0]!;
      const gap = p.start >= m.end ? clause.slice(m.end, p.start) : clause.slice(p.end, m.start);
      const labelled = p.start <= 12 && /^\s{0,4}(?:[-*+]|\d{1,2}[.)])?[\s*_]{0,4}$/.test(clause.slice(0, p.start)) && /^[\s*_]{0,4}[:：]/.test(clause.slice(p.end, p.end + 6)) && alone(clause, m);
      if (labelled || gap.length <= 24 && /^(?:[\s:：=*_（()）]|实现|达到|达成|将|预计|计划|于|在|时|内|前|即可|可|有望|\bin\b|\bat\b|\bby\b|\bwithin\b|\bis\b|\bwill\b|\bbe\b|\breached\b|\breach\b|\bachieve[ds]?\b|\bexpected\b|\bprojected\b|\bpoint\b|\bof\b|\bthe\b|\baround\b|\bend\b)*$/i.test(gap)) {
        const within = /^within/i.test(clause.slice(p.start, p.end)) || /\bwithin\s{0,2}$|\bby\s{0,2}(?:the end of\s{0,2})?$/i.test(clause.slice(Math.max(0, p.start - 20), p.start)) || /^\s{0,2}(?:内|以内|前)/.test(clause.slice(p.end, p.end + 4));
        if (p.kind !== 'quarter') out.push(breakEven(p, s + p.start, s + p.end, text.slice(s + p.start, s + p.end), within, group, placeOf(text, s)));
      }
    } else if (be.length) ambiguous = true;
  }
  for (const kind of ['money', 'count'] as const) {
    const all = metrics.filter((m) => KIND[m.metric] === kind);
    if (!all.length) continue;
    if (new Set(all.map((m) => m.metric)).size > 1 || keys.size !== 1) {
      ambiguous = true;
      continue;
    }
    const cands = toks.filter((t) => (kind === 'money' ? isMoneyToken(t) : isCount(t, clause)));
    // a range is one candidate
    const units: Array<[NumberToken, NumberToken | null]> = [];
    for (let i = 0; i < cands.length; i++) {
      const a = cands[i]!;
      const b = cands[i + 1];
      if (a.range && b?.range && /^\s{0,2}(?:-|–|—|~|～|至|到|to)\s{0,2}$/.test(clause.slice(a.end, b.start))) {
        units.push([a, b]);
        i++;
      } else units.push([a, null]);
    }
    if (units.length !== 1) {
      if (units.length > 1) ambiguous = true;
      continue;
    }
    const [a, b] = units[0]!;
    const last = b ?? a;
    // the period may stand between them: "ARR 目标：第 24 个月达到 1.2 亿"
    const gapOf = (m: MetricHit) => {
      const [gs, ge] = a.start >= m.end ? [m.end, a.start] : last.end <= m.start ? [last.end, m.start] : [-1, -1];
      if (gs < 0) return null;
      let gap = '';
      for (let i = gs; i < ge; i++) gap += periods.some((p) => i >= p.start && i < p.end) ? '' : clause[i];
      return gap;
    };
    const m = all.find((h) => {
      const gap = gapOf(h);
      return gap !== null && gapOk(gap);
    });
    if (!m) continue;
    // the period may not sit between the metric and the number on the far side ("2026 revenue … 2027")
    let metric = m.metric;
    if (metric === 'revenue') {
      if (ANNUAL_RUN.test(clause)) continue;
      if (MONTHLY.test(clause)) {
        if (periods[0]!.kind !== 'month') continue;
        metric = 'mrr';
      }
    } else if (metric === 'mrr' && periods[0]!.kind !== 'month' && /每月|月均|monthly average/i.test(clause)) continue;
    const v = interval(clause, a, b);
    out.push({
      metric,
      period: { kind: periods[0]!.kind, n: periods[0]!.n, q: periods[0]!.q },
      lo: v.lo,
      hi: v.hi,
      value: v.value,
      currency: v.currency,
      start: s + v.start,
      end: s + v.end,
      raw: text.slice(s + v.start, s + v.end),
      place: placeOf(text, s),
      group,
    });
  }
  return out.length ? out : ambiguous ? 'ambiguous' : [];
}

/** The metric word is a comma-separated item of its own: "…, $2,500 MRR, break-even" or "，实现盈亏平衡". */
function alone(clause: string, m: MetricHit): boolean {
  const from = Math.max(clause.lastIndexOf(',', m.start), clause.lastIndexOf('，', m.start), clause.lastIndexOf('、', m.start), clause.lastIndexOf(':', m.start), clause.lastIndexOf('：', m.start));
  const comma = /[,，、;；]/.exec(clause.slice(m.end));
  const to = comma ? m.end + comma.index : clause.length;
  const item = (clause.slice(from + 1, m.start) + clause.slice(m.end, to)).replace(/[\s*_.!]/g, '');
  return /^(?:实现|达到|达成|reach|reached|achieve|achieved|point)?$/i.test(item);
}

function breakEven(p: Period, start: number, end: number, raw: string, within: boolean, group: string, place: Place): Figure {
  return { metric: 'break-even', period: { kind: p.kind, n: 0 }, lo: within ? 0 : p.n, hi: p.n, value: p.n, currency: null, start, end, raw, place, group };
}

/** The period of a clause's label, when the clause is "label: items" and only the label states a period. */
function labelPeriod(clause: string): Period | null {
  const m = /^\s{0,4}(?:[-*+]\s{1,3}|\d{1,2}[.)]\s{1,3})?[*_]{0,2}([^:：*\n]{1,30})[*_]{0,2}\s{0,2}[:：]/.exec(clause);
  if (!m) return null;
  const label = periodsIn(m[1]!);
  const rest = periodsIn(clause.slice(m[0].length));
  if (label.blockers.length || label.periods.length !== 1 || rest.periods.length || rest.blockers.length) return null;
  const p = label.periods[0]!;
  return { kind: p.kind, n: p.n, q: p.q };
}

function proseFigures(masked: string): Figure[] {
  const out: Figure[] = [];
  // table rows are read as tables
  const lines = masked.split('\n');
  let off = 0;
  const blanked: string[] = [];
  for (const l of lines) {
    blanked.push(/^\s{0,3}(?:>\s{0,3})?\|/.test(l) ? ' '.repeat(l.length) : l);
    off += l.length + 1;
  }
  const text = blanked.join('\n');
  for (const [s, e] of pieces(text, CLAUSE_SPLIT, 0, text.length)) {
    if (e - s > 600) continue;
    const group = `s${s}`;
    const whole = clauseFigures(text, s, e, group);
    if (whole !== 'ambiguous') {
      out.push(...whole);
      continue;
    }
    const inherited = labelPeriod(text.slice(s, e));
    for (const [cs, ce] of pieces(text, COMMA_SPLIT, s, e)) {
      const part = clauseFigures(text, cs, ce, group, inherited ?? undefined);
      if (part !== 'ambiguous') out.push(...part);
    }
  }
  return out;
}

// ---------------------------------------------------------------- tables

function cleanLabel(s: string): string {
  // a label or header that names a metric or a period is short; longer cells are read as neither
  if (s.length > 120) return '';
  return s
    .replace(/<[^<>\n]{0,200}>/g, ' ')
    .replace(/[*_`~]/g, '')
    .replace(/[(（][^()（）\n]{0,30}[)）]/g, ' ')
    .replace(/\s+/g, ' ')
    .replace(/[:：\s]+$/, '')
    .trim();
}

const TABLE_METRICS: Array<[RegExp, Metric]> = [
  [/^(?:总|全年|年度?|预计|预测)?(?:营业收入|销售收入|营收|收入|营业额|销售额)(?:合计|总额|总计|总和)?(?:\s{0,2}[$¥￥]|\s{0,2}(?:万|亿)?元)?$/, 'revenue'],
  [/^(?:total |annual |projected |forecast )?(?:revenues?|sales|turnover)(?: total)?(?:\s{0,2}\$)?$/i, 'revenue'],
  [/^(?:MRR|月经常性收入|月度经常性收入|monthly recurring revenue(?: MRR)?)(?:\s{0,2}[$¥￥])?$/i, 'mrr'],
  [/^(?:ARR|年经常性收入|年度经常性收入|annual recurring revenue(?: ARR)?)(?:\s{0,2}[$¥￥])?$/i, 'arr'],
  [/^(?:付费用户|付费会员|付费客户|付费商户|付费商家|paying users|paid users|paying subscribers|paid subscribers|paying customers|paid customers|paying clients|paying merchants)(?:数|数量|人数| count| #)?$/i, 'paying-users'],
  [/^(?:签约客户|签约商户|商户|客户|merchants|customers|clients|total customers)(?:数|数量| count| #)?$|^(?:customer count|# of customers|number of customers|客户数量)$/i, 'customers'],
  [/^(?:盈亏平衡|盈亏平衡点|盈亏平衡时间|实现盈亏平衡|break[- ]?even|break[- ]?even point|break[- ]?even month)$/i, 'break-even'],
];

function tableMetric(label: string): Metric | null {
  const l = cleanLabel(label);
  if (!l || l.length > 40) return null;
  for (const [re, m] of TABLE_METRICS) if (re.test(l)) return m;
  return null;
}

/** A header or label that is one period and nothing else ("2026", "2026E", "FY2026", "第12个月", "Month 12", "Q4 2026"). */
function tablePeriod(label: string, year: number | null = null): Period | null {
  const l = cleanLabel(label);
  if (year !== null) {
    // a quarterly table under "#### 2027 年": "Q4" is 2027 Q4, "全年" is 2027
    const q = /^(?:Q([1-4])|第?([一二三四1-4])季度)$/i.exec(l);
    if (q) return { kind: 'quarter', n: year, q: num(q[1] ?? q[2]!) };
    if (/^(?:全年|full year|FY)$/i.test(l)) return { kind: 'year', n: year };
  }
  if (!l || l.length > 24) return null;
  const { periods, blockers } = periodsIn(l);
  if (blockers.length || periods.length !== 1) return null;
  const p = periods[0]!;
  const rest = (l.slice(0, p.start) + l.slice(p.end)).replace(/预测|预计|目标|年末|年底|末|底|\bforecast\b|\bprojected\b|\bplan\b|\bend\b|\(E\)|[\s\-–:：]/gi, '');
  if (rest !== '' && rest !== '年' && rest !== '年度') return null;
  return { kind: p.kind, n: p.n, q: p.q };
}

/** A bare index under a first header that names its kind: "| Month | … |" over "| 12 | … |". */
function indexPeriod(head: string, label: string): Period | null {
  const h = cleanLabel(head);
  const l = cleanLabel(label);
  if (!/^\d{1,2}$/.test(l)) return null;
  if (/^(?:month|月份?|第几月)$/i.test(h)) return { kind: 'month', n: Number(l) };
  if (/^(?:year|年|年份|年度)$/i.test(h) && Number(l) <= 10) return { kind: 'year-index', n: Number(l) };
  return null;
}

/** Words of a scenario rather than the plan's own forecast. */
const SCENARIO_WORDS = '情景|场景|乐观|保守|悲观|基准|中性|scenario|optimistic|conservative|pessimistic|base case|best case|worst case|\\bbull|\\bbear\\b';
const SCENARIO = new RegExp(SCENARIO_WORDS, 'i');
/** A heading over figures that are not the plan's own forecast. */
const HEADING_BAD = new RegExp(`${SCENARIO_WORDS}|竞品|竞争|对手|市场规模|估值|假设|\\bcompetit|market size|\\bTAM\\b|\\bvaluation|\\bassum`, 'i');
const TABLE_BAD = new RegExp(`${SCENARIO_WORDS}|市场|行业|竞品|竞争|对手|估值|累计|假设|\\bmarket|\\bindustry|\\bcompetit|\\bvaluation|cumulative|\\bassum`, 'i');

/** The one year a heading states and nothing else of a period ("#### 2027 年（增长年）"), or null. */
function headingYear(heading: string): number | null {
  const { periods, blockers } = periodsIn(heading);
  return !blockers.length && periods.length === 1 && periods[0]!.kind === 'year' ? periods[0]!.n : null;
}

function tableFigures(table: TableModel, ti: number, masked: string, year: number | null): Figure[] {
  const rows = table.rows;
  if (rows.length < 2) return [];
  const header = rows[0]!;
  const all = table.caption + ' ' + rows.map((r) => r.map((c) => c.text).join(' ')).join(' ');
  if (TABLE_BAD.test(table.caption) || rows.some((r) => r.some((c) => SCENARIO.test(c.text)))) return [];
  if (/平均|月均|average|\bavg\b/i.test(all) && !/MRR|ARR/i.test(all)) return [];
  const out: Figure[] = [];
  const seen = new Map<string, number>();
  const group = `t${ti}`;
  const push = (f: Figure) => {
    const k = f.metric + '|' + periodKey(f.period);
    seen.set(k, (seen.get(k) ?? 0) + 1);
    out.push(f);
  };
  for (let r = 1; r < rows.length; r++) {
    const row = rows[r]!;
    const rowLabel = row[0]!.text;
    const rowMetric = tableMetric(rowLabel);
    const rowPeriod = rowMetric ? null : tablePeriod(rowLabel) ?? indexPeriod(header[0]!.text, rowLabel);
    for (let c = 1; c < row.length; c++) {
      const cell = row[c]!;
      const head = header[c]!.text;
      let metric: Metric | null = null;
      let period: Period | null = null;
      if (rowMetric) {
        metric = rowMetric;
        period = tablePeriod(head, year);
      } else if (rowPeriod) {
        metric = tableMetric(head);
        period = rowPeriod;
        if (!metric && !tablePeriod(head) && !cell.token && /[A-Za-z\p{Script=Han}]/u.test(cell.text)) {
          // a roadmap cell under a period row: "| 2027 Q4 | 行业领先 | 付费用户 10 万+ |" reads as a clause of that period
          for (const f of cellClauses(masked, cell.start, cell.end, group, rowPeriod)) push({ ...f, place: 'table' });
          continue;
        }
      } else period = tablePeriod(head, year);
      if (metric === 'revenue' && period?.kind === 'month' && /^(?:年收入|年营收|年化收入|annual revenue|annuali[sz]ed revenue)$/i.test(cleanLabel(rowMetric ? rowLabel : head))) metric = 'arr';
      if (!metric && period?.kind === 'month' && /^(?:monthly revenue|月收入|月营收|revenue\s{0,2}\/\s{0,2}month)$/i.test(cleanLabel(rowMetric === null && rowPeriod ? head : rowLabel))) metric = 'mrr';
      if (!metric) continue;
      if (metric === 'break-even') {
        // the cell is the period: "| Break-even | Month 3 |" with a header that is no period
        if (period) continue;
        const p = tablePeriod(cell.text);
        if (p && p.kind !== 'quarter' && row.length === 2) push(breakEven(p, cell.start, cell.end, cell.text, false, group, 'table'));
        continue;
      }
      if (!period) continue;
      const v = cellInterval(table, cell, findUnit(rowLabel), findUnit(head));
      if (!v) continue;
      if (KIND[metric] === 'money' ? !v.money : !v.count) continue;
      const unit = cell.token && !cell.token.scaleWord && !cell.token.currency ? (findUnit(rowLabel) ?? findUnit(head) ?? table.unit) : null;
      const raw = unit && !unit.percent ? `${cell.text} (${unit.raw})` : cell.text;
      push({ metric, period, lo: v.lo, hi: v.hi, value: v.value, currency: v.currency, start: v.start, end: v.end, raw, place: 'table', group });
    }
  }
  // a metric written twice for the same period in one table is a breakdown or scenarios: not a figure of the plan
  return out.filter((f) => seen.get(f.metric + '|' + periodKey(f.period)) === 1);
}

function cellClauses(masked: string, s: number, e: number, group: string, period: Period): Figure[] {
  if (e - s > 300) return [];
  const whole = clauseFigures(masked, s, e, group, period);
  if (whole !== 'ambiguous') return whole;
  const out: Figure[] = [];
  for (const [cs, ce] of pieces(masked, COMMA_SPLIT, s, e)) {
    const part = clauseFigures(masked, cs, ce, group, period);
    if (part !== 'ambiguous') out.push(...part);
  }
  return out;
}

function cellInterval(table: TableModel, cell: TableModel['rows'][number][number], ...units: Array<ReturnType<typeof findUnit>>): (Value & { money: boolean; count: boolean }) | null {
  const raw = cell.text;
  if (!/\d/.test(raw) || raw.length > 60) return null;
  const masked = maskedText(raw);
  const toks = readNumbers(masked, { parenNegative: true }).filter((t) => !t.period);
  let v: Value;
  let tok: NumberToken;
  if (toks.length === 1 && cell.token) {
    tok = cellValue(cell, ...units, table.unit)!;
    if (!tok) return null;
    v = interval(masked, { ...tok, start: toks[0]!.start, end: toks[0]!.end }, null);
  } else if (toks.length === 2 && toks[0]!.range && toks[1]!.range) {
    const fake = (t: NumberToken) => cellValue({ ...cell, token: t }, ...units, table.unit)!;
    const a = fake(toks[0]!);
    const b = fake(toks[1]!);
    tok = a;
    v = interval(masked, a, b);
  } else return null;
  const money = !tok.percent && tok.value > 0 && (tok.currency !== null || tok.scale >= 1e3 || table.unit?.currency != null || units.some((u) => u?.currency));
  const count = !tok.percent && !tok.currency && tok.value > 0 && Number.isInteger(tok.value) && !table.unit?.currency && !units.some((u) => u?.currency);
  return { ...v, start: cell.start, end: cell.end, currency: v.currency ?? table.unit?.currency ?? units.find((u) => u?.currency)?.currency ?? null, money, count };
}

// ---------------------------------------------------------------- the register

/** Headings (ATX, or a bold line alone) with their offsets, in order. */
function headings(text: string): Array<{ start: number; text: string }> {
  const out: Array<{ start: number; text: string }> = [];
  let at = 0;
  for (const line of text.split('\n')) {
    if (/^\s{0,3}#{1,6}\s/.test(line) || /^\s{0,3}\*\*[^*\n]{1,80}\*\*[:：]?\s*$/.test(line)) out.push({ start: at, text: line });
    at += line.length + 1;
  }
  return out;
}

function headingAt(hs: Array<{ start: number; text: string }>, offset: number): string {
  let lo = 0;
  let hi = hs.length - 1;
  let j = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (hs[mid]!.start <= offset) {
      j = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return j >= 0 ? hs[j]!.text : '';
}

export function figuresOf(text: string, root: MdNode): Figure[] {
  const masked = maskedText(text);
  lines = new LineIndex(masked);
  const hs = headings(masked);
  // figures under a heading about a scenario, a market or competitors are not the plan's own
  const out = proseFigures(masked).filter((f) => !HEADING_BAD.test(headingAt(hs, f.start)) || f.place === 'heading');
  readTables(text, root).forEach((t, i) => {
    const heading = headingAt(hs, t.start);
    if (!HEADING_BAD.test(heading)) out.push(...tableFigures(t, i, masked, headingYear(heading.replace(/^[\s#*]+/, ''))));
  });
  return out.sort((a, b) => a.start - b.start);
}

export interface Contradiction {
  figure: Figure;
  others: Figure[];
  /** MRR against ARR for the same period: the others are of the other metric, compared at 12 × MRR. */
  runRate?: boolean;
  /**
   * The MRR reached by the end of a year, as a yearly rate, is more than the next year's revenue although revenue
   * grows: `others` are that year's revenue and the next year's. Reported on the MRR and on that year's revenue.
   */
  ahead?: { mrr: Figure; revenue: Figure; next: Figure };
}

/** How far apart two figures are: 0 when their intervals meet or lie within rounding (5 %) of each other. */
function apart(a: Figure, b: Figure): boolean {
  if (a.metric === 'break-even') return a.hi < b.lo || b.hi < a.lo;
  const gap = Math.max(a.lo - b.hi, b.lo - a.hi);
  if (gap <= 0) return false;
  const big = Math.max(Math.abs(a.value), Math.abs(b.value));
  if (gap <= 0.05 * big) return false;
  // an order of magnitude or more apart: another unit or another thing, not the same figure restated
  // (between the nearest ends of the two intervals)
  const [low, high] = a.hi < b.lo ? [a.hi, b.lo] : [b.hi, a.lo];
  return low > 0 && high / low <= 3;
}

function sameCurrency(a: Figure, b: Figure): boolean {
  return !a.currency || !b.currency || a.currency === b.currency;
}

/** Figures that another place states differently: one entry per place, with the places it contradicts. */
export function contradictions(figures: readonly Figure[]): Contradiction[] {
  const byKey = new Map<string, Figure[]>();
  for (const f of figures) {
    const k = f.metric + '|' + comparable(f);
    const list = byKey.get(k);
    if (list) list.push(f);
    else byKey.set(k, [f]);
  }
  const out: Contradiction[] = [];
  for (const f of figures) {
    const same = byKey.get(f.metric + '|' + comparable(f))!;
    // a figure stated in more places than a plan ever restates one is no single figure (and comparing them all would be quadratic)
    if (same.length > MAX_PLACES) continue;
    const others = same.filter((g) => g !== f && g.group !== f.group && sameCurrency(f, g) && apart(f, g));
    if (others.length) out.push({ figure: f, others });
    else if (f.metric === 'mrr' || f.metric === 'arr') {
      // a monthly run rate is a twelfth of the annual one: MRR and ARR of one period must agree at × 12
      const other = byKey.get((f.metric === 'mrr' ? 'arr' : 'mrr') + '|' + comparable(f)) ?? [];
      if (same.length + other.length > MAX_PLACES) continue;
      const annual = (x: Figure) => (x.metric === 'mrr' ? { ...x, lo: 12 * x.lo, hi: 12 * x.hi, value: 12 * x.value } : x);
      const cross = other.filter((g) => g.group !== f.group && sameCurrency(f, g) && apart(annual(f), annual(g)));
      if (cross.length) out.push({ figure: f, others: cross, runRate: true });
    }
  }
  return out;
}

const MAX_PLACES = 24;

/**
 * An MRR stated for a year (by the end of year 3, by 2027) runs at twelve times that a year from then on; a plan whose
 * revenue grows from that year to the next cannot earn less the next year than that rate. Compared only when the
 * plan states one revenue for each of the two years, revenue grows, and the rate exceeds the next year's revenue by
 * a quarter or more (month-to-month churn and rounding stay well inside that).
 */
export function runRateAhead(figures: readonly Figure[]): Contradiction[] {
  const revenue = new Map<string, Figure[]>();
  for (const f of figures) {
    if (f.metric !== 'revenue' || (f.period.kind !== 'year' && f.period.kind !== 'year-index')) continue;
    const k = periodKey(f.period);
    revenue.set(k, [...(revenue.get(k) ?? []), f]);
  }
  const one = (kind: PeriodKind, n: number): Figure | null => {
    const list = revenue.get(periodKey({ kind, n })) ?? [];
    // two revenues for one year (a restatement, a contradiction of its own): nothing to lean on
    return list.length === 1 ? list[0]! : null;
  };
  const out: Contradiction[] = [];
  for (const f of figures) {
    if (f.metric !== 'mrr' || (f.period.kind !== 'year' && f.period.kind !== 'year-index')) continue;
    const year = one(f.period.kind, f.period.n);
    const next = one(f.period.kind, f.period.n + 1);
    if (!year || !next || year.group === f.group || !sameCurrency(f, year) || !sameCurrency(f, next)) continue;
    if (!(next.lo > year.hi) || !(12 * f.lo > 1.25 * next.hi)) continue;
    const ahead = { mrr: f, revenue: year, next };
    out.push({ figure: f, others: [year, next], ahead }, { figure: year, others: [f, next], ahead });
  }
  return out;
}
