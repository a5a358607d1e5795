/**
 * Reading numbers in Chinese and English business-plan text and table cells:
 * thousands separators (`,` and full-width `，`), decimals, percentages,
 * negatives as `-x`, `(x)` or `（x）`, currency signs and codes (¥ $ € RMB USD
 * CNY 元 美元 …) and scale words (万 亿 千万 百万 k K thousand M mn million
 * B bn billion …). A number keeps the precision it was written with, so
 * that rounding tolerances can be derived, and its format, so that a
 * computed value can be written back the same way.
 *
 * Left out on purpose: numbers written in Chinese numerals (一千二百万),
 * fractions, scientific notation, and magnitudes without digits (千亿级).
 */
import type { Span } from './types.js';
import { originOf } from './incremental.js';
import { blankOut, delimitedSpans, footnoteRefSpans, linkTargetSpans, referenceDefinitionSpans, replaceSpans } from './scan.js';

export type Currency = 'CNY' | 'USD' | 'EUR' | 'HKD' | 'GBP' | 'JPY';

export interface NumberToken {
  /** Offsets into the text that was read (UTF-16, end exclusive). */
  start: number;
  end: number;
  raw: string;
  /** The value in base units: `1.2亿` → 120000000, `40%` → 40. A unit from context is applied by `withUnit`. */
  value: number;
  /** The digits as written, as a number (sign applied): `-1,200.5万` → -1200.5. */
  mantissa: number;
  /** Digits shown after the decimal point. */
  decimals: number;
  /** Multiplier of the scale word(s): 万 → 1e4, `$1.5B` → 1e9; 1 without. */
  scale: number;
  /** The scale word as written, or null. */
  scaleWord: string | null;
  percent: boolean;
  negative: boolean;
  /** How a negative value is written: `-`, `−`, `(`, `（`; null when positive. */
  negStyle: NegStyle | null;
  currency: Currency | null;
  /** Thousands separator used, or null. */
  separator: ',' | '，' | null;
  /** Offsets of the digits (sign and parentheses included) inside `raw`. */
  coreStart: number;
  coreEnd: number;
  /** A period written as such (2026E, FY2027, 2025年, 第1年, Q3), never a value. */
  period: boolean;
  /** A bare number that reads like a year (1900-2099): a period in prose and headers, a value only in a table's value cells. */
  yearLike: boolean;
  /** One end of a range (`10-20%`, `1,000～2,000万元`). */
  range: boolean;
  /** Half of the last digit shown, in the unit of `value`. */
  tolerance: number;
}

export type NegStyle = '-' | '−' | '(' | '（';

/** A unit stated for many numbers at once: `单位：万元`, `(in $K)`, `(USD millions)`, `(%)`. */
export interface Unit {
  scale: number;
  currency: Currency | null;
  percent: boolean;
  /** The words as written. */
  raw: string;
}

const ZH_SCALES: Record<string, number> = {
  万亿: 1e12,
  千亿: 1e11,
  百亿: 1e10,
  十亿: 1e9,
  亿: 1e8,
  千万: 1e7,
  百万: 1e6,
  十万: 1e5,
  万: 1e4,
  千: 1e3,
};
const EN_WORD_SCALES: Record<string, number> = {
  thousand: 1e3,
  thousands: 1e3,
  million: 1e6,
  millions: 1e6,
  billion: 1e9,
  billions: 1e9,
  trillion: 1e12,
  mn: 1e6,
  mln: 1e6,
  mio: 1e6,
  bn: 1e9,
  bln: 1e9,
  tn: 1e12,
  MM: 1e6,
};
const EN_LETTER_SCALES: Record<string, number> = { k: 1e3, K: 1e3, M: 1e6, B: 1e9, m: 1e6, b: 1e9 };

const CUR_PREFIX: Array<[string, Currency]> = [
  ['US$', 'USD'],
  ['HK$', 'HKD'],
  ['RMB', 'CNY'],
  ['CNY', 'CNY'],
  ['USD', 'USD'],
  ['EUR', 'EUR'],
  ['HKD', 'HKD'],
  ['GBP', 'GBP'],
  ['JPY', 'JPY'],
  ['¥', 'CNY'],
  ['￥', 'CNY'],
  ['$', 'USD'],
  ['€', 'EUR'],
  ['£', 'GBP'],
  ['人民币', 'CNY'],
];
const CUR_SUFFIX: Array<[string, Currency]> = [
  ['美元', 'USD'],
  ['欧元', 'EUR'],
  ['港元', 'HKD'],
  ['港币', 'HKD'],
  ['英镑', 'GBP'],
  ['日元', 'JPY'],
  ['人民币', 'CNY'],
  ['元', 'CNY'],
  ['RMB', 'CNY'],
  ['CNY', 'CNY'],
  ['USD', 'USD'],
  ['EUR', 'EUR'],
  ['HKD', 'HKD'],
  ['dollars', 'USD'],
  ['dollar', 'USD'],
  ['yuan', 'CNY'],
  ['euros', 'EUR'],
];

