/**
 * Rules ask a profile for a role (its market section, its risks, its raise), never for a section id: a
 * profile that names its sections otherwise keeps every rule working, and one without a role leaves the
 * rules that need it silent.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkPlan, getProfile, ProfileSchema, PROFILE_IDS, type Profile } from '../server/src/core/index.js';

/** The built-in profile with its sections renamed (`market-demand` → `x-market-demand`): same roles, other ids. */
function renamed(id: string) {
  const raw = structuredClone(getProfile(id)) as unknown as { id: string; sections: Array<{ id: string; coveredBy: string[] }> };
  raw.id = `${id}-renamed`;
  for (const s of raw.sections) {
    s.id = `x-${s.id}`;
    s.coveredBy = s.coveredBy.map((c) => `x-${c}`);
  }
  return ProfileSchema.parse(raw);
}

const PLAN = `# Acme AI

## Market demand

The market for support software is huge and growing fast.

## Risk management

| Risk | Likelihood | Impact | Mitigation |
|---|---|---|---|
| Model price increase | Medium | High | |

## Financing

We are raising $5M in a seed round.

Use of funds:

- R&D: $2.5M (50%)
- Sales and marketing: $1.5M (30%)
- Operations: $0.5M (15%)
`;

const ruleFindings = (profile: Profile) =>
  checkPlan(PLAN, { autoLang: 'en', profile })
    .findings.filter((f) => ['market-size-unquantified', 'risk-without-response', 'funds-total'].includes(f.rule))
    .map((f) => `${f.rule} ${f.section}`)
    .sort();

for (const id of PROFILE_IDS) {
  test(`profile ${id}: the number and risk rules work through roles when every section is renamed`, () => {
    const profile = getProfile(id);
    const base = ruleFindings(profile);
    const has = (role: string) => profile.sections.some((s) => s.role === role);
    // where the profile has the role, the rule that needs it reports on this plan
    if (has('market')) assert.ok(base.some((f) => f.startsWith('market-size-unquantified')), base.join('\n'));
    if (has('risks')) assert.ok(base.some((f) => f.startsWith('risk-without-response')), base.join('\n'));
    if (has('funding')) assert.ok(base.some((f) => f.startsWith('funds-total ')), base.join('\n'));
    assert.deepEqual(
      ruleFindings(renamed(id)),
      base.map((f) => f.replace(/ (\S+)$/, (_, s: string) => (s === 'null' ? ' null' : ` x-${s}`))),
      'the same findings, on the renamed sections',
    );
  });
}

test('a profile without a role leaves the rules that need it silent', () => {
  const raw = structuredClone(getProfile()) as unknown as { sections: Array<{ role?: string }> };
  for (const s of raw.sections) delete s.role;
  const findings = checkPlan(PLAN, { autoLang: 'en', profile: ProfileSchema.parse(raw) }).findings;
  for (const rule of ['market-size-unquantified', 'risk-without-response']) assert.ok(!findings.some((f) => f.rule === rule), rule);
});

test('a role is played by one section at most', () => {
  const raw = structuredClone(getProfile()) as unknown as { sections: Array<{ id: string; role?: string }> };
  raw.sections.find((s) => s.id === 'team')!.role = 'market';
  const r = ProfileSchema.safeParse(raw);
  assert.equal(r.success, false);
  assert.match(JSON.stringify(r.error!.issues), /role \\"market\\" is already played by section \\"market-demand\\"/);
});

