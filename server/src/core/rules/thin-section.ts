import { z } from 'zod';
import { defineRule } from './rule.js';
import { t } from '../i18n.js';

export default defineRule({
  id: 'PL002',
  name: 'thin-section',
  description: {
    en: 'A guide section is present but empty or too short to say anything.',
    zh: '指南章节虽然存在，但内容为空或过短。',
  },
  defaultSeverity: 'info',
  fixable: false,
  options: z
    .object({
      minWords: z
        .number()
        .int()
        .min(0)
        .default(15)
        .describe('Minimum length of a section, in words; each Chinese character counts as one word.'),
    })
    .strict(),
  docs: {
    details: {
      en: 'Counts the words of each guide section the plan covers in chapters, sub-sections included unless they belong to another guide section, and all its chapters together when the plan spreads it over several. A Chinese (CJK) character counts as one word, a run of Latin letters or digits as one. Content in tables, lists, code blocks (a P&L or an architecture written as code) and HTML (tags removed) counts like prose. An empty section is reported as empty.',
      zh: '统计计划书以章覆盖的每个指南章节的字数，包括其子章节（属于其他指南章节的子章节除外）；分散在几个章中时合并计算。每个中文（CJK）字符计为一个字，每个连续的拉丁字母或数字串计为一个词。表格、列表、代码块（如以代码块写的损益表或架构）和 HTML（去掉标签后）中的内容与正文同样计入。空章节会报告为“内容为空”。',
    },
    valid:
      '## Market demand\n\nSmall clinics in Southeast Asia spend hours every week transcribing patient notes by hand. We interviewed forty clinic owners in three countries; thirty-one said they would pay for a tool that cuts this time in half. The addressable market is about 120,000 clinics, growing with private healthcare spending, and no local-language product serves them today. Our pilot shows a clear willingness to pay.\n',
    invalid: '## Market demand\n\nThe market is big.\n\n## Data privacy\n',
  },
  // the default is low on purpose: on the labelled real plans every chapter of 19 to 59 words that a 60-word
  // minimum reported was short and clear, or debatable (0 of 27 right); what an advisor flags is a chapter
  // that is empty or a line long
  check(ctx) {
    const { plan, analysis, options } = ctx;
    for (const [id, indexes] of analysis.bySection) {
      // a sub-section that names a guide section is short by nature: chapters are judged, and a
      // section spread over several chapters is judged by all of them together
      const chapters = indexes.filter((i) => analysis.matches.get(i)?.chapter);
      if (!chapters.length) continue;
      const words = chapters.reduce((n, i) => n + analysis.words(i), 0);
      if (words >= options.minWords) continue;
      const i = chapters.find((k) => analysis.matches.get(k)!.via !== 'keyword') ?? chapters[0]!;
      const s = plan.sections[i]!;
      const title = s.title || s.text;
      ctx.report({
        ...s.heading,
        section: id,
        message: words === 0 ? t(ctx.lang, 'thin-section.empty', { title }) : t(ctx.lang, 'thin-section.thin', { title, words, min: options.minWords }),
      });
    }
  },
});
