/** A large article and its numbered versions, for the version store tests. */
import { buildArticle } from '@core/document/build';
import type { Article } from '@core/document/types';
import type { Annotation } from '@core/annotations/types';
import { describeRange } from '@core/anchoring/describe';

const PARAGRAPHS = 2000;

function paragraphs(): string[] {
  return Array.from(
    { length: PARAGRAPHS },
    (_, i) =>
      `Paragraph ${i} reports that the council met on day ${i} and agreed item ${i * 7} of the plan, after a long debate about funding ${i % 13}.`,
  );
}

function build(lead: string | null, source: string): Article {
  const blocks = [
    { kind: 'title' as const, text: 'The long council report' },
    ...(lead ? [{ kind: 'paragraph' as const, text: lead }] : []),
    ...paragraphs().map((text) => ({ kind: 'paragraph' as const, text })),
  ];
  return buildArticle(
    blocks,
    { title: 'The long council report', source: 'Test Source', format: 'text' },
    source,
  );
}

export function versionedBase(): Article {
  return build(null, 'versioned-base');
}

/** Version n: an "Update n" paragraph (its length varies with n) above the same report. */
export function versionArticle(n: number): Article {
  return build(`Update ${n}: ${'revised '.repeat(1 + (n % 5))}figures.`, `versioned-${n}`);
}

export function versionedAnnotations(article: Article): Annotation[] {
  return Array.from({ length: 200 }, (_, i) => {
    const words = `agreed item ${i * 10 * 7} of the plan`;
    const start = article.text.indexOf(words);
    const { quote, position } = describeRange(article.text, start, start + words.length);
    return {
      id: `v-${i}`,
      articleId: article.id,
      target: { source: article.id, quote, position },
      color: 'yellow' as const,
      tags: [],
      note: `note ${i}`,
      created: '2026-01-01T00:00:00.000Z',
      modified: '2026-01-01T00:00:00.000Z',
    };
  });
}
