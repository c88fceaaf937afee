/** The reader's top bar: back to the library, contents (when the article has them), theme, text size, export, help. */
import type { ReactNode } from 'react';
import { useStore } from '../store';
import { keysOf, MOD } from '../app/shortcuts';
import { readerStore } from './readerStore';
import { VersionMenu } from '../versions/VersionMenu';
import {
  changeFontSize,
  FONT_MAX,
  FONT_MIN,
  setTheme,
  settingsStore,
  THEMES,
  togglePanel,
} from './settingsStore';

export function ReaderBar({
  title,
  contents,
  onBack,
  onExport,
  onHelp,
  onDetails,
}: {
  title: string;
  contents?: ReactNode;
  onBack: () => void;
  onExport: () => void;
  onHelp: () => void;
  onDetails: () => void;
}) {
  const settings = useStore(settingsStore, (s) => s.settings);
  return (
    <header className="reader-bar">
      <button type="button" className="back" onClick={onBack}>
        ← Library
      </button>
      {contents}
      <VersionMenu />
      <span className="reader-bar-title" aria-hidden="true">
        {title}
      </span>
      <div className="bar-group" role="radiogroup" aria-label="Theme">
        {THEMES.map((t) => (
          <button
            key={t}
            type="button"
            role="radio"
            aria-checked={settings.theme === t}
            className={`theme-chip theme-chip-${t}`}
            onClick={() => void setTheme(t)}
          >
            {t[0].toUpperCase() + t.slice(1)}
          </button>
        ))}
      </div>
      <div className="bar-group" role="group" aria-label="Text size">
        <button
          type="button"
          disabled={settings.fontSize <= FONT_MIN}
          onClick={() => void changeFontSize(-1)}
        >
          A−<span className="visually-hidden"> Smaller text</span>
        </button>
        <span className="font-size" aria-live="polite" aria-label={`Text size ${settings.fontSize}`}>
          {settings.fontSize}
        </span>
        <button type="button" disabled={settings.fontSize >= FONT_MAX} onClick={() => void changeFontSize(1)}>
          A+<span className="visually-hidden"> Larger text</span>
        </button>
      </div>
      <button type="button" onClick={() => readerStore.set({ finding: true })} title={`${MOD}+F`}>
        Find
      </button>
      <button type="button" onClick={onDetails} title="Correct the title, author, date or source">
        Details…
      </button>
      <button type="button" onClick={onExport}>
        Export…
      </button>
      <button
        type="button"
        aria-pressed={!settings.panelHidden}
        aria-controls="annotations-panel"
        title={`Show or hide the annotations panel (${keysOf('toggle-panel').join(' / ')})`}
        onClick={() => void togglePanel()}
      >
        Panel
      </button>
      <button type="button" className="icon" aria-label="Keyboard shortcuts" onClick={onHelp}>
        ?
      </button>
    </header>
  );
}
