/**
 * Configuration: the zod schema of `planlint.config.json` (also the source of
 * the JSON Schema in schemas/ and of the editor settings), loading with
 * comments allowed, clear errors that name the file, key path and
 * expectation, and resolution (nearest file wins; front matter on top).
 */
import { z } from 'zod';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { visit as visitJsonc, printParseErrorCode, type ParseError, type ParseOptions } from 'jsonc-parser';
import { RULES } from './rules/index.js';
import { DEFAULT_PROFILE, PROFILE_IDS, getProfile } from './profile/index.js';
import { SectionLevel } from './profile/schema.js';
import type { SectionOverride } from './effective.js';
import type { SeveritySetting } from './types.js';
import { globProblem, MAX_GLOBS, MAX_GLOB_LENGTH } from './glob.js';
import { isInside } from './files.js';

export const CONFIG_FILE = 'planlint.config.json';
/** A config file larger than this is refused rather than read. */
export const MAX_CONFIG_BYTES = 1024 * 1024;

export const SeveritySchema = z.enum(['error', 'warning', 'info', 'hint', 'off']);
export const LanguageSchema = z.enum(['auto', 'zh', 'en']);

export const DEFAULT_INCLUDE = ['**/*plan*.md', '**/*Plan*.md', '**/*PLAN*.md', '**/*计划*.md', '**/bp*.md', '**/BP*.md', '**/*-bp.md'];

/** A glob of include/exclude: within the matcher's limits (length, wildcards, alternatives; see glob.ts). */
const GlobSchema = z
  .string()
  .min(1)
  .max(MAX_GLOB_LENGTH)
  .superRefine((g, ctx) => {
    const problem = g.length > MAX_GLOB_LENGTH ? null : globProblem(g);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });
const GlobsSchema = z.array(GlobSchema).max(MAX_GLOBS);

function ruleEntrySchema(options: z.ZodObject) {
  const obj = options.extend({ severity: SeveritySchema.optional().describe('Severity of this rule, or "off".') }).strict();
  return z.union([SeveritySchema, obj]);
}

const rulesShape = Object.fromEntries(
  RULES.map((r) => [r.name, ruleEntrySchema(r.options).optional().describe(`${r.description.en} Default: ${r.defaultSeverity}.`)]),
);

const AliasesSchema = z
  .object({ zh: z.array(z.string().min(1)).optional(), en: z.array(z.string().min(1)).optional() })
  .strict();
const SectionOverrideSchema = z
  .object({
    level: z.enum([...SectionLevel.options, 'off']).optional().describe('Level of this section for the plan: required, recommended, optional, or off to ignore it.'),
    aliases: AliasesSchema.optional().describe('Extra headings that mean this section.'),
  })
  .strict();

/**
 * The keys of a `sections` object, read from the value as given (own keys, `__proto__` included: a record
 * schema would drop it without a word), against the section ids of the profile in force there: the one named
 * beside them, else the default (front matter or editor settings naming no profile are checked against it).
 */
function sectionKeyErrors(value: unknown, file: string, prefix: (string | number)[]): ConfigError[] {
  if (!value || typeof value !== 'object' || !Object.prototype.hasOwnProperty.call(value, 'sections')) return [];
  const sections = (value as Record<string, unknown>).sections;
  if (!sections || typeof sections !== 'object' || Array.isArray(sections)) return [];
  const { id, known } = sectionsInForce(value);
  const unknown = Object.keys(sections).filter((k) => !known.includes(k));
  if (!unknown.length) return [];
  const shown = unknown.slice(0, 5).map(showKey).join(', ') + (unknown.length > 5 ? ` and ${unknown.length - 5} more` : '');
  const near = unknown.length === 1 ? nearest(unknown[0]!.toLowerCase(), known) : null;
  return [
    new ConfigError(
      file,
      keyPathString([...prefix, 'sections']),
      `unknown key${unknown.length > 1 ? 's' : ''} ${shown}${near ? ` (did you mean "${near}"?)` : ''}; expected one of: ${known.join(', ')} (the sections of profile "${id}")`,
    ),
  ];
}

/** The profile in force for settings given as `value` (the one it names, else the default) and its section ids. */
function sectionsInForce(value: unknown): { id: string; known: string[] } {
  const named = (value as { profile?: unknown } | null)?.profile;
  const id = typeof named === 'string' && (PROFILE_IDS as string[]).includes(named) ? named : DEFAULT_PROFILE;
  return { id, known: getProfile(id).sections.map((g) => g.id) };
}

