/**
 * In-book links of an EPUB, used as a reader would: a note reference reaches
 * its note and the note's number comes back, a link to another chapter reaches
 * the section it names — in a book long enough to be rendered in windows, so
 * the target is not even in the page when the link is clicked. Only the reader
 * scrolls: the window never navigates and nothing is opened outside the app;
 * a link to the web still goes to the system browser.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect } from '@playwright/test';
import { launchApp, type GlossApp } from '../harness/launchApp';
import { LINKED_BOOK_TITLE, linkedEpub } from '../unit/helpers/linked-epub';

let app: GlossApp | undefined;
test.afterEach(async () => {
  await app?.close();
  app = undefined;
});

test('clicking an in-book link scrolls the reader to its target (a note and back, a far chapter), never navigating the window', async () => {
  test.slow(); // a book of about 1,600 paragraphs, imported and rendered in windows
  const dir = await mkdtemp(join(tmpdir(), 'gloss-epub-links-'));
  const file = join(dir, 'delta.epub');
  // 530 paragraphs a chapter: past the size the reader renders in windows.
  await writeFile(file, linkedEpub(530));
  app = await launchApp();
  const { page } = app;
  app.setDialogs({ importFiles: [file] });
  await page.getByRole('button', { name: 'Import files…' }).click();
  await expect(page.getByRole('region', { name: 'Import result' }).getByRole('status')).toContainText(
    'Imported 1 article',
  );
  await page.getByRole('button', { name: new RegExp(`^Open .*${LINKED_BOOK_TITLE}`) }).click();
  const article = page.getByRole('article');
  await expect(article).toBeVisible();
  const url = page.url();

  // Windowed: the notes at the end of the book are not rendered yet.
  const note = page.getByText('1. The ferry ran until 1954');
  await expect(note).toHaveCount(0);
  const reference = article.getByRole('paragraph').filter({ hasText: 'The ferry crossed the delta' });
  await reference.getByRole('link', { name: '1', exact: true }).click();
  await expect(note).toBeInViewport();
  await page.screenshot({ path: join(tmpdir(), 'gloss-epub-note.png') });

  // The note's number leads back to the paragraph holding the reference.
  await page
    .getByRole('paragraph')
    .filter({ hasText: '1. The ferry ran until 1954' })
    .getByRole('link', { name: '1.', exact: true })
    .click();
  await expect(reference).toBeInViewport();
  await expect(note).not.toBeInViewport();

  // From the keyboard: a chapter-to-chapter link to a section near the end of chapter three.
  const section = page.getByRole('heading', { name: 'The great levee' });
  await expect(section).toHaveCount(0);
  await article.getByRole('link', { name: 'great levee' }).focus();
  await page.keyboard.press('Enter');
  await expect(section).toBeInViewport();
  await expect(page.getByText('The great levee was finished in the spring of 1931')).toBeInViewport();

  // Only the reader scrolled: same page, no fragment, nothing sent to the browser.
  expect(page.url()).toBe(url);
  expect(await page.evaluate(() => location.hash)).toBe('');
  expect(app.externalUrls).toEqual([]);

  // A link to the web still opens in the system browser.
  await page.locator('.reader-scroll').evaluate((el) => {
    el.scrollTop = 0;
  });
  await article.getByRole('link', { name: 'kept at the archive' }).click();
  await expect.poll(() => app!.externalUrls).toEqual(['https://archive.example.org/delta/survey']);
  expect(page.url()).toBe(url);
  expect(app.errors).toEqual([]);
});
