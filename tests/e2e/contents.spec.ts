/**
 * The reader's table of contents, used as a reader would: an EPUB book's
 * chapters, and a document long enough to be rendered in windows — jump far
 * through Contents, highlight there, find the highlight again from the panel,
 * and come back to the same place after a relaunch.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { test, expect, type Page } from '@playwright/test';
import { launchApp, type GlossApp } from '../harness/launchApp';
import { dragSelect, marks, panel, toolbar } from './helpers';

let app: GlossApp | undefined;
test.afterEach(async () => {
  await app?.close();
  app = undefined;
});

const contentsButton = (page: Page) => page.getByRole('button', { name: 'Contents', exact: true });
const contents = (page: Page) => page.getByRole('navigation', { name: 'Contents' });

async function importThroughUi(a: GlossApp, file: string, title: RegExp): Promise<void> {
  a.setDialogs({ importFiles: [file] });
  await a.page.getByRole('button', { name: 'Import files…' }).click();
  await expect(a.page.getByRole('region', { name: 'Import result' }).getByRole('status')).toContainText(
    'Imported 1 article',
  );
  await a.page.getByRole('button', { name: new RegExp(`^Open .*${title.source}`) }).click();
  await expect(a.page.getByRole('article')).toBeVisible();
}

const CHAPTERS = ['Chapter One: The Crossing', 'Chapter Two: The Inland Road', 'Chapter Three: The Harbour'];

/** A small EPUB 3 book: mimetype stored first, container, OPF with a spine of three chapters, a nav document. */
function buildEpub(): Uint8Array {
  const chapter = (n: number) => {
    const paragraphs = Array.from(
      { length: 40 },
      (_, i) =>
        `<p>Chapter ${n + 1}, paragraph ${i + 1}: the travellers kept a careful record of the weather, the roads and the people they met along the way.</p>`,
    ).join('\n');
    return `<?xml version="1.0" encoding="utf-8"?>
<html xmlns="http://www.w3.org/1999/xhtml"><head><title>${CHAPTERS[n]}</title></head>
<body><section><h1>${CHAPTERS[n]}</h1>
${paragraphs}
</section></body></html>`;
  };
  const opf = `<?xml version="1.0" encoding="utf-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="uid">
  <metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
    <dc:identifier id="uid">urn:uuid:6f1c1f0e-4d1b-4a8e-9d6e-0c3f0f6d2a11</dc:identifier>
    <dc:title>Letters from the Coast</dc:title>
    <dc:creator>A. Traveller</dc:creator>
    <dc:language>en</dc:language>
  </metadata>
  <manifest>
    <item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>
    <item id="c1" href="text/ch1.xhtml" media-type="application/xhtml+xml"/>
    <item id="c2" href="text/ch2.xhtml" media-type="application/xhtml+xml"/>
    <item id="c3" href="text/ch3.xhtml" media-type="application/xhtml+xml"/>
  </manifest>
  <spine><itemref idref="c1"/><itemref idref="c2"/><itemref idref="c3"/></spine>
</package>`;
  const nav = `<?xml version="1.0" encoding="utf-8"?>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops"><head><title>Contents</title></head>
<body><nav epub:type="toc"><ol>
${CHAPTERS.map((t, i) => `<li><a href="text/ch${i + 1}.xhtml">${t}</a></li>`).join('\n')}
</ol></nav></body></html>`;
  return zipSync({
    mimetype: [strToU8('application/epub+zip'), { level: 0 }],
    'META-INF/container.xml': strToU8(`<?xml version="1.0"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
  <rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/></rootfiles>
</container>`),
    'OEBPS/content.opf': strToU8(opf),
    'OEBPS/nav.xhtml': strToU8(nav),
    'OEBPS/text/ch1.xhtml': strToU8(chapter(0)),
    'OEBPS/text/ch2.xhtml': strToU8(chapter(1)),
    'OEBPS/text/ch3.xhtml': strToU8(chapter(2)),
  });
}

test("an EPUB's chapters are listed under Contents, and the keyboard jumps to chapter three", async () => {
  const dir = await mkdtemp(join(tmpdir(), 'gloss-epub-'));
  const file = join(dir, 'letters.epub');
  await writeFile(file, buildEpub());
  app = await launchApp();
  const { page } = app;
  await importThroughUi(app, file, /Letters from the Coast/);

  const third = page.getByRole('heading', { name: CHAPTERS[2] });
  await expect(third).not.toBeInViewport();

  await contentsButton(page).click();
  await expect(contents(page)).toBeVisible();
  const entries = contents(page).getByRole('button');
  await expect(entries).toHaveText(CHAPTERS);
  // At the top of the book, the first chapter is the current one, and it has the focus.
  await expect(entries.first()).toBeFocused();

  // Escape closes the list and gives the focus back to its button.
  await page.keyboard.press('Escape');
  await expect(contents(page)).toBeHidden();
  await expect(contentsButton(page)).toBeFocused();
  await expect(contentsButton(page)).toHaveAttribute('aria-expanded', 'false');

  await page.keyboard.press('Enter');
  await expect(contents(page)).toBeVisible();
  await page.keyboard.press('End');
  await expect(entries.nth(2)).toBeFocused();
  await page.keyboard.press('Enter');

  await expect(contents(page)).toBeHidden();
  await expect(third).toBeInViewport();
  await expect(page.getByText('Chapter 3, paragraph 1:')).toBeInViewport();

  // Reopened, the list marks where the reader now is.
  await contentsButton(page).click();
  await expect(contents(page).getByRole('button', { name: CHAPTERS[2] })).toHaveAttribute(
    'aria-current',
    'location',
  );
  await expect(contents(page).getByRole('button', { name: CHAPTERS[0] })).not.toHaveAttribute('aria-current');
  // A click outside closes it.
  await panel(page).getByRole('heading', { name: 'Annotations' }).click();
  await expect(contents(page)).toBeHidden();
  expect(app.errors).toEqual([]);
});

