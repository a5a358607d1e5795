/**
 * Where an inserted section lands and how it looks: at the plan's chapter
 * level, numbered in the plan's style, separated as its chapters are, never
 * inside an unrelated chapter and never below the plan's own ending.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyEdits, checkPlan } from '../server/src/core/index.js';
import { chapterStyle, formatChapterNumber, fromChinese, readChapterNumber, toChinese, toRoman } from '../server/src/core/numbering.js';

/** Applies the quick fix of the missing-section finding for a guide section; returns the new text. */
function insert(text: string, section: string): string {
  const f = checkPlan(text).findings.find((x) => x.rule === 'missing-section' && x.section === section);
  assert.ok(f?.fix, `a fix for missing ${section}`);
  return applyEdits(text, f.fix.edits);
}

/** The heading and separator lines of a text, for comparing its outline. */
const outline = (text: string) => text.split('\n').filter((l) => /^(#{1,6} |---$|\*最后|\*Last)/.test(l));

test('numbering: chapter numbers are read in every style and written back the same way', () => {
  assert.deepEqual([toChinese(9), toChinese(10), toChinese(11), toChinese(20), toChinese(23)], ['九', '十', '十一', '二十', '二十三']);
  assert.deepEqual([fromChinese('九'), fromChinese('十'), fromChinese('十二'), fromChinese('三十'), fromChinese('十十')], [9, 10, 12, 30, null]);
  assert.equal(toRoman(9), 'IX');
  for (const [heading, value, next] of [
    ['八、团队', 8, '九、'],
    ['（八）团队', null, null],
    ['8. Team', 8, '9. '],
    ['8、团队', 8, '9、'],
    ['VIII. Team', 8, 'IX. '],
    ['第八章 团队', 8, '第九章 '],
    ['第 8 部分：团队', 8, '第 9 部分：'],
    ['Part 8: Team', 8, 'Part 9: '],
    ['2.3 Pricing', null, null],
    ['I am here', null, null],
    ['Team', null, null],
  ] as const) {
    const n = readChapterNumber(heading);
    assert.equal(n?.value ?? null, value, heading);
    if (n && next) assert.equal(formatChapterNumber(n, n.value + 1), next, heading);
  }
  assert.equal(chapterStyle(['一、摘要', '二、市场', '团队']) !== null, true, 'two of three numbered');
  assert.equal(chapterStyle(['一、摘要', 'Market', 'Team', 'Risks']), null, 'one of four is not a style');
});

test('a chapter inserted into 一、 chapters separated by --- is numbered, separated, and above the closing line', () => {
  const plan = [
    '# 智能客服商业计划书',
    '',
    '## 一、执行摘要',
    '',
    '我们为中小电商提供基于大模型的智能客服，降低人工客服成本。',
    '',
    '---',
    '',
    '## 二、市场需求分析',
    '',
    '目标客户是中小电商卖家，痛点是人工客服成本高、夜间无人值守。',
    '',
    '---',
    '',
    '## 三、技术可行性',
    '',
    '我们调用成熟的大模型接口，原型已在三家店铺试用，技术风险可控。',
    '',
    '### 3.1 架构',
    '',
    '检索增强生成，知识库来自商家商品资料。',
    '',
    '---',
    '',
    '## 四、团队',
    '',
    '创始人有十年电商客服经验。',
    '',
    '---',
    '',
    '*最后更新：2026 年 1 月*',
    '',
  ].join('\n');
  const fixed = insert(plan, 'data-privacy');
  const out = outline(fixed);
  const at = out.indexOf('## 四、数据隐私');
  assert.ok(at > 0, `numbered after 三: ${out.join(' | ')}`);
  assert.deepEqual(out.slice(at - 2, at + 3), ['### 3.1 架构', '---', '## 四、数据隐私', '---', '## 四、团队'], 'after the whole chapter 三, between separators');
  assert.equal(out[out.length - 1], '*最后更新：2026 年 1 月*', 'the closing line stays last');
  const fixedEnd = insert(plan, 'financing');
  const outEnd = outline(fixedEnd);
  assert.deepEqual(outEnd.slice(-4), ['---', '## 五、融资策略', '---', '*最后更新：2026 年 1 月*'], `a chapter at the end goes above the closing line: ${outEnd.join(' | ')}`);
  assert.ok(fixedEnd.startsWith(plan.slice(0, plan.indexOf('*最后'))), 'the text before the insertion is kept');
});

test('a section claimed by a sub-section anchors a new chapter after its whole chapter, at chapter level', () => {
  const plan = [
    '# Acme AI business plan',
    '',
    '## 1. Executive Summary',
    '',
    'Acme builds an assistant for insurance adjusters that drafts claim reports from photos and notes.',
    '',
    '## 2. Market Need',
    '',
    'Adjusters spend half their day writing reports; there are 300,000 of them in the US alone.',
    '',
    '## 3. Technology',
    '',
    'We fine-tune an open vision-language model on 40,000 labelled claims and serve it on our own GPUs.',
    '',
    '### 3.1 Data Privacy',
    '',
    'Claim photos are encrypted at rest, kept for 90 days and never used for training without consent.',
    '',
    '### 3.2 Stack',
    '',
    'Python, PyTorch and Postgres.',
    '',
    '## 4. Team',
    '',
    'Two founders with ten years in claims software.',
    '',
  ].join('\n');
  const fixed = insert(plan, 'explainability');
  const out = outline(fixed);
  const at = out.indexOf('## 4. Model explainability');
  assert.ok(at > 0, `an H2 numbered 4.: ${out.join(' | ')}`);
  assert.equal(out[at - 1], '### 3.2 Stack', 'after the last sub-section of chapter 3, not inside it');
  assert.equal(out[at + 1], '## 4. Team');
});

test('Roman-numbered chapters get a Roman number; unnumbered chapters get none', () => {
  const roman = [
    '# Plan',
    '',
    '## I. Executive Summary',
    '',
    'We sell an AI tutor for maths to schools, with a pilot in twelve classrooms.',
    '',
    '## II. Market Need',
    '',
    'Teachers lack time to give feedback; 2 million pupils in our region alone.',
    '',
    '## III. Technical Feasibility',
    '',
    'A fine-tuned model grades worked solutions; the prototype agrees with teachers 92 % of the time.',
    '',
  ].join('\n');
  assert.ok(outline(insert(roman, 'data-privacy')).includes('## IV. Data privacy'));
  const plain = roman.replace('I. Executive', 'Executive').replace('II. Market', 'Market').replace('III. Technical', 'Technical');
  const out = outline(insert(plain, 'data-privacy'));
  assert.ok(out.includes('## Data privacy'), out.join(' | '));
});

/** A snippet as it reads when every tab stop is left at its default. */
function expand(snippet: string): string {
  return snippet
    .replace(/\$\{\d+:((?:\\.|[^\\}])*)\}/g, '$1')
    .replace(/\$0/g, '')
    .replace(/\\(.)/g, '$1');
}

test('fill-ins are one marker everywhere: a snippet left unfilled is reported like a template a fix inserted, advice is an HTML comment', async () => {
  const { snippets } = await import('../scripts/generate.js');
  const { getProfile } = await import('../server/src/core/index.js');
  const all = snippets() as Record<string, { body: string[] }>;
  const profile = getProfile();
  for (const lang of ['en', 'zh'] as const) {
    const g = profile.sections.find((s) => s.id === 'data-privacy')!;
    const body = expand(all[`planlint data-privacy (${lang})`]!.body.join('\n'));
    assert.equal(body.split('\n')[0], `## ${g.title[lang]}`);
    assert.ok(body.includes(`<!-- ${g.template[lang][0]!.slice(5)}`), 'the advice line is an HTML comment');
    const text = `# Plan\n\n${body}\n`;
    const fills = checkPlan(text).findings.filter((f) => f.rule === 'placeholder');
    assert.equal(fills.length, 1, `${lang}: one placeholder finding for the whole unfilled section`);
    assert.equal(fills[0]!.severity, 'error', `${lang}: a required section that is only a template stays an error`);
    const skeleton = expand(all[`planlint whole plan (${lang})`]!.body.join('\n'));
    assert.ok(skeleton.startsWith(lang === 'zh' ? '# [项目名称]' : '# [Project name]'), 'the title is a fill-in too');
  }
});
