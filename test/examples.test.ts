/**
 * The example plans (examples/): every built-in profile has a complete plan in each
 * language, with no findings, and flawed plans that together show every rule that can
 * fire under the profile. The list below is the catalogue; a profile missing from it, or
 * a plan under examples/ missing from it, fails.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { checkPlan, defaultConfig, fixAll, getProfile, isPlan, PROFILE_IDS, type CheckResult } from '../server/src/core/index.js';
import { REPO, assertFixesSafe, keepsAllCharacters } from './helpers/fixtures.js';

const EXAMPLES = path.join(REPO, 'examples');

type Lang = 'zh' | 'en';
interface Example {
  /** Path under examples/. */
  file: string;
  lang: Lang;
}
interface Flawed extends Example {
  /** Exactly the rules the plan is reported for. */
  rules: string[];
}
interface ProfileExamples {
  complete: Example[];
  flawed: Flawed[];
}

const CATALOGUE: Record<string, ProfileExamples> = {
  'ai-startup': {
    complete: [
      { file: '商业计划书-智医助手.md', lang: 'zh' },
      { file: 'business-plan-legalmind.md', lang: 'en' },
    ],
    flawed: [
      {
        file: 'flawed-plan.md',
        lang: 'en',
        rules: [
          'buried-section',
          'duplicate-section',
          'funds-total',
          'market-size-unquantified',
          'missing-section',
          'missing-source',
          'missing-topic',
          'placeholder',
          'risk-without-response',
          'table-arithmetic',
          'thin-section',
        ],
      },
      {
        file: '有缺陷的商业计划书-慧贷.md',
        lang: 'zh',
        rules: [
          'buried-section',
          'duplicate-section',
          'funds-total',
          'market-size-unquantified',
          'missing-section',
          'missing-source',
          'missing-topic',
          'placeholder',
          'risk-without-response',
          'table-arithmetic',
          'thin-section',
          'unmarked-heading',
        ],
      },
    ],
  },
  pitch: {
    complete: [
      { file: 'pitch/路演计划-灵犀质检.md', lang: 'zh' },
      { file: 'pitch/pitch-plan-shiftwise.md', lang: 'en' },
    ],
    flawed: [
      {
        file: 'pitch/flawed-pitch-plan.md',
        lang: 'en',
        rules: [
          'duplicate-section',
          'funds-total',
          'market-size-unquantified',
          'missing-section',
          'missing-source',
          'missing-topic',
          'placeholder',
          'section-order',
          'table-arithmetic',
          'thin-section',
        ],
      },
      {
        file: 'pitch/有缺陷的路演计划-宠安.md',
        lang: 'zh',
        rules: [
          'duplicate-section',
          'funds-total',
          'market-size-unquantified',
          'missing-section',
          'missing-source',
          'missing-topic',
          'placeholder',
          'table-arithmetic',
          'thin-section',
          'unmarked-heading',
        ],
      },
    ],
  },
  sba: {
    complete: [
      { file: 'sba/商业计划-小满外贸助手.md', lang: 'zh' },
      { file: 'sba/sba-business-plan-shelfsense.md', lang: 'en' },
    ],
    flawed: [
      {
        file: 'sba/flawed-sba-plan.md',
        lang: 'en',
        rules: [
          'duplicate-section',
          'funds-total',
          'market-size-unquantified',
          'missing-section',
          'missing-source',
          'missing-topic',
          'placeholder',
          'table-arithmetic',
          'thin-section',
        ],
      },
      {
        file: 'sba/有缺陷的商业计划-稻田卫士.md',
        lang: 'zh',
        rules: [
          'duplicate-section',
          'funds-total',
          'market-size-unquantified',
          'missing-section',
          'missing-source',
          'missing-topic',
          'placeholder',
          'table-arithmetic',
          'thin-section',
          'unmarked-heading',
        ],
      },
    ],
  },
  'lean-canvas': {
    complete: [
      { file: 'lean-canvas/精益画布计划-账小二.md', lang: 'zh' },
      { file: 'lean-canvas/lean-canvas-plan-permitpal.md', lang: 'en' },
    ],
    flawed: [
      {
        file: 'lean-canvas/flawed-lean-canvas-plan.md',
        lang: 'en',
        rules: ['duplicate-section', 'funds-total', 'missing-section', 'missing-source', 'missing-topic', 'placeholder', 'table-arithmetic', 'thin-section'],
      },
      {
        file: 'lean-canvas/有缺陷的精益画布计划-批改星.md',
        lang: 'zh',
        rules: [
          'duplicate-section',
          'funds-total',
          'missing-section',
          'missing-source',
          'missing-topic',
          'placeholder',
          'table-arithmetic',
          'thin-section',
          'unmarked-heading',
        ],
      },
    ],
  },
};

/**
 * The rules a profile's flawed examples must show between them, by what the profile has:
 * the rules every profile can trigger, the number rules that need a section of a role,
 * buried-section where a required section has evidence terms, and unmarked-heading (it reads
 * Chinese chapter numbering) where there is a Chinese flawed example. section-order is off by
 * default and too-complex-to-parse needs text no plan is written in, so neither is asked for.
 */
