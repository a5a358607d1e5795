/**
 * Text utilities: offset <-> line/character mapping (UTF-16, like LSP),
 * CJK-aware word counting and dominant-language detection.
 */
import type { Lang } from './profile/schema.js';

export interface LineCol {
  /** 0-based line */
  line: number;
  /** 0-based UTF-16 code unit offset in the line */
  character: number;
}

/** Maps offsets to line/character and back in O(log n). */
export class LineIndex {
  /** offset of the first character of each line */
  readonly starts: number[];
  constructor(readonly text: string) {
    const starts = [0];
    if (!text.includes('\r')) {
      // (indexOf is many times faster than a loop over characters)
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    } else {
      for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c === 10) starts.push(i + 1);
        else if (c === 13) {
          if (text.charCodeAt(i + 1) === 10) i++;
          starts.push(i + 1);
        }
      }
    }
    this.starts = starts;
  }
  get lineCount(): number {
    return this.starts.length;
  }
  positionAt(offset: number): LineCol {
    const o = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: o - this.starts[lo]! };
  }
  offsetAt(pos: LineCol): number {
    if (pos.line < 0) return 0;
    if (pos.line >= this.starts.length) return this.text.length;
    const start = this.starts[pos.line]!;
    const next = pos.line + 1 < this.starts.length ? this.starts[pos.line + 1]! : this.text.length;
    // do not run past the line's end (before its line break)
    let end = next;
    if (pos.line + 1 < this.starts.length) {
      end--;
      if (end > start && this.text.charCodeAt(end) === 10 && this.text.charCodeAt(end - 1) === 13) end--;
    }
    return Math.min(start + Math.max(0, pos.character), end);
  }
  /** End offset of a line's content (before its line break). */
  lineEnd(line: number): number {
    return this.offsetAt({ line, character: Number.MAX_SAFE_INTEGER });
  }
}

/** Han, Hiragana, Katakana, Hangul and CJK compatibility ideographs. */
/** Line breaks in a text (`\n`, `\r\n` and a lone `\r`, as LineIndex counts them), counting at most `limit`. */
export function lineBreaks(text: string, limit = Number.POSITIVE_INFINITY): number {
  let n = 0;
  for (let i = 0; i < text.length && n < limit; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) n++;
    else if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      n++;
    }
  }
  return n;
}

export const CJK_RE = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
const COUNT_RE = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]|[\p{L}\p{N}]+(?:['’.-][\p{L}\p{N}]+)*/gu;

/**
 * Counts words the way a reader of mixed Chinese/English text would: each CJK
 * character is a word; each run of Latin letters or digits is a word.
 */
export function countWords(text: string): number {
  let n = 0;
  COUNT_RE.lastIndex = 0;
  while (COUNT_RE.exec(text)) n++;
  return n;
}

/** Counts CJK characters and non-CJK words separately. */
export function languageCounts(text: string): { cjk: number; latin: number } {
  let cjk = 0;
  let latin = 0;
  for (const m of text.matchAll(COUNT_RE)) {
    if (CJK_RE.test(m[0])) cjk++;
    else if (/\p{L}/u.test(m[0])) latin++;
  }
  return { cjk, latin };
}

/**
 * The plan's dominant language: Chinese when its CJK characters outnumber
 * half its Latin words (a Chinese sentence carries ~1.5 characters per English
 * word of content, and mixed plans mostly write prose in Chinese).
 */
export function dominantLanguage(text: string): Lang {
  const { cjk, latin } = languageCounts(text);
  if (cjk === 0 && latin === 0) return 'en';
  return cjk * 2 >= latin ? 'zh' : 'en';
}

/** Escapes a string for use in a RegExp. */
export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
