import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { readNumbers, parseNumber, findUnit, parseUnitPhrase, withUnit, formatLike, formatPlain, close, sentences, maskedText, readTables } from '../server/src/core/numbers.js';
import { parsePlan } from '../server/src/core/index.js';

function one(text: string) {
  const toks = readNumbers(text);
  assert.equal(toks.length, 1, `${text}: ${JSON.stringify(toks.map((t) => t.raw))}`);
  return toks[0]!;
}

test('scale words: the issue examples', () => {
  assert.equal(one('1.2亿').value, 120_000_000);
  assert.equal(one('3,000万元').value, 30_000_000);
  assert.equal(one('$1.5B').value, 1_500_000_000);
});

test('Chinese scale words and currencies', () => {
  const cases: Array<[string, number, string | null]> = [
    ['8,000万', 80_000_000, null],
    ['1.5万亿', 1.5e12, null],
    ['3千万', 30_000_000, null],
    ['2百万', 2_000_000, null],
    ['50亿美元', 5e9, 'USD'],
    ['¥5,000', 5000, 'CNY'],
    ['￥1.2亿', 1.2e8, 'CNY'],
    ['人民币 500 万元', 5_000_000, 'CNY'],
    ['RMB 2.5 million', 2_500_000, 'CNY'],
    ['CNY 80k', 80_000, 'CNY'],
    ['1，200亿元', 1.2e11, 'CNY'],
    ['３，０００万元', 30_000_000, 'CNY'],
    ['86 亿元', 8.6e9, 'CNY'],
  ];
  for (const [text, value, cur] of cases) {
    const t = one(text);
    assert.equal(t.value, value, text);
    assert.equal(t.currency, cur, text);
    assert.equal(t.raw, text.trim(), text);
  }
});

test('English scale words and currencies', () => {
  const cases: Array<[string, number, string | null]> = [
    ['$250K', 250_000, 'USD'],
    ['$250k', 250_000, 'USD'],
    ['USD 5mn', 5_000_000, 'USD'],
    ['US$3.2 million', 3_200_000, 'USD'],
    ['€3.2bn', 3.2e9, 'EUR'],
    ['€40 thousand', 40_000, 'EUR'],
    ['1.5 billion dollars', 1.5e9, 'USD'],
    ['$12M', 12_000_000, 'USD'],
    ['$5m', 5_000_000, 'USD'],
    ['$2MM', 2_000_000, 'USD'],
    ['5 million USD', 5_000_000, 'USD'],
    ['300K', 300_000, null],
    ['4.5B', 4.5e9, null],
  ];
  for (const [text, value, cur] of cases) {
    const t = one(text);
    assert.equal(t.value, value, text);
    assert.equal(t.currency, cur, text);
  }
});

test('thousands separators and decimals keep their precision', () => {
  const a = one('1,234,567.89');
  assert.equal(a.value, 1234567.89);
  assert.equal(a.decimals, 2);
  assert.equal(a.separator, ',');
  assert.equal(a.tolerance, 0.005);
  const b = one('1.2亿');
  assert.equal(b.tolerance, 5_000_000); // ±0.05亿
  const c = one('3,000万元');
  assert.equal(c.tolerance, 5000); // ±0.5万
  const d = one('1，200');
  assert.equal(d.separator, '，');
  assert.equal(d.value, 1200);
  assert.equal(one('$1.50B').tolerance, 5_000_000);
});

test('percentages', () => {
  for (const [text, v] of [
    ['25%', 25],
    ['25.5％', 25.5],
    ['12 percent', 12],
    ['3个百分点', 3],
    ['-4.5%', -4.5],
  ] as const) {
    const t = one(text);
    assert.equal(t.percent, true, text);
    assert.equal(t.value, v, text);
  }
});