const CORE_RE = /(?:\d{1,3}(?:[,，]\d{3})+|\d+)(?:\.\d+)?/g;
const LETTER = /[A-Za-z]/;
const DIGIT = /\d/;
const CJK = /[\p{Script=Han}]/u;

/** Full-width digits and point as ASCII, same length (offsets stay valid). */
function halfWidth(text: string): string {
  return text.replace(/[０-９．－]/g, (c) => (c === '．' ? '.' : c === '－' ? '-' : String.fromCharCode(c.charCodeAt(0) - 0xfee0)));
}

function isWordChar(c: string | undefined): boolean {
  return c !== undefined && (LETTER.test(c) || DIGIT.test(c) || c === '_');
}

function pow10(n: number): number {
  return Math.pow(10, n);
}

export interface ReadOptions {
  /** `(x)` and `（x）` are negatives (table cells, financial statements); in prose they are plain parentheses. */
  parenNegative?: boolean;
}

/** Reads every number in `text`. Offsets are relative to `text`. */
export function readNumbers(input: string, opts: ReadOptions = {}): NumberToken[] {
  const text = halfWidth(input);
  const out: NumberToken[] = [];
  for (const m of text.matchAll(CORE_RE)) {
    const tok = readAt(text, m.index, m[0], opts.parenNegative ?? false);
    if (tok) {
      tok.raw = input.slice(tok.start, tok.end);
      out.push(tok);
    }
  }
  markRanges(text, out);
  return out;
}

function isSign(c: string | undefined): c is '-' | '−' {
  return c === '-' || c === '−';
}