function isKnownSection(value: unknown, key: PropertyKey | undefined): boolean {
  return typeof key === 'string' && sectionsInForce(value).known.includes(key);
}

/** The candidate within a third of its length in edits of `key`, or null (short strings: a plain edit distance). */
function nearest(key: string, candidates: readonly string[]): string | null {
  let best: string | null = null;
  let bestD = Infinity;
  for (const c of candidates) {
    if (Math.abs(c.length - key.length) > c.length / 3) continue;
    let prev = Array.from({ length: c.length + 1 }, (_, j) => j);
    for (let i = 1; i <= key.length && i <= 64; i++) {
      const row = [i];
      for (let j = 1; j <= c.length; j++) row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (key[i - 1] === c[j - 1] ? 0 : 1));
      prev = row;
    }
    const d = prev[c.length]!;
    if (d < bestD && d <= Math.max(1, Math.floor(c.length / 3))) [best, bestD] = [c, d];
  }
  return best;
}

/**
 * Settings that may also be given in a plan's front matter (`planlint:` key) or editor settings. `sections`
 * keys are checked against the profile in force by `validate` (sectionKeyErrors), on the value as given.
 */
export const SettingsSchema = z
  .object({
    profile: z.enum(PROFILE_IDS as [string, ...string[]]).optional().describe('Guide profile to check against.'),
    language: LanguageSchema.optional().describe("Language of messages: auto (the plan's language in the CLI, the editor's in the editor), zh or en."),
    rules: z.object(rulesShape).strict().optional().describe('Per-rule severity ("error", "warning", "info", "hint", "off") or an object with "severity" and the rule\'s options.'),
    sections: z
      .record(z.string(), SectionOverrideSchema)
      .optional()
      .describe('Per-section level overrides and extra aliases, by guide section id.'),
  })
  .strict();


export const ConfigSchema = SettingsSchema.extend({
  $schema: z.string().optional(),
  include: GlobsSchema.optional().describe('Globs (relative to this file) of Markdown files that are business plans.'),
  exclude: GlobsSchema.optional().describe('Globs of files never checked.'),
}).strict();

export type PlanlintConfig = z.infer<typeof ConfigSchema>;
export type PlanSettings = z.infer<typeof SettingsSchema>;

export interface RuleSetting {
  severity?: SeveritySetting | undefined;
  options: Record<string, unknown>;
}

/** Fully resolved settings for one plan. */
export interface ResolvedConfig {
  profile: string;
  language: 'auto' | 'zh' | 'en';
  include: string[];
  exclude: string[];
  /** Folder the include/exclude globs are relative to. */
  root: string | null;
  rules: Record<string, RuleSetting>;
  sections: Record<string, SectionOverride>;
  /** Config files that contributed, nearest last. */
  files: string[];
}

export function defaultConfig(): ResolvedConfig {
  return { profile: DEFAULT_PROFILE, language: 'auto', include: [...DEFAULT_INCLUDE], exclude: [], root: null, rules: {}, sections: {}, files: [] };
}

/** A configuration problem: where, which key, what was expected. */
export class ConfigError extends Error {
  constructor(
    readonly file: string,
    readonly keyPath: string,
    readonly expected: string,
    readonly offset?: number,
  ) {
    super(`${file}: ${keyPath ? `"${keyPath}": ` : ''}${expected}`);
    this.name = 'ConfigError';
  }
}

type Issue = z.core.$ZodIssue;

/** Longest text a value is shown as in a message. */
const MAX_SHOWN = 60;
/** Strings up to this length are shown whole; longer ones only by their first few characters (a value may be a secret). */
const SHOWN_WHOLE = 12;
const SHOWN_PREFIX = 6;

function cap(s: string, max = MAX_SHOWN): string {
  return s.length <= max ? s : `${Array.from(s.slice(0, max + 1)).slice(0, max - 1).join('')}…`;
}

