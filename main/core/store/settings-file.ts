/**
 * settings.json: checked field by field, so one bad value (a flipped bit, a
 * hand edit) does not cost the others. A file that is not a JSON object is
 * damage, recovered whole by DurableJsonFile; one that parses but holds invalid
 * values keeps its valid fields, takes each invalid one from settings.json.bak
 * when it is valid there, else from the defaults, and says which.
 *
 * The usual file (every field plainly valid) is accepted by plainlyValid, from
 * the same description of each setting as SettingsSchema (settings-fields.ts),
 * without loading the contract's schemas (zod) at start-up; anything else is
 * judged field by field by SettingsSchema. The plain check accepts exactly what
 * the schema accepts unchanged (tests/unit/core/store/settings-file.test.ts).
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { Low } from 'lowdb';
import type { Settings } from '../contract';
import { loadContract } from '../lazy-contract';
import { DEFAULT_SETTINGS } from '../reader-settings';
import { plainlyValid, SETTING_FIELDS } from '../settings-fields';
import { DurableJsonFile } from './durable-json-file';
import { readableTime } from './fs-durable';

export const SETTINGS_FILE = 'settings.json';

type Field = keyof Settings;
const FIELDS = Object.keys(SETTING_FIELDS) as Field[];

interface Checked {
  settings: Settings;
  /** Fields present with a value the schema refuses, or required and absent. */
  invalid: Field[];
}

/** Throws when `raw` is not an object (then the file is damage, not a bad value). */
export async function checkSettings(raw: unknown): Promise<Checked> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    throw new Error(`${SETTINGS_FILE} does not hold an object`);
  const record = raw as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  if (FIELDS.every((key) => plainlyValid(SETTING_FIELDS[key], record[key]))) {
    for (const key of FIELDS) if (record[key] !== undefined) out[key] = record[key];
    return { settings: out as Settings, invalid: [] };
  }
  const { SettingsSchema } = await loadContract();
  const invalid: Field[] = [];
  for (const key of Object.keys(SettingsSchema.shape) as Field[]) {
    const parsed = SettingsSchema.shape[key].safeParse(record[key]);
    const value = parsed.success ? parsed.data : (DEFAULT_SETTINGS as Record<string, unknown>)[key];
    if (!parsed.success) invalid.push(key);
    if (value !== undefined) out[key] = value;
  }
  return { settings: out as Settings, invalid };
}

export function defaultSettings(): Settings {
  return structuredClone(DEFAULT_SETTINGS);
}

/** The settings file, read and, if it held invalid values, repaired field by field (reported through onWarning). */
export async function openSettings(
  root: string,
  onWarning: (sentence: string) => void,
): Promise<Low<Settings>> {
  const file = path.join(root, SETTINGS_FILE);
  let invalid: Field[] = [];
  const adapter = new DurableJsonFile<Settings>({
    file,
    root,
    validate: async (raw) => {
      const checked = await checkSettings(raw);
      invalid = checked.invalid;
      return checked.settings;
    },
    onWarning,
  });
  const db = new Low<Settings>(adapter, defaultSettings());
  await db.read();
  if (invalid.length > 0) {
    const fromBackup = await validFieldsOf(`${file}.bak`);
    const restored = invalid.filter((key) => fromBackup && !fromBackup.invalid.includes(key));
    const reset = invalid.filter((key) => !restored.includes(key));
    const repaired: Record<string, unknown> = { ...db.data };
    for (const key of restored) repaired[key] = fromBackup!.settings[key];
    db.data = repaired as Settings;
    // Saved so the next open is quiet; if it cannot be now, the next change of a setting saves it.
    await db.write().catch(() => {});
    onWarning(describeRepair(invalid, restored, reset, fromBackup?.savedAt));
  }
  return db;
}

async function validFieldsOf(bak: string): Promise<(Checked & { savedAt: Date }) | null> {
  try {
    const [text, stat] = await Promise.all([fs.readFile(bak, 'utf8'), fs.stat(bak)]);
    return { ...(await checkSettings(JSON.parse(text))), savedAt: stat.mtime };
  } catch {
    return null;
  }
}

const list = (keys: readonly string[]): string =>
  keys.length === 1 ? keys[0] : `${keys.slice(0, -1).join(', ')} and ${keys[keys.length - 1]}`;

function describeRepair(
  invalid: Field[],
  restored: Field[],
  reset: Field[],
  savedAt: Date | undefined,
): string {
  const held = `${SETTINGS_FILE} held ${invalid.length === 1 ? 'an invalid value' : 'invalid values'} for ${list(invalid)}`;
  const copy = savedAt ? `the last good copy (${readableTime(savedAt)})` : 'the last good copy';
  if (reset.length === 0) return `${held}; Gloss took ${invalid.length === 1 ? 'it' : 'them'} from ${copy}.`;
  const defaults = reset.length === 1 ? 'its default' : 'their defaults';
  if (restored.length === 0)
    return `${held}; Gloss reset ${invalid.length === 1 ? 'it' : 'them'} to ${defaults}.`;
  return `${held}; Gloss took ${list(restored)} from ${copy} and reset ${list(reset)} to ${defaults}.`;
}
