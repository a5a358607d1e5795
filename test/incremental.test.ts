/**
 * The section-incremental parse equals a whole-document parse: the same mdast
 * (positions included), the same section model and the same findings, on
 * every fixture, on generated plans and along sequences of edits.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { checkPlan } from '../server/src/core/index.js';
import { buildPlanModel, parseMarkdown, parsePlan, type PlanModel } from '../server/src/core/parse.js';
import { createCutTracker, createIncrementalParser, cutPoints, splitChunks, type IncrementalParser } from '../server/src/core/incremental.js';
import { FIXTURES, REPO } from './helpers/fixtures.js';
import { placeholderMatches, placeholderMatchesByRegion } from '../server/src/core/placeholders.js';
import { readTables, type MdNode } from '../server/src/core/numbers.js';

function mdFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...mdFiles(p));
    else if (e.name.endsWith('.md')) out.push(p);
  }
  return out.sort();
}

/** The section model without the mdast nodes (compared separately). */
function model(plan: PlanModel): unknown {
  return {
    sections: plan.sections.map((s) => ({ ...s, blocks: s.blocks.map((b) => ({ start: b.start, end: b.end, text: b.text, type: b.node.type })) })),
    preamble: plan.preamble.map((b) => ({ start: b.start, end: b.end, text: b.text })),
    frontMatter: plan.frontMatter,
    titleIndex: plan.titleIndex,
    comments: plan.comments,
    language: plan.language,
  };
}

/** Asserts that the incremental parse of `text` equals the whole-document parse. */
function same(text: string, parser: IncrementalParser, label = ''): void {
  const whole = buildPlanModel(text, parseMarkdown(text));
  const r = parser.parse(text);
  assert.deepEqual(r.fallbacks, [], `${label}: no fallback`);
  const inc = buildPlanModel(text, r.root, r.fallbacks);
  assert.deepEqual(inc.root, whole.root, `${label}: same mdast`);
  assert.deepEqual(model(inc), model(whole), `${label}: same section model`);
  const a = checkPlan(text, { plan: whole, autoLang: 'en' }).findings;
  const b = checkPlan(text, { plan: inc, autoLang: 'en' }).findings;
  assert.deepEqual(b, a, `${label}: same findings`);
}

test('every fixture parses the same incrementally and whole', () => {
  const files = mdFiles(FIXTURES);
  const guide = path.resolve(REPO, '..', 'shared', 'guide', '000_d9ba60f635477a24.txt');
  if (fs.existsSync(guide)) files.push(guide);
  for (const f of files) {
    const text = fs.readFileSync(f, 'utf8');
    // smallest chunks (a cut at every boundary) and the default size
    same(text, createIncrementalParser({ minChunk: 1 }), `${path.relative(REPO, f)} (min 1)`);
    same(text, createIncrementalParser(), path.relative(REPO, f));
    same(text.replace(/\r?\n/g, '\r\n'), createIncrementalParser({ minChunk: 1 }), `${path.relative(REPO, f)} (CRLF)`);
  }
});

test('parsePlan (the shared parser) gives the whole-document findings', () => {
  const text = '# Plan\n\n## 市场需求\n\nTODO [timeframe]\n\n## Team\n\nWe are [x].\n\n[x]: https://example.com\n';
  const whole = buildPlanModel(text, parseMarkdown(text));
  assert.deepEqual(checkPlan(text).findings, checkPlan(text, { plan: whole }).findings);
  assert.deepEqual(parsePlan(text).root, whole.root);
});

// ---------------------------------------------------------------- generated plans

const TITLES = ['市场需求', 'Market demand', '技术可行性', 'Technical feasibility', '数据隐私', 'Data privacy', '模型可解释性', 'Model explainability', '团队', 'Team', '融资策略', 'Financing', '风险管理', 'Executive summary', '财务预测'];
const NUMBERING = ['', '1. ', '2.3 ', '一、', '第一章 ', '(1) ', '1.2.3. ', 'Part 2: '];
const WORDS = ['市场规模', '100亿元', 'TAM', 'GDPR', '联邦学习', 'TODO', 'TBD', '待补充', 'XX', '[timeframe]', '[1]', '[ref]', '[text][ref]', '[^1]', '*emph*', '**strong**', '~~old~~', '`code`', 'https://example.com', 'www.example.com', 'a@b.co', '<span>', '&amp;', 'market', 'users', '用户', 'CAGR 30%', '{NAME}', '${1:x}', '【填写公司名称】', '#tag', '\\[x]', '|'];