/** A string in quotes, whole when short, else its first characters and its length: a config value may be a secret. */
function quoteString(s: string): string {
  const chars = Array.from(s.length > 4 * SHOWN_WHOLE ? s.slice(0, 4 * SHOWN_WHOLE) : s);
  if (s.length <= SHOWN_WHOLE && chars.length <= SHOWN_WHOLE) return JSON.stringify(s);
  return `${JSON.stringify(chars.slice(0, SHOWN_PREFIX).join('')).slice(0, -1)}…" (${s.length} characters)`;
}

/**
 * A value as shown in a message: its type and, for a short string, number or
 * boolean, the value; a long string only by its first characters. Never
 * descends into arrays or objects, so it is safe on any value (cycles from
 * YAML aliases, getters, huge trees) and at most about 60 characters long.
 */
export function describeValue(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'null';
  if (Array.isArray(v)) return `an array of ${v.length} item${v.length === 1 ? '' : 's'}`;
  switch (typeof v) {
    case 'string':
      return `string ${quoteString(v)}`;
    case 'number':
    case 'boolean':
    case 'bigint':
      return cap(`${typeof v} ${String(v)}`);
    case 'object':
      return 'an object';
    default:
      return `a ${typeof v}`;
  }
}

/** A value as it would be written: a (capped) string in quotes, a number or boolean as is, else what it is. */
function showValue(v: unknown): string {
  if (typeof v === 'string') return quoteString(v);
  if (typeof v === 'number' || typeof v === 'boolean') return cap(String(v));
  return describeValue(v);
}

/** A key named in a message: quoted, capped. */
function showKey(k: PropertyKey): string {
  return JSON.stringify(cap(typeof k === 'symbol' ? String(k) : String(k), 40));
}

function describeIssue(issue: Issue, value: unknown, schema: z.ZodType, prefixLength: number): { path: (string | number)[]; expected: string } {
  const at = (p: PropertyKey[]) => p.map((k) => (typeof k === 'symbol' ? String(k) : k));
  switch (issue.code) {
    case 'unrecognized_keys': {
      const allowed = objectKeysAt(schema, issue.path.slice(prefixLength));
      const shown = issue.keys.slice(0, 5).map(showKey).join(', ') + (issue.keys.length > 5 ? ` and ${issue.keys.length - 5} more` : '');
      return {
        path: at(issue.path),
        expected: `unknown key${issue.keys.length > 1 ? 's' : ''} ${shown}${allowed ? `; expected one of: ${allowed.join(', ')}` : ''}`,
      };
    }
    case 'invalid_union': {
      // A rule entry: a severity string, or an object. Explain by the branch the value's type chose.
      const v = valueAt(value, issue.path);
      if (v && typeof v === 'object' && !Array.isArray(v) && issue.errors[1]?.[0]) {
        const inner = issue.errors[1][0];
        return describeIssue({ ...inner, path: [...issue.path, ...inner.path] } as Issue, value, schema, prefixLength);
      }
      return { path: at(issue.path), expected: `expected a severity ("error", "warning", "info", "hint", "off") or an object with "severity" and options, got ${showValue(v)}` };
    }
    case 'invalid_value':
      return { path: at(issue.path), expected: `expected one of ${issue.values.map((x) => showValue(x)).join(', ')}, got ${showValue(valueAt(value, issue.path))}` };
    case 'invalid_type':
      return { path: at(issue.path), expected: `expected ${issue.expected}, got ${describeValue(valueAt(value, issue.path))}` };
    case 'too_big':
    case 'too_small': {
      const v = valueAt(value, issue.path);
      const unit = issue.origin === 'string' ? ' characters' : issue.origin === 'array' ? ' items' : '';
      const size = typeof v === 'string' ? `, this one has ${v.length}` : Array.isArray(v) ? `, got ${v.length}` : `, got ${describeValue(v)}`;
      if (unit) {
        const bound = issue.code === 'too_big' ? `at most ${String(issue.maximum)}` : `at least ${String(issue.minimum)}`;
        return { path: at(issue.path), expected: `expected ${bound}${unit}${size}` };
      }
      return { path: at(issue.path), expected: cap(issue.message, 200) };
    }
    default:
      return { path: at(issue.path), expected: cap(issue.message, 200) };
  }
}

function valueAt(value: unknown, p: PropertyKey[]): unknown {
  let v: unknown = value;
  for (const k of p) {
    if (v && typeof v === 'object' && Object.prototype.hasOwnProperty.call(v, k)) v = (v as Record<PropertyKey, unknown>)[k];
    else return undefined;
  }
  return v;
}

