import { z } from 'zod';
import { defineRule } from './rule.js';
import { t } from '../i18n.js';
import type { Span } from '../types.js';
import { findPlaceholders } from '../placeholders.js';

/** A bracketed fill-in (`[timeframe]`, `【填写公司名称】`), the kind templates leave, as opposed to TODO or XX. */
function short(s: string): string {
  return [...s].length > 32 ? [...s].slice(0, 31).join('') + '…' : s;
}

function isFillIn(s: string): boolean {
  return (s.startsWith('[') && s.endsWith(']')) || (s.startsWith('【') && s.endsWith('】'));
}

export default defineRule({
  id: 'PL004',
  name: 'placeholder',
  description: {
    en: 'Text left to fill in: TODO, TBD, 待补充, XX, [fill-in], {PLACEHOLDER}, lorem ipsum, snippet markers.',
    zh: '留有待填写的文本：TODO、TBD、待补充、XX、[填写项]、{占位符}、lorem ipsum、代码片段标记等。',
  },
  defaultSeverity: 'warning',
  fixable: false,
  options: z.object({}).strict(),
  docs: {
    details: {
      en: 'Finds markers of unfinished text anywhere in the plan outside code, links and HTML: `TODO`, `TBD`, `FIXME`, `XX`/`XXX`, `待补充`, `待定`, bracketed fill-ins such as `[timeframe]` (left alone: citations like `[1]`, task boxes, `[n]` on a line about citations, one bracket inside a quoted example title with three words of its own such as `"How [company] cut its bill"`, and `{{variables}}` naming the product\'s own template fields), `{PLACEHOLDER}`, `lorem ipsum`, and unexpanded snippet markers like `${1:...}`. Templates inserted by planlint use `[...]` fill-ins on purpose, so this rule shows what is left to write. Bracketed fill-ins in one guide section are one finding ("Data privacy still holds 5 fill-ins"), with the others as related locations; in a required section that finding is an error, since the section is not written yet.',
      zh: '在代码、链接和 HTML 之外查找未完成文本的标记：`TODO`、`TBD`、`FIXME`、`XX`/`XXX`、`待补充`、`待定`、形如 `[时间范围]` 的方括号填写项（`[1]` 这类引用和任务复选框除外）、`{PLACEHOLDER}`、`lorem ipsum`，以及未展开的代码片段标记如 `${1:...}`。planlint 插入的模板特意使用 `[...]` 填写项，因此本规则会提示尚待撰写的内容。同一指南章节中的方括号填写项合并为一条（“数据隐私还有 5 处待填写”），其余位置作为相关信息；在必需章节中这一条为错误，因为该章节尚未写成。',
    },
    valid: '## Financing\n\nWe raise 5 million USD in a seed round closing in Q3 2027 [1].\n\n[1]: https://example.com/report\n',
    invalid: '## Financing\n\nWe raise XX million in a round closing in [timeframe]. TODO: use of funds.\n',
  },
  check(ctx) {
    const { plan, analysis, profile } = ctx;
    const text = (sp: Span) => plan.text.slice(sp.start, sp.end);
    // the chapters that claim a guide section, outermost first: a fill-in belongs to the one it stands in
    const chapters = [...analysis.bySection].flatMap(([id, idx]) => idx.filter((i) => analysis.matches.get(i)?.chapter).map((i) => ({ id, span: plan.sections[i]!.span })));
    const groups = new Map<string, Span[]>();
    const single: Span[] = [];
    for (const sp of findPlaceholders(plan)) {
      const c = isFillIn(text(sp)) ? chapters.find((ch) => ch.span.start <= sp.start && sp.start < ch.span.end) : undefined;
      if (!c) {
        single.push(sp);
        continue;
      }
      const g = groups.get(c.id) ?? [];
      g.push(sp);
      groups.set(c.id, g);
    }
    for (const [id, spans] of groups) {
      if (spans.length < 2) {
        single.push(...spans);
        continue;
      }
      // a section still holding its template's fill-ins is one finding; a required one is not written yet: an error
      const g = profile.byId.get(id)!;
      const [first, ...rest] = spans;
      ctx.report({
        ...first!,
        section: id,
        ...(g.level === 'required' && ctx.configuredSeverity === undefined ? { severity: 'error' as const } : {}),
        message: t(ctx.lang, 'placeholder.fill-ins', { title: g.title[ctx.lang], count: spans.length, text: short(text(first!)) }),
        related: rest.slice(0, 20).map((sp) => ({ ...sp, message: t(ctx.lang, 'placeholder.fill-in-related', { text: text(sp) }) })),
      });
    }
    for (const sp of single.sort((a, b) => a.start - b.start)) ctx.report({ ...sp, section: null, message: t(ctx.lang, 'placeholder', { text: text(sp) }) });
  },
});
