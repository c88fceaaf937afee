/**
 * Issue 10's "Done when", walked end to end as one user would: on the sample
 * plus a dozen real-shaped articles (saved web pages, text, Markdown, an EPUB,
 * a PDF) they find a word from Ctrl+K and land on it; see every passage tagged
 * `claim` across articles in one list; rename `claim` to `claims/official` in
 * the tag manager and see every count, filter and export follow, then undo it;
 * correct a wrong author in the reader and see the citation (Copy, export)
 * change — and then do the same from the `gloss` command on the same library,
 * and find the app showing what the command did.
 */
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect, type Page } from '@playwright/test';
import { parse } from 'csv-parse/sync';
import { launchApp, type GlossApp } from '../harness/launchApp';
import { CSV_TAGS, CSV_TAGS_RENAMED, FLOOD, PASSAGES, twelveFiles } from '../unit/helpers/research-library';
import { glossProcess } from '../unit/helpers/run-gloss';
import { dragSelect, editor, toolbar } from './helpers';
import {
  createPassages,
  notebook,
  notebookCount,
  passageRow,
  passageRows,
  tagManager,
  tagRow,
  tagTree,
  toast,
} from './workspace';

/** The library's export (Markdown unless told), through the export dialog (opened from the reader's bar). */
async function exportLibrary(app: GlossApp, out: string, format = 'Markdown'): Promise<string> {
  const { page } = app;
  app.setDialogs({ exportPath: out });
  await page.getByRole('button', { name: 'Export…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export notes' });
  await dialog.getByRole('radio', { name: format }).check();
  await dialog.getByRole('radio', { name: 'Whole library' }).check();
  await dialog.getByRole('button', { name: 'Export…' }).click();
  await expect(dialog.getByRole('status')).toContainText(out);
  await dialog.getByRole('button', { name: 'Close' }).click();
  return readFile(out, 'utf8');
}

/** The page's errors, but the pictures' loads: the shell serves them (gloss-asset:), the harness's Chromium cannot. */
const pageErrors = (app: GlossApp) => app.errors.filter((e) => !e.includes('net::ERR_UNKNOWN_URL_SCHEME'));

/** The tags column of each row of a CSV export, sorted. */
const csvTags = (csv: string) =>
  (parse(csv, { bom: true, columns: true }) as Array<{ tags: string }>).map((row) => row.tags).sort();

/** What the user sees at a step, kept with the test's output to be looked at. */
const shot = (page: Page, name: string) => page.screenshot({ path: test.info().outputPath(`${name}.png`) });

const libraryTagMenu = async (page: Page) => {
  await page.keyboard.press('ControlOrMeta+1');
  const menu = page.getByRole('main', { name: 'Library' }).getByRole('combobox', { name: 'Tag' });
  await menu.focus(); // filled when first used
  return menu;
};

