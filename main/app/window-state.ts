/**
 * Window size and position, remembered between launches in the data folder.
 * Restored only if it still fits on a connected display.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { screen, type BrowserWindow, type Rectangle } from 'electron';
import { writeJsonAtomic } from '../core/store/write-json';

export interface WindowState {
  bounds: Rectangle;
  maximized: boolean;
}

const FILE = 'window-state.json';
const DEFAULT: WindowState = { bounds: { x: 0, y: 0, width: 1200, height: 860 }, maximized: false };

export function loadWindowState(dataDir: string): WindowState & { placed: boolean } {
  try {
    const saved = JSON.parse(readFileSync(join(dataDir, FILE), 'utf8')) as WindowState;
    const visible = screen.getAllDisplays().some(({ workArea: d }) => {
      const b = saved.bounds;
      return b.x < d.x + d.width && b.x + b.width > d.x && b.y < d.y + d.height && b.y + b.height > d.y;
    });
    if (visible && saved.bounds.width >= 400 && saved.bounds.height >= 300) return { ...saved, placed: true };
  } catch {
    // First launch or unreadable: fall through to the default size, centred.
  }
  return { ...DEFAULT, placed: false };
}

export function trackWindowState(win: BrowserWindow, dataDir: string): void {
  win.on('close', () => {
    const state: WindowState = { bounds: win.getNormalBounds(), maximized: win.isMaximized() };
    void writeJsonAtomic(join(dataDir, FILE), state).catch(() => {});
  });
}
