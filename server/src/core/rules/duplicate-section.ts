import { z } from 'zod';
import { defineRule } from './rule.js';
import { t } from '../i18n.js';

export default defineRule({
  id: 'PL005',
  name: 'duplicate-section',
  description: {
    en: 'One guide section appears twice in the plan.',
    zh: '同一指南章节在计划书中出现了两次。',
  },
  defaultSeverity: 'info',
  fixable: false,
  options: z.object({}).strict(),
  docs: {
    details: {
      en: 'Two chapters of the plan both name the same guide section outright (its title, an alias, or an alias that is nearly the whole heading), for example "Market demand" and later "Market analysis". Sub-sections and chapters matched only on a keyword are never duplicates. The finding sits on the later heading and points at the first as related information. Merge the two.',
      zh: '计划书的两个章（而非小节）都直接以标题或别名（或几乎等于整个标题的别名）对应同一指南章节，例如“市场需求”和后文的“市场分析”。小节、以及仅凭关键词匹配的章不算重复。问题标注在后出现的标题上，并以相关信息指向首次出现处。请合并两处内容。',
    },
    valid: '## Market demand\n\nText.\n\n### Market size\n\nText.\n',
    invalid: '## Market demand\n\nText.\n\n## Team\n\nText.\n\n## Market analysis\n\nText.\n',
  },
  check(ctx) {
    const { plan, analysis } = ctx;
    for (const [id, all] of analysis.bySection) {
      // only chapters that both name the section (by its title or an alias) are duplicates: a
      // sub-section, or a chapter claimed on a keyword, is part of the plan's structure, not a copy
      const indexes = all.filter((i) => {
        const m = analysis.matches.get(i)!;
        // named outright: the guide's title, an alias, or an alias that is nearly the whole heading
        return m.chapter && (m.via === 'title' || m.via === 'exact' || (m.via === 'alias' && m.score >= 0.85));
      });
      if (indexes.length < 2) continue;
      const first = plan.sections[indexes[0]!]!;
      const firstTitle = first.title || first.text;
      for (const i of indexes.slice(1)) {
        const s = plan.sections[i]!;
        const where = ctx.locate(first.heading.start, s.heading.start);
        ctx.report({
          ...s.heading,
          section: id,
          message: where.file
            ? t(ctx.lang, 'duplicate-section.elsewhere', { title: s.title || s.text, line: where.line, file: where.file })
            : t(ctx.lang, 'duplicate-section', { title: s.title || s.text, line: where.line }),
          related: [{ ...first.heading, message: t(ctx.lang, 'duplicate-section.related', { title: firstTitle }) }],
        });
      }
    }
  },
});
