/**
 * The library as a workspace: sorted and narrowed as a researcher needs, and an
 * article's wrong citation fields corrected in the reader — the correction
 * showing in the library and in what is exported.
 */
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect, type Page } from '@playwright/test';
import { launchApp, type GlossApp } from '../harness/launchApp';
import { dragSelect, openSeed, toolbar } from './helpers';

let app: GlossApp;
let files: string;
test.beforeEach(async () => {
  app = await launchApp();
  files = await mkdtemp(join(tmpdir(), 'gloss-ws-files-'));
});
test.afterEach(async () => {
  await app.close();
});

const rows = (page: Page) =>
  page.getByRole('list', { name: 'Articles' }).getByRole('button', { name: /^Open / });

async function importTwo(a: GlossApp): Promise<void> {
  const first = join(files, 'budget.html');
  await writeFile(
    first,
    '<html><head><title>Budget vote delayed</title><meta name="author" content="Maher Chmaytelli"><meta property="og:site_name" content="Reuters"><meta property="article:published_time" content="2019-01-15"></head><body><article><h1>Budget vote delayed</h1><p>Parliament postponed the vote on the budget for a third week, officials said on Tuesday.</p><p>The delay leaves salaries unpaid in several provinces.</p></article></body></html>',
  );
  const second = join(files, 'aid.txt');
  await writeFile(
    second,
    'An aid convoy reaches the camp\n\nThe convoy carried food and medicine for some four thousand families.',
  );
  a.setDialogs({ importFiles: [first, second] });
  await a.page.getByRole('button', { name: 'Import files…' }).click();
  await expect(a.page.getByRole('region', { name: 'Import result' }).getByRole('status')).toContainText(
    'Imported 2 articles',
  );
}

