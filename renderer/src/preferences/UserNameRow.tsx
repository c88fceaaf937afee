/** The user's name, as the author (W3C `creator`) of the highlights they export. */
import { useId } from 'react';
import { SETTING_FIELDS } from '@core/settings-fields';
import type { SettingRowProps } from './settingRow';

export function UserNameRow({ draft, change }: SettingRowProps) {
  const noteId = useId();
  return (
    <div className="field">
      <label htmlFor={`${noteId}-input`}>Your name</label>
      <input
        id={`${noteId}-input`}
        type="text"
        name="userName"
        autoComplete="name"
        // The field stops typing where main would refuse.
        maxLength={SETTING_FIELDS.userName.max}
        value={draft.userName ?? ''}
        aria-describedby={noteId}
        onChange={(e) => change({ userName: e.target.value })}
      />
      <span id={noteId} className="field-note">
        Exports name you as the author of your highlights (the creator in W3C JSON). Left empty, they are
        exported without a name.
      </span>
    </div>
  );
}
