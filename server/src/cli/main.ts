/**
 * The planlint command line: a thin shell over the core. Reads files, globs,
 * folders or stdin, prints stylish/json/sarif, applies --fix, and exits 0
 * (clean), 1 (errors, or too many warnings) or 2 (usage, config or I/O error).
 */
import { parseArgs } from 'node:util';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { glob } from 'tinyglobby';
import {
  checkPlan,
  fixAll,
  resolveConfigFor,
  isPlan,
  PROFILE_IDS,
  ConfigError,
  type ResolvedConfig,
  type Lang,
} from '../core/index.js';
import { toRecord, formatStylish, formatJson, formatSarif, ANSI_COLORS, NO_COLORS, type FileReport } from '../core/report.js';
import { VERSION } from '../core/meta.js';

const HELP = `planlint ${VERSION}: check Markdown business plans for AI startups against the guide

Usage: planlint [options] <file|folder|glob ...>
       planlint [options] - --stdin-filename plan.md   (read stdin)

Folders and globs are searched for plans (*plan*.md, *计划*.md, bp*.md, or as
planlint.config.json "include" says); files named explicitly are always checked.

Options:
  -f, --format <stylish|json|sarif>  output format (default: stylish)
      --fix                          insert missing sections and topic prompts, in place
  -c, --config <file>                use this config instead of the nearest planlint.config.json
      --profile <id>                 guide profile (${PROFILE_IDS.join(', ')})
      --lang <zh|en>                 language of messages (default: the plan's)
      --quiet                        report errors only
      --max-warnings <n>             exit 1 when there are more warnings than n
      --stdin-filename <name>        name for text read from stdin
  -o, --output-file <file>           write the report to a file
      --no-color                     plain output
  -h, --help                         show this help
  -v, --version                      show the version

Exit: 0 no errors, 1 errors (or too many warnings), 2 usage, config or I/O error.`;

class UsageError extends Error {}

interface Io {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  readStdin: () => string;
  isTTY: boolean;
  cwd: string;
}

