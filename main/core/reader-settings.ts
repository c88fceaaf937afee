/**
 * The reader's settings as values: the one home of the themes and the text
 * size bounds. Plain data, so the renderer imports it without the contract's
 * schemas; the contract builds its schema from it.
 */
import type { Settings } from './contract';

export const THEMES = ['light', 'dark', 'sepia'] as const;
export type Theme = (typeof THEMES)[number];

export const FONT_MIN = 12;
export const FONT_MAX = 32;
export const FONT_DEFAULT = 19;

/** A new library's settings (settings-fields.ts describes them). */
export const DEFAULT_SETTINGS: Settings = { theme: 'light', fontSize: FONT_DEFAULT, scroll: {} };
