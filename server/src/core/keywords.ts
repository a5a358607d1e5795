/**
 * Keyword and phrase matching in mixed CJK/Latin text. Latin keywords match
 * case-insensitively at a word start (so a stem such as `anonymi` matches
 * "anonymisation"); CJK keywords match anywhere.
 */
import { CJK_RE, escapeRegExp } from './text.js';
import { foldWidth, normalizePhrase } from './normalize.js';

const cache = new Map<string, RegExp>();

function keywordRe(keyword: string): RegExp {
  let re = cache.get(keyword);
  if (!re) {
    const k = escapeRegExp(normalizePhrase(keyword)).replace(/ /g, '[\\s\\p{P}\\p{S}]*');
    const startsCjk = CJK_RE.test(keyword.charAt(0));
    re = new RegExp(startsCjk ? k : `(?<![\\p{L}\\p{N}])${k}`, 'iu');
    cache.set(keyword, re);
  }
  return re;
}

/** Folds text for keyword search (width, case). */
export function foldForSearch(text: string): string {
  return foldWidth(text).toLowerCase();
}

/** True when the (already folded) text contains the keyword. */
export function hasKeyword(folded: string, keyword: string): boolean {
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
