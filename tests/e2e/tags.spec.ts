/**
 * The tag manager: every tag with its count, nested by '/'; rename (children
 * move along), rename to an existing name (a merge, confirmed with the number
 * of passages it changes), merge several, delete (the tag, not the passages)
 * — each undone by Ctrl/Cmd+Z or the toast's Undo, every count following.
 */
import { test, expect, type Page } from '@playwright/test';
import { launchApp, type GlossApp } from '../harness/launchApp';
import {
  arrangePassages,
  notebook,
  notebookCount,
  passageRow,
  passageRows,
  storedPassages,
  tagManager,
  tagRow,
  tagTree,
  toast,
  viewTab,
} from './workspace';

/** The library narrowed by its tag menu to `label` (as the menu shows it, with its count): the menu and the articles listed. */
async function narrowLibrary(page: Page, label: string) {
  const tagMenu = page.getByRole('combobox', { name: 'Tag' });
  await tagMenu.focus(); // filled when first used
  await tagMenu.selectOption({ label });
  return {
    tagMenu,
    rows: page.getByRole('list', { name: 'Articles' }).getByRole('button', { name: /^Open / }),
  };
}

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
      tags: ['claim'],
    },
    {
      article: "'The enduring defeat",
      quote: 'reaffirmed in a statement on Wednesday',
      color: 'green',
      tags: ['claim', 'evidence'],
    },
    {
      article: "'The enduring defeat",
      quote: 'the important role played by the Kurdistan Region',
      color: 'blue',
      tags: ['claim/disputed'],
    },
    {
      article: 'Reading slowly',
      quote: 'Close reading is less a technique than a habit of attention',
      color: 'pink',
      tags: ['evidence'],
    },
    {
      article: 'Reading slowly',
      quote: 'Margins were the first annotation software',
      color: 'yellow',
      tags: ['quote'],
    },
  ]);
  await viewTab(page, 'Tags').click();
  await expect(tagRow(page, 'claim')).toContainText('2 passages');
});
test.afterEach(async () => {
  expect(app.errors).toEqual([]);
  await app.close();
});

test('lists every tag with its count, children under their parent', async () => {
  await expect
    .poll(() => tagTree(app.page))
    .toEqual([
      '#claim 2 passages',
      '  #claim/disputed 1 passage',
      '#evidence 2 passages',
      '#quote 1 passage',
    ]);
  await expect(tagManager(app.page).getByRole('status')).toHaveText('4 tags');
});

test('rename carries the children along and says how many passages change; Ctrl+Z undoes it and Ctrl+Shift+Z redoes it', async () => {
  const { page } = app;
  await tagRow(page, 'claim').getByRole('button', { name: 'Rename claim' }).click();
  const dialog = page.getByRole('dialog', { name: 'Rename #claim' });
  await expect(dialog).toContainText('3 passages will change.');
  await dialog.getByRole('textbox', { name: 'New name' }).fill('claims/official');
  await dialog.getByRole('button', { name: 'Rename' }).click();
  await expect(toast(page, 'Renamed #claim to #claims/official in 3 passages')).toBeVisible();
  await expect
    .poll(() => tagTree(page))
    .toEqual([
      '#claims only under it',
      '  #claims/official 2 passages',
      '    #claims/official/disputed 1 passage',
      '#evidence 2 passages',
      '#quote 1 passage',
    ]);
  expect((await storedPassages(page))['reaffirmed in a statement on Wednesday'].tags).toEqual([
    'claims/official',
    'evidence',
  ]);

  await tagManager(page).getByRole('heading', { name: 'Tags' }).click();
  await page.keyboard.press('Control+z');
  await expect
    .poll(() => tagTree(page))
    .toEqual([
      '#claim 2 passages',
      '  #claim/disputed 1 passage',
      '#evidence 2 passages',
      '#quote 1 passage',
    ]);
  expect((await storedPassages(page))['the important role played by the Kurdistan Region'].tags).toEqual([
    'claim/disputed',
  ]);
  await page.keyboard.press('Control+Shift+z');
  await expect(tagRow(page, 'claims/official')).toContainText('2 passages');

  // The notebook follows: filtering by the new parent finds all three.
  await tagRow(page, 'claims').getByRole('button', { name: 'Show passages tagged claims' }).click();
  await expect(passageRows(page)).toHaveCount(3);
  await expect(notebookCount(page)).toHaveText('3 of 5 passages');
});

