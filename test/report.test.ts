/**
 * The plan report (core/report-html.ts and `planlint report`): what each page shows of the example plans, that
 * it is built from the checklist's data, that it loads nothing and escapes the plan's text, and the CLI's files.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { checkPlan, fixAll, planCoverage } from '../server/src/core/index.js';
import { renderPlanReport, renderReportIndex, planSummary, escapeHtml, NUMBER_RULES } from '../server/src/core/report-html.js';
import { main } from '../server/src/cli/main.js';
import { pageName } from '../server/src/cli/report.js';
import { REPO, FIXTURES } from './helpers/fixtures.js';

const EXAMPLES = path.join(REPO, 'examples');
const read = (p: string) => fs.readFileSync(p, 'utf8');

function report(text: string, file = 'plan.md') {
  const result = checkPlan(text);
  return { result, html: renderPlanReport({ result, file }) };
}

/** The part of the page between `<section id="ID">` and its end. */
function section(html: string, id: string): string {
  const start = html.indexOf(`<section id="${id}">`);
  assert.ok(start >= 0, `section ${id}`);
  return html.slice(start, html.indexOf('</section>', start));
}

/** data-state of each row of the coverage map, in page order. */
function states(html: string): [string, string][] {
  const out: [string, string][] = [];
  const cov = section(html, 'coverage');
  let at = 0;
  for (;;) {
    const i = cov.indexOf('data-section="', at);
    if (i < 0) return out;
    const id = cov.slice(i + 14, cov.indexOf('"', i + 14));
    const j = cov.indexOf('data-state="', i);
    out.push([id, cov.slice(j + 12, cov.indexOf('"', j + 12))]);
    at = j;
  }
}

