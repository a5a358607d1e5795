/**
 * How a plan numbers its chapters (`九、`, `9.`, `IX.`, `第九章`, `Part 9`),
 * read from the chapter headings themselves, so that an inserted chapter
 * looks like its neighbours. Only the chapter level is read; sub-section
 * numbers (`2.3`) are never produced.
 */

const CN_DIGITS = '零一二三四五六七八九';
const CN_VALUE: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** 1..99 in Chinese numerals: 九, 十, 十一, 二十, 二十三. */
export function toChinese(n: number): string {
  if (n < 10) return CN_DIGITS[n]!;
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? '' : CN_DIGITS[tens]!}十${ones ? CN_DIGITS[ones]! : ''}`;
}

/** Chinese numerals up to 99 as a number, or null. */
export function fromChinese(s: string): number | null {
  if (!s || s.length > 3) return null;
  const ten = s.indexOf('十');
  if (ten < 0) return s.length === 1 && s in CN_VALUE ? CN_VALUE[s]! : null;
  const tens = ten === 0 ? 1 : CN_VALUE[s.slice(0, ten)];
  const onesPart = s.slice(ten + 1);
  const ones = onesPart ? CN_VALUE[onesPart] : 0;
  if (tens === undefined || ones === undefined || s.indexOf('十', ten + 1) >= 0) return null;
  return tens * 10 + ones;
}

const ROMAN: [number, string][] = [
  [90, 'XC'], [50, 'L'], [40, 'XL'], [10, 'X'], [9, 'IX'], [5, 'V'], [4, 'IV'], [1, 'I'],
];

export function toRoman(n: number): string {
  let out = '';
  for (const [v, s] of ROMAN) while (n >= v) { out += s; n -= v; }
  return out;
}

export function fromRoman(s: string): number | null {
  const u = s.toUpperCase();
  if (!u || u.length > 8) return null;
  for (let n = 1; n < 100; n++) if (toRoman(n) === u) return n;
  return null;
}

/** A chapter number as written: its kind, the text around it, and its value. */
export interface ChapterNumber {
  /** `cn` 九、 · `arabic` 9. · `roman` IX. · `di` 第九章 · `word` Part 9 */
  kind: 'cn' | 'arabic' | 'roman' | 'di' | 'word';
  /** What stands before the numeral (`第`, `Part `, ``). */
  before: string;
  /** What follows the numeral up to the title (`、`, `. `, `章 `, `: `). */
  after: string;
  /** The numeral's own script inside `第…章` and `Part …`: Chinese, Arabic or Roman. */
  digits: 'cn' | 'arabic' | 'roman';
  value: number;
}

const isSpace = (c: string | undefined) => c === ' ' || c === '\t' || c === '\u3000';

/** Reads the number a chapter heading opens with, or null when it has none at chapter level (`2.3` is not one). */
export function readChapterNumber(heading: string): ChapterNumber | null {
  const t = heading.trimStart();
  let i = 0;
  const take = (pred: (c: string) => boolean) => {
    const from = i;
    while (i < t.length && pred(t[i]!)) i++;
    return t.slice(from, i);
  };
  const rest = () => {
    const from = i;
    while (i < t.length && isSpace(t[i])) i++;
    return t.slice(from, i);
  };
  const numeral = (): { digits: ChapterNumber['digits']; value: number } | null => {
    const from = i;
    const ar = take((c) => c >= '0' && c <= '9');
    if (ar) return ar.length <= 2 ? { digits: 'arabic', value: Number(ar) } : null;
    const cn = take((c) => c in CN_VALUE || c === '十');
    if (cn) {
      const v = fromChinese(cn);
      return v === null ? null : { digits: 'cn', value: v };
    }
    const ro = take((c) => 'IVXLivxl'.includes(c));
    const v = fromRoman(ro);
    if (v === null) i = from;
    return v === null ? null : { digits: 'roman', value: v };
  };
  // 第九章 / 第 3 部分
  if (t.startsWith('第')) {
    i = 1;
    const sp1 = rest();
    const n = numeral();
    if (!n || n.digits === 'roman') return null;
    const sp2 = rest();
    const unit = take((c) => '章节部分篇'.includes(c));
    if (!unit) return null;
    const sep = take((c) => '、:：.．'.includes(c)) + rest();
    return { kind: 'di', before: `第${sp1}`, after: `${sp2}${unit}${sep || ' '}`, digits: n.digits, value: n.value };
  }
  // Part 9 / Chapter IX
  const word = /^(Part|Chapter|Section)(\s+)/i.exec(t);
  if (word) {
    i = word[0].length;
    const n = numeral();
    if (!n || n.digits === 'cn') return null;
    const sep = take((c) => ':：.．-–—'.includes(c)) + rest();
    if (i < t.length && !sep) return null;
    return { kind: 'word', before: word[1]! + word[2]!, after: sep || ' ', digits: n.digits, value: n.value };
  }
  const n = numeral();
  if (!n) return null;
  const sepChar = take((c) => '、.．:：)）'.includes(c));
  if (sepChar.length > 1 || (sepChar === '.' && t[i] !== undefined && t[i]! >= '0' && t[i]! <= '9')) return null; // 2.3 is a sub-section number
  const space = rest();
  if (!sepChar && !space) return null;
  if (n.digits === 'roman' && !sepChar) return null; // "I am" is not a number
  return { kind: n.digits, before: '', after: sepChar + space, digits: n.digits, value: n.value };
}

/** How a chapter number of a style is written for a value. */
export function formatChapterNumber(style: ChapterNumber, value: number): string {
  const n = style.digits === 'cn' ? toChinese(value) : style.digits === 'roman' ? toRoman(value) : String(value);
  return `${style.before}${n}${style.after}`;
}

/** The shape of a number, without its value: chapters share a style when these agree. */
const shape = (n: ChapterNumber) => `${n.kind}|${n.before}|${n.digits}|${n.after.trim()}`;

/**
 * The numbering style most chapter headings use, when at least two and at
 * least half of them use it; null when chapters are not numbered (or each
 * differently).
 */
export function chapterStyle(headings: readonly string[]): ChapterNumber | null {
  const counts = new Map<string, { n: ChapterNumber; count: number }>();
  for (const h of headings) {
    const n = readChapterNumber(h);
    if (!n) continue;
    const k = shape(n);
    const c = counts.get(k);
    if (c) c.count++;
    else counts.set(k, { n, count: 1 });
  }
  let best: { n: ChapterNumber; count: number } | null = null;
  for (const c of counts.values()) if (!best || c.count > best.count) best = c;
  return best && best.count >= 2 && best.count * 2 >= headings.length ? best.n : null;
}

/** The value of a heading's chapter number in a style, or null when it is not numbered that way. */
export function valueInStyle(style: ChapterNumber, heading: string): number | null {
  const n = readChapterNumber(heading);
  return n && shape(n) === shape(style) ? n.value : null;
}
