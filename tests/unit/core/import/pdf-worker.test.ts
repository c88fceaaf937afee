/**
 * pdf.js reads a PDF in a worker thread: the importing thread (the app's main
 * process) keeps turning meanwhile, a PDF that takes longer than the limit is
 * stopped by ending that thread, and a thread that runs out of memory is an
 * import error. Nothing is imported in either case.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Worker } from 'node:worker_threads';
import { GlossError } from '@core/errors';
import { importSource } from '@core/import/index';
import { parsePdfFile } from '@core/import/pdf';
import { buildPdf, rawPdf, samplePaper, typesetPaper } from '../../helpers/pdf-builder';

async function rejection(promise: Promise<unknown>): Promise<GlossError> {
  try {
    await promise;
  } catch (err) {
    assert.ok(err instanceof GlossError, `expected a GlossError, got ${String(err)}`);
    return err;
  }
  assert.fail('the import succeeded');
}

const paper = () => buildPdf(typesetPaper(samplePaper(24)).pages);

/** One page whose content stream is a long run of drawing operators, then a sentence: slow for pdf.js to get through. */
function heavyPage(operators: number): Uint8Array {
  const content = `${'0 0 m 1 1 l S\n'.repeat(operators)}BT /F1 10 Tf 72 700 Td (The only sentence.) Tj ET`;
  return rawPdf([
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ]);
}

describe('PDF import in a worker thread', () => {
  it('keeps the importing thread’s event loop turning while pdf.js reads a heavy page', async () => {
    await importSource({ bytes: paper(), fileName: 'warm.pdf' }); // pdf.js loaded: what follows is the reading alone
    let ticks = 0;
    let done = false;
    const tick = () => {
      ticks++;
      if (!done) setImmediate(tick);
    };
    setImmediate(tick);
    const { article } = await importSource({ bytes: heavyPage(400_000), fileName: 'heavy.pdf' });
    done = true;
    assert.deepEqual(
      article.blocks.map((b) => b.text),
      ['heavy', 'The only sentence.'],
    );
    // On the importing thread, pdf.js holds it for the whole page: a handful of turns at most.
    assert.ok(ticks > 1000, `the event loop turned ${ticks} times during the import`);
  });

  it('stops a PDF that takes longer than the limit by ending its worker, says so, and reads the next one', async () => {
    let worker: Worker | undefined;
    let exited = false;
    const slow = parsePdfFile(
      { bytes: heavyPage(400_000), fileName: 'slow.pdf' },
      {
        timeLimitMs: 1,
        onWorker: (w) => {
          worker = w;
          w.once('exit', () => (exited = true));
        },
      },
    );
    const err = await rejection(slow);
    assert.equal(err.code, 'TOO_LARGE');
    assert.match(err.message, /^“slow\.pdf” took longer than 0 s to read, so it was not imported\.$/);
    assert.ok(worker, 'a worker read the file');
    assert.ok(exited, 'the worker has ended by the time the import fails');
    const next = await parsePdfFile({ bytes: paper(), fileName: 'next.pdf' });
    assert.ok(next.blocks.length > 10);
  });

  it('refuses a PDF whose reading needs more memory than the worker is given, and reads the next one', async () => {
    const err = await rejection(parsePdfFile({ bytes: paper(), fileName: 'big.pdf' }, { memoryLimitMb: 2 }));
    assert.equal(err.code, 'TOO_LARGE');
    assert.match(
      err.message,
      /^“big\.pdf” needed more than 2 MB of memory to read, so it was not imported\.$/,
    );
    const next = await parsePdfFile({ bytes: paper(), fileName: 'next.pdf' });
    assert.ok(next.blocks.length > 10);
  });
});