type SchemaDef = { type: string; innerType?: z.ZodType; options?: z.ZodType[]; shape?: Record<string, z.ZodType> };
const defOf = (s: z.ZodType) => (s as unknown as { _zod: { def: SchemaDef } })._zod.def;

/** The object schema a schema stands for (through optional, default, nullable and the object branch of a union), or null. */
function asObjectSchema(s: z.ZodType | undefined): Record<string, z.ZodType> | null {
  for (let i = 0; s && i < 16; i++) {
    const def = defOf(s);
    if (def.type === 'object') return def.shape ?? null;
    if (def.innerType) s = def.innerType;
    else if (def.type === 'union') {
      for (const o of def.options ?? []) {
        const shape = asObjectSchema(o);
        if (shape) return shape;
      }
      return null;
    } else return null;
  }
  return null;
}

/** The keys the schema accepts at a path (the schema actually validated, so the list never names a key it would reject). */
function objectKeysAt(schema: z.ZodType, p: PropertyKey[]): string[] | null {
  let shape = asObjectSchema(schema);
  for (const k of p) {
    if (!shape || typeof k !== 'string' || !Object.prototype.hasOwnProperty.call(shape, k)) return null;
    shape = asObjectSchema(shape[k]);
  }
  return shape ? Object.keys(shape) : null;
}

export function keyPathString(p: (string | number)[]): string {
  return p.map((k, i) => (typeof k === 'number' ? `[${k}]` : i === 0 ? k : `.${k}`)).join('');
}

/** Validates a parsed value against a schema; returns every problem as a ConfigError. */
export function validate<T>(schema: z.ZodType<T>, value: unknown, file: string, prefix: (string | number)[] = []): { value?: T; errors: ConfigError[] } {
  const r = schema.safeParse(value);
  const keys = sectionKeyErrors(value, file, prefix);
  if (r.success) return keys.length ? { errors: keys } : { value: r.data, errors: [] };
  const wrapped = prefix.reduceRight<unknown>((acc, k) => ({ [k]: acc }), value);
  return {
    errors: [
      ...keys,
      // what lies under a key already reported unknown is not described again
      ...r.error.issues.filter((issue) => !(keys.length && issue.path[0] === 'sections' && !isKnownSection(value, issue.path[1]))).map((issue) => {
        const full = { ...issue, path: [...prefix, ...issue.path] } as Issue;
        const d = describeIssue(full, wrapped, schema, prefix.length);
        return new ConfigError(file, keyPathString(d.path), d.expected);
      }),
    ],
  };
}

/**
 * JSON with comments into plain values, like jsonc-parser's `parse`, except
 * that every key becomes an own property: `"__proto__"` is a key like any
 * other (and so rejected by the strict schemas), never the object's prototype.
 */
export function parseJsonWithComments(text: string, errors: ParseError[], options: ParseOptions): unknown {
  const root: unknown[] = [];
  let parent: unknown[] | Record<string, unknown> = root;
  let property: string | null = null;
  const parents: (unknown[] | Record<string, unknown>)[] = [];
  const onValue = (value: unknown) => {
    if (Array.isArray(parent)) parent.push(value);
    else if (property !== null) Object.defineProperty(parent, property, { value, enumerable: true, writable: true, configurable: true });
  };
  visitJsonc(
    text,
    {
      onObjectBegin: () => {
        const object: Record<string, unknown> = {};
        onValue(object);
        parents.push(parent);
        parent = object;
        property = null;
      },
      onObjectProperty: (name) => {
        property = name;
      },
      onObjectEnd: () => {
        parent = parents.pop()!;
      },
      onArrayBegin: () => {
        const array: unknown[] = [];
        onValue(array);
        parents.push(parent);
        parent = array;
        property = null;
      },
      onArrayEnd: () => {
        parent = parents.pop()!;
      },
      onLiteralValue: onValue,
      onError: (error, offset, length) => {
        errors.push({ error, offset, length });
      },
    },
    options,
  );
  return root[0];
}

