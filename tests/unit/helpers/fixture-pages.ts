/** The saved pages in tests/fixtures/pages, each imported from a fresh temp copy (with its _files folder). */
import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Block } from '@core/document/types';
import { importSource, type Imported } from '@core/import/index';
import type { ImportInput } from '@core/import/types';

export const PAGES_DIR = path.join(
  path.dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  'fixtures',
  'pages',
);

export function fixturePage(name: string): ImportInput {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'gloss-page-'));
  cpSync(PAGES_DIR, dir, { recursive: true });
  const filePath = path.join(dir, name);
  return { bytes: readFileSync(filePath), filePath, fileName: name };
}

export const importFixturePage = (name: string): Promise<Imported> => importSource(fixturePage(name));

export const blockOf = <K extends Block['kind']>(imported: Imported, kind: K, text: string | RegExp) => {
  const b = imported.article.blocks.find(
    (x): x is Extract<Block, { kind: K }> =>
      x.kind === kind && (typeof text === 'string' ? x.text.startsWith(text) : text.test(x.text)),
  );
  if (!b) throw new Error(`no ${kind} block ${String(text)}`);
  return b;
};

/** The words a link covers. */
export const linked = (b: Block): Array<[string, string]> =>
  (b.links ?? []).map((l) => [b.text.slice(l.start, l.end), l.href]);
