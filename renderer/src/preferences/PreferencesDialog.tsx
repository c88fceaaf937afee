/**
 * Preferences… (Edit menu; the app menu on macOS; Ctrl/Cmd+,): the settings a
 * user sets by hand, one row component each, saved together on Save through
 * updateSettings, which main validates against the contract's SettingsSchema.
 *
 * To add a setting: an optional field in SettingsSchema (main/core/contract.ts),
 * a row component beside this file (see UserNameRow.tsx and settingRow.ts),
 * and its line in ROWS. Main, the store and this dialog need nothing else.
 */
import { useCallback, useState } from 'react';
import type { Settings } from '@core/contract';
import { Dialog, FormActions } from '../app/Dialog';
import { messageOf } from '../gloss';
import { useStore } from '../store';
import { saveSettings, settingsStore } from '../reader/settingsStore';
import type { SettingRow } from './settingRow';
import { DetectVersionsRow } from './DetectVersionsRow';
import { DownloadImagesRow } from './DownloadImagesRow';
import { UserNameRow } from './UserNameRow';

/** The rows, in the order shown. */
const ROWS: readonly SettingRow[] = [UserNameRow, DownloadImagesRow, DetectVersionsRow];

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
