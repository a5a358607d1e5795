/**
 * `planlint report`: the plan report as HTML files. Finds and checks the plans as the check does, renders each
 * with the core's report-html.ts and writes the pages: one plan to a file (or stdout), a folder or several plans
 * to a folder with an index page.
 */
import { parseArgs } from 'node:util';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  checkPlan,
  decodeText,
  describeEncoding,
  ioCause,
  isIoError,
  readFileChecked,
  isInside,
  isPlan,
  isProfilePath,
  t,
  PROFILE_IDS,
  LineIndex,
  type CheckResult,
  type ConfigError,
  type Lang,
} from '../core/index.js';
import { checkSplitPlan, fileOffset, findSplitPlan } from '../core/split.js';
import { placeIn, planSummary, renderPlanReport, renderReportIndex, type Place, type PlanSummary } from '../core/report-html.js';
import { VERSION } from '../core/meta.js';
import { configResolver, expand, type Io } from './main.js';

export const REPORT_HELP = `planlint ${VERSION} report: where each plan stands against its guide profile, as HTML

Usage: planlint report [options] <file> [-o report.html]     (stdout without -o)
       planlint report [options] <folder|glob|file ...> -o <folder>

One plan named as a file gives one page. A folder, a glob or several files give
a folder: one page per plan and index.html, a table of them all. The pages are
self-contained (no script, no network) and print to PDF.

Options:
  -o, --output-file <file|folder>    where to write the report
  -c, --config <file>                use this config instead of the nearest planlint.config.json
      --profile <id|file>            guide profile (${PROFILE_IDS.join(', ')}) or a profile file
      --lang <zh|en>                 language of the report (default: each plan's)
  -h, --help                         show this help

Exit: 0 report written, 2 usage, config or I/O error (the other plans are still reported).`;

class UsageError extends Error {}

interface Checked {
  /** Shown name: the path relative to where planlint ran (the index's, for a plan split across files). */
  name: string;
  /** Absolute path (of the index, for a split plan). */
  abs: string;
  result: CheckResult;
  locate?: (offset: number) => Place;
}

/** A file name for a plan's page: its shown path, folders joined by `__`, characters that no file system takes replaced. */
export function pageName(shown: string, taken: Set<string>): string {
  let base = '';
  const stem = shown.replace(/\.(md|markdown)$/i, '');
  for (const ch of stem) {
    const c = ch.codePointAt(0)!;
    if (ch === '/' || ch === '\\') base += '__';
    else if (c < 32 || '<>:"|?*#%&'.includes(ch)) base += '_';
    else base += ch;
  }
  base = base.replace(/^[.\s]+/, '') || 'plan';
  if (base.length > 120) base = base.slice(0, 120);
  let name = `${base}.html`;
  for (let i = 2; taken.has(name.toLowerCase()) || name.toLowerCase() === 'index.html'; i++) name = `${base}-${i}.html`;
  taken.add(name.toLowerCase());
  return name;
}

