/**
 * The shape of a guide profile. A profile is data only (a JSON file in
 * `profiles/`), validated by this schema when it is loaded. Everything the
 * product shows about a guide section (titles, aliases, topics, templates,
 * guidance) comes from a profile; nothing is duplicated in code.
 */
import { z } from 'zod';

export const LANGS = ['zh', 'en'] as const;
export type Lang = (typeof LANGS)[number];

const nonEmpty = z.string().min(1);
export const Localized = z.object({ zh: nonEmpty, en: nonEmpty }).strict();
export const LocalizedList = z
  .object({ zh: z.array(nonEmpty), en: z.array(nonEmpty) })
  .strict();
/** Multi-line text kept as an array of lines so the JSON stays readable. */
export const LocalizedLines = z
  .object({ zh: z.array(z.string()).min(1), en: z.array(z.string()).min(1) })
  .strict();

export const SectionLevel = z.enum(['required', 'recommended', 'optional']);
export type SectionLevel = z.infer<typeof SectionLevel>;

/**
 * What rules need a profile's sections for, whatever the profile calls them: a rule asks for a role
 * (the market chapter, the risks), never for a section id, and is silent in a profile without it.
 */
export const ROLES = ['market', 'competition', 'team', 'financial-forecast', 'funding', 'risks'] as const;
export type Role = (typeof ROLES)[number];

export const TopicSchema = z
  .object({
    /** kebab-case, unique within its section */
    id: z.string().regex(/^[a-z][a-z0-9-]*$/),
    title: Localized,
    /**
     * Words whose presence in the section's text shows the topic is covered.
     * Latin keywords match case-insensitively at a word start (a keyword may be
     * a stem: `anonymi` matches anonymisation and anonymization); CJK keywords
     * match anywhere.
     */
    keywords: LocalizedList,
    /** One line inserted by the missing-topic fix; must contain a keyword. */
    scaffold: Localized,
    /**
     * The topic is about training a model of one's own (adversarial training): a plan built on a hosted
     * model is not asked for it, and its block of the section's template (the one headed `**title**`)
     * is left out of what fixes and completion insert there.
     */
    ownModel: z.boolean().default(false),
  })
  .strict();
export type Topic = z.infer<typeof TopicSchema>;

export const SectionSchema = z
  .object({
    /** The guide digest's section id, e.g. `market-demand`. */
    id: z.string().regex(/^[a-z][a-z0-9-]*$/),
    level: SectionLevel,
    /** Where the guide discusses it, e.g. `1.18.1 (1)`; in words for each language where it is no numbered section. */
    guideRef: z.union([nonEmpty, Localized]),
    /** What rules read this section for (market figures, risks, the raise...): at most one section per role. */
    role: z.enum(ROLES).optional(),
    /** Canonical heading, used for inserted sections and completion. */
    title: Localized,
    /** Other headings that mean the same (matched after normalisation). */
    aliases: LocalizedList,
    /**
     * Weaker evidence: words that, found in a heading that matches no alias,
     * point at this section (e.g. `隐私`, `privacy`).
     */
    keywords: LocalizedList,
    /**
     * Terms that show a plan discusses the section in its text, wherever it
     * stands (`脱敏`, `GDPR`, `personal data`): a required section with no
     * heading of its own but discussed in other chapters is reported as buried
     * there, not as absent. Empty: only headings count.
     */
    evidence: LocalizedList.default({ zh: [], en: [] }),
    /** Evidence terms that name the section outright (`隐私`, `privacy`): one sentence with one of them is enough. */
    strongEvidence: LocalizedList.default({ zh: [], en: [] }),
    /**
     * The guide asks for the section because the product is an AI product: when
     * the plan hardly speaks of AI (fewer than `aiMentions` of the profile's
     * `aiTerms`), its absence is information rather than an error.
     */
    aiSpecific: z.boolean().default(false),
    /**
     * The section matters chiefly for a model the startup trains itself: in a
     * plan built on a hosted model (at least `hostedMentions` mentions of the
     * profile's `hostedModelTerms`, fewer than two of its `ownModelTerms`),
     * its absence is information rather than an error (unless `stakes` says otherwise).
     */
    ownModel: z.boolean().default(false),
    /**
     * Domains where the section decides how far users can trust the product
     * (health, credit, hiring, education, justice): when given, the section's
     * absence is an error only in a plan that names them at least
     * `stakesMentions` times (hosted model or not), and information elsewhere.
     */
    stakes: LocalizedList.optional(),
    /**
     * How loud the absence of a recommended section is by default, where the rule's `recommended` option is
     * left at its default (info): `warning` for what an advisor asks of any business plan (the team, the
     * forecast, the risks), `hint` for what the guide recommends but real plans rarely give a chapter of its
     * own (continuous learning). Measured on real plans; see the profile's sections.
     */
    absence: z.enum(['warning', 'info', 'hint']).optional(),
    /**
     * Sections whose chapter also covers this one (a technical-implementation
     * chapter covers technical feasibility): when one is present, this one is
     * not reported missing.
     */
    coveredBy: z.array(z.string()).default([]),
    topics: z.array(TopicSchema),
    /** Short explanation of what the guide expects, shown on hover and in docs. */
    guidance: Localized,
    /**
     * Body of the section (without its heading) inserted by fixes and snippets.
     * `[...]` marks a fill-in (a snippet placeholder; the placeholder rule flags
     * it until the founder replaces it).
     */
    template: LocalizedLines,
  })
  .strict();
