/**
 * The linear scans of scan.ts: each gives what the regular expression it
 * replaced gives (on samples and on generated text made of its delimiters),
 * and each stays linear on adversarial repetitions of its own delimiters,
 * where the regular expressions re-read the rest of the text from every start.
 * The time bounds are ratios to a linear pass over the same text, with a wide
 * margin: a quadratic scan is thousands of times slower at 100 KB.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { checkPlan, isBlankPlan } from '../server/src/core/index.js';
import { maskedText } from '../server/src/core/numbers.js';
import { parsePlan } from '../server/src/core/parse.js';
import { placeholderMatches } from '../server/src/core/placeholders.js';
import { hasSource, SOURCE_RE } from '../server/src/core/market.js';
import {
  atxHeadingParts,
  blankOut,
  delimitedSpans,
  footnoteRefSpans,
  fullWidthFillInSpans,
  hasFootnoteRef,
  hasLinkTarget,
  htmlComments,
  linkTargetSpans,
  referenceDefinitionSpans,
  removeHtmlComments,
  snippetMarkerSpans,
} from '../server/src/core/scan.js';
import type { Span } from '../server/src/core/types.js';

const numRuns = Number(process.env.PLANLINT_FUZZ_RUNS ?? 300);

/** Spans of every match of a global regular expression (the reference). */
function reSpans(re: RegExp, text: string): Span[] {
  return [...text.matchAll(re)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
}

/** The masking of numbers.ts as it was, as chained regular expressions. */
function referenceMask(text: string): string {
  const blank = (m: string) => m.replace(/[^\r\n]/g, ' ');
  return text
    .replace(/<!--[\s\S]*?-->/g, blank)
    .replace(/```[\s\S]*?```/g, blank)
    .replace(/`[^`\n]*`/g, blank)
    .replace(/\]\([^)\s]*(?:\s+"[^"]*")?\)/g, (m) => '](' + blank(m.slice(2, -1)) + ')')
    .replace(/^\s*\[[^\]\n]+\]:\s*\S+.*$/gm, blank)
    .replace(/https?:\/\/[^\s)>\]]+/g, blank)
    .replace(/\[\^[^\]\n]*\]/g, blank);
}

const OLD_SOURCE_RE = new RegExp(SOURCE_RE.source + '|\\]\\([^)]+\\)|\\[\\^[^\\]]+\\]', SOURCE_RE.flags);

/** Text made of the delimiters the scans look at, and a little else. */
const PIECES = [
  '<!--', '-->', '<!-', '--', '```', '`', '](', ')', '(', ' ', '  ', '\t', '\n', '\r\n', '\r', '\u2028', '\u3000', '\u00a0',
  '"', '[', ']', '^', ':', ']:', '[a]:', '[^', 'a', 'x', '1', '#', '##', ' #', '${', '${1', '${1:', '}', '{',
  '【', '】', '待', '填写', '补', '充', 'http://e.x/', 'TODO', '$1', '万元', '市场规模', '。', '.',
];
const delimText = fc.array(fc.constantFrom(...PIECES), { maxLength: 60 }).map((xs) => xs.join(''));
const texts = fc.oneof(delimText, fc.string({ maxLength: 80 }), fc.string({ unit: 'binary', maxLength: 40 }));

const SAMPLES = [
  '',
  'plain text',
  'a <!-- c --> b <!-- d',
  '<!-->x-->',
  '```ts\ncode\n```\ntext `x` and `y\nz`',
  'see [the report](https://e.x/a "IDC 2024") and [b](c) and ](d e) and ![i](j)',
  '[id]: https://e.x\n  [b]:\n\n  x tail\n[c]: \n',
  '   \n\n[a]:  b\r\n[]: x\n[a]x: y',
  'footnote[^1] and [^a b] and [^\n] [^',
  '${1:name} ${2} ${3:a ${4:b}} ${x} ${1:\n}',
  '【填写公司名称】【名称】【待】【【补充】\n【输入',
  'TODO TBD XX [timeframe] {NAME} lorem ipsum 待补充',
];

const pairs: [string, (t: string) => Span[], RegExp][] = [
  ['HTML comments', (t) => delimitedSpans(t, '<!--', '-->'), /<!--[\s\S]*?-->/g],
  ['code spans of ```', (t) => delimitedSpans(t, '```', '```'), /```[\s\S]*?```/g],
  ['link targets', linkTargetSpans, /\]\([^)\s]*(?:\s+"[^"]*")?\)/g],
  ['reference definitions', referenceDefinitionSpans, /^\s*\[[^\]\n]+\]:\s*\S+.*$/gm],
  ['footnote references', (t) => footnoteRefSpans(t), /\[\^[^\]\n]*\]/g],
  ['footnote references across lines', (t) => footnoteRefSpans(t, true), /\[\^[^\]]*\]/g],
  ['snippet markers', snippetMarkerSpans, /\$\{\d+(?::[^}\n]*)?\}/gu],
  ['full-width fill-ins', fullWidthFillInSpans, /【[^【】\n]*(?:填写|填入|输入|补充|待)[^【】\n]*】/gu],
];

