/**
 * The profile docs: `docs/profiles/<id>.md` for every built-in profile and `docs/profiles/README.md`,
 * an index. Everything on them comes from the profile data (and, for how loud an absence is, from the
 * missing-section rule's defaults); nothing is written by hand per profile.
 */
import { getProfile, DEFAULT_PROFILE, PROFILE_IDS, RULES_BY_NAME } from '../server/src/core/index.js';
import { guideRefOf } from '../server/src/core/profile/index.js';
import { SectionLevel, type GuideSection, type Profile } from '../server/src/core/profile/schema.js';

type List = { zh: readonly string[]; en: readonly string[] };

const LEVELS = SectionLevel.options;

/** A term as inline code, safe for any backticks in it. */
function code(s: string): string {
  const runs = s.match(/`+/g) ?? [];
  const ticks = '`'.repeat(Math.max(0, ...runs.map((r) => r.length)) + 1);
  const pad = s.startsWith('`') || s.endsWith('`') ? ' ' : '';
  return `${ticks}${pad}${s}${pad}${ticks}`;
}

/** Text for a table cell: no line breaks, `|` escaped. */
const cell = (s: string) => s.replace(/\r?\n/g, ' ').replace(/\|/g, '\\|');

const terms = (xs: readonly string[]) => (xs.length ? xs.map(code).join(', ') : '—');

/** A fenced block that no line of its content can close. */
function fenced(lines: readonly string[], info: string): string {
  const longest = Math.max(0, ...lines.flatMap((l) => (l.match(/`{3,}|~{3,}/g) ?? []).map((r) => r.length)));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return [fence + info, ...lines, fence].join('\n');
}

/** The missing-section rule's severities by level, as its options default. */
export function levelDefaults(): Record<SectionLevel, string> {
  const rule = RULES_BY_NAME.get('missing-section');
  if (!rule) throw new Error('missing-section rule not found');
  return rule.options.parse({}) as Record<SectionLevel, string>;
}

/** How loud a section's absence is by default: the level's severity, or the profile's `absence` for a recommended one. */
export function absenceOf(g: GuideSection, defaults: Record<SectionLevel, string>): string {
  return g.level === 'recommended' && g.absence && defaults.recommended === 'info' ? g.absence : defaults[g.level];
}

/** When a required section's absence is softer than an error, from its flags (the order missing-section applies them in). */
export function softerAbsence(g: GuideSection, p: Profile, severity: string): string[] {
  if (g.level !== 'required' || severity !== 'error') return [];
  const out: string[] = [];
  if (g.aiSpecific) {
    out.push(`info in a plan that hardly speaks of AI (fewer than ${p.aiMentions} mentions of the profile's AI terms), with a hint to set the section's level to off for a product that is no AI product.`);
  }
  if (g.stakes) {
    const both = [...new Set([...g.stakes.en, ...g.stakes.zh])];
    out.push(
      `an error only in a plan that names a high-stakes use at least ${p.stakesMentions} times (${terms(both)}); info elsewhere, with what such a plan can explain.`,
    );
  }
  if (g.ownModel) {
    out.push(
      `info in a plan built on a hosted model (at least ${p.hostedMentions} mentions of the profile's hosted-model terms, fewer than two of its own-model terms)${g.stakes ? ' that names no high-stakes use that often' : ''}.`,
    );
  }
  return out;
}

const sectionLink = (id: string) => `[${id}](#${id})`;

function termLines(label: string, list: List): string[] {
  if (!list.en.length && !list.zh.length) return [];
  return [`- ${label} (en): ${terms(list.en)}`, `- ${label} (zh): ${terms(list.zh)}`];
}

function sectionPart(g: GuideSection, p: Profile, defaults: Record<SectionLevel, string>): string[] {
  const severity = absenceOf(g, defaults);
  const softer = softerAbsence(g, p, severity);
  const coveringThis = p.sections.filter((s) => s.coveredBy.includes(g.id)).map((s) => s.id);
  const guide = guideRefOf(g, 'en') === guideRefOf(g, 'zh') ? guideRefOf(g, 'en') : `${guideRefOf(g, 'en')} / ${guideRefOf(g, 'zh')}`;
  const out: string[] = [
    `### ${g.id}`,
    '',
    `**${g.title.en}** / **${g.title.zh}**`,
    '',
    `- Level: ${g.level}${g.role ? `; role: \`${g.role}\`` : ''}; guide: ${guide}`,
    `- Absence: ${severity}${g.level === 'recommended' && g.absence ? ` (the profile's \`absence\`; setting missing-section's \`recommended\` option applies that severity instead)` : ''}${softer.length ? '; instead:' : ''}`,
    ...softer.map((s) => `  - ${s}`),
  ];
  if (g.coveredBy.length) out.push(`- Covered by: ${g.coveredBy.map(sectionLink).join(', ')} (when one of them is present, this section is not reported missing)`);
  if (coveringThis.length) out.push(`- Covers: ${coveringThis.map(sectionLink).join(', ')}`);
  out.push(
    ...termLines('Aliases', g.aliases),
    ...termLines('Heading keywords', g.keywords),
    ...termLines('Evidence in the text', g.evidence),
    ...termLines('Strong evidence', g.strongEvidence),
    '',
    '**Guidance**',
    '',
    `> ${g.guidance.en}`,
    '>',
    `> ${g.guidance.zh}`,
    '',
  );
  if (g.topics.length) {
    out.push(
      '**Topics**',
      '',
      '| topic | title (en / zh) | keywords (en) | keywords (zh) |',
      '|---|---|---|---|',
      ...g.topics.map(
        (t) => `| ${t.id}${t.ownModel ? ' (own model only)' : ''} | ${cell(t.title.en)} / ${cell(t.title.zh)} | ${cell(terms(t.keywords.en))} | ${cell(terms(t.keywords.zh))} |`,
      ),
      '',
    );
  }
  for (const lang of ['en', 'zh'] as const) {
    out.push(`**Template (${lang})**`, '', fenced([`## ${g.title[lang]}`, '', ...g.template[lang]], 'markdown'), '');
  }
  return out;
}

function signals(p: Profile): string[] {
  const rows: [string, List, string][] = [
    ['AI terms', p.aiTerms, `a plan counts as describing an AI product from ${p.aiMentions} mentions`],
    ['Not AI terms', p.aiTermsNot, 'phrases in which an AI term means something else, not counted'],
    ['Hosted-model terms', p.hostedModelTerms, `a plan counts as built on a hosted model from ${p.hostedMentions} mentions`],
    ['Own-model terms', p.ownModelTerms, 'words of training a model of one\'s own'],
  ];
  const used = rows.filter(([, l]) => l.en.length || l.zh.length);
  if (!used.length) return [];
  return [
    '## Plan signals',
    '',
    'Words the checks count in the whole plan to decide how loud some absences are.',
    '',
    ...used.flatMap(([label, l, what]) => [`- ${label} (${what}):`, `  - en: ${terms(l.en)}`, `  - zh: ${terms(l.zh)}`]),
    '',
  ];
}

const GENERATED = '> Generated from the profile data; do not edit by hand.';

export function profilePage(id: string): string {
  const p = getProfile(id);
  const defaults = levelDefaults();
  const anySofter = p.sections.some((g) => softerAbsence(g, p, absenceOf(g, defaults)).length > 0);
  return [
    `# ${p.name.en} / ${p.name.zh} (\`${p.id}\`)`,
    '',
    GENERATED,
    '',
    p.description.en,
    '',
    p.description.zh,
    '',
    `Choose it with \`"profile": "${p.id}"\` in \`planlint.config.json\`, \`planlint: { profile: ${p.id} }\` in a plan's front matter, or \`--profile ${p.id}\`${p.id === DEFAULT_PROFILE ? ' (it is the default)' : ''}. A profile of your own can extend it (\`extends: ${p.id}\`); see [the profiles](README.md).`,
    '',
    '## Sections',
    '',
    `In the guide's order. *Absence* is the default severity of [missing-section](../rules/missing-section.md) when the section is not in the plan${anySofter ? ' (†: softer in some plans, see the section)' : ''}; \`sections\` in the config changes a section's level.`,
    '',
    '| # | id | level | title (en / zh) | role | absence | covered by |',
    '|---|---|---|---|---|---|---|',
    ...p.sections.map((g, i) => {
      const severity = absenceOf(g, defaults);
      const mark = softerAbsence(g, p, severity).length ? ' †' : '';
      return `| ${i + 1} | ${sectionLink(g.id)} | ${g.level} | ${cell(g.title.en)} / ${cell(g.title.zh)} | ${g.role ? `\`${g.role}\`` : ''} | ${severity}${mark} | ${g.coveredBy.map(sectionLink).join(', ')} |`;
    }),
    '',
    ...signals(p),
    '## Sections in detail',
    '',
    ...p.sections.flatMap((g) => sectionPart(g, p, defaults)),
  ].join('\n');
}

export function profileIndex(): string {
  const other = PROFILE_IDS.find((id) => id !== DEFAULT_PROFILE) ?? DEFAULT_PROFILE;
  const count = (p: Profile, l: SectionLevel) => p.sections.filter((s) => s.level === l).length;
  return [
    '# Profiles',
    '',
    GENERATED,
    '',
    'A profile is the guide a plan is checked against: its sections in order, with levels, roles, titles and aliases in Chinese and English, topics with keywords, templates and guidance.',
    '',
    `| id | name | ${LEVELS.join(' | ')} | description |`,
    `|---|---|${LEVELS.map(() => '---|').join('')}---|`,
    ...PROFILE_IDS.map((id) => {
      const p = getProfile(id);
      return `| [${id}](${id}.md)${id === DEFAULT_PROFILE ? ' (default)' : ''} | ${cell(p.name.en)} / ${cell(p.name.zh)} | ${LEVELS.map((l) => count(p, l)).join(' | ')} | ${cell(p.description.en)}<br>${cell(p.description.zh)} |`;
    }),
    '',
    '## Choosing a profile',
    '',
    `- In \`planlint.config.json\` (or the editor setting \`planlint.profile\`): \`"profile": "${other}"\`.`,
    `- In a plan's front matter, for that plan only: \`planlint: { profile: ${other} }\`.`,
    `- On the command line, for one run: \`planlint --profile ${other} plan.md\`.`,
    '',
    `Without one, plans are checked against \`${DEFAULT_PROFILE}\`. The keys of \`sections\` in the config are the section ids of the profile in force, listed on its page.`,
    '',
    '## A profile of your own',
    '',
    `\`profile\` may also be the path of a profile file (JSON with comments, or YAML) that lists every section or extends a built-in profile (\`extends\`: ${PROFILE_IDS.map(code).join(', ')}) with \`drop\`, \`change\` and \`add\`. Its JSON Schema is [schemas/profile.schema.json](../../schemas/profile.schema.json); the README's [A profile of your own](../../README.md#a-profile-of-your-own) explains it, and [examples/custom-profile/](../../examples/custom-profile/) is a plan checked against such a profile.`,
    '',
  ].join('\n');
}

/** Every profile doc: path relative to the repo root → content. */
export function profileDocs(): Map<string, string> {
  const files = new Map<string, string>();
  for (const id of PROFILE_IDS) files.set(`docs/profiles/${id}.md`, profilePage(id));
  files.set('docs/profiles/README.md', profileIndex());
  return files;
}
