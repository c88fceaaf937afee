/** Synthetic articles and annotations in Gloss's own shapes, built fast from seeded text. */
import { buildArticle } from '@core/document/build';
import { describeRange } from '@core/anchoring/describe';
import type { Article, BlockInput } from '@core/document/types';
import type { Annotation, Color } from '@core/annotations/types';
import { COLORS } from '@core/annotations/types';
import { RandomText } from './random-text';

const BASE_TIME = Date.UTC(2025, 0, 1);

/** An article of about `words` words: title, standfirst, paragraphs with an occasional heading and caption. */
export function syntheticArticle(rt: RandomText, n: number, words: number, wordsPerParagraph = 90): Article {
  const title = rt.sentence(6).replace(/[.?!]$/, '');
  const blocks: BlockInput[] = [
    { kind: 'title', text: title },
    { kind: 'standfirst', text: rt.sentence(20) },
  ];
  let count = 0;
  let p = 0;
  while (count < words) {
    if (p > 0 && p % 40 === 0)
      blocks.push({ kind: 'heading', level: 2, text: rt.sentence(5).replace(/[.?!]$/, '') });
    if (p % 25 === 3) blocks.push({ kind: 'caption', text: rt.sentence(12) });
    const k = Math.min(words - count, Math.max(20, wordsPerParagraph - 30 + rt.int(60)));
    blocks.push({ kind: 'paragraph', text: rt.paragraph(k) });
    count += k;
    p++;
  }
  const importedAt = new Date(BASE_TIME + n * 60_000).toISOString();
  return buildArticle(
    blocks,
    { title, source: 'Bench Daily', format: 'text', importedAt, published: importedAt.slice(0, 10) },
    `bench-article-${n}-${words}`,
  );
}

/**
 * `count` annotations on `article`, spread evenly over its text, each a few
 * words long and starting and ending on word boundaries, never overlapping.
 */
export function syntheticAnnotations(rt: RandomText, article: Article, count: number, n0 = 0): Annotation[] {
  const text = article.text;
  const out: Annotation[] = [];
  const stride = text.length / count;
  for (let i = 0; i < count; i++) {
    let start = Math.floor(i * stride + rt.int(Math.max(1, Math.floor(stride / 3))));
    while (start < text.length && /\s/.test(text[start])) start++;
    while (start > 0 && /\S/.test(text[start - 1])) start--;
    let end = Math.min(text.length, start + 15 + rt.int(Math.max(1, Math.min(120, Math.floor(stride / 2)))));
    while (end < text.length && /\S/.test(text[end])) end++;
    const exact = text.slice(start, end);
    if (exact.trim() === '' || end <= start) continue;
    // Stay inside one block more often than not, as readers do; crossing is allowed.
    const { quote, position } = describeRange(text, start, end);
    const at = new Date(BASE_TIME + (n0 + i) * 1000).toISOString();
    out.push({
      id: rt.uuid(),
      articleId: article.id,
      target: { source: article.id, quote, position },
      color: COLORS[(n0 + i) % COLORS.length] as Color,
      tags: i % 3 === 0 ? [rt.word(), rt.word()] : i % 3 === 1 ? [rt.word()] : [],
      note: i % 2 === 0 ? rt.sentence() : '',
      created: at,
      modified: at,
    });
  }
  return out;
}
