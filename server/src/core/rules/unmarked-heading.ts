import { z } from 'zod';
import { defineRule } from './rule.js';
import { t } from '../i18n.js';

export default defineRule({
  id: 'PL014',
  name: 'unmarked-heading',
  description: {
    en: 'A line meant as a heading is not a Markdown heading: `#市场分析` without the space, or `三、市场分析` on a line of its own.',
    zh: '本应是标题的一行不是 Markdown 标题：如缺少空格的 `#市场分析`，或单独成行的 `三、市场分析`。',
  },
  defaultSeverity: 'warning',
  fixable: true,
  options: z.object({}).strict(),
  docs: {
    details: {
      en: 'planlint reads such a line as a heading, so the plan\'s sections are found, but the outline, other Markdown tools and the rendered page do not. A short line of its own that opens with chapter numbering (`三、`, `第三章`) and holds no sentence, or a `#` run followed directly by Chinese text, is reported. Bold lines used as headings (`**三、市场分析**`) are a common style and are not reported. The fix marks the line as a heading: it inserts the `#` marks (or the missing space), at the level of the plan\'s other headings there.',
      zh: 'planlint 会把这样的行当作标题读取，从而找到计划书的章节，但大纲、其他 Markdown 工具和渲染后的页面不会。单独成行、以章编号（`三、`、`第三章`）开头且不含完整句子的短行，或 `#` 后直接跟中文的行，会被报告。用加粗行作标题（`**三、市场分析**`）是常见写法，不报告。修复会把该行标记为标题：插入 `#`（或缺少的空格），级别与该处其他标题一致。',
    },
    valid: '# 智眼质检\n\n## 三、市场分析\n\n制造业质检市场约 300 亿元。\n',
    invalid: '# 智眼质检\n\n三、市场分析\n\n制造业质检市场约 300 亿元。\n\n#四、技术可行性\n\n模型已成熟。\n',
  },
  check(ctx) {
    const { plan } = ctx;
    for (const s of plan.sections) {
      if (s.pseudo !== 'plain') continue;
      const hashes = plan.text.startsWith('#', s.heading.start);
      const mark = hashes ? ' ' : '#'.repeat(s.depth) + ' ';
      let at = s.heading.start;
      while (hashes && plan.text.charCodeAt(at) === 35) at++;
      ctx.report({
        ...s.heading,
        section: null,
        message: t(ctx.lang, 'unmarked-heading', { title: s.text }),
        fix: { title: t(ctx.lang, 'fix.mark-heading', { mark: hashes ? plan.text.slice(s.heading.start, at) + ' ' + s.text.slice(0, 12) : mark + s.text.slice(0, 12) }), edits: [{ start: at, end: at, newText: mark }] },
      });
    }
  },
});
