import { z } from 'zod';
import { defineRule } from './rule.js';
import { t } from '../i18n.js';
import { guideMembers, within } from '../numbers.js';
import { marketFigures } from '../market.js';
import { findPlaceholders } from '../placeholders.js';
import { declinedTopics } from '../declined.js';

/** A passage on what drives the market's growth, introduced as such. */
const GROWTH_ARGUMENT = /增长驱动|增长动力|增长引擎|市场趋势|行业趋势|growth drivers?|drivers of growth|market trends/i;

export default defineRule({
  id: 'PL007',
  name: 'market-size-unquantified',
  description: {
    en: 'The market-demand section gives no market size as a number with a unit, or no growth figure.',
    zh: '市场需求章节没有以带单位的数字给出市场规模，或没有给出增长数据。',
  },
  defaultSeverity: 'info',
  fixable: false,
  options: z
    .object({
      growth: z.boolean().default(true).describe('Also ask for a market growth figure (a percentage such as a CAGR).'),
    })
    .strict(),
  docs: {
    details: {
      en: 'The guide asks for the size and growth of the target market in numbers, not adjectives. The market-demand section (with its sub-sections) must state a market size as a number with a currency or scale word, such as `1,200亿元`, `$12B`, `USD 350 million`, or a table cell under `单位：亿元`, in a sentence or table about the market (TAM/SAM/SOM, 市场规模, market); and a growth figure, a percentage in a sentence about growth (`CAGR 25%`, `年均增长30%`). What is missing is reported once, at the section heading (both in one finding when neither is there). With the size given, a passage introduced as the drivers of growth or the trends of the market (`关键增长驱动力：`, `Market trends`) answers the growth half in words, as the guide allows. A size or growth given in another section about the market (an opening 市场机会, a sourced market-validation table) counts. When the section is absent, missing-section reports it instead; while the section still has fill-ins such as `[amount with unit]`, placeholder reports them instead. "千亿级" or "huge" is not a number.',
      zh: '指南要求用数字而非形容词说明目标市场的规模和增长。市场需求章节（含子章节）应在关于市场的句子或表格中（TAM/SAM/SOM、市场规模、market）给出带货币或数量单位的市场规模数字，如 `1,200亿元`、`$12B`、`USD 350 million`，或“单位：亿元”表格中的单元格；并在关于增长的句子中给出增长百分比（`CAGR 25%`、`年均增长30%`）。缺少的内容在章节标题处报告一次（两项都缺时合为一条）。已给出规模时，以增长驱动或市场趋势为题的段落（“关键增长驱动力：”“市场趋势”）可用文字说明增长，指南也允许这样写。其他关于市场的章节（如开头的“市场机会”、注明来源的市场验证表）中给出的规模或增长同样算数。若整个章节缺失，则由 missing-section 报告；若章节中仍有 `[金额与单位]` 之类的待填写项，则由 placeholder 报告。“千亿级”“巨大”不是数字。',
    },
    valid: '## 市场需求\n\n据艾瑞咨询报告，2024年中国智能客服市场规模约为 86 亿元，预计 2027 年达到 180 亿元，年复合增长率约 28%。\n',
    invalid: '## 市场需求\n\n智能客服市场空间巨大，正处于快速增长期，千亿级市场蓄势待发。\n',
  },
  check(ctx) {
    const { plan, analysis, options } = ctx;
    // the profile's market section, whatever it is called
    const market = ctx.profile.byRole.get('market')?.id;
    const claimed = market ? analysis.bySection.get(market) : undefined;
    if (!market || !claimed?.length || declinedTopics(plan.text).has('market-size')) return;
    const members = guideMembers(plan, analysis, market);
    // an empty chapter is reported once, as empty (thin-section)
    if (members.every((i) => analysis.words(i) === 0)) return;
    const spans = members.map((i) => plan.sections[i]!.own);
    // a size or growth the plan gives anywhere it speaks of the market counts (an earlier 市场机会, a sourced validation table)
    const figures = marketFigures(plan, analysis, market).filter((f) => f.inMarket);
    // a section with fill-ins left ("[amount with unit]") is reported by placeholder; say it once
    if (findPlaceholders(plan).some((p) => within(spans, p.start))) return;
    const first = plan.sections[claimed[0]!]!;
    const title = first.title;
    const noSize = !figures.some((f) => f.kind === 'size');
    // the guide asks for growth potential as a rate or a trend: with the size given, a passage on what drives the
    // growth (关键增长驱动力：…, Market trends) answers it in words
    const argued = !noSize && spans.some((sp) => GROWTH_ARGUMENT.test(plan.text.slice(sp.start, sp.end)));
    const noGrowth = options.growth && !argued && !figures.some((f) => f.kind === 'growth');
    // both missing: one finding at the heading, not two on the same line
    const key = noSize && noGrowth ? 'both' : noSize ? 'size' : noGrowth ? 'growth' : null;
    if (key) ctx.report({ ...first.heading, section: market, message: t(ctx.lang, `market-size-unquantified.${key}`, { title }) });
  },
});
