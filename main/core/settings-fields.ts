/**
 * Every setting, once, as plain data: its kind and bounds. The contract builds
 * SettingsSchema (zod) from it (settings-schema.ts), and the store reads
 * settings.json against it at start-up without loading zod (plainlyValid). A
 * new setting is one line here; one a user sets by hand also gets its row in
 * the Preferences dialog (renderer/src/preferences/).
 */
import { ID_MAX } from './annotations/limits';
import { FONT_MAX, FONT_MIN, THEMES } from './reader-settings';

/** What values a setting takes. Each kind is read twice, plainly here and by zod in settings-schema.ts. */
export type SettingKind =
  | { kind: 'choice'; of: readonly string[] }
  | { kind: 'integer'; min: number; max: number }
  | { kind: 'id' }
  /** An article id → a fraction, 0..1. */
  | { kind: 'fractionPerId' }
  | { kind: 'boolean' }
  /** A string, trimmed of white space at both ends, at most `max` UTF-16 units. */
  | { kind: 'text'; max: number };
/** Optional: unset until a user or the app sets it (DEFAULT_SETTINGS holds the others). */
export type SettingField = SettingKind & { optional?: true };

export const SETTING_FIELDS = {
  theme: { kind: 'choice', of: THEMES },
  fontSize: { kind: 'integer', min: FONT_MIN, max: FONT_MAX },
  lastArticleId: { kind: 'id', optional: true },
  /** Reading position per article: fraction of the document scrolled, 0..1. */
  scroll: { kind: 'fractionPerId' },
  /** The reader's annotations panel is hidden (its button or shortcut shows it again). */
  panelHidden: { kind: 'boolean', optional: true },
  /** The user's name, as the author of exported annotations (W3C JSON creator); unset: anonymous. */
  userName: { kind: 'text', max: 200, optional: true },
  /** Download a page's web pictures at import; false: placeholders with their address (unset: download). */
  downloadImages: { kind: 'boolean', optional: true },
  /** Add an import that is a new version of an article to it; false: every import is an article of its own (unset: add). */
  detectVersions: { kind: 'boolean', optional: true },
} as const satisfies Record<string, SettingField>;

type Fields = typeof SETTING_FIELDS;
export type SettingName = keyof Fields;
/** The value a field of this kind holds. */
export type SettingValue<F> = F extends { kind: 'choice'; of: readonly (infer T)[] }
  ? T
  : F extends { kind: 'integer' }
    ? number
    : F extends { kind: 'id' | 'text' }
      ? string
      : F extends { kind: 'fractionPerId' }
        ? Record<string, number>
        : F extends { kind: 'boolean' }
          ? boolean
          : never;
export type OptionalSetting = {
  [K in SettingName]: Fields[K] extends { optional: true } ? K : never;
}[SettingName];
type Flat<T> = { [K in keyof T]: T[K] };
export type Settings = Flat<
  { -readonly [K in Exclude<SettingName, OptionalSetting>]: SettingValue<Fields[K]> } & {
    -readonly [K in OptionalSetting]?: SettingValue<Fields[K]>;
  }
>;

const isId = (v: unknown): v is string => typeof v === 'string' && v.length >= 1 && v.length <= ID_MAX;

/** True when SettingsSchema takes `value` for `field` unchanged (a value it would trim or refuse is false). */
export function plainlyValid(field: SettingField, value: unknown): boolean {
  if (value === undefined) return field.optional === true;
  switch (field.kind) {
    case 'choice':
      return field.of.includes(value as string);
    case 'integer':
      return Number.isSafeInteger(value) && (value as number) >= field.min && (value as number) <= field.max;
    case 'id':
      return isId(value);
    case 'fractionPerId':
      return (
        typeof value === 'object' &&
        value !== null &&
        !Array.isArray(value) &&
        Object.entries(value).every(([id, x]) => isId(id) && typeof x === 'number' && x >= 0 && x <= 1)
      );
    case 'boolean':
      return typeof value === 'boolean';
    case 'text':
      return typeof value === 'string' && value.length <= field.max && value === value.trim();
  }
}