export async function reportMain(argv: string[], io: Io): Promise<number> {
  let args;
  try {
    args = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        config: { type: 'string', short: 'c' },
        profile: { type: 'string' },
        lang: { type: 'string' },
        'output-file': { type: 'string', short: 'o' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (e) {
    io.stderr(`planlint report: ${(e as Error).message}\nRun "planlint report --help" for usage.\n`);
    return 2;
  }
  const o = args.values;
  if (o.help) {
    io.stdout(REPORT_HELP + '\n');
    return 0;
  }
  let failed = false;
  const msgLang: Lang = (o.lang as Lang | undefined) ?? 'en';
  const fail = (name: string, cause: string) => {
    io.stderr(`planlint: ${name}: ${cause}\n`);
    failed = true;
  };
  try {
    if (o.lang !== undefined && o.lang !== 'zh' && o.lang !== 'en') throw new UsageError(`--lang must be zh or en, got "${o.lang}"`);
    if (o.profile !== undefined && !PROFILE_IDS.includes(o.profile) && !isProfilePath(o.profile)) {
      throw new UsageError(`--profile must be one of ${PROFILE_IDS.join(', ')} or the path of a profile file (.json, .yaml or .yml), got "${o.profile}"`);
    }
    if (!args.positionals.length) throw new UsageError('no files given');
    if (args.positionals.includes('-')) throw new UsageError('"-" (stdin) is not supported by report; name the plan files');
    const explicitConfig = o.config ? path.resolve(io.cwd, o.config) : undefined;
    if (explicitConfig && !fs.existsSync(explicitConfig)) {
      io.stderr(`planlint: ${o.config}: config file not found\n`);
      return 2;
    }
    const configErrors: ConfigError[] = [];
    const configFor = configResolver(io.cwd, explicitConfig, o.profile, o.lang as Lang | undefined, configErrors);
    const display = (abs: string) => path.relative(io.cwd, abs) || abs;

    const candidates = await expand(args.positionals, io.cwd, fail, msgLang);
    const texts = new Map<string, string | null>();
    const readText = (file: string): string | null => {
      if (!texts.has(file)) {
        let v: string | null = null;
        try {
          const d = decodeText(readFileChecked(file).bytes);
          if (d.ok) v = d.text;
        } catch (e) {
          if (!isIoError(e)) throw e;
        }
        texts.set(file, v);
      }
      return texts.get(file) ?? null;
    };
    const checked: Checked[] = [];
    const splitsDone = new Set<string>();
    for (const c of candidates) {
      const name = display(c.path);
      const mustReport = () => c.explicit || isPlan(c.path, '', configFor(c.path));
      let text: string;
      try {
        const d = decodeText(readFileChecked(c.real ?? c.path).bytes);
        if (!d.ok) {
          if (mustReport()) fail(name, describeEncoding(d.problem, msgLang));
          continue;
        }
        text = d.text;
      } catch (e) {
        if (!isIoError(e)) throw e;
        if (mustReport()) fail(name, t(msgLang, 'io.read', { cause: ioCause(e, msgLang) }));
        continue;
      }
      texts.set(c.path, text);
      // a file of a split plan is reported as that whole plan, once, under its index (or first chapter)
      const split = findSplitPlan(c.path, configFor(c.path), readText, isInside(io.cwd, c.path) ? io.cwd : path.dirname(c.path));
      if (split) {
        const key = split.index?.file ?? split.chapters[0]!.file;
        if (splitsDone.has(key)) continue;
        splitsDone.add(key);
        const r = checkSplitPlan(split, { config: configFor(key), fileName: display(key) });
        configErrors.push(...r.whole.configErrors);
        const lines = new Map<string, LineIndex>();
        const locate = (offset: number): Place => {
          const at = fileOffset(r, offset);
          let li = lines.get(at.file);
          if (!li) lines.set(at.file, (li = new LineIndex(at.text)));
          return placeIn(at.text, li.starts, at.offset, display(at.file));
        };
        checked.push({ name: display(key), abs: key, result: r.whole, locate });
        continue;
      }
      if (!c.explicit && !isPlan(c.path, text.slice(0, 64 * 1024), configFor(c.path))) continue;
      const result = checkPlan(text, { config: configFor(c.path), fileName: name, filePath: c.path });
      configErrors.push(...result.configErrors);
      checked.push({ name, abs: c.path, result });
    }
    for (const e of configErrors) io.stderr(`planlint: config error: ${e.message}\n`);
    if (!checked.length) {
      if (!failed) io.stderr(`planlint: no business plans found in ${args.positionals.join(' ')} (looked for ${configFor(null).include.slice(0, 3).join(', ')} ...)\n`);
      return 2;
    }

    const out = o['output-file'] !== undefined ? path.resolve(io.cwd, o['output-file']) : undefined;
    const single = candidates.length === 1 && candidates[0]!.explicit && checked.length === 1;
    const outIsFolder = out !== undefined && (!single || /[\\/]$/.test(o['output-file']!) || isDirectory(out));
    const write = (file: string, html: string) => {
      try {
        fs.writeFileSync(file, html);
      } catch (e) {
        if (!isIoError(e)) throw e;
        fail(display(file), t(msgLang, 'io.write', { cause: ioCause(e, msgLang) }));
      }
    };
    if (!outIsFolder) {
      const html = renderPlanReport({ result: checked[0]!.result, file: checked[0]!.name, ...(checked[0]!.locate ? { locate: checked[0]!.locate } : {}) });
      if (out === undefined) {
        if (!single) throw new UsageError('a report of several plans is a folder: give it with -o <folder>');
        io.stdout(html);
      } else write(out, html);
    } else {
      try {
        fs.mkdirSync(out!, { recursive: true });
      } catch (e) {
        if (!isIoError(e)) throw e;
        fail(display(out!), t(msgLang, 'io.write', { cause: ioCause(e, msgLang) }));
        return 2;
      }
      const taken = new Set<string>();
      // pages are named by each plan's path below the folder all of them share
      const common = checked.map((c) => path.dirname(c.abs)).reduce((a, b) => {
        while (!isInside(a, b) && path.dirname(a) !== a) a = path.dirname(a);
        return a;
      });
      const summaries: PlanSummary[] = [];
      // the index speaks --lang, else the language most of the plans are reported in
      const zh = checked.filter((c) => c.result.lang === 'zh').length;
      const indexLang: Lang = (o.lang as Lang | undefined) ?? (zh * 2 > checked.length ? 'zh' : 'en');
      for (const c of checked.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
        const page = pageName(path.relative(common, c.abs), taken);
        write(path.join(out!, page), renderPlanReport({ result: c.result, file: c.name, ...(c.locate ? { locate: c.locate } : {}) }));
        summaries.push(planSummary(c.result, c.name, encodeURIComponent(page), indexLang));
      }
      write(path.join(out!, 'index.html'), renderReportIndex(summaries, indexLang));
    }
    return failed || configErrors.length ? 2 : 0;
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`planlint report: ${e.message}\nRun "planlint report --help" for usage.\n`);
      return 2;
    }
    io.stderr(`planlint: internal error: ${(e as Error).stack ?? e}\n`);
    return 2;
  }
}

function isDirectory(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}
