/**
 * The number rules (PL007-PL011, PL015-PL019) against fixture plans with inline expectations.
 *
 * Besides the trailing `<!-- expect: rule -->` of test/helpers/fixtures.ts,
 * a fixture may say `<!-- expect-line N: rule ... -->` anywhere (N 1-based):
 * a trailing comment inside a table row would break the table. Only the
 * number rules are compared; findings of other rules are ignored.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { checkPlan, applyEdits, RULES_BY_NAME, type Finding } from '../server/src/core/index.js';
import { FIXTURES, expectations, fixtureConfig, listFixtures } from './helpers/fixtures.js';

const NUMBER_RULES = ['market-size-unquantified', 'missing-source', 'table-arithmetic', 'funds-total', 'risk-without-response', 'figure-contradiction', 'incomplete-forecast', 'unquantified-funding', 'wrong-calculation', 'inverted-market-sizes'];
/** Rules whose findings carry a replacement offered as a suggestion. */
const SUGGESTING = ['table-arithmetic', 'wrong-calculation'];
const DIR = path.join(FIXTURES, 'numbers');

const EXPECT_LINE_RE = /<!--\s*expect-line\s+(\d+)\s*:\s*([^>]*?)\s*-->/g;

function expected(text: string): string[] {
  const out: string[] = [];
  for (const e of expectations(text)) {
    const rule = e.key.split(':')[0]!;
    if (NUMBER_RULES.includes(rule)) out.push(`${e.line} ${rule}`);
  }
  for (const m of text.matchAll(EXPECT_LINE_RE)) {
    for (const key of m[2]!.split(/\s+/).filter(Boolean)) {
      const rule = key.split(':')[0]!;
      if (NUMBER_RULES.includes(rule)) out.push(`${m[1]} ${rule}`);
    }
  }
  return out.sort();
}

function numberFindings(text: string, file: string): { findings: Finding[]; actual: string[] } {
  const result = checkPlan(text, { config: fixtureConfig(text, file), fileName: file });
  const findings = result.findings.filter((f) => NUMBER_RULES.includes(f.rule));
  const actual = findings.map((f) => `${result.plan.lines.positionAt(f.start).line + 1} ${f.rule}`).sort();
  return { findings, actual };
}

const files = listFixtures(DIR);

test('there are number fixtures in both languages, with mistakes and without, and suggestions to apply', () => {
  for (const rule of SUGGESTING) {
    const withSuggestion = files.filter((f) => numberFindings(fs.readFileSync(f, 'utf8'), f).findings.some((x) => x.rule === rule && x.suggestions?.length));
    assert.ok(withSuggestion.length >= 2, `fewer than two fixtures carry a ${rule} suggestion`);
  }
  const names = files.map((f) => path.basename(f));
  assert.ok(names.some((n) => n.startsWith('zh-')) && names.some((n) => n.startsWith('en-')));
  const withExpectations = files.filter((f) => expected(fs.readFileSync(f, 'utf8')).length > 0);
  assert.ok(withExpectations.length >= 2 && withExpectations.length < files.length);
  for (const rule of NUMBER_RULES) {
    assert.ok(
      files.some((f) => expected(fs.readFileSync(f, 'utf8')).some((e) => e.endsWith(` ${rule}`))),
      `no fixture expects ${rule}`,
    );
  }
});