const word = fc.constantFrom(...WORDS);
const sentence = fc.array(word, { minLength: 1, maxLength: 8 }).map((w) => w.join(' '));
const heading = fc
  .tuple(fc.integer({ min: 1, max: 6 }), fc.constantFrom(...NUMBERING), fc.constantFrom(...TITLES), fc.boolean())
  .map(([d, n, t, close]) => `${'#'.repeat(d)} ${n}${t}${close ? ' ##' : ''}`);
const setext = fc.tuple(fc.constantFrom(...TITLES), fc.constantFrom('===', '---', '-')).map(([t, u]) => `${t}\n${u}`);
const paragraph = fc.array(sentence, { minLength: 1, maxLength: 3 }).map((l) => l.join('\n'));
const listItem = fc.tuple(fc.constantFrom('- ', '* ', '1. ', '2) ', '- [ ] ', '- [x] ', '  - ', '    - ', '> '), sentence).map(([m, s]) => m + s);
const list = fc.array(listItem, { minLength: 1, maxLength: 5 }).chain((items) => fc.constantFrom(items.join('\n'), items.join('\n\n')));
const table = fc.tuple(sentence, sentence).map(([a, b]) => `| ${a} | b |\n|---|:--:|\n| ${b} | 2 |`);
const fence = fc.tuple(fc.constantFrom('```', '~~~', '````', '```js', '  ```'), fc.array(fc.oneof(sentence, heading), { maxLength: 3 }), fc.constantFrom('```', '~~~', '', '````', '   ```'))
  .map(([open, body, close]) => [open, ...body, ...(close ? [close] : [])].join('\n'));
const listFence = fc.tuple(sentence, heading, fc.constantFrom('  ```', '```', '   ```', '')).map(([s, h, close]) => `- ${s}\n\n  \`\`\`\n  ${h}\n${close}`);
const html = fc.oneof(
  fc.constant('<!-- planlint-disable placeholder -->'),
  fc.constant('<!-- planlint-enable -->'),
  heading.map((h) => `<!--\n${h}\n-->`),
  heading.map((h) => `<!--\n${h}`),
  heading.map((h) => `<div>\n${h}\n</div>`),
  heading.map((h) => `<pre>\n${h}\n\n${h}\n</pre>`),
  fc.constant('<details><summary>x</summary>'),
);
const definition = fc.constantFrom('[ref]: https://example.com', '[1]: https://example.com "Title"', '[^1]: A note.', '[Text]: <./a b>', '[ref]:\n  /multi-line \'title\n# not a heading?\'');
const quote = fc.tuple(sentence, heading).map(([s, h]) => `> ${s}\n> ${h}\n${s}`);
const indented = sentence.map((s) => `    # ${s}`);
const block = fc.oneof(
  { arbitrary: heading, weight: 6 },
  { arbitrary: setext, weight: 1 },
  { arbitrary: paragraph, weight: 6 },
  { arbitrary: list, weight: 3 },
  { arbitrary: table, weight: 1 },
  { arbitrary: fence, weight: 2 },
  { arbitrary: listFence, weight: 1 },
  { arbitrary: html, weight: 2 },
  { arbitrary: definition, weight: 2 },
  { arbitrary: quote, weight: 1 },
  { arbitrary: indented, weight: 1 },
);
const plan = fc
  .tuple(
    fc.array(fc.tuple(block, fc.constantFrom('\n', '\n\n', '\n\n\n', '\n \n')), { minLength: 1, maxLength: 25 }),
    fc.constantFrom('', '---\ntitle: Plan\nplanlint:\n  language: en\n---\n', '---\nbroken\n', '\uFEFF', '\uFEFF---\ntitle: Plan\n---\n'),
    fc.constantFrom('\n', '\r\n'),
    fc.boolean(),
  )
  .map(([blocks, fm, eol, trailing]) => {
    let text = fm + blocks.map(([b, sep]) => b + sep).join('');
    if (!trailing) text = text.replace(/\n+$/, '');
    return eol === '\n' ? text : text.replace(/\n/g, eol);
  });

