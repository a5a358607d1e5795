/**
 * Matching: which plan heading satisfies which guide section. Exact titles
 * and aliases first, then containment of an alias, then keyword evidence;
 * one heading claims at most one guide section, ambiguous or weak matches are
 * not claimed, and a heading nested in a heading of the same guide section is
 * part of it rather than a duplicate.
 */
import type { PlanModel, Section } from './parse.js';
import type { EffectiveProfile, EffectiveSection } from './effective.js';
import { containsPhrase, foldForSearch, hasKeyword } from './keywords.js';
import { normalizePhrase, normalizeTitle } from './normalize.js';
import { findBuried, planOnHostedModel, type Buried } from './evidence.js';

/** `title`: the guide's own title (what fixes insert); `exact`: an alias, whole; `alias`: an alias inside the heading; `keyword`: weak evidence. */
export type MatchVia = 'title' | 'exact' | 'alias' | 'keyword';

export interface Match {
  sectionId: string;
  score: number;
  via: MatchVia;
  /** The claiming heading is a chapter (at or above the plan's chapter level), not a sub-section. */
  chapter?: boolean;
}

export interface TopicCoverage {
  found: string[];
  missing: string[];
}

export interface Analysis {
  /** The plan's chapter level: the heading depth most of its top structure uses (see chapterDepth). */
  chapterDepth: number;
  /** plan section index -> its guide section (every claiming heading). */
  matches: Map<number, Match>;
  /** guide section id -> plan section indexes that claim it at the outermost level, in document order. */
  bySection: Map<string, number[]>;
  /**
   * Where the plan discusses a guide section that no heading claims (see
   * evidence.ts), or null when it is truly absent (or claimed).
   */
  buried(sectionId: string): Buried | null;
  /** The chapter of another guide section that covers this one (profile `coveredBy`), when this one has none of its own. */
  coveredBy(sectionId: string): number | undefined;
  /** Word count of a claimed section: its own text and that of sub-sections not claimed elsewhere. */
  words(index: number): number;
  /** Topic coverage of a claimed section. */
  topics(index: number): TopicCoverage;
}

const EXACT = 1;
const MIN_SCORE = 0.3;
const MARGIN = 0.1;
const LEVEL_RANK: Record<string, number> = { required: 0, recommended: 1, optional: 2, off: 3 };

/** normalizePhrase of the profile's titles and aliases, kept (a pure function of short strings, asked every check). */
const phraseMemo = new Map<string, string>();

function phrase(s: string): string {
  let p = phraseMemo.get(s);
  if (p === undefined) {
    if (phraseMemo.size > 10_000) phraseMemo.clear();
    p = normalizePhrase(s);
    phraseMemo.set(s, p);
  }
  return p;
}

function phrasesOf(s: EffectiveSection): string[] {
  return [s.title.zh, s.title.en, ...s.aliases.zh, ...s.aliases.en].map(phrase).filter(Boolean);
}

interface Candidate extends Match {}

/** Score of a heading whose words before a colon are a section's title or alias (enough without support). */
const LEAD_SCORE = 0.9;

/** The normalised words of a heading before its first colon, when a tagline follows; else null. */
function leadOf(text: string): string | null {
  const i = text.search(/[:：]/);
  if (i <= 0 || i >= text.length - 1) return null;
  const lead = normalizeTitle(text.slice(0, i));
  return lead && lead !== normalizeTitle(text) ? lead : null;
}

function scoreHeading(title: string, folded: string, g: EffectiveSection, phrases: string[]): Candidate | null {
  const titles = new Set([phrase(g.title.zh), phrase(g.title.en)]);
  let best: Candidate | null = null;
  for (const p of phrases) {
    if (p === title) return { sectionId: g.id, score: EXACT, via: titles.has(p) ? 'title' : 'exact' };
    if (containsPhrase(title, p)) {
      const score = 0.5 + 0.4 * Math.min(1, p.length / title.length);
      if (!best || score > best.score) best = { sectionId: g.id, score, via: 'alias' };
    }
  }
  if (best) return best;
  let hits = 0;
  for (const k of [...g.keywords.zh, ...g.keywords.en]) if (hasKeyword(folded, k)) hits++;
  if (hits > 0) return { sectionId: g.id, score: Math.min(0.45, 0.3 + 0.05 * hits), via: 'keyword' };
  return null;
}

const scoreMemos = new Map<string, Map<string, Candidate[]>>();

