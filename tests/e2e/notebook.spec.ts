/**
 * The notebook: every passage of the library in one list, filtered by tags
 * (a tag covers its children; several with all or any), colour and text;
 * a click opens the passage in its article; tags and notes edited in place;
 * several selected to tag, recolour, copy or export — each change undoable.
 */
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect } from '@playwright/test';
import { launchApp, type GlossApp } from '../harness/launchApp';
import {
  arrangePassages,
  notebook,
  notebookCount,
  passageRow,
  passageRows,
  storedPassages,
  toast,
  viewTab,
} from './workspace';

let app: GlossApp;
test.beforeEach(async () => {
  app = await launchApp({ viewport: { width: 1280, height: 900 } });
  const { page } = app;
  await page.getByRole('list', { name: 'Articles' }).waitFor();
  await arrangePassages(page, [
    {
      article: "'The enduring defeat",
      quote: 'The prison holds 3,500 suspected ISIS members',
      color: 'yellow',
      tags: ['numbers'],
    },
    {
      article: "'The enduring defeat",
      quote: 'reaffirmed in a statement on Wednesday',
      color: 'green',
      tags: ['claim'],
      note: 'Their stated priority.',
    },
    {
      article: "'The enduring defeat",
      quote: 'the important role played by the Kurdistan Region',
      color: 'blue',
      tags: ['claim/official', 'kurdistan'],
    },
    {
      article: 'Reading slowly',
      quote: 'Close reading is less a technique than a habit of attention',
      color: 'pink',
      tags: ['claim', 'method'],
    },
    {
      article: 'Reading slowly',
      quote: 'Margins were the first annotation software',
      color: 'yellow',
      tags: ['history'],
    },
  ]);
  await viewTab(page, 'Notebook').click();
  await expect(passageRows(page)).toHaveCount(5);
});
test.afterEach(async () => {
  expect(app.errors).toEqual([]);
  await app.close();
});

test('shows every passage with its article, tags and note', async () => {
  const { page } = app;
  await expect(notebookCount(page)).toHaveText('5 passages');
  const row = passageRow(page, 'reaffirmed in a statement on Wednesday');
  await expect(row).toContainText('The enduring defeat of ISIS');
  await expect(row).toContainText('Kurdistan 24');
  await expect(row).toContainText('#claim');
  await expect(row).toContainText('Their stated priority.');
  await expect(row).toHaveClass(/passage-green/);
});

test('the article menu holds only its choice until opened, then lists every article with passages; choosing one shows its passages', async () => {
  const { page } = app;
  const menu = notebook(page).getByRole('combobox', { name: 'Article' });
  // Thousands of articles in a menu nobody opened cost a second of layout: it is filled when first used.
  await expect(menu.locator('option')).toHaveText(['All articles']);
  await menu.focus();
  await expect(menu.locator('option')).toHaveCount(3);
  const reading = (await menu.locator('option').allTextContents()).find((t) =>
    t.startsWith('Reading slowly'),
  )!;
  await menu.selectOption({ label: reading });
  await expect(passageRows(page)).toHaveCount(2);
  await expect(notebookCount(page)).toHaveText('2 of 5 passages');
  await notebook(page).getByRole('button', { name: 'Clear filters' }).click();
  await expect(passageRows(page)).toHaveCount(5);
  await expect(menu).toHaveValue('');
});

test("the tag field suggests the library's tags once focused, not laid out before", async () => {
  const { page } = app;
  const tagFilter = notebook(page).getByRole('combobox', { name: 'Filter by tag' });
  const listOf = async () => page.locator(`datalist[id="${await tagFilter.getAttribute('list')}"] option`);
  // Thousands of tags would be laid out in the notebook's first screen: filled when first used.
  await expect(await listOf()).toHaveCount(0);
  await tagFilter.focus();
  await expect(await listOf()).toHaveCount(6); // claim, claim/official, history, kurdistan, method, numbers
  await expect((await listOf()).first()).toHaveAttribute('value', 'claim');
});

