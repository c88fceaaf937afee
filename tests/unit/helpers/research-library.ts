/**
 * Issue 10's library: the sample plus a dozen real articles as a reader collects them — six saved web
 * pages, three texts, a Markdown briefing, an EPUB and a PDF — and the passages marked across them.
 * Shared by the research journey's e2e spec and its `gloss` test.
 */
import { cp, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { linkedEpub } from './linked-epub';
import { buildPdf, samplePaper, typesetPaper } from './pdf-builder';

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures');

/** The title of the article the journey searches, edits and cites. */
export const FLOOD = 'River towns brace for record flood';

/** Twelve files, copied or written into `dir`; answers their paths. */
export async function twelveFiles(dir: string): Promise<string[]> {
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
export const PASSAGES = [
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

/** The tags column of a CSV export of the library, sorted: as marked, then after `claim` is renamed `claims/official`. */
export const CSV_TAGS = ['claim', 'claim', 'claim', 'claim/disputed', 'claim; flood', 'evidence'];
export const CSV_TAGS_RENAMED = [
  'claims/official',
  'claims/official',
  'claims/official',
  'claims/official/disputed',
  'claims/official; flood',
  'evidence',
];