for (const file of files) {
  const name = path.basename(file);
  const text = fs.readFileSync(file, 'utf8');

  test(`${name}: every number finding is expected and every expectation found`, () => {
    const { findings, actual } = numberFindings(text, file);
    assert.deepEqual(actual, expected(text), findings.map((f) => `${f.rule}: ${f.message}`).join('\n'));
    for (const f of findings) {
      assert.ok(f.start >= 0 && f.end <= text.length && f.start <= f.end);
      assert.ok(f.message.length > 0);
    }
  });

  // a fixture with no suggesting finding gets no such test (it would assert nothing); the test below checks enough have one
  const suggesting = numberFindings(text, file).findings.filter((f) => SUGGESTING.includes(f.rule) && f.suggestions?.length);
  if (suggesting.length) {
    test(`${name}: suggestions replace only the number, show it, and re-check clean`, () => {
      for (const f of suggesting) {
        assert.equal(f.fix, undefined, 'a replacement is a suggestion, never a bulk fix');
        const s = f.suggestions![0]!;
        assert.equal(s.edits.length, 1);
        const e = s.edits[0]!;
        // the edit stays inside the reported number and replaces a number with a number
        assert.ok(e.start >= f.start && e.end <= f.end, `${e.start}-${e.end} outside ${f.start}-${f.end}`);
        assert.match(text.slice(e.start, e.end), /\d/);
        assert.match(e.newText, /\d/);
        assert.ok(!/[|\n]/.test(e.newText));
        assert.ok(f.message.includes(e.newText), `${f.message} does not state ${e.newText}`);
        assert.ok(s.title.includes(e.newText), `${s.title} does not state ${e.newText}`);
      }
      const fixed = applyEdits(
        text,
        suggesting.map((f) => f.suggestions![0]!.edits[0]!),
      );
      // nothing but the numbers changed: the same lines
      assert.equal(fixed.split('\n').length, text.split('\n').length);
      const after = numberFindings(fixed, file);
      const fixedKeys = new Set(suggesting.map((f) => `${text.slice(0, f.start).split('\n').length} ${f.rule}`));
      assert.deepEqual(
        after.actual.filter((a) => fixedKeys.has(a)),
        [],
        after.findings.map((f) => f.message).join('\n'),
      );
      // and the other findings are not disturbed by the fix
      const untouched = (list: string[]) => list.filter((a) => !fixedKeys.has(a));
      assert.deepEqual(untouched(after.actual), untouched(numberFindings(text, file).actual));
    });
  }

  test(`${name}: CRLF line ends give the same findings`, () => {
    const crlf = text.replace(/\n/g, '\r\n');
    assert.deepEqual(numberFindings(crlf, file).actual, numberFindings(text, file).actual);
  });

  test(`${name}: messages exist in both languages`, () => {
    for (const language of ['en', 'zh'] as const) {
      const config = { ...fixtureConfig(text, file), language };
      const fs2 = checkPlan(text, { config }).findings.filter((f) => NUMBER_RULES.includes(f.rule));
      for (const f of fs2) {
        assert.ok(!/\{\w+\}/.test(f.message), f.message);
        if (language === 'zh') assert.match(f.message, /[\u4e00-\u9fff]/);
        else assert.match(f.message, /[A-Za-z]{3}/);
      }
    }
  });
}

test('rule docs: the valid example yields none of the rule, the invalid one at least one', () => {
  for (const name of NUMBER_RULES) {
    const rule = RULES_BY_NAME.get(name);
    assert.ok(rule, name);
    const valid = checkPlan(rule.docs.valid).findings.filter((f) => f.rule === name);
    const invalid = checkPlan(rule.docs.invalid).findings.filter((f) => f.rule === name);
    assert.deepEqual(valid.map((f) => f.message), [], `${name} valid`);
    assert.ok(invalid.length > 0, `${name} invalid`);
  }
});

test('ids, severities (set by measured precision on real plans) and fixability', () => {
  const want: Record<string, [string, string, boolean]> = {
    'market-size-unquantified': ['PL007', 'info', false],
    'missing-source': ['PL008', 'info', false],
    'table-arithmetic': ['PL009', 'info', true],
    'funds-total': ['PL010', 'error', false],
    'risk-without-response': ['PL011', 'info', false],
    'figure-contradiction': ['PL015', 'info', false],
    'incomplete-forecast': ['PL016', 'info', false],
    'unquantified-funding': ['PL017', 'info', false],
    'wrong-calculation': ['PL018', 'info', true],
    'inverted-market-sizes': ['PL019', 'info', false],
  };
  for (const [name, [id, severity, fixable]] of Object.entries(want)) {
    const r = RULES_BY_NAME.get(name)!;
    assert.equal(r.id, id);
    assert.equal(r.defaultSeverity, severity);
    assert.equal(r.fixable || Boolean(r.hasSuggestions), fixable, `${name} offers a fix or a suggestion`);
  }
});

