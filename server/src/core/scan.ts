/**
 * Linear scans of user text. Each function here does what a regular
 * expression once did (the one it replaces is quoted above it) and gives the
 * same result, in one pass: the regular expressions re-read the rest of a line
 * or of the text from every place a match could start (`](` repeated, `[^`
 * repeated, a comment left open), which is quadratic in the length of the text.
 * Here a failed start never makes the next one read the same characters again.
 *
 * Rule (ARCHITECTURE.md, "Linear scans"): a regular expression applied to user
 * text has no unbounded quantifier that a failed match can re-read from each of
 * many starts; where one would, the scan lives here.
 */
import type { Span } from './types.js';

/** `\s` of JavaScript regular expressions. */
export function isJsSpace(c: number): boolean {
  return (
    c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff
  );
}

/** A line terminator of JavaScript regular expressions (`^`/`$` with the m flag, what `.` does not match). */
export function isLineTerminator(c: number): boolean {
  return c === 10 || c === 13 || c === 0x2028 || c === 0x2029;
}

/** The first index at or after `from` whose character is `a` or `b` (char codes), or the text's length. */
function indexOfEither(text: string, a: number, b: number, from: number): number {
  const n = text.length;
  for (let i = from; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === a || c === b) return i;
  }
  return n;
}

/**
 * `open` … `close`, the close being the first after the open: `/open[\s\S]*?close/g`.
 * An open with no close after it ends the scan (no later open has one either).
 */
export function delimitedSpans(text: string, open: string, close: string): Span[] {
  const out: Span[] = [];
  let i = 0;
  for (;;) {
    const s = text.indexOf(open, i);
    if (s < 0) break;
    const c = text.indexOf(close, s + open.length);
    if (c < 0) break;
    out.push({ start: s, end: c + close.length });
    i = c + close.length;
  }
  return out;
}

/** HTML comments: `/<!--([\s\S]*?)-->/g`, with the text between the markers. */
export function htmlComments(text: string): { start: number; end: number; body: string }[] {
  return delimitedSpans(text, '<!--', '-->').map((s) => ({ start: s.start, end: s.end, body: text.slice(s.start + 4, s.end - 3) }));
}

/** The text with every span replaced by `f` of its text (spans in order, not overlapping). */
export function replaceSpans(text: string, spans: readonly Span[], f: (s: string) => string): string {
  if (!spans.length) return text;
  const parts: string[] = [];
  let at = 0;
  for (const s of spans) {
    parts.push(text.slice(at, s.start), f(text.slice(s.start, s.end)));
    at = s.end;
  }
  parts.push(text.slice(at));
  return parts.join('');
}

/** The text without its HTML comments: `text.replace(/<!--[\s\S]*?-->/g, '')`. */
export function removeHtmlComments(text: string): string {
  if (!text.includes('<!--')) return text;
  return replaceSpans(text, delimitedSpans(text, '<!--', '-->'), () => '');
}

/** Same length, every character but CR and LF a space: `s.replace(/[^\r\n]/g, ' ')`. */
export function blankOut(s: string): string {
  let out = '';
  let run = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 10 || c === 13) {
      if (run) out += ' '.repeat(run);
      run = 0;
      out += s[i];
    } else run++;
  }
  return run ? out + ' '.repeat(run) : out;
}

/**
 * Link targets with an optional title: `/\]\([^)\s]*(?:\s+"[^"]*")?\)/g`.
 * Every start `](` up to the first `)` or space after it ends at that same place,
 * so that place is found once for all of them.
 */
export function linkTargetSpans(text: string): Span[] {
  const out: Span[] = [];
  const n = text.length;
  let i = 0;
  let stop = -1; // first `)` or space at or after the last start's target
  let failedAt = -1; // a stop from which no match ends
  for (;;) {
    const p = text.indexOf('](', i);
    if (p < 0) break;
    const s = p + 2;
    if (s > stop) {
      stop = s;
      while (stop < n && text.charCodeAt(stop) !== 41 /* ) */ && !isJsSpace(text.charCodeAt(stop))) stop++;
    }
    if (stop < n && stop !== failedAt) {
      if (text.charCodeAt(stop) === 41) {
        out.push({ start: p, end: stop + 1 });
        i = stop + 1;
        continue;
      }
      let w = stop;
      while (w < n && isJsSpace(text.charCodeAt(w))) w++;
      if (text.charCodeAt(w) === 34 /* " */) {
        const q = text.indexOf('"', w + 1);
        if (q >= 0 && text.charCodeAt(q + 1) === 41) {
          out.push({ start: p, end: q + 2 });
          i = q + 2;
          continue;
        }
      }
      failedAt = stop;
    }
    i = p + 1;
  }
  return out;
}

/**
 * Link reference definitions, line by line: `/^\s*\[[^\]\n]+\]:\s*\S+.*$/gm`. The
 * white space at a line start may run over many lines (a code block blanked out);
 * every line start inside such a run reaches the same first character, so it is
 * tried once.
 */
export function referenceDefinitionSpans(text: string): Span[] {
  const out: Span[] = [];
  const n = text.length;
  let p = 0; // a line start
  while (p <= n) {
    let w = p;
    while (w < n && isJsSpace(text.charCodeAt(w))) w++;
    const end = definitionAt(text, w);
    if (end >= 0) {
      out.push({ start: p, end });
      if (end >= n) break;
      p = end + 1; // `end` is a line terminator
      continue;
    }
    // line starts up to w reach the same w; the next one is after w's line
    let t = w;
    while (t < n && !isLineTerminator(text.charCodeAt(t))) t++;
    if (t >= n) break;
    p = t + 1;
  }
  return out;
}

