import { z } from 'zod';
import { defineRule, type RuleContext } from './rule.js';
import { t } from '../i18n.js';
import { declinedTopics } from '../declined.js';
import { moneyFigures, roleText } from '../chapters.js';

/** Words of revenue, and of what a forecast sets against it (costs, profit, cash). */
const REVENUE_RE = /收入|营收|营业额|销售额|流水|GMV|\brevenues?\b|\bsales\b|\bturnover\b|\bARR\b|\bMRR\b/i;
const COSTS_RE = /成本|费用|支出|开支|利润|毛利|净利|亏损|盈亏|现金流|烧钱|\bcosts?\b|\bexpenses?\b|\bspend|\bprofit|\bmargins?\b|\bEBITDA\b|\bburn\b|break-?even|\bloss(?:es)?\b|cash ?flow|\bnet income\b|\bopex\b|\bcogs\b/i;
/** The forecast lives elsewhere: a linked model, a picture, an appendix. */
const ELSEWHERE_RE = /!\[|\.xlsx?\b|\.csv\b|\bspreadsheet\b|\bappendix\b|\battached\b|附件|附录|附表|见下表|详见/i;

/** The plan gives its costs a chapter of their own (the lean canvas's cost structure, 成本结构). */
function costsElsewhere(ctx: RuleContext<unknown>): boolean {
  return ctx.plan.sections.some((x) => COSTS_RE.test(x.title || x.text) && ctx.analysis.words(x.index) > 0);
}

export default defineRule({
  id: 'PL016',
  name: 'incomplete-forecast',
  description: {
    en: 'The financial forecast states no figure, or gives revenue but no costs or profit.',
    zh: '财务预测章节没有任何数字，或只有收入，没有成本或利润。',
  },
  defaultSeverity: 'info',
  fixable: false,
  options: z.object({}).strict(),
  docs: {
    details: {
      en: 'Investors read a forecast for what the business costs and when it pays for itself, not for revenue alone. The financial-forecast chapter (with its sub-sections) is reported at its heading when it states no amount at all (an amount with a currency or a scale word, `$1.2M`, `3,000万元`, or a number under a money unit such as `单位：万元`), or when it gives revenue figures but never names costs, expenses, profit, margin, burn, cash flow or break-even, and no chapter of the plan is about costs (a cost structure). A chapter that points at the forecast elsewhere (a picture, a spreadsheet, an appendix, `见附件`) is left alone, as is a plan that says it leaves the forecast out on purpose (`本文件不做三年预测`, `this memo makes no projections`), as are an empty chapter (thin-section reports it) and one with fill-ins left (placeholder reports them).',
      zh: '投资人看财务预测，看的是业务要花多少钱、何时回本，而不只是收入。财务预测章节（含子章节）若没有任何金额（带货币或数量单位的金额，如 `$1.2M`、`3,000万元`，或“单位：万元”下的数字），或只给出收入数字而从未提到成本、费用、利润、毛利、烧钱、现金流或盈亏平衡、且计划书中也没有专门讲成本的章节（如成本结构），会在章节标题处报告。章节若指向别处的预测（图片、表格文件、附录、“见附件”），或计划书明确说明有意不做预测（“本文件不做三年预测”），则不报告；空章节由 thin-section 报告，留有待填写项的由 placeholder 报告。',
    },
    valid: '## Financial forecast\n\n| Year | Revenue ($K) | Costs ($K) | Profit ($K) |\n|---|--:|--:|--:|\n| 2026 | 400 | 900 | -500 |\n| 2027 | 1,600 | 1,400 | 200 |\n',
    invalid: '## Financial forecast\n\nWe expect revenue of $400K in 2026 and $1.6M in 2027, growing fast as more clinics sign up.\n',
  },
  check(ctx) {
    const s = roleText(ctx, 'financial-forecast');
    if (!s || ELSEWHERE_RE.test(s.text) || declinedTopics(ctx.plan.text).has('forecast')) return;
    const figures = moneyFigures(s.text);
    if (figures === 0) {
      ctx.report({ ...s.heading, section: s.id, message: t(ctx.lang, 'incomplete-forecast.no-figures', { title: s.title }) });
    } else if (REVENUE_RE.test(s.text) && !COSTS_RE.test(s.text) && !costsElsewhere(ctx)) {
      ctx.report({ ...s.heading, section: s.id, message: t(ctx.lang, 'incomplete-forecast.revenue-only', { title: s.title }) });
    }
  },
});
