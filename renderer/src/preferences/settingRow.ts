/**
 * One row of the Preferences dialog: a component for one field of the
 * contract's SettingsSchema. It shows the dialog's draft and reports what the
 * user changes; the dialog saves every changed field together on Save.
 */
import type { JSX } from 'react';
import type { Settings } from '@core/contract';

export interface SettingRowProps {
  /** The settings as saved, with the user's unsaved changes over them. */
  draft: Settings;
  change(patch: Partial<Settings>): void;
}

export type SettingRow = (props: SettingRowProps) => JSX.Element;