function readAt(text: string, at: number, core: string, parenNegative: boolean): NumberToken | null {
  const coreEnd = at + core.length;
  const before = text[at - 1];
  const after = text[coreEnd];
  const next = text[coreEnd + 1];
  // glued to something that makes it no value: "v1.2.3", "[^1]", "#12", "10:30", "3/4", "2025-03", "GPT-4"
  if (before === '.' || before === '^' || before === '#' || before === '_') return null;
  if ((before === ':' || before === '/') && DIGIT.test(text[at - 2] ?? '')) return null;
  if ((after === ':' || after === '/' || after === '.' || after === '_') && DIGIT.test(next ?? '')) return null;
  if (after === '-' && DIGIT.test(next ?? '') && /^\d{4}$/.test(core) && /^\d{1,2}(?!\d)/.test(text.slice(coreEnd + 1, coreEnd + 4))) return null; // 2025-03
  if ((isSign(before) || before === '/') && /\d{4}[-/](?:\d{1,2}[-/])?$/.test(text.slice(Math.max(0, at - 8), at)) && /^\d{1,2}$/.test(core)) return null; // 2025-03-01
  if (isSign(before) && /[A-Za-z][A-Za-z0-9.]*-(?:[A-Za-z0-9.]+-)*$/.test(text.slice(Math.max(0, at - 24), at))) return null; // GPT-4, COVID-19, Llama-3-70B
  if (before === '[' && after === ']') return null; // citation [1]
  if ((after === ',' || after === '，') && DIGIT.test(next ?? '') && !/^\d{1,3}$/.test(core)) return null; // "12345,678"

  let period = false;
  let currency: Currency | null = null;
  let negStyle: NegStyle | null = null;

  // --- backwards: sign, currency, sign, opening parenthesis
  let i = at;
  const spaceBack = (from: number) => {
    let j = from;
    while (j > 0 && (text[j - 1] === ' ' || text[j - 1] === '\u00a0')) j--;
    return j;
  };
  const takeSign = () => {
    // not after a word or the end of another figure: "GPT-4", "20%-30%", "1,000元-2,000元" are no negatives
    if (!negStyle && isSign(text[i - 1]) && !isWordChar(text[i - 2]) && !/[-−~～%％元万亿千百]/.test(text[i - 2] ?? '')) {
      negStyle = text[i - 1] as NegStyle;
      i--;
    }
  };
  takeSign();
  {
    const j = spaceBack(i);
    for (const [s, c] of CUR_PREFIX) {
      if (j - s.length >= 0 && text.slice(j - s.length, j) === s) {
        if (LETTER.test(s[0]!) && isWordChar(text[j - s.length - 1])) continue; // "XUSD5"
        currency = c;
        i = j - s.length;
        break;
      }
    }
  }
  takeSign();
  if (i === at && isWordChar(before)) {
    // letters glued before: "FY2027", "Q3", "H1", "Y2" are periods; "A100", "H800" are names
    if (/^\d{4}$/.test(core) && /(?:^|[^A-Za-z])(?:FY|CY)$/i.test(' ' + text.slice(Math.max(0, at - 3), at))) period = true;
    else if (/^\d{1,2}$/.test(core) && /(?:^|[^A-Za-z])(?:Q|H|Y|FY)$/.test(' ' + text.slice(Math.max(0, at - 3), at))) period = true;
    else return null;
  }
  let start = i;
  let open: '(' | '（' | null = null;
  {
    const j = spaceBack(i);
    if (parenNegative && !negStyle && (text[j - 1] === '(' || text[j - 1] === '（')) {
      open = text[j - 1] as '(' | '（';
      start = j - 1;
    }
  }

  // --- forwards: scale word, percent or currency, closing parenthesis
  let k = coreEnd;
  let scale = 1;
  let scaleWord: string | null = null;
  let percent = false;
  const space = (from: number) => (text[from] === ' ' || text[from] === '\u00a0' ? from + 1 : from);
  {
    const j = space(k);
    let done = false;
    for (const w of Object.keys(ZH_SCALES)) {
      if (text.startsWith(w, j)) {
        scale = ZH_SCALES[w]!;
        scaleWord = text.slice(k, j + w.length);
        k = j + w.length;
        done = true;
        break;
      }
    }
    if (!done) {
      for (const w of Object.keys(EN_WORD_SCALES)) {
        if (text.startsWith(w, j) && !isWordChar(text[j + w.length])) {
          scale = EN_WORD_SCALES[w]!;
          scaleWord = text.slice(k, j + w.length);
          k = j + w.length;
          done = true;
          break;
        }
      }
    }
    // single letters only glued to the digits: "5M", "$1.5B", "200K"; "7B参数" is a model size, "5m" metres
    const c = text[k];
    if (!done && c && c in EN_LETTER_SCALES && !isWordChar(text[k + 1])) {
      const lower = c === 'm' || c === 'b';
      if ((!lower || currency) && (currency || !CJK.test(text[k + 1] ?? ''))) {
        scale = EN_LETTER_SCALES[c]!;
        scaleWord = c;
        k += 1;
      }
    }
  }
  {
    const j = space(k);
    if (text[j] === '%' || text[j] === '％') {
      percent = true;
      k = j + 1;
    } else if (!scaleWord && /^percent(?![A-Za-z])/i.test(text.slice(j, j + 8))) {
      percent = true;
      k = j + 7;
    } else if (!scaleWord && text.startsWith('个百分点', j)) {
      percent = true;
      k = j + 4;
    }
  }
  if (!percent) {
    const j = space(k);
    for (const [s, c] of CUR_SUFFIX) {
      if (text.startsWith(s, j) && !(LETTER.test(s[0]!) && isWordChar(text[j + s.length]))) {
        currency = currency ?? c;
        k = j + s.length;
        break;
      }
    }
  }
  // letters glued after the digits that are no scale or currency: "5G", "3D", "7B参数"; "2026E" is a period
  if (k === coreEnd && LETTER.test(after ?? '')) {
    if (/^\d{4}$/.test(core) && /^[EFAPB](?![A-Za-z])/.test(text.slice(k, k + 2))) {
      period = true;
      k++;
    } else return null;
  }
  let end = k;
  if (open) {
    const j = space(k);
    if (text[j] === ')' || text[j] === '）') {
      negStyle = open;
      end = j + 1;
    } else {
      open = null;
      start = i;
    }
  }
  const plain = !currency && scale === 1 && !percent;
  if (plain && /^\d{1,2}$/.test(core) && text[at - 1] === '第') period = true; // 第3年
  if (plain && /^\d{4}$/.test(core) && /^(?:年|财年|年度)/.test(text.slice(k, k + 2))) period = true; // 2025年
  const yearLike = plain && !negStyle && /^(?:19|20)\d{2}$/.test(core);

  const separator = core.includes('，') ? '，' : core.includes(',') ? ',' : null;
  const digits = core.replace(/[,，]/g, '');
  const decimals = digits.includes('.') ? digits.length - digits.indexOf('.') - 1 : 0;
  const abs = Number(digits);
  const mantissa = negStyle ? -abs : abs;
  return {
    start,
    end,
    raw: text.slice(start, end),
    value: roundFloat(mantissa * scale),
    mantissa,
    decimals,
    scale,
    scaleWord,
    percent,
    negative: negStyle !== null,
    negStyle,
    currency,
    separator,
    coreStart: at - start,
    coreEnd: coreEnd - start,
    period,
    yearLike,
    range: false,
    tolerance: 0.5 * pow10(-decimals) * scale,
  };
}

