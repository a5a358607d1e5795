import { z } from 'zod';
import type { Span } from '../types.js';
import { defineRule } from './rule.js';
import { t, type MessageKey } from '../i18n.js';
import { insertSections, insertSectionTitle } from '../fixes.js';
import type { SeveritySetting } from '../types.js';
import { getProfile } from '../profile/index.js';
import { aiMentions, bothLanguages, planOnHostedModel } from '../evidence.js';

/** A plan with every required and recommended section of the default profile, one line each. */
const completeOutline = getProfile()
  .sections.filter((s) => s.level !== 'optional')
  .map((s) => `## ${s.title.en}\n\nText.\n`)
  .join('\n');

const Sev = z.enum(['error', 'warning', 'info', 'hint', 'off']);

/**
 * The place of a missing section: the last word before `offset` (where its fix inserts it), so that the
 * editor marks the end of the chapter it would follow; the title (or line 1) when nothing but blank text is
 * before it.
 */
export function insertAnchor(text: string, offset: number, fallback: Span): Span {
  let end = Math.min(offset, text.length);
  while (end > 0 && /\s/.test(text[end - 1]!)) end--;
  if (end <= fallback.end) return fallback;
  let start = end;
  // (a bounded look back: a word, never more than 40 characters)
  while (start > 0 && end - start < 40 && !/\s/.test(text[start - 1]!)) start--;
  return { start, end };
}

