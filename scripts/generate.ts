/**
 * Generates every file derived from the guide profiles, the rule modules and
 * the zod schemas: snippets, JSON Schemas, rule docs, profile docs and the
 * settings part of package.json. `node out/scripts/generate.js` writes them
 * (and removes stale files from the generated folders); `--check` fails when a
 * committed file has drifted, is missing or is left over (the test suite runs
 * the same check).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { getProfile, guideRefOf, DEFAULT_PROFILE, PROFILE_IDS, RULES, checkPlan } from '../server/src/core/index.js';
import { templateSnippet } from '../server/src/core/snippet.js';
import { CONFIG_FILE, ConfigSchema, EditorSettingsSchema, PLAN_FILE_GLOBS, SETTING_DOCS } from '../server/src/core/config.js';
import { type GuideSection, type Lang } from '../server/src/core/profile/schema.js';
import { profileFileJsonSchema } from '../server/src/core/profile/custom.js';
import type { RuleModule } from '../server/src/core/rules/rule.js';
import { profileDocs } from './profile-docs.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

const json = (v: unknown) => JSON.stringify(v, null, 2) + '\n';

function sectionSnippet(g: GuideSection, lang: Lang, depth: number, start: number) {
  const { lines: body, next } = templateSnippet([`${'#'.repeat(depth)} ${g.title[lang]}`, '', ...g.template[lang]], start);
  return { body, next };
}

export function snippets(): Record<string, unknown> {
  const profile = getProfile(DEFAULT_PROFILE);
  const out: Record<string, unknown> = {};
  for (const lang of ['en', 'zh'] as const) {
    for (const g of profile.sections) {
      out[`planlint ${g.id} (${lang})`] = {
        prefix: [`plan-${g.id}-${lang}`, ...(lang === 'zh' ? [`计划-${g.title.zh}`] : [])],
        description: `${lang === 'zh' ? '商业计划书章节' : 'Business plan chapter'}: ${g.title[lang]} (${g.level}, guide § ${guideRefOf(g, lang)})`,
        body: sectionSnippet(g, lang, 2, 1).body,
      };
    }
    const body: string[] = [lang === 'zh' ? '# ${1:[项目名称]} 商业计划书' : '# ${1:[Project name]} business plan', ''];
    let n = 2;
    for (const g of profile.sections.filter((s) => s.level !== 'optional')) {
      const s = sectionSnippet(g, lang, 2, n);
      n = s.next;
      body.push(...s.body, '');
    }
    out[`planlint whole plan (${lang})`] = {
      prefix: [`plan-skeleton-${lang}`, ...(lang === 'zh' ? ['计划-完整骨架'] : [])],
      description: lang === 'zh' ? '完整商业计划书骨架（必需与推荐章节）' : 'Whole business plan skeleton (required and recommended sections)',
      body,
    };
  }
  return out;
}

export function jsonSchemas(): Record<string, unknown> {
  const config = z.toJSONSchema(ConfigSchema, { io: 'input', target: 'draft-7' }) as { properties: Record<string, { description?: string }> };
  // a built-in profile by name (offered in completion), or the path of a profile file of the workspace
  config.properties.profile = {
    description: config.properties.profile!.description,
    anyOf: [{ enum: PROFILE_IDS }, { type: 'string', pattern: '\\.([jJ][sS][oO][nN]|[yY][aA]?[mM][lL])$' }],
  } as { description?: string };
  const profile = profileFileJsonSchema();
  return {
    'schemas/planlint.config.schema.json': { ...config, title: 'planlint configuration (planlint.config.json)', allowComments: true, allowTrailingCommas: true },
    'schemas/profile.schema.json': { ...profile, title: 'planlint guide profile' },
  };
}

function ruleDoc(r: RuleModule): string {
  const ex = (s: string) => '```markdown\n' + s.replace(/\n$/, '') + '\n```';
  const findings = checkPlan(r.docs.invalid, { config: { ...defaultFor(r) }, autoLang: 'en' }).findings.filter((f) => f.rule === r.name);
  const opts = Object.entries(r.options.shape as Record<string, z.ZodType>);
  return [
    `# ${r.name} (${r.id})`,
    '',
    `> Generated from the rule module; do not edit by hand.`,
    '',
    r.description.en,
    '',
    r.description.zh,
    '',
    `- Default severity: **${r.defaultSeverity}**`,
    `- Fixable: **${r.fixable ? 'yes' : 'no'}**${r.hasSuggestions ? ' (suggestions: yes, offered as quick fixes in the editor; `--fix` does not apply them since they replace text)' : ''}`,
    '',
    '## What it checks',
    '',
    r.docs.details.en,
    '',
    r.docs.details.zh,
    '',
    '## Options',
    '',
    opts.length
      ? opts.map(([k, s]) => `- \`${k}\`: ${s.description ?? ''} Default: \`${JSON.stringify(s.parse(undefined))}\`.`).join('\n')
      : 'None besides severity.',
    '',
    '```jsonc',
    `// planlint.config.json`,
    `{ "rules": { "${r.name}": ${opts.length ? `{ "severity": "${r.defaultSeverity === 'off' ? 'hint' : r.defaultSeverity}"${opts.map(([k, s]) => `, "${k}": ${JSON.stringify(s.parse(undefined))}`).join('')} }` : `"${r.defaultSeverity === 'off' ? 'hint' : r.defaultSeverity}"`} } }`,
    '```',
    '',
    'Disable it for one line with `<!-- planlint-disable-next-line ' + r.name + ' -->`, or from a point on with `<!-- planlint-disable ' + r.name + ' -->`.',
    '',
    '## Valid',
    '',
    ex(r.docs.valid),
    '',
    '## Invalid',
    '',
    ex(r.docs.invalid),
    '',
    'Reported:',
    '',
    ...findings.map((f) => `- ${f.message}`),
    '',
  ].join('\n');
}

/** The rule enabled at a visible severity, for docs and tests of its examples. */
export function defaultFor(r: RuleModule) {
  const base = { profile: DEFAULT_PROFILE, language: 'en' as const, include: [], exclude: [], root: null, sections: {}, files: [] };
  return { ...base, rules: r.defaultSeverity === 'off' ? { [r.name]: { severity: 'hint' as const, options: {} } } : {} };
}