/** The memo of heading scores for one profile (keyed by everything scoreHeading reads of it). */
function scoreMemoFor(phraseTable: { g: EffectiveSection; phrases: string[] }[]): Map<string, Candidate[]> {
  const key = JSON.stringify(phraseTable.map(({ g, phrases }) => [g.id, g.title, phrases, g.keywords]));
  let memo = scoreMemos.get(key);
  if (!memo) {
    if (scoreMemos.size >= 8) scoreMemos.clear();
    memo = new Map();
    scoreMemos.set(key, memo);
  }
  return memo;
}

/** Topic coverage by section text, per set of topics (keyed by their JSON): bounded by the characters kept. */
const topicMemos = new Map<string, Map<string, TopicCoverage>>();
const topicKeys = new WeakMap<object, string>();
let topicMemoChars = 0;

const hostedTopics = new WeakMap<EffectiveSection, EffectiveSection['topics']>();

/** The topics a plan is asked to cover in a section: those about a model of one's own are not asked of a plan built on a hosted model. */
export function askedTopics(g: EffectiveSection, plan: PlanModel, profile: EffectiveProfile): EffectiveSection['topics'] {
  if (!g.topics.some((t) => t.ownModel) || !planOnHostedModel(plan, profile)) return g.topics;
  let t = hostedTopics.get(g);
  if (!t) hostedTopics.set(g, (t = g.topics.filter((x) => !x.ownModel)));
  return t;
}

function topicsMemoFor(topics: readonly unknown[]): Map<string, TopicCoverage> {
  let key = topicKeys.get(topics);
  if (key === undefined) {
    key = JSON.stringify(topics);
    topicKeys.set(topics, key);
  }
  let memo = topicMemos.get(key);
  if (!memo) {
    memo = new Map();
    topicMemos.set(key, memo);
  }
  return memo;
}

function rememberTopics(memo: Map<string, TopicCoverage>, raw: string, t: TopicCoverage): void {
  if (topicMemoChars + raw.length > 3_000_000) {
    for (const m of topicMemos.values()) m.clear();
    topicMemos.clear();
    topicMemoChars = 0;
  }
  memo.set(raw, t);
  topicMemoChars += raw.length;
}

/**
 * The plan's chapter level: the shallowest heading depth used by three or
 * more headings (the title left out), else by two, else the shallowest used.
 * Two H1 lines over H2 chapters, H1 chapters under no title and H2 chapters
 * under an H1 title all come out as the authors meant them.
 */
export function chapterDepth(plan: PlanModel): number {
  const counts = [0, 0, 0, 0, 0, 0, 0];
  for (const s of plan.sections) if (s.index !== plan.titleIndex) counts[s.depth]!++;
  for (const min of [3, 2, 1]) for (let d = 1; d <= 6; d++) if (counts[d]! >= min) return d;
  return 2;
}

/** The section's text with all its sub-sections (its own heading left out when `body`), folded for search. */
function subtreeText(plan: PlanModel, index: number, body: boolean): string {
  const parts: string[] = [];
  const walk = (i: number) => {
    const s = plan.sections[i]!;
    if (i !== index || !body) parts.push(s.text);
    parts.push(s.ownText);
    for (const c of s.children) walk(c);
  };
  walk(index);
  return foldForSearch(parts.join('\n'));
}

/** How many distinct terms of a guide section (its keywords and its topics' keywords) a folded text uses. */
export function supportOf(g: EffectiveSection, folded: string): number {
  const seen = new Set<string>();
  const terms = [...g.keywords.zh, ...g.keywords.en, ...g.topics.flatMap((t) => [...t.keywords.zh, ...t.keywords.en])];
  for (const k of terms) if (!seen.has(k) && hasKeyword(folded, k)) seen.add(k);
  return seen.size;
}

/**
 * Content support a claim needs: a keyword in the heading needs two of the section's terms in the text under
 * it (the heading's keyword is the claim, not its support: `Opportunities` over a list of growth levers is no
 * market chapter), a partial alias one in the heading or under it.
 */
function supportNeeded(c: Candidate): number {
  if (c.via === 'keyword') return 2;
  if (c.via === 'alias' && c.score < 0.85) return 1;
  return 0;
}