test('the library sorts by title, author or highlights, and narrows to a source, a tag, or articles with highlights', async () => {
  const { page } = app;
  await importTwo(app);
  const sortBy = page.getByRole('combobox', { name: 'Sort by' });
  await sortBy.selectOption({ label: 'Title' });
  await expect(rows(page)).toHaveText([/^An aid convoy/, /^Budget vote delayed/, /^'The enduring defeat/]);
  await expect(rows(page).nth(1)).toContainText(
    'Maher Chmaytelli · Reuters · Published 15 January 2019 · Added',
  );

  await page.getByRole('combobox', { name: 'Source' }).selectOption('Reuters');
  await expect(rows(page)).toHaveText([/^Budget vote delayed/]);
  await expect(
    page.getByRole('group', { name: 'Sort and filter the library' }).getByRole('status'),
  ).toHaveText('1 article of 3');
  await page.getByRole('combobox', { name: 'Source' }).selectOption('');

  // A highlight with a tag in the sample, then back to the library.
  await openSeed(page);
  await dragSelect(page, 'The prison holds 3,500 suspected ISIS members');
  await toolbar(page).getByRole('button', { name: 'Tag', exact: true }).click();
  await expect(
    page.getByRole('dialog', { name: 'Edit highlight' }).getByRole('combobox', { name: 'Add tag' }),
  ).toBeFocused();
  await page.keyboard.type('claim/official');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('complementary', { name: 'Annotations' })).toContainText('#claim/official');
  await page.getByRole('button', { name: '← Library' }).click();

  await sortBy.selectOption({ label: 'Number of highlights' });
  await expect(rows(page).first()).toContainText('The enduring defeat');
  await page.getByRole('checkbox', { name: 'With highlights only' }).check();
  await expect(rows(page)).toHaveCount(1);
  await page.getByRole('checkbox', { name: 'With highlights only' }).uncheck();
  await expect(rows(page)).toHaveCount(3);
  const tagMenu = page.getByRole('combobox', { name: 'Tag' });
  // Every tag of a big library in a menu nobody opened costs a second of layout: it is filled when first used.
  await expect(tagMenu.locator('option')).toHaveText(['Any tag']);
  await tagMenu.focus();
  await tagMenu.selectOption({ label: '#claim/official (1)' });
  await expect(rows(page)).toHaveCount(1);
  await expect(rows(page).first()).toContainText('The enduring defeat');
});

test('a wrong author and title are corrected in the reader, and the library and the export follow; Restore goes back', async () => {
  const { page } = app;
  await openSeed(page);
  await dragSelect(page, 'The prison holds 3,500 suspected ISIS members');
  await toolbar(page).getByRole('button', { name: 'Highlight yellow' }).click();
  await expect(page.getByRole('complementary', { name: 'Annotations' }).getByRole('listitem')).toHaveCount(1);

  await page.getByRole('button', { name: 'Details…' }).click();
  const details = page.getByRole('dialog', { name: 'Article details' });
  await details.getByRole('textbox', { name: 'Author(s)' }).fill('Kosar Nawzad');
  await details
    .getByRole('textbox', { name: 'Title' })
    .fill('Coalition: defeat of ISIS remains top priority');
  await details.getByRole('textbox', { name: 'Published' }).fill('last week');
  await details.getByRole('button', { name: 'Save' }).click();
  await expect(details.getByRole('alert')).toContainText('Write the date as YYYY-MM-DD');
  await details.getByRole('textbox', { name: 'Published' }).fill('2021-03-30');
  await details.getByRole('button', { name: 'Save' }).click();
  await expect(details).toBeHidden();

  const out = join(await mkdtemp(join(tmpdir(), 'gloss-ws-out-')), 'notes.md');
  app.setDialogs({ exportPath: out });
  await page.getByRole('button', { name: 'Export…' }).click();
  const exportDialog = page.getByRole('dialog', { name: 'Export notes' });
  await exportDialog.getByRole('button', { name: 'Export…' }).click();
  await expect(exportDialog.getByRole('status')).toContainText('1 annotation');
  const md = await readFile(out, 'utf8');
  expect(md).toContain('author: Kosar Nawzad');
  expect(md).toMatch(
    /— Kosar Nawzad, "Coalition: defeat of ISIS remains top priority", Kurdistan 24, 2021-03-30, ¶\d+/,
  );
  await exportDialog.getByRole('button', { name: 'Close' }).click();

  await page.getByRole('button', { name: 'Details…' }).click();
  await expect(details.getByText(/^Imported as “'The enduring defeat/)).toBeVisible();
  await details.getByRole('button', { name: 'Restore' }).first().click();
  await expect(details).toBeHidden();
  await page.getByRole('button', { name: '← Library' }).click();
  await expect(rows(page).first()).toHaveText(/^'The enduring defeat of ISIS/);
  await expect(rows(page).first()).toContainText('Kosar Nawzad · Kurdistan 24 · Published 30 March 2021');
});

test('a published time is shown as its date to be corrected, and stays as imported when only another field is', async () => {
  const { page } = app;
  const file = join(files, 'ferry.html');
  await writeFile(
    file,
    '<html><head><title>Ferry service resumes</title><meta name="author" content="A. Reporter"><meta property="article:published_time" content="2024-03-05T07:30:00Z"></head><body><article><h1>Ferry service resumes</h1><p>The harbour ferry ran again on Tuesday after a week of storms, the operator said.</p><p>Timetables return to normal next month.</p></article></body></html>',
  );
  app.setDialogs({ importFiles: [file] });
  await page.getByRole('button', { name: 'Import files…' }).click();
  await expect(page.getByRole('region', { name: 'Import result' }).getByRole('status')).toContainText(
    'Imported 1 article',
  );
  await rows(page).filter({ hasText: 'Ferry service resumes' }).click();

  await page.getByRole('button', { name: 'Details…' }).click();
  const details = page.getByRole('dialog', { name: 'Article details' });
  await expect(details.getByRole('textbox', { name: 'Published' })).toHaveValue('2024-03-05');
  await details.getByRole('textbox', { name: 'Author(s)' }).fill('Ana Reporter');
  await details.getByRole('button', { name: 'Save' }).click();
  await expect(details).toBeHidden();

  await page.getByRole('button', { name: 'Details…' }).click();
  await expect(details.getByRole('textbox', { name: 'Published' })).toHaveValue('2024-03-05');
  // Only the author was corrected: the date was not sent, so no "Imported as" stands beside it.
  await expect(details.getByText(/^Imported as/)).toHaveText(['Imported as “A. Reporter”. Restore']);
});
