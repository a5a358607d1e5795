/**
 * Which Markdown files are business plans: files matching the configured
 * globs, or whose front matter says so (`planlint: true`, a `planlint:`
 * settings object, or `type: business-plan`); `planlint: false` opts out.
 */
import * as path from 'node:path';
import type { ResolvedConfig } from './config.js';
import { globMatcher } from './glob.js';

const FRONT_MATTER_RE = /^\uFEFF?---\r?\n([\s\S]*?)\r?\n(?:---|\.\.\.)\s*(?:\r?\n|$)/;

/** What the front matter says about being a plan: true, false, or nothing. Cheap: no Markdown parse. */
export function frontMatterMarksPlan(text: string): boolean | null {
  const m = FRONT_MATTER_RE.exec(text.slice(0, 64 * 1024));
  if (!m) return null;
  const body = m[1]!;
  const flag = /^planlint\s*:\s*(\S.*)?$/m.exec(body);
  if (flag) {
    const v = (flag[1] ?? '').trim().toLowerCase();
    if (v === 'false' || v === 'off' || v === 'no') return false;
    return true;
  }
  if (/^type\s*:\s*["']?(business[-_ ]?plan|商业计划书?)["']?\s*$/im.test(body)) return true;
  return null;
}

/** Compiled matchers by glob list; bounded, so that a storm of settings changes cannot grow it without end. */
const matcherCache = new Map<string, (p: string) => boolean>();
const MAX_CACHED_MATCHERS = 64;
function matcher(globs: string[]): (p: string) => boolean {
  const key = globs.join('\0');
  let m = matcherCache.get(key);
  if (!m) {
    // no regular expressions: a hostile glob costs polynomial time, never exponential (glob.ts)
    m = globMatcher(globs);
    if (matcherCache.size >= MAX_CACHED_MATCHERS) matcherCache.clear();
    matcherCache.set(key, m);
  }
  return m;
}

/** True when a path (absolute, or relative to the config root) matches the globs. */
export function matchesGlobs(filePath: string, globs: string[], root: string | null): boolean {
  const rel = root ? path.relative(root, path.resolve(filePath)) : path.basename(filePath);
  const p = rel.split(path.sep).join('/');
  return matcher(globs)(p) || matcher(globs)(path.basename(filePath));
}

/**
 * Whether a document is a plan. `filePath` null means an untitled document:
 * only its front matter can say so.
 */
export function isPlan(filePath: string | null, text: string, config: ResolvedConfig): boolean {
  const marked = frontMatterMarksPlan(text);
  if (marked !== null) return marked;
  if (!filePath) return false;
  if (config.exclude.length && matchesGlobs(filePath, config.exclude, config.root)) return false;
  return matchesGlobs(filePath, config.include, config.root);
}