function applicableRules(profileId: string, flawed: readonly Flawed[]): string[] {
  const profile = getProfile(profileId);
  const roles = new Set(profile.sections.map((s) => s.role).filter(Boolean));
  const rules = ['missing-section', 'thin-section', 'missing-topic', 'placeholder', 'duplicate-section', 'missing-source', 'table-arithmetic', 'funds-total'];
  if (roles.has('market')) rules.push('market-size-unquantified');
  if (roles.has('risks')) rules.push('risk-without-response');
  const evidence = profile.sections.some((s) => s.level === 'required' && [...s.evidence.zh, ...s.evidence.en, ...s.strongEvidence.zh, ...s.strongEvidence.en].length > 0);
  if (evidence) rules.push('buried-section');
  if (flawed.some((f) => f.lang === 'zh')) rules.push('unmarked-heading');
  return rules.sort();
}

function describe(result: CheckResult): string {
  return result.findings.map((f) => `${result.plan.lines.positionAt(f.start).line + 1}: ${f.rule}${f.section ? `:${f.section}` : ''} ${f.message}`).join('\n');
}

function read(name: string): { file: string; text: string } {
  const file = path.join(EXAMPLES, name);
  return { file, text: fs.readFileSync(file, 'utf8') };
}

/**
 * Every Markdown file under examples/ but the readme, as paths under examples/ with "/". A folder with its own
 * planlint.config.json (a workspace profile: examples/custom-profile) or its own README.md (the index of a plan
 * split across files: examples/split-plan) is tested with what it shows (custom-profile, split-plan tests).
 */
function plansOnDisk(dir = EXAMPLES): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory() && ['planlint.config.json', 'README.md'].some((n) => fs.existsSync(path.join(p, n)))) continue;
    if (e.isDirectory()) out.push(...plansOnDisk(p));
    else if (e.name.endsWith('.md') && e.name !== 'README.md') out.push(path.relative(EXAMPLES, p).split(path.sep).join('/'));
  }
  return out.sort();
}

test('every plan under examples/ is in the catalogue, and every catalogued plan exists', () => {
  const listed = Object.values(CATALOGUE)
    .flatMap((p) => [...p.complete, ...p.flawed])
    .map((e) => e.file)
    .sort();
  assert.deepEqual(plansOnDisk(), listed);
});

test('the catalogue names only built-in profiles', () => {
  for (const id of Object.keys(CATALOGUE)) assert.ok(PROFILE_IDS.includes(id), `${id} is a built-in profile`);
});

for (const id of PROFILE_IDS) {
  test(`profile ${id}: a complete example in each language and at least one flawed one`, () => {
    const entry = CATALOGUE[id];
    assert.ok(entry, `profile ${id} has examples under examples/ (add them to the catalogue in test/examples.test.ts)`);
    assert.deepEqual(entry.complete.map((e) => e.lang).sort(), ['en', 'zh'], `${id}: one complete example in Chinese and one in English`);
    assert.ok(entry.flawed.length >= 1, `${id}: at least one flawed example`);
  });

  const entry = CATALOGUE[id];
  if (!entry) continue;

  for (const ex of entry.complete) {
    test(`example ${ex.file} (${id}) is complete: no findings at all, every section covered`, () => {
      const { file, text } = read(ex.file);
      assert.ok(isPlan(file, text, defaultConfig()), `${ex.file} is recognised as a plan by the default include globs`);
      const result = checkPlan(text, { fileName: path.basename(file) });
      assert.deepEqual(result.configErrors, [], `${ex.file}: front matter settings are valid`);
      assert.equal(result.profile.id, id, `${ex.file} chooses profile ${id}`);
      assert.equal(result.plan.language, ex.lang, `${ex.file} is written in ${ex.lang}`);
      assert.equal(result.findings.length, 0, `${ex.file}:\n${describe(result)}`);
      for (const s of result.profile.sections) assert.ok(result.analysis.bySection.has(s.id), `${ex.file} covers ${s.id}`);
      assert.equal(fixAll(text).text, text, `${ex.file}: fixing everything changes nothing`);
    });
  }

  for (const ex of entry.flawed) {
    test(`example ${ex.file} (${id}) is flawed: exactly its stated rules, and fixing it closes the gaps`, () => {
      const { file, text } = read(ex.file);
      assert.ok(isPlan(file, text, defaultConfig()), `${ex.file} is recognised as a plan by the default include globs`);
      const result = checkPlan(text, { fileName: path.basename(file) });
      assert.deepEqual(result.configErrors, [], `${ex.file}: front matter settings are valid`);
      assert.equal(result.profile.id, id, `${ex.file} chooses profile ${id}`);
      assert.equal(result.plan.language, ex.lang, `${ex.file} is written in ${ex.lang}`);
      const rules = new Set(result.findings.map((f) => f.rule));
      for (const r of ex.rules) assert.ok(rules.has(r), `${ex.file} shows ${r}\n${describe(result)}`);
      assert.deepEqual([...rules].sort(), [...ex.rules].sort(), `${ex.file}: reported rules are the stated ones`);
      assert.ok(result.findings.some((f) => f.severity === 'error'), `${ex.file}: at least one error`);
      // fixing everything keeps every character, inserts the missing sections and topics, and is stable
      assertFixesSafe(ex.file, text, defaultConfig());
      const fixed = fixAll(text);
      assert.ok(keepsAllCharacters(text, fixed.text));
      const missing = result.findings.filter((f) => f.rule === 'missing-section').map((f) => f.section!);
      for (const s of missing) assert.ok(fixed.result.analysis.bySection.has(s), `${ex.file}: fixing inserts ${s}`);
    });
  }

  test(`profile ${id}: its flawed examples show every rule that can fire under it`, () => {
    const shown = new Set(entry.flawed.flatMap((f) => f.rules));
    const missing = applicableRules(id, entry.flawed).filter((r) => !shown.has(r));
    assert.deepEqual(missing, [], `${id}: rules no flawed example shows`);
  });
}
