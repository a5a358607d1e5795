/**
 * Evidence from the text: where a plan discusses a guide section that has no
 * heading of its own. A founder who covers data privacy in three sentences of
 * the technology chapter has not left it out; the plan only buries it. Each
 * guide section lists `evidence` terms (profile); sentences that use them are
 * counted per chapter. Linear in the text: one pass splits sentences, and each
 * term is looked for with a literal pre-check (keywords.ts).
 */
import type { PlanModel } from './parse.js';
import type { EffectiveSection } from './effective.js';
import { foldForSearch, hasKeyword } from './keywords.js';

export interface BuriedPlace {
  /** The chapter (plan section index) the sentences stand in, or null for text before the first heading. */
  chapter: number | null;
  sentences: number;
}

export interface Buried {
  sectionId: string;
  /** Chapters that discuss the section, most sentences first. */
  places: BuriedPlace[];
  sentences: number;
  /** Distinct evidence terms used. */
  terms: string[];
}

/** Fewest sentences, and distinct terms, that make a section discussed rather than absent (without a term that names it). */
export const MIN_SENTENCES = 2;
export const MIN_TERMS = 2;

const ENDS = new Set(['。', '！', '？', '；', '!', '?', ';', '\n']);

/** Sentences of a text, in one pass: split at sentence ends (and at ". " in Latin prose). */
export function sentencesOf(text: string): string[] {
  const out: string[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    const latinStop = c === '.' && (i + 1 === text.length || text[i + 1] === ' ');
    if (ENDS.has(c) || latinStop) {
      if (i > start) out.push(text.slice(start, i));
      start = i + 1;
    }
  }
  if (start < text.length) out.push(text.slice(start));
  return out.filter((s) => s.trim().length > 0);
}

/** The chapter a plan section belongs to: itself at or above the chapter level, else its nearest such ancestor. */
export function chapterOf(plan: PlanModel, index: number, chapterDepth: number, keepBelow: number | null = null): number {
  let i = index;
  for (;;) {
    const s = plan.sections[i]!;
    if (s.depth <= chapterDepth || s.parent === null || s.parent === keepBelow) return i;
    i = s.parent;
  }
}

/**
 * Where the plan discusses a guide section in its text, or null when it does
 * not: no sentence names it (a strong evidence term) and it has fewer than
 * MIN_SENTENCES sentences or MIN_TERMS distinct terms.
 */
export function findBuried(plan: PlanModel, g: EffectiveSection, chapterDepth: number): Buried | null {
  const strong = [...g.strongEvidence.zh, ...g.strongEvidence.en];
  const terms = [...strong, ...g.evidence.zh, ...g.evidence.en];
  if (!terms.length) return null;
  let named = false;
  const perChapter = new Map<number | null, number>();
  const used = new Set<string>();
  let total = 0;
  const scan = (chapter: number | null, text: string) => {
    for (const sentence of sentencesOf(foldForSearch(text))) {
      let hit = false;
      for (const k of terms) {
        if (hasKeyword(sentence, k)) {
          used.add(k);
          hit = true;
          if (strong.includes(k)) named = true;
        }
      }
      if (hit) {
        total++;
        perChapter.set(chapter, (perChapter.get(chapter) ?? 0) + 1);
      }
    }
  };
  scan(null, plan.preamble.map((b) => b.text).join('\n'));
  for (const s of plan.sections) {
    if (s.index === plan.titleIndex) {
      scan(null, s.ownText);
      continue;
    }
    scan(chapterOf(plan, s.index, chapterDepth), s.text + '\n' + s.ownText);
  }
  // discussed: a sentence that names the section outright, or two sentences using two of its terms
  if (!named && (total < MIN_SENTENCES || used.size < MIN_TERMS)) return null;
  const places = [...perChapter].map(([chapter, sentences]) => ({ chapter, sentences })).sort((a, b) => b.sentences - a.sentences || (a.chapter ?? -1) - (b.chapter ?? -1));
  return { sectionId: g.id, places, sentences: total, terms: [...used] };
}

/** How often a plan's text uses the profile's AI terms (stops counting at `cap`). */
export function aiMentions(plan: PlanModel, terms: readonly string[], cap: number, not: readonly string[] = [], skipFillIns = false): number {
  let n = 0;
  const texts = [plan.preamble.map((b) => b.text).join('\n'), ...plan.sections.map((s) => s.text + '\n' + s.ownText)];
  const blanks = not.map((p) => foldForSearch(p)).filter(Boolean);
  for (const text of texts) {
    for (const raw of sentencesOf(foldForSearch(text))) {
      // a template sentence still holding a `[fill-in]` is not yet the founder's word
      if (skipFillIns && raw.includes('[') && raw.includes(']')) continue;
      // "business model" is not a model: the phrases that mean something else are blanked first (literal, one pass each)
      let sentence = raw;
      for (const p of blanks) if (sentence.includes(p)) sentence = sentence.replaceAll(p, ' '.repeat(p.length));
      for (const k of terms) if (hasKeyword(sentence, k)) n++;
      if (n >= cap) return n;
    }
  }
  return n;
}

/**
 * Whether a plan builds on a hosted model rather than training one of its own:
 * at least `min` mentions of hosted-model names, and fewer than two of training
 * words (outside template sentences still holding a fill-in). One pass over the plan's sentences for each list, stopping at the cap.
 */
export function buildsOnHostedModel(plan: PlanModel, hosted: readonly string[], own: readonly string[], min: number): boolean {
  return aiMentions(plan, hosted, min) >= min && aiMentions(plan, own, 2, [], true) < 2;
}

type HostedTerms = { hostedModelTerms: { zh: string[]; en: string[] }; ownModelTerms: { zh: string[]; en: string[] }; hostedMentions: number };
const hostedMemo = new WeakMap<PlanModel, WeakMap<object, boolean>>();
/** A profile's term list in both languages, once each. */
export const bothLanguages = (l: { zh: string[]; en: string[] }): string[] => [...new Set([...l.zh, ...l.en])];

/** Whether a plan builds on a hosted model, by a profile's terms (see buildsOnHostedModel): once per plan and profile. */
export function planOnHostedModel(plan: PlanModel, profile: HostedTerms): boolean {
  let byProfile = hostedMemo.get(plan);
  if (!byProfile) hostedMemo.set(plan, (byProfile = new WeakMap()));
  let v = byProfile.get(profile);
  if (v === undefined) {
    v = buildsOnHostedModel(plan, bothLanguages(profile.hostedModelTerms), bothLanguages(profile.ownModelTerms), profile.hostedMentions);
    byProfile.set(profile, v);
  }
  return v;
}
