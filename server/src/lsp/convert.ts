/** Core values (UTF-16 offsets) to LSP values (line/character), and back. */
import {
  DiagnosticSeverity,
  type Diagnostic,
  type DiagnosticRelatedInformation,
  type Range,
  type TextEdit as LspTextEdit,
} from 'vscode-languageserver';
import { LineIndex, type Finding, type Severity, type TextEdit } from '../core/index.js';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ruleDocUrl } from '../core/meta.js';

export const SOURCE = 'planlint';

export function toRange(lines: LineIndex, start: number, end: number): Range {
  return { start: lines.positionAt(start), end: lines.positionAt(end) };
}

export function toLspEdits(lines: LineIndex, edits: readonly TextEdit[]): LspTextEdit[] {
  return edits.map((e) => ({ range: toRange(lines, e.start, e.end), newText: e.newText }));
}

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function toLspSeverity(s: Severity): DiagnosticSeverity {
  return SEVERITY[s];
}

/** What a code action needs, kept on the diagnostic (`data`). */
export interface DiagnosticData {
  rule: string;
  ruleId: string;
  section: string | null;
  /** Document version the finding (and its fix) was computed on. */
  version: number | null;
  fix?: { title: string; edits: LspTextEdit[] };
}

/**
 * Where a rule's documentation is: the copy shipped beside the server (docs/rules/<rule>.md next to dist/,
 * as in the .vsix: opens offline), else the project's web page.
 */
let shippedDocs: string | null | undefined;
export function docUrl(rule: string): string {
  if (shippedDocs === undefined) {
    shippedDocs = null;
    try {
      const dir = new URL('../docs/rules/', import.meta.url);
      if (dir.protocol === 'file:' && existsSync(fileURLToPath(new URL('missing-section.md', dir)))) shippedDocs = dir.href;
    } catch {
      // no file location (a bundle without one): the web page
    }
  }
  return shippedDocs ? new URL(`${rule}.md`, shippedDocs).href : ruleDocUrl(rule);
}

export function toDiagnostic(f: Finding, lines: LineIndex, uri: string, version: number | null): Diagnostic {
  const related: DiagnosticRelatedInformation[] | undefined = f.related?.map((r) => ({
    location: { uri, range: toRange(lines, r.start, r.end) },
    message: r.message,
  }));
  const data: DiagnosticData = {
    rule: f.rule,
    ruleId: f.ruleId,
    section: f.section,
    version,
    ...(f.fix ? { fix: { title: f.fix.title, edits: toLspEdits(lines, f.fix.edits) } } : {}),
  };
  return {
    range: toRange(lines, f.start, f.end),
    severity: toLspSeverity(f.severity),
    source: SOURCE,
    code: f.rule,
    codeDescription: { href: docUrl(f.rule) },
    message: f.message,
    ...(related?.length ? { relatedInformation: related } : {}),
    data,
  };
}

/** One replacement covering what differs between two texts (common prefix and suffix kept). */
export function minimalEdit(before: string, after: string): TextEdit | null {
  if (before === after) return null;
  let start = 0;
  const max = Math.min(before.length, after.length);
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  // do not split a surrogate pair
  if (start > 0 && isHighSurrogate(before.charCodeAt(start - 1))) start--;
  let endB = before.length;
  let endA = after.length;
  while (endB > start && endA > start && before.charCodeAt(endB - 1) === after.charCodeAt(endA - 1)) {
    endB--;
    endA--;
  }
  if (endB < before.length && isLowSurrogate(before.charCodeAt(endB))) {
    endB++;
    endA++;
  }
  return { start, end: endB, newText: after.slice(start, endA) };
}

function isHighSurrogate(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}
function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}
