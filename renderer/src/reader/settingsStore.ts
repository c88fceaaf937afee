/** Reading settings (theme, font size, last article, scroll positions), saved through main. */
import type { Settings } from '@core/contract';
import { FONT_DEFAULT, FONT_MAX, FONT_MIN, THEMES, type Theme } from '@core/reader-settings';
import { createStore } from '../store';
import { gloss } from '../gloss';
import { showError } from '../app/toasts';

export { FONT_DEFAULT, FONT_MAX, FONT_MIN, THEMES };

export const settingsStore = createStore({
  loaded: false,
  settings: { theme: 'light', fontSize: FONT_DEFAULT, scroll: {} } as Settings,
});

/** Settings from main (or from the start-up request already under way). */
export async function loadSettings(pending: Promise<Settings> = gloss().getSettings()): Promise<Settings> {
  try {
    const settings = await pending;
    settingsStore.set({ settings, loaded: true });
  } catch (err) {
    showError(err);
    settingsStore.set({ loaded: true });
  }
  return settingsStore.get().settings;
}

/**
 * Apply at once, save, and put the old values back if main refuses. Main's
 * answer is not merged back: a reply to an older update must not undo a newer
 * change the user made meanwhile (two quick "Larger text" presses).
 */
export async function updateSettings(
  patch: Partial<Settings>,
  opts: { quiet?: boolean } = {},
): Promise<void> {
  const before = settingsStore.get().settings;
  const mine = { ...before, ...patch };
  settingsStore.set({ settings: mine });
  try {
    await gloss().updateSettings(patch);
  } catch (err) {
    if (!opts.quiet) showError(err);
    // Revert only what nobody has changed since.
    settingsStore.set((s) => {
      const revert: Record<string, unknown> = {};
      for (const k of Object.keys(patch) as (keyof Settings)[])
        if (s.settings[k] === mine[k]) revert[k] = before[k];
      return { settings: { ...s.settings, ...revert } };
    });
  }
}

/**
 * Save what a form asks (the Preferences dialog): main validates and may
 * normalise (a name trimmed), and its values for those fields are kept; a
 * refusal is thrown to the form, which says why and keeps what was typed.
 */
export async function saveSettings(patch: Partial<Settings>): Promise<void> {
  const saved = await gloss().updateSettings(patch);
  const mine: Record<string, unknown> = {};
  for (const k of Object.keys(patch) as (keyof Settings)[]) mine[k] = saved[k];
  settingsStore.set((s) => ({ settings: { ...s.settings, ...mine } }));
}

export const setTheme = (theme: Theme) => updateSettings({ theme });

/** Hide or show the reader's annotations panel (remembered). */
export const togglePanel = () => updateSettings({ panelHidden: !settingsStore.get().settings.panelHidden });

export function changeFontSize(delta: number | 'reset'): Promise<void> {
  const current = settingsStore.get().settings.fontSize;
  const next = delta === 'reset' ? FONT_DEFAULT : Math.min(FONT_MAX, Math.max(FONT_MIN, current + delta));
  return next === current ? Promise.resolve() : updateSettings({ fontSize: next });
}
