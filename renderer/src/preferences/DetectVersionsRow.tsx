/** Whether an import that is a new version of an article is added to it, or kept as an article of its own. */
import { useId } from 'react';
import type { SettingRowProps } from './settingRow';

export function DetectVersionsRow({ draft, change }: SettingRowProps) {
  const id = useId();
  return (
    <div className="field">
      <label className="choice">
        <input
          type="checkbox"
          name="detectVersions"
          // Unset means on: a new version of an article is added to it unless the user turned it off.
          checked={draft.detectVersions ?? true}
          aria-describedby={id}
          onChange={(e) => change({ detectVersions: e.target.checked })}
        />
        Add an import that is a new version of an article to it
      </label>
      <span id={id} className="field-note">
        Same address, or same title and source with most of the text in common: the import becomes the
        article&apos;s newest version and its highlights follow the new text. Turned off, every import or
        paste is an article of its own.
      </span>
    </div>
  );
}
