/**
 * A profile of the workspace's own: a JSON or YAML file, validated by ProfileFileSchema (the source of
 * schemas/profile.schema.json), that is either a whole profile or extends a built-in one: `drop` sections,
 * `change` them (rename, change the level, add aliases, keywords and topics, replace the template and
 * guidance) and `add` new ones. Data only: nothing in it runs code or reaches the network. Building the
 * profile is pure; reading the file is in config.ts.
 */
import { z } from 'zod';
import { PROFILE_IDS, getProfile } from './index.js';
import {
  Localized,
  LocalizedLines,
  LocalizedList,
  ProfileSchema,
  ROLES,
  SectionLevel,
  SectionSchema,
  TopicSchema,
  type GuideSection,
  type Profile,
  type Topic,
} from './schema.js';
import { ConfigError, keyPathString, nearest, validateWith } from '../validate.js';

const Id = z.string().regex(/^[a-z][a-z0-9-]*$/);
const nonEmpty = z.string().min(1);
/** Terms added to a section's list, in one language or both. */
const MoreTerms = z.object({ zh: z.array(nonEmpty).optional(), en: z.array(nonEmpty).optional() }).strict();

/** What `change` may say of a section of the extended profile. Lists of terms and topics are added to; the rest replaces. */
export const SectionChangeSchema = z
  .object({
    title: Localized.optional().describe('The canonical heading (renames the section; its id stays).'),
    level: SectionLevel.optional(),
    guideRef: z.union([nonEmpty, Localized]).optional(),
    role: z.enum(ROLES).nullable().optional().describe('The role the section plays for rules, or null to take it away.'),
    aliases: MoreTerms.optional().describe('More headings that mean this section (added to its own).'),
    keywords: MoreTerms.optional().describe('More heading keywords (added).'),
    evidence: MoreTerms.optional().describe('More terms that show the plan discusses the section (added).'),
    strongEvidence: MoreTerms.optional(),
    absence: z.enum(['warning', 'info', 'hint']).optional(),
    aiSpecific: z.boolean().optional(),
    ownModel: z.boolean().optional(),
    topics: z.array(TopicSchema).optional().describe('Topics added to the section (a topic with the id of one of its own replaces it).'),
    dropTopics: z.array(Id).optional().describe('Ids of the section\'s topics to leave out.'),
    guidance: Localized.optional(),
    template: LocalizedLines.optional(),
  })
  .strict();

/** A section added by an extending profile: a section, placed after another (`after`), else at the end. */
export const AddedSectionSchema = SectionSchema.extend({
  guideRef: z.union([nonEmpty, Localized]).default({ zh: '本工作区的配置', en: "the workspace's profile" }),
  aliases: LocalizedList.default({ zh: [], en: [] }),
  keywords: LocalizedList.default({ zh: [], en: [] }),
  topics: z.array(TopicSchema).default([]),
  after: Id.optional().describe('Id of the section it follows (of the extended profile or added before it).'),
}).strict();

/** A workspace profile file: a whole profile, or `extends` with `drop`, `change` and `add`. */
export const ProfileFileSchema = z
  .object({
    $schema: z.string().optional(),
    id: Id,
    extends: z.enum(PROFILE_IDS as [string, ...string[]]).optional().describe('A built-in profile this one starts from.'),
    name: Localized.optional(),
    description: Localized.optional(),
    sections: z.array(z.unknown()).optional().describe('All the sections, in order (a profile that extends none).'),
    drop: z.array(Id).optional().describe('Ids of sections of the extended profile to leave out.'),
    change: z.record(z.string(), SectionChangeSchema).optional().describe('Changes to sections of the extended profile, by id.'),
    add: z.array(AddedSectionSchema).optional().describe('New sections.'),
    aiTerms: z.unknown().optional(),
    aiTermsNot: z.unknown().optional(),
    aiMentions: z.unknown().optional(),
    hostedModelTerms: z.unknown().optional(),
    ownModelTerms: z.unknown().optional(),
    hostedMentions: z.unknown().optional(),
    stakesMentions: z.unknown().optional(),
  })
  .strict()
  .superRefine((p, ctx) => {
    if (p.extends) {
      if (p.sections) ctx.addIssue({ code: 'custom', path: ['sections'], message: 'a profile that extends another lists no sections; use "drop", "change" and "add"' });
    } else {
      for (const k of ['drop', 'change', 'add'] as const) {
        if (p[k]) ctx.addIssue({ code: 'custom', path: [k], message: `"${k}" needs "extends" (the built-in profile it changes: ${PROFILE_IDS.join(', ')})` });
      }
      for (const k of ['name', 'description', 'sections'] as const) {
        if (p[k] === undefined) ctx.addIssue({ code: 'custom', path: [k], message: `expected "${k}" (or "extends" and a built-in profile: ${PROFILE_IDS.join(', ')})` });
      }
    }
  });
export type ProfileFile = z.infer<typeof ProfileFileSchema>;

/** The JSON Schema of a profile file: the file schema, whose `sections` are the sections of a whole profile. */
export function profileFileJsonSchema(): Record<string, unknown> {
  const file = z.toJSONSchema(ProfileFileSchema, { io: 'input', target: 'draft-7', unrepresentable: 'any' }) as Record<string, any>;
  const whole = z.toJSONSchema(ProfileSchema, { io: 'input', target: 'draft-7' }) as Record<string, any>;
  for (const k of ['sections', 'aiTerms', 'aiTermsNot', 'aiMentions', 'hostedModelTerms', 'ownModelTerms', 'hostedMentions', 'stakesMentions']) {
    file.properties[k] = { ...whole.properties[k], ...(file.properties[k]?.description ? { description: file.properties[k].description } : {}) };
  }
  return file;
}

