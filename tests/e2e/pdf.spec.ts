/** A PDF imported through the file dialog reads with its page numbers, and its passages export citing pages. */
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect } from '@playwright/test';
import { launchApp, type GlossApp } from '../harness/launchApp';
import { buildPdf, paragraphText, samplePaper, typesetPaper } from '../unit/helpers/pdf-builder';
import { FERRY_TABLE, tablePage } from '../unit/helpers/pdf-table-page';
import { dragSelect, toolbar } from './helpers';

let app: GlossApp;
test.afterEach(async () => {
  await app.close();
});

test('a two-column PDF shows its page numbers in the margin, and its export cites the page of a passage', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'gloss-pdf-'));
  const spec = samplePaper(24);
  const { pages, partPages } = typesetPaper(spec);
  const file = join(dir, 'rivers.pdf');
  await writeFile(file, buildPdf(pages, { info: { Title: spec.title, Author: 'Ana Lima' } }));
  // The paragraph to highlight, and the page the paper prints it on.
  const n = 18;
  const printedOn = partPages[spec.parts.findIndex((p) => p.text === paragraphText(n))];
  expect(printedOn).toBeGreaterThan(1);

  app = await launchApp({ dialogs: { importFiles: [file] } });
  const { page } = app;
  await page.getByRole('button', { name: 'Import files…' }).click();
  await expect(page.getByRole('region', { name: 'Import result' }).getByRole('status')).toHaveText(
    'Imported 1 article.',
  );
  await page.getByRole('button', { name: /^Open .*Sharing a River/ }).click();
  const article = page.getByRole('article');
  await expect(article.getByRole('note').first()).toHaveAttribute('aria-label', 'Page 1');
  // Each page once through the body; the footnotes gathered under Notes then say their pages again.
  const labels = await article
    .getByRole('note')
    .evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')));
  expect(labels.slice(0, pages.length)).toEqual(pages.map((_, i) => `Page ${i + 1}`));
  expect(labels.slice(pages.length)).toEqual(['Page 1']);
  await expect(article).not.toContainText('Journal of River Studies');

  await dragSelect(page, `Paragraph ${n} opens the argument`);
  await toolbar(page).getByRole('button', { name: 'Highlight yellow' }).click();
  await expect(page.locator('article mark.hl')).toHaveText(`Paragraph ${n} opens the argument`);

  const out = join(dir, 'notes.md');
  app.setDialogs({ exportPath: out });
  await page.getByRole('button', { name: 'Export…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export notes' });
  await dialog.getByRole('button', { name: 'Export…' }).click();
  await expect(dialog.getByRole('status')).toContainText(out);
  const md = await readFile(out, 'utf8');
  expect(md).toMatch(
    new RegExp(`^> Paragraph ${n} opens the argument \\^gloss-[\\w-]+\\n\\n— .*, p\\. ${printedOn}\\n`, 'm'),
  );
  expect(md).not.toContain('¶');
});

test('a PDF whose front matter is numbered in roman numerals shows and cites its pages as printed: p. i, then p. 1', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'gloss-pdf-roman-'));
  const spec = samplePaper(12);
  const { pages } = typesetPaper(spec);
  const file = join(dir, 'report.pdf');
  await writeFile(file, buildPdf(pages, { info: { Title: spec.title, Author: 'Ana Lima' }, romanPages: 1 }));

  app = await launchApp({ dialogs: { importFiles: [file] } });
  const { page } = app;
  await page.getByRole('button', { name: 'Import files…' }).click();
  await expect(page.getByRole('region', { name: 'Import result' }).getByRole('status')).toHaveText(
    'Imported 1 article.',
  );
  await page.getByRole('button', { name: /^Open .*Sharing a River/ }).click();
  const article = page.getByRole('article');
  // Waited for first: the reader paints the article after the click returns.
  await expect(article.getByRole('note').first()).toHaveText('p. i');
  const labels = await article
    .getByRole('note')
    .evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')));
  expect(labels.slice(0, pages.length)).toEqual(pages.map((_, i) => (i === 0 ? 'Page i' : `Page ${i}`)));

  await dragSelect(page, 'Paragraph 1 opens the argument');
  await toolbar(page).getByRole('button', { name: 'Highlight yellow' }).click();
  const out = join(dir, 'notes.md');
  app.setDialogs({ exportPath: out });
  await page.getByRole('button', { name: 'Export…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export notes' });
  await dialog.getByRole('button', { name: 'Export…' }).click();
  await expect(dialog.getByRole('status')).toContainText(out);
  expect(await readFile(out, 'utf8')).toMatch(/^— .*, p\. i\n/m);
});

test('a simple grid table in a PDF reads as a table, its header row and cells in place, and its cells can be highlighted', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'gloss-pdf-table-'));
  const file = join(dir, 'ferry.pdf');
  await writeFile(file, buildPdf([{ texts: tablePage() }], { info: { Title: 'Ferry Ledger' } }));
  app = await launchApp({ dialogs: { importFiles: [file] } });
  const { page } = app;
  await page.getByRole('button', { name: 'Import files…' }).click();
  await expect(page.getByRole('region', { name: 'Import result' }).getByRole('status')).toHaveText(
    'Imported 1 article.',
  );
  await page.getByRole('button', { name: /^Open .*Ferry Ledger/ }).click();
  const table = page.getByRole('article').getByRole('table');
  await expect(table.getByRole('columnheader')).toHaveText(FERRY_TABLE[0]);
  await expect(table.getByRole('row')).toHaveCount(FERRY_TABLE.length);
  await expect(table.getByRole('row').nth(3).getByRole('cell')).toHaveText(FERRY_TABLE[3]);
  await page.screenshot({ path: join(tmpdir(), 'gloss-pdf-table.png') });

  await dragSelect(page, '1951', '91,050');
  await toolbar(page).getByRole('button', { name: 'Highlight yellow' }).click();
  await expect(page.locator('article mark.hl').first()).toHaveText('1951');
  expect(app.errors).toEqual([]);
});
