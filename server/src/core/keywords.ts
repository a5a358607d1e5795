/**
 * Keyword and phrase matching in mixed CJK/Latin text. Latin keywords match
 * case-insensitively at a word start (so a stem such as `anonymi` matches
 * "anonymisation"); CJK keywords match anywhere.
 */
import { CJK_RE, escapeRegExp } from './text.js';
import { foldWidth, normalizePhrase } from './normalize.js';

const cache = new Map<string, RegExp>();

/** The regular expression of a keyword (exported for tests). */
export function keywordRe(keyword: string): RegExp {
  let re = cache.get(keyword);
  if (!re) {
    const k = escapeRegExp(normalizePhrase(keyword)).replace(/ /g, '[\\s\\p{P}\\p{S}]*');
    const startsCjk = CJK_RE.test(keyword.charAt(0));
    // an acronym (AI, LLM, TAM, SAM) is a whole word, with a plural at most: "AI" is not the start of
    // "aim" or "air", "SAM" not of "same"; other Latin keywords match at a word start ("risk" in "risks")
    const acronym = /^[A-Z][A-Z0-9]{1,4}$/.test(keyword.trim());
    re = new RegExp(startsCjk ? k : acronym ? `(?<![\\p{L}\\p{N}])${k}(?:e?s)?(?![\\p{L}\\p{N}])` : `(?<![\\p{L}\\p{N}])${k}`, 'iu');
    cache.set(keyword, re);
  }
  return re;
}

/** Folds text for keyword search (width, case). */
export function foldForSearch(text: string): string {
  return foldWidth(text).toLowerCase();
}

/**
 * The longest space-free piece of a normalised keyword, when a match of its
 * regular expression in folded (lower-cased) text must contain it literally:
 * only lower-case ASCII letters and digits, and CJK, which case folding
 * leaves alone (the one ASCII exception, long s folding to s, is checked at
 * the text). Else null.
 */
const pieces = new Map<string, string | null>();
const LITERAL = /^[a-z0-9\u3040-\u9fff\uac00-\ud7af\uf900-\ufaff]+$/;

function pieceOf(keyword: string): string | null {
  let p = pieces.get(keyword);
  if (p === undefined) {
    const parts = normalizePhrase(keyword).split(' ').filter(Boolean);
    const longest = parts.reduce((a, b) => (b.length > a.length ? b : a), '');
    p = longest && parts.every((x) => LITERAL.test(x)) ? longest : null;
    pieces.set(keyword, p);
  }
  return p;
}

/**
 * True when the (already folded: foldForSearch) text contains the keyword.
 * A literal check first: a regular expression run once on a long text is
 * interpreted, not compiled, and the first check of a process paid for it.
 */
export function hasKeyword(folded: string, keyword: string): boolean {
  const piece = pieceOf(keyword);
  if (piece !== null && !folded.includes(piece) && !(piece.includes('s') && folded.includes('\u017f'))) return false;
  return keywordRe(keyword).test(folded);
}

/**
 * True when a normalised phrase occurs in a normalised title as whole words
 * (for Latin) or as a substring (for CJK).
 */
export function containsPhrase(normalizedTitle: string, normalizedPhrase: string): boolean {
  if (!normalizedPhrase) return false;
  const idx = normalizedTitle.indexOf(normalizedPhrase);
  if (idx < 0) return false;
  const isWordChar = (c: string | undefined) => c !== undefined && /[\p{L}\p{N}]/u.test(c) && !CJK_RE.test(c);
  let i = idx;
  while (i >= 0) {
    const before = normalizedTitle[i - 1];
    const after = normalizedTitle[i + normalizedPhrase.length];
    const startOk = CJK_RE.test(normalizedPhrase[0]!) || !isWordChar(before);
    // a Latin phrase may take a plural "s" ("risk" in "risks")
    const plural = after === 's' && !isWordChar(normalizedTitle[i + normalizedPhrase.length + 1]);
    const endOk = CJK_RE.test(normalizedPhrase[normalizedPhrase.length - 1]!) || !isWordChar(after) || plural;
    if (startOk && endOk) return true;
    i = normalizedTitle.indexOf(normalizedPhrase, i + 1);
  }
  return false;
}