test('renaming to a name in use asks first, says how many passages change, merges; the toast’s Undo takes it back', async () => {
  const { page } = app;
  await tagRow(page, 'quote').getByRole('button', { name: 'Rename quote' }).click();
  const dialog = page.getByRole('dialog', { name: 'Rename #quote' });
  await dialog.getByRole('textbox', { name: 'New name' }).fill('Evidence');
  await expect(dialog).toContainText('#evidence already exists');
  await dialog.getByRole('button', { name: 'Merge…' }).click();
  const confirm = page.getByRole('alertdialog', { name: 'Merge #quote into #evidence?' });
  await expect(confirm).toContainText('#evidence already exists (2 passages). 1 passage will change.');
  await confirm.getByRole('button', { name: 'Merge' }).click();
  await expect(tagRow(page, 'evidence')).toContainText('3 passages');
  await expect(tagRow(page, 'quote')).toHaveCount(0);

  await toast(page, 'Merged #quote into #evidence in 1 passage')
    .getByRole('button', { name: 'Undo' })
    .click();
  await expect(tagRow(page, 'quote')).toContainText('1 passage');
  await expect(tagRow(page, 'evidence')).toContainText('2 passages');
  expect((await storedPassages(page))['Margins were the first annotation software'].tags).toEqual(['quote']);
});

