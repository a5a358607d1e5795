import { z } from 'zod';
import { defineRule } from './rule.js';
import { t, list } from '../i18n.js';
import { contradictions, figuresOf, runRateAhead, type Figure, type Period } from '../figures.js';
import type { MdNode } from '../numbers.js';
import { wrongBreakdowns } from '../breakdowns.js';
import { wrongReturns } from '../returns.js';
import type { Lang } from '../types.js';

function periodText(lang: Lang, p: Period): string {
  return t(lang, `period.${p.kind}`, { n: p.n, q: p.q ?? '' });
}

function shown(f: Figure): string {
  return f.raw.replace(/[*_`]/g, '').replace(/\s+/g, ' ').trim();
}

const SYMBOL: Record<string, string> = { USD: '$', CNY: '¥', EUR: '€', GBP: '£', HKD: 'HK$', JPY: '¥' };

/** Twelve times a monthly figure, in the figure's currency and the nearest scale: `$50K` → `$600K`. */
function annualText(f: Figure, lang: Lang): string {
  const v = 12 * f.value;
  const chinese = lang === 'zh' || f.currency === 'CNY';
  const [div, word] = chinese
    ? v >= 1e8 ? [1e8, '亿'] : v >= 1e4 ? [1e4, '万'] : [1, '']
    : v >= 1e9 ? [1e9, 'B'] : v >= 1e6 ? [1e6, 'M'] : v >= 1e3 ? [1e3, 'K'] : [1, ''];
  const n = Number((v / div).toPrecision(3));
  if (chinese && (f.currency === 'CNY' || !f.currency)) return `${n} ${word}${f.currency ? '元' : ''}`.replace('  ', ' ');
  return `${f.currency ? SYMBOL[f.currency] ?? '' : ''}${n}${word}`;
}

export default defineRule({
  id: 'PL015',
  name: 'figure-contradiction',
  description: {
    en: 'The same metric for the same period is stated with different values in two places of the plan.',
    zh: '同一指标、同一期间的数字在计划书的两处写得不一致。',
  },
  defaultSeverity: 'info',
  fixable: false,
  options: z.object({}).strict(),
  docs: {
    details: {
      en: 'Investors check the numbers first, and the same figure stated differently in two places is what they notice. The rule keeps a register of the key figures of the plan: revenue, MRR, ARR, paying users, customers and the month of break-even, each for a period (a year such as `2026` or `FY2026`, a month index such as `month 12` or `M12`, a quarter such as `Q4 2026`, a year index such as `year 2`). A figure is taken only where its metric and period are unambiguous: a table row named after the metric under a period column (or the other way round; `Q1`…`Q4` and `全年` columns under a heading that states one year), a roadmap cell in the row of a period, or a clause where the metric word stands right next to the number and one period is stated (or the list item is labelled by its period: `Month 3: 50 users, $2,500 MRR, break-even`). Paying users, paying customers and paying merchants count as one metric; the figure of a year index (`Year 1`) for MRR, ARR and counts stands at its last month (`month 12`). Figures for the same metric, period and currency are compared; they contradict when they differ by more than the rounding shown and more than 5 %. Ranges and approximations (`about`, `over`, `up to`) contradict only a figure outside them. MRR and ARR of the same period are compared too, at twelve times the MRR (`$250K MRR` and `$4M ARR` for month 24 do not agree); and an MRR stated for a year (`MRR $3.5M by year 3`) runs at twelve times that a year, so it may not exceed the revenue of the next year by a quarter or more while revenue grows (`$10.5M` in year 3, `$21.6M` in year 4). Sub-metrics (subscription revenue), other monthly against annual amounts, averages, cumulative totals, scenarios, markets and competitors are left out, as are figures an order of magnitude apart (another unit or another thing). Each place is reported, with the other places as related locations. An amount broken down in a list (an item `**R&D ($450K)**:` or a line ending in a colon, with the list under it where every item states one amount) must agree with the sum of its items; it is left alone when an item has no amount, a share or a calculation, when the items are rates per month or year and the total is not, when the label says the items are only examples (`such as`, `mainly`), or when the sum is more than twice or less than half the total (another thing). A return promised to investors (`expected return of 9–13x`) may not exceed what the same section\'s exit valuation gives on the post-money valuation (stated, or the pre-money with the share sold or the amount raised), even before any dilution.',
      zh: '投资人首先核对数字，同一个数字在两处写得不一样最容易被发现。本规则为计划书的关键数字建立登记表：营收、MRR、ARR、付费用户数、客户数和盈亏平衡的月份，每个数字对应一个期间（年份如 `2026`、`2026年`、`FY2026`，月份序号如 `第12个月`、`M12`，季度如 `2026年Q4`，年序号如 `第2年`）。只有指标和期间都明确时才登记：表格中以指标命名的行与期间列相交（或反之；标题写明唯一年份时，其下表格的 `Q1`…`Q4`、`全年` 列即该年的季度和全年），以期间为行的规划表中的单元格，或正文同一分句中指标词紧邻数字并写明唯一的期间（或列表项以期间开头，如“首年目标：50 万下载，5 万付费用户”）。付费用户、付费客户、付费商家视为同一指标；MRR、ARR 和用户数在“第 N 年”的数字视为第 12N 个月的数字。同一指标、期间和币种的数字相互比较：差异超过显示精度且超过 5% 时视为矛盾。区间和约数（`约`、`超过`、`不超过`）只与区间之外的数字矛盾。同一期间的 MRR 与 ARR 也相互比较，按 MRR 的 12 倍计（第 24 个月 `MRR 25 万元` 与 `ARR 400 万元` 不一致）；某年写明的 MRR（“第 3 年 MRR 350 万元”）按 12 倍折成年收入，在营收逐年增长时不应比下一年的营收高出四分之一以上。细分指标（如订阅收入）、其他月度与年度金额、平均值、累计值、情景预测、市场和竞品的数字不比较；相差一个数量级以上的数字（单位不同或所指不同）也不比较。每一处都会报告，并把其他位置列为相关位置。在列表中拆分的金额（列表项 `**技术研发（45万）**：` 或以冒号结尾的一行，其下的每一项都写明一个金额）须与各项之和一致；若某项没有金额、含占比或算式，各项是每月或每年的费用而合计不是，标签说明只是举例（“主要”“例如”），或各项之和超过合计的两倍、不足一半（所指不同），则不比较。向投资人承诺的回报倍数（“预期回报约 9–13x”）不应超过同一章节中退出估值除以投后估值（直接写明，或由投前估值与出让股权或融资额得出）的结果，即使不考虑稀释。',
    },
    valid:
      '## 执行摘要\n\n2026年营收预计达到 3,000 万元，付费用户 5 万。\n\n## 财务预测\n\n单位：万元\n\n| 项目 | 2026 | 2027 |\n|---|---:|---:|\n| 营业收入 | 3,000 | 8,000 |\n| 付费用户 | 50,000 | 120,000 |\n',
    invalid:
      '## Executive summary\n\nWe expect 2026 revenue of $3.0M and break-even at month 18.\n\n## Financial projections\n\n| (USD K) | 2026 | 2027 |\n|---|---:|---:|\n| Revenue | 2,400 | 6,000 |\n\n## Milestones\n\n- Break-even in month 24.\n',
  },
  check(ctx) {
    // an amount and the items listed under it: the two ways the plan states one figure
    for (const b of wrongBreakdowns(ctx.plan.text, ctx.plan.root as unknown as MdNode)) {
      const label = b.label || b.total.raw;
      ctx.report({
        start: b.total.start,
        end: b.total.end,
        message: t(ctx.lang, 'figure-contradiction.breakdown', { label, total: b.total.raw.trim(), sum: b.sumText, parts: b.parts.map((p) => p.raw.trim()).join(' + ') }),
        related: b.parts.map((p) => ({ start: p.start, end: p.end, message: t(ctx.lang, 'figure-contradiction.breakdown-part', { label, value: p.raw.trim() }) })),
      });
    }
    // a promised return above what the section's own exit valuation and entry price can give
    for (const r of wrongReturns(ctx.plan.text, ctx.plan.sections.map((x) => x.own))) {
      const x = (n: number) => String(Number(n.toFixed(1)));
      const bound = r.bound.lo === r.bound.hi ? `${x(r.bound.hi)}x` : `${x(r.bound.lo)}–${x(r.bound.hi)}x`;
      ctx.report({
        start: r.claim.start,
        end: r.claim.end,
        message: t(ctx.lang, 'figure-contradiction.return', { claim: r.claim.raw.trim(), exit: r.exit.raw.trim(), post: r.post.trim(), bound }),
        related: [{ start: r.exit.start, end: r.exit.end, message: t(ctx.lang, 'figure-contradiction.return-exit', { exit: r.exit.raw.trim() }) }],
      });
    }
    const figures = figuresOf(ctx.plan.text, ctx.plan.root as unknown as MdNode);
    for (const { figure: f, others, runRate, ahead } of [...contradictions(figures), ...runRateAhead(figures)]) {
      const lines = [...new Set(others.map((o) => ctx.locate(o.start, f.start)).map((l) => (l.file ? `${l.file}:${l.line}` : String(l.line))))];
      if (ahead) {
        lines.sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
        const related = (o: Figure) => ({
          start: o.start,
          end: o.end,
          message: t(ctx.lang, 'figure-contradiction.related', { metric: t(ctx.lang, `figure.${o.metric}`), period: periodText(ctx.lang, o.period), value: shown(o) }),
        });
        ctx.report({
          start: f.start,
          end: f.end,
          message: t(ctx.lang, 'figure-contradiction.ahead', {
            period: periodText(ctx.lang, ahead.mrr.period),
            mrr: shown(ahead.mrr),
            annual: annualText(ahead.mrr, ctx.lang),
            revenue: shown(ahead.revenue),
            nextPeriod: periodText(ctx.lang, ahead.next.period),
            next: shown(ahead.next),
            lines: list(ctx.lang, lines),
          }),
          related: others.map(related),
        });
        continue;
      }
      const metric = t(ctx.lang, `figure.${f.metric}`);
      if (runRate) {
        const [mrr, arr] = f.metric === 'mrr' ? [[f], others] : [others, [f]];
        const monthly = mrr[0]!;
        ctx.report({
          start: f.start,
          end: f.end,
          message: t(ctx.lang, 'figure-contradiction.run-rate', {
            period: periodText(ctx.lang, f.period),
            mrr: shown(monthly),
            annual: annualText(monthly, ctx.lang),
            arr: list(ctx.lang, [...new Set(arr.map(shown))]),
            lines: list(ctx.lang, lines),
          }),
          related: others.map((o) => ({ start: o.start, end: o.end, message: t(ctx.lang, 'figure-contradiction.related', { metric: t(ctx.lang, `figure.${o.metric}`), period: periodText(ctx.lang, o.period), value: shown(o) }) })),
        });
        continue;
      }
      const breakEven = f.metric === 'break-even';
      const value = breakEven ? periodText(ctx.lang, { kind: f.period.kind, n: f.value }) : shown(f);
      const otherValues = [...new Set(others.map((o) => (breakEven ? periodText(ctx.lang, { kind: o.period.kind, n: o.value }) : shown(o))))];
      const period = periodText(ctx.lang, f.period);
      ctx.report({
        start: f.start,
        end: f.end,
        message: breakEven
          ? t(ctx.lang, 'figure-contradiction.break-even', { value, others: list(ctx.lang, otherValues), lines: list(ctx.lang, lines) })
          : t(ctx.lang, 'figure-contradiction', { metric, period, value, others: list(ctx.lang, otherValues), lines: list(ctx.lang, lines) }),
        related: others.map((o) => ({
          start: o.start,
          end: o.end,
          message: breakEven
            ? t(ctx.lang, 'figure-contradiction.related-break-even', { value: periodText(ctx.lang, { kind: o.period.kind, n: o.value }) })
            : t(ctx.lang, 'figure-contradiction.related', { metric, period, value: shown(o) }),
        })),
      });
    }
  },
});
