/**
 * The register of key figures (figures.ts) and the figure-contradiction rule on small plans:
 * what is read as a figure, what is compared, and what must never be reported.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkPlan } from '../server/src/core/index.js';
import { figuresOf, periodsIn, contradictions } from '../server/src/core/figures.js';
import type { MdNode } from '../server/src/core/numbers.js';

function figures(text: string) {
  const r = checkPlan(text);
  return figuresOf(r.plan.text, r.plan.root as unknown as MdNode);
}

function reported(text: string): number[] {
  const r = checkPlan(text);
  return r.findings.filter((f) => f.rule === 'figure-contradiction').map((f) => r.plan.lines.positionAt(f.start).line + 1);
}

test('periods: years, quarters, month and year indexes; month-of-year dates and year ranges block', () => {
  const kinds = (s: string) => periodsIn(s).periods.map((p) => `${p.kind}:${p.n}${p.q ? 'q' + p.q : ''}`);
  assert.deepEqual(kinds('FY2026 revenue'), ['year:2026']);
  assert.deepEqual(kinds('2026年营收'), ['year:2026']);
  assert.deepEqual(kinds('2026E'), ['year:2026']);
  assert.deepEqual(kinds('Q4 2026'), ['quarter:2026q4']);
  assert.deepEqual(kinds('2026年第四季度'), ['quarter:2026q4']);
  assert.deepEqual(kinds('by Month 12'), ['month:12']);
  assert.deepEqual(kinds('M12 目标'), ['month:12']);
  assert.deepEqual(kinds('第12个月'), ['month:12']);
  assert.deepEqual(kinds('Year 2'), ['year-index:2']);
  assert.deepEqual(kinds('第二年'), ['year-index:2']);
  assert.deepEqual(kinds('首年目标'), ['year-index:1']);
  // amounts that look like years are no periods
  assert.deepEqual(kinds('营收 2000万'), []);
  assert.deepEqual(kinds('$2026 per seat'), []);
  for (const s of ['2026年3月', '2025-2027', 'H1 2026', '2026年上半年']) assert.ok(periodsIn(s).blockers.length > 0, s);
});

test('figures: prose with the metric next to the number, table rows under period columns', () => {
  const text = '## Summary\n\nWe expect $90K MRR by Month 12 and 2027 revenue of $4.2M.\n\n## Forecast\n\n| (USD K) | 2026 | 2027 |\n|---|---:|---:|\n| Revenue | 900 | 3,100 |\n';
  const fs = figures(text).map((f) => `${f.metric} ${f.period.kind}:${f.period.n} ${f.value} ${f.place}`);
  assert.deepEqual(fs, ['mrr month:12 90000 prose', 'revenue year:2027 4200000 prose', 'revenue year:2026 900000 table', 'revenue year:2027 3100000 table']);
});

test('figures: what is not read as the plan\'s own figure', () => {
  const none = [
    'Subscription revenue in 2027 is $3.9M.',
    'The market will reach $41B in 2027.',
    'Our main competitor had $380M revenue in 2026.',
    'Cumulative revenue reaches $18M by 2028.',
    'Revenue per customer in 2027 is $12K.',
    '2026年月均收入约 86 万元。',
    '三年累计营收超过 6,000 万元。',
    '2026年3月营收 150 万元。',
    '2025-2027 年营收合计 9,000 万元。',
    '若获得采购订单，2028年营收可达 8,000 万元。',
    '2026年毛利 1,200 万元。',
  ];
  for (const s of none) assert.deepEqual(figures(`## Forecast\n\n${s}\n`).map((f) => f.raw), [], s);
});

test('compared: same metric and period beyond rounding; never a range or approximation that overlaps', () => {
  const plan = (a: string, b: string) => `## Summary\n\n${a}\n\n## Milestones\n\n${b}\n`;
  assert.deepEqual(reported(plan('2026年营收 3,000 万元。', '2026年营收 2,800 万元。')), [3, 7]);
  // within 5 %, or within the precision shown
  assert.deepEqual(reported(plan('2026年营收 3,000 万元。', '2026年营收 2,900 万元。')), []);
  assert.deepEqual(reported(plan('2026 revenue of $3M.', '2026 revenue of $3.4M.')), []);
  // a range or an approximation holding the other
  assert.deepEqual(reported(plan('2027年营收 2,500-3,000 万元。', '2027年营收 2,800 万元。')), []);
  assert.deepEqual(reported(plan('2027年营收约 2,500 万元。', '2027年营收 2,700 万元。')), []);
  assert.deepEqual(reported(plan('By Month 12: 50+ paying customers.', 'Month 12: 80 paying customers.')), []);
  // different periods, a monthly amount against an annual one
  assert.deepEqual(reported(plan('2026年营收 3,000 万元。', '2027年营收 5,000 万元。')), []);
  assert.deepEqual(reported(plan('2026 revenue of $2.4M.', 'Revenue in 2026 averages $200K/month.')), []);
  // an order of magnitude apart: another unit or another thing
  assert.deepEqual(reported(plan('2026年营收 3,000 万元。', '2026年营收 3 亿元。')), []);
  // one table holding the metric twice for a period is a breakdown
  assert.deepEqual(reported('## Forecast\n\n| 项目（万元） | 2026年 |\n|---|---:|\n| 收入 | 1,000 |\n| 收入 | 2,000 |\n'), []);
});

test('break-even: the month stated in two places; "within" a bound that holds the other', () => {
  const plan = (a: string, b: string) => `## Summary\n\n${a}\n\n## Milestones\n\n${b}\n`;
  assert.deepEqual(reported(plan('- **Break-even:** Month 1', '- **Month 3:** 50 users, $2,500 MRR, break-even')), [3, 7]);
  assert.deepEqual(reported(plan('预计第 12 个月实现盈亏平衡。', '第 18 个月实现盈亏平衡。')), [3, 7]);
  assert.deepEqual(reported(plan('Break-even within 30 months.', 'Break-even in month 24.')), []);
  assert.deepEqual(reported(plan('Cash-flow break-even in month 30.', 'Break-even in month 24.')), []);
});

test('each place is reported once, with the other places related', () => {
  const text = '## A\n\nMRR of $90K by Month 12.\n\n## B\n\nMonth 12 MRR: $45K.\n\n## C\n\nBy Month 12, MRR of $44K.\n';
  const r = checkPlan(text);
  const fs = r.findings.filter((f) => f.rule === 'figure-contradiction');
  assert.equal(fs.length, 3);
  const first = fs.find((f) => r.plan.lines.positionAt(f.start).line === 2)!;
  assert.equal(first.related?.length, 2);
  for (const f of fs.filter((x) => x !== first)) assert.equal(f.related?.length, 1);
});

test('the register stays linear: long repetitive text, many figures of one metric', () => {
  const time = (text: string) => {
    const r = checkPlan(text);
    const t0 = performance.now();
    const fs = figuresOf(text, r.plan.root as unknown as MdNode);
    contradictions(fs);
    return performance.now() - t0;
  };
  for (const unit of ['2026年营收3,000万。', '2026年营收3,000万，', 'Month 12 MRR $60K. ', '收入', '第1个月', '- **Month 3:** 1, 2, break-even\n', '| 2026 | 1 |\n', '2026年营收' + '达到'.repeat(13) + 'x3,000万。', '| 收入' + '：'.repeat(300) + 'x | 2026 |\n|---|---|\n| 收入 | 1 |\n\n']) {
    const small = time(unit.repeat(Math.ceil(50_000 / unit.length)));
    const large = time(unit.repeat(Math.ceil(100_000 / unit.length)));
    assert.ok(large < 4 * small + 50, `${JSON.stringify(unit)}: ${small.toFixed(1)} ms for 50 KB, ${large.toFixed(1)} ms for 100 KB`);
    assert.ok(large < 3000, `${JSON.stringify(unit)}: ${large.toFixed(1)} ms`);
  }
});