test('filters by tag (its children included), by several tags with any or all, by colour and by text', async () => {
  const { page } = app;
  const tagFilter = notebook(page).getByRole('combobox', { name: 'Filter by tag' });
  await tagFilter.fill('claim');
  await tagFilter.press('Enter');
  await expect(passageRows(page)).toHaveCount(3);
  await expect(passageRow(page, 'the important role played by the Kurdistan Region')).toBeVisible(); // claim/official
  await expect(notebookCount(page)).toHaveText('3 of 5 passages');

  await tagFilter.fill('history');
  await tagFilter.press('Enter');
  await expect(passageRows(page)).toHaveCount(4); // any: claim or history
  await notebook(page).getByRole('combobox', { name: 'Tags to match' }).selectOption('all');
  await expect(passageRows(page)).toHaveCount(0);
  await expect(notebook(page)).toContainText('No passage matches these filters.');
  await notebook(page).getByRole('button', { name: 'Stop filtering by history' }).click();
  await expect(passageRows(page)).toHaveCount(3);

  await notebook(page).getByRole('button', { name: 'Only pink' }).click();
  await expect(passageRows(page)).toHaveCount(1);
  await expect(passageRows(page)).toContainText('Close reading is less a technique');
  await notebook(page).getByRole('button', { name: 'Clear filters' }).click();
  await expect(passageRows(page)).toHaveCount(5);

  await notebook(page).getByRole('searchbox', { name: 'Filter by text' }).fill('STATED priority');
  await expect(passageRows(page)).toHaveCount(1);
  await expect(passageRows(page)).toContainText('reaffirmed in a statement'); // found in its note
});

test('a click opens the passage in its article, scrolled to it with its highlight selected; back returns to the notebook', async () => {
  const { page } = app;
  await passageRow(page, 'The prison holds')
    .getByRole('button', { name: /^Open in article: The prison holds/ })
    .click();
  await expect(page.getByRole('article')).toBeVisible();
  const mark = page.locator('article mark.hl-yellow');
  await expect(mark).toHaveClass(/is-selected/);
  await expect(mark).toBeInViewport();
  await page.getByRole('button', { name: '← Library' }).click();
  await expect(passageRows(page)).toHaveCount(5);
});

test('tags and note edited in place are saved; Ctrl+Z undoes the last edit and Ctrl+Shift+Z redoes it', async () => {
  const { page } = app;
  const row = passageRow(page, 'Margins were the first');
  await row.getByRole('button', { name: /^Edit tags and note/ }).click();
  const editor = page.getByRole('dialog', { name: 'Edit passage' });
  await editor.getByRole('combobox', { name: 'Add tag' }).fill('history/books');
  await editor.getByRole('combobox', { name: 'Add tag' }).press('Enter');
  await expect(editor.getByRole('list', { name: 'Tags' })).toContainText('#history/books');
  await editor.getByRole('textbox', { name: 'Note' }).fill('The oldest interface.');
  await editor.getByRole('button', { name: 'Done' }).click();
  await expect(editor).toHaveCount(0);
  await expect(row).toContainText('#history/books');
  await expect(row).toContainText('The oldest interface.');
  await expect
    .poll(async () => (await storedPassages(page))['Margins were the first annotation software'])
    .toEqual({ tags: ['history', 'history/books'], color: 'yellow', note: 'The oldest interface.' });

  await notebook(page).getByRole('heading', { name: 'Notebook' }).click(); // out of any field
  await page.keyboard.press('Control+z');
  await expect(row).not.toContainText('The oldest interface.');
  await expect(row).toContainText('#history/books');
  await expect
    .poll(async () => (await storedPassages(page))['Margins were the first annotation software'].note)
    .toBe('');
  await page.keyboard.press('Control+Shift+z');
  await expect(row).toContainText('The oldest interface.');

  // Saved: still there after a reload.
  await page.reload();
  await viewTab(page, 'Notebook').click();
  await expect(passageRow(page, 'Margins were the first')).toContainText('The oldest interface.');
});