for (const [name, scan, re] of pairs) {
  test(`scan: ${name} equal the regular expression they replace`, () => {
    for (const s of SAMPLES) assert.deepEqual(scan(s), reSpans(re, s), JSON.stringify(s));
    fc.assert(
      fc.property(texts, (s) => {
        assert.deepEqual(scan(s), reSpans(re, s));
      }),
      { numRuns },
    );
  });
}

test('scan: comments, removal, blanking and the source tests equal their regular expressions', () => {
  const check = (s: string) => {
    assert.deepEqual(
      htmlComments(s),
      [...s.matchAll(/<!--([\s\S]*?)-->/g)].map((m) => ({ start: m.index, end: m.index + m[0].length, body: m[1] })),
    );
    assert.equal(removeHtmlComments(s), s.replace(/<!--[\s\S]*?-->/g, ''));
    assert.equal(blankOut(s), s.replace(/[^\r\n]/g, ' '));
    assert.equal(hasLinkTarget(s), /\]\([^)]+\)/.test(s));
    assert.equal(hasFootnoteRef(s), /\[\^[^\]]+\]/.test(s));
    assert.equal(hasSource(s), OLD_SOURCE_RE.test(s));
  };
  for (const s of SAMPLES) check(s);
  fc.assert(fc.property(texts, check), { numRuns });
});

test('scan: the masking of figures equals the chained regular expressions it replaced', () => {
  for (const s of SAMPLES) assert.equal(maskedText(s), referenceMask(s), JSON.stringify(s));
  fc.assert(
    fc.property(texts, (s) => {
      assert.equal(maskedText(s), referenceMask(s));
    }),
    { numRuns },
  );
});

test('scan: an ATX heading line reads as the regular expression read it', () => {
  const ref = (line: string) => {
    const m = /^(#{1,6})[ \t]*(.*?)(?:[ \t]+#+)?[ \t]*$/.exec(line)!;
    return { marker: m[1], body: m[2], bodyStart: line.indexOf(m[2]!, m[1]!.length) };
  };
  const lines = ['# a', '#', '# #', '## foo ##  ', '# foo#', '####### x', '# a # #', '#  ##', '#\tx\t#\t', '### a  b ###', '# ' + 'x '.repeat(5) + '#'];
  const pieces = fc.array(fc.constantFrom('#', ' ', '\t', 'a', 'b', '##', ' #'), { maxLength: 30 });
  const check = (line: string) => {
    const got = atxHeadingParts(line);
    const want = ref(line);
    assert.equal(got.marker, want.marker, JSON.stringify(line));
    assert.equal(got.body, want.body, JSON.stringify(line));
    if (got.body) assert.equal(got.bodyStart, want.bodyStart, JSON.stringify(line));
  };
  for (const l of lines) check(l);
  fc.assert(fc.property(pieces, (xs) => check('#' + xs.join(''))), { numRuns });
});

// ---------------------------------------------------------------- linear time

/** The least of a few runs, in milliseconds. */
function timeOf(f: () => unknown, runs = 3): number {
  let best = Infinity;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    f();
    best = Math.min(best, performance.now() - t);
  }
  return best;
}

/** A linear pass over the text: what a scan's time is measured against. */
function baseline(text: string): number {
  return timeOf(() => text.split('').length);
}

