import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RULES, checkPlan, defaultConfig, getProfile, guideRefOf, PROFILE_IDS } from '../server/src/core/index.js';
import { defaultFor } from '../scripts/generate.js';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { FIXTURES, REPO } from './helpers/fixtures.js';

test('rule metadata is complete and consistent', () => {
  const ids = new Set<string>();
  const names = new Set<string>();
  for (const r of RULES) {
    assert.match(r.id, /^PL\d{3}$/, r.name);
    assert.match(r.name, /^[a-z]+(-[a-z]+)*$/, `${r.name} is kebab-case`);
    assert.ok(!ids.has(r.id), `duplicate id ${r.id}`);
    assert.ok(!names.has(r.name), `duplicate name ${r.name}`);
    ids.add(r.id);
    names.add(r.name);
    for (const lang of ['en', 'zh'] as const) {
      assert.ok(r.description[lang].length > 5, `${r.name} description ${lang}`);
      assert.ok(r.docs.details[lang].length > 20, `${r.name} docs ${lang}`);
    }
    assert.doesNotThrow(() => r.options.parse({}), `${r.name} options have defaults`);
  }
});

for (const r of RULES) {
  test(`${r.name}: its valid example passes and its invalid example is reported`, () => {
    const config = defaultFor(r);
    const valid = checkPlan(r.docs.valid, { config }).findings.filter((f) => f.rule === r.name);
    assert.deepEqual(valid.map((f) => f.message), [], 'valid example has no finding');
    const invalid = checkPlan(r.docs.invalid, { config }).findings.filter((f) => f.rule === r.name);
    assert.ok(invalid.length > 0, 'invalid example is reported');
    if (r.fixable) assert.ok(invalid.some((f) => f.fix), 'a fixable rule offers a fix on its invalid example');
    if (r.hasSuggestions) assert.ok(invalid.some((f) => f.suggestions?.length), 'a rule with suggestions offers one on its invalid example');
    if (!r.fixable) assert.ok(invalid.every((f) => !f.fix), 'a rule that is not fixable offers no bulk fix');
  });
}

const inProfile = (id: string) => ({ ...defaultConfig(), profile: id });

for (const id of PROFILE_IDS) {
  test(`profile ${id}: every template covers its section, is long enough and re-checks clean but for fill-ins`, () => {
    const profile = getProfile(id);
    for (const lang of ['en', 'zh'] as const) {
      const text = `# Plan\n\n${profile.sections.map((s) => `## ${s.title[lang]}\n\n${s.template[lang].join('\n')}\n`).join('\n')}`;
      const result = checkPlan(text, { autoLang: lang, config: inProfile(id) });
      assert.equal(result.plan.language, lang);
      const other = result.findings.filter((f) => f.rule !== 'placeholder');
      assert.deepEqual(other.map((f) => `${f.rule}: ${f.message}`), [], `${lang} skeleton has only placeholder findings`);
      for (const s of profile.sections) assert.ok(result.analysis.bySection.has(s.id), `${lang} title of ${s.id} matches its section`);
    }
  });

  test(`profile ${id}: every topic scaffold carries one of its own keywords`, () => {
    for (const s of getProfile(id).sections) {
      for (const lang of ['en', 'zh'] as const) {
        const text = `## ${s.title[lang]}\n\n${s.topics.map((t) => t.scaffold[lang]).join('\n')}\n`;
        const r = checkPlan(text, { config: inProfile(id) });
        const idx = r.analysis.bySection.get(s.id)?.[0];
        assert.notEqual(idx, undefined, `${s.id} ${lang}`);
        assert.deepEqual(r.analysis.topics(idx!).missing, [], `${s.id} ${lang} scaffolds cover every topic`);
      }
    }
  });
}

test('a guide reference speaks the language it is shown in: section numbers, or words in each language', () => {
  const cjk = /[\u3400-\u9fff]/u;
  for (const g of PROFILE_IDS.flatMap((id) => getProfile(id).sections)) {
    assert.doesNotMatch(guideRefOf(g, 'en'), cjk, `${g.id}: ${guideRefOf(g, 'en')}`);
    assert.ok(guideRefOf(g, 'zh').length > 0);
  }
  const summary = getProfile().sections.find((g) => g.id === 'executive-summary')!;
  assert.notEqual(guideRefOf(summary, 'zh'), guideRefOf(summary, 'en'));
});

