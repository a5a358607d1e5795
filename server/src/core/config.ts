/**
 * Configuration: the zod schema of `planlint.config.json` (also the source of
 * the JSON Schema in schemas/ and of the editor settings), loading with
 * comments allowed, clear errors that name the file, key path and
 * expectation, and resolution (nearest file wins; front matter on top).
 */
import { z } from 'zod';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { RULES } from './rules/index.js';
import { DEFAULT_PROFILE, PROFILE_IDS, getProfile } from './profile/index.js';
import { SectionLevel } from './profile/schema.js';
import type { SectionOverride } from './effective.js';
import type { SeveritySetting } from './types.js';
import { globProblem, MAX_GLOBS, MAX_GLOB_LENGTH } from './glob.js';
import { isInside } from './files.js';
import { ConfigError, nearest, showKey, showValue, keyPathString, validateWith, parseJsonc } from './validate.js';
import { buildProfile } from './profile/custom.js';
import type { Profile } from './profile/schema.js';
import { parse as parseYaml } from 'yaml';

export { ConfigError, describeValue, keyPathString, parseJsonWithComments } from './validate.js';

export const CONFIG_FILE = 'planlint.config.json';
/**
 * Files whose name says plainly that they are a business plan. A workspace holding one (or a config file) starts
 * the editor extension with the window (package.json activationEvents, generated from this list).
 */
export const PLAN_FILE_GLOBS = ['**/*商业计划书*.md', '**/*{business,Business,BUSINESS}{-,_, }{plan,Plan,PLAN}*.md'];
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
  const inForce = sectionsInForce(value);
  // a workspace profile's sections are known once it is read (checkSectionKeys, at check time)
  return inForce ? checkSectionKeys((value as Record<string, unknown>).sections, inForce.id, inForce.known, file, [...prefix, 'sections']) : [];
}

/** An error naming the keys of `sections` that are no section of the profile, with the nearest id; none if all are. */
export function checkSectionKeys(sections: unknown, profileId: string, known: string[], file: string, keyPath: (string | number)[]): ConfigError[] {
  if (!sections || typeof sections !== 'object' || Array.isArray(sections)) return [];
  const unknown = Object.keys(sections).filter((k) => !known.includes(k));
  if (!unknown.length) return [];
  const shown = unknown.slice(0, 5).map(showKey).join(', ') + (unknown.length > 5 ? ` and ${unknown.length - 5} more` : '');
  const near = unknown.length === 1 ? nearest(unknown[0]!.toLowerCase(), known) : null;
  return [
    new ConfigError(
      file,
      keyPathString(keyPath),
      `unknown key${unknown.length > 1 ? 's' : ''} ${shown}${near ? ` (did you mean "${near}"?)` : ''}; expected one of: ${known.join(', ')} (the sections of profile "${profileId}")`,
    ),
  ];
}

/** The built-in profile in force for settings given as `value` (the one it names, else the default) and its section ids; null for a profile file. */
function sectionsInForce(value: unknown): { id: string; known: string[] } | null {
  const named = (value as { profile?: unknown } | null)?.profile;
  if (typeof named === 'string' && isProfilePath(named)) return null;
  const id = typeof named === 'string' && (PROFILE_IDS as string[]).includes(named) ? named : DEFAULT_PROFILE;
  return { id, known: getProfile(id).sections.map((g) => g.id) };
}

function isKnownSection(value: unknown, key: PropertyKey | undefined): boolean {
  const inForce = sectionsInForce(value);
  return typeof key === 'string' && (!inForce || inForce.known.includes(key));
}

/** A `profile` value naming a workspace profile file rather than a built-in profile: a path ending in .json, .yaml or .yml. */
export function isProfilePath(s: string): boolean {
  const l = s.toLowerCase();
  return l.endsWith('.json') || l.endsWith('.yaml') || l.endsWith('.yml');
}

