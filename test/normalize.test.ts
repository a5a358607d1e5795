import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normalizeTitle, stripNumbering } from '../server/src/core/normalize.js';
import { countWords, dominantLanguage, LineIndex } from '../server/src/core/text.js';

test('numbering in every style is stripped', () => {
  const cases: [string, string][] = [
    ['三、市场需求分析', '市场需求分析'],
    ['（二）技术可行性', '技术可行性'],
    ['(2) 技术可行性', '技术可行性'],
    ['第三章 数据隐私', '数据隐私'],
    ['第3节：数据隐私', '数据隐私'],
    ['第一部分 市场', '市场'],
    ['1. Market Need', 'Market Need'],
    ['2.3 Market demand', 'Market demand'],
    ['2.3.1 Market demand', 'Market demand'],
    ['1、市场需求', '市场需求'],
    ['1）市场需求', '市场需求'],
    ['４．市场需求', '市场需求'],
    ['IV. Data Privacy', 'Data Privacy'],
    ['ii) Team', 'Team'],
    ['Part 2: Market demand', 'Market demand'],
    ['Chapter III - Team', 'Team'],
    ['A. Team', 'Team'],
    ['🚀 Market demand', 'Market demand'],
    ['📊 三、财务预测 📈', '财务预测'],
    ['附录A：工具', '工具'],
    ['【一】团队', '团队'],
    ['3 Market demand', 'Market demand'],
    ['3市场需求', '市场需求'],
  ];
  for (const [input, want] of cases) assert.equal(stripNumbering(input), want, input);
});

test('words that look like numbering are kept', () => {
  assert.equal(stripNumbering('Ideas and vision'), 'Ideas and vision');
  assert.equal(stripNumbering('I love AI'), 'I love AI');
  assert.equal(stripNumbering('3D printing market'), '3D printing market');
  // a figure after the numbering is part of the title
  assert.equal(stripNumbering('6.5 39城复制推广收入模型'), '39城复制推广收入模型');
  assert.equal(stripNumbering('三、1. 市场分析'), '市场分析');
  assert.equal(stripNumbering('Civic tech'), 'Civic tech');
});

test('normalised titles fold case, width and punctuation', () => {
  assert.equal(normalizeTitle('Data Privacy & Compliance'), 'data privacy compliance');
  assert.equal(normalizeTitle('**数据隐私**：'), '数据隐私');
  assert.equal(normalizeTitle('三、市场需求分析：'), '市场需求分析');
  assert.equal(normalizeTitle('ＭＡＲＫＥＴ　ＮＥＥＤ'), 'market need');
  assert.equal(normalizeTitle('市场需求（Market demand）'), '市场需求 market demand');
});

test('CJK characters count as words', () => {
  assert.equal(countWords('市场需求'), 4);
  assert.equal(countWords('We need 3 GPUs.'), 4);
  assert.equal(countWords('我们的 AI 模型'), 6);
  assert.equal(countWords('，。！'), 0);
  assert.equal(countWords(''), 0);
});

test('dominant language', () => {
  assert.equal(dominantLanguage('这是一个中文计划书，包含一些 English words。'), 'zh');
  assert.equal(dominantLanguage('This plan is written in English with one 词.'), 'en');
  assert.equal(dominantLanguage(''), 'en');
});

test('LineIndex maps offsets and positions in UTF-16 with CRLF', () => {
  const text = 'a😀b\r\n中文\nlast';
  const li = new LineIndex(text);
  assert.equal(li.lineCount, 3);
  assert.deepEqual(li.positionAt(text.indexOf('b')), { line: 0, character: 3 });
  assert.deepEqual(li.positionAt(text.indexOf('文')), { line: 1, character: 1 });
  assert.equal(li.offsetAt({ line: 1, character: 99 }), text.indexOf('\nlast'));
  assert.equal(li.offsetAt({ line: 0, character: 99 }), text.indexOf('\r'));
  assert.equal(li.offsetAt({ line: 9, character: 0 }), text.length);
  assert.equal(li.lineEnd(2), text.length);
});
