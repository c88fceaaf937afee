/**
 * The side panel follows its list and selection after the text's frame
 * (ui/afterPaint.ts) by asking the page for an animation frame. A change to
 * anything else it does not show this way (the tag list loaded for
 * autocomplete, a filter, the editor) must ask for none: a frame drawn for
 * nothing makes the next real one, a scroll's, wait for the display's next
 * tick (the book-scroll bench row: bench/README.md).
 */
import { test, expect } from '@playwright/test';
import { launchApp, type GlossApp } from '../harness/launchApp';
import { openSeedWith, panel, panelItems } from './helpers';

let app: GlossApp;
test.beforeEach(async () => {
  app = await launchApp({ viewport: { width: 1200, height: 640 } });
  await openSeedWith(app.page, [
    { quote: 'The prison holds 3,500 suspected ISIS members', color: 'yellow', tags: [] },
    { quote: 'the important role played by the Kurdistan Region', color: 'blue', tags: [] },
  ]);
});
test.afterEach(async () => {
  await app.close();
});

test('a change the panel follows only by its filters asks the page for no animation frame', async () => {
  const { page } = app;
  // Every requestAnimationFrame the page's own script makes from here on is counted.
  await page.evaluate(() => {
    const w = window as unknown as { __framesAsked: number };
    w.__framesAsked = 0;
    const ask = window.requestAnimationFrame.bind(window);
    window.requestAnimationFrame = (callback) => {
      w.__framesAsked++;
      return ask(callback);
    };
  });
  await panel(page).getByRole('combobox', { name: 'Filter by colour' }).selectOption('blue');
  await expect(panelItems(page)).toHaveCount(1);
  await expect(panelItems(page)).toContainText('Kurdistan Region');
  expect(await page.evaluate(() => (window as unknown as { __framesAsked: number }).__framesAsked)).toBe(0);
});

test('a new selection still reaches the panel after the paint', async () => {
  const { page } = app;
  await page.locator('article mark.hl-blue').click();
  await expect(panelItems(page).filter({ hasText: 'Kurdistan Region' })).toHaveClass(/is-selected/);
});