/** Where a definition `[label]: dest rest-of-line` starting at `w` ends, or -1. */
function definitionAt(text: string, w: number): number {
  const n = text.length;
  if (text.charCodeAt(w) !== 91 /* [ */) return -1;
  const r = indexOfEither(text, 93 /* ] */, 10, w + 1);
  if (r === w + 1 || r >= n || text.charCodeAt(r) !== 93 || text.charCodeAt(r + 1) !== 58 /* : */) return -1;
  let s = r + 2;
  while (s < n && isJsSpace(text.charCodeAt(s))) s++;
  if (s >= n) return -1;
  let e = s + 1;
  while (e < n && !isLineTerminator(text.charCodeAt(e))) e++;
  return e;
}

/**
 * `[^…]` up to the first `]`: `/\[\^[^\]\n]*\]/g`, or with `acrossLines`
 * `/\[\^[^\]]*\]/g`. Starts before the same `]` (or line end) share its search.
 */
export function footnoteRefSpans(text: string, acrossLines = false): Span[] {
  const out: Span[] = [];
  const n = text.length;
  const nl = acrossLines ? 93 : 10;
  let i = 0;
  for (;;) {
    const p = text.indexOf('[^', i);
    if (p < 0) break;
    const r = indexOfEither(text, 93, nl, p + 2);
    if (r < n && text.charCodeAt(r) === 93) {
      out.push({ start: p, end: r + 1 });
      i = r + 1;
    } else {
      // no `]` before r: no start before r has a match
      if (r >= n) break;
      i = r;
    }
  }
  return out;
}

/** True when `/\[\^[^\]]+\]/` matches: a `[^`, at least one character that is not `]`, then a `]`. */
export function hasFootnoteRef(text: string): boolean {
  const p = text.search(/\[\^[^\]]/);
  return p >= 0 && text.indexOf(']', p + 3) >= 0;
}

/** True when `/\]\([^)]+\)/` matches: a `](`, at least one character that is not `)`, then a `)`. */
export function hasLinkTarget(text: string): boolean {
  const p = text.search(/\]\([^)]/);
  return p >= 0 && text.indexOf(')', p + 3) >= 0;
}

/**
 * Unexpanded snippet markers `${1}`, `${2:text}`: `/\$\{\d+(?::[^}\n]*)?\}/g`.
 * Starts before the same `}` (or line end) share its search.
 */
export function snippetMarkerSpans(text: string): Span[] {
  const out: Span[] = [];
  const n = text.length;
  let i = 0;
  let stop = -1; // first `}` or line feed at or after the last `:`
  for (;;) {
    const p = text.indexOf('${', i);
    if (p < 0) break;
    let d = p + 2;
    while (d < n && isDigit(text.charCodeAt(d))) d++;
    const c = text.charCodeAt(d);
    if (d > p + 2 && c === 125 /* } */) {
      out.push({ start: p, end: d + 1 });
      i = d + 1;
      continue;
    }
    if (d > p + 2 && c === 58 /* : */) {
      if (d + 1 > stop) stop = indexOfEither(text, 125, 10, d + 1);
      if (stop < n && text.charCodeAt(stop) === 125) {
        out.push({ start: p, end: stop + 1 });
        i = stop + 1;
        continue;
      }
    }
    i = p + 1;
  }
  return out;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

const FILL_IN_WORDS = ['填写', '填入', '输入', '补充', '待'];

/**
 * Full-width fill-ins that ask for input, `【填写公司名称】`:
 * `/【[^【】\n]*(?:填写|填入|输入|补充|待)[^【】\n]*】/g`. The only candidate after a
 * `【` is the text up to the first `【`, `】` or line feed.
 */
export function fullWidthFillInSpans(text: string): Span[] {
  const out: Span[] = [];
  const n = text.length;
  let i = 0;
  for (;;) {
    const p = text.indexOf('【', i);
    if (p < 0) break;
    let q = p + 1;
    for (; q < n; q++) {
      const c = text.charCodeAt(q);
      if (c === 0x3010 || c === 0x3011 || c === 10) break;
    }
    if (q < n && text.charCodeAt(q) === 0x3011) {
      const inner = text.slice(p + 1, q);
      if (FILL_IN_WORDS.some((w) => inner.includes(w))) out.push({ start: p, end: q + 1 });
      i = q + 1;
    } else i = q; // a `【`, a line feed or the end: nothing before it matches
  }
  return out;
}

/**
 * An ATX heading line read as `/^(#{1,6})[ \t]*(.*?)(?:[ \t]+#+)?[ \t]*$/`: its
 * marker and its text without the closing sequence (`#`s after a space) and
 * the spaces around it. The line must start with `#`.
 */
export function atxHeadingParts(line: string): { marker: string; body: string; bodyStart: number } {
  let h = 0;
  while (h < 6 && line.charCodeAt(h) === 35) h++;
  let s = h;
  while (s < line.length && isSpaceOrTab(line.charCodeAt(s))) s++;
  let e = line.length;
  while (e > s && isSpaceOrTab(line.charCodeAt(e - 1))) e--;
  // a closing sequence: `#`s at the end, after at least one space or tab
  let k = e;
  while (k > s && line.charCodeAt(k - 1) === 35) k--;
  if (k < e && k > s && isSpaceOrTab(line.charCodeAt(k - 1))) {
    let w = k - 1;
    while (w > s && isSpaceOrTab(line.charCodeAt(w - 1))) w--;
    e = w;
  }
  return { marker: line.slice(0, h), body: line.slice(s, e), bodyStart: s };
}

function isSpaceOrTab(c: number): boolean {
  return c === 32 || c === 9;
}