function ruleIndex(): string {
  return [
    '# Rules',
    '',
    '> Generated from the rule modules; do not edit by hand.',
    '',
    '| id | name | default | fixable | description |',
    '|---|---|---|---|---|',
    ...RULES.map((r) => `| ${r.id} | [${r.name}](${r.name}.md) | ${r.defaultSeverity} | ${r.fixable ? 'yes' : r.hasSuggestions ? 'suggestion' : 'no'} | ${r.description.en} |`),
    '',
    `Which sections a plan is checked for, and how loud the absence of each is, depends on the profile: see [the profiles](../profiles/README.md) (${PROFILE_IDS.map((id) => `[${id}](../profiles/${id}.md)`).join(', ')}).`,
    '',
  ].join('\n');
}

const SETTINGS_ORDER = ['enable', 'run', 'debounceMs', 'language', 'profile', 'include', 'rules', 'sections'] as const;
const nlsKey = (k: string) => `planlint.config.${k}`;

/** `contributes.configuration` of package.json, from the editor settings schema; texts are package.nls keys. */
export function configurationContribution(): unknown {
  const schema = z.toJSONSchema(EditorSettingsSchema, { io: 'input', target: 'draft-7' }) as { properties: Record<string, Record<string, unknown>> };
  const properties: Record<string, unknown> = {};
  for (const key of SETTINGS_ORDER) {
    const p = schema.properties[key];
    if (!p) throw new Error(`setting ${key} missing from EditorSettingsSchema`);
    const { description: _description, ...rest } = p;
    const entry: Record<string, unknown> = { ...rest, markdownDescription: `%${nlsKey(key)}%`, scope: key === 'enable' || key === 'run' || key === 'debounceMs' ? 'window' : 'resource' };
    if (Array.isArray(p.enum) && p.enum.every((v) => `${key}.${v}` in SETTING_DOCS)) entry.enumDescriptions = p.enum.map((v) => `%${nlsKey(`${key}.${v}`)}%`);
    if (key === 'rules') {
      const props = (p.properties ?? {}) as Record<string, Record<string, unknown>>;
      entry.properties = Object.fromEntries(Object.entries(props).map(([name, v]) => [name, { ...v, description: `%${nlsKey(`rules.${name}`)}%` }]));
    }
    properties[`planlint.${key}`] = entry;
  }
  for (const key of Object.keys(schema.properties)) if (!(SETTINGS_ORDER as readonly string[]).includes(key)) throw new Error(`setting ${key} has no place in package.json order`);
  properties['planlint.trace.server'] = {
    type: 'string',
    enum: ['off', 'messages', 'verbose'],
    default: 'off',
    scope: 'window',
    markdownDescription: `%${nlsKey('trace.server')}%`,
  };
  return { title: 'planlint', properties };
}

/** The `planlint.config.*` entries of package.nls.json (en) and package.nls.zh-cn.json (zh). */
export function settingsNls(lang: Lang): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(SETTING_DOCS)) out[nlsKey(k)] = v[lang];
  for (const r of RULES) out[nlsKey(`rules.${r.name}`)] = `${r.description[lang]} ${lang === 'zh' ? '默认' : 'Default'}: ${r.defaultSeverity}.`;
  return out;
}

