/**
 * Renders build/icon.svg to the PNGs electron-builder packs: build/icon.png
 * (1024 px; the Windows .ico and macOS .icns are made from it) and
 * build/icons/<n>x<n>.png (the Linux icon theme sizes). Drawn by the Chromium
 * the tests use, so no image tool beyond the project's own is needed.
 * Run after editing the SVG: `npm run icons`.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { chromium } from '@playwright/test';
import { chromiumPath } from '../tests/harness/find-chromium';

const BUILD = resolve(import.meta.dirname, '..', 'build');
const LINUX_SIZES = [16, 24, 32, 48, 64, 128, 256, 512];

const svg = await readFile(join(BUILD, 'icon.svg'));
const browser = await chromium.launch({ executablePath: await chromiumPath() });
try {
  const page = await browser.newPage({ deviceScaleFactor: 1 });
  const render = async (size: number): Promise<Buffer> => {
    await page.setViewportSize({ width: size, height: size });
    await page.setContent(
      `<html><body style="margin:0;background:transparent"><img width="${size}" height="${size}" src="data:image/svg+xml;base64,${svg.toString('base64')}"></body></html>`,
    );
    await page.locator('img').evaluate((img: HTMLImageElement) => img.decode());
    return page.screenshot({
      type: 'png',
      omitBackground: true,
      clip: { x: 0, y: 0, width: size, height: size },
    });
  };
  await writeFile(join(BUILD, 'icon.png'), await render(1024));
  await mkdir(join(BUILD, 'icons'), { recursive: true });
  for (const size of LINUX_SIZES)
    await writeFile(join(BUILD, 'icons', `${size}x${size}.png`), await render(size));
  console.log(`wrote build/icon.png and build/icons/{${LINUX_SIZES.map((s) => `${s}x${s}`).join(',')}}.png`);
} finally {
  await browser.close();
}
