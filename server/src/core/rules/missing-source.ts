import { z } from 'zod';
import { defineRule } from './rule.js';
import { t } from '../i18n.js';
import { unsourcedFigures } from '../market.js';

export default defineRule({
  id: 'PL008',
  name: 'missing-source',
  description: {
    en: 'A market-size or growth figure is given without a source.',
    zh: '市场规模或增长数据未注明来源。',
  },
  defaultSeverity: 'info',
  fixable: false,
  options: z.object({}).strict(),
  docs: {
    details: {
      en: 'Investors check market figures first. A market size (a number with a currency or a scale word, such as `1,200亿元`, `$12B`, `USD 3.5 million`) or a growth percentage in a sentence about the market (`CAGR 25%`, `年均增长30%`), in the market-demand section or anywhere a sentence calls it a market size (TAM/SAM/SOM, 市场规模), needs a source: a link, a footnote (`[^1]`), a citation (`[1]`), `Source:` / `来源：`, `据…报告`, `according to …` or a named research firm (IDC, Gartner, 艾瑞, 沙利文…); an attribution that names no one (`according to recent market research`, `据行业数据显示`) is not a source. A source in the same sentence or table row, in the caption or note of the table, or anywhere in the same section counts. One finding per sentence or row. Figures in headings (`#### Home cooks (TAM: $12B)`) and in table cells are read like prose; so are the sections titled after the market (市场机会, Market validation). Shares, margins, prices and counts of users are not market figures; a SOM is the plan\'s own target (it wants a derivation, not a source); a section the plan declares void or superseded (`已作废`, `superseded`) is history and is not read.',
      zh: '投资人最先核对市场数据。市场规模（带货币或数量单位的数字，如 `1,200亿元`、`$12B`、`USD 3.5 million`）或市场相关句子中的增长百分比（`CAGR 25%`、`年均增长30%`），无论出现在市场需求章节，还是出现在其他章节中明确称为市场规模（TAM/SAM/SOM、市场规模）的句子里，都需要注明来源：链接、脚注（`[^1]`）、引用（`[1]`）、`来源：`/`Source:`、`据…报告`、`according to …` 或具名研究机构（IDC、Gartner、艾瑞、沙利文等）；不指明出处的说法（`据行业数据显示`、`according to recent market research`）不算来源。来源出现在同一句子或表格行、表格标题或表注中，或同一章节的任意位置均可。每个句子或表格行最多报告一次。标题（`#### 家庭厨房（TAM：120 亿美元）`）和表格单元格中的数字与正文一样检查；以市场命名的其他章节（市场机会、市场验证）同样视为谈论市场。市场份额、利润率、单价和用户数量不算市场数据；SOM 是计划书自己的目标（需要推算依据而非来源）；计划书声明作废或被取代的章节（“已作废”、superseded）属于历史内容，不检查。',
    },
    valid:
      '## Market demand\n\nThe global market for AI contract review reached $2.1B in 2024 and is growing at a CAGR of 28% [^idc].\n\n[^idc]: IDC, Worldwide Legal Tech Forecast, 2024.\n',
    invalid: '## Market demand\n\nThe global market for AI contract review reached $2.1B in 2024 and is growing at a CAGR of 28%.\n',
  },
  check(ctx) {
    for (const f of unsourcedFigures(ctx.plan, ctx.analysis, ctx.profile.byRole.get('market')?.id)) {
      ctx.report({ start: f.start, end: f.end, section: null, message: t(ctx.lang, 'missing-source', { text: f.raw }) });
    }
  },
});