const ProfileRefSchema = z
  .string()
  .min(1)
  .max(1024)
  .superRefine((s, ctx) => {
    if ((PROFILE_IDS as string[]).includes(s) || isProfilePath(s)) return;
    const near = nearest(s.toLowerCase(), PROFILE_IDS);
    ctx.addIssue({
      code: 'custom',
      message: `expected one of ${PROFILE_IDS.map((x) => `"${x}"`).join(', ')}${near ? ` (did you mean "${near}"?)` : ''}, or the path of a profile file (.json, .yaml or .yml), got ${showValue(s)}`,
    });
  })
  .describe('Guide profile to check against: a built-in profile, or the path (relative to the file that names it) of a profile file of the workspace.');

/**
 * Settings that may also be given in a plan's front matter (`planlint:` key) or editor settings. `sections`
 * keys are checked against the profile in force by `validate` (sectionKeyErrors), on the value as given.
 */
export const SettingsSchema = z
  .object({
    profile: ProfileRefSchema.optional(),
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
  chapters: z
    .array(z.string().min(1).max(1024))
    .min(2)
    .max(500)
    .optional()
    .describe('Chapter files (relative to this file, in order) that together are one plan; the first carries the findings about the whole plan.'),
}).strict();

export type PlanlintConfig = z.infer<typeof ConfigSchema>;
export type PlanSettings = z.infer<typeof SettingsSchema>;

export interface RuleSetting {
  severity?: SeveritySetting | undefined;
  options: Record<string, unknown>;
}

/** Fully resolved settings for one plan. */
export interface ResolvedConfig {
  /** The built-in profile in force (when profileFile is set: the fallback while that file cannot be read). */
  profile: string;
  /** A workspace profile file in force: its absolute path, the folder it must lie in (none: anywhere) and the file that named it. */
  profileFile?: { path: string; root: string | null; from: string };
  language: 'auto' | 'zh' | 'en';
  include: string[];
  exclude: string[];
  /** Folder the include/exclude globs are relative to. */
  root: string | null;
  rules: Record<string, RuleSetting>;
  sections: Record<string, SectionOverride>;
  /** Config files that contributed, nearest last. */
  files: string[];
  /** Chapter files of a plan split across files, absolute, in order (config `chapters`). */
  chapters?: string[];
}

export function defaultConfig(): ResolvedConfig {
  return { profile: DEFAULT_PROFILE, language: 'auto', include: [...DEFAULT_INCLUDE], exclude: [], root: null, rules: {}, sections: {}, files: [] };
}

/** Validates a parsed value against a schema; returns every problem as a ConfigError (section ids against the profile in force too). */
export function validate<T>(schema: z.ZodType<T>, value: unknown, file: string, prefix: (string | number)[] = []): { value?: T; errors: ConfigError[] } {
  const keys = sectionKeyErrors(value, file, prefix);
  // what lies under a key already reported unknown is not described again
  return validateWith(schema, value, file, prefix, keys, (issue) => keys.length > 0 && issue.path[0] === 'sections' && !isKnownSection(value, issue.path[1]));
}

