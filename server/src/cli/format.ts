/**
 * Findings as the outside world sees them: 1-based line/column records (JSON),
 * ESLint-style "stylish" text, and SARIF 2.1.0. Columns count UTF-16 code
 * units, as editors and SARIF's default columnKind do.
 */
import type { LineIndex } from '../core/text.js';
import type { Finding, Severity } from '../core/types.js';
import { RULES } from '../core/rules/index.js';
import { NAME, VERSION, HOMEPAGE, ruleDocUrl } from '../core/meta.js';

export interface FindingRecord {
  rule: string;
  severity: Severity;
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  section: string | null;
  fixable: boolean;
  related?: { message: string; line: number; column: number; endLine: number; endColumn: number }[];
}

export interface FileReport {
  file: string;
  findings: FindingRecord[];
}

function lc(lines: LineIndex, start: number, end: number) {
  const s = lines.positionAt(start);
  const e = lines.positionAt(end);
  // a byte order mark is not a column: editors do not show it (nor count it, like ESLint)
  const bom = lines.text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const col = (p: { line: number; character: number }) => (p.line === 0 ? Math.max(0, p.character - bom) : p.character) + 1;
  return { line: s.line + 1, column: col(s), endLine: e.line + 1, endColumn: col(e) };
}

export function toRecord(f: Finding, lines: LineIndex): FindingRecord {
  return {
    rule: f.rule,
    severity: f.severity,
    message: f.message,
    ...lc(lines, f.start, f.end),
    section: f.section,
    fixable: Boolean(f.fix),
    ...(f.related ? { related: f.related.map((r) => ({ message: r.message, ...lc(lines, r.start, r.end) })) } : {}),
  };
}

export interface Colors {
  red(s: string): string;
  yellow(s: string): string;
  dim(s: string): string;
  underline(s: string): string;
  bold(s: string): string;
}
const plain = (s: string) => s;
export const NO_COLORS: Colors = { red: plain, yellow: plain, dim: plain, underline: plain, bold: plain };
export const ANSI_COLORS: Colors = {
  red: (s) => `\x1b[31m${s}\x1b[39m`,
  yellow: (s) => `\x1b[33m${s}\x1b[39m`,
  dim: (s) => `\x1b[2m${s}\x1b[22m`,
  underline: (s) => `\x1b[4m${s}\x1b[24m`,
  bold: (s) => `\x1b[1m${s}\x1b[22m`,
};

/** Display width of a string in a terminal (CJK and full-width characters take two cells). */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u3000-\u303F\uFF00-\uFF60\uFFE0-\uFFE6]/u.test(ch) ? 2 : 1;
  return w;
}
const MAX_MESSAGE_COLUMN = 72;
const pad = (s: string, n: number) => s + ' '.repeat(Math.max(0, n - displayWidth(s)));

export function formatStylish(reports: FileReport[], c: Colors = NO_COLORS): string {
  let out = '';
  let errors = 0;
  let warnings = 0;
  let infos = 0;
  let hints = 0;
  let fixErr = 0;
  let fixWarn = 0;
  for (const r of reports) {
    if (!r.findings.length) continue;
    out += `\n${c.underline(r.file)}\n`;
    const pos = r.findings.map((f) => `${f.line}:${f.column}`);
    const sev = r.findings.map((f) => f.severity);
    // align rule names, but a long message does not push every line's rule name off screen
    const msgW = Math.min(MAX_MESSAGE_COLUMN, Math.max(...r.findings.map((f) => displayWidth(f.message))));
    const posW = Math.max(...pos.map((p) => p.length));
    r.findings.forEach((f, i) => {
      const s = f.severity === 'error' ? c.red('error  ') : f.severity === 'warning' ? c.yellow('warning') : c.dim(pad(f.severity, 7));
      out += `  ${c.dim(pos[i]!.padEnd(posW))}  ${s}  ${pad(f.message, msgW)}  ${c.dim(f.rule)}\n`;
      if (sev[i] === 'error') {
        errors++;
        if (f.fixable) fixErr++;
      } else if (sev[i] === 'warning') {
        warnings++;
        if (f.fixable) fixWarn++;
      } else if (sev[i] === 'hint') hints++;
      else infos++;
    });
  }
  const total = errors + warnings + infos + hints;
  if (!total) return '';
  const paint = errors ? c.red : c.yellow;
  out += `\n${paint(c.bold(`✖ ${total} problem${total === 1 ? '' : 's'} (${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}${infos ? `, ${infos} info` : ''}${hints ? `, ${hints} hint${hints === 1 ? '' : 's'}` : ''})`))}\n`;
  if (fixErr || fixWarn) out += paint(c.bold(`  ${fixErr} error${fixErr === 1 ? '' : 's'} and ${fixWarn} warning${fixWarn === 1 ? '' : 's'} potentially fixable with the \`--fix\` option.`)) + '\n';
  return out;
}

export function formatJson(reports: FileReport[]): string {
  return JSON.stringify(reports, null, 2) + '\n';
}

const SARIF_LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };

/** SARIF 2.1.0 log; `uri` maps a report's file to a URI relative to the source root. */
export function formatSarif(reports: FileReport[], uri: (file: string) => string = (f) => f, srcRootUri = 'file:///'): string {
  const rules = RULES.map((r) => ({
    id: r.name,
    name: r.name
      .split('-')
      .map((w) => w[0]!.toUpperCase() + w.slice(1))
      .join(''),
    shortDescription: { text: r.description.en },
    fullDescription: { text: r.docs.details.en },
    helpUri: ruleDocUrl(r.name),
    help: { text: r.docs.details.en, markdown: `${r.docs.details.en}\n\n[Documentation](${ruleDocUrl(r.name)})` },
    defaultConfiguration: { enabled: r.defaultSeverity !== 'off', level: r.defaultSeverity === 'off' ? 'none' : SARIF_LEVEL[r.defaultSeverity] },
    properties: { planlintId: r.id, fixable: r.fixable, hasSuggestions: Boolean(r.hasSuggestions) },
  }));
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const region = (x: { line: number; column: number; endLine: number; endColumn: number }) => ({ startLine: x.line, startColumn: x.column, endLine: x.endLine, endColumn: x.endColumn });
  const results = reports.flatMap((r) =>
    r.findings.map((f) => ({
      ruleId: f.rule,
      ruleIndex: index.get(f.rule) ?? -1,
      level: SARIF_LEVEL[f.severity],
      message: { text: f.message },
      locations: [{ physicalLocation: { artifactLocation: { uri: uri(r.file), uriBaseId: '%SRCROOT%' }, region: region(f) } }],
      ...(f.related
        ? { relatedLocations: f.related.map((x, i) => ({ id: i + 1, message: { text: x.message }, physicalLocation: { artifactLocation: { uri: uri(r.file), uriBaseId: '%SRCROOT%' }, region: region(x) } })) }
        : {}),
      ...(f.section ? { properties: { section: f.section } } : {}),
    })),
  );
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: NAME, version: VERSION, semanticVersion: VERSION, informationUri: HOMEPAGE, rules } },
        columnKind: 'utf16CodeUnits',
        originalUriBaseIds: { '%SRCROOT%': { uri: srcRootUri } },
        artifacts: reports.map((r) => ({ location: { uri: uri(r.file), uriBaseId: '%SRCROOT%' } })),
        results,
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}
