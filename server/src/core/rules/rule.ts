/**
 * What a rule is: a module with its metadata, its options schema, its docs
 * (with a valid and an invalid example that the tests run) and a check.
 */
import type { z } from 'zod';
import type { PlanModel } from '../parse.js';
import type { Analysis } from '../match.js';
import type { EffectiveProfile } from '../effective.js';
import type { Fix, Lang, RelatedLocation, Severity, SeveritySetting, Span } from '../types.js';

export interface Localized {
  en: string;
  zh: string;
}

export interface RuleDocs {
  /** Why the rule exists and what it checks (Markdown). */
  details: Localized;
  /** A plan fragment the rule accepts. */
  valid: string;
  /** A plan fragment the rule reports. */
  invalid: string;
}

export interface RuleReport extends Span {
  message: string;
  section?: string | null;
  related?: RelatedLocation[];
  /** Only insertions; see Finding.fix. */
  fix?: Fix;
  /** Replacements offered one by one; see Finding.suggestions. */
  suggestions?: Fix[];
  /** Overrides the rule's configured severity for this finding (missing-section by level). */
  severity?: SeveritySetting;
}

export interface RuleContext<O> {
  plan: PlanModel;
  profile: EffectiveProfile;
  analysis: Analysis;
  /** Language of messages. */
  lang: Lang;
  /** Language of text inserted into the plan (its dominant language). */
  docLang: Lang;
  options: O;
  /** The severity the user configured explicitly, if any. */
  configuredSeverity: SeveritySetting | undefined;
  /**
   * Where an offset is, to name it in a message: its 1-based line, and the file it is in when that is not
   * the file of `from` (a plan split across files, where the text checked is the chapters joined).
   */
  locate(offset: number, from: number): { line: number; file?: string };
  report(r: RuleReport): void;
}

export interface RuleModule<S extends z.ZodObject = z.ZodObject> {
  /** Stable id, `PL` and three digits. */
  id: string;
  /** kebab-case, named after the problem; the public contract. */
  name: string;
  description: Localized;
  defaultSeverity: SeveritySetting;
  /** Offers a fix that only inserts text (applied by --fix). */
  fixable: boolean;
  /** Offers suggestions that replace text (editor quick fixes only). */
  hasSuggestions?: boolean;
  /** Options with defaults; `{}` must parse. */
  options: S;
  docs: RuleDocs;
  check(ctx: RuleContext<z.infer<S>>): void;
}

export function defineRule<S extends z.ZodObject>(rule: RuleModule<S>): RuleModule<S> {
  return rule;
}

export type { Severity };
