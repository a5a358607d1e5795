/**
 * A profile of the workspace's own (issue 14, item 3): a JSON or YAML file that extends a built-in profile
 * (drop, rename, change levels, add sections and topics), chosen in planlint.config.json, in a plan's front
 * matter or with --profile; the number rules keep working through roles; every problem names the file,
 * the key and what was expected.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildProfile, checkPlan, getProfile, parseProfileText, resolveConfigFor, type CheckResult } from '../server/src/core/index.js';
import { main } from '../server/src/cli/main.js';
import { REPO, tmpWorkspace } from './helpers/fixtures.js';

const EXAMPLE = path.join(REPO, 'examples', 'custom-profile');
const PROFILE_YAML = fs.readFileSync(path.join(EXAMPLE, 'clinic-pilot.profile.yaml'), 'utf8');
const PLAN = fs.readFileSync(path.join(EXAMPLE, 'clinic-notes-plan.md'), 'utf8');

function checkFile(file: string): CheckResult {
  const { config, errors } = resolveConfigFor(file);
  assert.deepEqual(errors, []);
  return checkPlan(fs.readFileSync(file, 'utf8'), { config, filePath: file, fileName: path.basename(file) });
}

const summary = (r: CheckResult) => r.findings.map((f) => `${f.rule}${f.section ? `:${f.section}` : ''}@${f.severity}`);

test('the example profile extends ai-startup: dropped, renamed, changed and added sections, in order', () => {
  const r = parseProfileText(PROFILE_YAML, 'clinic-pilot.profile.yaml');
  assert.deepEqual(r.errors, []);
  const p = r.profile!;
  assert.equal(p.id, 'clinic-pilot');
  assert.deepEqual(
    p.sections.map((s) => s.id),
    ['product-innovation', 'market-demand', 'pilot-results', 'technical-feasibility', 'data-privacy', 'explainability', 'team', 'financial-forecast', 'risk-management'],
  );
  const byId = new Map(p.sections.map((s) => [s.id, s]));
  assert.equal(byId.get('market-demand')!.title.en, 'Customer pain');
  assert.equal(byId.get('market-demand')!.role, 'market', 'a renamed section keeps its role');
  assert.ok(byId.get('market-demand')!.aliases.en.includes('Market demand'), "the built-in aliases stay; the file's are added");
  assert.ok(byId.get('market-demand')!.aliases.en.includes('Customer pain'));
  assert.equal(byId.get('explainability')!.level, 'recommended');
  assert.equal(byId.get('pilot-results')!.level, 'required');
  assert.deepEqual(byId.get('pilot-results')!.topics.map((t) => t.id), ['pilot-sites', 'measured-results']);
  // what the dropped sections were covered by, or covered, is gone with them
  for (const s of p.sections) for (const c of s.coveredBy) assert.ok(byId.has(c), `${s.id} coveredBy ${c}`);
});

test('the example plan, checked through its folder\'s planlint.config.json, has no findings', () => {
  const r = checkFile(path.join(EXAMPLE, 'clinic-notes-plan.md'));
  assert.deepEqual(r.configErrors, []);
  assert.equal(r.profile.id, 'clinic-pilot');
  assert.deepEqual(summary(r), []);
  for (const s of r.profile.sections) if (s.level !== 'optional') assert.ok(r.analysis.bySection.has(s.id), `covers ${s.id}`);
});

test('with the custom profile: the added section is required, dropped ones are never asked for, the number rules read the renamed market chapter', () => {
  const dir = tmpWorkspace({
    'planlint.config.json': '{ "profile": "clinic-pilot.profile.yaml" }',
    'clinic-pilot.profile.yaml': PROFILE_YAML,
    // no pilot chapter; the market chapter (renamed) has no figure; a risk with no response
    'plan.md': PLAN.replace(/## 2\. Pilot results[\s\S]*?(?=## 3\.)/, '')
      .replace(/Market size: according to[^\n]*/, 'The market is large and growing.')
      .replace('| Mitigate with the ministry grant and a free first month |', '| |'),
  });
  try {
    const r = checkFile(path.join(dir, 'plan.md'));
    const found = summary(r);
    assert.ok(found.includes('missing-section:pilot-results@error'), found.join('\n'));
    assert.ok(found.includes('market-size-unquantified:market-demand@info'), found.join('\n'));
    assert.ok(found.some((f) => f.startsWith('risk-without-response:risk-management')), found.join('\n'));
    for (const dropped of ['ethics', 'financing', 'milestones', 'executive-summary']) assert.ok(!found.some((f) => f.includes(`:${dropped}@`)), dropped);
    // the fix inserts the added section's own template, under its own title
    const fix = r.findings.find((f) => f.section === 'pilot-results')!.fix!;
    assert.match(fix.edits.map((e) => e.newText).join(''), /## \d+\. Pilot results\n\nPilot clinics: \[names and number\]/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('a plan chooses a profile file in its front matter, relative to the plan', () => {
  const dir = tmpWorkspace({ 'profiles/clinic.yaml': PROFILE_YAML, 'docs/plan.md': `---\nplanlint:\n  profile: ../profiles/clinic.yaml\n---\n${PLAN}` });
  try {
    // no config file: the front matter's path may reach the profile only inside the plan's own folder
    const outside = checkFile(path.join(dir, 'docs', 'plan.md'));
    assert.match(outside.configErrors.map((e) => e.message).join('\n'), /clinic\.yaml: expected a profile file inside .*docs; it lies or links outside/);
    assert.equal(outside.profile.id, 'ai-startup', 'the built-in profile stands while the file cannot be used');
    // with a config file above, its folder is the plan's tree
    fs.writeFileSync(path.join(dir, 'planlint.config.json'), '{}');
    const inside = checkFile(path.join(dir, 'docs', 'plan.md'));
    assert.deepEqual(inside.configErrors, []);
    assert.equal(inside.profile.id, 'clinic-pilot');
    assert.deepEqual(summary(inside), []);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('an edited profile file is read again', () => {
  const dir = tmpWorkspace({ 'planlint.config.json': '{ "profile": "p.json" }', 'p.json': '{ "id": "one", "extends": "ai-startup" }', 'plan.md': PLAN });
  try {
    assert.equal(checkFile(path.join(dir, 'plan.md')).profile.id, 'one');
    fs.writeFileSync(path.join(dir, 'p.json'), '// now with a comment\n{ "id": "two", "extends": "ai-startup", }');
    const t = new Date(Date.now() + 5000);
    fs.utimesSync(path.join(dir, 'p.json'), t, t);
    assert.equal(checkFile(path.join(dir, 'plan.md')).profile.id, 'two');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('a whole profile of its own (no extends) is a profile like the built-in ones', () => {
  const whole = { ...structuredClone(getProfile('lean-canvas')), id: 'my-canvas' };
  const r = buildProfile(whole, 'my-canvas.json');
  assert.deepEqual(r.errors, []);
  assert.equal(r.profile!.sections.length, getProfile('lean-canvas').sections.length);
});

test('every problem in a profile file names the file, the key and what was expected', () => {
  const cases: [string, string, RegExp][] = [
    ['p.yaml', 'id: acme\nextends: pich\n', /p\.yaml: "extends": expected one of "ai-startup", "pitch", "sba", "lean-canvas", got "pich"/],
    ['p.yaml', 'id: acme\nextends: ai-startup\ndrop: [continuous-lerning]\n', /"drop\[0\]": unknown section "continuous-lerning" \(did you mean "continuous-learning"\?\); expected one of: executive-summary, .* \(the sections of profile "ai-startup"\)/],
    ['p.yaml', 'id: acme\nextends: ai-startup\nchange:\n  team:\n    levl: required\n', /"change\.team": unknown key "levl"; expected one of: title, level, /],
    ['p.yaml', 'id: acme\nextends: ai-startup\nchange:\n  teams: { level: required }\n', /"change\.teams": unknown section "teams" \(did you mean "team"\?\)/],
    ['p.yaml', 'id: acme\nextends: ai-startup\nchange:\n  team: { level: must }\n', /"change\.team\.level": expected one of "required", "recommended", "optional", got "must"/],
    ['p.yaml', 'id: acme\nextends: ai-startup\ndrop: [team]\nchange:\n  team: { level: required }\n', /"change\.team": section "team" is dropped in "drop"/],
    ['p.yaml', 'id: acme\nextends: ai-startup\nadd:\n  - { id: team, level: required, title: { zh: 团队, en: Team }, guidance: { zh: 写, en: Write }, template: { zh: [x], en: [x] } }\n', /"add\[0\]\.id": section "team" is already in the profile/],
    ['p.yaml', 'id: acme\nextends: ai-startup\nadd:\n  - { id: pilots, level: required, title: { zh: 试点, en: Pilots }, guidance: { zh: 写, en: Write }, template: { zh: [x], en: [x] }, after: teem }\n', /"add\[0\]\.after": unknown section "teem" \(did you mean "team"\?\)/],
    ['p.yaml', 'id: acme\nextends: ai-startup\nchange:\n  team: { role: market }\n', /"sections "team"\.role": role "market" is already played by section "market-demand" \(in the profile "ai-startup" extended by this file\)/],
    ['p.yaml', 'id: acme\nextends: ai-startup\nchange:\n  team: { dropTopics: [roles, hobbies] }\n', /"change\.team\.dropTopics\[1\]": unknown topic "hobbies"; the topics of "team" are: core-members, roles/],
    ['p.yaml', 'id: acme\nextends: ai-startup\nsections: []\n', /"sections": a profile that extends another lists no sections; use "drop", "change" and "add"/],
    ['p.yaml', 'id: acme\ndrop: [team]\n', /"drop": "drop" needs "extends"/],
    ['p.yaml', 'id: [', /p\.yaml: invalid YAML: .* at line 1, column \d+/],
    ['p.yaml', 'a: &a [*a]\n', /p\.yaml: /],
    ['p.yaml', '', /p\.yaml: expected a YAML mapping, got an empty file/],
    ['p.json', '{ "id": "acme", "extends": "ai-startup", }x', /p\.json: invalid JSON at line 1, column \d+/],
    ['p.json', '{ "id": "Acme", "extends": "ai-startup" }', /p\.json: "id": /],
    ['p.json', '{ "id": "acme", "extends": "ai-startup", "__proto__": { "drop": ["team"] } }', /p\.json: unknown key "__proto__"/],
  ];
  for (const [file, text, expected] of cases) {
    const r = parseProfileText(text, file);
    assert.equal(r.profile, undefined, `${text}: no profile`);
    assert.ok(r.errors.length > 0, `${text}: an error`);
    assert.match(r.errors.map((e) => e.message).join('\n'), expected, text);
  }
});

test('config: a profile that is neither a built-in one nor a file says what it may be', () => {
  const dir = tmpWorkspace({ 'planlint.config.json': '{ "profile": "pich" }', 'plan.md': PLAN });
  try {
    const r = resolveConfigFor(path.join(dir, 'plan.md'));
    assert.match(r.errors.map((e) => e.message).join('\n'), /planlint\.config\.json: "profile": expected one of "ai-startup", "pitch", "sba", "lean-canvas" \(did you mean "pitch"\?\), or the path of a profile file \(\.json, \.yaml or \.yml\), got "pich"/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('config: sections are checked against the profile file in force', () => {
  const dir = tmpWorkspace({
    'planlint.config.json': '{ "profile": "p.yaml", "sections": { "pilot-result": { "level": "optional" } } }',
    'p.yaml': PROFILE_YAML,
    'plan.md': PLAN,
  });
  try {
    const file = path.join(dir, 'plan.md');
    const { config, errors } = resolveConfigFor(file);
    assert.deepEqual(errors, []);
    const r = checkPlan(PLAN, { config, filePath: file });
    assert.match(r.configErrors.map((e) => e.message).join('\n'), /planlint\.config\.json: "sections": unknown key "pilot-result" \(did you mean "pilot-results"\?\); .* \(the sections of profile "clinic-pilot"\)/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('a profile file that links outside the folder of the config naming it is not read', (t) => {
  const outside = tmpWorkspace({ 'secret.yaml': 'id: secret\nextends: ai-startup\n' });
  const dir = tmpWorkspace({ 'planlint.config.json': '{ "profile": "p.yaml" }', 'plan.md': PLAN });
  try {
    try {
      fs.symlinkSync(path.join(outside, 'secret.yaml'), path.join(dir, 'p.yaml'));
    } catch {
      t.skip('no symbolic links here');
      return;
    }
    const r = checkFile(path.join(dir, 'plan.md'));
    assert.match(r.configErrors.map((e) => e.message).join('\n'), /p\.yaml: expected a profile file inside .*; it lies or links outside, and is not read/);
    assert.equal(r.profile.id, 'ai-startup');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.rmSync(outside, { recursive: true, force: true });
  }
});

test('CLI: --profile takes a profile file; the example folder checks clean', async () => {
  let stdout = '';
  let stderr = '';
  const io: Parameters<typeof main>[1] = { stdout: (s) => (stdout += String(s)), stderr: (s) => (stderr += String(s)), readStdin: () => '', isTTY: false, cwd: REPO };
  assert.equal(await main(['examples/custom-profile/'], io), 0, stdout + stderr);
  const dir = tmpWorkspace({ 'p.yaml': PROFILE_YAML, 'plan.md': PLAN.replace(/## 2\. Pilot results[\s\S]*?(?=## 3\.)/, '') });
  try {
    stdout = '';
    const code = await main(['--profile', 'p.yaml', '--format', 'json', 'plan.md'], { ...io, cwd: dir });
    assert.equal(code, 1, stderr);
    const missing = (JSON.parse(stdout) as { findings: { ruleName?: string; rule?: string; message: string }[] }[])[0]!.findings.map((f) => f.message);
    assert.ok(missing.includes('Missing required section: Pilot results'), missing.join('\n'));
    stderr = '';
    assert.equal(await main(['--profile', 'nope', 'plan.md'], { ...io, cwd: dir }), 2);
    assert.match(stderr, /--profile must be one of ai-startup, pitch, sba, lean-canvas or the path of a profile file/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
