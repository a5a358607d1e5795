/**
 * Calculations a plan states in its own text: `200 × ¥180 = ¥3.6万`,
 * `$2M/month × 5% = $100K/month = $1.2M/year`, `10 + 25 + 10 + 5 = 50万`.
 * Only what is written as a calculation is read: numbers joined by an
 * operator sign, then `=` and a result. A calculation is read only where it
 * stands alone in its clause (nothing but words before its first number since
 * the last punctuation), so `5% commission on $50K × 30 = $75K` (the 5 % is
 * part of the product) is left out. Pure; every scan is linear.
 */
import { readNumbers, type Currency, type NumberToken } from './numbers.js';

export type Op = '+' | '−' | '×' | '÷';
export type Per = 'month' | 'year' | null;

export interface Operand {
  tok: NumberToken;
  /** A rate stated per month or per year (`$49/month`, `每年`, `ARR`), when the words right after it say so. */
  per: Per;
}

export interface Calculation {
  /** The operands and the operators between them (`ops.length === operands.length - 1`). */
  operands: Operand[];
  ops: Op[];
  /** The stated results, in order (`= $180K/month = $2.16M/year`). */
  results: Operand[];
  /** An approximate result (`≈`, `约`, `~`). */
  approx: boolean;
  /** Words stand between the operands (`25 audits + 2 implementations`): they count things, not one unit. */
  wordy: boolean;
}

/** What a gap between two numbers holds. */
type Gap = { kind: 'op'; op: Op } | { kind: 'eq'; approx: boolean } | { kind: 'words' } | { kind: 'break' };

const OP_CHARS: Record<string, Op> = { '×': '×', '＊': '×', '*': '×', x: '×', X: '×', '+': '+', '＋': '+', '−': '−', '÷': '÷', '/': '÷' };
const EQ_CHARS: Record<string, boolean> = { '=': false, '＝': false, '≈': true, '≒': true };
/** Punctuation that ends a clause (a calculation never spans one). */
const BREAK_CHARS = new Set([...',，;；:：。!！?？()（）[]【】|、\n']);
const MAX_GAP = 40;

/** The kind of a gap: at most one operator or one equals sign, among words and spaces. */
export function classifyGap(gap: string): Gap {
  if (gap.length > MAX_GAP) return { kind: 'break' };
  let op: Op | null = null;
  let eq: boolean | null = null;
  let signs = 0;
  for (let i = 0; i < gap.length; i++) {
    const c = gap[i]!;
    if (BREAK_CHARS.has(c)) return { kind: 'break' };
    if (c === '*' && (gap[i + 1] === '*' || gap[i - 1] === '*')) continue; // emphasis, not a product
    if (c === '*' && !(isSpace(gap[i - 1]) && isSpace(gap[i + 1]))) continue;
    if ((c === 'x' || c === 'X') && !(isSpace(gap[i - 1]) && isSpace(gap[i + 1]))) continue; // a letter of a word
    if (c === '/' && gap[i + 1] !== undefined && !isSpace(gap[i + 1]) && i + 1 < gap.length) continue; // "/month": a rate
    if (c in OP_CHARS) {
      op = OP_CHARS[c]!;
      signs++;
    } else if (c in EQ_CHARS) {
      eq = EQ_CHARS[c]!;
      signs++;
    } else if (c === '~' || c === '～') {
      if (eq === null) return { kind: 'break' };
      eq = true;
    }
  }
  if (signs > 1) return { kind: 'break' };
  if (op) return { kind: 'op', op };
  if (eq !== null) return { kind: 'eq', approx: eq || /约|about|approx/i.test(gap) };
  return { kind: 'words' };
}

function hasWord(s: string): boolean {
  for (const c of s) if (/\p{L}/u.test(c)) return true;
  return false;
}

function isSpace(c: string | undefined): boolean {
  return c === ' ' || c === '\t' || c === '\u3000';
}

const PER_MONTH = /^\s{0,2}(?:\/\s{0,2}(?:month|mo|m|月)\b|\/月|per\s+month|a\s+month|每月|MRR\b|monthly\b)/i;
const PER_YEAR = /^\s{0,2}(?:\/\s{0,2}(?:year|yr|y|年)\b|\/年|per\s+year|a\s+year|每年|ARR\b|annually\b|annual\b|yearly\b)/i;

export function perOf(after: string): Per {
  const s = after.replace(/^\*{1,2}/, '');
  if (PER_MONTH.test(s)) return 'month';
  if (PER_YEAR.test(s)) return 'year';
  return null;
}

/** The calculations written in one line of (masked) text; offsets of the tokens are into `line`. */
export function calculationsIn(line: string): Calculation[] {
  const toks = readNumbers(line);
  const out: Calculation[] = [];
  let i = 0;
  while (i < toks.length) {
    const calc = readCalculation(line, toks, i);
    if (calc) {
      out.push(calc.calc);
      i = calc.next;
    } else i++;
  }
  return out;
}

