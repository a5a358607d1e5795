/**
 * In-document suppression, as in markdownlint and ESLint:
 * `<!-- planlint-disable [rule ...] -->`, `<!-- planlint-enable [rule ...] -->`,
 * `<!-- planlint-disable-next-line [rule ...] -->`, `<!-- planlint-disable-line [rule ...] -->`.
 * No rule names means every rule. Rules are named by name or id.
 */
import type { PlanModel } from './parse.js';
import type { Finding } from './types.js';

interface Directive {
  kind: 'disable' | 'enable' | 'disable-next-line' | 'disable-line';
  line: number;
  rules: string[] | null;
}

const DIRECTIVE_RE = /^planlint-(disable-next-line|disable-line|disable|enable)(?:\s+([\s\S]*))?$/;

export function directives(plan: PlanModel): Directive[] {
  const out: Directive[] = [];
  for (const c of plan.comments) {
    const m = DIRECTIVE_RE.exec(c.body);
    if (!m) continue;
    const names = (m[2] ?? '').split(/[\s,]+/).filter(Boolean);
    const pos = plan.lines.positionAt(c.start);
    const endLine = plan.lines.positionAt(c.end).line;
    out.push({ kind: m[1] as Directive['kind'], line: m[1] === 'disable-next-line' ? endLine : pos.line, rules: names.length ? names : null });
  }
  return out;
}

/** Drops findings suppressed by directives. */
export function applySuppressions(plan: PlanModel, findings: Finding[]): Finding[] {
  const ds = directives(plan);
  if (!ds.length) return findings;
  const hits = (d: Directive, f: Finding) => d.rules === null || d.rules.includes(f.rule) || d.rules.includes(f.ruleId);
  return findings.filter((f) => {
    const line = plan.lines.positionAt(f.start).line;
    let disabled = false;
    for (const d of ds) {
      if (d.kind === 'disable-line' && d.line === line && hits(d, f)) return false;
      if (d.kind === 'disable-next-line' && d.line + 1 === line && hits(d, f)) return false;
      if (d.line > line) continue;
      if (d.kind === 'disable' && hits(d, f)) disabled = true;
      if (d.kind === 'enable' && hits(d, f)) disabled = false;
    }
    return !disabled;
  });
}

/** The comment that disables a rule on a line (for editor quick actions). */
export function disableComment(rule: string, scope: 'next-line' | 'file'): string {
  return scope === 'file' ? `<!-- planlint-disable ${rule} -->` : `<!-- planlint-disable-next-line ${rule} -->`;
}
