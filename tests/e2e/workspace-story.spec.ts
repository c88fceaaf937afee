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
import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test, expect, type Page } from '@playwright/test';
import { launchApp, type GlossApp } from '../harness/launchApp';
import { linkedEpub } from '../unit/helpers/linked-epub';
import { buildPdf, samplePaper, typesetPaper } from '../unit/helpers/pdf-builder';
import { glossProcess } from '../unit/helpers/run-gloss';
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

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures');
const FLOOD = 'River towns brace for record flood';

/** Twelve files as a reader collects them: six saved pages, three texts, a Markdown briefing, an EPUB, a PDF. */
async function twelveFiles(dir: string): Promise<string[]> {
  await cp(join(FIXTURES, 'pages'), join(dir, 'pages'), { recursive: true });
  await cp(join(FIXTURES, 'text'), join(dir, 'text'), { recursive: true });
  const pages = [
    'dialog-article',
    'harbour-courier',
    'news-article',
    'portal-headline',
    'printed-form',
    'wiki-lighthouse',
  ];
  const texts = ['captions-and-datelines', 'chapter', 'reading-notes'];
  await writeFile(
    join(dir, 'briefing.md'),
    '# Briefing: the coalition after 2020\n\nThe coalition says its partners remain committed to the mission.\n\nObservers doubt that the pledged funding will arrive this year.\n',
  );
  await writeFile(join(dir, 'delta.epub'), linkedEpub(12));
  const paper = samplePaper(10);
  await writeFile(
    join(dir, 'rivers.pdf'),
    buildPdf(typesetPaper(paper).pages, { info: { Title: paper.title } }),
  );
  return [
    ...pages.map((p) => join(dir, 'pages', `${p}.html`)),
    ...texts.map((t) => join(dir, 'text', `${t}.txt`)),
    join(dir, 'briefing.md'),
    join(dir, 'delta.epub'),
    join(dir, 'rivers.pdf'),
  ];
}

/** The passages a reader marked, across six articles: five under `claim` (one of them `claim/disputed`). */
const PASSAGES = [
  {
    article: "'The enduring defeat",
    quote: 'The prison holds 3,500 suspected ISIS members',
    tags: ['claim'],
  },
  { article: FLOOD, quote: 'higher than at any time since records began in 1881', tags: ['claim', 'flood'] },
  {
    article: 'Russia: Space ship',
    quote: 'the ship had reached orbit but that telemetry from it was incomplete',
    tags: ['claim'],
  },
  {
    article: 'Hand-washing cuts',
    quote: 'cut the infections their patients picked up by about a third',
    tags: ['claim/disputed'],
  },
  {
    article: 'Ferry crews walk out',
    quote: 'leaving about four thousand passengers without a crossing',
    tags: ['claim'],
  },
  { article: 'The slow return', quote: 'Otters are back on every river in the county', tags: ['evidence'] },
];

/** The library's Markdown export, through the export dialog (opened from the reader's bar). */
async function exportLibrary(app: GlossApp, out: string): Promise<string> {
  const { page } = app;
  app.setDialogs({ exportPath: out });
  await page.getByRole('button', { name: 'Export…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export notes' });
  await dialog.getByRole('radio', { name: 'Whole library' }).check();
  await dialog.getByRole('button', { name: 'Export…' }).click();
  await expect(dialog.getByRole('status')).toContainText(out);
  await dialog.getByRole('button', { name: 'Close' }).click();
  return readFile(out, 'utf8');
}

/** The page's errors, but the pictures' loads: the shell serves them (gloss-asset:), the harness's Chromium cannot. */
const pageErrors = (app: GlossApp) => app.errors.filter((e) => !e.includes('net::ERR_UNKNOWN_URL_SCHEME'));

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
      await createPassages(
        page,
        PASSAGES.map((p) => ({ ...p, color: 'yellow' as const })),
      );
      await page.reload();
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
      await search.getByRole('searchbox', { name: 'Search the library' }).press('Enter');
      await expect(search).toBeHidden();
      await expect(page.getByRole('article').getByRole('heading', { name: FLOOD })).toBeVisible();
      await expect(
        page
          .getByRole('article')
          .getByText(/sandbags/)
          .first(),
      ).toBeInViewport();
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
    });

    const out = join(dir, 'library.md');
    await test.step('renaming #claim to #claims/official: the tags, the notebook’s filter, the library’s menu and the export follow', async () => {
      await page.keyboard.press('ControlOrMeta+3');
      await expect(tagRow(page, 'claim')).toContainText('4 passages');
      await tagRow(page, 'claim').getByRole('button', { name: 'Rename claim' }).click();
      const dialog = page.getByRole('dialog', { name: 'Rename #claim' });
      await expect(dialog).toContainText('5 passages will change.');
      await dialog.getByRole('textbox', { name: 'New name' }).fill('claims/official');
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

      await page.keyboard.press('ControlOrMeta+2');
      await expect(notebook(page).getByRole('group', { name: 'Tags' })).toContainText('#claims/official');
      await expect(passageRows(page)).toHaveCount(5);
      await expect(passageRow(page, 'records began in 1881')).toContainText('#claims/official');

      const menu = await libraryTagMenu(page);
      await expect(menu).toContainText('#claims/official (4)');
      await expect(menu).not.toContainText('#claim (');

      await page.getByRole('button', { name: new RegExp(`^Open .*${FLOOD}`) }).click();
      const md = await exportLibrary(app, out);
      expect(md.match(/#claims\/official\b/g)?.length).toBe(5);
      expect(md).not.toMatch(/#claim\b(?!s)/);
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
      await page.keyboard.press('ControlOrMeta+2');
      await expect(notebook(page).getByRole('group', { name: 'Tags' })).toContainText('#claim');
      await expect(passageRows(page)).toHaveCount(5);
      const menu = await libraryTagMenu(page);
      await expect(menu).toContainText('#claim (4)');
      await page.getByRole('button', { name: new RegExp(`^Open .*${FLOOD}`) }).click();
      const md = await exportLibrary(app, out);
      expect(md.match(/#claim\b(?!s)/g)?.length).toBe(5); // four #claim, one #claim/disputed
      expect(md).not.toContain('#claims/official');
    });

    await test.step('a wrong author corrected in the reader: Copy and the export cite the correction', async () => {
      await page.getByRole('button', { name: 'Details…' }).click();
      const details = page.getByRole('dialog', { name: 'Article details' });
      await details.getByRole('textbox', { name: 'Author(s)' }).fill('Maria Okafor-Reyes');
      await details.getByRole('button', { name: 'Save' }).click();
      await expect(details).toBeHidden();

      await page.keyboard.press('ControlOrMeta+2');
      await passageRow(page, 'records began in 1881')
        .getByRole('button', { name: /^Copy with citation/ })
        .click();
      await expect(toast(page, 'Copied the passage with its citation')).toBeVisible();
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
