/**
 * SettingsSchema: zod's reading of every setting in settings-fields.ts, kind
 * by kind. Loaded with the contract (lazy-contract.ts), never at start-up.
 */
import { z } from 'zod';
import { ID_MAX } from './annotations/limits';
import {
  SETTING_FIELDS,
  type OptionalSetting,
  type SettingField,
  type SettingName,
  type SettingValue,
} from './settings-fields';

const id = z.string().min(1).max(ID_MAX);

function schemaOf(field: SettingField): z.ZodType {
  const schema = ((): z.ZodType => {
    switch (field.kind) {
      case 'choice':
        return z.enum(field.of as [string, ...string[]]);
      case 'integer':
        return z.number().int().min(field.min).max(field.max);
      case 'id':
        return id;
      case 'fractionPerId':
        return z.record(id, z.number().min(0).max(1));
      case 'boolean':
        return z.boolean();
      case 'text':
        return z.string().trim().max(field.max);
    }
  })();
  return field.optional ? schema.optional() : schema;
}

/** Each field's value type, for requests (input) as for what is stored (output). */
type Of<K extends SettingName> = z.ZodType<
  SettingValue<(typeof SETTING_FIELDS)[K]>,
  SettingValue<(typeof SETTING_FIELDS)[K]>
>;
type Shape = { [K in SettingName]: K extends OptionalSetting ? z.ZodOptional<Of<K>> : Of<K> };

export const SettingsSchema = z.object(
  Object.fromEntries(Object.entries(SETTING_FIELDS).map(([name, field]) => [name, schemaOf(field)])) as Shape,
);
