/**
 * `gloss import x.pdf` as a user runs it, then a highlight and an export that
 * cites its page; a locked and a damaged PDF are refused and leave nothing behind.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildPdf, paragraphText, samplePaper, typesetPaper } from '../helpers/pdf-builder';
import { glossInProcess, glossProcess } from '../helpers/run-gloss';

describe('gloss import (PDF)', () => {
  let dir: string;
  const spec = samplePaper(24);
  const { pages, partPages } = typesetPaper(spec);
  const n = 18;
  const printedOn = partPages[spec.parts.findIndex((p) => p.text === paragraphText(n))];
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'gloss-cli-pdf-'));
    await writeFile(join(dir, 'rivers.pdf'), buildPdf(pages, { info: { Author: 'Ana Lima' } }));
    await writeFile(
      join(dir, 'locked.pdf'),
      buildPdf(pages, { encrypt: { userPassword: 'secret', ownerPassword: 'owner' } }),
    );
    const whole = buildPdf(pages);
    await writeFile(join(dir, 'cut.pdf'), whole.subarray(0, whole.length / 2));
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it('imports a PDF, and a highlight in it exports citing its page', async () => {
    const data = join(dir, 'library');
    const r = await glossProcess('import', join(dir, 'rivers.pdf'), '--data-dir', data, '--json');
    assert.equal(r.code, 0, r.stderr);
    const [entry] = JSON.parse(r.stdout).imported;
    assert.equal(entry.title, spec.title);
    assert.equal(entry.format, 'pdf');

    const h = await glossInProcess(
      'highlight',
      entry.id,
      '--quote',
      `Paragraph ${n} opens the argument`,
      '--data-dir',
      data,
    );
    assert.equal(h.code, 0, h.stderr);
    const out = join(dir, 'notes.md');
    const e = await glossInProcess('export', '--format', 'md', '--out', out, '--data-dir', data);
    assert.equal(e.code, 0, e.stderr);
    assert.match(await readFile(out, 'utf8'), new RegExp(`, p\\. ${printedOn}\\n`));
  });

  it('refuses a password-protected and a damaged PDF, saying why, and imports nothing of them', async () => {
    const data = join(dir, 'library-2');
    const r = await glossInProcess(
      'import',
      join(dir, 'locked.pdf'),
      join(dir, 'cut.pdf'),
      '--data-dir',
      data,
    );
    assert.equal(r.code, 1);
    assert.match(r.stderr, /“locked\.pdf” is protected by a password/);
    assert.match(r.stderr, /“cut\.pdf” is damaged/);
    const list = await glossInProcess('list', '--data-dir', data, '--json');
    // A new library holds the sample article, and nothing of either PDF.
    assert.deepEqual(
      (JSON.parse(list.stdout) as Array<{ format: string }>).map((a) => a.format),
      ['text'],
    );
  });
});