test('a press outside the passage editor closes it, keeping the note typed', async () => {
  const { page } = app;
  const row = passageRow(page, 'The prison holds');
  await row.getByRole('button', { name: /^Edit tags and note/ }).click();
  const editor = page.getByRole('dialog', { name: 'Edit passage' });
  await editor.getByRole('textbox', { name: 'Note' }).fill('Check against the UN figure.');
  await notebook(page).getByRole('heading', { name: 'Notebook' }).click();
  await expect(editor).toHaveCount(0);
  await expect(row).toContainText('Check against the UN figure.');
  await expect
    .poll(async () => (await storedPassages(page))['The prison holds 3,500 suspected ISIS members'].note)
    .toBe('Check against the UN figure.');
});

test('several passages selected (Shift-click, Ctrl+A) are tagged and recoloured in one step each, undone in one step', async () => {
  const { page } = app;
  const check = (i: number) => passageRows(page).nth(i).getByRole('checkbox');
  await check(0).click();
  await check(2).click({ modifiers: ['Shift'] });
  const bar = page.getByRole('toolbar', { name: 'Selected passages' });
  await expect(bar).toContainText('3 passages selected');
  await expect(check(1)).toBeChecked();

  await bar.getByRole('combobox', { name: 'Tag the selected passages' }).fill('review');
  await bar.getByRole('combobox', { name: 'Tag the selected passages' }).press('Enter');
  await expect(toast(page, 'Tagged 3 passages #review')).toBeVisible();
  await expect(passageRows(page).filter({ hasText: '#review' })).toHaveCount(3);

  await notebook(page).getByRole('heading', { name: 'Notebook' }).click();
  await page.keyboard.press('Control+a');
  await expect(bar).toContainText('5 passages selected');
  await bar.getByRole('button', { name: 'Colour selected purple' }).click();
  await expect(passageRows(page).and(page.locator('.passage-purple'))).toHaveCount(5);
  await expect
    .poll(async () => Object.values(await storedPassages(page)).filter((p) => p.color === 'purple').length)
    .toBe(5);

  // One undo puts every colour back; the next takes the tag off all three.
  await page.keyboard.press('Control+z');
  await expect(passageRows(page).and(page.locator('.passage-purple'))).toHaveCount(0);
  await expect(passageRow(page, 'reaffirmed in a statement')).toHaveClass(/passage-green/);
  await toast(page, /^Undone: Coloured 5 passages purple/).waitFor();
  await page.keyboard.press('Control+z');
  await expect(passageRows(page).filter({ hasText: '#review' })).toHaveCount(0);
  await expect
    .poll(
      async () => Object.values(await storedPassages(page)).filter((p) => p.tags.includes('review')).length,
    )
    .toBe(0);
});

test('Copy puts the quote with its citation on the clipboard', async () => {
  const { page } = app;
  await page
    .context()
    .grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(page.url()).origin });
  await passageRow(page, 'The prison holds')
    .getByRole('button', { name: /^Copy with citation/ })
    .click();
  await expect(toast(page, 'Copied the passage with its citation')).toBeVisible();
  const text = await page.evaluate(() => navigator.clipboard.readText());
  // The sample has no published date or address: the citation leaves them out (no link), rather than give the day it was added.
  expect(text).toMatch(
    /^“The prison holds 3,500 suspected ISIS members”\n— "'The enduring defeat of ISIS in Syria and Iraq remains the coalition's top priority': Global Coalition", Kurdistan 24, ¶\d+$/,
  );
});

test('exports only the passages selected', async () => {
  const { page } = app;
  const out = join(await mkdtemp(join(tmpdir(), 'gloss-notebook-export-')), 'chosen.md');
  app.setDialogs({ exportPath: out });
  await passageRow(page, 'Close reading is less').getByRole('checkbox').click();
  await passageRow(page, 'The prison holds').getByRole('checkbox').click();
  await page
    .getByRole('toolbar', { name: 'Selected passages' })
    .getByRole('button', { name: 'Export…' })
    .click();
  const dialog = page.getByRole('dialog', { name: 'Export notes' });
  await expect(dialog.getByRole('radio', { name: 'The 2 passages selected' })).toBeChecked();
  await dialog.getByRole('button', { name: 'Export…' }).click();
  await expect(dialog.getByRole('status')).toContainText('Exported 2 annotations from 2 articles');
  const md = await readFile(out, 'utf8');
  expect(md).toContain('Close reading is less a technique');
  expect(md).toContain('The prison holds 3,500');
  expect(md).not.toContain('Margins were the first');
  expect(md).not.toContain('reaffirmed in a statement');
});