test('generated plans parse the same incrementally and whole', () => {
  fc.assert(
    fc.property(plan, fc.constantFrom(1, 64, 2048), (text, minChunk) => {
      same(text, createIncrementalParser({ minChunk }), 'generated');
    }),
    { numRuns: Number(process.env.PLANLINT_FC_RUNS ?? 400) },
  );
});

const edit = fc.tuple(fc.nat(), fc.nat({ max: 12 }), fc.oneof(word, heading.map((h) => `\n${h}\n`), fc.constantFrom('', 'x', '\n', '\n\n', '```\n', '<!--', '-->', '# ', '[ref]: /u\n', '- ', '  ')));

/** Random edits, each followed by a parse compared with a whole-document parse. */
function editSequences(shiftInPlace: boolean) {
  fc.assert(
    fc.property(plan, fc.array(edit, { minLength: 1, maxLength: 12 }), fc.constantFrom(1, 64), (start, edits, minChunk) => {
      const parser = createIncrementalParser({ minChunk: shiftInPlace ? minChunk : 1, shiftInPlace });
      let text = start;
      same(text, parser, 'start');
      for (const [at, del, ins] of edits) {
        const i = text.length ? at % (text.length + 1) : 0;
        text = text.slice(0, i) + ins + text.slice(Math.min(text.length, i + del));
        same(text, parser, 'after edit');
      }
    }),
    { numRuns: Number(process.env.PLANLINT_FC_RUNS ?? 150) },
  );
}

test('the pre-pass after an edit (earlier cut points reused and shifted) equals a fresh pre-pass', () => {
  fc.assert(
    fc.property(plan, fc.array(edit, { minLength: 1, maxLength: 16 }), (start, edits) => {
      const cuts = createCutTracker();
      let text = start;
      assert.deepEqual(cuts(text).map((c) => [c.offset, c.line, c.heading]), cutPoints(text).map((c) => [c.offset, c.line, c.heading]));
      for (const [at, del, ins] of edits) {
        const i = text.length ? at % (text.length + 1) : 0;
        text = text.slice(0, i) + ins + text.slice(Math.min(text.length, i + del));
        assert.deepEqual(cuts(text).map((c) => [c.offset, c.line, c.heading]), cutPoints(text).map((c) => [c.offset, c.line, c.heading]), 'after edit');
      }
    }),
    { numRuns: Number(process.env.PLANLINT_FC_RUNS ?? 400) },
  );
});

test('edit sequences re-parse the same as a whole-document parse', () => editSequences(false));

test('edit sequences with trees moved in place (the language server parser) give the whole-document results', () => editSequences(true));

