/**
 * The return a plan promises its investors, against the figures it gives for it in the same section:
 *
 *     - 预计届时估值 ¥2.7–4 亿人民币。
 *     - 本轮以 ¥6,000 万 Pre-money 进入，持有 20% 股权，2 年内预期回报约 9–13x。
 *
 * An investor who owns a share of the company at the post-money valuation gets at most the exit
 * valuation divided by the post-money (later rounds only dilute), here 2.7–4亿 / 7,500万 = 3.6–5.3x.
 * A promised multiple above that bound does not follow from the plan's own figures. The post-money
 * is stated, or the pre-money with the share sold (post = pre / (1 − share)), or the pre-money with
 * the amount raised. Read only when the section states each of them once. Pure; linear scans.
 */
import { formatLike, isMoneyToken, maskedText, readNumbers, type NumberToken } from './numbers.js';
import type { Span } from './types.js';

export interface WrongReturn {
  /** The promised multiple, as written. */
  claim: Span & { raw: string; lo: number; hi: number };
  /** The bound the section's figures give. */
  bound: { lo: number; hi: number };
  exit: Span & { raw: string };
  /** The post-money valuation, written like the exit valuation (`0.75 亿人民币`). */
  post: string;
}

const CLAUSE_END = /[。；;！？!?\n、]|[，,](?!\d{3}(?!\d))|\.(?=\s|$)/g;
/** A multiple: `9–13x`, `10 倍`, `3.5×`. */
const MULTIPLE = /(\d{1,4}(?:\.\d{1,2})?)(?:\s{0,2}[-–~～至]\s{0,2}(\d{1,4}(?:\.\d{1,2})?))?\s{0,2}(?:x|X|×|倍)(?![A-Za-z])/g;
const RETURN_WORD = /回报|收益倍数|\breturns?\b|\bROI\b|\bMOIC\b|\bcash[- ]on[- ]cash\b/i;
/** A multiple of revenue or ARR that sets a valuation, not a return. */
const VALUATION_MULTIPLE = /估值倍数|市销率|\bP\/?S\b|\bARR multiple|revenue multiple|valuation multiple|\bEV\//i;
const PRE = /pre-?money|投前估值|投前/i;
const POST = /post-?money|投后估值|投后/i;
const VALUATION = /估值|valuation|\bexit\b|退出|市值/i;
const SHARE = /股权|股份|\bequity\b|\bstake\b|ownership|持股|出让|of the company/i;
const RAISE = /融资|募资|\braise|\braising\b|\binvest(?:ment|ing)?\b|投资/i;

interface Clause {
  start: number;
  text: string;
}

/** The clauses of a span: split at sentence ends, line ends and commas (not a thousands separator). */
function clauses(masked: string, span: Span): Clause[] {
  const out: Clause[] = [];
  const text = masked.slice(span.start, span.end);
  let from = 0;
  for (const m of text.matchAll(CLAUSE_END)) {
    if (m.index > from) out.push({ start: span.start + from, text: text.slice(from, m.index) });
    from = m.index + m[0].length;
  }
  if (from < text.length) out.push({ start: span.start + from, text: text.slice(from) });
  return out;
}

/** The one money figure or range of a clause: [lo, hi] and its span. */
interface Amount {
  lo: number;
  hi: number;
  start: number;
  end: number;
  /** The token of the high end, for writing another amount the same way. */
  tok: NumberToken;
}

function amount(c: Clause): Amount | null {
  const all = readNumbers(c.text).filter((t) => !t.percent && !t.period && !t.yearLike && t.value > 0);
  const toks = all.filter(isMoneyToken);
  if (toks.length === 1 && all.length === 1) return { lo: toks[0]!.value, hi: toks[0]!.value, start: c.start + toks[0]!.start, end: c.start + toks[0]!.end, tok: toks[0]! };
  // a range, `¥2.7–4 亿` (readNumbers gives the low end the scale of the high one)
  if (all.length !== 2 || !all[0]!.range || !all[1]!.range || !isMoneyToken(all[1]!)) return null;
  const [a, b] = all as [NumberToken, NumberToken];
  return a.value <= b.value ? { lo: a.value, hi: b.value, start: c.start + a.start, end: c.start + b.end, tok: b } : null;
}

/** Returns a section promises that its own exit valuation and entry price cannot give. */
export function wrongReturns(text: string, spans: readonly Span[]): WrongReturn[] {
  const masked = maskedText(text);
  const out: WrongReturn[] = [];
  for (const span of spans) {
    // most sections promise no return: one test of the section, not a reading of each of its clauses
    if (span.end - span.start > 4000 || !RETURN_WORD.test(masked.slice(span.start, span.end))) continue;
    const cs = clauses(masked, span);
    const claims: WrongReturn['claim'][] = [];
    let exit: Amount | null = null;
    let exits = 0;
    let pre: number | null = null;
    let post: number | null = null;
    let share: number | null = null;
    let raised: number | null = null;
    let ambiguous = false;
    for (const c of cs) {
      const t = c.text;
      // the promised multiple, after a word of return and not a valuation multiple
      for (const m of t.matchAll(MULTIPLE)) {
        const before = t.slice(0, m.index);
        if (!RETURN_WORD.test(before.slice(-24) + m[0]) || VALUATION_MULTIPLE.test(before.slice(-16))) continue;
        const lo = Number(m[1]);
        const hi = m[2] ? Number(m[2]) : lo;
        claims.push({ start: c.start + m.index, end: c.start + m.index + m[0].length, raw: text.slice(c.start + m.index, c.start + m.index + m[0].length), lo, hi });
      }
      const a = amount(c);
      const pct = readNumbers(t).filter((x) => x.percent);
      if (PRE.test(t) && a) {
        if (pre !== null) ambiguous = true;
        pre = a.lo === a.hi ? a.lo : null;
      } else if (POST.test(t) && a) {
        if (post !== null) ambiguous = true;
        post = a.lo === a.hi ? a.lo : null;
      } else if (VALUATION.test(t) && a && !RETURN_WORD.test(t)) {
        exits++;
        exit = a;
      } else if (RAISE.test(t) && a && !SHARE.test(t)) {
        if (raised !== null) ambiguous = true;
        raised = a.lo === a.hi ? a.lo : null;
      }
      if (SHARE.test(t) && pct.length === 1) {
        if (share !== null) ambiguous = true;
        share = pct[0]!.value / 100;
      }
    }
    if (ambiguous || claims.length !== 1 || exits !== 1 || !exit) continue;
    let postValue: number | null = post;
    if (postValue === null && pre !== null && share !== null && share > 0 && share < 1) postValue = pre / (1 - share);
    else if (postValue === null && pre !== null && raised !== null) postValue = pre + raised;
    if (postValue === null || postValue <= 0 || exit.hi <= postValue) continue;
    const claim = claims[0]!;
    const bound = { lo: exit.lo / postValue, hi: exit.hi / postValue };
    // a promise above what the exit can pay even before any dilution, with room for rounding
    if (claim.lo <= 1.15 * bound.hi) continue;
    out.push({ claim, bound, exit: { start: exit.start, end: exit.end, raw: text.slice(exit.start, exit.end) }, post: written(postValue, exit.tok) });
  }
  return out;
}

/** An amount written the way `tok` is, with the decimals it needs (at most two, trailing zeros dropped). */
function written(value: number, tok: NumberToken): string {
  const s = formatLike(value, { ...tok, decimals: 2, negStyle: null });
  return s.replace(/(\d)\.(\d*?)0+(?!\d)/, (_m, d: string, f: string) => (f ? `${d}.${f}` : d));
}
