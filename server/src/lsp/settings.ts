/**
 * Editor settings (`workspace/configuration`, section `planlint`), validated
 * by the core's EditorSettingsSchema (SettingsSchema plus enable, include,
 * run, debounceMs). Invalid keys are reported and dropped one by one, so one
 * bad setting never disables the others.
 */
import { EditorSettingsSchema, validate, type ConfigError, type EditorSettings } from '../core/config.js';

export interface NormalizedSettings {
  enable: boolean;
  run: 'onType' | 'onSave';
  debounceMs: number;
  /** What to layer over the core defaults (profile, language, rules, sections, include). */
  plan: Partial<Omit<EditorSettings, 'enable' | 'run' | 'debounceMs'>>;
}

/** The schema's defaults: the one place they are written. */
const DEFAULTS = EditorSettingsSchema.parse({});
export const DEFAULT_DEBOUNCE_MS = DEFAULTS.debounceMs;

export function defaultSettings(): NormalizedSettings {
  return { enable: DEFAULTS.enable, run: DEFAULTS.run, debounceMs: DEFAULTS.debounceMs, plan: {} };
}

const KNOWN = Object.keys(EditorSettingsSchema.shape);

/** Validates raw settings; returns usable settings and the problems of the keys that were dropped. */
export function normalizeSettings(raw: unknown): { settings: NormalizedSettings; errors: ConfigError[] } {
  const out = defaultSettings();
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return { settings: out, errors: [] };
  // keep only our keys (VS Code also sends e.g. trace.server), and drop nulls and
  // empty strings (unset: the settings UI shows a blank choice as "")
  const picked: Record<string, unknown> = {};
  for (const k of KNOWN) {
    const v = (raw as Record<string, unknown>)[k];
    if (v !== undefined && v !== null && v !== '') picked[k] = v;
  }
  const errors: ConfigError[] = [];
  let value: EditorSettings | undefined;
  for (let attempt = 0; attempt < KNOWN.length + 1; attempt++) {
    const r = validate(EditorSettingsSchema, picked, 'settings');
    if (r.value) {
      value = r.value;
      break;
    }
    errors.push(...r.errors);
    // drop the top-level keys that failed and try again
    let dropped = false;
    for (const e of r.errors) {
      const top = /^[^.[]+/.exec(e.keyPath)?.[0];
      if (top && top in picked) {
        delete picked[top];
        dropped = true;
      }
    }
    if (!dropped) break;
  }
  if (!value) return { settings: out, errors };
  const { enable, run, debounceMs, ...plan } = value;
  if (enable !== undefined) out.enable = enable;
  if (run) out.run = run;
  if (debounceMs !== undefined) out.debounceMs = debounceMs;
  out.plan = plan;
  return { settings: out, errors };
}