test('the rules are configurable: off, another severity', () => {
  const text = RULES_BY_NAME.get('table-arithmetic')!.docs.invalid;
  const off = checkPlan(text, { config: { ...fixtureConfig(''), rules: { 'table-arithmetic': { severity: 'off', options: {} } } } });
  assert.equal(off.findings.filter((f) => f.rule === 'table-arithmetic').length, 0);
  const warn = checkPlan(text, { config: { ...fixtureConfig(''), rules: { 'table-arithmetic': { severity: 'warning', options: {} } } } });
  assert.ok(warn.findings.filter((f) => f.rule === 'table-arithmetic').every((f) => f.severity === 'warning'));
  const growthOff = checkPlan('## 市场需求\n\n据艾瑞咨询报告，市场规模约 86 亿元。\n', {
    config: { ...fixtureConfig(''), rules: { 'market-size-unquantified': { options: { growth: false } } } },
  });
  assert.equal(growthOff.findings.filter((f) => f.rule === 'market-size-unquantified').length, 0);
});

test('small cases: rounding within the precision shown is not flagged', () => {
  const cases = [
    // 33.3% × 3
    '## 融资计划\n\n本轮拟融资 $3M。\n\n### Use of funds\n\n| Use | Amount | Share |\n|---|---:|---:|\n| R&D | $1.0M | 33.3% |\n| Sales | $1.0M | 33.3% |\n| Ops | $1.0M | 33.3% |\n',
    // 1.2亿 − 8,000万 ≈ 0.4亿 with mixed scale words
    '## 财务预测\n\n| 项目 | 2026E |\n|---|---:|\n| 收入 | 1.2亿 |\n| 成本 | 8,000万 |\n| 净利润 | 0.4亿 |\n',
    // one decimal: 10.4 − 6.2 = 4.2, shown 4.3 is off by 0.1 ≤ 0.15
    '## Financials\n\n| (USD millions) | FY2026 |\n|---|---:|\n| Revenue | 10.4 |\n| Costs | 6.2 |\n| Net income | 4.3 |\n',
  ];
  for (const text of cases) {
    const f = checkPlan(text).findings.filter((x) => x.rule === 'table-arithmetic' || x.rule === 'funds-total');
    assert.deepEqual(
      f.map((x) => x.message),
      [],
      text,
    );
  }
});

test('small cases: not financial, percentages and growth rows are left alone', () => {
  const cases = [
    '## 团队\n\n| 部门 | 2025 | 2026 | 合计 |\n|---|---:|---:|---:|\n| 研发人数 | 10 | 20 | 25 |\n| 销售人数 | 5 | 8 | 9 |\n',
    '## Market demand\n\n| Segment | Share | Growth |\n|---|---:|---:|\n| Legal | 40% | 20% |\n| Finance | 35% | 18% |\n| Total | 90% | 19% |\n',
    '## 财务预测\n\n| 项目 | 2025 | 2026 | 2027 | 合计 |\n|---|---:|---:|---:|---:|\n| 收入（万元） | 100 | 200 | 400 | 700 |\n| 收入增长率 | — | 100% | 100% | 300% |\n| 毛利率 | 40% | 45% | 50% | 47% |\n',
  ];
  for (const text of cases) {
    assert.deepEqual(
      checkPlan(text)
        .findings.filter((x) => x.rule === 'table-arithmetic' || x.rule === 'funds-total')
        .map((x) => x.message),
      [],
      text,
    );
  }
});