/** Marks both ends of ranges: `10-20%`, `1,000～2,000万元`, `3 to 5 million`; the first end takes the unit of the second. */
function markRanges(text: string, toks: NumberToken[]): void {
  for (let n = 0; n + 1 < toks.length; n++) {
    const a = toks[n]!;
    const b = toks[n + 1]!;
    const gap = text.slice(a.end, b.start);
    if (!/^\s*(?:-|–|—|~|～|至|到|to)\s*$/.test(gap)) continue;
    if (a.period || b.period || a.yearLike || b.yearLike) continue;
    a.range = b.range = true;
    if (a.scale === 1 && b.scale !== 1) {
      a.scale = b.scale;
      a.value = roundFloat(a.mantissa * a.scale);
      a.tolerance = 0.5 * pow10(-a.decimals) * a.scale;
    }
    if (!a.percent && b.percent) a.percent = true;
    if (!a.currency && b.currency) a.currency = b.currency;
  }
}

/** An amount of money: a positive number with a currency or a scale word (`$1.2M`, `3,000万`), not a share, period or year. */
export function isMoneyToken(t: NumberToken): boolean {
  return !t.percent && !t.period && !t.yearLike && t.value > 0 && (t.currency !== null || t.scale >= 1e3);
}

function roundFloat(x: number): number {
  return Number(x.toPrecision(12));
}

/** Reads a whole string that should hold a single number (a table cell); null when it holds none or several. */
export function parseNumber(text: string): NumberToken | null {
  const toks = readNumbers(text, { parenNegative: true }).filter((t) => !t.period);
  if (toks.length !== 1) return null;
  return toks[0]!;
}

// ---------------------------------------------------------------- units