/** Parses a config file's text (JSON with comments). */
export function parseConfigText(text: string, file: string): { config?: PlanlintConfig; errors: ConfigError[] } {
  const errs: ParseError[] = [];
  let value: unknown;
  try {
    value = parseJsonWithComments(text, errs, { allowTrailingComma: true, disallowComments: false });
  } catch (e) {
    // nesting deep enough to exhaust the stack
    return { errors: [new ConfigError(file, '', `cannot be read: ${e instanceof RangeError ? 'nested too deeply' : cap(String(e))}`)] };
  }
  if (errs.length) {
    return {
      errors: errs.map((e) => {
        const before = text.slice(0, e.offset);
        const line = before.split('\n').length;
        const col = e.offset - before.lastIndexOf('\n');
        return new ConfigError(file, '', `invalid JSON at line ${line}, column ${col}: ${printParseErrorCode(e.error)}`, e.offset);
      }),
    };
  }
  if (value === undefined) return { errors: [new ConfigError(file, '', 'expected a JSON object, got an empty file')] };
  const r = validate(ConfigSchema, value, file);
  return r.value ? { config: r.value, errors: [] } : { errors: r.errors };
}

/** Reads and parses a config file; I/O problems are ConfigErrors too. */
export function readConfigFile(file: string, root?: string): { config?: PlanlintConfig; errors: ConfigError[] } {
  try {
    if (root !== undefined) {
      // a config found by searching (not named by the user) is read only if it really lies in the tree searched:
      // a link to a file elsewhere (a secret, another project's settings) is refused, and its content never shown
      const real = fs.realpathSync(file);
      const realRoot = fs.realpathSync(root);
      if (!isInside(realRoot, real)) return { errors: [new ConfigError(file, '', `expected a file inside ${root}; it links to a file outside, which is not read`)] };
    }
    const st = fs.statSync(file);
    if (!st.isFile()) return { errors: [new ConfigError(file, '', 'expected a file')] };
    if (st.size > MAX_CONFIG_BYTES) return { errors: [new ConfigError(file, '', `expected at most ${MAX_CONFIG_BYTES} bytes, the file has ${st.size}`)] };
    return parseConfigText(fs.readFileSync(file, 'utf8'), file);
  } catch (e) {
    return { errors: [new ConfigError(file, '', `cannot be read: ${(e as NodeJS.ErrnoException).code ?? String(e)}`)] };
  }
}

/** The nearest planlint.config.json in the folder of `filePath` or a parent, stopping at `stopAt` (inclusive) when given. */
export function findConfigFile(filePath: string, stopAt?: string): string | null {
  let dir = path.dirname(path.resolve(filePath));
  const stop = stopAt ? path.resolve(stopAt) : null;
  for (;;) {
    const candidate = path.join(dir, CONFIG_FILE);
    if (fs.existsSync(candidate)) return candidate;
    if (stop && dir === stop) return null;
    const up = path.dirname(dir);
    if (up === dir) return null;
    dir = up;
  }
}

function ruleSetting(entry: unknown): RuleSetting {
  if (typeof entry === 'string') return { severity: entry as SeveritySetting, options: {} };
  const { severity, ...options } = (entry ?? {}) as Record<string, unknown>;
  return { severity: severity as SeveritySetting | undefined, options };
}

/** Layers settings onto a resolved config (later wins per rule and per section). */
export function applySettings(base: ResolvedConfig, s: PlanSettings & Partial<Pick<PlanlintConfig, 'include' | 'exclude'>>, file?: string, root?: string): ResolvedConfig {
  const out: ResolvedConfig = { ...base, rules: { ...base.rules }, sections: { ...base.sections }, files: file ? [...base.files, file] : base.files };
  if (s.profile) out.profile = s.profile;
  if (s.language) out.language = s.language;
  if (s.include) {
    out.include = s.include;
    if (root) out.root = root;
  }
  if (s.exclude) out.exclude = s.exclude;
  for (const [name, entry] of Object.entries(s.rules ?? {})) {
    if (entry === undefined) continue;
    const next = ruleSetting(entry);
    const prev = out.rules[name];
    out.rules[name] = { severity: next.severity ?? prev?.severity, options: { ...(prev?.options ?? {}), ...next.options } };
  }
  for (const [id, o] of Object.entries(s.sections ?? {})) {
    if (!o) continue;
    const prev = out.sections[id];
    out.sections[id] = {
      level: o.level ?? prev?.level,
      aliases: {
        zh: [...(prev?.aliases?.zh ?? []), ...(o.aliases?.zh ?? [])],
        en: [...(prev?.aliases?.en ?? []), ...(o.aliases?.en ?? [])],
      },
    };
  }
  return out;
}