const union = (a: string[], b: string[] = []) => [...a, ...b.filter((x) => !a.includes(x))];
const more = (base: { zh: string[]; en: string[] }, add?: { zh?: string[] | undefined; en?: string[] | undefined }) =>
  add ? { zh: union(base.zh, add.zh), en: union(base.en, add.en) } : base;

/**
 * The profile a file describes, validated as a whole profile; every problem as a ConfigError naming the file
 * and the key (`change.market-demand.level`). Never throws.
 */
export function buildProfile(value: unknown, file: string): { profile?: Profile; errors: ConfigError[] } {
  const r = validateWith(ProfileFileSchema, value, file);
  if (!r.value) return { errors: r.errors };
  const p = r.value;
  if (!p.extends) {
    const whole = validateWith(ProfileSchema, value, file);
    return whole.value ? { profile: whole.value, errors: [] } : { errors: whole.errors };
  }
  const base = getProfile(p.extends);
  const known = base.sections.map((s) => s.id);
  const errors: ConfigError[] = [];
  const unknownId = (keyPath: (string | number)[], id: string, among = known) => {
    const near = nearest(id, among);
    errors.push(
      new ConfigError(file, keyPathString(keyPath), `unknown section "${id}"${near ? ` (did you mean "${near}"?)` : ''}; expected one of: ${among.join(', ')} (the sections of profile "${p.extends}")`),
    );
  };
  const dropped = new Set<string>();
  (p.drop ?? []).forEach((id, i) => (known.includes(id) ? dropped.add(id) : unknownId(['drop', i], id)));
  const sections: GuideSection[] = [];
  for (const s of base.sections) {
    if (dropped.has(s.id)) continue;
    const c = Object.prototype.hasOwnProperty.call(p.change ?? {}, s.id) ? p.change![s.id] : undefined;
    if (!c) {
      sections.push({ ...s, coveredBy: s.coveredBy.filter((x) => !dropped.has(x)) });
      continue;
    }
    const drop = new Set(c.dropTopics ?? []);
    (c.dropTopics ?? []).forEach((t, i) => {
      if (!s.topics.some((x) => x.id === t)) errors.push(new ConfigError(file, keyPathString(['change', s.id, 'dropTopics', i]), `unknown topic "${t}"; the topics of "${s.id}" are: ${s.topics.map((x) => x.id).join(', ') || 'none'}`));
    });
    const added = new Map((c.topics ?? []).map((t) => [t.id, t]));
    const topics: Topic[] = [...s.topics.filter((t) => !drop.has(t.id)).map((t) => added.get(t.id) ?? t), ...(c.topics ?? []).filter((t) => !s.topics.some((x) => x.id === t.id))];
    const { role, aliases, keywords, evidence, strongEvidence, topics: _t, dropTopics: _d, ...rest } = c;
    const next: GuideSection = {
      ...s,
      ...Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined)),
      // a renamed section is still found under its old title
      aliases: more(c.title ? more(s.aliases, { zh: [s.title.zh], en: [s.title.en] }) : s.aliases, aliases),
      keywords: more(s.keywords, keywords),
      evidence: more(s.evidence, evidence),
      strongEvidence: more(s.strongEvidence, strongEvidence),
      topics,
      coveredBy: s.coveredBy.filter((x) => !dropped.has(x)),
    };
    if (role === null) delete next.role;
    else if (role) next.role = role;
    sections.push(next);
  }
  for (const id of Object.keys(p.change ?? {})) {
    if (!known.includes(id)) unknownId(['change', id], id);
    else if (dropped.has(id)) errors.push(new ConfigError(file, keyPathString(['change', id]), `section "${id}" is dropped in "drop"; change it or drop it, not both`));
  }
  (p.add ?? []).forEach(({ after, ...s }, i) => {
    const ids = sections.map((x) => x.id);
    if (ids.includes(s.id)) {
      errors.push(new ConfigError(file, keyPathString(['add', i, 'id']), `section "${s.id}" is already in the profile; change it under "change"`));
      return;
    }
    if (after === undefined) {
      sections.push(s);
      return;
    }
    const at = ids.indexOf(after);
    if (at < 0) return unknownId(['add', i, 'after'], after, ids);
    sections.splice(at + 1, 0, s);
  });
  if (errors.length) return { errors };
  const { extends: _e, drop: _dr, change: _c, add: _a, ...top } = p;
  const merged = { ...base, ...Object.fromEntries(Object.entries(top).filter(([, v]) => v !== undefined)), sections };
  const whole = ProfileSchema.safeParse(merged);
  if (whole.success) return { profile: whole.data, errors: [] };
  // what the merged profile breaks (two sections with one role, a coveredBy naming a dropped section), by section id
  return {
    errors: whole.error.issues.map((issue) => {
      const [head, index, ...tail] = issue.path;
      const path = head === 'sections' && typeof index === 'number' ? [`sections "${sections[index]?.id ?? index}"`, ...tail] : issue.path;
      return new ConfigError(file, keyPathString(path.map((k) => (typeof k === 'symbol' ? String(k) : k))), `${issue.message} (in the profile "${p.extends}" extended by this file)`);
    }),
  };
}
