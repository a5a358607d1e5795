/**
 * `npm run eval -- <folder>`: scores planlint's findings on a labelled corpus
 * of real plans. The plans are read into a folder outside the repository
 * (`<id>.md`, byte for byte); the labels (`eval/labels/<id>.json`) say what an
 * experienced advisor would and would not flag. See eval/README.md.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { checkPlan, defaultConfig, LineIndex } from '../server/src/core/index.js';

export type Verdict = 'true' | 'false' | 'debatable';

export interface Label {
  rule: string;
  section?: string;
  line?: number;
  endLine?: number;
  verdict: Verdict;
  note?: string;
}

export interface PlanLabels {
  id: string;
  repo?: string;
  path?: string;
  commit?: string;
  language?: string;
  chars?: number;
  shape?: string;
  /** Required areas the plan truly never covers. */
  absent?: string[];
  labels: Label[];
}

export interface EvalFinding {
  rule: string;
  severity: string;
  section: string | null;
  line: number;
  message: string;
}

export type Outcome = Verdict | 'unlabelled';

/** How specific a label is: a line beats a section beats a rule beats `*`. */
function specificity(l: Label): number {
  return (l.rule === '*' ? 0 : 4) + (l.section ? 2 : 0) + (l.line !== undefined ? 1 + 1 / (1 + (l.endLine ?? l.line) - l.line) : 0);
}

export function matches(l: Label, f: EvalFinding): boolean {
  if (l.rule !== '*' && l.rule !== f.rule) return false;
  if (l.section && l.section !== f.section) return false;
  if (l.line !== undefined && (f.line < l.line || f.line > (l.endLine ?? l.line))) return false;
  return true;
}

/** The most specific label a finding matches, or none. */
export function labelFor(labels: readonly Label[], f: EvalFinding): Label | null {
  let best: Label | null = null;
  for (const l of labels) if (matches(l, f) && (!best || specificity(l) > specificity(best))) best = l;
  return best;
}

export interface Tally {
  findings: number;
  true: number;
  false: number;
  debatable: number;
  unlabelled: number;
  /** `true` labels of this rule, and how many a finding matched. */
  expected: number;
  found: number;
}

const empty = (): Tally => ({ findings: 0, true: 0, false: 0, debatable: 0, unlabelled: 0, expected: 0, found: 0 });

export interface PlanScore {
  id: string;
  findings: Array<EvalFinding & { outcome: Outcome; label: Label | null }>;
  missed: Label[];
  /** Each truly absent required area: reported by a finding the founder sees (information or above), and reported as an error or warning. */
  absent: Array<{ section: string; reported: boolean; loud: boolean }>;
}

/** Scores one plan's findings against its labels. */
export function scorePlan(labels: PlanLabels, findings: readonly EvalFinding[]): PlanScore {
  const scored = findings.map((f) => {
    const label = labelFor(labels.labels, f);
    return { ...f, label, outcome: (label ? label.verdict : 'unlabelled') as Outcome };
  });
  const missed = labels.labels.filter((l) => l.verdict === 'true' && l.rule !== '*' && !scored.some((f) => f.label === l));
  const about = (section: string) => findings.filter((f) => f.section === section && (f.rule === 'missing-section' || f.rule === 'buried-section') && f.severity !== 'hint');
  const absent = (labels.absent ?? []).map((section) => ({
    section,
    reported: about(section).length > 0,
    loud: about(section).some((f) => f.severity === 'error' || f.severity === 'warning'),
  }));
  return { id: labels.id, findings: scored, missed, absent };
}