test('an article with no headings has no Contents button', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'gloss-plain-'));
  const file = join(dir, 'plain.txt');
  await writeFile(
    file,
    'A plain note\n\nOne paragraph of text, with no sections at all.\n\nAnd another one.\n',
  );
  app = await launchApp();
  await importThroughUi(app, file, /A plain note/);
  await expect(app.page.getByRole('button', { name: '← Library' })).toBeVisible();
  await expect(contentsButton(app.page)).toHaveCount(0);
});

const PARTS = 21;
const PER_PART = 100;

/** A Markdown report of 2,100 paragraphs in 21 parts: long enough to be rendered in windows. */
function longMarkdown(): string {
  const out = ['# A Very Long Report', ''];
  for (let p = 1; p <= PARTS; p++) {
    out.push(`## Part ${p}`, '');
    for (let i = 1; i <= PER_PART; i++) {
      out.push(
        `Part ${p}, paragraph ${i} opens here. The committee heard evidence on the state of the canals, the price of coal and the condition of the roads in winter.`,
        '',
      );
    }
  }
  return out.join('\n');
}

test('in a very long document Contents jumps to a far part; a highlight there is found again from the panel and the place survives a relaunch', async () => {
  test.slow(); // a relaunch and several long renders
  const dir = await mkdtemp(join(tmpdir(), 'gloss-long-'));
  const file = join(dir, 'long-report.md');
  await writeFile(file, longMarkdown());
  app = await launchApp();
  let page = app.page;
  await importThroughUi(app, file, /A Very Long Report/);
  // Windowed: only the beginning is rendered.
  await expect(page.getByText('Part 1, paragraph 1 opens here.')).toBeVisible();
  await expect(page.getByText('Part 18, paragraph 1 opens here.')).toHaveCount(0);

  await contentsButton(page).click();
  await expect(contents(page).getByRole('button')).toHaveCount(PARTS);
  await contents(page).getByRole('button', { name: 'Part 18', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Part 18', exact: true })).toBeInViewport();
  await expect(page.getByText('Part 18, paragraph 1 opens here.')).toBeInViewport();

  await contentsButton(page).click();
  await expect(contents(page).getByRole('button', { name: 'Part 18', exact: true })).toHaveAttribute(
    'aria-current',
    'location',
  );
  await page.keyboard.press('Escape');

  // Highlight a passage there, with the mouse.
  await dragSelect(page, 'Part 18, paragraph 3 opens', 'opens here.');
  await toolbar(page).getByRole('button', { name: 'Highlight green' }).click();
  const mark = marks(page).filter({ hasText: 'Part 18, paragraph 3 opens here.' });
  await expect(mark).toHaveCount(1);
  await expect(
    panel(page).getByRole('button', { name: /Go to highlight: Part 18, paragraph 3 opens here\./ }),
  ).toBeVisible();

  // Back at the top the highlight's part is not rendered at all; the panel brings it back.
  await page.locator('.reader-scroll').evaluate((el) => {
    el.scrollTop = 0;
  });
  await expect(page.getByText('Part 1, paragraph 1 opens here.')).toBeInViewport();
  await expect(marks(page)).toHaveCount(0);
  await panel(page)
    .getByRole('button', { name: /Go to highlight: Part 18, paragraph 3 opens here\./ })
    .click();
  await expect(mark).toBeInViewport();

  // The place is saved shortly after scrolling stops; a relaunch reopens the article there.
  await expect
    .poll(() =>
      page.evaluate(() => window.gloss.getSettings().then((s) => Math.max(0, ...Object.values(s.scroll)))),
    )
    .toBeGreaterThan(16 / PARTS);
  const dataDir = app.dataDir;
  await app.close();

  app = await launchApp({ dataDir });
  page = app.page;
  await expect(page.getByRole('article', { name: 'A Very Long Report' })).toBeVisible();
  await expect(page.getByRole('article').getByText('Part 18, paragraph 4 opens here.')).toBeInViewport();
  await expect(marks(page).filter({ hasText: 'Part 18, paragraph 3 opens here.' })).toBeInViewport();
  expect(app.errors).toEqual([]);
});