test('the research workspace, end to end: search, the notebook by tag, a rename that every count and export follows and its undo, a corrected author in every citation — from the app and from gloss', async () => {
  test.setTimeout(300_000); // a bound for a hang: twelve imports and four commands on a busy machine
  const dir = await mkdtemp(join(tmpdir(), 'gloss-story-'));
  const files = await twelveFiles(dir);
  let app = await launchApp({ viewport: { width: 1280, height: 900 } });
  const dataDir = app.dataDir;
  try {
    const { page } = app;
    await test.step('a dozen articles imported beside the sample', async () => {
      app.setDialogs({ importFiles: files });
      await page.getByRole('button', { name: 'Import files…' }).click();
      await expect(page.getByRole('region', { name: 'Import result' }).getByRole('status')).toContainText(
        'Imported 12 articles',
      );
      await expect(
        page.getByRole('list', { name: 'Articles' }).getByRole('button', { name: /^Open / }),
      ).toHaveCount(13);
      await shot(page, '1-library');
      // One passage marked as a reader marks it: selected, tagged from the toolbar; the others through the bridge.
      const [byHand, ...rest] = PASSAGES.filter((p) => p.article === FLOOD).concat(
        PASSAGES.filter((p) => p.article !== FLOOD),
      );
      await page.getByRole('button', { name: new RegExp(`^Open .*${FLOOD}`) }).click();
      await expect(page.getByRole('article').getByText(byHand.quote)).toBeVisible();
      await dragSelect(page, byHand.quote);
      await toolbar(page).getByRole('button', { name: 'Tag' }).click();
      for (const tag of byHand.tags) {
        await page.keyboard.type(tag);
        await page.keyboard.press('Enter');
      }
      await expect(editor(page).getByRole('list', { name: 'Tags' })).toHaveText(/#claim\s*.*#flood/);
      await shot(page, '2-tagged-in-reader');
      await page.keyboard.press('Escape');
      await expect(editor(page)).toBeHidden();
      await createPassages(
        page,
        rest.map((p) => ({ ...p, color: 'yellow' as const })),
      );
      await page.reload(); // the bridge's passages shown; the article read is opened again
      await expect(page.getByRole('article').getByRole('heading', { name: FLOOD })).toBeVisible();
      await page.keyboard.press('ControlOrMeta+1');
      await expect(page.getByRole('list', { name: 'Articles' })).toBeVisible();
    });

    await test.step('Ctrl+K finds a word by its start; Enter opens the article at it', async () => {
      await page.keyboard.press('ControlOrMeta+k');
      const search = page.getByRole('dialog', { name: 'Search the library' });
      await search.getByRole('searchbox', { name: 'Search the library' }).fill('sandbag');
      const hits = search.getByRole('listbox', { name: 'Search results' });
      await expect(hits.getByRole('option').first()).toBeVisible();
      await expect(hits).toContainText(FLOOD);
      await expect(hits.locator('mark').first()).toHaveText(/^sandbag/i);
      await shot(page, '3-search');
      await search.getByRole('searchbox', { name: 'Search the library' }).press('Enter');
      await expect(search).toBeHidden();
      await expect(page.getByRole('article').getByRole('heading', { name: FLOOD })).toBeVisible();
      await expect(
        page
          .getByRole('article')
          .getByText(/sandbags/)
          .first(),
      ).toBeInViewport();
      await shot(page, '4-opened-at-hit');
    });

    await test.step('the notebook filtered by #claim lists the passages of every article, children included', async () => {
      await page.keyboard.press('ControlOrMeta+2');
      await expect(passageRows(page)).toHaveCount(6);
      const byTag = notebook(page).getByRole('combobox', { name: 'Filter by tag' });
      await byTag.fill('claim');
      await byTag.press('Enter');
      await expect(passageRows(page)).toHaveCount(5);
      await expect(notebookCount(page)).toHaveText('5 of 6 passages');
      for (const p of PASSAGES.filter((x) => x.tags.some((t) => t.startsWith('claim'))))
        await expect(passageRow(page, p.quote)).toContainText(p.article.replace(/^'/, ''));
      // A date is labelled as the library labels it: published, or else when the article was added.
      await expect(passageRow(page, 'records began in 1881')).toContainText('Published 5 March 2024');
      await expect(passageRow(page, 'patients picked up')).toContainText(/Health WireAdded \d/);
      await shot(page, '5-notebook-claim');
    });

    const out = join(dir, 'library.md');
    const csvOut = join(dir, 'library.csv');
    const articleRows = page.getByRole('list', { name: 'Articles' }).getByRole('button', { name: /^Open / });
    await test.step('renaming #claim to #claims/official: the tags, the notebook’s filter, the library’s filter and both exports follow', async () => {
      const menu = await libraryTagMenu(page);
      await menu.selectOption({ label: '#claim (4)' });
      await expect(articleRows).toHaveCount(5);
      await shot(page, '6-library-claim');

      await page.keyboard.press('ControlOrMeta+3');
      await expect(tagRow(page, 'claim')).toContainText('4 passages');
      await tagRow(page, 'claim').getByRole('button', { name: 'Rename claim' }).click();
      const dialog = page.getByRole('dialog', { name: 'Rename #claim' });
      await expect(dialog).toContainText('5 passages will change.');
      await dialog.getByRole('textbox', { name: 'New name' }).fill('claims/official');
      await shot(page, '7-rename-dialog');
      await dialog.getByRole('button', { name: 'Rename' }).click();
      await expect(toast(page, 'Renamed #claim to #claims/official in 5 passages')).toBeVisible();
      await expect
        .poll(() => tagTree(page))
        .toEqual([
          '#claims only under it',
          '  #claims/official 4 passages',
          '    #claims/official/disputed 1 passage',
          '#evidence 1 passage',
          '#flood 1 passage',
        ]);
      await shot(page, '8-tags-renamed');

      await page.keyboard.press('ControlOrMeta+2');
      await expect(notebook(page).getByRole('group', { name: 'Tags' })).toContainText('#claims/official');
      await expect(passageRows(page)).toHaveCount(5);
      await expect(passageRow(page, 'records began in 1881')).toContainText('#claims/official');

      await page.keyboard.press('ControlOrMeta+1');
      await expect(menu).toHaveValue('claims/official');
      await expect(menu).toContainText('#claims/official (4)');
      await expect(menu).not.toContainText('#claim (');
      await expect(articleRows).toHaveCount(5);
      await shot(page, '9-library-renamed');

      await page.getByRole('button', { name: new RegExp(`^Open .*${FLOOD}`) }).click();
      const md = await exportLibrary(app, out);
      expect(md.match(/#claims\/official\b/g)?.length).toBe(5);
      expect(md).not.toMatch(/#claim\b(?!s)/);
      expect(csvTags(await exportLibrary(app, csvOut, 'CSV (spreadsheet)'))).toEqual(CSV_TAGS_RENAMED);
    });

    await test.step('Ctrl+Z in the tag manager puts #claim back everywhere', async () => {
      await page.keyboard.press('ControlOrMeta+3');
      await tagManager(page).getByRole('heading', { name: 'Tags' }).click();
      await page.keyboard.press('ControlOrMeta+z');
      await expect
        .poll(() => tagTree(page))
        .toEqual([
          '#claim 4 passages',
          '  #claim/disputed 1 passage',
          '#evidence 1 passage',
          '#flood 1 passage',
        ]);
      // The rename's Undo is offered no more (it would undo whatever change came before); its Redo is.
      await expect(toast(page, /^Renamed #claim/)).toHaveCount(0);
      await expect(toast(page, 'Undone: Renamed #claim to #claims/official')).toBeVisible();
      await page.keyboard.press('ControlOrMeta+2');
      await expect(notebook(page).getByRole('group', { name: 'Tags' })).toContainText('#claim');
      await expect(passageRows(page)).toHaveCount(5);
      const menu = await libraryTagMenu(page);
      await expect(menu).toHaveValue('claim');
      await expect(menu).toContainText('#claim (4)');
      await expect(articleRows).toHaveCount(5);
      await page.getByRole('button', { name: new RegExp(`^Open .*${FLOOD}`) }).click();
      const md = await exportLibrary(app, out);
      expect(md.match(/#claim\b(?!s)/g)?.length).toBe(5); // four #claim, one #claim/disputed
      expect(md).not.toContain('#claims/official');
      expect(csvTags(await exportLibrary(app, csvOut, 'CSV (spreadsheet)'))).toEqual(CSV_TAGS);
      await page.keyboard.press('ControlOrMeta+1');
      await menu.selectOption({ label: 'Any tag' });
      await expect(articleRows).toHaveCount(13);
      await page.getByRole('button', { name: new RegExp(`^Open .*${FLOOD}`) }).click();
    });

    await test.step('a wrong author corrected in the reader: Copy and the export cite the correction', async () => {
      await page.getByRole('button', { name: 'Details…' }).click();
      const details = page.getByRole('dialog', { name: 'Article details' });
      await details.getByRole('textbox', { name: 'Author(s)' }).fill('Maria Okafor-Reyes');
      await shot(page, '10-details');
      await details.getByRole('button', { name: 'Save' }).click();
      await expect(details).toBeHidden();

      await page.keyboard.press('ControlOrMeta+2');
      await passageRow(page, 'records began in 1881')
        .getByRole('button', { name: /^Copy with citation/ })
        .click();
      await expect(toast(page, 'Copied the passage with its citation')).toBeVisible();
      await shot(page, '11-copied');
      expect(await page.evaluate(() => navigator.clipboard.readText())).toContain(
        `— Maria Okafor-Reyes, "${FLOOD}", The Daily Ledger`,
      );
      await page.keyboard.press('ControlOrMeta+1');
      await page.getByRole('button', { name: new RegExp(`^Open .*${FLOOD}`) }).click();
      const md = await exportLibrary(app, out);
      expect(md).toContain(`— Maria Okafor-Reyes, "${FLOOD}", The Daily Ledger`);
    });
    expect(pageErrors(app)).toEqual([]);
  } finally {
    await app.close();
  }

  // The same story from the command line, on the same library (the app closed: one of them holds it at a time).
  const gloss = (...args: string[]) => glossProcess(`--data-dir=${dataDir}`, ...args);
  const found = await gloss('search', 'sandbag', '--json');
  expect(found.stderr).toBe('');
  const { groups } = JSON.parse(found.stdout) as {
    groups: Array<{ articleId: string; title: string; hits: Array<{ kind: string }> }>;
  };
  const flood = groups.find((g) => g.title === FLOOD);
  expect(flood?.hits.map((h) => h.kind)).toContain('article');

  const claims = await gloss('annotations', '--tag', 'claim', '--json');
  expect(claims.code).toBe(0);
  expect((JSON.parse(claims.stdout) as { annotations: unknown[] }).annotations.length).toBe(5);

  const renamed = await gloss('tags', 'rename', 'claim', 'claims/official');
  expect(renamed).toMatchObject({ code: 0, stderr: '' });
  expect(renamed.stdout).toContain('5 passages');
  const tags = JSON.parse((await gloss('tags', '--json')).stdout) as Array<{ tag: string; count: number }>;
  expect(tags.map((t) => `${t.tag} ${t.count}`)).toEqual(
    expect.arrayContaining(['claims/official 4', 'claims/official/disputed 1']),
  );
  const passages = async (tag: string) =>
    (
      JSON.parse((await gloss('annotations', '--tag', tag, '--json')).stdout) as {
        annotations: Array<{ id: string }>;
      }
    ).annotations;
  expect(await passages('claims')).toHaveLength(5);

  const edited = await gloss('edit', flood!.articleId.slice(0, 8), '--author', 'Maria Okafor');
  expect(edited).toMatchObject({ code: 0, stderr: '' });
  const [passage] = await passages('flood');
  const cited = await gloss('cite', passage.id);
  expect(cited.stdout).toContain(`— Maria Okafor, "${FLOOD}", The Daily Ledger`);

  // The app, opened again on the library, shows what the command did.
  app = await launchApp({ dataDir, viewport: { width: 1280, height: 900 } });
  try {
    const { page } = app;
    await expect(page.getByRole('article')).toBeVisible(); // the last article read, opened again
    await page.keyboard.press('ControlOrMeta+1');
    await expect(page.getByRole('button', { name: new RegExp(`^Open .*${FLOOD}`) })).toContainText(
      'Maria Okafor',
    );
    await page.keyboard.press('ControlOrMeta+3');
    await expect(tagRow(page, 'claims/official')).toContainText('4 passages');
    await expect(tagRow(page, 'claim')).toHaveCount(0);
    expect(pageErrors(app)).toEqual([]);
  } finally {
    await app.close();
  }
});
