import { z } from 'zod';
import { defineRule } from './rule.js';
import { t } from '../i18n.js';
import { moneyFigures, roleText } from '../chapters.js';
import { declinedTopics } from '../declined.js';

/** A plan that raises nothing: bootstrapped, self-funded, no outside money. */
const NOT_RAISING_RE = /自筹|自有资金|不融资|暂不融资|无需融资|bootstrap|self-funded|self funded|no (?:outside|external) (?:funding|capital|investment)|not (?:raising|seeking)/i;

export default defineRule({
  id: 'PL017',
  name: 'unquantified-funding',
  description: {
    en: 'The funding section asks for money but states no amount.',
    zh: '融资章节提出融资需求，却没有写明金额。',
  },
  defaultSeverity: 'info',
  fixable: false,
  options: z.object({}).strict(),
  docs: {
    details: {
      en: 'An investor first asks how much you are raising and what it buys. The funding chapter (the profile\'s section with the funding role, with its sub-sections) is reported at its heading when it states no amount at all: no figure with a currency or a scale word (`$1.5M`, `800万元`) and no number under a money unit. A plan that says it raises nothing (bootstrapped, self-funded, 自筹), or that it leaves the amount out on purpose (`本文件不做融资金额`), is left alone, as are an empty chapter (thin-section) and one with fill-ins left (placeholder). funds-total checks that the uses of funds add up once the amount is there.',
      zh: '投资人首先会问：融多少钱，用来做什么。融资章节（配置中承担融资角色的章节，含子章节）若没有任何金额（没有带货币或数量单位的数字，如 `$1.5M`、`800万元`，也没有“单位：万元”下的数字），会在章节标题处报告。写明不融资（自筹、bootstrap、self-funded）或明确说明有意不写金额（“本文件不做融资金额”）的计划书不报告；空章节由 thin-section 报告，留有待填写项的由 placeholder 报告。金额写明后，由 funds-total 检查资金用途之和。',
    },
    valid: '## 融资计划\n\n本轮拟融资 800 万元，其中 50% 用于研发，30% 用于市场拓展，20% 用于运营。\n',
    invalid: '## 融资计划\n\n我们计划启动天使轮融资，资金主要用于研发和市场拓展，欢迎投资人联系。\n',
  },
  check(ctx) {
    const s = roleText(ctx, 'funding');
    if (!s || NOT_RAISING_RE.test(s.text) || declinedTopics(ctx.plan.text).has('funding')) return;
    if (moneyFigures(s.text) === 0) ctx.report({ ...s.heading, section: s.id, message: t(ctx.lang, 'unquantified-funding', { title: s.title }) });
  },
});
