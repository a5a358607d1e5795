/**
 * The text of the chapter that plays a role in the profile (the financial forecast, the funding ask), and the money
 * figures in a text: shared by the rules that ask those chapters for amounts.
 */
import { findUnit, guideMembers, readNumbers, within } from './numbers.js';
import { findPlaceholders } from './placeholders.js';
import type { RuleContext } from './rules/rule.js';
import type { Span } from './types.js';

/** Money figures in a text: an amount with a currency or a scale word, or any number under a money unit (`单位：万元`). */
export function moneyFigures(text: string): number {
  const unit = findUnit(text);
  const moneyUnit = !!unit && !unit.percent && (unit.currency !== null || unit.scale !== 1);
  return readNumbers(text).filter((n) => !n.percent && !n.period && !n.yearLike && (n.currency !== null || n.scale !== 1 || (moneyUnit && n.value !== 0))).length;
}

/** The text of a role's section with its sub-sections, or null when the plan has no such chapter, it is empty or has fill-ins left. */
export function roleText(ctx: Pick<RuleContext<unknown>, 'plan' | 'analysis' | 'profile'>, role: 'financial-forecast' | 'funding'): { id: string; text: string; heading: Span; title: string } | null {
  const { plan, analysis } = ctx;
  const id = ctx.profile.byRole.get(role)?.id;
  const claimed = id ? analysis.bySection.get(id) : undefined;
  if (!id || !claimed?.length) return null;
  const members = guideMembers(plan, analysis, id);
  // an empty chapter is reported once, as empty (thin-section); fill-ins left, by placeholder
  if (members.every((i) => analysis.words(i) === 0)) return null;
  const spans = members.map((i) => plan.sections[i]!.own);
  if (findPlaceholders(plan).some((p) => within(spans, p.start))) return null;
  const first = plan.sections[claimed[0]!]!;
  return { id, text: spans.map((s) => plan.text.slice(s.start, s.end)).join('\n'), heading: first.heading, title: first.title };
}

