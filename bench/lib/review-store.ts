/**
 * A data folder holding one article with 1,000 highlights waiting for review:
 * a 50,000-word text (1,000 paragraphs of 50 words) with one highlight of seven
 * words in each paragraph, then its new version in which one word of every
 * highlighted passage was changed — imported again through the service, so
 * detection, re-anchoring and the review are the real ones. The article is the
 * last one opened, so the app reopens it at start.
 */
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createGloss } from '@core/service';
import { RandomText } from './random-text';

export const REVIEW_ITEMS = 1_000;
const WORDS_PER_PARAGRAPH = 50;
const TITLE = 'Budget hearings, day three';

export interface ReviewStore {
  dataDir: string;
  articleId: string;
  inReview: number;
}

/** `items`: how many paragraphs, highlights and items to review (the e2e spec uses fewer). */
export async function reviewStore(items = REVIEW_ITEMS): Promise<ReviewStore> {
  const rt = new RandomText(0x5e71e3);
  const paragraphs = Array.from({ length: items }, () =>
    Array.from({ length: WORDS_PER_PARAGRAPH }, () => rt.word()),
  );
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'gloss-bench-review-'));
  const emptySeeds = await mkdtemp(path.join(os.tmpdir(), 'gloss-bench-noseeds-'));
  const gloss = await createGloss({ dataDir, seedsDir: emptySeeds });
  try {
    const text = (ps: string[][]) => ps.map((p) => p.join(' ') + '.').join('\n\n');
    const first = await gloss.importText({ text: text(paragraphs), title: TITLE });
    const articleId = first.imported[0]?.id;
    if (!articleId) throw new Error(`the review article was not imported: ${JSON.stringify(first.failed)}`);
    const article = await gloss.getArticle({ id: articleId });
    const blocks = article.blocks.filter((b) => b.kind === 'paragraph');
    if (blocks.length !== items) throw new Error(`expected ${items} paragraphs, got ${blocks.length}`);
    // Words 10..16 of each paragraph.
    for (const b of blocks) {
      const words = [...b.text.matchAll(/\S+/g)];
      const start = b.start + words[10].index!;
      const end = b.start + words[16].index! + words[16][0].length;
      await gloss.createAnnotation({ articleId, start, end, color: 'yellow', tags: [], note: '' });
    }
    // The new version: word 13 of every paragraph (inside each passage) changed by two letters.
    const edited = paragraphs.map((p) => p.map((w, i) => (i === 13 ? `${w}es` : w)));
    const second = await gloss.importText({ text: text(edited), title: TITLE });
    if (!second.versions?.length) throw new Error('the edited text was not taken as a new version');
    const { inReview } = await gloss.listVersions({ articleId });
    if (inReview !== items) throw new Error(`expected ${items} to review, got ${inReview}`);
    await gloss.updateSettings({ lastArticleId: articleId });
    return { dataDir, articleId, inReview };
  } finally {
    await gloss.close();
  }
}