const UNIT_WORDS: Array<[RegExp, Partial<Unit>]> = [
  [/^(?:人民币|RMB|CNY|¥|￥)/, { currency: 'CNY' }],
  [/^(?:美元|USD|US\$|\$)/, { currency: 'USD' }],
  [/^(?:欧元|EUR|€)/, { currency: 'EUR' }],
  [/^(?:港元|港币|HKD|HK\$)/, { currency: 'HKD' }],
  [/^(?:英镑|GBP|£)/, { currency: 'GBP' }],
  [/^(?:日元|JPY)/, { currency: 'JPY' }],
  [/^元/, { currency: 'CNY' }],
  [/^(?:万亿)/, { scale: 1e12 }],
  [/^(?:千亿)/, { scale: 1e11 }],
  [/^(?:百亿)/, { scale: 1e10 }],
  [/^(?:十亿)/, { scale: 1e9 }],
  [/^(?:亿)/, { scale: 1e8 }],
  [/^(?:千万)/, { scale: 1e7 }],
  [/^(?:百万)/, { scale: 1e6 }],
  [/^(?:十万)/, { scale: 1e5 }],
  [/^(?:万)/, { scale: 1e4 }],
  [/^(?:千)/, { scale: 1e3 }],
  [/^(?:10k|10K)(?![A-Za-z])/, { scale: 1e4 }],
  [/^(?:thousands?|k|K|000s|'000s?)(?![A-Za-z])/, { scale: 1e3 }],
  [/^(?:millions?|mn|mln|MM|M|m)(?![A-Za-z])/, { scale: 1e6 }],
  [/^(?:billions?|bn|bln|B|b)(?![A-Za-z])/, { scale: 1e9 }],
  [/^(?:%|％|percent|百分比)/, { percent: true }],
  [/^(?:dollars?|yuan|pounds?|sterling|euros?)(?![A-Za-z])/, {}],
];
const UNIT_NOISE = /^(?:\s+|in|of|the|amounts?|all|figures|units?|unit|单位|金额|为|：|:|,|，|、|\/|·)/i;

/** Parses a unit phrase such as `万元`, `in $K`, `USD millions`, `%`; null when the text is anything else. */
export function parseUnitPhrase(phrase: string): Unit | null {
  let s = phrase.trim();
  if (!s || s.length > 30) return null;
  const unit: Unit = { scale: 1, currency: null, percent: false, raw: phrase.trim() };
  let meaningful = false;
  while (s.length) {
    const noise = UNIT_NOISE.exec(s);
    if (noise && noise[0].length) {
      s = s.slice(noise[0].length);
      continue;
    }
    let hit = false;
    for (const [re, u] of UNIT_WORDS) {
      const m = re.exec(s);
      if (!m) continue;
      if (u.scale) unit.scale *= u.scale;
      if (u.currency) unit.currency = u.currency;
      if (u.percent) unit.percent = true;
      meaningful = true;
      s = s.slice(m[0].length);
      hit = true;
      break;
    }
    if (!hit) return null;
  }
  if (!meaningful) return null;
  if (unit.percent && (unit.scale !== 1 || unit.currency)) return null;
  return unit;
}

const UNIT_LABEL_RE = /(?:单位|unit|units)\s*(?:为|是)?\s*[:：]?\s*([^，,；;。.\n|()（）]{1,24})/gi;
const PAREN_RE = /[(（]([^()（）\n]{1,30})[)）]/g;
const SLASH_RE = /[/／]\s*([^/／\s|]{1,8})\s*$/;

/** A unit stated in a caption, header or label: `单位：万元`, `(in $K)`, `（万元）`, `(USD millions)`, `金额/万元`. */
export function findUnit(text: string): Unit | null {
  UNIT_LABEL_RE.lastIndex = 0;
  for (const m of text.matchAll(UNIT_LABEL_RE)) {
    const u = parseUnitPhrase(m[1]!);
    if (u) return u;
  }
  PAREN_RE.lastIndex = 0;
  for (const m of text.matchAll(PAREN_RE)) {
    const u = parseUnitPhrase(m[1]!);
    if (u) return u;
  }
  const sl = SLASH_RE.exec(text);
  if (sl) {
    const u = parseUnitPhrase(sl[1]!);
    if (u) return u;
  }
  return null;
}

/** The token with a unit from context applied: a cell without its own scale word takes the unit's scale. */
export function withUnit(tok: NumberToken, unit: Unit | null): NumberToken {
  if (!unit || tok.percent || tok.period) return tok;
  if (unit.percent) return { ...tok, percent: true };
  const scale = tok.scaleWord ? tok.scale : tok.scale * unit.scale;
  return {
    ...tok,
    scale,
    value: roundFloat(tok.mantissa * scale),
    tolerance: 0.5 * pow10(-tok.decimals) * scale,
    currency: tok.currency ?? unit.currency,
  };
}

// ---------------------------------------------------------------- writing

function groupDigits(int: string, sep: string): string {
  let out = '';
  for (let n = 0; n < int.length; n++) {
    if (n > 0 && (int.length - n) % 3 === 0) out += sep;
    out += int[n];
  }
  return out;
}

/**
 * Writes `value` (base units, like `tok.value`) the way `tok` is written:
 * same currency and scale words, decimals, separator and negative style.
 * Returns the replacement for `tok.raw`.
 */
export function formatLike(value: number, tok: NumberToken, negStyle: NegStyle = tok.negStyle ?? '-'): string {
  const mant = value / tok.scale;
  const fixed = Math.abs(mant).toFixed(tok.decimals);
  const [int, frac] = fixed.split('.') as [string, string | undefined];
  const isZero = Number(fixed) === 0;
  let digits = tok.separator ? groupDigits(int, tok.separator) : int;
  if (frac !== undefined) digits += '.' + frac;
  const raw = tok.raw;
  // the part of raw before the core (currency, space, sign) and after it (scale, currency, percent)
  let prefix = raw.slice(0, tok.coreStart);
  let suffix = raw.slice(tok.coreEnd);
  // remove the old sign/parentheses
  if (tok.negStyle === '-' || tok.negStyle === '−') prefix = prefix.replace(tok.negStyle, '');
  else if (tok.negStyle === '(' || tok.negStyle === '（') {
    prefix = prefix.replace(/^[(（]\s*/, '');
    suffix = suffix.replace(/\s*[)）]$/, '');
  }
  const neg = mant < 0 && !isZero;
  if (!neg) return prefix + digits + suffix;
  if (negStyle === '(' || negStyle === '（') return negStyle + prefix + digits + suffix + (negStyle === '(' ? ')' : '）');
  // a minus goes right before the digits, after a currency sign: "-$5M" and "$-5M" are both seen; keep "-" first when there is a prefix
  return negStyle + prefix + digits + suffix;
}

/** Plain rendering of a value for messages: 120,000,000 → "120,000,000". */
export function formatPlain(value: number, decimals = 2): string {
  const s = Math.abs(value).toFixed(decimals).replace(/\.?0+$/, '');
  const [int, frac] = s.split('.') as [string, string | undefined];
  return (value < 0 ? '-' : '') + groupDigits(int, ',') + (frac ? '.' + frac : '');
}

/** True when `a` and `b` agree within `tol` (with a little float slack). */
export function close(a: number, b: number, tol: number): boolean {
  return Math.abs(a - b) <= tol + 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
}

// ---------------------------------------------------------------- plans: masking, sentences, tables

/**
 * The plan text with markup that holds no figures blanked out (same length):
 * HTML comments, link targets, bare URLs, inline code and code blocks.
 */
let lastMasked: { text: string; masked: string } | null = null;

export function maskedText(text: string): string {
  if (lastMasked?.text === text) return lastMasked.masked;
  const masked = maskText(text);
  if (text.length > 2000) lastMasked = { text, masked };
  return masked;
}

function maskText(text: string): string {
  // each step reads the previous one's output, as the chained replaces did
  let t = replaceSpans(text, delimitedSpans(text, '<!--', '-->'), blankOut);
  t = replaceSpans(t, delimitedSpans(t, '```', '```'), blankOut);
  t = t.replace(/`[^`\n]*`/g, blankOut); // linear: a failed start stops at a line feed no later start reaches back over
  t = replaceSpans(t, linkTargetSpans(t), (m) => '](' + blankOut(m.slice(2, -1)) + ')');
  t = replaceSpans(t, referenceDefinitionSpans(t), blankOut);
  t = t.replace(/https?:\/\/[^\s)>\]]+/g, blankOut); // linear: a match always extends to where its class stops
  return replaceSpans(t, footnoteRefSpans(t), blankOut);
}

/** A sentence-like unit of prose: `start`/`end` into the plan text. */
export interface Sentence {
  start: number;
  end: number;
  text: string;
}

const SENTENCE_END = /[。！？!?；;]+|\.(?=\s|$)|\n\s*\n/g;

/** Splits `text[start, end)` into sentences (Chinese and English punctuation, blank lines). */
export function sentences(text: string, start: number, end: number): Sentence[] {
  const out: Sentence[] = [];
  const slice = text.slice(start, end);
  let from = 0;
  for (const m of slice.matchAll(SENTENCE_END)) {
    const to = m.index + m[0].length;
    if (slice.slice(from, to).trim()) out.push({ start: start + from, end: start + to, text: slice.slice(from, to) });
    from = to;
  }
  if (slice.slice(from).trim()) out.push({ start: start + from, end, text: slice.slice(from) });
  return out;
}

export interface Cell {
  /** Inner text span, without the pipes and padding. */
  start: number;
  end: number;
  text: string;
  /** The single number in the cell (unit from context not applied), or null. */
  token: NumberToken | null;
  /** Empty, or a dash / N/A standing for nothing. */
  blank: boolean;
  /** A dash, which financial tables use for zero. */
  dash: boolean;
}

export interface TableModel extends Span {
  /** Rows of cells; row 0 is the header. */
  rows: Cell[][];
  /** Unit stated for the whole table: caption before or note after it, or the header's first cell. */
  unit: Unit | null;
  /** Text of the caption paragraph right before the table, if any. */
  caption: string;
  /** Span of the caption paragraph, if any. */
  captionSpan: Span | null;
  /** Number of leading label columns (at least 1). */
  labelCols: number;
}

const BLANK_CELL = /^(?:|[-–—−/]+|n\/?a|na|无|暂无|none|nil|——|\\-)$/i;
const DASH_CELL = /^(?:[-–—−]+|——)$/;

/** The little of an mdast node the table reader needs. */
export interface MdNode {
  type: string;
  children?: MdNode[];
  position?: { start: { offset?: number }; end: { offset?: number } };
}

function cellOf(text: string, node: MdNode): Cell {
  let s = node.position?.start.offset ?? 0;
  let e = node.position?.end.offset ?? s;
  if (text[s] === '|') s++;
  if (text[e - 1] === '|' && text[e - 2] !== '\\') e--;
  while (s < e && /\s/.test(text[s]!)) s++;
  while (e > s && /\s/.test(text[e - 1]!)) e--;
  const raw = text.slice(s, e);
  const masked = maskedText(raw);
  const bare = masked.replace(/[*_~`]/g, '').trim();
  const toks = readNumbers(masked, { parenNegative: true }).filter((t) => !t.period && !t.range);
  const token = toks.length === 1 ? { ...toks[0]!, raw: raw.slice(toks[0]!.start, toks[0]!.end) } : null;
  return { start: s, end: e, text: raw, token, blank: BLANK_CELL.test(bare), dash: DASH_CELL.test(bare) };
}

