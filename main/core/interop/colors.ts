/**
 * Another tool's colour → one of Gloss's five. Names map directly (with the
 * usual neighbours: red and orange are pink and yellow here); hex values
 * (Zotero's "#ffd400") by hue; anything else, or none, is yellow — every
 * tool's default.
 */
import type { Color } from '../annotations/types';

const NAMES: Record<string, Color> = {
  yellow: 'yellow',
  orange: 'yellow',
  gray: 'yellow',
  grey: 'yellow',
  green: 'green',
  olive: 'green',
  blue: 'blue',
  cyan: 'blue',
  teal: 'blue',
  pink: 'pink',
  red: 'pink',
  magenta: 'purple',
  purple: 'purple',
  violet: 'purple',
};

function hue(hex: string): { h: number; s: number } | undefined {
  const m = /^#?([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(hex.trim());
  if (!m) return undefined;
  const full = m[1].length === 3 ? [...m[1]].map((c) => c + c).join('') : m[1];
  const [r, g, b] = [0, 2, 4].map((i) => parseInt(full.slice(i, i + 2), 16) / 255);
  const max = Math.max(r, g, b);
  const min = Math.min(r, g, b);
  const d = max - min;
  if (d === 0) return { h: 0, s: 0 };
  const h = max === r ? ((g - b) / d) % 6 : max === g ? (b - r) / d + 2 : (r - g) / d + 4;
  return { h: (h * 60 + 360) % 360, s: d / max };
}

export function mapColor(color: string | undefined): Color {
  if (!color) return 'yellow';
  const named = NAMES[color.trim().toLowerCase()];
  if (named) return named;
  const c = hue(color);
  if (!c || c.s < 0.15) return 'yellow';
  if (c.h < 15 || c.h >= 330) return 'pink';
  if (c.h < 70) return 'yellow';
  if (c.h < 170) return 'green';
  if (c.h < 255) return 'blue';
  if (c.h < 305) return 'purple';
  return 'pink';
}