export function tallies(
  scores: readonly PlanScore[],
  labelSets: readonly PlanLabels[],
): { byRule: Map<string, Tally>; bySeverity: Map<string, Tally>; blocking: Map<string, Tally> } {
  const byRule = new Map<string, Tally>();
  const bySeverity = new Map<string, Tally>();
  /** Findings a founder cannot overlook (errors and warnings), by rule and severity: the ones the targets are about. */
  const blocking = new Map<string, Tally>();
  const get = (m: Map<string, Tally>, k: string) => m.get(k) ?? (m.set(k, empty()), m.get(k)!);
  for (const s of scores) {
    for (const f of s.findings) {
      const counted = [get(byRule, f.rule), get(bySeverity, f.severity)];
      if (f.severity === 'error' || f.severity === 'warning') counted.push(get(blocking, `${f.rule} (${f.severity})`));
      for (const t of counted) {
        t.findings++;
        t[f.outcome === 'unlabelled' ? 'unlabelled' : f.outcome]++;
      }
    }
    const labels = labelSets.find((l) => l.id === s.id)!;
    for (const l of labels.labels) {
      if (l.verdict !== 'true' || l.rule === '*') continue;
      const t = get(byRule, l.rule);
      t.expected++;
      if (!s.missed.includes(l)) t.found++;
    }
  }
  return { byRule, bySeverity, blocking };
}

export const precision = (t: Tally): number | null => (t.true + t.false + t.debatable ? t.true / (t.true + t.false + t.debatable) : null);
export const strictPrecision = (t: Tally): number | null => (t.findings ? t.true / t.findings : null);

function pct(x: number | null): string {
  return x === null ? '–' : `${Math.round(x * 100)} %`;
}

export function table(title: string, m: Map<string, Tally>, withRecall: boolean): string {
  const head = ['findings', 'true', 'false', 'debatable', 'unlabelled', 'precision', 'strict', ...(withRecall ? ['recall'] : [])];
  const rows = [...m.entries()].sort((a, b) => b[1].findings - a[1].findings || a[0].localeCompare(b[0]));
  const out = [`| ${title} | ${head.join(' | ')} |`, `|---|${head.map(() => '--:').join('|')}|`];
  for (const [k, t] of rows) {
    const cells = [t.findings, t.true, t.false, t.debatable, t.unlabelled, pct(precision(t)), pct(strictPrecision(t))];
    if (withRecall) cells.push(t.expected ? `${t.found}/${t.expected}` : '–');
    out.push(`| ${k} | ${cells.join(' | ')} |`);
  }
  return out.join('\n');
}

function findingsInProcess(text: string, file: string): EvalFinding[] {
  const r = checkPlan(text, { config: defaultConfig(), fileName: file });
  const index = new LineIndex(text);
  return r.findings.map((f) => ({ rule: f.rule, severity: f.severity, section: f.section, line: index.positionAt(f.start).line + 1, message: f.message }));
}

