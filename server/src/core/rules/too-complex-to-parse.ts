/**
 * The parse budget, made visible: a part of the plan that was read as plain
 * text because it was too deeply nested, too long without a section break,
 * or had too long a line (see incremental.ts), so checks of its structure
 * (lists, tables, code) did not run there.
 */
import { z } from 'zod';
import { defineRule } from './rule.js';
import { t } from '../i18n.js';

const NESTED = '- '.repeat(40);

export default defineRule({
  id: 'PL012',
  name: 'too-complex-to-parse',
  description: {
    en: 'A part of the plan was read as plain text: too deeply nested, too long without a section break, a line too long, too many brackets or emphasis marks, or too many headings to parse quickly.',
    zh: '计划的某一部分被按纯文本读取：嵌套过深、过长且没有章节分隔、某一行过长、方括号或强调符号过多，或标题过多，无法快速解析。',
  },
  defaultSeverity: 'info',
  fixable: false,
  options: z.object({}).strict(),
  docs: {
    details: {
      en: 'planlint parses a plan section by section and keeps every keystroke fast. Before parsing a part it measures it: lists or block quotes nested more than 32 levels on one line, more than 256 KiB of text with no place to split it (a heading, or a blank line before a line at the margin), a line longer than 64 KiB, thousands of the marks the parser must match against each other in one paragraph (more than 3,000 `[`, 6,000 `*`, `_` or `~`, or 4,000 lines opening with `|` that are not a table), or more than 5,000 headings in one document would make the Markdown parser slow or make it fail. Such a part is read as plain text instead (its headings are kept; past 5,000 headings, the rest of the document is read without headings) and this information says so: the rest of the plan is checked normally, but lists, tables, code and links inside that part are not recognised. Flatten the nesting, split the part with headings or blank lines, or break the long line.',
      zh: 'planlint 按章节解析计划，使每次按键后的检查都保持迅速。解析某一部分之前会先测量：单行中列表或引用嵌套超过 32 层、超过 256 KiB 的文本中没有可拆分之处（标题，或空行后顶格的一行）、一行超过 64 KiB、一个段落中需要相互匹配的符号多达数千个（超过 3,000 个 `[`、6,000 个 `*`、`_` 或 `~`，或 4,000 行以 `|` 开头而不成表格），或一份文档中标题超过 5,000 个，都会使 Markdown 解析器变慢甚至失败。这样的部分改按纯文本读取（保留其中的标题；标题超过 5,000 个时，文档其余部分按不含标题的纯文本读取），本提示即说明这一点：计划的其余部分照常检查，但该部分中的列表、表格、代码和链接不会被识别。请减少嵌套层级、用标题拆分该部分，或将过长的行断开。',
    },
    valid: '## Risk management\n\n- Technical risks\n  - Model quality\n    - Mitigation: evaluation before each release\n',
    invalid: `## Risk management\n\n${NESTED}too deep\n`,
  },
  check(ctx) {
    for (const f of ctx.plan.fallbacks) {
      const message =
        f.reason === 'nesting'
          ? t(ctx.lang, 'too-complex-to-parse.nesting', { depth: f.value, limit: f.limit })
          : f.reason === 'size'
            ? t(ctx.lang, 'too-complex-to-parse.size', { size: f.value, limit: f.limit })
            : f.reason === 'headings'
              ? t(ctx.lang, 'too-complex-to-parse.headings', { count: f.value, limit: f.limit })
              : f.reason === 'marks'
                ? t(ctx.lang, 'too-complex-to-parse.marks', { count: f.value, mark: f.mark ?? '', limit: f.limit })
                : t(ctx.lang, 'too-complex-to-parse.line-length', { length: f.value, limit: f.limit });
      ctx.report({ start: f.start, end: f.end, section: null, message });
    }
  },
});