async function expand(inputs: string[], cwd: string): Promise<{ explicit: string[]; discovered: string[] }> {
  const explicit: string[] = [];
  const patterns: string[] = [];
  for (const input of inputs) {
    const abs = path.resolve(cwd, input);
    let st: fs.Stats | undefined;
    try {
      st = fs.statSync(abs);
    } catch {
      st = undefined;
    }
    if (st?.isFile()) explicit.push(abs);
    else if (st?.isDirectory()) patterns.push(path.posix.join(path.relative(cwd, abs).split(path.sep).join('/') || '.', '**/*.{md,markdown}'));
    else if (/[*?{[]/.test(input)) patterns.push(input);
    else throw new IoError(`${input}: no such file or folder`);
  }
  const discovered = patterns.length
    ? (await glob(patterns, { cwd, absolute: true, ignore: ['**/node_modules/**', '**/.git/**'], expandDirectories: false })).sort()
    : [];
  return { explicit, discovered };
}

class IoError extends Error {}

export async function main(argv: string[], io: Io): Promise<number> {
  let args;
  try {
    args = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        format: { type: 'string', short: 'f', default: 'stylish' },
        fix: { type: 'boolean', default: false },
        config: { type: 'string', short: 'c' },
        profile: { type: 'string' },
        lang: { type: 'string' },
        quiet: { type: 'boolean', default: false },
        'max-warnings': { type: 'string' },
        'stdin-filename': { type: 'string' },
        'output-file': { type: 'string', short: 'o' },
        color: { type: 'boolean' },
        'no-color': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    });
  } catch (e) {
    io.stderr(`planlint: ${(e as Error).message}\nRun "planlint --help" for usage.\n`);
    return 2;
  }
  const o = args.values;
  if (o.help) {
    io.stdout(HELP + '\n');
    return 0;
  }
  if (o.version) {
    io.stdout(VERSION + '\n');
    return 0;
  }
  try {
    const format = o.format!;
    if (!['stylish', 'json', 'sarif'].includes(format)) throw new UsageError(`--format must be stylish, json or sarif, got "${format}"`);
    if (o.lang !== undefined && o.lang !== 'zh' && o.lang !== 'en') throw new UsageError(`--lang must be zh or en, got "${o.lang}"`);
    if (o.profile !== undefined && !PROFILE_IDS.includes(o.profile)) throw new UsageError(`--profile must be one of ${PROFILE_IDS.join(', ')}, got "${o.profile}"`);
    let maxWarnings = -1;
    if (o['max-warnings'] !== undefined) {
      if (!/^\d+$/.test(o['max-warnings'])) throw new UsageError(`--max-warnings must be a whole number, got "${o['max-warnings']}"`);
      maxWarnings = Number(o['max-warnings']);
    }
    if (!args.positionals.length) throw new UsageError('no files given');
    const useStdin = args.positionals.includes('-');
    if (useStdin && args.positionals.length > 1) throw new UsageError('"-" (stdin) cannot be combined with other paths');
    const explicitConfig = o.config ? path.resolve(io.cwd, o.config) : undefined;
    if (explicitConfig && !fs.existsSync(explicitConfig)) throw new IoError(`${o.config}: config file not found`);

    const configErrors: ConfigError[] = [];
    const seenConfigErrors = new Set<string>();
    // one resolution per folder: plans side by side share their config file, read once
    const byFolder = new Map<string, ResolvedConfig>();
    const configFor = (file: string | null): ResolvedConfig => {
      const target = file ?? path.join(io.cwd, 'stdin.md');
      const folder = path.dirname(path.resolve(target));
      const hit = byFolder.get(folder);
      if (hit) return hit;
      const r = resolveConfigFor(target, explicitConfig);
      for (const e of r.errors) {
        if (!seenConfigErrors.has(e.message)) configErrors.push(e);
        seenConfigErrors.add(e.message);
      }
      const c = r.config;
      if (o.profile) c.profile = o.profile;
      if (o.lang) c.language = o.lang as Lang;
      byFolder.set(folder, c);
      return c;
    };

    const reports: FileReport[] = [];
    const display = (abs: string) => path.relative(io.cwd, abs) || abs;
    const runOne = (file: string, text: string, displayName: string): { report: FileReport; fixed?: string } => {
      const config = configFor(file);
      const opts = { config, fileName: displayName };
      let fixed: string | undefined;
      let result;
      if (o.fix) {
        const r = fixAll(text, opts);
        result = r.result;
        if (r.text !== text) fixed = r.text;
      } else result = checkPlan(text, opts);
      for (const e of result.configErrors) configErrors.push(e);
      let findings = result.findings.map((f) => toRecord(f, result.plan.lines));
      if (o.quiet) findings = findings.filter((f) => f.severity === 'error');
      return { report: { file: displayName, findings }, ...(fixed !== undefined ? { fixed } : {}) };
    };

    if (useStdin) {
      const name = o['stdin-filename'] ?? '<stdin>';
      const abs = path.resolve(io.cwd, o['stdin-filename'] ?? 'stdin.md');
      const { report, fixed } = runOne(abs, io.readStdin(), name);
      reports.push(report);
      if (o.fix) io.stdout(fixed ?? io.readStdin());
    } else {
      const { explicit, discovered } = await expand(args.positionals, io.cwd);
      const files = [...new Set([...explicit, ...discovered.filter((f) => !explicit.includes(f))])];
      const plans = files.filter((f) => {
        if (explicit.includes(f)) return true;
        try {
          return isPlan(f, fs.readFileSync(f, 'utf8').slice(0, 64 * 1024), configFor(f));
        } catch {
          return false;
        }
      });
      if (!plans.length) throw new IoError(`no business plans found in ${args.positionals.join(' ')} (looked for ${configFor(null).include.slice(0, 3).join(', ')} ...)`);
      for (const f of plans) {
        let text: string;
        try {
          text = fs.readFileSync(f, 'utf8');
        } catch (e) {
          throw new IoError(`${display(f)}: cannot be read (${(e as NodeJS.ErrnoException).code ?? e})`);
        }
        const { report, fixed } = runOne(f, text, display(f));
        if (fixed !== undefined) fs.writeFileSync(f, fixed);
        reports.push(report);
      }
    }

    for (const e of configErrors) io.stderr(`planlint: config error: ${e.message}\n`);

    const color = o['no-color'] ? false : (o.color ?? (io.isTTY && !process.env.NO_COLOR));
    let out: string;
    if (format === 'json') out = formatJson(reports);
    else if (format === 'sarif') out = formatSarif(reports, (f) => f.split(path.sep).join('/'), pathToFileURL(io.cwd + path.sep).href);
    else out = formatStylish(reports, color ? ANSI_COLORS : NO_COLORS);
    const target = useStdin && o.fix ? io.stderr : io.stdout;
    if (o['output-file']) fs.writeFileSync(path.resolve(io.cwd, o['output-file']), out);
    else if (out) target(out);

    if (configErrors.length) return 2;
    const all = reports.flatMap((r) => r.findings);
    const errors = all.filter((f) => f.severity === 'error').length;
    const warnings = all.filter((f) => f.severity === 'warning').length;
    if (errors) return 1;
    if (maxWarnings >= 0 && warnings > maxWarnings) {
      io.stderr(`planlint: ${warnings} warnings, more than --max-warnings ${maxWarnings}\n`);
      return 1;
    }
    return 0;
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`planlint: ${e.message}\nRun "planlint --help" for usage.\n`);
      return 2;
    }
    if (e instanceof IoError) {
      io.stderr(`planlint: ${e.message}\n`);
      return 2;
    }
    io.stderr(`planlint: internal error: ${(e as Error).stack ?? e}\n`);
    return 2;
  }
}