test('a toast’s Undo undoes its own change only, and is taken down once that change is undone', async () => {
  const { page } = app;
  const rename = async (from: string, to: string) => {
    await tagRow(page, from)
      .getByRole('button', { name: `Rename ${from}` })
      .click();
    const dialog = page.getByRole('dialog', { name: `Rename #${from}` });
    await dialog.getByRole('textbox', { name: 'New name' }).fill(to);
    await dialog.getByRole('button', { name: 'Rename' }).click();
    await expect(tagRow(page, to)).toBeVisible();
  };
  await rename('quote', 'quotation');
  await rename('evidence', 'proof');

  // The first rename's Undo, while the second stands, does nothing (it would undo the second); Ctrl+Z, after it, undoes the second.
  await toast(page, /^Renamed #quote/)
    .getByRole('button', { name: 'Undo' })
    .click();
  await tagManager(page).getByRole('heading', { name: 'Tags' }).click();
  await page.keyboard.press('Control+z');
  await expect(toast(page, 'Undone: Renamed #evidence to #proof')).toBeVisible();
  // Its toast taken down in the same update that showed the Redo (not left to time out).
  expect(await toast(page, /^Renamed #evidence/).count()).toBe(0);
  await expect
    .poll(() => tagTree(page))
    .toEqual([
      '#claim 2 passages',
      '  #claim/disputed 1 passage',
      '#evidence 2 passages',
      '#quotation 1 passage',
    ]);
  await expect(toast(page, 'Undone: Renamed #quote')).toHaveCount(0);
});

test('several tags selected merge into one, named anew', async () => {
  const { page } = app;
  await tagRow(page, 'claim').getByRole('checkbox', { name: 'Select tag claim' }).check();
  await tagRow(page, 'quote').getByRole('checkbox', { name: 'Select tag quote' }).check();
  await page.getByRole('toolbar', { name: 'Selected tags' }).getByRole('button', { name: 'Merge…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Merge 2 tags' });
  await dialog.getByRole('combobox', { name: 'Merge into' }).fill('key');
  await expect(dialog).toContainText('4 passages will change.');
  await dialog.getByRole('button', { name: 'Merge' }).click();
  await expect(toast(page, 'Merged #claim, #quote into #key in 4 passages')).toBeVisible();
  await expect
    .poll(() => tagTree(page))
    .toEqual(['#evidence 2 passages', '#key 3 passages', '  #key/disputed 1 passage']);
});

test('merging into one of the tags chosen changes only the others’ passages', async () => {
  const { page } = app;
  await tagRow(page, 'evidence').getByRole('checkbox', { name: 'Select tag evidence' }).check();
  await tagRow(page, 'quote').getByRole('checkbox', { name: 'Select tag quote' }).check();
  await page.getByRole('toolbar', { name: 'Selected tags' }).getByRole('button', { name: 'Merge…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Merge 2 tags' });
  await dialog.getByRole('radio', { name: '#evidence' }).check();
  await expect(dialog).toContainText('1 passage will change.');
  await dialog.getByRole('button', { name: 'Merge' }).click();
  await expect(toast(page, 'Merged #quote into #evidence in 1 passage')).toBeVisible();
  await expect(tagRow(page, 'evidence')).toContainText('3 passages');
});

test('delete removes the tag from its passages, not the passages (nor the tags under it); undone', async () => {
  const { page } = app;
  await tagRow(page, 'claim').getByRole('button', { name: 'Delete claim' }).click();
  const confirm = page.getByRole('alertdialog', { name: 'Delete #claim?' });
  await expect(confirm).toContainText('#claim will be removed from 2 passages. The passages stay');
  await confirm.getByRole('button', { name: 'Delete' }).click();
  await expect(toast(page, 'Deleted #claim from 2 passages')).toBeVisible();
  await expect
    .poll(() => tagTree(page))
    .toEqual([
      '#claim only under it',
      '  #claim/disputed 1 passage',
      '#evidence 2 passages',
      '#quote 1 passage',
    ]);
  const stored = await storedPassages(page);
  expect(Object.keys(stored)).toHaveLength(5);
  expect(stored['reaffirmed in a statement on Wednesday'].tags).toEqual(['evidence']);

  await tagManager(page).getByRole('heading', { name: 'Tags' }).click();
  await page.keyboard.press('Control+z');
  await expect(tagRow(page, 'claim')).toContainText('2 passages');
});

test('Ctrl+1, 2 and 3 show the library, the notebook and the tags; the help lists them', async () => {
  const { page } = app;
  await page.keyboard.press('Control+2');
  await expect(page.getByRole('main', { name: 'Notebook' })).toBeVisible();
  await page.keyboard.press('Control+1');
  await expect(page.getByRole('main', { name: 'Library' })).toBeVisible();
  await page.keyboard.press('Control+3');
  await expect(tagManager(page)).toBeVisible();
  await page.keyboard.press('?');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  for (const row of ['Show the library', 'Show the notebook of passages', 'Show the tags'])
    await expect(help).toContainText(row);
});

test('the library’s tags are asked of main once, not by every view shown, and once again after each change', async () => {
  const { page } = app;
  const asked = (channel: string) => app.requests.filter((c) => c === channel).length;
  const tagsAsked = asked('listTags');
  // Library (its tag menu), notebook (filters, tag fields), tags, library again: the list held serves them all.
  const tagMenu = page.getByRole('combobox', { name: 'Tag' });
  await viewTab(page, 'Library').click();
  await tagMenu.focus(); // filled when first used
  await expect(tagMenu).toContainText('#claim (2)');
  const windows = asked('listPassages');
  await viewTab(page, 'Notebook').click();
  await expect(passageRows(page)).toHaveCount(5);
  await expect.poll(() => asked('listPassages')).toBeGreaterThanOrEqual(windows + 2); // the rows, then the menus
  await viewTab(page, 'Tags').click();
  await expect(tagRow(page, 'claim')).toContainText('2 passages');
  await viewTab(page, 'Library').click();
  await expect(page.getByRole('list', { name: 'Articles' })).toBeVisible();
  expect(asked('listTags')).toBe(tagsAsked);

  // A rename: one request, and every view's counts follow from it.
  await viewTab(page, 'Tags').click();
  await tagRow(page, 'evidence').getByRole('button', { name: 'Rename evidence' }).click();
  const dialog = page.getByRole('dialog', { name: 'Rename #evidence' });
  await dialog.getByRole('textbox', { name: 'New name' }).fill('support');
  await dialog.getByRole('button', { name: 'Rename' }).click();
  await expect(tagRow(page, 'support')).toContainText('2 passages');
  expect(asked('listTags')).toBe(tagsAsked + 1);
  await viewTab(page, 'Library').click();
  await tagMenu.focus();
  await expect(tagMenu).toContainText('#support (2)');
  expect(asked('listTags')).toBe(tagsAsked + 1);
});

test('a notebook and a library narrowed to a tag follow its rename, and its undo', async () => {
  const { page } = app;
  await tagRow(page, 'claim').getByRole('button', { name: 'Show passages tagged claim' }).click();
  await expect(passageRows(page)).toHaveCount(3);
  await viewTab(page, 'Library').click();
  const { tagMenu, rows } = await narrowLibrary(page, '#claim (2)');
  await expect(rows).toHaveCount(1);

  await viewTab(page, 'Tags').click();
  await tagRow(page, 'claim').getByRole('button', { name: 'Rename claim' }).click();
  const dialog = page.getByRole('dialog', { name: 'Rename #claim' });
  await dialog.getByRole('textbox', { name: 'New name' }).fill('assertion');
  await dialog.getByRole('button', { name: 'Rename' }).click();
  await expect(tagRow(page, 'assertion')).toContainText('2 passages');
  await viewTab(page, 'Library').click();
  await expect(tagMenu).toHaveValue('assertion');
  await expect(rows).toHaveCount(1);
  await viewTab(page, 'Notebook').click();
  await expect(
    page.getByRole('main', { name: 'Notebook' }).getByRole('group', { name: 'Tags' }),
  ).toContainText('#assertion');
  await expect(passageRows(page)).toHaveCount(3);

  await page.keyboard.press('Control+z');
  await expect(
    page.getByRole('main', { name: 'Notebook' }).getByRole('group', { name: 'Tags' }),
  ).toContainText('#claim');
  await expect(passageRows(page)).toHaveCount(3);
  await viewTab(page, 'Library').click();
  await expect(tagMenu).toHaveValue('claim');
});

test('a notebook and a library narrowed to a tag drop it when it is deleted (all of it, or any of it), and get it back with the undo', async () => {
  const { page } = app;
  const tagChips = notebook(page).getByRole('list', { name: 'Tags filtered by' }).getByRole('listitem');
  // Passages tagged both #claim (or under it) and #evidence: one.
  await tagRow(page, 'claim').getByRole('button', { name: 'Show passages tagged claim' }).click();
  await notebook(page).getByRole('combobox', { name: 'Filter by tag' }).fill('evidence');
  await notebook(page).getByRole('combobox', { name: 'Filter by tag' }).press('Enter');
  await page.getByRole('combobox', { name: 'Tags to match' }).selectOption('all');
  await expect(passageRows(page)).toHaveCount(1);
  await viewTab(page, 'Library').click();
  const { tagMenu, rows } = await narrowLibrary(page, '#quote (1)');
  await expect(rows).toHaveCount(1);
  const articles = 2;

  await viewTab(page, 'Tags').click();
  for (const tag of ['evidence', 'quote'])
    await tagRow(page, tag)
      .getByRole('checkbox', { name: `Select tag ${tag}` })
      .check();
  await page.getByRole('toolbar', { name: 'Selected tags' }).getByRole('button', { name: 'Delete…' }).click();
  await page
    .getByRole('alertdialog', { name: 'Delete 2 tags?' })
    .getByRole('button', { name: 'Delete' })
    .click();
  await expect(tagRow(page, 'quote')).toHaveCount(0);
  await viewTab(page, 'Library').click();
  await expect(tagMenu).toHaveValue('');
  await expect(rows).toHaveCount(articles);
  await viewTab(page, 'Notebook').click();
  await expect(tagChips).toHaveText(['#claim×']);
  await expect(passageRows(page)).toHaveCount(3);

  await page.keyboard.press('Control+z');
  await expect(tagChips).toHaveText(['#claim×', '#evidence×']);
  await expect(passageRows(page)).toHaveCount(1);
  await viewTab(page, 'Library').click();
  await expect(tagMenu).toHaveValue('quote');
  await expect(rows).toHaveCount(1);
});

test('a notebook narrowed to a deleted parent whose children remain still narrows to them', async () => {
  const { page } = app;
  await tagRow(page, 'claim').getByRole('button', { name: 'Show passages tagged claim' }).click();
  await expect(passageRows(page)).toHaveCount(3);
  await viewTab(page, 'Tags').click();
  await tagRow(page, 'claim').getByRole('button', { name: 'Delete claim' }).click();
  await page
    .getByRole('alertdialog', { name: 'Delete #claim?' })
    .getByRole('button', { name: 'Delete' })
    .click();
  await expect(tagRow(page, 'claim')).toContainText('only under it');
  await viewTab(page, 'Notebook').click();
  await expect(passageRows(page)).toHaveCount(1);
  await expect(passageRow(page, 'the important role played by the Kurdistan Region')).toBeVisible();
});

test('a library narrowed to a tag shows the articles of the tags merged into it', async () => {
  const { page } = app;
  await viewTab(page, 'Library').click();
  const { tagMenu, rows } = await narrowLibrary(page, '#quote (1)');
  await expect(rows).toHaveCount(1);

  await viewTab(page, 'Tags').click();
  await tagRow(page, 'claim').getByRole('checkbox', { name: 'Select tag claim' }).check();
  await tagRow(page, 'quote').getByRole('checkbox', { name: 'Select tag quote' }).check();
  await page.getByRole('toolbar', { name: 'Selected tags' }).getByRole('button', { name: 'Merge…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Merge 2 tags' });
  await dialog.getByRole('radio', { name: '#quote' }).check();
  await dialog.getByRole('button', { name: 'Merge' }).click();
  await expect(tagRow(page, 'quote')).toContainText('3 passages');
  await viewTab(page, 'Library').click();
  await expect(tagMenu).toHaveValue('quote');
  await expect(rows).toHaveCount(2);

  await viewTab(page, 'Tags').click();
  await tagManager(page).getByRole('heading', { name: 'Tags' }).click();
  await page.keyboard.press('Control+z');
  await expect(tagRow(page, 'quote')).toContainText('1 passage');
  await viewTab(page, 'Library').click();
  await expect(tagMenu).toHaveValue('quote');
  await expect(rows).toHaveCount(1);
});
