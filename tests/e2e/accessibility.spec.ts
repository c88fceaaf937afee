/**
 * Accessibility audited by axe-core in every view: the library, the reader
 * with highlights (and its panel), the highlight editor, the help, the export
 * dialog, search, the notebook and the tag manager — in each theme for the
 * reader. No serious or critical violation; anything milder is listed here
 * with the reason it stays.
 */
import { test, expect, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { launchApp, type GlossApp } from '../harness/launchApp';
import { editor, openSeed, panel } from './helpers';

let app: GlossApp;
test.beforeEach(async () => {
  app = await launchApp();
});
test.afterEach(async () => {
  await app.close();
});

/** Milder findings accepted, each with its reason (rule id → why). */
const ACCEPTED: Record<string, string> = {
  'landmark-unique':
    "an article's own 'Read More' boxes (several per article) are asides named by the label the source gave them; naming them apart would repeat their text",
};

async function audit(page: Page, view: string): Promise<void> {
  const result = await new AxeBuilder({ page }).analyze();
  const grave = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const report = (vs: typeof result.violations) =>
    vs.map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} — ${v.nodes
          .map((n) => n.target.join(' '))
          .slice(0, 4)
          .join(', ')}`,
    );
  expect(report(grave), `serious or critical violations in ${view}`).toEqual([]);
  const mild = result.violations.filter((v) => !grave.includes(v) && !ACCEPTED[v.id]);
  expect(report(mild), `violations without a stated reason in ${view}`).toEqual([]);
}

async function withHighlights(page: Page): Promise<void> {
  const [article] = await page.evaluate(() => window.gloss.listArticles());
  const text = (await page.evaluate((id) => window.gloss.getArticle({ id }), article.id)).text;
  const colours = ['yellow', 'green', 'blue', 'pink', 'purple'] as const;
  const words = [
    'Global Coalition on Countering',
    'leverage the Coalition',
    'firmly committed',
    'terrorist organization',
    'close allies and partners',
  ];
  for (const [i, w] of words.entries()) {
    const start = text.indexOf(w);
    await page.evaluate(
      ([articleId, start, end, color, tag]) =>
        window.gloss.createAnnotation({ articleId, start, end, color, tags: [tag], note: 'A note.' }),
      [article.id, start, start + w.length, colours[i], `tag${i}`] as [
        string,
        number,
        number,
        (typeof colours)[number],
        string,
      ],
    );
  }
}

test('the library', async () => {
  await audit(app.page, 'the library');
});

for (const theme of ['light', 'sepia', 'dark'] as const) {
  test(`the reader with highlights of every colour and its panel, ${theme} theme`, async () => {
    const { page } = app;
    await withHighlights(page);
    await page.evaluate((theme) => window.gloss.updateSettings({ theme }), theme);
    await page.reload();
    await openSeed(page);
    await expect(page.locator('article mark.hl')).toHaveCount(5);
    await audit(page, `the reader (${theme})`);
  });
}

test('the highlight editor', async () => {
  const { page } = app;
  await withHighlights(page);
  await page.reload();
  await openSeed(page);
  await page.locator('article mark.hl').first().focus();
  await page.keyboard.press('Enter');
  await expect(editor(page)).toBeVisible();
  await audit(page, 'the editor');
});

test('the help', async () => {
  const { page } = app;
  await openSeed(page);
  await page.keyboard.press('?');
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
  await audit(page, 'the help');
});

test('the export dialog', async () => {
  const { page } = app;
  await openSeed(page);
  await page.keyboard.press('Control+e');
  await expect(page.getByRole('dialog', { name: /Export/ })).toBeVisible();
  await audit(page, 'the export dialog');
});

test('search, with results', async () => {
  const { page } = app;
  // The library is on screen (and its keys listened to) before the shortcut is pressed.
  await expect(page.getByRole('button', { name: /^Open .*The enduring defeat/ })).toBeVisible();
  await page.keyboard.press('ControlOrMeta+k');
  const dialog = page.getByRole('dialog', { name: /Search/ });
  await expect(dialog).toBeVisible();
  await page.keyboard.type('coalition');
  await expect(dialog.getByRole('option').first()).toBeVisible();
  await audit(page, 'search');
});

test('the notebook and the tag manager', async () => {
  const { page } = app;
  await withHighlights(page);
  await page.keyboard.press('Control+2');
  await expect(page.getByRole('main', { name: 'Notebook' })).toBeVisible();
  await audit(page, 'the notebook');
  await page.keyboard.press('Control+3');
  await expect(page.getByRole('main', { name: 'Tags' })).toBeVisible();
  await audit(page, 'the tag manager');
});

test('with reduced motion asked for, revealing a highlight marks it without animating', async () => {
  const { page } = app;
  await withHighlights(page);
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.reload();
  await openSeed(page);
  await panel(page)
    .getByRole('button', { name: /^Go to highlight: close allies/ })
    .press('Enter');
  await expect(page.locator('article mark.hl.flash')).toHaveCount(1);
  // The flash lasts a moment: its style is read on a mark given the class for the reading.
  const flashStyle = () =>
    page
      .locator('article mark.hl')
      .first()
      .evaluate((el) => {
        const had = el.classList.contains('flash');
        el.classList.add('flash');
        const style = getComputedStyle(el);
        const seen = { animation: style.animationName, outline: style.outlineStyle };
        if (!had) el.classList.remove('flash');
        return seen;
      });
  expect(await flashStyle()).toEqual({ animation: 'none', outline: 'solid' });
  await page.emulateMedia({ reducedMotion: 'no-preference' });
  expect((await flashStyle()).animation).toBe('flash');
});
