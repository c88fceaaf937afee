/**
 * `npm run screenshots`: the app through the e2e harness, photographed into
 * docs/screenshots/ — the library, the reader with highlights in several
 * colours (one in a photo caption), and the panel with tags and notes.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Color } from '../../main/core/contract';
import { ensureRendererBuilt, launchApp, ROOT } from './launchApp';

const OUT = join(ROOT, 'docs', 'screenshots');

const EXTRA_ARTICLES = [
  {
    title: 'Reading slowly in a fast century',
    text:
      'Reading slowly in a fast century\n\n' +
      'Close reading is less a technique than a habit of attention: the second pass over a paragraph finds what the first one skimmed.\n\n' +
      'Margins were the first annotation software. Readers underlined, argued and cross-referenced long before anyone wrote a line of code.',
  },
  {
    title: 'Notes on the margins of old books',
    text:
      'Notes on the margins of old books\n\n' +
      'Marginalia tell us how a text was read, not only what it said. A pencilled question mark can outlive the argument it doubted.',
  },
];

const HIGHLIGHTS: { quote: string; color: Color; tags: string[]; note?: string }[] = [
  {
    quote: "the enduring defeat of ISIS in Syria and Iraq remains the Coalition's top priority",
    color: 'yellow',
    tags: ['claim'],
    note: 'The headline claim — compare with the January statement.',
  },
  { quote: 'The Immediate Response Force is being deployed to Baghdad', color: 'blue', tags: ['photo', 'deployment'] },
  { quote: "counter Daesh/ISIS's global branches and networks", color: 'green', tags: ['strategy'] },
  { quote: 'We will use all available tools in the pursuit of that goal', color: 'pink', tags: ['quote'], note: 'Repeated in the standfirst.' },
  {
    quote: 'the continuing threat the terrorist group poses in the region and beyond',
    color: 'purple',
    tags: ['threat'],
    note: 'Success and threat in the same sentence.',
  },
];

async function main(): Promise<void> {
  await ensureRendererBuilt();
  await mkdir(OUT, { recursive: true });
  const app = await launchApp({ viewport: { width: 1360, height: 900 }, deviceScaleFactor: 1 });
  const { page } = app;
  try {
    await page.evaluate(async (extra) => {
      for (const a of extra) await window.gloss.importText({ text: a.text, title: a.title });
    }, EXTRA_ARTICLES);
    await page.reload();
    await page.getByRole('list', { name: 'Articles' }).waitFor();

    // Highlights on the sample, through the same bridge the UI uses.
    await page.evaluate(async (highlights) => {
      const list = await window.gloss.listArticles();
      const seed = list.find((a) => a.title.includes('enduring defeat'))!;
      const article = await window.gloss.getArticle({ id: seed.id });
      for (const h of highlights) {
        // Search the body (after the standfirst) so quotes land in paragraphs and captions.
        const from = article.blocks.find((b) => b.kind !== 'title' && b.kind !== 'standfirst')!.start;
        const start = article.text.indexOf(h.quote, from);
        if (start < 0) throw new Error(`Quote not found: ${h.quote}`);
        await window.gloss.createAnnotation({ articleId: article.id, start, end: start + h.quote.length, color: h.color, tags: h.tags, note: h.note ?? '' });
      }
    }, HIGHLIGHTS);
    await page.reload();
    await page.getByRole('list', { name: 'Articles' }).waitFor();
    await page.screenshot({ path: join(OUT, 'library.png') });

    await page.getByRole('button', { name: /^Open .*The enduring defeat/ }).click();
    await page.getByRole('article').waitFor();
    await page.locator('.reader-scroll').evaluate((el) => {
      const caption = el.querySelector('figure');
      el.scrollTop = caption ? (caption as HTMLElement).offsetTop - 140 : 0;
    });
    await page.mouse.move(5, 5);
    await page.waitForTimeout(200);
    await page.screenshot({ path: join(OUT, 'reader.png') });

    // The panel with tags and notes, and a highlight's editor open.
    await page.getByRole('button', { name: /Go to highlight: the continuing threat/ }).click();
    await page.waitForTimeout(1700); // let the flash fade
    await page.locator('article mark.hl-purple').first().click();
    await page.getByRole('dialog', { name: 'Edit highlight' }).waitFor();
    await page.screenshot({ path: join(OUT, 'panel.png') });

    await page.keyboard.press('Escape');
    await page.getByRole('radio', { name: 'Sepia' }).click();
    await page.waitForTimeout(300);
    await page.screenshot({ path: join(OUT, 'reader-sepia.png') });
    await page.getByRole('radio', { name: 'Dark' }).click();
    await page.waitForTimeout(300);
    await page.screenshot({ path: join(OUT, 'reader-dark.png') });
    if (app.errors.length) console.warn(app.errors.join('\n'));
    console.log(`Screenshots written to ${OUT}`);
  } finally {
    await app.close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