/** Adversarial texts of about `size` characters: each scan's own delimiters, repeated. */
function adversarial(size: number): [string, string][] {
  const rep = (s: string) => s.repeat(Math.ceil(size / s.length));
  return [
    ['`](` repeated', rep('](')],
    ['`]( ` and a quote repeated', rep('](a "')],
    ['` \\n` repeated', rep(' \n')],
    ['`[a]:\\n` repeated', rep('[a]:\n')],
    ['`\\n[a]` repeated', rep('\n[a]')],
    ['`[^` repeated', rep('[^')],
    ['`[^` with line feeds', rep('[^\n')],
    ['`<!--` repeated', rep('<!--')],
    ['`<!-- -- ` repeated', rep('<!-- -- ')],
    ['three backticks repeated', rep('```\n')],
    ['`${1:` repeated', rep('${1:')],
    ['`${` repeated', rep('${')],
    ['`【` then `待` repeated', '【' + rep('待')],
    ['`【待` repeated', rep('【待')],
    ['`# a`, spaces, `x`', '# a' + ' '.repeat(size) + 'x'],
    ['`#` and spaces repeated', '#' + rep(' #')],
    ['a blanked code block', '```\n' + rep('  x = 1\n') + '```\n'],
  ];
}

const scans: [string, (t: string) => unknown][] = [
  ...pairs.map(([name, f]): [string, (t: string) => unknown] => [name, f]),
  ['HTML comment bodies', htmlComments],
  ['comment removal', removeHtmlComments],
  ['link target test', hasLinkTarget],
  ['footnote test', hasFootnoteRef],
  ['source test', hasSource],
  ['masking of figures', maskedText],
  ['placeholder patterns', (t) => placeholderMatches(t)],
  ['ATX heading line', (t) => atxHeadingParts(t.startsWith('#') ? t : '#' + t)],
];

test('scan: every scan is linear on repetitions of its delimiters (100 KB, time bounded relative to a linear pass)', () => {
  for (const [what, text] of adversarial(100_000)) {
    const base = Math.max(baseline(text), 0.2);
    for (const [name, scan] of scans) {
      const ms = timeOf(() => scan(text));
      // a linear scan takes a few times a split; the quadratic regular expressions took 1,000-100,000 times
      assert.ok(ms < 60 * base + 20, `${name} on ${what}: ${ms.toFixed(1)} ms, a linear pass ${base.toFixed(1)} ms`);
    }
  }
});

test('scan: doubling an adversarial text at most about doubles the time of a scan', () => {
  const small = adversarial(50_000);
  const large = adversarial(100_000);
  for (let i = 0; i < small.length; i++) {
    for (const [name, scan] of scans) {
      const a = timeOf(() => scan(small[i]![1]), 5);
      const b = timeOf(() => scan(large[i]![1]), 5);
      assert.ok(b < 3 * a + 5, `${name} on ${small[i]![0]}: ${a.toFixed(1)} ms at 50 KB, ${b.toFixed(1)} ms at 100 KB`);
    }
  }
});

// ---------------------------------------------------------------- whole checks

/** The inputs of the issue that stalled the CLI and the server for seconds each. */
function issueInputs(): [string, string][] {
  return [
    ['`](` × 50,000', ']('.repeat(50_000)],
    ['` \\n` × 50,000', ' \n'.repeat(50_000)],
    ['`[^` × 30,000', '[^'.repeat(30_000)],
    ['`【` and `待` × 30,000', '【' + '待'.repeat(30_000)],
    ['`# a`, 70,000 spaces, `x`', '# a' + ' '.repeat(70_000) + 'x'],
    ['a plan with a 10,000-line code block', planWithCodeBlock(10_000)],
  ];
}

/** An ordinary plan with a fenced code block of `lines` lines in its second section. */
function planWithCodeBlock(lines: number): string {
  const code = Array.from({ length: lines }, (_, i) => `  const v${i} = compute(${i}) + offset; // ${i}`).join('\n');
  return [
    '# LegalMind business plan',
    '',
    '## Executive summary',
    '',
    'LegalMind reviews contracts with a large language model. The market reached $2.1B in 2024 [^idc]. TODO: traction.',
    '',
    '## Product',
    '',
    '```ts',
    code,
    '```',
    '',
    '## Team',
    '',
    'Two founders, [timeframe] to hire.',
    '',
    '[^idc]: IDC, Worldwide Legal Tech Forecast, 2024.',
    '',
  ].join('\n');
}

