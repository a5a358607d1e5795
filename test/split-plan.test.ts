/**
 * Plans split across files (issue 14, item 4): a README.md or SUMMARY.md index that links chapter files is
 * one plan. The same plan in six chapter files gives the same findings as in one file, each in the file it
 * concerns; a chapter is never checked on its own; the missing-section fix can write a new chapter file
 * and its line in the index.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { checkPlan, defaultConfig, resolveConfigFor, type Finding } from '../server/src/core/index.js';
import { applyEdits } from '../server/src/core/fixes.js';
import { checkSplitPlan, editsByFile, findSplitPlan, indexLinks, newChapterFile, planIndexChapters, type SplitPlan } from '../server/src/core/split.js';
import { main } from '../server/src/cli/main.js';
import { REPO, tmpWorkspace } from './helpers/fixtures.js';
import fc from 'fast-check';
import { anyText } from './helpers/arbitraries.js';

const FLAWED = fs.readFileSync(path.join(REPO, 'examples', 'flawed-plan.md'), 'utf8');
const MARK = '---\nplanlint: true\n---\n';

/** The flawed example as an index (its title and note) and six chapter files (its `##` chapters, two per file where needed). */
function splitFlawed(dir: string): { split: SplitPlan; oneFile: string; files: Record<string, string> } {
  const parts = FLAWED.split(/\n(?=## )/);
  const preamble = parts[0]!;
  const chapters = parts.slice(1);
  const groups: string[][] = Array.from({ length: 6 }, () => []);
  chapters.forEach((c, i) => groups[Math.floor((i * 6) / chapters.length)]!.push(c));
  const names = groups.map((g, i) => `0${i + 1}-${/^## (.+)/.exec(g[0]!)![1]!.toLowerCase().replace(/[^a-z0-9一-龥]+/g, '-')}.md`);
  const files: Record<string, string> = {};
  groups.forEach((g, i) => (files[names[i]!] = `${g.join('\n')}\n`.replace(/\n+$/, '\n')));
  files['README.md'] = `${MARK}${preamble}\n\n${names.map((n, i) => `- [Chapter ${i + 1}](${encodeURI(n)})`).join('\n')}\n`;
  for (const [n, t] of Object.entries(files)) fs.writeFileSync(path.join(dir, n), t);
  const split: SplitPlan = {
    index: { file: path.join(dir, 'README.md'), text: files['README.md']! },
    chapters: names.map((n) => ({ file: path.join(dir, n), text: files[n]! })),
  };
  return { split, oneFile: `${MARK}${preamble}\n\n${groups.map((g) => g.join('\n')).join('\n')}`, files };
}

/** A finding as the founder reads it: rule, section, severity, message, and the text it points at. */
const shown = (text: string, f: Finding) => `${f.rule}:${f.section ?? ''}@${f.severity} ${f.message} «${f.rule === 'missing-section' ? 'the plan' : text.slice(f.start, f.end)}»`;

test('six chapter files give the same findings as the same plan in one file, each in the file it concerns', () => {
  const dir = tmpWorkspace({});
  try {
    const { split, oneFile } = splitFlawed(dir);
    const one = checkPlan(oneFile, { autoLang: 'en' });
    const r = checkSplitPlan(split, { autoLang: 'en' });
    const texts = new Map([split.index!, ...split.chapters].map((f) => [f.file, f.text]));
    const fromSplit = [...r.byFile].flatMap(([file, fs_]) => fs_.map((f) => shown(texts.get(file)!, f))).sort();
    // the one place a message names another: in the split plan it names the file too
    const first = [...texts].find(([, t]) => t.includes('## Market Analysis'))!;
    const where = `(first in ${path.basename(first[0])}, line ${first[1].slice(0, first[1].indexOf('## Market Analysis')).split('\n').length})`;
    const fromOne = one.findings.map((f) => shown(oneFile, f).replace(/\(first at line \d+\)/, where)).sort();
    assert.ok(fromOne.length >= 10, `the flawed plan has findings:\n${fromOne.join('\n')}`);
    assert.deepEqual(fromSplit, fromOne);
    // a missing section is about the whole plan: in the index, at its title; the rest in the chapter they point at
    const inIndex = r.byFile.get(split.index!.file)!;
    assert.ok(inIndex.some((f) => f.rule === 'missing-section' && f.section === 'explainability'));
    const table = [...r.byFile].find(([, list]) => list.some((f) => f.rule === 'table-arithmetic'))![0];
    assert.match(path.basename(table), /^0\d-/, 'the table finding is in a chapter file');
    assert.match(texts.get(table)!, /\| Year/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('a fix lands in the file it concerns: inserting a missing section edits the chapter it follows, and a new chapter file is offered', () => {
  const dir = tmpWorkspace({});
  try {
    const { split } = splitFlawed(dir);
    const r = checkSplitPlan(split, { autoLang: 'en' });
    const whole = r.whole.findings.find((f) => f.rule === 'missing-section' && f.section === 'explainability')!;
    const by = editsByFile(r, whole.fix!.edits)!;
    assert.equal(by.size, 1);
    const [file, edits] = [...by][0]!;
    assert.notEqual(file, split.index!.file, 'the section goes into a chapter, after the technology chapter');
    const fixed = applyEdits(split.chapters.find((c) => c.file === file)!.text, edits);
    assert.match(fixed, /## Model explainability/);

    const created = newChapterFile(r, 'explainability', 'en')!;
    assert.match(path.basename(created.file), /^0\d-model-explainability\.md$/);
    assert.match(created.text, /^## Model explainability\n/);
    const index = applyEdits(split.index!.text, [created.indexEdit]);
    assert.ok(index.includes(`](${path.basename(created.file)})`), index);
    // the new chapter, written and listed, is found: data privacy is no longer missing
    const again = checkSplitPlan(
      { index: { ...split.index!, text: index }, chapters: [...split.chapters, { file: created.file, text: created.text }].sort((a, b) => index.indexOf(path.basename(a.file)) - index.indexOf(path.basename(b.file))) },
      { autoLang: 'en' },
    );
    assert.ok(!again.whole.findings.some((f) => f.rule === 'missing-section' && f.section === 'explainability'));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('an index is a README.md or SUMMARY.md that is a plan and links two chapter files or more; its links are local Markdown files in its folder', () => {
  const file = path.join(REPO, 'plan', 'SUMMARY.md');
  const text = `# Summary\n\n[Intro](intro.md)\n\n- [Market](chapters/02%20market.md#top)\n- [Again](intro.md)\n- [Web](https://example.com/x.md)\n- [Up](../other.md)\n- [Mail](mailto:a@b.md)\n- [Image](pic.png)\n`;
  assert.deepEqual(indexLinks(file, text), [path.join(REPO, 'plan', 'intro.md'), path.join(REPO, 'plan', 'chapters', '02 market.md')]);
  const config = defaultConfig();
  assert.equal(planIndexChapters(file, text, config), null, 'not marked as a plan, not matched by the include globs');
  assert.equal(planIndexChapters(file, `${MARK}${text}`, config)?.length, 2);
  assert.equal(planIndexChapters(path.join(REPO, 'plan', 'index.md'), `${MARK}${text}`, config), null, 'another name');
  assert.equal(planIndexChapters(file, `${MARK}# S\n\n- [One](one.md)\n`, config), null, 'one chapter is no split plan');
});

test('a chapter file finds its plan through the index above it, and is never checked alone', async () => {
  const dir = tmpWorkspace({});
  try {
    const { files } = splitFlawed(dir);
    const read = (f: string) => (fs.existsSync(f) ? fs.readFileSync(f, 'utf8') : null);
    const chapter = path.join(dir, Object.keys(files).find((n) => n.startsWith('02-'))!);
    const found = findSplitPlan(chapter, defaultConfig(), read);
    assert.equal(found?.index?.file, path.join(dir, 'README.md'));
    assert.equal(found?.chapters.length, 6);
    assert.equal(findSplitPlan(path.join(dir, 'elsewhere.md'), defaultConfig(), read), null);

    // the CLI: one plan, findings in their files, the chapter never told that the rest is missing
    let stdout = '';
    let stderr = '';
    const io: Parameters<typeof main>[1] = { stdout: (s) => (stdout += String(s)), stderr: (s) => (stderr += String(s)), readStdin: () => '', isTTY: false, cwd: dir };
    assert.equal(await main(['--format', 'json', '.'], io), 1, stderr);
    const reports = JSON.parse(stdout) as { file: string; findings: { rule: string; message: string; line: number }[] }[];
    const names = reports.map((x) => x.file).sort();
    assert.deepEqual(names, Object.keys(files).sort());
    const missing = reports.filter((x) => x.findings.some((f) => f.rule === 'missing-section'));
    assert.deepEqual(missing.map((x) => x.file), ['README.md']);
    stdout = '';
    assert.ok((await main(['--format', 'json', path.basename(chapter)], io)) <= 1, stderr);
    const alone = JSON.parse(stdout) as { file: string; findings: { rule: string }[] }[];
    assert.deepEqual(
      alone.map((x) => x.file),
      [path.basename(chapter)],
      'naming one chapter reports that chapter, checked as a part of its plan',
    );
    assert.ok(!alone[0]!.findings.some((f) => f.rule === 'missing-section'));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('chapters listed in planlint.config.json are one plan; a missing section stands in the chapter it would follow', async () => {
  const dir = tmpWorkspace({
    'planlint.config.json': '{ "chapters": ["intro.md", "market.md", "../outside.md"] }',
    'intro.md': '# Acme\n\nWe build an assistant for clinics.\n',
    'market.md': '## Market demand\n\nClinics lose two hours a day to notes.\n',
  });
  try {
    const { config, errors } = resolveConfigFor(path.join(dir, 'market.md'));
    assert.deepEqual(errors, []);
    assert.deepEqual(config.chapters, [path.join(dir, 'intro.md'), path.join(dir, 'market.md')], 'a chapter outside the config folder is left out');
    const split = findSplitPlan(path.join(dir, 'market.md'), config, (f) => (fs.existsSync(f) ? fs.readFileSync(f, 'utf8') : null))!;
    assert.equal(split.index, null);
    const r = checkSplitPlan(split, { config });
    const team = [...r.byFile].flatMap(([file, list]) => list.filter((f) => f.rule === 'missing-section' && f.section === 'team').map(() => path.basename(file)));
    assert.deepEqual(team, ['market.md'], 'after the market chapter, the last one');
    assert.equal(newChapterFile(r, 'team', 'en'), null, 'no index to list a new chapter in');
    const bad = resolveConfigFor(path.join(dir, 'x.md'), path.join(dir, 'missing.json'));
    assert.ok(bad.errors.length);
    fs.writeFileSync(path.join(dir, 'planlint.config.json'), '{ "chapters": "intro.md" }');
    assert.match(resolveConfigFor(path.join(dir, 'market.md')).errors[0]!.message, /"chapters": expected array, got string "intro\.md"/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('examples/split-plan: one plan in six files, its missing sections in the index', () => {
  const dir = path.join(REPO, 'examples', 'split-plan');
  const read = (f: string) => (fs.existsSync(f) ? fs.readFileSync(f, 'utf8') : null);
  const split = findSplitPlan(path.join(dir, '03-technology.md'), defaultConfig(), read)!;
  assert.equal(split.chapters.length, 5);
  const r = checkSplitPlan(split, { autoLang: 'en' });
  const shownBy = [...r.byFile].flatMap(([file, list]) => list.filter((f) => f.severity === 'error' || f.severity === 'warning').map((f) => `${path.basename(file)} ${f.rule}:${f.section}`));
  assert.deepEqual(shownBy, ['README.md missing-section:data-privacy', 'README.md missing-section:risk-management']);
});

test('any texts: a split plan is checked without an error, and every finding and edit lies inside its file', () => {
  fc.assert(
    fc.property(anyText, fc.array(anyText, { minLength: 1, maxLength: 3 }), (indexText, texts) => {
      const split: SplitPlan = {
        index: { file: path.join(REPO, 'p', 'README.md'), text: `${MARK}# P\n\n${indexText}` },
        chapters: texts.map((text, i) => ({ file: path.join(REPO, 'p', `0${i}.md`), text })),
      };
      const r = checkSplitPlan(split);
      for (const [file, list] of r.byFile) {
        const text = [split.index!, ...split.chapters].find((f) => f.file === file)!.text;
        for (const f of list) {
          assert.ok(f.start >= 0 && f.start <= f.end && f.end <= text.length, `${f.rule} ${f.start}-${f.end} in ${text.length}`);
          for (const e of [...(f.fix?.edits ?? []), ...(f.suggestions ?? []).flatMap((s) => s.edits)]) assert.ok(e.start >= 0 && e.start <= e.end && e.end <= text.length);
        }
      }
    }),
    { numRuns: 60 },
  );
});

test('--fix on a split plan writes the file behind a linked chapter, keeps the link, and never writes outside the plan folder', async (t) => {
  const outside = tmpWorkspace({ 'elsewhere.md': '## Team\n\nThe founders.\n' });
  const dir = tmpWorkspace({
    'README.md': `${MARK}# Acme\n\n- [Market](market.md)\n- [Tech](tech.md)\n- [Team](team.md)\n`,
    'real-market.md': '## Market demand\n\nClinics lose two hours a day to notes; 40,000 clinics spend $1.2B a year on scribes.\n',
    'tech.md': '## Technical feasibility\n\nA fine-tuned speech model on two GPUs drafts notes; our AI prototype ran in four clinics.\n',
  });
  try {
    try {
      fs.symlinkSync(path.join(dir, 'real-market.md'), path.join(dir, 'market.md'));
      fs.symlinkSync(path.join(outside, 'elsewhere.md'), path.join(dir, 'team.md'));
    } catch {
      t.skip('no symbolic links here');
      return;
    }
    let stderr = '';
    const io: Parameters<typeof main>[1] = { stdout: () => {}, stderr: (s) => (stderr += String(s)), readStdin: () => '', isTTY: false, cwd: dir };
    await main(['--fix', '.'], io);
    assert.ok(fs.lstatSync(path.join(dir, 'market.md')).isSymbolicLink(), 'the link stays a link');
    // the executive summary comes before market demand: it goes at the head of the first chapter, behind the link
    assert.match(fs.readFileSync(path.join(dir, 'real-market.md'), 'utf8'), /^## Executive summary\n[\s\S]*\n## Market demand\n\nClinics lose/, 'the section went into the file behind the link');
    assert.equal(fs.readFileSync(path.join(outside, 'elsewhere.md'), 'utf8'), '## Team\n\nThe founders.\n', 'a file outside the plan folder is never written');
    assert.match(stderr, /team\.md/, 'the refusal names the chapter');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.rmSync(outside, { recursive: true, force: true });
  }
});
