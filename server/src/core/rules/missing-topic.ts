import { z } from 'zod';
import { defineRule } from './rule.js';
import { t, list } from '../i18n.js';
import { insertTopicScaffolds } from '../fixes.js';

export default defineRule({
  id: 'PL003',
  name: 'missing-topic',
  description: {
    en: 'A guide section says nothing about a topic the guide expects in it.',
    zh: '指南章节未涉及指南期望的要点。',
  },
  // a hint (shown at the heading, not in the Problems list): on the labelled real plans 10 of its 144 findings
  // were right (7 %); the topics are named by keywords, and plans cover them in words of their own
  defaultSeverity: 'hint',
  fixable: true,
  options: z.object({}).strict(),
  docs: {
    details: {
      en: 'Each guide section lists topics, each recognised by keywords in Chinese and English (a privacy section should speak of compliance such as GDPR, CCPA or PIPL, of anonymisation, of consent...). One finding per guide section lists every topic the plan does not mention in it; a section spread over several chapters (a business-model chapter and a forecast chapter) is judged as one. A plan built on a hosted model is not asked for topics about training a model of its own (adversarial training, online learning), and the templates planlint inserts in such a plan leave those paragraphs out. The fix adds a prompt line for each missing topic at the end of the section. It reports as a hint (the editor marks the heading, the Problems list leaves it out): on real plans it was right 10 times in 144 (7 %), because plans cover topics in words of their own; set it to `info` or `warning` to see it in the list.',
      zh: '每个指南章节都列出若干要点，每个要点通过中英文关键词识别（例如隐私章节应涉及 GDPR、CCPA、个人信息保护法等合规要求、匿名化、用户同意……）。每个指南章节报告一条，列出计划书在其中未提及的全部要点；分散在几个章中的同一指南章节（如“盈利模式”与“财务预测”）合并判断。基于第三方托管大模型的计划书不会被要求写自有模型训练相关的要点（对抗性训练、在线学习），planlint 为其插入的模板也不含这些段落。修复会在该章节末尾为每个缺失要点添加一行提示。本规则以“提示”级别报告（编辑器在标题处标出，问题列表中不显示）：在真实计划书上 144 次中仅 10 次正确（7%），因为计划书常用自己的说法覆盖要点；如需在列表中看到，可将其设为 `info` 或 `warning`。',
    },
    valid:
      '## Data privacy\n\nWe collect only the data a stated purpose needs. Personal data is anonymised and encrypted at rest; training uses federated learning where possible. We follow GDPR, CCPA and PIPL after a yearly compliance review. Users give informed consent under a published privacy policy, and role-based access control limits who can see raw records.\n',
    invalid: '## Data privacy\n\nWe take privacy very seriously and store all data securely on our own servers.\n',
  },
  check(ctx) {
    const { plan, analysis, profile } = ctx;
    for (const [id, indexes] of analysis.bySection) {
      const g = profile.byId.get(id)!;
      // a section the plan spreads over several chapters is judged as one: a topic any of them covers is covered
      const chapters = indexes.filter((i) => analysis.matches.get(i)?.chapter);
      if (!chapters.length) continue;
      // an empty chapter is reported once, as empty (thin-section), not also for each topic it lacks
      if (chapters.every((i) => analysis.words(i) === 0)) continue;
      const found = new Set(chapters.flatMap((i) => analysis.topics(i).found));
      const missing = g.topics.map((tp) => tp.id).filter((tp) => !found.has(tp));
      if (!missing.length) continue;
      const i = chapters.find((k) => analysis.matches.get(k)!.via !== 'keyword') ?? chapters[0]!;
      const s = plan.sections[i]!;
      const names = g.topics.filter((tp) => missing.includes(tp.id)).map((tp) => tp.title[ctx.lang]);
      const title = s.title || s.text;
      ctx.report({
        ...s.heading,
        section: id,
        message: t(ctx.lang, 'missing-topic', { title, topics: list(ctx.lang, names) }),
        fix: { title: t(ctx.lang, 'fix.add-topics', { title }), edits: [insertTopicScaffolds(plan, i, g, missing, ctx.docLang)] },
      });
    }
  },
});