function usable(t: NumberToken): boolean {
  return !t.period && !t.yearLike && !t.range && Number.isFinite(t.value);
}

function readCalculation(line: string, toks: NumberToken[], from: number): { calc: Calculation; next: number } | null {
  const first = toks[from]!;
  if (!usable(first)) return null;
  // nothing but words since the clause began: no number, no operator right before the first operand
  if (from > 0) {
    const before = classifyGap(line.slice(toks[from - 1]!.end, first.start));
    if (before.kind !== 'break') return null;
  }
  const operand = (t: NumberToken, next: NumberToken | undefined): Operand => ({ tok: t, per: perOf(line.slice(t.end, next ? next.start : line.length)) });
  const operands: Operand[] = [operand(first, toks[from + 1])];
  const ops: Op[] = [];
  const results: Operand[] = [];
  let approx = false;
  let wordy = false;
  let j = from + 1;
  for (; j < toks.length; j++) {
    const t = toks[j]!;
    const gap = classifyGap(line.slice(toks[j - 1]!.end, t.start));
    if (gap.kind === 'break' || gap.kind === 'words' || !usable(t)) break;
    if (gap.kind === 'op') {
      if (results.length) return null; // "a × b = c × d": not a plain result
      ops.push(gap.op);
      operands.push(operand(t, toks[j + 1]));
      wordy ||= hasWord(line.slice(toks[j - 1]!.end, t.start));
    } else {
      approx ||= gap.approx;
      results.push(operand(t, toks[j + 1]));
    }
  }
  if (!results.length) return null;
  // the calculation ends its clause: what follows the last result is words at most, then punctuation or the end
  if (j < toks.length) {
    const after = classifyGap(line.slice(toks[j - 1]!.end, toks[j]!.start));
    if (after.kind === 'op' || after.kind === 'eq') return null;
  }
  if (!ops.length && !(results.length === 1 && operands[0]!.per && results[0]!.per && operands[0]!.per !== results[0]!.per)) {
    // "a = b" alone is a restatement (12 audits = $30,000), checked only as a month-to-year conversion
    if (results.length < 2) return null;
  }
  return { calc: { operands, ops, results, approx, wordy }, next: j };
}

// ---------------------------------------------------------------- evaluation

export interface Interval {
  lo: number;
  hi: number;
}

/** A number's interval: what its digits allow. A whole number with no scale word (`40`, `$299`) is taken as exact. */
function interval(t: NumberToken, exact = false): Interval {
  const scale = t.percent ? 0.01 : 1;
  const v = t.value * scale;
  const rounded = t.decimals > 0 || t.scale !== 1;
  const tol = exact || !rounded ? 0 : t.tolerance * scale;
  return { lo: v - tol, hi: v + tol };
}

function mul(a: Interval, b: Interval): Interval {
  const c = [a.lo * b.lo, a.lo * b.hi, a.hi * b.lo, a.hi * b.hi];
  return { lo: Math.min(...c), hi: Math.max(...c) };
}

function div(a: Interval, b: Interval): Interval | null {
  if (b.lo <= 0 && b.hi >= 0) return null;
  return mul(a, { lo: 1 / b.hi, hi: 1 / b.lo });
}

/** The value of operands and operators, × and ÷ before + and −, as an interval; null when it cannot be told. */
export function evaluate(operands: readonly Operand[], ops: readonly Op[], exact = false): Interval | null {
  const terms: Array<{ sign: 1 | -1; v: Interval }> = [];
  let cur: Interval = interval(operands[0]!.tok, exact);
  let sign: 1 | -1 = 1;
  for (let k = 0; k < ops.length; k++) {
    const op = ops[k]!;
    const next = interval(operands[k + 1]!.tok, exact);
    if (op === '×') cur = mul(cur, next);
    else if (op === '÷') {
      const q = div(cur, next);
      if (!q) return null;
      cur = q;
    } else {
      terms.push({ sign, v: cur });
      sign = op === '+' ? 1 : -1;
      cur = next;
    }
  }
  terms.push({ sign, v: cur });
  let lo = 0;
  let hi = 0;
  for (const t of terms) {
    if (t.sign === 1) {
      lo += t.v.lo;
      hi += t.v.hi;
    } else {
      lo -= t.v.hi;
      hi -= t.v.lo;
    }
  }
  return { lo, hi };
}

