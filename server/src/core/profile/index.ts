/**
 * The registry of guide profiles. A profile is a JSON file validated by
 * ProfileSchema; adding a profile means adding a file and a line here.
 */
import aiStartup from './ai-startup.json' with { type: 'json' };
import leanCanvas from './lean-canvas.json' with { type: 'json' };
import pitch from './pitch.json' with { type: 'json' };
import sba from './sba.json' with { type: 'json' };
import { ProfileSchema, type Profile, type GuideSection, type Lang, type SectionLevel } from './schema.js';

export type { Profile, GuideSection, Lang, SectionLevel };
export { ProfileSchema };

const RAW: Record<string, unknown> = { 'ai-startup': aiStartup, pitch, sba, 'lean-canvas': leanCanvas };
const cache = new Map<string, Profile>();

export const DEFAULT_PROFILE = 'ai-startup';

/** Where the guide discusses a section, in a language. */
export function guideRefOf(g: Pick<GuideSection, 'guideRef'>, lang: Lang): string {
  return typeof g.guideRef === 'string' ? g.guideRef : g.guideRef[lang];
}
export const PROFILE_IDS = Object.keys(RAW);

export class UnknownProfileError extends Error {
  constructor(readonly id: string) {
    super(`unknown profile "${id}"; known profiles: ${PROFILE_IDS.join(', ')}`);
  }
}

/** Returns a validated profile; throws UnknownProfileError for an unknown id. */
export function getProfile(id: string = DEFAULT_PROFILE): Profile {
  const hit = cache.get(id);
  if (hit) return hit;
  const raw = RAW[id];
  if (raw === undefined) throw new UnknownProfileError(id);
  const profile = ProfileSchema.parse(raw);
  cache.set(id, profile);
  return profile;
}