export function analyze(plan: PlanModel, profile: EffectiveProfile): Analysis {
  const sections = profile.sections.filter((s) => s.level !== 'off');
  const phraseTable = sections.map((g) => ({ g, phrases: phrasesOf(g) }));
  const byId = new Map(profile.sections.map((g) => [g.id, g]));
  const matches = new Map<number, Match>();
  const ambiguous = new Map<number, Candidate[]>();

  /** Does a heading name one of a guide section's topics (title or keyword)? */
  const mentionsTopicOf = (id: string, s: Section, folded: string): boolean =>
    (byId.get(id)?.topics ?? []).some(
      (t) => containsPhrase(s.normalized, phrase(t.title.zh)) || containsPhrase(s.normalized, phrase(t.title.en)) || [...t.keywords.zh, ...t.keywords.en].some((k) => hasKeyword(folded, k)),
    );
  const ancestorClaim = (s: Section): string | undefined => {
    for (let p = s.parent; p !== null; p = plan.sections[p]!.parent) {
      const m = matches.get(p);
      if (m) return m.sectionId;
    }
    return undefined;
  };

  // A heading that names two sections ("隐私与伦理", "Market strategy and marketing"):
  // if its rivals are claimed elsewhere it takes the one left; if all are named by
  // title or alias it takes the most important (required first, then guide order)
  // and the other is reported missing; weak keyword ties are not claimed.
  const rank = (c: Candidate) => {
    const g = byId.get(c.sectionId)!;
    return (LEVEL_RANK[g.level] ?? 3) * 1000 + g.order;
  };
  function resolveAmbiguous(chapter: boolean): void {
    const claimed = new Set([...matches.values()].map((m) => m.sectionId));
    for (const [index, cands] of ambiguous) {
      const open = cands.filter((c) => !claimed.has(c.sectionId));
      let pick: Candidate | undefined;
      if (open.length === 1) pick = open[0];
      else if (open.length > 1 && open.every((c) => c.via !== 'keyword')) pick = [...open].sort((a, b) => rank(a) - rank(b))[0];
      if (pick) {
        matches.set(index, chapter ? { ...pick, chapter: true } : pick);
        claimed.add(pick.sectionId);
      }
    }
    ambiguous.clear();
  }

  // Scores depend on the heading and the profile only: remembered across checks (a keystroke re-checks the same headings).
  const memo = scoreMemoFor(phraseTable);

  const depthL = chapterDepth(plan);
  const supportMemo = new Map<string, number>();
  /** Does the heading's own text (with its sub-sections) back a weak claim? */
  const supported = (s: Section, c: Candidate): boolean => {
    const need = supportNeeded(c);
    if (need === 0) return true;
    const body = c.via === 'keyword';
    const key = `${s.index}\u0000${c.sectionId}\u0000${body}`;
    let n = supportMemo.get(key);
    if (n === undefined) {
      n = supportOf(byId.get(c.sectionId)!, subtreeText(plan, s.index, body));
      supportMemo.set(key, n);
    }
    return n >= need;
  };
  const scoredOf = (s: Section): Candidate[] => {
    const folded = foldForSearch(s.normalized);
    // a heading that names its section, then a tagline after a colon ("Target market: whales",
    // "市场分析：下沉市场") names it as plainly as the name alone
    const lead = leadOf(s.title || s.text);
    const key = lead ? `${s.normalized}\u0000${lead}` : s.normalized;
    let scored = memo.get(key);
    if (!scored) {
      scored = [];
      for (const { g, phrases } of phraseTable) {
        let c = scoreHeading(s.normalized, folded, g, phrases);
        if (lead && (!c || c.score < LEAD_SCORE) && phrases.includes(lead)) c = { sectionId: g.id, score: LEAD_SCORE, via: 'alias' };
        if (c && c.score >= MIN_SCORE) scored.push(c);
      }
      if (memo.size >= 50_000) memo.clear();
      memo.set(key, scored);
    }
    return scored.map((c) => ({ ...c }));
  };
  const isChapter = (s: Section) => s.depth <= depthL;

  // Chapters first: they claim guide sections on any evidence their heading and content give.
  for (const s of plan.sections) {
    if (s.index === plan.titleIndex || !s.normalized || !isChapter(s)) continue;
    let cands = scoredOf(s).filter((c) => supported(s, c));
    if (!cands.length) continue;
    const inside = ancestorClaim(s);
    if (inside) {
      const same = cands.find((c) => c.sectionId === inside);
      if (same) {
        matches.set(s.index, { ...same, chapter: true });
        continue;
      }
      cands = cands.filter((c) => c.via !== 'keyword');
      if (!cands.length) continue;
    }
    cands.sort((a, b) => b.score - a.score);
    const [top, second] = cands;
    if (top!.via === 'exact' || top!.via === 'title' || !second || top!.score - second.score >= MARGIN) matches.set(s.index, { ...top!, chapter: true });
    else ambiguous.set(s.index, cands.filter((c) => top!.score - c.score < MARGIN));
  }
  resolveAmbiguous(true);
  const byChapter = new Set([...matches.values()].map((m) => m.sectionId));

  // Then sub-sections, in document order: a sub-section is part of its chapter, and claims
  // another guide section only by its title or an alias, and only one no chapter claims.
  for (const s of plan.sections) {
    if (s.index === plan.titleIndex || !s.normalized || isChapter(s)) continue;
    const all = scoredOf(s);
    if (!all.length) continue;
    const folded = foldForSearch(s.normalized);
    // the guide's own title always names its section (it is what fixes insert)
    const titled = all.find((c) => c.via === 'title');
    if (titled) {
      matches.set(s.index, titled);
      continue;
    }
    const inside = ancestorClaim(s);
    if (inside) {
      const same = all.find((c) => c.sectionId === inside);
      if (same) {
        matches.set(s.index, same);
        continue;
      }
    }
    if (inside && mentionsTopicOf(inside, s, folded)) continue;
    const cands = all.filter((c) => c.via !== 'keyword' && !byChapter.has(c.sectionId) && supported(s, c)).sort((a, b) => b.score - a.score);
    if (!cands.length) continue;
    const [top, second] = cands;
    if (top!.via === 'exact' || !second || top!.score - second.score >= MARGIN) matches.set(s.index, top!);
    else ambiguous.set(s.index, cands.filter((c) => top!.score - c.score < MARGIN));
  }
  resolveAmbiguous(false);

  // Outermost claims: a heading inside a heading of the same guide section is part of it.
  const bySection = new Map<string, number[]>();
  const claimOf = (s: Section): string | undefined => matches.get(s.index)?.sectionId;
  for (const s of plan.sections) {
    const id = claimOf(s);
    if (!id) continue;
    let p = s.parent;
    let nested = false;
    while (p !== null) {
      if (claimOf(plan.sections[p]!) === id) {
        nested = true;
        break;
      }
      p = plan.sections[p]!.parent;
    }
    if (nested) continue;
    const list = bySection.get(id) ?? [];
    list.push(s.index);
    bySection.set(id, list);
  }

  /** Sections whose content counts towards a claimed section: itself and descendants not claimed by another guide section. */
  const members = (index: number): Section[] => {
    const own = claimOf(plan.sections[index]!);
    const out: Section[] = [];
    const walk = (i: number) => {
      const s = plan.sections[i]!;
      const c = claimOf(s);
      if (i !== index && c && c !== own) return;
      out.push(s);
      for (const ch of s.children) walk(ch);
    };
    walk(index);
    return out;
  };
  const wordsCache = new Map<number, number>();
  const buriedCache = new Map<string, Buried | null>();
  const topicsCache = new Map<number, TopicCoverage>();

  return {
    chapterDepth: depthL,
    matches,
    bySection,
    coveredBy(id) {
      if (bySection.has(id)) return undefined;
      for (const other of byId.get(id)?.coveredBy ?? []) {
        const at = bySection.get(other)?.[0];
        if (at !== undefined) return at;
      }
      return undefined;
    },
    buried(id) {
      if (bySection.has(id) || this.coveredBy(id) !== undefined) return null;
      let b = buriedCache.get(id);
      if (b === undefined) {
        const g = byId.get(id);
        b = g ? findBuried(plan, g, depthL) : null;
        buriedCache.set(id, b);
      }
      return b;
    },
    words(index) {
      let w = wordsCache.get(index);
      if (w === undefined) {
        w = members(index).reduce((n, s) => n + s.ownWords, 0);
        wordsCache.set(index, w);
      }
      return w;
    },
    topics(index) {
      let t = topicsCache.get(index);
      if (!t) {
        const g = byId.get(claimOf(plan.sections[index]!) ?? '');
        const raw = members(index).map((s) => s.text + '\n' + s.ownText).join('\n');
        const asked = g ? askedTopics(g, plan, profile) : [];
        // coverage depends on the text and the section's topics only: remembered across checks
        const memo = topicsMemoFor(asked);
        t = memo.get(raw);
        if (!t) {
          const text = foldForSearch(raw);
          const found: string[] = [];
          const missing: string[] = [];
          for (const topic of asked) {
            const kws = [...topic.keywords.zh, ...topic.keywords.en];
            (kws.some((k) => hasKeyword(text, k)) ? found : missing).push(topic.id);
          }
          t = { found, missing };
          rememberTopics(memo, raw, t);
        }
        topicsCache.set(index, t);
      }
      return t;
    },
  };
}