function assertSelfContained(html: string) {
  assert.ok(!/https?:\/\//i.test(html), 'no URL at all');
  assert.ok(!/<script|<link|<img|<iframe|\ssrc=/i.test(html), 'no script and no resource');
  assert.ok(html.includes("Content-Security-Policy\" content=\"default-src 'none'"), 'a CSP that loads nothing');
  assert.ok(html.includes('@media print'), 'print CSS');
  assert.ok(html.includes('<svg'), 'inline SVG charts');
}

/** Every in-page link has its anchor. */
function assertAnchors(html: string) {
  let at = 0;
  let n = 0;
  for (;;) {
    const i = html.indexOf('href="#', at);
    if (i < 0) break;
    const id = html.slice(i + 7, html.indexOf('"', i + 7));
    assert.ok(html.includes(`id="${id}"`), `anchor ${id}`);
    at = i + 1;
    n++;
  }
  return n;
}

test('the flawed example: sections with their checklist state, required first, and every finding linked to its line', () => {
  const text = read(path.join(EXAMPLES, 'flawed-plan.md'));
  const { result, html } = report(text, 'examples/flawed-plan.md');
  assertSelfContained(html);
  assert.ok(html.startsWith('<!DOCTYPE html>\n<html lang="en">'));
  const rows = states(html);
  const coverage = planCoverage(result);
  assert.equal(rows.length, coverage.length, 'every guide section that is not off');
  // required first, then recommended, then optional, each in the guide's order
  const levels = rows.map(([id]) => coverage.find((c) => c.id === id)!.level);
  assert.deepEqual(levels, [...levels].sort((a, b) => ['required', 'recommended', 'optional'].indexOf(a) - ['required', 'recommended', 'optional'].indexOf(b)));
  const state = new Map(rows);
  assert.equal(state.get('market-demand'), 'present');
  assert.equal(state.get('technical-feasibility'), 'present');
  assert.equal(state.get('data-privacy'), 'missing');
  assert.equal(state.get('explainability'), 'missing');
  assert.equal(state.get('marketing'), 'thin');
  // the same states as the checklist
  for (const c of coverage) assert.equal(state.get(c.id), c.coverage);
  // each present section links to its heading, whose line the page quotes
  const market = result.plan.sections[coverage.find((c) => c.id === 'market-demand')!.sections[0]!]!;
  const line = result.plan.lines.positionAt(market.heading.start).line + 1;
  assert.match(section(html, 'coverage'), new RegExp(`href="#L${line}">line ${line}</a><span class="quote">Market Analysis`));
  assert.match(html, new RegExp(`<li id="L${line}"><span class="no">line ${line}</span><span class="quote">## Market Analysis</span>`));
  // every finding, once, linked to its line, with its message
  const findings = section(html, 'findings');
  assert.equal(findings.split('<tr class="finding"').length - 1, result.findings.length);
  for (const f of result.findings) {
    const l = result.plan.lines.positionAt(f.start).line + 1;
    assert.ok(findings.includes(`href="#L${l}"`), `${f.rule} at line ${l}`);
    assert.ok(findings.includes(escapeHtml(f.message)), f.message);
  }
  assert.ok(assertAnchors(html) > result.findings.length);
  // topics of a section it has: covered and missing
  const topics = section(html, 'topics');
  assert.match(topics, /<span class="topic covered" data-topic="[^"]+">✓ Market size/);
  assert.match(topics, /<span class="topic missing" data-topic="[^"]+">✗ /);
  assert.ok(!topics.includes('data-section="data-privacy"'), 'a missing section has no topics row');
  // the number findings, with the figures: a funds-total finding beside the amount raised it compares with
  const numbers = section(html, 'numbers');
  for (const f of result.findings.filter((x) => NUMBER_RULES.includes(x.rule))) assert.ok(numbers.includes(`data-rule="${f.rule}"`), f.rule);
  const funds = numbers.slice(numbers.indexOf('data-rule="funds-total"'));
  assert.ok(funds.slice(0, funds.indexOf('</tr>')).split('href="#L').length - 1 >= 2, 'the finding and its related place');
  assert.ok(!numbers.includes('data-rule="placeholder"'));
  // at a glance
  assert.ok(section(html, 'glance').includes('Required sections: 2 of 4'));
});

test('the clean examples: every section present, no findings, in the plan\'s language', () => {
  const en = report(read(path.join(EXAMPLES, 'business-plan-legalmind.md'))).html;
  assertSelfContained(en);
  assert.ok(states(en).every(([, s]) => s === 'present'));
  assert.ok(section(en, 'findings').includes('No findings.'));
  assert.ok(section(en, 'numbers').includes('No finding about the numbers.'));
  assert.ok(section(en, 'glance').includes('Required sections: 4 of 4'));
  const zh = report(read(path.join(EXAMPLES, '商业计划书-智医助手.md'))).html;
  assertSelfContained(zh);
  assert.ok(zh.includes('<html lang="zh-CN">'));
  assert.ok(states(zh).every(([, s]) => s === 'present'));
  assert.ok(section(zh, 'findings').includes('没有发现问题。'));
  assert.ok(zh.includes('章节覆盖') && zh.includes('必需章节：4/4'));
});

test('the Chinese flawed example: states and labels in Chinese', () => {
  const { result, html } = report(read(path.join(EXAMPLES, '有缺陷的商业计划书-慧贷.md')));
  assert.equal(result.lang, 'zh');
  assertSelfContained(html);
  const state = new Map(states(html));
  assert.ok([...state.values()].includes('missing'));
  assert.ok(html.includes('<span class="badge st-missing">缺失</span>'));
  assert.ok(html.includes('第 '), 'lines named in Chinese');
  assertAnchors(html);
});

test('a section still holding its template is "template"; the checklist still calls it present', () => {
  const fixed = fixAll(read(path.join(EXAMPLES, 'flawed-plan.md'))).text;
  const { result, html } = report(fixed);
  const privacy = planCoverage(result).find((c) => c.id === 'data-privacy')!;
  assert.equal(privacy.state, 'present');
  assert.ok(privacy.fillIns >= 2);
  assert.equal(privacy.coverage, 'template');
  assert.equal(new Map(states(html)).get('data-privacy'), 'template');
  assert.match(section(html, 'coverage'), /fill-ins left/);
});

test('a figure contradiction is shown once, as its two places side by side', () => {
  const { result, html } = report(read(path.join(FIXTURES, 'numbers', 'en-contradictions.md')));
  const found = result.findings.filter((f) => f.rule === 'figure-contradiction');
  assert.ok(found.length >= 2);
  const numbers = section(html, 'numbers');
  const rows = numbers.split('<tr data-rule="figure-contradiction">').slice(1);
  assert.ok(rows.length >= 1 && rows.length < found.length, 'each pair once, not once from each side');
  for (const row of rows) {
    const cells = row.slice(0, row.indexOf('</tr>')).split('<td>');
    assert.ok(cells[3]!.includes('href="#L') && cells[4]!.includes('href="#L'), 'here and the place compared with');
  }
  // the figure itself is quoted, e.g. MRR by Month 12 in a clause and in the table
  assert.match(numbers, /\$90K|45,000/);
  assertAnchors(html);
});

test('the plan\'s text is escaped: a heading or a figure holding markup comes out as text', () => {
  const text = [
    '# <script>alert(1)</script> Acme "AI" & co',
    '',
    '## Market demand <img src=x onerror=alert(1)>',
    '',
    'The market is worth a lot and grows <b onmouseover="x">fast</b>; see http://example.com and https://example.org.',
    '',
    "## Technical feasibility ' <iframe>",
    '',
    'TODO <script>steal()</script>',
    '',
  ].join('\n');
  const { html } = report(text, 'plans/<evil>.md');
  assert.ok(!html.includes('<script>'));
  assert.ok(!/<img|<iframe|<b |onmouseover="/.test(html));
  assert.ok(html.includes('&lt;script&gt;alert(1)&lt;/script&gt; Acme &quot;AI&quot; &amp; co'));
  assert.ok(html.includes('plans/&lt;evil&gt;.md'));
  assert.ok(html.includes('Market demand &lt;img src=x onerror=alert(1)&gt;'));
  // the plan's own URLs are only text: nothing links to them
  assert.ok(!html.includes('href="http'));
  assert.equal(escapeHtml(`<>&"'x`), '&lt;&gt;&amp;&quot;&#39;x');
});

test('the index of a batch: one row per plan, linking to its page, from the same coverage', () => {
  const plans = ['flawed-plan.md', 'business-plan-legalmind.md'].map((f) => planSummary(checkPlan(read(path.join(EXAMPLES, f))), `examples/${f}`, encodeURIComponent(f.replace('.md', '.html'))));
  assert.deepEqual(plans[0]!.required, { present: 2, total: 4 });
  assert.deepEqual(plans[0]!.missingRequired, ['Data privacy', 'Model explainability']);
  assert.deepEqual(plans[1]!.required, { present: 4, total: 4 });
  const html = renderReportIndex(plans, 'en');
  assertSelfContained(html);
  assert.ok(html.includes('<a href="flawed-plan.html">ShopTalk AI'));
  assert.ok(html.includes('Data privacy, Model explainability'));
  assert.ok(renderReportIndex([], 'zh').includes('没有计划书。'));
});

test('page names: folders joined, unsafe characters replaced, never index.html, unique', () => {
  const taken = new Set<string>();
  assert.equal(pageName('plans/a plan.md', taken), 'plans__a plan.html');
  assert.equal(pageName('plans/a plan.md', taken), 'plans__a plan-2.html');
  assert.equal(pageName('index.md', taken), 'index-2.html');
  assert.equal(pageName('../x:y?.md', taken), '__x_y_.html');
  assert.equal(pageName('计划书.md', taken), '计划书.html');
});

async function run(args: string[], cwd: string) {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s), readStdin: () => '', isTTY: false, cwd });
  return { code, stdout, stderr };
}

