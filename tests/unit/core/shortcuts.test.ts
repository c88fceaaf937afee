/**
 * The one shortcut table: keys match presses on each platform, menu
 * accelerators come from it, and no two handled rows claim the same key.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  accelerator,
  keyLabel,
  matchesKey,
  menuAccelerator,
  SHORTCUTS,
  shortcutFor,
  type Shortcut,
} from '@core/shortcuts';
import { headingFrom } from '../../../renderer/src/reader/toc';

const press = (
  key: string,
  mods: Partial<Record<'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey', boolean>> = {},
) => ({
  key,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  shiftKey: false,
  ...mods,
});

describe('the shortcut table', () => {
  it('reads Mod as Ctrl on Linux and Windows, Cmd on macOS', () => {
    assert.equal(shortcutFor(press('z', { ctrlKey: true }), false), 'undo');
    assert.equal(shortcutFor(press('z', { metaKey: true }), true), 'undo');
    assert.equal(shortcutFor(press('z', { metaKey: true }), false), undefined);
    assert.equal(shortcutFor(press('Z', { ctrlKey: true, shiftKey: true }), false), 'redo');
  });

  it('tells a letter from the same letter with Shift or a modifier', () => {
    assert.equal(shortcutFor(press('h'), false), 'highlight');
    assert.equal(shortcutFor(press('H', { shiftKey: true }), false), undefined);
    assert.equal(shortcutFor(press('h', { ctrlKey: true }), false), undefined);
  });

  it('matches symbols whatever Shift the keyboard layout needs for them', () => {
    assert.equal(shortcutFor(press('?', { shiftKey: true }), false), 'help');
    assert.equal(shortcutFor(press(']'), false), 'next-heading');
    assert.equal(shortcutFor(press(' '), false), 'page-down');
    assert.equal(shortcutFor(press(' ', { shiftKey: true }), false), 'page-up');
    assert.ok(matchesKey(press('\\', { ctrlKey: true }), 'Mod+\\', false));
  });

  it('looks only among the rows asked for (what a text field lets through)', () => {
    assert.equal(shortcutFor(press('h'), false, ['search', 'find']), undefined);
    assert.equal(shortcutFor(press('k', { ctrlKey: true }), false, ['search', 'find']), 'search');
  });

  it('gives the menu its accelerators in Electron syntax, never a bare printable key', () => {
    assert.equal(menuAccelerator('undo'), 'CmdOrCtrl+Z');
    assert.equal(menuAccelerator('redo'), 'Shift+CmdOrCtrl+Z');
    assert.equal(menuAccelerator('help'), 'F1');
    assert.equal(accelerator('toggle-panel'), 'CmdOrCtrl+\\');
    for (const row of SHORTCUTS as readonly Shortcut[]) {
      if (!row.menu) continue;
      const acc = menuAccelerator(row.menu)!;
      assert.ok(acc.includes('+') || /^F\d+$/.test(acc), `${row.id}: ${acc} would steal typing`);
    }
  });

  it('never gives one key to two rows that are handled', () => {
    const seen = new Map<string, string>();
    for (const row of SHORTCUTS as readonly Shortcut[]) {
      if (row.helpOnly) continue;
      for (const k of row.keys) {
        assert.ok(!seen.has(k), `${k} is both ${seen.get(k)} and ${row.id}`);
        seen.set(k, row.id);
      }
    }
  });

  it('shows keys as the platform names them', () => {
    assert.equal(keyLabel('Shift+Mod+Z', true), 'Shift+⌘+Z');
    assert.equal(keyLabel('Mod+K', false), 'Ctrl+K');
    assert.equal(keyLabel('Ctrl+ArrowRight', false), 'Ctrl+→');
  });
});

describe('[ and ] between headings', () => {
  const blocks = [
    { kind: 'title', start: 0, text: 'T' },
    { kind: 'heading', start: 10, text: 'One' },
    { kind: 'paragraph', start: 20, text: 'p' },
    { kind: 'heading', start: 30, text: 'Two' },
    { kind: 'heading', start: 40, text: ' ' },
  ];
  it('finds the next heading after the top of the view, and the one before', () => {
    assert.equal(headingFrom(blocks, 0, 1)?.text, 'One');
    assert.equal(headingFrom(blocks, 10, 1)?.text, 'Two');
    assert.equal(headingFrom(blocks, 30, -1)?.text, 'One');
    assert.equal(headingFrom(blocks, 25, -1)?.text, 'One');
    assert.equal(headingFrom(blocks, 30, 1), undefined, 'an empty heading is skipped');
    assert.equal(headingFrom(blocks, 10, -1), undefined);
  });
});
