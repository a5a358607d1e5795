/**
 * The planlint command line: a thin shell over the core. Reads files, globs,
 * folders or stdin, prints stylish/json/sarif, applies --fix, and exits 0
 * (clean), 1 (errors, or too many warnings) or 2 (usage, config or I/O error).
 */
import { parseArgs } from 'node:util';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  checkPlan,
  decodeText,
  encodeText,
  roundTrips,
  describeEncoding,
  ioCause,
  isIoError,
  readFileChecked,
  writeFileIfUnchanged,
  findFilesInTree,
  globBase,
  isInside,
  t,
  fixAll,
  resolveConfigFor,
  isProfilePath,
  isPlan,
  PROFILE_IDS,
  ConfigError,
  type ResolvedConfig,
  type Lang,
} from '../core/index.js';
import { toRecord, formatStylish, formatJson, formatSarif, ANSI_COLORS, NO_COLORS, type FileReport } from './format.js';
import { VERSION } from '../core/meta.js';
import { reportMain } from './report.js';
import { checkSplitPlan, findSplitPlan, fixAllSplit, type SplitPlan } from '../core/split.js';
import { LineIndex } from '../core/text.js';
import type { Finding } from '../core/types.js';
import type { ReadResult } from '../core/files.js';

const HELP = `planlint ${VERSION}: check Markdown business plans for AI startups against the guide

Usage: planlint [options] <file|folder|glob ...>
       planlint [options] - --stdin-filename plan.md   (read stdin)
       planlint report <file|folder ...> -o <file|folder>   (an HTML report, see planlint report --help)

Folders and globs are searched for plans (*plan*.md, *计划*.md, bp*.md, or as
planlint.config.json "include" says); files named explicitly are always checked
(with --only-plans, only when they are plans: for hooks that pass every Markdown file).

Options:
  -f, --format <stylish|json|sarif>  output format (default: stylish)
      --fix                          insert missing sections and topic prompts, in place
  -c, --config <file>                use this config instead of the nearest planlint.config.json
      --profile <id|file>            guide profile (${PROFILE_IDS.join(', ')}) or a profile file
      --lang <zh|en>                 language of messages (default: the plan's)
      --quiet                        report errors only
      --only-plans                   skip named files that are not plans (no plan at all is no error)
      --max-warnings <n>             exit 1 when there are more warnings than n
      --stdin-filename <name>        name for text read from stdin
  -o, --output-file <file>           write the report to a file
      --no-color                     plain output
  -h, --help                         show this help
  -v, --version                      show the version

Exit: 0 no errors, 1 errors (or too many warnings), 2 usage, config or I/O error,
or a file that is not UTF-8 (reported one line per file; the other files go on).`;

class UsageError extends Error {}

export interface Io {
  stdout: (s: string | Uint8Array) => void;
  stderr: (s: string) => void;
  /** The bytes read from stdin (a string is taken as already decoded text). */
  readStdin: () => string | Uint8Array;
  isTTY: boolean;
  cwd: string;
  /** Called just before a fixed file is written (tests use it to change the file in between). */
  beforeWrite?: (file: string) => void;
}

const IGNORE = ['**/node_modules/**', '**/.git/**'];

export interface Candidate {
  /** Absolute path as given or found (used for display and config). */
  path: string;
  /** Real path, or undefined when it could not be resolved. */
  real?: string;
  explicit: boolean;
  /** The real tree a fix may write into (explicit files: the cwd, or the file's own folder when outside the cwd). */
  root?: string;
}

