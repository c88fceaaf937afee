/** Reading settings (theme, font size, last article, scroll positions), saved through main. */
import type { Settings, Theme } from '../../../main/core/contract';
import { createStore } from '../store';
import { gloss } from '../gloss';
import { showError } from '../app/toasts';

export const THEMES = ['light', 'dark', 'sepia'] as const satisfies readonly Theme[];
export const FONT_MIN = 12;
export const FONT_MAX = 32;
export const FONT_DEFAULT = 19;

export const settingsStore = createStore({
  loaded: false,
  settings: { theme: 'light', fontSize: FONT_DEFAULT, scroll: {} } as Settings,
});

export async function loadSettings(): Promise<Settings> {
  try {
    const settings = await gloss().getSettings();
    settingsStore.set({ settings, loaded: true });
  } catch (err) {
    showError(err);
    settingsStore.set({ loaded: true });
  }
  return settingsStore.get().settings;
}

/** Apply at once, save, and put the old values back if main refuses. */
export async function updateSettings(patch: Partial<Settings>, opts: { quiet?: boolean } = {}): Promise<void> {
  const before = settingsStore.get().settings;
  settingsStore.set({ settings: { ...before, ...patch } });
  try {
    const saved = await gloss().updateSettings(patch);
    // Keep fields the user changed meanwhile; take main's word for the rest.
    settingsStore.set((s) => ({ settings: { ...saved, ...pick(s.settings, patch) } }));
  } catch (err) {
    if (!opts.quiet) showError(err);
    settingsStore.set((s) => ({ settings: { ...s.settings, ...pick(before, patch) } }));
  }
}

function pick(from: Settings, keysOf: Partial<Settings>): Partial<Settings> {
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(keysOf)) out[k] = (from as Record<string, unknown>)[k];
  return out as Partial<Settings>;
}

export const setTheme = (theme: Theme) => updateSettings({ theme });

export function changeFontSize(delta: number | 'reset'): Promise<void> {
  const current = settingsStore.get().settings.fontSize;
  const next = delta === 'reset' ? FONT_DEFAULT : Math.min(FONT_MAX, Math.max(FONT_MIN, current + delta));
  return next === current ? Promise.resolve() : updateSettings({ fontSize: next });
}
