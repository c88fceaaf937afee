/**
 * settings.json is read at every start without loading zod: PLAIN, a check per
 * field written out, accepts the usual file, and SettingsSchema judges the
 * rest. PLAIN must never accept what the schema would refuse or change.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { SettingsSchema } from '@core/contract';
import { PLAIN, checkSettings } from '@core/store/settings-file';

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
  it('accepts a value only when SettingsSchema accepts it unchanged', () => {
    for (const [field, plain] of Object.entries(PLAIN)) {
      const schema = SettingsSchema.shape[field as keyof typeof SettingsSchema.shape];
      for (const value of SAMPLES) {
        if (!plain(value)) continue;
        const parsed = schema.safeParse(value);
        assert.ok(parsed.success, `${field}: PLAIN took ${JSON.stringify(value)}, the schema refuses it`);
        assert.deepEqual(parsed.data, value, `${field}: the schema changes ${JSON.stringify(value)}`);
      }
    }
  });

  it('knows every field of SettingsSchema, and no other', () => {
    assert.deepEqual(Object.keys(PLAIN).sort(), Object.keys(SettingsSchema.shape).sort());
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