export default defineRule({
  id: 'PL001',
  name: 'missing-section',
  description: {
    en: 'A section the guide expects is absent from the plan.',
    zh: '计划书缺少指南要求的章节。',
  },
  defaultSeverity: 'error',
  fixable: true,
  options: z
    .object({
      required: Sev.default('error').describe('Severity for a missing required section.'),
      recommended: Sev.default('info').describe('Severity for a missing recommended section.'),
      optional: Sev.default('off').describe('Severity for a missing optional section (information when on).'),
    })
    .strict(),
  docs: {
    details: {
      en: 'Every section of the guide is looked for under any heading level, wording or numbering, in Chinese or English. Each absent one is reported on its own, all at once (a required section the text discusses in other chapters without a heading of its own is reported by buried-section instead), where it would go: on the last word of the chapter its fix inserts it after (at the title when it would come first), so the editor shows each gap in its place and the quick fix under the cursor is that gap\'s. In a plan split across files it is reported in the index, at the plan\'s title. A section another chapter covers by the guide\'s own structure (technical feasibility inside a technical-implementation chapter) is not missing. Severity follows the section\'s level: required sections are errors, recommended ones information, optional ones off unless enabled. How loud a recommended section\'s absence is was measured on real plans and is set in the profile: a warning for what an advisor asks of any business plan (team, financial forecast, risk management: right 36 times in 40), a hint for what the guide recommends but real plans seldom give a chapter (continuous learning, security and robustness, ethics, technical implementation, marketing, executive summary, financing: right 15 times in 163), information for the rest; setting `recommended` to another severity applies it to all. A required section the guide asks of AI products (technical feasibility, data privacy, model explainability) is information, not an error, in a plan that hardly speaks of AI (fewer than five mentions of models, AI, LLMs...), with a hint to set its level to off if the product is not an AI product. Model explainability matters most where the model\'s answers decide something serious (the guide names finance and healthcare): its absence is an error in a plan that names such a use at least five times (health, credit, insurance, hiring, students and exams, legal, welfare, biometrics), and information elsewhere, with what such a plan can explain (measured on real plans: the absence was right 8 times in 8 where the plan names such a use, and 4 times in 17 elsewhere). Setting the rule to one severity applies it to every level that is not off. The fix inserts the section with a template, in the plan\'s language, as a chapter like the plan\'s own: after the whole chapter of the nearest guide section that precedes it (never inside an unrelated chapter), at the plan\'s chapter level, numbered in the plan\'s style (`九、`, `9.`, `IX.`, `第九章`) with the number after the chapter before it, separated by `---` where the plan\'s chapters are, and above a closing `---` and the short lines after it. A fix only inserts: the chapters after the new one keep their numbers, so renumber them when you fill it in.',
      zh: '在任意标题层级、措辞或编号下，以中文或英文查找指南中的每个章节。每个缺失的章节单独报告、一次全部列出（正文在其他章中讨论过、只是没有单独标题的必需章节改由 buried-section 报告），位置在它应在之处：修复会把它插在哪一章之后，就标在那一章最后一个词上（应排在最前时标在标题上），这样编辑器在各自的位置显示每个缺口，光标处的快速修复就是这个缺口的修复。分成多个文件的计划书在索引文件的标题处报告。按指南结构由其他章覆盖的章节（如技术实施一章中的技术可行性）不算缺失。严重程度取决于章节级别：必需章节为错误，推荐章节为提示信息，可选章节默认关闭。推荐章节缺失时的级别按真实计划书上的测量写在配置档中：顾问对任何商业计划书都会要求的章节（团队、财务预测、风险管理：40 次中 36 次正确）为警告；指南推荐、但真实计划书很少单独成章的章节（持续学习、模型安全与鲁棒性、伦理、技术实施、营销、执行摘要、融资：163 次中 15 次正确）为“提示”；其余为提示信息；将 `recommended` 设为其他级别则对全部推荐章节使用该级别。指南对 AI 产品要求的必需章节（技术可行性、数据隐私、模型可解释性）在几乎不谈 AI 的计划书中（模型、AI、大模型等提及少于五次）为信息而非错误，并提示若产品并非 AI 产品可将其级别设为 off。模型可解释性在模型结果事关重大的场景中最重要（指南举了金融与医疗）：计划书提及此类用途（医疗、信贷、保险、招聘、学生与考试、法律、养老、生物识别等）五次以上时，缺失为错误；否则为信息，并说明此类计划书可以写什么（在真实计划书上：提及此类用途时 8 次中 8 次正确，其余 17 次中 4 次正确）。若为本规则设置单一严重程度，则对所有未关闭的级别生效。修复会按计划书的语言插入带模板的章节，写法与计划书自己的章一致：放在指南顺序中前一个已有章节所在的整章之后（绝不插进无关的章内），使用计划书的章标题层级，按计划书的编号方式（`九、`、`9.`、`IX.`、`第九章`）取前一章的下一个编号，计划书各章之间用 `---` 分隔时也同样分隔，并放在结尾的 `---` 及其后几行短文字之前。修复只插入文字：新章之后各章的编号保持不变，填写时请自行调整编号。',
    },
    valid: `# Acme AI\n\n${completeOutline}`,
    invalid: '# Acme AI\n\n## Market demand\n\nText.\n\n## Technical feasibility\n\nText.\n',
  },
  check(ctx) {
    const { plan, profile, analysis, options, configuredSeverity } = ctx;
    let ai: boolean | undefined;
    const aiProduct = () => (ai ??= aiMentions(plan, [...profile.aiTerms.zh, ...profile.aiTerms.en], profile.aiMentions, bothLanguages(profile.aiTermsNot)) >= profile.aiMentions);
    const onHostedModel = () => planOnHostedModel(plan, profile);
    const highStakes = (terms: readonly string[]) => aiMentions(plan, terms, profile.stakesMentions) >= profile.stakesMentions;
    /** Why an absence the guide calls required hardly applies to this plan, or null. */
    const softerAbsence = (g: (typeof profile.sections)[number]): MessageKey | null => {
      // a section the guide asks of AI products, in a plan that hardly speaks of AI
      if (g.aiSpecific && !aiProduct()) return 'missing-section.required-ai';
      // a section that matters where the product's answers decide something serious (the guide: finance, healthcare)
      if (g.stakes && highStakes(bothLanguages(g.stakes))) return null;
      // a section about a model of one's own, in a plan built on a hosted model: say what such a plan can explain
      if (g.ownModel && onHostedModel()) return 'missing-section.required-hosted';
      return g.stakes ? 'missing-section.required-stakes' : null;
    };
    const anchor = plan.titleIndex !== null ? plan.sections[plan.titleIndex]!.heading : { start: 0, end: plan.lines.lineEnd(0) };
    for (const g of profile.sections) {
      if (g.level === 'off' || analysis.bySection.has(g.id) || analysis.coveredBy(g.id) !== undefined) continue;
      // a required section the text discusses without a heading of its own is buried, not absent (buried-section)
      if (g.level === 'required' && analysis.buried(g.id)) continue;
      // a recommended section's absence is as loud as the profile measured it, unless the user set the level
      const levelSeverity: SeveritySetting = g.level === 'recommended' && g.absence && options.recommended === 'info' ? g.absence : options[g.level];
      let severity = levelSeverity === 'off' ? 'off' : (configuredSeverity ?? levelSeverity);
      if (severity === 'off') continue;
      let key: MessageKey = `missing-section.${g.level}`;
      // a required error the user did not set: information, with its reason, where the section hardly applies
      if (g.level === 'required' && configuredSeverity === undefined && severity === 'error') {
        const softer = softerAbsence(g);
        if (softer) {
          severity = 'info';
          key = softer;
        }
      }
      const title = g.title[ctx.lang];
      const edits = insertSections(plan, analysis, profile, [g.id], ctx.docLang);
      ctx.report({
        // where the section would go: the end of the text the fix inserts it after (the title, when it goes first)
        ...(edits[0] ? insertAnchor(plan.text, edits[0].start, anchor) : anchor),
        severity,
        section: g.id,
        message: t(ctx.lang, key, { title, id: g.id }),
        fix: { title: insertSectionTitle(g, ctx.lang, ctx.docLang), edits },
      });
    }
  },
});
