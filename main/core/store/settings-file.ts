/**
 * settings.json: checked field by field, so one bad value falls back to its
 * default without losing the others.
 */
import { DEFAULT_SETTINGS, SettingsSchema, type Settings } from '../contract';

export function coerceSettings(raw: unknown): Settings {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new Error('settings.json does not hold an object');
  const record = raw as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(SettingsSchema.shape)) {
    const parsed = field.safeParse(record[key]);
    const fallback = (DEFAULT_SETTINGS as Record<string, unknown>)[key];
    const value = parsed.success ? parsed.data : fallback;
    if (value !== undefined) out[key] = value;
  }
  return out as Settings;
}

export function defaultSettings(): Settings {
  return structuredClone(DEFAULT_SETTINGS);
}