test('checkPlan never throws on odd tables and numbers', () => {
  const odd = [
    '| a |\n|---|\n',
    '| 合计 |\n|---|\n| 1 |\n',
    '## 财务预测\n\n| 项目 | 2025 |\n|---|---|\n| 收入 | |\n| 成本 | abc |\n| 利润 | 5 |\n| 合计 | 1,000,000,000,000,000,000,000 |\n',
    '## 融资\n\n本轮拟融资 1,000-2,000 万元。\n\n资金用途：\n\n- 研发\n- 市场 50%\n',
    '## 风险管理\n\n| 风险 |\n|---|\n| |\n',
  ];
  for (const text of odd) {
    const r = checkPlan(text);
    for (const f of r.findings) assert.ok(f.start >= 0 && f.end <= text.length);
  }
});

test('a plan that says it leaves sizing, the forecast or the amount out on purpose is not asked for them; without that sentence it is', () => {
  const PLANS = path.join(FIXTURES, 'plans');
  const cases: Array<[string, RegExp]> = [
    ['zh-declined.md', /在拿到真实订单之前，本文件不做市场规模、融资金额或三年预测。/],
    ['en-declined.md', /It deliberately leaves out market sizing, financial projections and the funding ask until the first ten pilots report\./],
  ];
  const asked = (text: string, file: string) =>
    checkPlan(text, { config: fixtureConfig(text, file), fileName: file })
      .findings.map((f) => f.rule)
      .filter((r) => r === 'market-size-unquantified' || r === 'incomplete-forecast' || r === 'unquantified-funding')
      .sort();
  for (const [name, sentence] of cases) {
    const text = fs.readFileSync(path.join(PLANS, name), 'utf8');
    assert.match(text, sentence, name);
    assert.deepEqual(asked(text, name), [], name);
    const without = text.replace(sentence, '');
    assert.deepEqual(new Set(asked(without, name)), new Set(['market-size-unquantified', 'incomplete-forecast', 'unquantified-funding']), `${name} without the sentence`);
  }
});

test('market-size-unquantified reads a growth argued in words and a spend on the problem; without them it asks', () => {
  const PLANS = path.join(FIXTURES, 'plans');
  const cases: Array<[string, string, string]> = [
    ['zh-growth-drivers.md', '关键增长驱动力：', '另外：'],
    ['en-problem-spend.md', 'Hospitals spent $19.7B in 2022 trying to overturn denials, according to the American Hospital Association.\n', ''],
  ];
  const found = (text: string, file: string) => checkPlan(text, { config: fixtureConfig(text, file), fileName: file }).findings.filter((f) => f.rule === 'market-size-unquantified');
  for (const [name, passage, instead] of cases) {
    const text = fs.readFileSync(path.join(PLANS, name), 'utf8');
    assert.ok(text.includes(passage), name);
    assert.deepEqual(found(text, name), [], name);
    assert.equal(found(text.replace(passage, instead), name).length, 1, `${name} without: ${passage.trim()}`);
  }
});

test('declinedTopics: only a plain statement of leaving a figure out; putting off, scope and unrelated refusals are not', async () => {
  const { declinedTopics } = await import('../server/src/core/declined.js');
  const topics = (t: string) => [...declinedTopics(t)].sort();
  assert.deepEqual(topics('因此，本文件不做市场规模、融资金额、三年预测或退出估值。'), ['forecast', 'funding', 'market-size']);
  assert.deepEqual(topics('This memo deliberately leaves out market sizing and financial projections.'), ['forecast', 'market-size']);
  assert.deepEqual(topics('我们暂不考虑海外市场规模的扩张。'), [], '暂不 puts something off');
  assert.deepEqual(topics('本项目不涉及用户隐私数据。我们预测 2027 年收入 3,000 万元。'), [], 'a refusal of something else, and a forecast in another sentence');
  assert.deepEqual(topics('```\n本文件不做市场规模\n```\n'), [], 'code is not the founder\'s prose');
});