/** An nls file with its `planlint.config.*` keys replaced by the generated ones, keys sorted. */
export function nlsWithSettings(text: string, lang: Lang): string {
  const current = JSON.parse(text) as Record<string, string>;
  const kept = Object.entries(current).filter(([k]) => !k.startsWith('planlint.config.'));
  const merged = Object.fromEntries([...kept, ...Object.entries(settingsNls(lang))].sort(([a], [b]) => a.localeCompare(b)));
  return json(merged);
}

const NLS_FILES = [
  ['package.nls.json', 'en'],
  ['package.nls.zh-cn.json', 'zh'],
] as const;

/** Every generated file: path relative to the repo root → content. */
export function generatedFiles(): Map<string, string> {
  const files = new Map<string, string>();
  files.set('snippets/markdown.code-snippets', json(snippets()));
  for (const [p, v] of Object.entries(jsonSchemas())) files.set(p, json(v));
  for (const r of RULES) files.set(`docs/rules/${r.name}.md`, ruleDoc(r));
  files.set('docs/rules/README.md', ruleIndex());
  for (const [p, content] of profileDocs()) files.set(p, content);
  return files;
}

/** Folders holding generated files only: any other file in them is left over (a renamed rule or profile). */
export const GENERATED_DIRS = ['docs/rules', 'docs/profiles'] as const;

/** Files in the generated folders that the generator does not write, relative to the root. */
export function leftOver(root: string = ROOT, files: Map<string, string> = generatedFiles()): string[] {
  const out: string[] = [];
  for (const dir of GENERATED_DIRS) {
    const abs = path.join(root, dir);
    if (!fs.existsSync(abs)) continue;
    for (const e of fs.readdirSync(abs, { withFileTypes: true })) {
      const p = `${dir}/${e.name}`;
      if (!files.has(p)) out.push(p);
    }
  }
  return out.sort();
}

/** When the extension starts: on Markdown, and with the window in a workspace holding a config file or a file named like a plan. */
export function activationEvents(): string[] {
  return ['onLanguage:markdown', `workspaceContains:**/${CONFIG_FILE}`, ...PLAN_FILE_GLOBS.map((g) => `workspaceContains:${g}`)];
}

export function packageJsonWithSettings(pkgText: string): string {
  const pkg = JSON.parse(pkgText) as { contributes?: Record<string, unknown>; activationEvents?: string[] };
  pkg.activationEvents = activationEvents();
  pkg.contributes = { ...(pkg.contributes ?? {}), configuration: configurationContribution() };
  return json(pkg);
}

/** Paths whose committed content differs from what would be generated: missing, stale, or left over in a generated folder. */
export function drift(root: string = ROOT): string[] {
  const out: string[] = [];
  const files = generatedFiles();
  for (const [p, content] of files) {
    const abs = path.join(root, p);
    if (!fs.existsSync(abs)) out.push(`${p} (missing)`);
    else if (fs.readFileSync(abs, 'utf8') !== content) out.push(p);
  }
  for (const p of leftOver(root, files)) out.push(`${p} (not generated)`);
  const pkgText = fs.readFileSync(path.join(root, 'package.json'), 'utf8');
  if (packageJsonWithSettings(pkgText) !== pkgText) out.push('package.json (activationEvents, contributes.configuration)');
  for (const [file, lang] of NLS_FILES) {
    const text = fs.readFileSync(path.join(root, file), 'utf8');
    if (nlsWithSettings(text, lang) !== text) out.push(`${file} (planlint.config.*)`);
  }
  return out;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  if (process.argv.includes('--check')) {
    const d = drift();
    if (d.length) {
      console.error(`Generated files are out of date (run npm run generate):\n  ${d.join('\n  ')}`);
      process.exit(1);
    }
  } else {
    const files = generatedFiles();
    for (const [p, content] of files) {
      fs.mkdirSync(path.dirname(path.join(ROOT, p)), { recursive: true });
      fs.writeFileSync(path.join(ROOT, p), content);
    }
    for (const p of leftOver(ROOT, files)) fs.rmSync(path.join(ROOT, p), { recursive: true });
    const pkgPath = path.join(ROOT, 'package.json');
    fs.writeFileSync(pkgPath, packageJsonWithSettings(fs.readFileSync(pkgPath, 'utf8')));
    for (const [file, lang] of NLS_FILES) {
      const p = path.join(ROOT, file);
      fs.writeFileSync(p, nlsWithSettings(fs.readFileSync(p, 'utf8'), lang));
    }
    console.log('generated: snippets, schemas, docs/rules, docs/profiles, package.json settings');
  }
}
