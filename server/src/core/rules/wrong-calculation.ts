import { z } from 'zod';
import { defineRule } from './rule.js';
import { t } from '../i18n.js';
import { calculationsIn, checkCalculation, type Calculation, type Operand } from '../calculations.js';
import { formatLike, maskedText, type NumberToken } from '../numbers.js';

function shown(tok: NumberToken): string {
  return tok.raw.replace(/[*_`]/g, '').replace(/\s+/g, ' ').trim();
}

/** The left side as written, numbers and operators only: `200 × ¥180`. */
function expression(calc: Calculation): string {
  return calc.operands.map((o, i) => (i ? ` ${calc.ops[i - 1]} ` : '') + shown(o.tok)).join('');
}

/** The computed value written the way the stated result is, with as many more decimals as it needs to be right. */
function written(value: number, r: Operand): string {
  const tok = r.tok;
  const base = tok.percent ? 1 : tok.scale;
  for (let d = tok.decimals; d <= tok.decimals + 3; d++) {
    const s = formatLike(value, { ...tok, decimals: d });
    if (Math.abs(Number((value / base).toFixed(d)) * base - value) <= 0.001 * Math.abs(value)) return s;
  }
  return formatLike(value, { ...tok, decimals: tok.decimals + 3 });
}

export default defineRule({
  id: 'PL018',
  name: 'wrong-calculation',
  description: {
    en: 'A calculation written out in the plan (`200 × ¥180 = ¥3.6万`) does not give the result it states.',
    zh: '计划书中写出的算式（如 `200 × ¥180 = ¥3.6万`）得不出所写的结果。',
  },
  // as table-arithmetic: info until real plans show how often it is right (none of the labelled plans has a wrong one)
  defaultSeverity: 'info',
  fixable: false,
  hasSuggestions: true,
  options: z.object({}).strict(),
  docs: {
    details: {
      en: 'An investor who redoes a calculation the plan shows and gets another number stops trusting the rest. The rule reads calculations written out in prose, list items and table cells: numbers joined by `×`, `*`, ` x `, `÷`, `/`, `+` or `−`, then `=` (or `≈`, `约`) and a result, possibly a chain of results (`100 × $1,800 = $180K/month = $2.16M/year`). Percentages count as fractions (`$200亿 × 20% = $40亿`), scale words and currencies are read (`万`, `亿`, `K`, `M`, `B`), and a rate stated per month or per year (`/month`, `每月`, `MRR`, `ARR`) may be converted by 12 on the way. A result holds within the rounding its digits and the operands\' digits show, and 1 % (5 % for `≈` or `约`). Only a calculation that stands alone in its clause is read: when another number or an operator comes just before it (`5% commission on $50K × 30 = $75K`, where the 5 % belongs to the product), or the result is followed by more arithmetic, nothing is said; so is a restatement such as `12 audits = $30,000`, and a sum of counts that ends in an amount. The finding is on the result and shows the arithmetic; a suggested fix (a quick fix in the editor, never applied by `--fix`, since it replaces your text) writes the computed value.',
      zh: '投资人重算计划书中写出的算式，若得数不同，就不再相信其余数字。本规则读取正文、列表项和表格单元格中写出的算式：以 `×`、`*`、` x `、`÷`、`/`、`+` 或 `−` 连接的数字，接着 `=`（或 `≈`、`约`）和结果，也可以是一串结果（`100 × $1,800 = $180K/month = $2.16M/year`）。百分比按比例计算（`$200亿 × 20% = $40亿`），读取单位和币种（`万`、`亿`、`K`、`M`、`B`），按月或按年计的金额（`/month`、`每月`、`MRR`、`ARR`）中途可按 12 换算。结果在其数字与各运算数所显示的精度之内、且相差不超过 1%（`≈` 或 `约` 为 5%）即视为成立。只读取在分句中独立成式的算式：若其前紧接另一个数字或运算符（如 `5% commission on $50K × 30 = $75K`，5% 属于乘积的一部分），或结果之后还有运算，则不作判断；`12 个审计 = $30,000` 这样的换一种说法，以及以金额结尾的数量之和，也不检查。问题标在结果处并给出算式；建议修复（编辑器中的快速修复，`--fix` 不会应用，因为它会替换你的文字）写入计算值。',
    },
    valid: '## 财务预测\n\n- 毛利率：订阅 85% + 积分 70% = 综合 80%（加权）\n- 首年：200 家付费门店 × ¥180/月 = ¥3.6万/月 = ¥43.2万/年\n- 保守估计占 TAM 的 20%（$200亿 × 20% = $40亿）\n- 5% commission on $50K avg GPU purchases × 30/month = $75K/month\n',
    invalid: '## Financial projections\n\n- Year 1: 120 clinics × $400/month = $36,000/month\n- Use of funds: 45% + 35% + 30% = 100%\n',
  },
  check(ctx) {
    const text = maskedText(ctx.plan.text);
    let lineStart = 0;
    while (lineStart <= text.length) {
      let lineEnd = text.indexOf('\n', lineStart);
      if (lineEnd < 0) lineEnd = text.length;
      const line = text.slice(lineStart, lineEnd);
      if (/\d/.test(line) && /[=≈≒＝]/.test(line)) {
        for (const calc of calculationsIn(line)) {
          const wrong = checkCalculation(calc);
          if (!wrong) continue;
          const r = wrong.result;
          const last = calc.results[calc.results.length - 1] === r;
          const expected = written(wrong.computed, r);
          const expr = expression(calc) + (calc.results[0] === r ? '' : ` = ${calc.results.slice(0, calc.results.indexOf(r)).map((o) => shown(o.tok)).join(' = ')}`);
          const start = lineStart + r.tok.start;
          const end = lineStart + r.tok.end;
          ctx.report({
            start,
            end,
            message: t(ctx.lang, 'wrong-calculation', { expr, computed: expected, stated: shown(r.tok) }),
            // a later result follows from this one: replacing it alone would leave the chain broken further on
            ...(last ? { suggestions: [{ title: t(ctx.lang, 'fix.wrong-calculation', { expected, expr: `${expr} = ${expected}` }), edits: [{ start, end, newText: expected }] }] } : {}),
          });
        }
      }
      lineStart = lineEnd + 1;
    }
  },
});
