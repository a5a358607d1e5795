/**
 * Glob matching for the include/exclude patterns of a config or the editor
 * settings, without regular expressions and without backtracking: a pattern
 * from a repository someone else wrote must never freeze the editor.
 *
 * A pattern is split on "/" into segments; `**` as a whole segment matches
 * any number of path segments, and within a segment `*` matches any run of
 * characters, `?` one character, `[...]` one character of a class (`[!...]`
 * or `[^...]` negated, ranges `a-z`), `\x` the character x; `{a,b}` expands
 * to alternatives; a leading `!` negates. Matching is case-insensitive and
 * `*` matches a leading dot (as picomatch with `dot` and `nocase`), but no
 * wildcard matches a `.` or `..` segment.
 *
 * Cost: a segment is matched by the greedy two-pointer wildcard algorithm
 * (O(pattern × name) at worst, never exponential), the segments by a table
 * over (pattern segment, path segment): polynomial in the sizes, which the
 * limits below keep small.
 */

/** Longest glob accepted. */
export const MAX_GLOB_LENGTH = 256;
/** Most wildcards (`*` runs, `?`, `[...]`) in one glob. */
export const MAX_GLOB_WILDCARDS = 32;
/** Most alternatives one glob may expand to through `{a,b}`. */
export const MAX_GLOB_ALTERNATIVES = 64;
/** Most globs in one include or exclude list. */
export const MAX_GLOBS = 100;

const STAR = 0;
const ANY = 1;
type Token = typeof STAR | typeof ANY | { ch: number } | { ranges: number[]; negated: boolean };
const GLOBSTAR = null;
type Segment = Token[] | typeof GLOBSTAR;

interface Compiled {
  negated: boolean;
  /** One segment list per alternative of the braces. */
  alternatives: Segment[][];
}

/** Work done by the matcher (segment comparisons and character steps), for tests that bound it. */
export const globStats = { steps: 0 };

/** A glob's problem against the limits, in words, or null. */
export function globProblem(pattern: string): string | null {
  if (pattern.length > MAX_GLOB_LENGTH) return `expected a glob of at most ${MAX_GLOB_LENGTH} characters, this one has ${pattern.length}`;
  const wildcards = countWildcards(pattern);
  if (wildcards > MAX_GLOB_WILDCARDS) return `expected a glob with at most ${MAX_GLOB_WILDCARDS} wildcards (*, ?, [...]), this one has ${wildcards}`;
  for (let i = 0; i + 1 < pattern.length; i++) {
    if (pattern[i] === '\\') {
      i++;
      continue;
    }
    if ('?*+@!'.includes(pattern[i]!) && pattern[i + 1] === '(') {
      return `extended globs such as ${pattern[i]}(...) are not supported: use {a,b} for alternatives, or \\( for a parenthesis`;
    }
  }
  const alternatives = expandBraces(pattern, MAX_GLOB_ALTERNATIVES);
  if (!alternatives) return `expected a glob whose {a,b} braces give at most ${MAX_GLOB_ALTERNATIVES} alternatives`;
  return null;
}

function countWildcards(p: string): number {
  let n = 0;
  for (let i = 0; i < p.length; i++) {
    const c = p[i];
    if (c === '\\') i++;
    else if (c === '?' || c === '[') n++;
    else if (c === '*') {
      n++;
      while (p[i + 1] === '*') i++;
    }
  }
  return n;
}

/**
 * Expands `{a,b}` (nested too) into alternatives; a brace without a comma at
 * its level stays literal. Null when there would be more than `max`.
 */
function expandBraces(p: string, max: number): string[] | null {
  // find the first top-level brace group that has a comma
  for (let i = 0; i < p.length; i++) {
    const c = p[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (c !== '{') continue;
    let depth = 0;
    const commas: number[] = [];
    let close = -1;
    for (let j = i; j < p.length; j++) {
      const d = p[j];
      if (d === '\\') {
        j++;
        continue;
      }
      if (d === '{') depth++;
      else if (d === '}') {
        depth--;
        if (depth === 0) {
          close = j;
          break;
        }
      } else if (d === ',' && depth === 1) commas.push(j);
    }
    if (close < 0) return [p]; // unbalanced: literal
    if (!commas.length) continue; // `{a}`: literal, look further on
    const head = p.slice(0, i);
    const tail = p.slice(close + 1);
    const bounds = [i, ...commas, close];
    const out: string[] = [];
    for (let k = 0; k + 1 < bounds.length; k++) {
      const expanded = expandBraces(head + p.slice(bounds[k]! + 1, bounds[k + 1]) + tail, max - out.length);
      if (!expanded) return null;
      out.push(...expanded);
      if (out.length > max) return null;
    }
    return out;
  }
  return [p];
}

function compileSegment(s: string): Segment {
  if (s === '**') return GLOBSTAR;
  const tokens: Token[] = [];
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c === '\\' && i + 1 < s.length) {
      tokens.push({ ch: s.charCodeAt(++i) });
    } else if (c === '*') {
      while (s[i + 1] === '*') i++;
      if (tokens[tokens.length - 1] !== STAR) tokens.push(STAR);
    } else if (c === '?') {
      tokens.push(ANY);
    } else if (c === '[') {
      const cls = compileClass(s, i);
      if (cls) {
        tokens.push(cls.token);
        i = cls.end;
      } else tokens.push({ ch: c.charCodeAt(0) });
    } else tokens.push({ ch: s.charCodeAt(i) });
  }
  return tokens;
}