export type GuideSection = z.infer<typeof SectionSchema>;

export const ProfileSchema = z
  .object({
    $schema: z.string().optional(),
    id: z.string().regex(/^[a-z][a-z0-9-]*$/),
    name: Localized,
    description: Localized,
    /** Sections in the guide's canonical order. */
    sections: z.array(SectionSchema).min(1),
    /** Words that show a plan is about an AI product (see SectionSchema.aiSpecific). */
    aiTerms: LocalizedList.default({ zh: [], en: [] }),
    /** Phrases in which an AI term means something else ("business model", 盈利模型): not counted as mentions. */
    aiTermsNot: LocalizedList.default({ zh: [], en: [] }),
    /** Mentions of aiTerms from which a plan counts as describing an AI product. */
    aiMentions: z.number().int().min(0).default(5),
    /** Names of hosted models and their APIs (OpenAI, 通义千问): a plan that builds on one (see SectionSchema.ownModel). */
    hostedModelTerms: LocalizedList.default({ zh: [], en: [] }),
    /** Words of training a model of one's own (训练, fine-tuning, dataset). */
    ownModelTerms: LocalizedList.default({ zh: [], en: [] }),
    /** Mentions of hostedModelTerms from which a plan counts as built on a hosted model. */
    hostedMentions: z.number().int().min(1).default(4),
    /** Mentions of a section's `stakes` from which a plan counts as working in a high-stakes domain. */
    stakesMentions: z.number().int().min(1).default(5),
  })
  .strict()
  .superRefine((p, ctx) => {
    const ids = new Set(p.sections.map((s) => s.id));
    p.sections.forEach((s, i) =>
      s.coveredBy.forEach((c, j) => {
        if (!ids.has(c) || c === s.id) ctx.addIssue({ code: 'custom', path: ['sections', i, 'coveredBy', j], message: `"${c}" is not another section of the profile` });
      }),
    );
    const roles = new Map<string, string>();
    p.sections.forEach((s, i) => {
      if (!s.role) return;
      const other = roles.get(s.role);
      if (other) ctx.addIssue({ code: 'custom', path: ['sections', i, 'role'], message: `role "${s.role}" is already played by section "${other}"` });
      roles.set(s.role, s.id);
    });
    const seen = new Set<string>();
    p.sections.forEach((s, i) => {
      if (seen.has(s.id)) {
        ctx.addIssue({ code: 'custom', path: ['sections', i, 'id'], message: `duplicate section id "${s.id}"` });
      }
      seen.add(s.id);
      const topicIds = new Set<string>();
      s.topics.forEach((t, j) => {
        if (topicIds.has(t.id)) {
          ctx.addIssue({ code: 'custom', path: ['sections', i, 'topics', j, 'id'], message: `duplicate topic id "${t.id}"` });
        }
        topicIds.add(t.id);
      });
    });
  });
export type Profile = z.infer<typeof ProfileSchema>;