function assertSane(text: string, r: ReturnType<typeof checkPlan>): void {
  // a plan not begun (spaces, line breaks or HTML comments only) is quiet by design
  if (!isBlankPlan(r.plan)) assert.ok(r.findings.length > 0, 'no findings');
  else assert.deepEqual(r.findings, [], 'a plan not begun is quiet');
  for (const f of r.findings) {
    assert.ok(f.start >= 0 && f.start <= f.end && f.end <= text.length, `${f.rule} ${f.start}-${f.end} of ${text.length}`);
    assert.ok(f.message.length > 0, `${f.rule} without a message`);
  }
}

test('checkPlan: each input of the issue is checked, with findings inside the text', () => {
  for (const [name, text] of issueInputs()) {
    const r = checkPlan(text, { autoLang: 'en' });
    assertSane(text, r);
    const rules = new Set(r.findings.map((f) => f.rule));
    if (!isBlankPlan(r.plan)) assert.ok(rules.has('missing-section'), `${name}: ${[...rules].join(', ')}`);
  }
  const plan = planWithCodeBlock(10_000);
  const r = checkPlan(plan, { autoLang: 'en' });
  const rules = r.findings.map((f) => f.rule);
  assert.ok(rules.includes('placeholder'), rules.join(', ')); // TODO and [timeframe], outside the code
  const codeStart = plan.indexOf('```ts');
  const codeEnd = plan.indexOf('```\n', codeStart + 5);
  for (const f of r.findings) {
    if (f.rule === 'placeholder') assert.ok(f.start < codeStart || f.start > codeEnd, `placeholder inside the code block at ${f.start}`);
  }
});

test('checkPlan: a code block four times as long takes about four times as long, not sixteen', () => {
  // four times the lines: linear is 4x, quadratic 16x; the bound of 8x leaves room for a busy machine
  // (the test files run in parallel) and still catches any scan that is quadratic in the block
  checkPlan(planWithCodeBlock(1_000), { autoLang: 'en' });
  const a = timeOf(() => checkPlan(planWithCodeBlock(5_000), { autoLang: 'en' }), 3);
  const b = timeOf(() => checkPlan(planWithCodeBlock(20_000), { autoLang: 'en' }), 2);
  assert.ok(b < 8 * a + 100, `${a.toFixed(0)} ms at 5,000 lines, ${b.toFixed(0)} ms at 20,000`);
});

test('checkPlan: doubling an adversarial text at most about doubles the time of its rules (50 KB to 100 KB)', () => {
  // the text is parsed first, untimed: what is timed is every scan and rule of a check over the parsed
  // model (remark's own time is the parse budget's matter, incremental.ts)
  const small = adversarial(50_000);
  const large = adversarial(100_000);
  // one run of the rules on a text made new by a trailing line (so that no memo of an earlier run answers)
  let run = 0;
  const rulesOnce = (text: string) => {
    const fresh = `${text}\n\n<!-- run ${run++} -->\n`;
    const plan = parsePlan(fresh);
    return timeOf(() => assertSane(fresh, checkPlan(fresh, { plan, autoLang: 'en' })), 1);
  };
  rulesOnce(small[0]![1]);
  for (let i = 0; i < small.length; i++) {
    // a text that reads as a plan not begun (comments only) skips the rules: nothing to compare
    if (isBlankPlan(parsePlan(small[i]![1]))) continue;
    // the least of three runs each, taken in turn, so that a burst of load on the machine does not fall on one size only
    let a = Infinity;
    let b = Infinity;
    for (let k = 0; k < 3; k++) {
      a = Math.min(a, rulesOnce(small[i]![1]));
      b = Math.min(b, rulesOnce(large[i]![1]));
    }
    assert.ok(b < 3 * a + 100, `${small[i]![0]}: ${a.toFixed(0)} ms at 50 KB, ${b.toFixed(0)} ms at 100 KB`);
  }
});
