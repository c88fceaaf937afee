/** Every keyboard shortcut, as the help overlay lists them. */
const mod = typeof navigator !== 'undefined' && /Mac/i.test(navigator.platform) ? '⌘' : 'Ctrl';

export const SHORTCUTS: { keys: string; action: string }[] = [
  { keys: 'H', action: 'Highlight the selection (last colour used)' },
  { keys: 'N', action: 'Highlight the selection and write a note' },
  { keys: 'T', action: 'Highlight the selection and tag it' },
  { keys: 'Delete / Backspace', action: 'Delete the selected highlight' },
  { keys: `${mod}+Z`, action: 'Undo' },
  { keys: `${mod}+Shift+Z / Ctrl+Y`, action: 'Redo' },
  { keys: 'Shift+Arrows', action: 'Extend the selection with the keyboard' },
  { keys: `${mod}+Shift+V`, action: 'Import the clipboard as an article (library)' },
  { keys: 'Up / Down, Home / End', action: 'Move between articles (library) or Contents entries' },
  { keys: `${mod}+O`, action: 'Import files (File menu)' },
  { keys: `${mod}+E`, action: 'Export notes (File menu)' },
  { keys: `${mod}+= / ${mod}+- / ${mod}+0`, action: 'Larger, smaller, default text size (View menu)' },
  { keys: 'Escape', action: 'Close a popover or dialog; clear the selection' },
  { keys: '?', action: 'Show this list' },
];