function findingsByCli(cli: string, file: string): EvalFinding[] {
  // a temporary folder, so that no planlint.config.json of a repository applies
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'planlint-eval-'));
  try {
    const copy = path.join(dir, path.basename(file));
    fs.copyFileSync(file, copy);
    let out: string;
    try {
      out = execFileSync(process.execPath, [cli, '--format', 'json', copy], { cwd: dir, encoding: 'utf8', maxBuffer: 64 << 20 });
    } catch (e) {
      const err = e as { status?: number; stdout?: string };
      if (err.status !== 1 || !err.stdout) throw e;
      out = err.stdout;
    }
    const records = JSON.parse(out) as Array<{ findings: Array<{ rule: string; severity: string; section: string | null; line: number; message: string }> }>;
    return records.flatMap((r) => r.findings.map((f) => ({ rule: f.rule, severity: f.severity, section: f.section, line: f.line, message: f.message })));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const HELP = `usage: npm run eval -- <plans folder> [options]

  --labels DIR   a folder of <id>.json labels (repeatable; default eval/labels)
  --cli PATH     score another build's dist/cli.cjs instead of this build's core
  --json         print the scores as JSON
  --show KIND    list findings behind the table: false | debatable | unlabelled | missed | all
  --rule NAME    only this rule in the listing
  --help         this text
`;

export function main(argv: string[]): number {
  const args = { plans: '', labels: [] as string[], cli: '', json: false, show: '', rule: '' };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--help' || a === '-h') {
      process.stdout.write(HELP);
      return 0;
    } else if (a === '--labels') args.labels.push(argv[++i] ?? '');
    else if (a === '--cli') args.cli = argv[++i] ?? '';
    else if (a === '--json') args.json = true;
    else if (a === '--show') args.show = argv[++i] ?? '';
    else if (a === '--rule') args.rule = argv[++i] ?? '';
    else if (a.startsWith('-')) {
      process.stderr.write(`unknown option ${a}\n${HELP}`);
      return 2;
    } else args.plans = a;
  }
  if (!args.plans) {
    process.stderr.write(HELP);
    return 2;
  }
  const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
  if (!args.labels.length) args.labels.push(path.join(repo, 'eval', 'labels'));
  const labelSets: PlanLabels[] = [];
  for (const dir of args.labels) {
    for (const f of fs.readdirSync(dir).filter((n) => n.endsWith('.json')).sort()) labelSets.push(JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as PlanLabels);
  }
  const scores: PlanScore[] = [];
  const used: PlanLabels[] = [];
  for (const labels of labelSets) {
    const file = path.join(args.plans, `${labels.id}.md`);
    if (!fs.existsSync(file)) {
      process.stderr.write(`warning: no plan ${labels.id}.md in ${args.plans}: skipped\n`);
      continue;
    }
    const text = fs.readFileSync(file, 'utf8');
    // `chars` counts code points (an emoji is one), as the corpus lists them
    const chars = [...text].length;
    if (labels.chars !== undefined && chars !== labels.chars) process.stderr.write(`warning: ${labels.id}.md has ${chars} characters, the labels say ${labels.chars}\n`);
    const findings = args.cli ? findingsByCli(path.resolve(args.cli), file) : findingsInProcess(text, file);
    scores.push(scorePlan(labels, findings));
    used.push(labels);
  }
  const { byRule, bySeverity, blocking } = tallies(scores, used);
  const absent = scores.flatMap((s) => s.absent);
  if (args.json) {
    process.stdout.write(JSON.stringify({ plans: scores.length, byRule: Object.fromEntries(byRule), bySeverity: Object.fromEntries(bySeverity), blocking: Object.fromEntries(blocking), absent: { reported: absent.filter((a) => a.reported).length, loud: absent.filter((a) => a.loud).length, all: absent.length } }, null, 2) + '\n');
    return 0;
  }
  const lines = [`${scores.length} plans, ${scores.reduce((n, s) => n + s.findings.length, 0)} findings`, '', table('severity', bySeverity, false), '', table('rule', byRule, true), '', table('errors and warnings', blocking, false), ''];
  lines.push(`absent required areas reported: ${absent.filter((a) => a.reported).length}/${absent.length} (as an error or warning: ${absent.filter((a) => a.loud).length})`);
  for (const s of scores) for (const a of s.absent) if (!a.reported) lines.push(`  not reported: ${s.id} ${a.section}`);
  if (args.show) {
    lines.push('');
    for (const s of scores) {
      const listed = args.show === 'missed' ? [] : s.findings.filter((f) => (args.show === 'all' || f.outcome === args.show) && (!args.rule || f.rule === args.rule));
      for (const f of listed) lines.push(`${s.id}.md:${f.line} ${f.severity} ${f.rule}${f.section ? `:${f.section}` : ''} [${f.outcome}] ${f.message}${f.label?.note ? `\n    label: ${f.label.note}` : ''}`);
      if (args.show === 'missed' || args.show === 'all')
        for (const l of s.missed) if (!args.rule || l.rule === args.rule) lines.push(`${s.id}.md:${l.line ?? '-'} MISSED ${l.rule}${l.section ? `:${l.section}` : ''} ${l.note ?? ''}`);
    }
  }
  process.stdout.write(lines.join('\n') + '\n');
  return 0;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) process.exitCode = main(process.argv.slice(2));
