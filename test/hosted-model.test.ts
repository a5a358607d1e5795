import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyEdits, checkPlan, getProfile, insertSections } from '../server/src/core/index.js';

/**
 * Model explainability, where it hardly applies: a plan built on hosted models, or one whose model decides nothing
 * of high stakes, is told so at information level; a plan whose model serves patients, borrowers or candidates
 * keeps the error (the guide: it matters most in finance and healthcare).
 */
const hosted = `# Acme Copilot

## Market demand

Small firms answer 200 support emails a day by hand. An AI assistant could draft most of them.
AI drafting is the product; a large language model writes, a person approves.

## Technical feasibility

Answers are drafted with OpenAI GPT-4o through the LLM API. Claude is the fallback when OpenAI is down.
We route by cost between OpenAI and Claude, and cache frequent answers.

## Data privacy

Customer emails are masked before any API call and deleted after 30 days. The AI never sees names.
`;

const explainability = (text: string, lang?: 'zh' | 'en') =>
  checkPlan(text, { autoLang: lang }).findings.filter((f) => f.rule === 'missing-section' && f.section === 'explainability');

test('a plan built on a hosted model is told what it can explain, at information level', () => {
  const [f] = explainability(hosted);
  assert.ok(f, 'the missing section is still reported');
  assert.equal(f.severity, 'info');
  assert.match(f.message, /builds on a hosted model/);
});

const clinical =
  '\n## Users\n\nThe assistant drafts replies to patients of 40 clinics. Patients ask about diagnosis and medical bills; each clinical answer is checked by a nurse. Hospital groups are the next market, and patient records stay in the clinic.\n';

test('a plan whose model answers patients keeps the error, hosted model or not', () => {
  const [f] = explainability(hosted + clinical);
  assert.equal(f?.severity, 'error');
  assert.doesNotMatch(f.message, /hosted|high-stakes/);
});

test('a plan that trains its own model for a low-stakes use is told where explainability matters, at information level', () => {
  const own = hosted.replace('## Data privacy', 'We fine-tune our own model on a labeled dataset of 50 000 emails; training runs weekly.\n\n## Data privacy');
  const [f] = explainability(own);
  assert.equal(f?.severity, 'info');
  assert.match(f.message, /high-stakes use such as health, credit, hiring/);
  assert.equal(explainability(own + clinical)[0]?.severity, 'error', 'the same plan serving patients keeps the error');
});

test('naming a hosted model once or twice is not building on it', () => {
  const start = hosted.indexOf('Answers are drafted');
  const once = hosted.slice(0, start) + 'Replies are drafted by GPT-4o; we own the prompts and the review flow.\n' + hosted.slice(hosted.indexOf('\n## Data privacy'));
  const [f] = explainability(once);
  assert.equal(f?.severity, 'info');
  assert.doesNotMatch(f.message, /hosted/);
});

test('a Chinese plan built on hosted models gets the Chinese hint', () => {
  const zh = `# 智答

## 市场需求

中小企业每天人工回复 200 封客服邮件。人工智能助手可起草大部分回复，AI 起草、人工确认。

## 技术可行性

回答由通义千问的大模型 API 生成。通义千问不可用时改用 DeepSeek。
按成本在通义千问与 DeepSeek 之间分流。

## 数据隐私

邮件在调用接口前脱敏，30 天后删除。AI 看不到客户姓名，大模型只收到脱敏文本。
`;
  const [f] = explainability(zh, 'zh');
  assert.equal(f?.severity, 'info');
  assert.match(f.message, /第三方托管的大模型/);
});

test('a plan built on a hosted model is neither asked for nor given a paragraph on training its model', () => {
  const insert = (text: string) => {
    const r = checkPlan(text, { autoLang: 'en' });
    return applyEdits(text, insertSections(r.plan, r.analysis, r.profile, ['security-robustness', 'continuous-learning'], 'en'));
  };
  const onHosted = insert(hosted);
  assert.doesNotMatch(onHosted, /Adversarial training|Online learning/);
  assert.match(onHosted, /\*\*Adversarial attack testing\*\*\n- .*\n\n\*\*Encryption and security measures\*\*/, 'the other blocks stay, one blank line apart');
  const again = checkPlan(onHosted, { autoLang: 'en' });
  const topicsOf = (r: ReturnType<typeof checkPlan>, id: string) => r.analysis.topics(r.analysis.bySection.get(id)![0]!);
  assert.deepEqual(topicsOf(again, 'security-robustness').missing, [], 'what the template holds covers what the plan is asked');
  assert.ok(!topicsOf(again, 'security-robustness').found.includes('adversarial-training'), 'and adversarial training is not asked at all');

  const own = hosted.replace('## Data privacy', 'We fine-tune our own model on a labeled dataset of 50 000 emails; training runs weekly.\n\n## Data privacy');
  assert.match(insert(own), /\*\*Adversarial training\*\*[\s\S]*\*\*Online learning\*\*/, 'a model of its own gets the whole template');
  // the profile's data agree with the code: every such topic heads a block of its section's template, in both languages
  for (const g of getProfile('ai-startup').sections)
    for (const t of g.topics.filter((x) => x.ownModel))
      for (const lang of ['zh', 'en'] as const) assert.ok(g.template[lang].includes(`**${t.title[lang]}**`), `${g.id}/${t.id} ${lang}`);
});
