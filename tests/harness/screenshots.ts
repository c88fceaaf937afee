/**
 * `npm run screenshots`: the app through the e2e harness, photographed into
 * docs/screenshots/ — the library, the reader with highlights in several
 * colours (one in a photo caption), the panel with tags and notes, the
 * notebook of every passage and the tag manager (light and dark).
 * `--only notebook,tags` takes just those (the others are not rewritten).
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { ensureRendererBuilt, launchApp, ROOT, type GlossApp } from './launchApp';
import { createPassages, SECOND_ARTICLE, type PassageSpec } from './passages';

const OUT = process.env.GLOSS_SCREENSHOTS_DIR ?? join(ROOT, 'docs', 'screenshots');

const EXTRA_ARTICLES = [
  SECOND_ARTICLE,
  {
    title: 'Notes on the margins of old books',
    text:
      'Notes on the margins of old books\n\n' +
      'Marginalia tell us how a text was read, not only what it said. A pencilled question mark can outlive the argument it doubted.',
  },
];

/** The sample article, looked for in its body: one quote is repeated in the standfirst. */
const ON_SAMPLE = { article: "'The enduring defeat", inBody: true };

/** On the sample: paragraphs and a photo caption, in every colour. */
const HIGHLIGHTS: PassageSpec[] = [
  {
    ...ON_SAMPLE,
    quote: "the enduring defeat of ISIS in Syria and Iraq remains the Coalition's top priority",
    color: 'yellow',
    tags: ['claim'],
    note: 'The headline claim — compare with the January statement.',
  },
  {
    ...ON_SAMPLE,
    quote: 'The Immediate Response Force is being deployed to Baghdad',
    color: 'blue',
    tags: ['photo', 'deployment'],
  },
  {
    ...ON_SAMPLE,
    quote: "counter Daesh/ISIS's global branches and networks",
    color: 'green',
    tags: ['strategy'],
  },
  {
    ...ON_SAMPLE,
    quote: 'We will use all available tools in the pursuit of that goal',
    color: 'pink',
    tags: ['quote'],
    note: 'Repeated in the standfirst.',
  },
  {
    ...ON_SAMPLE,
    quote: 'the continuing threat the terrorist group poses in the region and beyond',
    color: 'purple',
    tags: ['threat'],
    note: 'Success and threat in the same sentence.',
  },
];

/** More passages, on the other articles, under nested tags: what the notebook and the tag manager show. */
const MORE_HIGHLIGHTS: PassageSpec[] = [
  {
    article: 'Reading slowly',
    quote: 'Close reading is less a technique than a habit of attention',
    color: 'green',
    tags: ['claim/method', 'reading'],
    note: 'The thesis, in one line.',
  },
  {
    article: 'Reading slowly',
    quote: 'Margins were the first annotation software',
    color: 'yellow',
    tags: ['claim', 'history'],
  },
  {
    article: 'Notes on the margins',
    quote: 'Marginalia tell us how a text was read, not only what it said',
    color: 'blue',
    tags: ['claim/method', 'history/books'],
  },
  {
    article: 'Notes on the margins',
    quote: 'A pencilled question mark can outlive the argument it doubted',
    color: 'pink',
    tags: ['quote'],
    note: 'Use as an epigraph?',
  },
];

const ONLY = (() => {
  const i = process.argv.indexOf('--only');
  return i >= 0 ? new Set(process.argv[i + 1]?.split(',')) : null;
})();
const wanted = (name: string) => !ONLY || ONLY.has(name);

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
    await createPassages(page, HIGHLIGHTS);
    await page.reload();
    await page.getByRole('list', { name: 'Articles' }).waitFor();
    if (wanted('library')) await page.screenshot({ path: join(OUT, 'library.png') });
    if (wanted('reader')) await readerShots(page);
    if (wanted('notebook') || wanted('tags')) await workspaceShots(app);
    if (app.errors.length) console.warn(app.errors.join('\n'));
    console.log(`Screenshots written to ${OUT}`);
  } finally {
    await app.close();
  }
}

