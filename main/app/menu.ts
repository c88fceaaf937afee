/**
 * The application menu. Commands the renderer owns (undo, export, themes, preferences) are sent
 * to it; their accelerators come from the one shortcut table (core/shortcuts.ts). Preferences…
 * sits where each platform puts it: the app menu on macOS, Edit elsewhere.
 */
import { app, Menu, type MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from '../core/contract';
import { menuAccelerator } from '../core/shortcuts';

export function buildMenu(send: (command: MenuCommand) => void): Menu {
  const isMac = process.platform === 'darwin';
  const item = (label: string, command: MenuCommand): MenuItemConstructorOptions => ({
    label,
    accelerator: menuAccelerator(command),
    click: () => send(command),
  });
  const template: MenuItemConstructorOptions[] = [
    ...(isMac
      ? [
          {
            label: app.name,
            submenu: [
              { role: 'about' as const },
              { type: 'separator' as const },
              item('Preferences…', 'preferences'),
              { type: 'separator' as const },
              { role: 'services' as const },
              { type: 'separator' as const },
              { role: 'hide' as const },
              { role: 'hideOthers' as const },
              { role: 'unhide' as const },
              { type: 'separator' as const },
              { role: 'quit' as const },
            ],
          },
        ]
      : []),
    {
      label: 'File',
      submenu: [
        item('Import…', 'import'),
        item('Import from URL…', 'import-url'),
        item('Import Highlights…', 'import-highlights'),
        { type: 'separator' },
        item('Export Notes…', 'export'),
        item('Sync from Markdown…', 'sync-markdown'),
        { type: 'separator' },
        isMac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    {
      label: 'Edit',
      submenu: [
        // Undo/redo act on annotations (or on the focused text field): the renderer decides.
        item('Undo', 'undo'),
        item('Redo', 'redo'),
        { type: 'separator' },
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        { role: 'selectAll' },
        { type: 'separator' },
        item('Find in Article…', 'find'),
        item('Search Library…', 'search'),
        ...(isMac ? [] : [{ type: 'separator' as const }, item('Preferences…', 'preferences')]),
      ],
    },
    {
      label: 'View',
      submenu: [
        item('Larger Text', 'zoom-in'),
        item('Smaller Text', 'zoom-out'),
        item('Actual Size', 'zoom-reset'),
        { type: 'separator' },
        item('Show/Hide Annotations Panel', 'toggle-panel'),
        { type: 'separator' },
        item('Light Theme', 'theme-light'),
        item('Sepia Theme', 'theme-sepia'),
        item('Dark Theme', 'theme-dark'),
        ...(app.isPackaged ? [] : [{ type: 'separator' as const }, { role: 'toggleDevTools' as const }]),
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    { label: 'Help', submenu: [item('Keyboard Shortcuts', 'help')] },
  ];
  return Menu.buildFromTemplate(template);
}