function nodeText(text: string, node: MdNode | undefined): string {
  if (!node?.position) return '';
  return text.slice(node.position.start.offset ?? 0, node.position.end.offset ?? 0);
}

/** Every GFM table of the plan, with cells read and the table's unit found. */
const tableCache = new WeakMap<MdNode, { text: string; tables: TableModel[] }>();

export function readTables(text: string, root: MdNode): TableModel[] {
  const cached = tableCache.get(root);
  if (cached?.text === text) return cached.tables;
  const out: TableModel[] = [];
  const walk = (node: MdNode) => {
    const kids = node.children ?? [];
    kids.forEach((child, i) => {
      if (child.type === 'table') out.push(tableMemo(text, child, kids[i - 1], kids[i + 1]));
      // (a table is flow content: only these hold one)
      else if (child.children && FLOW_PARENTS.has(child.type)) walk(child);
    });
  };
  walk(root);
  tableCache.set(root, { text, tables: out });
  return out;
}

const FLOW_PARENTS = new Set(['root', 'list', 'listItem', 'blockquote', 'footnoteDefinition']);

/**
 * A table's model, kept by its node (the node a moved chunk's nodes were copied from): valid while the table's
 * text (and the character before it), and the type and text of the nodes before and after it, are the same;
 * moved by the table's shift.
 */
