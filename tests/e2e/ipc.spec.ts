/** What crosses the bridge is validated by main: a bad request is an error, and nothing is saved. */
import { test, expect } from '@playwright/test';
import { launchApp, type GlossApp } from '../harness/launchApp';
import { openSeed } from './helpers';

let app: GlossApp;
test.beforeEach(async () => {
  app = await launchApp();
});
test.afterEach(async () => {
  await app.close();
});

test('an invalid createAnnotation payload is refused with INVALID_REQUEST and nothing is saved', async () => {
  const { page } = app;
  const result = await page.evaluate(() =>
    (window as unknown as { __glossInvoke: (c: string, r: unknown) => Promise<unknown> }).__glossInvoke(
      'createAnnotation',
      { articleId: 'x', start: -1 },
    ),
  );
  expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });

  const rejected = await page.evaluate(async () => {
    const [a] = await window.gloss.listArticles();
    try {
      await window.gloss.createAnnotation({
        articleId: a.id,
        start: 10,
        end: 5,
        color: 'yellow',
        tags: [],
        note: '',
      });
      return null;
    } catch (err) {
      return { code: (err as { code?: string }).code, message: (err as Error).message };
    }
  });
  expect(rejected?.code).toBeTruthy();

  const unknown = await page.evaluate(() =>
    (window as unknown as { __glossInvoke: (c: string, r: unknown) => Promise<unknown> }).__glossInvoke(
      'deleteEverything',
      {},
    ),
  );
  expect(unknown).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });

  const saved = await page.evaluate(async () => {
    const [a] = await window.gloss.listArticles();
    return (await window.gloss.listAnnotations({ articleId: a.id })).length;
  });
  expect(saved).toBe(0);
});

test('a failed save shows an error message and the highlight does not stay on screen', async () => {
  const { page } = app;
  await openSeed(page);
  // The article disappears underneath the reader (as if removed by another window).
  await page.evaluate(async () => {
    const [a] = await window.gloss.listArticles();
    await window.gloss.removeArticle({ id: a.id });
  });
  const { dragSelect, toolbar } = await import('./helpers');
  await dragSelect(page, 'International media reported');
  await toolbar(page).getByRole('button', { name: 'Highlight yellow' }).click();
  // The save's own error (other requests for the removed article may fail too, in any order).
  await expect(
    page.getByRole('alert').filter({ hasText: /^No article with id \w+ in the library\./ }),
  ).toBeVisible();
  await expect(page.locator('article mark.hl')).toHaveCount(0);
});

test('the page runs under its content security policy without violations', async () => {
  const { page } = app;
  await openSeed(page);
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(csp).toContain("script-src 'self'");
  expect(csp).toContain("style-src 'self'");
  const inlineRan = await page.evaluate(() => {
    const s = document.createElement('script');
    s.textContent = 'window.__inlineRan = true';
    document.head.append(s);
    return (window as unknown as { __inlineRan?: boolean }).__inlineRan === true;
  });
  expect(inlineRan).toBe(false);
  expect(app.errors.filter((e) => !e.includes('Content Security Policy'))).toEqual([]);
});