test('switching to the notebook or the tags shows the view itself, never a loading placeholder in its place', async () => {
  const { page } = app;
  // Counted from the page's start: React.lazy put 'Opening…' up on every first visit, and React
  // then held the view back 300 ms after it.
  await page.addInitScript(() => {
    const w = window as unknown as { __placeholders: number };
    w.__placeholders = 0;
    new MutationObserver((records) => {
      for (const r of records)
        for (const n of r.addedNodes)
          if (n instanceof HTMLElement && n.matches('.loading') && n.textContent === 'Opening…')
            w.__placeholders++;
    }).observe(document, { childList: true, subtree: true });
  });
  await page.reload();
  await page.getByRole('list', { name: 'Articles' }).waitFor();
  await page.keyboard.press('Control+2');
  await expect(passageRows(page)).toHaveCount(5);
  await page.keyboard.press('Control+3');
  await expect(page.getByRole('main', { name: 'Tags' })).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { __placeholders: number }).__placeholders)).toBe(0);
});

test('a long notebook renders only the rows in view, and scrolls to its last passage', async () => {
  const { page } = app;
  const N = 3000;
  // Many passages at once, put in place as undo would (one operation), on the sample article.
  await page.evaluate(async (n) => {
    const list = await window.gloss.listArticles();
    const a = list.find((x) => x.title.startsWith("'The enduring defeat"))!;
    const { text } = await window.gloss.getArticle({ id: a.id });
    const now = new Date().toISOString();
    const annotations = Array.from({ length: n }, (_, i) => {
      const start = (i * 13) % (text.length - 80);
      const exact = `${text.slice(start, start + 60)}`;
      return {
        id: `many-${i}`,
        articleId: a.id,
        target: {
          source: a.id,
          quote: { type: 'TextQuoteSelector' as const, exact, prefix: '', suffix: '' },
          position: { type: 'TextPositionSelector' as const, start, end: start + 60 },
        },
        color: 'blue' as const,
        tags: ['bulk'],
        note: `bulk note ${i}`,
        created: now,
        modified: now,
      };
    });
    await window.gloss.restoreAnnotations({ annotations });
  }, N);
  await viewTab(page, 'Library').click();
  await viewTab(page, 'Notebook').click();
  await expect(notebookCount(page)).toHaveText(`${N + 5} passages`);
  const rendered = await passageRows(page).count();
  expect(rendered).toBeGreaterThan(0);
  expect(rendered).toBeLessThan(60);
  await expect(passageRows(page).first()).toHaveAttribute('aria-setsize', String(N + 5));

  await notebook(page)
    .locator('.notebook-scroll')
    .evaluate((el) => el.scrollTo(0, el.scrollHeight));
  await expect(passageRows(page).last()).toHaveAttribute('aria-posinset', String(N + 5));
  await expect(passageRows(page).last()).toBeInViewport();
  expect(await passageRows(page).count()).toBeLessThan(60);

  // The keyboard goes there too: Home to the first passage, Down to the next, End to the last.
  await passageRows(page)
    .last()
    .getByRole('button', { name: /^Open in article/ })
    .focus();
  await page.keyboard.press('Home');
  await expect(page.locator('.passage-row[aria-posinset="1"] .passage-open')).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(page.locator('.passage-row[aria-posinset="2"] .passage-open')).toBeFocused();
  await page.keyboard.press('End');
  await expect(page.locator(`.passage-row[aria-posinset="${N + 5}"] .passage-open`)).toBeFocused();

  // The page holds a window of rows; selecting all still takes every passage shown, held or not.
  await page.keyboard.press('Control+a');
  await expect(notebook(page).locator('.selection-count')).toHaveText(`${N + 5} passages selected`);
  await page.keyboard.press('Escape');
  await expect(notebook(page).locator('.selection-count')).toHaveCount(0);
});
