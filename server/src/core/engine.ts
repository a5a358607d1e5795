/**
 * The engine: text in, findings out. Parses, applies front matter settings,
 * matches headings to the guide, runs every enabled rule, drops suppressed
 * findings and sorts the rest. Never throws on any text.
 */
import { parsePlan, type PlanModel } from './parse.js';
import { analyze, type Analysis } from './match.js';
import { effectiveProfile, type EffectiveProfile } from './effective.js';
import type { Profile } from './profile/schema.js';
import { RULES } from './rules/index.js';
import { applySettings, defaultConfig, profileOf, validate, SettingsSchema, ConfigError, type ResolvedConfig } from './config.js';
import { applySuppressions } from './suppress.js';
import type { Finding, Lang, Severity } from './types.js';

export interface CheckOptions {
  config?: ResolvedConfig;
  /** Message language when the config says auto; defaults to the plan's language. */
  autoLang?: Lang;
  /** Name of the file, for errors in its front matter. */
  fileName?: string;
  /** A parsed model of this very text, to reuse (incremental parsing). */
  plan?: PlanModel;
  /** A profile given as data, checked against instead of the one the config names. */
  profile?: Profile;
  /** Where the plan is on disk: a profile file its front matter names is read relative to it. */
  filePath?: string;
  /** Where an offset is, for messages (see RuleContext.locate); by default its line in this text. */
  locate?: (offset: number, from: number) => { line: number; file?: string };
}

export interface CheckResult {
  plan: PlanModel;
  analysis: Analysis;
  profile: EffectiveProfile;
  config: ResolvedConfig;
  findings: Finding[];
  /** Language of messages. */
  lang: Lang;
  /** Problems in the plan's own front matter settings. */
  configErrors: ConfigError[];
}

/** Nothing written yet: no block of content outside front matter and comments, no heading but a title. */
export function isBlankPlan(plan: PlanModel): boolean {
  const empty = (blocks: readonly { node: { type: string; value?: unknown } }[]) =>
    blocks.every((b) => b.node.type === 'yaml' || (b.node.type === 'html' && typeof b.node.value === 'string' && b.node.value.trimStart().startsWith('<!--')));
  if (!empty(plan.preamble)) return false;
  return plan.sections.every((s, i) => i === plan.titleIndex && empty(s.blocks)) && plan.fallbacks.length === 0;
}

const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2, hint: 3 };

/** Settings from the plan's front matter (`planlint:` key). `planlint: false` is handled by isPlan. */
function frontMatterSettings(plan: PlanModel, config: ResolvedConfig, fileName: string, filePath?: string): { config: ResolvedConfig; errors: ConfigError[] } {
  const data = plan.frontMatter?.data;
  if (!data || typeof data !== 'object' || !('planlint' in data)) return { config, errors: [] };
  const raw = (data as Record<string, unknown>).planlint;
  if (typeof raw === 'boolean' || raw === null) return { config, errors: [] };
  try {
    const r = validate(SettingsSchema, raw, fileName, ['planlint']);
    if (!r.value) return { config, errors: r.errors.map((e) => new ConfigError(e.file, e.keyPath, e.expected, plan.frontMatter!.start)) };
    return { config: applySettings(config, r.value, undefined, undefined, filePath), errors: [] };
  } catch (e) {
    // whatever the YAML holds (alias cycles, deep trees), the plan is still checked, with the settings it had
    return { config, errors: [new ConfigError(fileName, 'planlint', `cannot be read: ${describeError(e)}`, plan.frontMatter!.start)] };
  }
}

function describeError(e: unknown): string {
  const s = e instanceof Error ? `${e.name}: ${e.message}` : typeof e === 'string' ? e : 'an unknown error';
  return s.length > 120 ? `${s.slice(0, 119)}…` : s;
}

export function checkPlan(text: string, opts: CheckOptions = {}): CheckResult {
  const plan = opts.plan ?? parsePlan(text);
  const fm = frontMatterSettings(plan, opts.config ?? defaultConfig(), opts.fileName ?? '<front matter>', opts.filePath);
  const config = fm.config;
  let base = opts.profile;
  if (!base) {
    const named = profileOf(config);
    fm.errors.push(...named.errors);
    base = named.profile;
  }
  const profile = effectiveProfile(base, config.sections);
  const analysis = analyze(plan, profile);
  const lang: Lang = config.language === 'auto' ? (opts.autoLang ?? plan.language) : config.language;
  const findings: Finding[] = [];

  // a plan not begun (nothing but front matter, a title or HTML comments) is not a plan with every chapter
  // missing: like markdownlint or a spell checker on an empty file, planlint says nothing until there is text
  for (const rule of isBlankPlan(plan) ? [] : RULES) {
    const setting = config.rules[rule.name];
    const configured = setting?.severity;
    const severity = configured ?? rule.defaultSeverity;
    if (severity === 'off') continue;
    const parsed = rule.options.safeParse(setting?.options ?? {});
    const options = parsed.success ? parsed.data : rule.options.parse({});
    const before = findings.length;
    try {
      rule.check({
        plan,
        profile,
        analysis,
        lang,
        docLang: plan.language,
        options,
        configuredSeverity: configured,
        locate: opts.locate ?? ((offset) => ({ line: plan.lines.positionAt(offset).line + 1 })),
        report(r) {
          const sev = r.severity ?? severity;
          if (sev === 'off') return;
          findings.push({
            ruleId: rule.id,
            rule: rule.name,
            severity: sev,
            message: r.message,
            start: r.start,
            end: r.end,
            section: r.section ?? null,
            ...(r.related ? { related: r.related } : {}),
            ...(r.fix ? { fix: r.fix } : {}),
            ...(r.suggestions?.length ? { suggestions: r.suggestions } : {}),
          });
        },
      });
    } catch (e) {
      // a rule that fails on some text loses its own findings, never the others'
      findings.length = before;
      fm.errors.push(new ConfigError(opts.fileName ?? '<plan>', '', `the rule ${rule.name} could not check this text (${describeError(e)}); its findings are missing`));
    }
  }
  const kept = applySuppressions(plan, findings);
  kept.sort((a, b) => a.start - b.start || SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || a.ruleId.localeCompare(b.ruleId));
  return { plan, analysis, profile, config, findings: kept, lang, configErrors: fm.errors };
}
