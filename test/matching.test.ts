import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkPlan } from '../server/src/core/index.js';

/** The guide section a lone heading is claimed for, or null. */
function claim(heading: string, depth = 2): string | null {
  const r = checkPlan(`# Plan\n\n${'#'.repeat(depth)} ${heading}\n\nText.\n`);
  const entry = [...r.analysis.bySection].find(([, idx]) => idx.includes(1));
  return entry ? entry[0] : null;
}

const CASES: [string, string][] = [
  // market demand
  ['市场需求', 'market-demand'],
  ['三、市场需求分析', 'market-demand'],
  ['（一）市场需求', 'market-demand'],
  ['第二章 市场分析', 'market-demand'],
  ['2. Market Need', 'market-demand'],
  ['Market demand', 'market-demand'],
  ['II. Market Analysis', 'market-demand'],
  ['Part 2: Market opportunity', 'market-demand'],
  ['📈 目标市场', 'market-demand'],
  // technical feasibility
  ['技术可行性', 'technical-feasibility'],
  ['四、技术可行性分析', 'technical-feasibility'],
  ['3.1 Technical Feasibility', 'technical-feasibility'],
  ['**Technical feasibility**', 'technical-feasibility'],
  // data privacy
  ['数据隐私', 'data-privacy'],
  ['五、数据隐私保护', 'data-privacy'],
  ['Data Privacy & Compliance', 'data-privacy'],
  ['Data privacy', 'data-privacy'],
  ['隐私保护', 'data-privacy'],
  // explainability
  ['模型可解释性', 'explainability'],
  ['（四）模型可解释性：', 'explainability'],
  ['Model Explainability', 'explainability'],
  ['Explainability', 'explainability'],
  ['4. Interpretability and transparency', 'explainability'],
  // recommended
  ['执行摘要', 'executive-summary'],
  ['Executive Summary', 'executive-summary'],
  ['竞争优势', 'competitive-advantage'],
  ['Competitive Advantage', 'competitive-advantage'],
  ['财务预测', 'financial-forecast'],
  ['Financial Forecast', 'financial-forecast'],
  ['团队', 'team'],
  ['核心团队', 'team'],
  ['Team', 'team'],
  ['融资策略', 'financing'],
  ['Financing', 'financing'],
  ['风险管理', 'risk-management'],
  ['Risk Management', 'risk-management'],
  ['营销策略', 'marketing'],
  ['Marketing', 'marketing'],
  ['市场策略', 'market-strategy'],
  ['Go-to-market strategy', 'market-strategy'],
  ['技术实施', 'technical-implementation'],
  ['模型安全与鲁棒性', 'security-robustness'],
  ['持续学习与更新', 'continuous-learning'],
  ['伦理与社会责任', 'ethics'],
  ['Ethics and social responsibility', 'ethics'],
  ['里程碑', 'milestones'],
  ['Roadmap', 'milestones'],
];

for (const [heading, id] of CASES) {
  test(`"${heading}" is ${id}`, () => {
    assert.equal(claim(heading), id);
    assert.equal(claim(heading, 3), id, 'at any heading level');
  });
}

test('headings that mean nothing in the guide are left alone', () => {
  for (const h of ['Introduction', '附录', 'Contact', '致谢', 'Appendix A: Glossary', '商业模式', 'Business model']) assert.equal(claim(h), null, h);
});

test('a nested heading of the same section is part of it, not a duplicate', () => {
  const r = checkPlan('# P\n\n## 数据隐私\n\n正文。\n\n### 隐私保护措施\n\n正文。\n');
  assert.deepEqual(r.analysis.bySection.get('data-privacy'), [1]);
  assert.equal(r.findings.filter((f) => f.rule === 'duplicate-section').length, 0);
});

test('an H3 privacy section under a risk-and-compliance H2 is found', () => {
  const r = checkPlan('# P\n\n## 风险与合规\n\n正文。\n\n### 数据隐私\n\n正文。\n');
  assert.deepEqual(r.analysis.bySection.get('data-privacy'), [2]);
  assert.equal(r.findings.some((f) => f.rule === 'missing-section' && f.section === 'data-privacy'), false);
});

test('a document title is not claimed even if it names a section', () => {
  const r = checkPlan('# Team\n\nText.\n');
  assert.equal(r.analysis.bySection.has('team'), false);
});

test('extra aliases from config are matched', () => {
  const r = checkPlan('# P\n\n## 用户洞察\n\nText.\n', {
    config: { profile: 'ai-startup', language: 'auto', include: [], exclude: [], root: null, rules: {}, files: [], sections: { 'market-demand': { aliases: { zh: ['用户洞察'] } } } },
  });
  assert.ok(r.analysis.bySection.has('market-demand'));
});

test('a heading that names two sections takes the more important one', () => {
  assert.equal(claim('隐私与伦理'), 'data-privacy');
  assert.equal(claim('Privacy and ethics'), 'data-privacy');
  assert.equal(claim('AI伦理与数据隐私'), 'data-privacy');
  assert.equal(claim('Data privacy and explainability'), 'data-privacy');
});

test('a sub-heading about a topic of its section stays in it', () => {
  const cases: [string, string, string][] = [
    ['五、技术可行性', '（二）研发资源与人才', 'technical-feasibility'],
    ['十二、市场策略', '（三）用户运营', 'market-strategy'],
    ['十二、市场策略', '（四）定期竞争分析', 'market-strategy'],
    ['十六、融资策略', '（三）融资成本与风险', 'financing'],
    ['Financing', 'Cost and risk of financing', 'financing'],
    ['Market strategy', 'User operations', 'market-strategy'],
  ];
  for (const [h2, h3, id] of cases) {
    const r = checkPlan(`# P\n\n## ${h2}\n\nText.\n\n### ${h3}\n\nText.\n`);
    assert.deepEqual([...r.analysis.bySection.keys()], [id], `${h2} / ${h3}`);
    assert.equal(r.findings.filter((f) => f.rule === 'duplicate-section').length, 0);
  }
});

test('a differently named guide section nested in another is still found', () => {
  const r = checkPlan('# P\n\n## 技术可行性\n\n正文。\n\n### 数据隐私\n\n正文。\n');
  assert.deepEqual(r.analysis.bySection.get('data-privacy'), [2]);
});

test('suppression comments work inline and inside lists', () => {
  const text = '# P\n\nBoard seat: TODO <!-- planlint-disable-line placeholder -->\n\n- <!-- planlint-disable-next-line placeholder -->\n  TBD here\n- TBD there\n';
  const r = checkPlan(text);
  const lines = r.findings.filter((f) => f.rule === 'placeholder').map((f) => r.plan.lines.positionAt(f.start).line + 1);
  assert.deepEqual(lines, [7]);
});
