/**
 * Where a plan stands against its profile, section by section: the data behind the editor's checklist and
 * overview and behind the plan report. A pure function of one check result: the plan model, the analysis and
 * the findings the rules reported; nothing here judges the plan again.
 */
import type { CheckResult } from './engine.js';
import { askedTopics } from './match.js';
import { guideRefOf } from './profile/index.js';
import { t } from './i18n.js';
import type { Finding, Lang, Severity } from './types.js';

/** The checklist's state of a guide section: present, thin (thin-section reports it) or missing. */
export type ChecklistState = 'present' | 'thin' | 'missing';
/** The report's state: the checklist's, and `template` for a section still holding its template's fill-ins. */
export type CoverageState = ChecklistState | 'template';

export interface TopicState {
  id: string;
  /** In the language of messages. */
  title: string;
  covered: boolean;
}

export interface SectionCoverage {
  /** Guide section id. */
  id: string;
  /** Title in the language of messages. */
  title: string;
  level: 'required' | 'recommended' | 'optional';
  levelLabel: string;
  guideRef: string;
  state: ChecklistState;
  /** The fill-ins the section still holds, as the placeholder rule groups them (0 when none). */
  fillIns: number;
  /** `state`, or `template` when a present section still holds its template's fill-ins. */
  coverage: CoverageState;
  /** The plan sections (indexes) that claim it at the outermost level, in document order; empty when missing. */
  sections: number[];
  /** The topics the guide asks of it in this plan, each covered by any of its chapters or not; empty when missing. */
  topics: TopicState[];
  /** Words of its chapters. */
  words: number;
}

export interface SeverityCounts {
  errors: number;
  warnings: number;
  infos: number;
  hints: number;
}

export function severityCounts(findings: readonly { severity: Severity }[]): SeverityCounts {
  const counts = { errors: 0, warnings: 0, infos: 0, hints: 0 };
  for (const f of findings) {
    if (f.severity === 'error') counts.errors++;
    else if (f.severity === 'warning') counts.warnings++;
    else if (f.severity === 'info') counts.infos++;
    else counts.hints++;
  }
  return counts;
}

/** The guide sections thin-section reports: present, but not complete. */
export function thinSections(findings: readonly Finding[]): Set<string> {
  return new Set(findings.filter((f) => f.rule === 'thin-section' && f.section).map((f) => f.section!));
}

/** Every guide section that is not off, in guide order, with its state in this plan. */
export function planCoverage(result: CheckResult, lang: Lang = result.lang): SectionCoverage[] {
  const { plan, analysis, profile, findings } = result;
  const thin = thinSections(findings);
  const fillIns = new Map<string, number>();
  for (const f of findings) if (f.rule === 'placeholder' && f.section) fillIns.set(f.section, (fillIns.get(f.section) ?? 0) + 1 + (f.related?.length ?? 0));
  const out: SectionCoverage[] = [];
  for (const g of profile.sections) {
    if (g.level === 'off') continue;
    const sections = analysis.bySection.get(g.id) ?? [];
    const state: ChecklistState = !sections.length ? 'missing' : thin.has(g.id) ? 'thin' : 'present';
    // like missing-topic: a section the plan spreads over several chapters is judged as one
    const chapters = sections.filter((i) => analysis.matches.get(i)?.chapter);
    const judged = chapters.length ? chapters : sections;
    const found = new Set(judged.flatMap((i) => analysis.topics(i).found));
    const n = fillIns.get(g.id) ?? 0;
    out.push({
      id: g.id,
      title: g.title[lang],
      level: g.level,
      levelLabel: t(lang, `level.${g.level}`),
      guideRef: guideRefOf(g, lang),
      state,
      fillIns: n,
      coverage: state !== 'missing' && n > 0 ? 'template' : state,
      sections,
      topics: sections.length ? askedTopics(g, plan, profile).map((tp) => ({ id: tp.id, title: tp.title[lang], covered: found.has(tp.id) })) : [],
      words: judged.reduce((sum, i) => sum + analysis.words(i), 0),
    });
  }
  return out;
}
