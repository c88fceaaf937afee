/**
 * settings.json is read at every start without loading zod: plainlyValid,
 * reading the same description of each setting as SettingsSchema
 * (settings-fields.ts), accepts the usual file, and SettingsSchema judges the
 * rest. The plain check must never accept what the schema would refuse or
 * change, nor send to the schema a value it would take as it is.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { isDeepStrictEqual } from 'node:util';
import { SettingsSchema } from '@core/contract';
import { plainlyValid, SETTING_FIELDS } from '@core/settings-fields';
import { checkSettings } from '@core/store/settings-file';

const long = (n: number) => 'x'.repeat(n);
/** Values each field may meet in a hand-edited or damaged file, good and bad. */
const SAMPLES: unknown[] = [
  undefined,
  null,
  true,
  false,
  0,
  1,
  0.5,
  -1,
  11,
  12,
  19,
  19.5,
  32,
  33,
  1.0000001,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  2 ** 53,
  '',
  ' ',
  'light',
  'dark',
  'sepia',
  'Dark',
  'a',
  ' A. Reader',
  'A. Reader ',
  'A. Reader',
  long(200),
  long(201),
  long(250),
  [],
  ['light'],
  {},
  { a: 0.5 },
  { a: 1.5 },
  { '': 0.5 },
  { a: -0 },
  { a: '0.5' },
  { [long(201)]: 0.5 },
  { a: Number.NaN },
];

describe('the plain check of settings.json', () => {
  it('accepts a value exactly when SettingsSchema accepts it unchanged, for every setting', () => {
    for (const [name, field] of Object.entries(SETTING_FIELDS)) {
      const schema = SettingsSchema.shape[name as keyof typeof SettingsSchema.shape];
      for (const value of SAMPLES) {
        const parsed = schema.safeParse(value);
        const unchanged = parsed.success && isDeepStrictEqual(parsed.data, value);
        assert.equal(
          plainlyValid(field, value),
          unchanged,
          `${name}: ${JSON.stringify(value)} is ${unchanged ? '' : 'not '}taken unchanged by the schema`,
        );
      }
    }
  });

  it('the schema has a field for each setting described, and no other', () => {
    assert.deepEqual(Object.keys(SettingsSchema.shape), Object.keys(SETTING_FIELDS));
  });

  it('reads a usual file as it is, dropping fields no version knows, as the schema would', async () => {
    const raw = {
      theme: 'sepia',
      fontSize: 21,
      scroll: { abc: 0.25 },
      userName: 'A. Reader',
      futureField: 1,
    };
    const checked = await checkSettings(raw);
    assert.deepEqual(checked, {
      settings: { theme: 'sepia', fontSize: 21, scroll: { abc: 0.25 }, userName: 'A. Reader' },
      invalid: [],
    });
  });

  it('leaves a value the schema would change to the schema, which repairs it field by field', async () => {
    const checked = await checkSettings({
      theme: 'plaid',
      fontSize: 21,
      scroll: {},
      userName: ' A. Reader ',
    });
    assert.deepEqual(checked.invalid, ['theme']);
    assert.equal(checked.settings.theme, 'light');
    assert.equal(checked.settings.userName, 'A. Reader');
  });
});