test('planlint report: a folder gives a page per plan and an index; a file gives one page', async () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'planlint-report-'));
  try {
    const out = path.join(tmp, 'out');
    const r = await run(['report', 'examples', '-o', out], REPO);
    assert.equal(r.code, 0, r.stderr);
    const pages = fs.readdirSync(out).sort();
    assert.ok(pages.includes('index.html') && pages.includes('flawed-plan.html') && pages.includes('商业计划书-智医助手.html') && pages.includes('pitch__flawed-pitch-plan.html'));
    const index = fs.readFileSync(path.join(out, 'index.html'), 'utf8');
    assertSelfContained(index);
    for (const p of pages.filter((x) => x !== 'index.html')) {
      assert.ok(index.includes(`href="${escapeHtml(encodeURIComponent(p))}"`), p);
      assertSelfContained(fs.readFileSync(path.join(out, p), 'utf8'));
    }
    // a plan split across files is one page, its lines named by their files
    const split = fs.readFileSync(path.join(out, 'split-plan__README.html'), 'utf8');
    assert.ok(!pages.some((p) => p.startsWith('split-plan__0')), 'its chapters have no pages of their own');
    assert.match(split, /examples\/split-plan\/0\d-[a-z]+\.md:\d+/);
    assertAnchors(split);

    const one = await run(['report', 'examples/flawed-plan.md'], REPO);
    assert.equal(one.code, 0, one.stderr);
    assert.ok(one.stdout.startsWith('<!DOCTYPE html>') && one.stdout.includes('ShopTalk AI'));
    assert.equal(one.stdout, fs.readFileSync(path.join(out, 'flawed-plan.html'), 'utf8'), 'the same page either way');
    const file = path.join(tmp, 'r.html');
    assert.equal((await run(['report', 'examples/flawed-plan.md', '-o', file, '--lang', 'zh'], REPO)).code, 0);
    assert.ok(fs.readFileSync(file, 'utf8').includes('<html lang="zh-CN">'));

    const several = await run(['report', 'examples/flawed-plan.md', 'examples/business-plan-legalmind.md'], REPO);
    assert.equal(several.code, 2);
    assert.match(several.stderr, /-o <folder>/);
    assert.equal((await run(['report'], REPO)).code, 2);
    assert.equal((await run(['report', '--lang', 'fr', 'examples'], REPO)).code, 2);
    const missing = await run(['report', 'no-such-plan.md', '-o', path.join(tmp, 'x.html')], REPO);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /no-such-plan\.md/);
    const help = await run(['report', '--help'], REPO);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /planlint report/);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
});