test('negatives: minus, parentheses and full-width parentheses (in cells)', () => {
  assert.equal(one('-1,200').value, -1200);
  assert.equal(one('−300').value, -300);
  assert.equal(one('-$5M').value, -5_000_000);
  assert.equal(one('$-5M').value, -5_000_000);
  assert.equal(parseNumber('(1,200)')!.value, -1200);
  assert.equal(parseNumber('(1,200)')!.negStyle, '(');
  assert.equal(parseNumber('（300）')!.value, -300);
  assert.equal(parseNumber('（300）')!.negStyle, '（');
  assert.equal(parseNumber('($0.4M)')!.value, -400_000);
  assert.equal(parseNumber('**(45)**')!.value, -45);
  // in prose, parentheses are parentheses
  assert.equal(one('市场规模（1,200亿元）').value, 1.2e11);
  assert.equal(one('growing fast (25%)').value, 25);
});

test('periods are not values: years, 2026E, FY2027, Q3, 第1年', () => {
  for (const text of ['2025年', '2026E', 'FY2027', 'Q3', 'H1', '第3年']) {
    const toks = readNumbers(text);
    assert.ok(toks.every((t) => t.period || t.yearLike), text);
  }
  assert.equal(one('2025').yearLike, true);
  assert.equal(one('2,025').yearLike, false);
  assert.equal(parseNumber('2026E'), null);
  assert.equal(parseNumber('FY2027'), null);
  // a bare year-like number in a value cell is still a number
  assert.equal(parseNumber('2000')!.value, 2000);
});

test('things that are no numbers: model names, versions, dates, citations, ratios', () => {
  for (const text of ['GPT-4', 'A100 GPU', 'H800', '7B参数', 'v1.2.3', '2025-03-01', '[1]', '[^2]', '3:1', '5G', '3D', 'COVID-19', 'Llama-3-70B']) {
    const toks = readNumbers(text).filter((t) => !t.period && !t.yearLike);
    assert.deepEqual(
      toks.map((t) => t.raw),
      [],
      text,
    );
  }
});

test('ranges: both ends marked, units shared', () => {
  const r = readNumbers('增速 20%-30%');
  assert.equal(r.length, 2);
  assert.ok(r.every((t) => t.range && t.percent));
  const s = readNumbers('1,000～2,000万元');
  assert.equal(s[0]!.value, 10_000_000);
  assert.equal(s[0]!.range, true);
  const e = readNumbers('$3 to $5 million');
  assert.ok(e.every((t) => t.range));
  assert.equal(e[0]!.value, 3_000_000);
});

test('offsets point at the raw text', () => {
  const text = '预计2027年市场规模达到 1.2亿元，CAGR 为 25.3%。';
  for (const t of readNumbers(text)) assert.equal(text.slice(t.start, t.end), t.raw);
});

test('units in captions and headers', () => {
  const cases: Array<[string, number, string | null, boolean]> = [
    ['单位：万元', 1e4, 'CNY', false],
    ['单位:人民币万元', 1e4, 'CNY', false],
    ['表 3 财务预测（单位：万元）', 1e4, 'CNY', false],
    ['(in $K)', 1e3, 'USD', false],
    ['(USD millions)', 1e6, 'USD', false],
    ['($M)', 1e6, 'USD', false],
    ['Amount (in thousands of USD)', 1e3, 'USD', false],
    ['收入（亿元）', 1e8, 'CNY', false],
    ['金额/万元', 1e4, 'CNY', false],
    ['占比(%)', 1, null, true],
    ['Unit: USD thousand', 1e3, 'USD', false],
    ['(RMB 10k)', 1e4, 'CNY', false],
    ['Amount (GBP thousand)', 1e3, 'GBP', false],
    ['(£m)', 1e6, 'GBP', false],
  ];
  for (const [text, scale, cur, pct] of cases) {
    const u = findUnit(text);
    assert.ok(u, text);
    assert.equal(u.scale, scale, text);
    assert.equal(u.currency, cur, text);
    assert.equal(u.percent, pct, text);
  }
  for (const text of ['(2025E)', '（约）', 'Revenue (ARR)', '(see note 3)', '2026']) assert.equal(findUnit(text), null, text);
  assert.equal(parseUnitPhrase('万元')!.scale, 1e4);
});

test('a unit applies to a cell without its own scale word', () => {
  const u = findUnit('单位：万元');
  assert.equal(withUnit(parseNumber('1,200')!, u).value, 12_000_000);
  assert.equal(withUnit(parseNumber('1.2亿')!, u).value, 120_000_000);
  assert.equal(withUnit(parseNumber('45%')!, u).value, 45);
  assert.equal(withUnit(parseNumber('(300)')!, findUnit('(in $K)')).value, -300_000);
});

