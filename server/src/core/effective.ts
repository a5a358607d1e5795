/**
 * The profile as one plan sees it: the guide profile with the configuration's
 * per-section level overrides and extra aliases applied.
 */
import type { GuideSection, Profile, Role, SectionLevel } from './profile/schema.js';

export interface SectionOverride {
  level?: SectionLevel | 'off' | undefined;
  aliases?: { zh?: string[] | undefined; en?: string[] | undefined } | undefined;
}

export interface EffectiveSection extends Omit<GuideSection, 'level'> {
  level: SectionLevel | 'off';
  /** Position in the guide's canonical order. */
  order: number;
}

export interface EffectiveProfile extends Omit<Profile, 'sections'> {
  sections: EffectiveSection[];
  byId: Map<string, EffectiveSection>;
  /** The section that plays each role the profile names (what rules ask for instead of section ids). */
  byRole: Map<Role, EffectiveSection>;
}

const cache = new WeakMap<Profile, Map<string, EffectiveProfile>>();

export function effectiveProfile(profile: Profile, overrides: Record<string, SectionOverride> = {}): EffectiveProfile {
  const key = JSON.stringify(overrides);
  let perProfile = cache.get(profile);
  if (!perProfile) cache.set(profile, (perProfile = new Map()));
  const hit = perProfile.get(key);
  if (hit) return hit;
  const sections = profile.sections.map((s, order): EffectiveSection => {
    const o = overrides[s.id];
    return {
      ...s,
      order,
      level: o?.level ?? s.level,
      aliases: { zh: [...s.aliases.zh, ...(o?.aliases?.zh ?? [])], en: [...s.aliases.en, ...(o?.aliases?.en ?? [])] },
    };
  });
  const byRole = new Map<Role, EffectiveSection>();
  for (const s of sections) if (s.role) byRole.set(s.role, s);
  const eff: EffectiveProfile = { ...profile, sections, byId: new Map(sections.map((s) => [s.id, s])), byRole };
  if (perProfile.size > 32) perProfile.clear();
  perProfile.set(key, eff);
  return eff;
}