/**
 * Resolves the config of a plan file: defaults, then the nearest config file
 * (or `explicitFile`). Errors are returned, never thrown, and never silently
 * dropped; on error the defaults stand for that file.
 */
export function resolveConfigFor(filePath: string | null, explicitFile?: string): { config: ResolvedConfig; errors: ConfigError[] } {
  let config = defaultConfig();
  const file = explicitFile ?? (filePath ? findConfigFile(filePath) : null);
  if (!file) return { config, errors: [] };
  // a config found by the search must lie in the folder it was found in (an explicit one is the user's choice)
  const r = readConfigFile(file, explicitFile ? undefined : path.dirname(file));
  if (r.config) config = applySettings(config, r.config, file, path.dirname(path.resolve(file)));
  return { config, errors: r.errors };
}

/**
 * What each editor setting means, in both languages: the zod schemas below
 * take the English text, and the generator writes both into the extension's
 * package.nls files, so the settings UI speaks the editor's language.
 */
export const SETTING_DOCS = {
  enable: { en: 'Check Markdown business plans as you write.', zh: '在编写时检查 Markdown 商业计划书。' },
  run: { en: 'Check as you type, or only when the file is saved.', zh: '输入时检查，或仅在保存文件时检查。' },
  'run.onType': { en: 'Check as you type.', zh: '输入时检查。' },
  'run.onSave': { en: 'Check when the file is saved.', zh: '保存文件时检查。' },
  debounceMs: {
    en: 'Milliseconds to wait after the last keystroke before checking (0 checks at once).',
    zh: '最后一次按键后等待多少毫秒再检查（0 表示立即检查）。',
  },
  language: { en: "Language of messages: auto (the editor's display language), zh or en.", zh: '消息语言：auto（编辑器的显示语言）、zh（中文）或 en（英文）。' },
  'language.auto': { en: "The editor's display language.", zh: '编辑器的显示语言。' },
  'language.zh': { en: 'Chinese.', zh: '中文。' },
  'language.en': { en: 'English.', zh: '英文。' },
  profile: { en: 'Guide profile to check against.', zh: '用于检查的指南配置。' },
  include: {
    en: 'Globs of Markdown files that are business plans (a planlint.config.json "include" overrides them for its folder). Files whose front matter says `planlint: true` are plans too.',
    zh: '哪些 Markdown 文件是商业计划书的 glob 模式（planlint.config.json 中的 "include" 会覆盖其所在文件夹的设置）。前置元数据中写有 `planlint: true` 的文件也视为计划书。',
  },
  rules: {
    en: 'Per-rule severity ("error", "warning", "info", "hint", "off") or an object with "severity" and the rule\'s options.',
    zh: '按规则设置严重程度（"error"、"warning"、"info"、"hint"、"off"），或一个包含 "severity" 及规则选项的对象。',
  },
  sections: { en: 'Per-section level overrides and extra aliases, by guide section id.', zh: '按指南章节 id 覆盖章节级别，或添加额外的标题别名。' },
  'trace.server': { en: 'Traces the communication between the editor and the planlint language server.', zh: '跟踪编辑器与 planlint 语言服务器之间的通信。' },
} as const;

/**
 * Editor settings (`planlint.*` in VS Code, `workspace/configuration` section
 * `planlint` for any LSP client): the plan settings plus how and when to check.
 * The settings part of package.json is generated from this schema.
 */
export const EditorSettingsSchema = SettingsSchema.extend({
  // a setting with allowed values needs a default, or a fresh install answers "" for it
  profile: z.enum(PROFILE_IDS as [string, ...string[]]).default(DEFAULT_PROFILE).describe(SETTING_DOCS.profile.en),
  language: LanguageSchema.default('auto').describe(SETTING_DOCS.language.en),
  enable: z.boolean().default(true).describe(SETTING_DOCS.enable.en),
  include: GlobsSchema.default(DEFAULT_INCLUDE).describe(SETTING_DOCS.include.en),
  run: z.enum(['onType', 'onSave']).default('onType').describe(SETTING_DOCS.run.en),
  debounceMs: z.number().int().min(0).max(10000).default(200).describe(SETTING_DOCS.debounceMs.en),
});
export type EditorSettings = z.infer<typeof EditorSettingsSchema>;