interface TableMemo {
  src: string;
  prevType: string | undefined;
  prevText: string;
  prevRel: number;
  nextType: string | undefined;
  nextText: string;
  table: TableModel;
}
const tableMemos = new WeakMap<object, TableMemo>();

function tableMemo(text: string, node: MdNode, prev: MdNode | undefined, next: MdNode | undefined): TableModel {
  const start = node.position?.start.offset ?? 0;
  const end = node.position?.end.offset ?? start;
  // (a row with no cell would be padded with cells at offset 0, which do not move with the table)
  if (!node.position || node.position.start.offset === undefined || node.position.end.offset === undefined || (node.children ?? []).some((r) => !r.children?.length)) return tableOf(text, node, prev, next);
  const key = originOf(node as never);
  const src = text.slice(Math.max(0, start - 1), end);
  const prevText = nodeText(text, prev);
  const nextText = nodeText(text, next);
  const prevRel = prev?.position ? (prev.position.start.offset ?? 0) - start : 0;
  const m = tableMemos.get(key);
  if (m && m.src === src && m.prevType === prev?.type && m.prevText === prevText && m.prevRel === prevRel && m.nextType === next?.type && m.nextText === nextText && (start > 0) === (m.table.start > 0)) {
    const d = start - m.table.start;
    if (d === 0) return m.table;
    const t = m.table;
    return {
      start: t.start + d,
      end: t.end + d,
      rows: t.rows.map((r) => r.map((c) => ({ ...c, start: c.start + d, end: c.end + d }))),
      unit: t.unit,
      caption: t.caption,
      captionSpan: t.captionSpan ? { start: t.captionSpan.start + d, end: t.captionSpan.end + d } : null,
      labelCols: t.labelCols,
    };
  }
  const table = tableOf(text, node, prev, next);
  tableMemos.set(key, { src, prevType: prev?.type, prevText, prevRel, nextType: next?.type, nextText, table });
  return table;
}

