/**
 * Every highlight colour in every theme keeps the text on it readable: WCAG AA
 * (4.5:1 for body text) between the theme's text colour and the highlight's
 * fill as painted over the page. Read from the stylesheet the app ships.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { COLORS } from '@core/annotations/types';
import { THEMES } from '@core/reader-settings';

const css = readFileSync(join(process.cwd(), 'renderer/src/styles/app.css'), 'utf8');

/** The custom properties a theme block declares (`:root` for light, `:root[data-theme='x']` for the others). */
function themeVars(theme: string): Record<string, string> {
  const base = /:root\s*\{([^}]*)\}/.exec(css)![1];
  const own =
    theme === 'light'
      ? ''
      : (new RegExp(`:root\\[data-theme='${theme}'\\]\\s*\\{([^}]*)\\}`).exec(css)?.[1] ?? '');
  const vars: Record<string, string> = {};
  for (const block of [base, own])
    for (const m of block.matchAll(/(--[\w-]+):\s*([^;]+);/g)) vars[m[1]] = m[2].trim();
  return vars;
}

type RGBA = [number, number, number, number];
function parseColour(value: string): RGBA {
  const hex = /^#([0-9a-f]{6})$/i.exec(value);
  if (hex) return [0, 2, 4].map((i) => parseInt(hex[1].slice(i, i + 2), 16)).concat(1) as RGBA;
  const rgb = /^rgba?\(\s*(\d+)\s+(\d+)\s+(\d+)(?:\s*\/\s*([\d.]+))?\s*\)$/.exec(value);
  if (rgb) return [Number(rgb[1]), Number(rgb[2]), Number(rgb[3]), rgb[4] ? Number(rgb[4]) : 1];
  throw new Error(`colour not understood: ${value}`);
}
const over = (top: RGBA, under: RGBA): RGBA =>
  [0, 1, 2].map((i) => top[i] * top[3] + under[i] * (1 - top[3])).concat(1) as RGBA;
const luminance = ([r, g, b]: RGBA) => {
  const f = (c: number) => ((c /= 255) <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
  return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
};
const contrast = (a: RGBA, b: RGBA) => {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
};

describe('highlight colours against the text on them', () => {
  for (const theme of THEMES)
    it(`meet WCAG AA (4.5:1) for all ${COLORS.length} colours in the ${theme} theme`, () => {
      const v = themeVars(theme);
      const page = parseColour(v['--bg']);
      const text = parseColour(v['--text']);
      for (const colour of COLORS) {
        const fill = over(parseColour(v[`--hl-${colour}`]), page);
        const ratio = contrast(text, fill);
        assert.ok(ratio >= 4.5, `${theme}/${colour}: ${ratio.toFixed(2)}:1`);
      }
    });
});
