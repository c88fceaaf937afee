/** Whether an import downloads a web page's pictures, or keeps them as placeholders with their address. */
import { useId } from 'react';
import type { SettingRowProps } from './settingRow';

export function DownloadImagesRow({ draft, change }: SettingRowProps) {
  const id = useId();
  return (
    <div className="field">
      <label className="choice">
        <input
          type="checkbox"
          name="downloadImages"
          // Unset means on: pictures are downloaded unless the user turned it off.
          checked={draft.downloadImages ?? true}
          aria-describedby={id}
          onChange={(e) => change({ downloadImages: e.target.checked })}
        />
        Download pictures when importing a web page
      </label>
      <span id={id} className="field-note">
        Each picture is downloaded once, at import, and kept with the article. Turned off, a picture stays a
        placeholder with its caption and web address, and the import says so.
      </span>
    </div>
  );
}