test('keystrokes on the guide with trees moved in place: findings after each equal a fresh whole-document check', (t) => {
  const guide = path.resolve(REPO, '..', 'shared', 'guide', '000_d9ba60f635477a24.txt');
  if (!fs.existsSync(guide)) return t.skip('the guide is not beside the clone');
  let text = fs.readFileSync(guide, 'utf8');
  const parser = createIncrementalParser({ shiftInPlace: true });
  parser.parse(text);
  const spots = [...text.matchAll(/^[^#\s|>`-][^\n]{20,}$/gm)].map((m) => m.index + m[0].length);
  // typing, a new paragraph, a heading, a figure in the market section, a fill-in, a deletion
  const inserts = ['a', '字', '\n\n## 市场规模\n\n', ' 市场规模达 120 亿元，年均增长 30%。', ' [待补充]', 'TODO ', '\n| 用途 | 比例 |\n|---|---|\n| 研发 | 60% |\n'];
  for (let i = 0; i < 24; i++) {
    const at = Math.min(text.length, spots[(i * 7919) % spots.length]! + i * 3);
    text = i % 5 === 4 ? text.slice(0, at - 10) + text.slice(at) : text.slice(0, at) + inserts[i % inserts.length]! + text.slice(at);
    const r = parser.parse(text);
    const inc = buildPlanModel(text, r.root, r.fallbacks);
    const whole = buildPlanModel(text, parseMarkdown(text));
    assert.deepEqual(inc.root, whole.root, `edit ${i}: same mdast`);
    assert.deepEqual(
      checkPlan(text, { plan: inc, autoLang: 'en' }).findings,
      checkPlan(text, { plan: whole, autoLang: 'en' }).findings,
      `edit ${i}: same findings`,
    );
  }
});

test('an edit inside a section re-parses only its chunk', () => {
  const sections = Array.from({ length: 20 }, (_, i) => `## Section ${i}\n\n${'Some text about the market. '.repeat(100)}\n`).join('\n');
  const parser = createIncrementalParser();
  const first = parser.parse(sections);
  assert.ok(first.chunks >= 10, `${first.chunks} chunks`);
  assert.equal(first.parsed, first.chunks);
  const at = sections.indexOf('## Section 10') + 30;
  const edited = sections.slice(0, at) + 'x' + sections.slice(at);
  const second = parser.parse(edited);
  assert.equal(second.parsed, 1);
  assert.deepEqual(second.root, parseMarkdown(edited));
});

test('the pre-pass does not cut inside fences, HTML blocks, front matter or ambiguous list fences', () => {
  const offsets = (t: string) => cutPoints(t).map((c) => t.slice(c.offset, c.offset + 8));
  assert.deepEqual(offsets('```\n# a\n```\n# b\n'), ['# b\n']);
  assert.deepEqual(offsets('<!--\n# a\n-->\n# b\n'), ['# b\n']);
  assert.deepEqual(offsets('<div>\n# a\n\n# b\n'), ['# b\n']);
  assert.deepEqual(offsets('---\n# a\n---\n# b\n'), ['# b\n']);
  assert.deepEqual(offsets('- a\n\n  ```\n  x\n```\n# in code\n'), []);
  assert.deepEqual(splitChunks('# a\n\n# b\n', 1).map((c) => [c.start, c.end, c.line]), [
    [0, 5, 1],
    [5, 9, 3],
  ]);
});

test('placeholders read region by region (the previous text\'s matches kept outside an edit) equal a whole-text reading, along edit sequences', () => {
  const piece = fc.constantFrom('\n', '\r\n', '\r', '#', '# ', '\n#', 'TODO', 'XX', 'x', 'a', '字', '[', ']', '[1]', '[fill]', '{', '}', '{{n}}', '${1:a}', '$', '【', '】', '待补充', '填写', 'lorem ipsum', 'Lorem', ' ipsum', '!', '\\', '^', '(', ':', ' ', '_', '9');
  const doc = fc.array(piece, { maxLength: 80 }).map((a) => a.join(''));
  // long enough (4 KB) for the reading that reuses the previous text's matches
  const long = fc.tuple(doc, doc).map(([a, b]) => (a + '\n# TODO [x]\n' + b + '\n').repeat(Math.ceil(4200 / (a.length + b.length + 14))));
  const sorted = (a: { start: number; end: number }[]) => [...a].sort((x, y) => x.start - y.start || x.end - y.end);
  fc.assert(
    fc.property(fc.oneof(doc, long), fc.array(fc.tuple(fc.nat(), fc.nat({ max: 6 }), doc), { maxLength: 8 }), (start, edits) => {
      let text = start;
      assert.deepEqual(sorted(placeholderMatchesByRegion(text)), sorted(placeholderMatches(text)));
      for (const [at, del, ins] of edits) {
        const i = text.length ? at % (text.length + 1) : 0;
        text = text.slice(0, i) + ins + text.slice(Math.min(text.length, i + del));
        assert.deepEqual(sorted(placeholderMatchesByRegion(text)), sorted(placeholderMatches(text)), JSON.stringify(text));
      }
    }),
    { numRuns: Number(process.env.PLANLINT_FC_RUNS ?? 400) },
  );
});

test('tables kept by node across edits (trees moved in place) equal tables read from a fresh whole-document parse', () => {
  const tableBlock = fc.tuple(fc.constantFrom('单位：万元', 'Revenue (in USD million)', '收入预测', ''), fc.array(fc.constantFrom('| 研发 | 60% |', '| Sales | 1,200 |', '| 合计 | (300) |', '| - | n/a |', '| x | 12亿元 |'), { minLength: 1, maxLength: 4 }), fc.constantFrom('', '注：单位为万元', 'Note: in USD'))
    .map(([cap, rows, note]) => `${cap}\n| 项目 | 金额 |\n|---|---|\n${rows.join('\n')}\n${note ? '\n' + note : ''}`);
  const doc = fc.array(fc.oneof(tableBlock, fc.constantFrom('## 财务\n', '## Market\n', 'Some prose here.', '- item\n\n  | a | b |\n  |---|---|\n  | 1 | 2 |')), { minLength: 1, maxLength: 14 }).map((bs) => bs.join('\n\n') + '\n');
  const tableEdit = fc.tuple(fc.nat(), fc.nat({ max: 6 }), fc.constantFrom('', 'x', '1', '|', '\n', '\n\n', '| 3 | 4 |\n', '单位：亿元\n', '## A\n\n'));
  fc.assert(
    fc.property(doc, fc.array(tableEdit, { minLength: 1, maxLength: 10 }), fc.constantFrom(1, 64), (start, edits, minChunk) => {
      const parser = createIncrementalParser({ minChunk, shiftInPlace: true });
      let text = start;
      const check = () => {
        const inc = readTables(text, parser.parse(text).root as unknown as MdNode);
        const whole = readTables(text, parseMarkdown(text) as unknown as MdNode);
        assert.deepEqual(inc, whole);
      };
      check();
      for (const [at, del, ins] of edits) {
        const i = text.length ? at % (text.length + 1) : 0;
        text = text.slice(0, i) + ins + text.slice(Math.min(text.length, i + del));
        check();
      }
    }),
    { numRuns: Number(process.env.PLANLINT_FC_RUNS ?? 200) },
  );
});

test('parse budget: thousands of marks the parser matches against each other, in one stretch, are read as plain text and said so', () => {
  const cases: [string, string, string][] = [
    ['`[a]` on 25,000 lines', '\n[a]'.repeat(25_000), '['],
    ['`*a` 20,000 times on one line', '*a'.repeat(20_000), '* _ ~'],
    ['`~~a` 10,000 times', '~~a'.repeat(10_000), '* _ ~'],
    ['25,000 lines opening with `|`', '|a\n'.repeat(25_000), '|'],
  ];
  for (const [what, body, mark] of cases) {
    const text = `# Acme: Business Plan\n\n## Market demand\n\nSmall factories need it.\n\n## Notes\n${body}\n`;
    const r = createIncrementalParser().parse(text);
    assert.equal(r.fallbacks.length, 1, what);
    assert.equal(r.fallbacks[0]!.reason, 'marks', what);
    assert.equal(r.fallbacks[0]!.mark, mark, what);
    const found = checkPlan(text, { autoLang: 'en' }).findings.filter((f) => f.rule === 'too-complex-to-parse');
    assert.equal(found.length, 1, what);
    assert.match(found[0]!.message, new RegExp(`More than [\\d,]+ "${mark.replace(/[[*|~]/g, '\\$&')}" marks in one paragraph`), what);
    // the headings are still read, the one before the marks and the one that opens them
    assert.equal(r.root.children.filter((n) => n.type === 'heading').length, 3, what);
  }
  // ordinary plans are far below the budget: the example plans and a 6,000-row table with links and bold
  const table = '| Item | Source |\n|---|---|\n' + '| **x** | [IDC](https://example.com) |\n'.repeat(6_000);
  for (const text of [...fs.readdirSync(path.join(REPO, 'examples')).filter((f) => f.endsWith('.md')).map((f) => fs.readFileSync(path.join(REPO, 'examples', f), 'utf8')), `# P\n\n${table}`]) {
    assert.deepEqual(createIncrementalParser().parse(text).fallbacks, []);
  }
});

test('a task box in a paragraph outside a list (an empty item, then `[ ] text`) parses the same in chunks', () => {
  for (const text of ['\uFEFF---\r\ntitle: Plan\r\n---\r\n-\n[ ] 市场规模\r\n- 市场规模\r\n市场规模', '-\n[ ] market size\n- item\n']) {
    same(text, createIncrementalParser({ minChunk: 1 }), 'task box');
    assert.equal('checked' in parseMarkdown(text), false);
  }
});

test('parseAsync yields between slices where there is no setImmediate (the server in a web worker), and parses the same', async () => {
  const text = fs.readFileSync(path.join(FIXTURES, 'plans', 'zh-market-figures-risks.md'), 'utf8').repeat(20);
  const g = globalThis as { setImmediate?: unknown };
  const saved = g.setImmediate;
  delete g.setImmediate;
  try {
    // a slice of 0 ms yields after every chunk: each yield takes the path without setImmediate
    const r = await createIncrementalParser().parseAsync(text, 0);
    assert.deepEqual(buildPlanModel(text, r.root, r.fallbacks).root, buildPlanModel(text, parseMarkdown(text)).root);
  } finally {
    g.setImmediate = saved;
  }
});
