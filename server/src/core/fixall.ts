/**
 * Whole-file fixes: apply every fix (like `--fix`) until the text is stable,
 * and "insert all missing required sections".
 */
import { checkPlan, type CheckOptions, type CheckResult } from './engine.js';
import { applyEdits, insertSections } from './fixes.js';
import type { TextEdit } from './types.js';

/** Edits that insert every missing section of the given levels, in one go. */
export function insertAllMissing(result: CheckResult, levels: ReadonlyArray<'required' | 'recommended' | 'optional'> = ['required']): TextEdit[] {
  const ids = result.profile.sections.filter((g) => g.level !== 'off' && levels.includes(g.level) && !result.analysis.bySection.has(g.id)).map((g) => g.id);
  if (!ids.length) return [];
  return insertSections(result.plan, result.analysis, result.profile, ids, result.plan.language);
}

/**
 * Applies the fixes of the current findings, re-checking between passes,
 * until nothing is left to fix (at most `maxPasses`). Returns the final text
 * and check result. Only fixes of findings that are reported are applied.
 */
export function fixAll(text: string, opts: Omit<CheckOptions, 'plan'> = {}, maxPasses = 10): { text: string; result: CheckResult; passes: number } {
  let current = text;
  let result = checkPlan(current, opts);
  let passes = 0;
  while (passes < maxPasses) {
    const edits = passEdits(result);
    if (!edits.length) break;
    current = applyEdits(current, edits);
    passes++;
    result = checkPlan(current, opts);
  }
  return { text: current, result, passes };
}

/** The edits of one pass of fix-all over a checked text. */
export function passEdits(result: CheckResult): TextEdit[] {
  const edits: TextEdit[] = [];
  // structure first: lines meant as headings are marked before sections are placed relative to them
  const marks = result.findings.filter((f) => f.rule === 'unmarked-heading' && f.fix);
  const missing = marks.length ? [] : result.findings.filter((f) => f.rule === 'missing-section' && f.fix);
  for (const f of marks) edits.push(...f.fix!.edits);
  if (missing.length) {
    // all missing sections in one edit set, so their relative order follows the guide
    const ids = missing.map((f) => f.section!).filter(Boolean);
    edits.push(...insertSections(result.plan, result.analysis, result.profile, ids, result.plan.language));
  }
  for (const f of marks.length ? [] : result.findings) {
    if (!f.fix || f.rule === 'missing-section') continue;
    if (f.fix.edits.some((e) => edits.some((x) => e.start < x.end && x.start < e.end) || edits.some((x) => x.start === e.start))) continue;
    edits.push(...f.fix.edits);
  }
  return edits;
}
