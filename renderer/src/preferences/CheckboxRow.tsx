/**
 * A setting that is on or off: one checkbox, its label and a note under it.
 * Every such row of the Preferences dialog is this component with its own
 * words (checkboxRow in ROWS), so they look and behave alike.
 */
import { useId } from 'react';
import type { Settings } from '@core/contract';
import type { SettingRow, SettingRowProps } from './settingRow';

/** The settings that are a boolean (set or unset). */
export type OnOffSetting = {
  [K in keyof Settings]-?: NonNullable<Settings[K]> extends boolean ? K : never;
}[keyof Settings];

export interface CheckboxSpec {
  setting: OnOffSetting;
  /** What the setting means while the user has never set it (the contract's comment on it says). */
  unsetMeans: boolean;
  label: string;
  /** What on and off do, shown under the checkbox and read with it. */
  help: string;
}

export function CheckboxRow({
  draft,
  change,
  setting,
  unsetMeans,
  label,
  help,
}: SettingRowProps & CheckboxSpec) {
  const id = useId();
  return (
    <div className="field">
      <label className="choice">
        <input
          type="checkbox"
          name={setting}
          checked={draft[setting] ?? unsetMeans}
          aria-describedby={id}
          onChange={(e) => change({ [setting]: e.target.checked })}
        />
        {label}
      </label>
      <span id={id} className="field-note">
        {help}
      </span>
    </div>
  );
}

/** A row for ROWS: CheckboxRow with these words. */
export function checkboxRow(spec: CheckboxSpec): SettingRow {
  const Row = (props: SettingRowProps) => <CheckboxRow {...props} {...spec} />;
  Row.displayName = `CheckboxRow(${spec.setting})`;
  return Row;
}