/** `[...]` at `start`: the class and the index of its `]`, or null when it is not closed (then `[` is literal). */
function compileClass(s: string, start: number): { token: Token; end: number } | null {
  let i = start + 1;
  let negated = false;
  if (s[i] === '!' || s[i] === '^') {
    negated = true;
    i++;
  }
  const ranges: number[] = [];
  let first = true;
  for (; i < s.length; i++) {
    let c = s.charCodeAt(i);
    if (s[i] === ']' && !first) return { token: { ranges, negated }, end: i };
    first = false;
    if (s[i] === '\\' && i + 1 < s.length) c = s.charCodeAt(++i);
    let hi = c;
    if (s[i + 1] === '-' && i + 2 < s.length && s[i + 2] !== ']') {
      hi = s[i + 2] === '\\' && i + 3 < s.length ? s.charCodeAt(i + 3) : s.charCodeAt(i + 2);
      i += s[i + 2] === '\\' ? 3 : 2;
    }
    ranges.push(Math.min(c, hi), Math.max(c, hi));
  }
  return null;
}

function compile(pattern: string): Compiled | null {
  if (globProblem(pattern)) return null; // over the limits: matches nothing (the config check reports it)
  let p = pattern.toLowerCase();
  let negated = false;
  while (p.startsWith('!') && !p.startsWith('!(')) {
    negated = !negated;
    p = p.slice(1);
  }
  while (p.startsWith('./')) p = p.slice(2);
  const alternatives = (expandBraces(p, MAX_GLOB_ALTERNATIVES) ?? []).map((alt) => {
    const segs: Segment[] = [];
    for (const s of alt.split('/')) {
      const seg = compileSegment(s);
      if (seg === GLOBSTAR && segs.length && segs[segs.length - 1] === GLOBSTAR) continue;
      segs.push(seg);
    }
    return segs;
  });
  return { negated, alternatives };
}

function tokenMatches(t: Token, c: number): boolean {
  if (t === ANY) return true;
  if (t === STAR) return false;
  if ('ch' in t) return t.ch === c;
  let inside = false;
  for (let k = 0; k < t.ranges.length; k += 2) {
    if (c >= t.ranges[k]! && c <= t.ranges[k + 1]!) {
      inside = true;
      break;
    }
  }
  return inside !== t.negated;
}

const isDotSegment = (s: string) => s === '.' || s === '..';

/** One path segment against one pattern segment: greedy, one backtrack point, O(tokens × characters). */
function matchSegment(tokens: Token[], s: string): boolean {
  if (isDotSegment(s)) {
    // only spelled out: no wildcard stands for . or ..
    return tokens.length === s.length && tokens.every((t) => typeof t === 'object' && 'ch' in t && t.ch === 46);
  }
  let ti = 0;
  let si = 0;
  let starTi = -1;
  let starSi = 0;
  while (si < s.length) {
    globStats.steps++;
    const t = tokens[ti];
    if (t !== undefined && t !== STAR && tokenMatches(t, s.charCodeAt(si))) {
      ti++;
      si++;
    } else if (t === STAR) {
      starTi = ti++;
      starSi = si;
    } else if (starTi >= 0) {
      ti = starTi + 1;
      si = ++starSi;
    } else return false;
  }
  while (tokens[ti] === STAR) ti++;
  return ti === tokens.length;
}

/** Path segments against pattern segments: a table over (pattern segment, path segment), filled from the end. */
function matchSegments(segs: Segment[], parts: string[]): boolean {
  const n = parts.length;
  // next[j]: segs[i+1..] match parts[j..]; row i computed into cur
  let next: boolean[] = new Array<boolean>(n + 1).fill(false);
  next[n] = true;
  for (let i = segs.length - 1; i >= 0; i--) {
    const seg = segs[i]!;
    const cur: boolean[] = new Array<boolean>(n + 1).fill(false);
    for (let j = n; j >= 0; j--) {
      globStats.steps++;
      if (seg === GLOBSTAR) cur[j] = next[j]! || (j < n && !isDotSegment(parts[j]!) && cur[j + 1]!);
      else cur[j] = j < n && next[j + 1]! && matchSegment(seg, parts[j]!);
    }
    next = cur;
  }
  return next[0]!;
}

/** A matcher for a list of globs: true when any of them matches a "/"-separated path. */
export function globMatcher(globs: readonly string[]): (path: string) => boolean {
  const compiled = globs.map(compile).filter((c): c is Compiled => c !== null);
  if (!compiled.length) return () => false;
  return (p: string) => {
    const parts = p.toLowerCase().split('/');
    for (const c of compiled) {
      const hit = c.alternatives.some((segs) => matchSegments(segs, parts));
      if (hit !== c.negated) return true;
    }
    return false;
  };
}