function tableOf(text: string, node: MdNode, prev: MdNode | undefined, next: MdNode | undefined): TableModel {
  const rows = (node.children ?? []).map((r) => (r.children ?? []).map((c) => cellOf(text, c)));
  const width = Math.max(0, ...rows.map((r) => r.length));
  for (const r of rows) while (r.length < width) r.push({ start: r[r.length - 1]?.end ?? 0, end: r[r.length - 1]?.end ?? 0, text: '', token: null, blank: true, dash: false });
  const caption = prev && (prev.type === 'paragraph' || prev.type === 'heading') ? maskedText(nodeText(text, prev)) : '';
  const after = next && next.type === 'paragraph' ? maskedText(nodeText(text, next)) : '';
  let unit: Unit | null = null;
  // a caption's last line, a note right after the table, the header's first cell
  const captionLine = caption.split(/\r?\n/).pop() ?? '';
  unit = findUnit(captionLine.length <= 80 || /单位|unit|in /i.test(captionLine) ? captionLine : '');
  if (!unit && /^\s*(?:[*_]*)?(?:单位|注|unit|note|\(in|（单位)/i.test(after)) unit = findUnit(after.split(/\r?\n/)[0] ?? '');
  if (!unit && rows[0]?.[0]) unit = findUnit(rows[0][0].text);
  let labelCols = 1;
  while (labelCols < width - 1 && rows.slice(1).every((r) => !r[labelCols]!.token || r[labelCols]!.token!.yearLike)) labelCols++;
  const start = node.position?.start.offset ?? 0;
  const end = node.position?.end.offset ?? start;
  return {
    start,
    end,
    rows,
    unit,
    caption,
    captionSpan: prev && caption ? { start: prev.position?.start.offset ?? 0, end: prev.position?.end.offset ?? 0 } : null,
    labelCols,
  };
}

/** The value of a cell with the units in force: the cell's own scale word, then the row's, the column's, the table's. */
export function cellValue(cell: Cell, ...units: Array<Unit | null | undefined>): NumberToken | null {
  if (!cell.token) return null;
  let tok = cell.token;
  for (const u of units) {
    if (!u) continue;
    if (u.percent) return tok.percent ? tok : { ...tok, percent: true };
    if (tok.scaleWord || tok.percent) return tok.currency || !u.currency || tok.percent ? tok : { ...tok, currency: u.currency };
    return withUnit(tok, u);
  }
  return tok;
}

// ---------------------------------------------------------------- plans: where a guide section's content is

/** Minimal shapes of the plan model and analysis, so that this module stays free of the parser. */
interface PlanLike {
  text: string;
  sections: Array<{ index: number; parent: number | null; children: number[]; own: Span; span: Span; heading: Span; title: string }>;
}
interface AnalysisLike {
  matches: Map<number, { sectionId: string }>;
  bySection: Map<string, number[]>;
}

/**
 * The plan sections that make up a guide section: each claiming heading and
 * its sub-sections not claimed by another guide section. Returns indexes in
 * document order.
 */
export function guideMembers(plan: PlanLike, analysis: AnalysisLike, id: string): number[] {
  const out: number[] = [];
  const walk = (i: number, root: boolean) => {
    const c = analysis.matches.get(i)?.sectionId;
    if (!root && c && c !== id) return;
    out.push(i);
    for (const ch of plan.sections[i]!.children) walk(ch, false);
  };
  for (const i of analysis.bySection.get(id) ?? []) walk(i, true);
  return [...new Set(out)].sort((a, b) => a - b);
}

/** The own spans (heading excluded) of a guide section's plan sections. */
export function guideSpans(plan: PlanLike, analysis: AnalysisLike, id: string): Span[] {
  return guideMembers(plan, analysis, id).map((i) => plan.sections[i]!.own);
}

/**
 * Index of the innermost section whose span holds the offset (the last one in
 * document order), or null. Binary search: the last section starting at or
 * before the offset holds it, since its span runs at least to the next heading.
 */
export function innermostSection(sections: readonly { index: number; span: Span }[], offset: number): number | null {
  let lo = 0;
  let hi = sections.length - 1;
  let j = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (sections[mid]!.span.start <= offset) {
      j = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  if (j >= 0 && offset < sections[j]!.span.end) return sections[j]!.index;
  let inner: number | null = null;
  for (const s of sections) if (offset >= s.span.start && offset < s.span.end) inner = s.index;
  return inner;
}

export function within(spans: readonly Span[], offset: number): boolean {
  return spans.some((s) => offset >= s.start && offset < s.end);
}