/** The currency of the operands' value, `undefined` when they mix currencies in a way that has no one currency. */
function currencyOf(operands: readonly Operand[], ops: readonly Op[], results: readonly Operand[]): Currency | null | undefined {
  const additive = ops.some((o) => o === '+' || o === '−');
  const cur = operands.map((o) => o.tok.currency);
  const named = [...new Set(cur.filter((c): c is Currency => c !== null))];
  if (named.length > 1) return undefined;
  if (additive) {
    // a sum of amounts: every term states the currency, or none does
    if (named.length && cur.some((c) => c === null) && operands.length > 2) return undefined;
    if (operands.some((o) => o.tok.percent) !== operands.every((o) => o.tok.percent)) return undefined;
    // percentages add up only as shares of one whole (40% + 35% + 25% = 100%); `85% + 70% + 90% = 80%` is a blend
    if (operands[0]!.tok.percent && results[0]!.tok.value !== 100) return undefined;
  }
  return named[0] ?? null;
}

export interface WrongResult {
  calc: Calculation;
  /** The result that does not hold. */
  result: Operand;
  /** What the calculation gives, in the result's unit (a month or year rate converted). */
  computed: number;
}

/**
 * Bare numbers summed into a result with a unit (`10 + 25 + 10 + 5 = 50万`, `3 + 2 = ¥5M`) are in the result's
 * unit: the author wrote it once, at the end.
 */
function withResultUnit(calc: Calculation): Calculation {
  const r = calc.results[0]!.tok;
  const bare = (t: NumberToken) => t.scale === 1 && !t.currency && !t.percent;
  if (!calc.ops.length || calc.wordy || calc.ops.some((o) => o !== '+' && o !== '−') || !calc.operands.every((o) => bare(o.tok))) return calc;
  if (r.percent || (r.scale === 1 && !r.currency)) return calc;
  const unit = (t: NumberToken): NumberToken => ({ ...t, value: t.value * r.scale, tolerance: t.tolerance * r.scale, scale: r.scale, currency: r.currency });
  return { ...calc, operands: calc.operands.map((o) => ({ ...o, tok: unit(o.tok) })) };
}

/** How far apart two values may be and still agree: the rounding both show, and 1 % (5 % for an approximate result). */
function agrees(v: Interval, r: Interval, approx: boolean): boolean {
  const slack = (approx ? 0.05 : 0.01) * Math.max(Math.abs(r.lo), Math.abs(r.hi), Math.abs(v.lo), Math.abs(v.hi));
  return v.lo - slack <= r.hi + 1e-9 && r.lo - slack <= v.hi + 1e-9;
}

function scaled(v: Interval, k: number): Interval {
  return k >= 0 ? { lo: v.lo * k, hi: v.hi * k } : { lo: v.hi * k, hi: v.lo * k };
}

/** The factors that take a value stated per `from` to one per `to`: known periods give one, an unknown one any. */
function factors(from: Per, to: Per): number[] {
  if (from && to) return [from === to ? 1 : from === 'month' ? 12 : 1 / 12];
  return [1, 12, 1 / 12];
}

/** The first result of a calculation that does not hold, or null when every one holds or it cannot be told. */
export function checkCalculation(input: Calculation): WrongResult | null {
  // counts of named things added up (`1 person + 7 AI agents = a team of 10`) are a figure of speech, not a sum
  if (input.wordy && input.ops.some((o) => o === '+' || o === '−') && input.operands.every((o) => !o.tok.currency && !o.tok.percent && o.tok.scale === 1)) return null;
  const calc = withResultUnit(input);
  const currency = currencyOf(calc.operands, calc.ops, calc.results);
  if (currency === undefined) return null;
  const value = calc.ops.length ? evaluate(calc.operands, calc.ops) : interval(calc.operands[0]!.tok);
  const point = calc.ops.length ? evaluate(calc.operands, calc.ops, true) : interval(calc.operands[0]!.tok, true);
  if (!value || !point) return null;
  let exact = point.lo;
  // the period of the computed value: known for a plain conversion (`$50K/month = $600K/year`); for a product it is
  // not (`$50K MRR × 12 = $600K ARR` has made the conversion itself), so any of month and year may be meant
  let per: Per = calc.ops.length ? null : calc.operands[0]!.per;
  let cur = value;
  for (const r of calc.results) {
    const rt = r.tok;
    if (rt.currency && currency && rt.currency !== currency) return null;
    // an amount out of counts alone (2 people × 3 weeks ≈ ¥6万) has a price left unsaid
    if (rt.currency && !currency) return null;
    if (rt.percent && !calc.ops.includes('÷') && !calc.operands.every((o) => o.tok.percent)) return null;
    const stated = interval(rt);
    const ks = factors(per, r.per);
    const k = ks.find((f) => agrees(scaled(cur, f), stated, calc.approx));
    if (k === undefined) {
      // only a conversion the text states is applied to the figure shown
      const f = ks.length === 1 ? ks[0]! : 1;
      const v = exact * f;
      return { calc: input, result: r, computed: rt.percent ? v * 100 : v };
    }
    cur = stated;
    exact = interval(rt, true).lo;
    per = r.per ?? (ks.length === 1 ? per : null);
  }
  return null;
}
