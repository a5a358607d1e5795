/** Shared value types of the core. Positions are 0-based UTF-16 offsets. */
import type { Lang } from './profile/schema.js';
export type { Lang };

export const SEVERITIES = ['error', 'warning', 'info', 'hint'] as const;
export type Severity = (typeof SEVERITIES)[number];
export type SeveritySetting = Severity | 'off';

/** A span of the document as UTF-16 offsets, end exclusive. */
export interface Span {
  start: number;
  end: number;
}

/** A text edit by offsets into the text the finding was computed on. */
export interface TextEdit extends Span {
  newText: string;
}

export interface Fix {
  /** Localised title, e.g. "Insert section: Data privacy". */
  title: string;
  edits: TextEdit[];
}

export interface RelatedLocation extends Span {
  message: string;
}

export interface Finding extends Span {
  /** Stable id, e.g. `PL001`. */
  ruleId: string;
  /** Kebab-case rule name, the public contract (`missing-section`). */
  rule: string;
  severity: Severity;
  message: string;
  /** Guide section id this finding is about, or null. */
  section: string | null;
  related?: RelatedLocation[];
  /** A safe fix: it only inserts text. Applied by `--fix`, fix-all and the preferred quick fix. */
  fix?: Fix;
  /**
   * Fixes that replace some of the user's text (a wrong number in a table
   * cell): offered one by one as quick fixes, never applied in bulk.
   */
  suggestions?: Fix[];
}