/** Expands the command line into files; an input that does not exist is reported through `fail` and skipped. */
export async function expand(inputs: string[], cwd: string, fail: (name: string, cause: string) => void, lang: Lang): Promise<Candidate[]> {
  const out: Candidate[] = [];
  for (const input of inputs) {
    const abs = path.resolve(cwd, input);
    let st: fs.Stats | undefined;
    let err: unknown;
    try {
      st = fs.statSync(abs);
    } catch (e) {
      err = e;
    }
    if (st?.isFile()) {
      const lexRoot = isInside(cwd, abs) ? cwd : path.dirname(abs);
      let real: string | undefined;
      let root: string | undefined;
      try {
        real = fs.realpathSync(abs);
        root = fs.realpathSync(lexRoot);
      } catch {
        // reported when it is read
      }
      out.push({ path: abs, explicit: true, ...(real !== undefined ? { real } : {}), ...(root !== undefined ? { root } : {}) });
    } else if (st?.isDirectory()) {
      for (const f of await findFilesInTree(abs, ['**/*.{md,markdown}'], IGNORE)) out.push({ path: f.path, real: f.real, explicit: false });
    } else if (!st && /[*?{[]/.test(input)) {
      const { base, rest } = globBase(input.split(path.sep).join('/'));
      const root = path.resolve(cwd, base);
      if (!fs.existsSync(root)) continue;
      for (const f of await findFilesInTree(root, [rest], IGNORE)) out.push({ path: f.path, real: f.real, explicit: false });
    } else if (st) fail(input, t(lang, 'io.not-file'));
    else fail(input, ioCause(err, lang));
  }
  // one entry per real file; a file named explicitly wins over the same file found in a folder
  const seen = new Map<string, Candidate>();
  const result: Candidate[] = [];
  for (const c of [...out.filter((c) => c.explicit), ...out.filter((c) => !c.explicit)]) {
    const key = c.real ?? c.path;
    if (seen.has(key)) continue;
    seen.set(key, c);
    result.push(c);
  }
  return result;
}

/**
 * The config of each file: resolved once per folder (plans side by side share their config file, read once), with
 * --profile and --lang applied; its errors are collected once each into `errors`.
 */
export function configResolver(cwd: string, explicitConfig: string | undefined, profile: string | undefined, lang: Lang | undefined, errors: ConfigError[]): (file: string | null) => ResolvedConfig {
  const seen = new Set<string>();
  const byFolder = new Map<string, ResolvedConfig>();
  return (file) => {
    const target = file ?? path.join(cwd, 'stdin.md');
    const folder = path.dirname(path.resolve(target));
    const hit = byFolder.get(folder);
    if (hit) return hit;
    const r = resolveConfigFor(target, explicitConfig);
    for (const e of r.errors) {
      if (!seen.has(e.message)) errors.push(e);
      seen.add(e.message);
    }
    const c = r.config;
    if (profile && isProfilePath(profile)) c.profileFile = { path: path.resolve(cwd, profile), root: null, from: '--profile' };
    else if (profile) {
      c.profile = profile;
      delete c.profileFile;
    }
    if (lang) c.language = lang;
    byFolder.set(folder, c);
    return c;
  };
}

class IoError extends Error {}

export async function main(argv: string[], io: Io): Promise<number> {
  // a plan named "report" is checked as ./report
  if (argv[0] === 'report') return reportMain(argv.slice(1), io);
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
        'only-plans': { type: 'boolean', default: false },
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
    if (o.profile !== undefined && !PROFILE_IDS.includes(o.profile) && !isProfilePath(o.profile)) {
      throw new UsageError(`--profile must be one of ${PROFILE_IDS.join(', ')} or the path of a profile file (.json, .yaml or .yml), got "${o.profile}"`);
    }
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
    const configFor = configResolver(io.cwd, explicitConfig, o.profile, o.lang as Lang | undefined, configErrors);

    const reports: FileReport[] = [];
    const msgLang: Lang = (o.lang as Lang | undefined) ?? 'en';
    let ioFailed = false;
    /** An ordinary I/O or encoding problem: one line on stderr, exit 2 at the end, the other files go on. */
    const fail = (name: string, cause: string) => {
      io.stderr(`planlint: ${name}: ${cause}\n`);
      ioFailed = true;
    };
    const display = (abs: string) => path.relative(io.cwd, abs) || abs;
    const runOne = (file: string, text: string, displayName: string, fix: boolean): { report: FileReport; fixed?: string } => {
      const config = configFor(file);
      const opts = { config, fileName: displayName, ...(file ? { filePath: file } : {}) };
      let fixed: string | undefined;
      let result;
      if (fix) {
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
      const input = io.readStdin();
      let text: string | undefined;
      let bom = false;
      if (typeof input === 'string') text = input;
      else {
        const d = decodeText(input);
        if (!d.ok) fail(name, describeEncoding(d.problem, msgLang));
        else if (!roundTrips(input, d.text, d.bom)) fail(name, t(msgLang, 'file.encoding.round-trip'));
        else ({ text, bom } = d);
      }
      if (text === undefined) {
        // refused: with --fix the input goes out unchanged, so a pipe never loses it
        if (o.fix) io.stdout(input);
      } else {
        const { report, fixed } = runOne(abs, text, name, o.fix!);
        reports.push(report);
        if (o.fix) io.stdout(fixed === undefined ? input : typeof input === 'string' ? fixed : encodeText(fixed, bom));
      }
    } else {
      const candidates = await expand(args.positionals, io.cwd, fail, msgLang);
      let plans = 0;
      // split plans: each is checked (and fixed) once, as one plan, for all its files named or found
      const texts = new Map<string, { text: string; read: ReadResult; bom: boolean } | null>();
      const readText = (file: string) => {
        if (!texts.has(file)) {
          let v: { text: string; read: ReadResult; bom: boolean } | null = null;
          try {
            // a chapter may be a link: read the file behind it (a fix writes there too, inside the plan folder only)
            const read = readFileChecked(fs.realpathSync(file));
            const d = decodeText(read.bytes);
            if (d.ok && roundTrips(read.bytes, d.text, d.bom)) v = { text: d.text, read, bom: d.bom };
          } catch (e) {
            if (!isIoError(e)) throw e;
          }
          texts.set(file, v);
        }
        return texts.get(file)?.text ?? null;
      };
      const runSplit = (split: SplitPlan): Map<string, { findings: Finding[]; lines: LineIndex }> => {
        const key = split.index?.file ?? split.chapters[0]!.file;
        const hit = splitRunsDone.get(key);
        if (hit) return hit;
        const config = configFor(key);
        const opts = { config, fileName: display(key) };
        let result = checkSplitPlan(split, opts);
        if (o.fix) {
          const fixed = fixAllSplit(split, opts);
          for (const f of [...(fixed.split.index ? [fixed.split.index] : []), ...fixed.split.chapters]) {
            const before = texts.get(f.file);
            if (!before || before.text === f.text) continue;
            try {
              // as for a plan in one file: write the real file behind a link (the link stays), only inside the plan's folder
              const real = fs.realpathSync(f.file);
              const root = fs.realpathSync(path.dirname(key));
              if (!isInside(root, real)) {
                fail(display(f.file), t(msgLang, 'file.outside', { target: real, root }));
                continue;
              }
              io.beforeWrite?.(real);
              if (writeFileIfUnchanged(real, before.read.bytes, encodeText(f.text, before.bom), before.read.stat) === 'written') texts.set(f.file, { ...before, text: f.text });
              else fail(display(f.file), t(msgLang, 'file.changed'));
            } catch (e) {
              if (!isIoError(e)) throw e;
              fail(display(f.file), t(msgLang, 'io.write', { cause: ioCause(e, msgLang) }));
            }
          }
          // report the files as they now are
          result = checkSplitPlan({ index: split.index && { ...split.index, text: readText(split.index.file)! }, chapters: split.chapters.map((c) => ({ ...c, text: readText(c.file)! })) }, opts);
        }
        for (const e of result.whole.configErrors) configErrors.push(e);
        const out = new Map<string, { findings: Finding[]; lines: LineIndex }>();
        for (const s of result.segments) out.set(s.file, { findings: result.byFile.get(s.file) ?? [], lines: new LineIndex(s.text) });
        splitRunsDone.set(key, out);
        return out;
      };
      const splitRunsDone = new Map<string, Map<string, { findings: Finding[]; lines: LineIndex }>>();
      for (const c of candidates) {
        const name = display(c.path);
        // a file found in a folder that is not a plan by its name is skipped quietly when it cannot be read
        // a file named on the command line is a plan, unless --only-plans asks it to be one by its name or front matter
        const named = c.explicit && !o['only-plans'];
        const mustReport = () => named || isPlan(c.path, '', configFor(c.path));
        if (c.real === undefined) {
          if (mustReport()) fail(name, t(msgLang, 'io.read', { cause: t(msgLang, 'io.ENOENT') }));
          continue;
        }
        let read: ReadResult;
        try {
          read = readFileChecked(c.real);
        } catch (e) {
          if (!isIoError(e)) throw e;
          if (mustReport()) fail(name, t(msgLang, 'io.read', { cause: ioCause(e, msgLang) }));
          continue;
        }
        const d = decodeText(read.bytes);
        if (!d.ok) {
          if (mustReport()) fail(name, describeEncoding(d.problem, msgLang));
          continue;
        }
        // a file of a split plan (its index or a chapter) is checked as a part of that plan
        texts.set(c.path, roundTrips(read.bytes, d.text, d.bom) ? { text: d.text, read, bom: d.bom } : null);
        const split = findSplitPlan(c.path, configFor(c.path), readText, isInside(io.cwd, c.path) ? io.cwd : path.dirname(c.path));
        if (split && texts.get(c.path)) {
          plans++;
          const mine = runSplit(split).get(c.path);
          if (mine) {
            let findings = mine.findings.map((f) => toRecord(f, mine.lines));
            if (o.quiet) findings = findings.filter((f) => f.severity === 'error');
            reports.push({ file: name, findings });
            continue;
          }
        }
        if (!named && !isPlan(c.path, d.text.slice(0, 64 * 1024), configFor(c.path))) continue;
        plans++;
        if (!roundTrips(read.bytes, d.text, d.bom)) {
          fail(name, t(msgLang, 'file.encoding.round-trip'));
          continue;
        }
        const { report, fixed } = runOne(c.path, d.text, name, o.fix!);
        if (fixed === undefined) {
          reports.push(report);
          continue;
        }
        let written = false;
        if (c.root !== undefined && !isInside(c.root, c.real)) {
          fail(name, t(msgLang, 'file.outside', { target: c.real, root: c.root }));
        } else {
          try {
            io.beforeWrite?.(c.real);
            if (writeFileIfUnchanged(c.real, read.bytes, encodeText(fixed, d.bom), read.stat) === 'written') written = true;
            else fail(name, t(msgLang, 'file.changed'));
          } catch (e) {
            if (!isIoError(e)) throw e;
            fail(name, t(msgLang, 'io.write', { cause: ioCause(e, msgLang) }));
          }
        }
        // a fix that was not written: report the file as it is
        reports.push(written ? report : runOne(c.path, d.text, name, false).report);
      }
      if (!plans && !ioFailed && !o['only-plans']) throw new IoError(`no business plans found in ${args.positionals.join(' ')} (looked for ${configFor(null).include.slice(0, 3).join(', ')} ...)`);
    }

    for (const e of configErrors) io.stderr(`planlint: config error: ${e.message}\n`);

    const color = o['no-color'] ? false : (o.color ?? (io.isTTY && !process.env.NO_COLOR));
    let out: string;
    if (format === 'json') out = formatJson(reports);
    else if (format === 'sarif') out = formatSarif(reports, (f) => f.split(path.sep).join('/'), pathToFileURL(io.cwd + path.sep).href);
    else out = formatStylish(reports, color ? ANSI_COLORS : NO_COLORS);
    const target = useStdin && o.fix ? io.stderr : io.stdout;
    if (o['output-file']) {
      try {
        fs.writeFileSync(path.resolve(io.cwd, o['output-file']), out);
      } catch (e) {
        if (!isIoError(e)) throw e;
        fail(o['output-file'], t(msgLang, 'io.write', { cause: ioCause(e, msgLang) }));
      }
    } else if (out) target(out);

    if (ioFailed) return 2;
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
