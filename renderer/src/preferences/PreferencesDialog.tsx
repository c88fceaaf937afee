/**
 * Preferences… (Edit menu; the app menu on macOS; Ctrl/Cmd+,): the settings a
 * user sets by hand, one row component each, saved together on Save through
 * updateSettings, which main validates against the contract's SettingsSchema.
 *
 * To add a setting: its line in SETTING_FIELDS (main/core/settings-fields.ts)
 * and its line in ROWS: checkboxRow(…) for one that is on or off, else a row
 * component beside this file (see UserNameRow.tsx and settingRow.ts). Main,
 * the store and this dialog need nothing else.
 */
import { useCallback, useState } from 'react';
import type { Settings } from '@core/contract';
import { Dialog, FormActions } from '../app/Dialog';
import { messageOf } from '../gloss';
import { useStore } from '../store';
import { saveSettings, settingsStore } from '../reader/settingsStore';
import type { SettingRow } from './settingRow';
import { checkboxRow } from './CheckboxRow';
import { UserNameRow } from './UserNameRow';

/** The rows, in the order shown. */
const ROWS: readonly SettingRow[] = [
  UserNameRow,
  checkboxRow({
    setting: 'downloadImages',
    unsetMeans: true,
    label: 'Download pictures when importing a web page',
    help:
      'Each picture is downloaded once, at import, and kept with the article. Turned off, a picture stays a ' +
      'placeholder with its caption and web address, and the import says so.',
  }),
  checkboxRow({
    setting: 'detectVersions',
    unsetMeans: true,
    label: 'Add an import that is a new version of an article to it',
    help:
      "Same address, or same title and source with most of the text in common: the import becomes the article's " +
      'newest version and its highlights follow the new text. Turned off, every import or paste is an article of its own.',
  }),
];

export function PreferencesDialog({ onClose }: { onClose: () => void }) {
  const saved = useStore(settingsStore, (s) => s.settings);
  // Only what the user changed: settings saved meanwhile (a scroll position) are never overwritten.
  const [patch, setPatch] = useState<Partial<Settings>>({});
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const change = useCallback((p: Partial<Settings>) => setPatch((old) => ({ ...old, ...p })), []);
  const draft = { ...saved, ...patch };

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    if (Object.keys(patch).length === 0) return onClose();
    setBusy(true);
    try {
      await saveSettings(patch);
      onClose();
    } catch (err) {
      setError(messageOf(err));
      setBusy(false);
    }
  };

  return (
    <Dialog title="Preferences" onClose={onClose} className="preferences">
      <form onSubmit={(e) => void submit(e)}>
        {ROWS.map((Row, i) => (
          <Row key={i} draft={draft} change={change} />
        ))}
        <FormActions onCancel={onClose} submit="Save" disabled={busy} error={error} />
      </form>
    </Dialog>
  );
}