test('missing explainability is an error in an AI plan that decides for patients or borrowers, information with a way out in a plan that hardly speaks of AI', () => {
  const ai =
    '# Acme\n\n## Market demand\n\nOur AI model scores loan applications. The model is an LLM. Model updates ship weekly. The AI runs on GPUs. Our model is fine-tuned.\n\nLenders decide loans with it; lending teams at 30 banks use it, and each loan file shows the score. Credit scoring is regulated.\n';
  const plain = '# Acme\n\n## Market demand\n\nWe sell bookkeeping templates to freelancers by subscription.\n';
  const of = (text: string) => checkPlan(text).findings.find((f) => f.rule === 'missing-section' && f.section === 'explainability');
  assert.equal(of(ai)?.severity, 'error');
  const w = of(plain);
  assert.equal(w?.severity, 'info');
  assert.match(w!.message, /"level": "off"/);
  const privacy = checkPlan(plain).findings.find((f) => f.rule === 'missing-section' && f.section === 'data-privacy');
  assert.equal(privacy?.severity, 'info', 'so are the other sections the guide asks of AI products');
  assert.equal(checkPlan(plain).findings.find((f) => f.rule === 'missing-section' && f.section === 'market-demand'), undefined);
  assert.equal(checkPlan('# Acme\n\n## Team\n\nAda and Bo.\n').findings.find((f) => f.section === 'market-demand')?.severity, 'error', 'market demand is asked of every plan');
  const forced = checkPlan(plain, { config: { ...defaultConfig(), rules: { 'missing-section': { severity: 'error', options: {} } } } }).findings.find((f) => f.section === 'explainability');
  assert.equal(forced?.severity, 'error', 'a configured severity is kept');
});

test('buried-section: a required section named in one sentence of another chapter is buried there, not missing', () => {
  const text = '# Acme\n\n## Risks\n\n| Risk | Response |\n|---|---|\n| User privacy concerns | Photos never leave the phone |\n';
  const r = checkPlan(text);
  const b = r.findings.filter((f) => f.rule === 'buried-section' && f.section === 'data-privacy');
  assert.equal(b.length, 1);
  assert.equal(r.plan.text.slice(b[0]!.start, b[0]!.end), '## Risks');
  assert.ok(!r.findings.some((f) => f.rule === 'missing-section' && f.section === 'data-privacy'));
  // one passing word that does not name the section is not enough
  const weak = checkPlan('# Acme\n\n## Product\n\nWe encrypt backups. Our AI model reads receipts; the model is an LLM, fine-tuned on our data. Model updates ship weekly and the AI runs on GPUs.\n');
  assert.ok(weak.findings.some((f) => f.rule === 'missing-section' && f.section === 'data-privacy' && f.severity === 'error'));
});

test('unmarked-heading: a numbered chapter line is marked at the level of the chapters numbered like it', () => {
  const text = fs.readFileSync(path.join(FIXTURES, 'plans', 'zh-unmarked-numbered-level.md'), 'utf8');
  const f = checkPlan(text).findings.find((x) => x.rule === 'unmarked-heading')!;
  assert.deepEqual(f.fix!.edits.map((e) => e.newText), ['## '], 'the level of "## 二、团队" and "## 四、融资需求", not one below');
});

test('rules never import each other: the facts they share live in the core (placeholders.ts, market.ts, chapters.ts)', () => {
  const dir = path.join(REPO, 'server', 'src', 'core', 'rules');
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.ts') && f !== 'index.ts');
  assert.ok(files.length >= RULES.length, 'every rule has its module');
  for (const f of files) {
    const text = fs.readFileSync(path.join(dir, f), 'utf8');
    const siblings = [...text.matchAll(/from '\.\/([^']+)\.js'/g)].map((m) => m[1]).filter((m) => m !== 'rule');
    assert.deepEqual(siblings, [], `${f} imports ${siblings.join(', ')}`);
  }
});
