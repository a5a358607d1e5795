import { z } from 'zod';
import { defineRule } from './rule.js';
import { t } from '../i18n.js';
import { insertSections, insertSectionTitle } from '../fixes.js';

export default defineRule({
  id: 'PL013',
  name: 'buried-section',
  description: {
    en: 'A required section has no heading of its own: the plan discusses it only inside other chapters.',
    zh: '必需章节没有自己的标题：计划书只在其他章中提及它。',
  },
  // measured on real plans: 19 of 34 findings right (58 %); a warning needs 85 %. Technical feasibility and
  // market demand run through any plan (the product chapter tells the technology), so "only in passing" is weak
  // evidence for them; data privacy is right 10 times in 13. Information until the evidence is sharper.
  defaultSeverity: 'info',
  fixable: true,
  options: z.object({}).strict(),
  docs: {
    details: {
      en: 'A required guide section that no heading names, but that the plan\'s text discusses (in two sentences or more, with two or more of the section\'s terms: `GDPR`, `encryption`, `personal data` for data privacy), is not absent: it is buried in other chapters. It is reported here, on the chapter that says most about it, with the other places as related information, instead of as a missing section (an error), at information level: on real plans it was right 19 times in 34 (58 %), less than a warning needs; set it to `warning` to see it more. A section the plan never discusses stays a missing-section error. The fix inserts the section, like missing-section\'s, so the founder can gather what is said into it.',
      zh: '没有任何标题对应、但正文确有讨论（至少两句、用到该章节的两个以上术语，如数据隐私的“GDPR”“加密”“个人信息”）的必需章节并非缺失，而是埋在其他章中。本规则在讨论最多的那一章报告它，并以相关信息列出其他位置，而不再作为缺失章节（错误）报告，级别为提示信息：在真实计划书上 34 次中 19 次正确（58%），低于警告所需的精确度；如需更醒目，可将其设为 `warning`。计划书从未讨论的章节仍由 missing-section 报告为错误。修复与 missing-section 相同：插入该章节，便于把分散的内容集中起来。',
    },
    valid: '# Acme AI\n\n## Data privacy\n\nWe anonymise personal data and follow GDPR.\n',
    invalid:
      '# Acme AI\n\n## Technology\n\nOur model runs on rented GPUs. Personal data is encrypted at rest and never leaves the EU. We follow GDPR and ask for consent before any recording.\n',
  },
  check(ctx) {
    const { plan, profile, analysis } = ctx;
    for (const g of profile.sections) {
      if (g.level !== 'required') continue;
      const b = analysis.buried(g.id);
      if (!b) continue;
      const nameOf = (chapter: number | null) => (chapter === null ? t(ctx.lang, 'buried-section.preamble', {}) : plan.sections[chapter]!.title || plan.sections[chapter]!.text);
      const main = b.places[0]!;
      const at = main.chapter === null ? (plan.titleIndex !== null ? plan.sections[plan.titleIndex]!.heading : { start: 0, end: plan.lines.lineEnd(0) }) : plan.sections[main.chapter]!.heading;
      const title = g.title[ctx.lang];
      const others = b.places.length - 1;
      ctx.report({
        ...at,
        section: g.id,
        message:
          others === 0
            ? t(ctx.lang, 'buried-section', { title, where: nameOf(main.chapter), sentences: b.sentences })
            : t(ctx.lang, 'buried-section.spread', { title, where: nameOf(main.chapter), others, count: b.places.length, sentences: b.sentences }),
        related: b.places
          .slice(1)
          .filter((p) => p.chapter !== null)
          .map((p) => ({ ...plan.sections[p.chapter!]!.heading, message: t(ctx.lang, 'buried-section.related', { title, sentences: p.sentences }) })),
        fix: {
          title: insertSectionTitle(g, ctx.lang, ctx.docLang),
          edits: insertSections(plan, analysis, profile, [g.id], ctx.docLang),
        },
      });
    }
  },
});