/** Parses a config file's text (JSON with comments). */
export function parseConfigText(text: string, file: string): { config?: PlanlintConfig; errors: ConfigError[] } {
  const parsed = parseJsonc(text, file);
  if (parsed.errors.length) return { errors: parsed.errors };
  const r = validate(ConfigSchema, parsed.value, file);
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
export function applySettings(
  base: ResolvedConfig,
  s: PlanSettings & Partial<Pick<PlanlintConfig, 'include' | 'exclude' | 'chapters'>>,
  file?: string,
  root?: string,
  /** The file the settings are written in, when it is not a config file (a plan's front matter): a profile path is relative to it. */
  namedIn?: string,
): ResolvedConfig {
  const out: ResolvedConfig = { ...base, rules: { ...base.rules }, sections: { ...base.sections }, files: file ? [...base.files, file] : base.files };
  if (s.profile && isProfilePath(s.profile)) {
    // relative to the file that names it, and inside that file's tree (a plan's: its folder or its config's)
    const from = file ?? namedIn;
    if (from) {
      const dir = path.dirname(path.resolve(from));
      // (the folder of the config file in force, when the plan lies in it)
      const configDir = base.files.length ? path.dirname(path.resolve(base.files[base.files.length - 1]!)) : base.root;
      const within = root ?? (configDir && isInside(configDir, dir) ? configDir : dir);
      out.profileFile = { path: path.resolve(dir, s.profile), root: within, from };
    }
  } else if (s.profile) {
    out.profile = s.profile;
    delete out.profileFile;
  }
  if (s.language) out.language = s.language;
  if (s.include) {
    out.include = s.include;
    if (root) out.root = root;
  }
  if (s.exclude) out.exclude = s.exclude;
  if (s.chapters && file) {
    // inside the config file's folder only
    const dir = path.dirname(path.resolve(file));
    out.chapters = s.chapters.map((c) => path.resolve(dir, c)).filter((c) => isInside(dir, c));
  }
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

/** A profile file larger than this is refused rather than read. */
export const MAX_PROFILE_BYTES = 1024 * 1024;
const profileFiles = new Map<string, { stamp: string; result: { profile?: Profile; errors: ConfigError[] } }>();

/**
 * Reads a workspace profile file (JSON with comments, or YAML) and builds its profile; every problem is a
 * ConfigError naming the file and the key. A file outside `root` (through a link too) is refused unread. Read
 * once per change of the file (its size and modification time), so a check per keystroke costs one stat.
 */
export function loadProfileFile(file: string, root: string | null): { profile?: Profile; errors: ConfigError[] } {
  try {
    if (root !== null) {
      const real = fs.realpathSync(file);
      if (!isInside(fs.realpathSync(root), real)) return { errors: [new ConfigError(file, '', `expected a profile file inside ${root}; it lies or links outside, and is not read`)] };
    }
    const st = fs.statSync(file);
    if (!st.isFile()) return { errors: [new ConfigError(file, '', 'expected a profile file')] };
    if (st.size > MAX_PROFILE_BYTES) return { errors: [new ConfigError(file, '', `expected at most ${MAX_PROFILE_BYTES} bytes, the file has ${st.size}`)] };
    const stamp = `${st.size}:${st.mtimeMs}:${root}`;
    const hit = profileFiles.get(file);
    if (hit?.stamp === stamp) return hit.result;
    const result = parseProfileText(fs.readFileSync(file, 'utf8'), file);
    profileFiles.set(file, { stamp, result });
    if (profileFiles.size > 64) profileFiles.delete(profileFiles.keys().next().value!);
    return result;
  } catch (e) {
    return { errors: [new ConfigError(file, '', `cannot be read: ${(e as NodeJS.ErrnoException).code ?? String(e)}`)] };
  }
}

/** A profile file's text into its profile: YAML for .yaml and .yml, else JSON with comments. */
export function parseProfileText(text: string, file: string): { profile?: Profile; errors: ConfigError[] } {
  const lower = file.toLowerCase();
  if (lower.endsWith('.yaml') || lower.endsWith('.yml')) {
    let value: unknown;
    try {
      value = parseYaml(text, { maxAliasCount: 100, uniqueKeys: true, prettyErrors: true });
    } catch (e) {
      // the first line of the message says what and where ("... at line 3, column 5:")
      const first = String(e instanceof Error ? e.message : e).split('\n')[0]!.replace(/:$/, '');
      return { errors: [new ConfigError(file, '', `invalid YAML: ${first.length > 160 ? `${first.slice(0, 159)}…` : first}`)] };
    }
    if (value === undefined || value === null) return { errors: [new ConfigError(file, '', 'expected a YAML mapping, got an empty file')] };
    return buildProfile(value, file);
  }
  const parsed = parseJsonc(text, file);
  return parsed.errors.length ? { errors: parsed.errors } : buildProfile(parsed.value, file);
}

/**
 * The profile a resolved config puts in force: the workspace profile file it names (with the config's
 * `sections` keys checked against it), else its built-in profile. When the file cannot be used, its errors
 * are returned and the built-in profile stands.
 */
export function profileOf(config: ResolvedConfig): { profile: Profile; errors: ConfigError[] } {
  if (!config.profileFile) return { profile: getProfile(config.profile), errors: [] };
  const r = loadProfileFile(config.profileFile.path, config.profileFile.root);
  if (!r.profile) return { profile: getProfile(config.profile), errors: r.errors };
  const keys = checkSectionKeys(config.sections, r.profile.id, r.profile.sections.map((g) => g.id), config.profileFile.from, ['sections']);
  return { profile: r.profile, errors: keys };
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