test('formatLike writes a value the way the cell is written', () => {
  const wan = withUnit(parseNumber('1,200')!, findUnit('单位：万元'));
  assert.equal(formatLike(13_500_000, wan), '1,350');
  assert.equal(formatLike(-13_500_000, wan, '('), '(1,350)');
  assert.equal(formatLike(-4_000_000, parseNumber('(300)')!.scale === 1 ? withUnit(parseNumber('(300)')!, findUnit('单位：万元')) : wan), '(400)');
  assert.equal(formatLike(2.25e9, parseNumber('$1.5B')!), '$2.3B');
  assert.equal(formatLike(2.25e9, parseNumber('$1.50B')!), '$2.25B');
  assert.equal(formatLike(-2.25e9, parseNumber('$1.50B')!), '-$2.25B');
  assert.equal(formatLike(32_000_000, parseNumber('3,000万元')!), '3,200万元');
  assert.equal(formatLike(-32_000_000, parseNumber('3,000万元')!, '（'), '（3,200万元）');
  assert.equal(formatLike(500, parseNumber('（300）')!), '500');
  assert.equal(formatLike(1234.5, parseNumber('1，000.0')!), '1，234.5');
  assert.equal(formatLike(12345, parseNumber('999')!), '12345');
  assert.equal(formatPlain(120_000_000), '120,000,000');
  assert.ok(close(0.1 + 0.2, 0.3, 0));
});

test('sentences split on Chinese and English punctuation, not on decimals', () => {
  const text = '市场规模1.2亿元。增长25%！It grew 3.5% in 2024. Next';
  const s = sentences(text, 0, text.length).map((x) => x.text.trim());
  assert.deepEqual(s, ['市场规模1.2亿元。', '增长25%！', 'It grew 3.5% in 2024.', 'Next']);
});

test('masking hides link targets, comments and footnote marks, keeping length', () => {
  const text = 'See [IDC 2024](https://idc.com/r/2024-5) <!-- expect-line 12: x --> [^3] 5%';
  const m = maskedText(text);
  assert.equal(m.length, text.length);
  assert.deepEqual(
    readNumbers(m).map((t) => t.raw),
    ['2024', '5%'],
  );
});

test('tables: cells, units from the caption, header and row labels', () => {
  const text = '单位：万元\n\n| 项目 | 2025 | 2026E |\n|---|---:|---:|\n| 收入 | **1,200** | 3,500 |\n| 净利润 | (300) [^1] | — |\n';
  const [t] = readTables(text, parsePlan(text).root as never);
  assert.ok(t);
  assert.equal(t.unit!.scale, 1e4);
  assert.equal(t.rows.length, 3);
  assert.equal(t.rows[1]![1]!.token!.value, 1200);
  assert.equal(text.slice(t.rows[1]![1]!.start + t.rows[1]![1]!.token!.start, t.rows[1]![1]!.start + t.rows[1]![1]!.token!.end), '1,200');
  assert.equal(t.rows[2]![1]!.token!.value, -300);
  assert.equal(t.rows[2]![2]!.dash, true);
  const head = '| (in $K) | FY2025 |\n|---|---|\n| Revenue | 10 |\n';
  assert.equal(readTables(head, parsePlan(head).root as never)[0]!.unit!.scale, 1e3);
});

test('reading never throws and offsets stay inside the text (property)', () => {
  const alphabet = fc.constantFrom(...'0123456789,，.．%％-−()（）$¥€万亿千百KkMmBbn 元美USDRMBFYQ年第E|[]^:/~～至'.split(''));
  fc.assert(
    fc.property(fc.array(alphabet, { maxLength: 40 }).map((a) => a.join('')), (s) => {
      for (const t of [...readNumbers(s), ...readNumbers(s, { parenNegative: true })]) {
        assert.ok(t.start >= 0 && t.end <= s.length && t.start < t.end);
        assert.equal(s.slice(t.start, t.end), t.raw);
        assert.ok(Number.isFinite(t.value));
        assert.ok(t.tolerance > 0);
      }
    }),
    { numRuns: 500 },
  );
});