/** Until the animations and transitions running in the page have finished (not the caret's endless blink), and two frames more. */
async function settled(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const ending = document.getAnimations().filter((a) => a.effect?.getComputedTiming().endTime !== Infinity);
    await Promise.all(ending.map((a) => a.finished.catch(() => undefined)));
    await new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok)));
  });
}

/** The reader, its panel and editor, in light, sepia and dark. */
async function readerShots(page: Page): Promise<void> {
  await page.getByRole('button', { name: /^Open .*The enduring defeat/ }).click();
  await page.getByRole('article').waitFor();
  await page.locator('.reader-scroll').evaluate((el) => {
    const caption = el.querySelector('figure');
    el.scrollTop = caption ? (caption as HTMLElement).offsetTop - 140 : 0;
  });
  await page.mouse.move(5, 5);
  await settled(page);
  await page.screenshot({ path: join(OUT, 'reader.png') });

  // The panel with tags and notes, and a highlight's editor open.
  await page.getByRole('button', { name: /Go to highlight: the continuing threat/ }).click();
  await page.locator('article mark.hl.flash').first().waitFor();
  await settled(page); // the flash faded
  await page.locator('article mark.hl-purple').first().click();
  await page.getByRole('dialog', { name: 'Edit highlight' }).waitFor();
  await page.screenshot({ path: join(OUT, 'panel.png') });

  await page.keyboard.press('Escape');
  for (const theme of ['Sepia', 'Dark'] as const) {
    await page.getByRole('radio', { name: theme }).click();
    await page.waitForFunction((t) => document.documentElement.dataset.theme === t, theme.toLowerCase());
    await settled(page);
    await page.screenshot({ path: join(OUT, `reader-${theme.toLowerCase()}.png`) });
  }
  await page.getByRole('radio', { name: 'Light' }).click();
  await page.getByRole('button', { name: '← Library' }).click();
}

/** The notebook (two passages selected, one being edited) and the tag manager (nested tags, two checked); light and dark. */
async function workspaceShots(app: GlossApp): Promise<void> {
  const { page } = app;
  await createPassages(page, MORE_HIGHLIGHTS);
  // Made behind the renderer's back (no view can add them so): a reload shows them, as after a restart
  // (which reopens the last article: back to the library from there).
  await page.reload();
  const back = page.getByRole('button', { name: '← Library' });
  await back
    .or(page.getByRole('navigation', { name: 'Views' }))
    .first()
    .waitFor();
  if (await back.isVisible()) await back.click();
  await page.getByRole('navigation', { name: 'Views' }).waitFor();
  // As the View menu does it.
  const theme = async (name: 'Light' | 'Dark') => {
    const t = name.toLowerCase();
    await app.emit({ type: 'command', command: `theme-${t}` as 'theme-light' });
    await page.waitForFunction((x) => document.documentElement.dataset.theme === x, t);
  };
  for (const t of ['Light', 'Dark'] as const) {
    await theme(t);
    const suffix = t === 'Dark' ? '-dark' : '';
    if (wanted('notebook')) {
      await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Notebook' }).click();
      await page.getByRole('list', { name: 'Passages' }).locator('li').first().waitFor();
      await page.getByRole('checkbox', { name: /Select passage: Close reading/ }).check();
      await page.getByRole('checkbox', { name: /Select passage: Marginalia/ }).check();
      await page.getByRole('button', { name: /Edit tags and note: A pencilled/ }).click();
      await page.mouse.move(5, 5);
      await page.screenshot({ path: join(OUT, `notebook${suffix}.png`) });
      await page.keyboard.press('Escape');
      await page.keyboard.press('Escape');
    }
    if (wanted('tags')) {
      await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Tags' }).click();
      await page.getByRole('list', { name: 'Tags' }).locator('li').first().waitFor();
      await page.getByRole('checkbox', { name: 'Select tag quote', exact: true }).check();
      await page.getByRole('checkbox', { name: 'Select tag history', exact: true }).check();
      await page.mouse.move(5, 5);
      await page.screenshot({ path: join(OUT, `tags${suffix}.png`) });
      await page.getByRole('button', { name: 'Clear selection' }).click();
    }
  }
  await theme('Light');
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
