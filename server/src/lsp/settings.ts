/**
 * Editor settings (`workspace/configuration`, section `planlint`): the core's
 * SettingsSchema plus what only an editor has (enable, include, run,
 * debounceMs). Invalid keys are reported and dropped one by one, so one bad
 * setting never disables the others.
 */
import { z } from 'zod';
import { SettingsSchema, type ConfigError } from '../core/index.js';
import { validate } from '../core/config.js';

export const RunSchema = z.enum(['onType', 'onSave']);

export const EditorSettingsSchema = SettingsSchema.extend({
  enable: z.boolean().optional().describe('Check business plans.'),
  include: z.array(z.string().min(1)).optional().describe('Globs (relative to the workspace folder) of Markdown files that are business plans.'),
  run: RunSchema.optional().describe('Check while typing (onType) or when the file is saved (onSave).'),
  debounceMs: z.number().int().min(0).max(60_000).optional().describe('Delay in milliseconds after the last change before checking; 0 checks at once.'),
});

export type EditorSettings = z.infer<typeof EditorSettingsSchema>;

export interface NormalizedSettings {
  enable: boolean;
  run: 'onType' | 'onSave';
  debounceMs: number;
  /** What to layer over the core defaults (profile, language, rules, sections, include). */
  plan: Omit<EditorSettings, 'enable' | 'run' | 'debounceMs'>;
}

export const DEFAULT_DEBOUNCE_MS = 200;

export function defaultSettings(): NormalizedSettings {
  return { enable: true, run: 'onType', debounceMs: DEFAULT_DEBOUNCE_MS, plan: {} };
}

const KNOWN = Object.keys(EditorSettingsSchema.shape);

/** Validates raw settings; returns usable settings and the problems of the keys that were dropped. */
export function normalizeSettings(raw: unknown): { settings: NormalizedSettings; errors: ConfigError[] } {
  const out = defaultSettings();
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return { settings: out, errors: [] };
  // keep only our keys (VS Code also sends e.g. trace.server), and drop nulls (unset)
  const picked: Record<string, unknown> = {};
  for (const k of KNOWN) {
    const v = (raw as Record<string, unknown>)[k];
    if (v !== undefined && v !== null) picked[k] = v;
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
