/** The application menu. Commands the renderer owns (undo, export, themes) are sent to it. */
import { app, Menu, type MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from '../core/contract';

export function buildMenu(send: (command: MenuCommand) => void): Menu {
  const isMac = process.platform === 'darwin';
  const item = (label: string, command: MenuCommand, accelerator?: string): MenuItemConstructorOptions => ({
    label,
    accelerator,
    click: () => send(command),
  });
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    {
      label: 'File',
      submenu: [
        item('Import…', 'import', 'CmdOrCtrl+O'),
        item('Import from URL…', 'import-url', 'CmdOrCtrl+Shift+O'),
        item('Import Highlights…', 'import-highlights'),
        { type: 'separator' },
        item('Export Notes…', 'export', 'CmdOrCtrl+E'),
        item('Sync from Markdown…', 'sync-markdown'),
        { type: 'separator' },
        isMac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    {
      label: 'Edit',
      submenu: [
        // Undo/redo act on annotations (or on the focused text field): the renderer decides.
        item('Undo', 'undo', 'CmdOrCtrl+Z'),
        item('Redo', 'redo', isMac ? 'Shift+Cmd+Z' : 'Ctrl+Y'),
        { type: 'separator' },
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        { role: 'selectAll' },
        { type: 'separator' },
        item('Find in Article…', 'find', 'CmdOrCtrl+F'),
        item('Search Library…', 'search', 'CmdOrCtrl+K'),
      ],
    },
    {
      label: 'View',
      submenu: [
        item('Larger Text', 'zoom-in', 'CmdOrCtrl+='),
        item('Smaller Text', 'zoom-out', 'CmdOrCtrl+-'),
        item('Actual Size', 'zoom-reset', 'CmdOrCtrl+0'),
        { type: 'separator' },
        item('Light Theme', 'theme-light'),
        item('Sepia Theme', 'theme-sepia'),
        item('Dark Theme', 'theme-dark'),
        ...(app.isPackaged ? [] : [{ type: 'separator' as const }, { role: 'toggleDevTools' as const }]),
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    { label: 'Help', submenu: [item('Keyboard Shortcuts', 'help', 'F1')] },
  ];
  return Menu.buildFromTemplate(template);
}
