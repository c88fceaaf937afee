import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CaptionBlock } from '@core/document/types';
import { MAX_IMAGE_SIDE_PX } from '@core/import/image-assets';
import { importSource } from '@core/import/index';
import { importFixturePage } from '../../helpers/fixture-pages';
import { png } from '../../helpers/png';

const PARAGRAPH =
  '<p>The north quay was rebuilt over the winter, and the first boats tied up there again on Monday.</p>';

/** The stored figures of a page holding `figures` (markup), imported as a file would be. */
async function figuresOf(figures: string): Promise<CaptionBlock[]> {
  const html = `<!DOCTYPE html><html><head><title>The quay</title></head><body><article><h1>The quay</h1>${PARAGRAPH.repeat(3)}${figures}</article></body></html>`;
  const { article } = await importSource({ bytes: new TextEncoder().encode(html), fileName: 'quay.html' });
  return article.blocks.filter((b): b is CaptionBlock => b.kind === 'caption' && !!b.image);
}
const dataUrl = (bytes: Uint8Array, mime = 'image/png') =>
  `data:${mime};base64,${Buffer.from(bytes).toString('base64')}`;
const sizeOf = (f: CaptionBlock | undefined) => f?.image && [f.image.width, f.image.height];

/** A BMP header Gloss accepts as a picture but reads no size from: the markup's size is all there is. */
const BMP = new Uint8Array([0x42, 0x4d, ...new Array(60).fill(0)]);

describe('The size of an imported picture', () => {
  it('is read from the stored file’s header, so the reader can reserve its box', async () => {
    const { article } = await importFixturePage('harbour-courier.html');
    const quay = article.blocks.find(
      (b): b is CaptionBlock => b.kind === 'caption' && b.text.startsWith('Crew members gathered'),
    );
    assert.deepEqual(sizeOf(quay), [120, 80]);
  });

  it('is the header’s, not the markup’s, when they disagree (a page scaling its picture down)', async () => {
    const [f] = await figuresOf(
      `<figure><img src="${dataUrl(png(640, 480))}" width="320" height="100"><figcaption>The quay.</figcaption></figure>`,
    );
    assert.deepEqual(sizeOf(f), [640, 480]);
  });

  it('is the markup’s width and height when the file’s header does not say', async () => {
    const [f] = await figuresOf(
      `<figure><img src="${dataUrl(BMP, 'image/bmp')}" width="300" height="200px"><figcaption>The quay.</figcaption></figure>`,
    );
    assert.deepEqual(sizeOf(f), [300, 200]);
  });

  it('is unknown when neither says: no "100%", "auto", negative, partial or absurd size is kept', async () => {
    for (const attrs of [
      'width="100%" height="50%"',
      'width="auto" height="auto"',
      'width="-300" height="200"',
      'width="300"',
      `width="${MAX_IMAGE_SIDE_PX + 1}" height="200"`,
      'width="9999999999999" height="1e9"',
    ]) {
      const [f] = await figuresOf(
        `<figure><img src="${dataUrl(BMP, 'image/bmp')}" ${attrs}><figcaption>The quay.</figcaption></figure>`,
      );
      assert.deepEqual(sizeOf(f), [undefined, undefined], attrs);
    }
  });

  it('damaged: a picture cut short inside its header keeps the markup’s size, or none', async () => {
    const cut = png(640, 480).subarray(0, 20);
    const [f] = await figuresOf(
      `<figure><img src="${dataUrl(cut)}" width="320" height="240"><figcaption>The quay.</figcaption></figure>`,
    );
    assert.deepEqual(sizeOf(f), [320, 240]);
  });

  it('hostile: a header claiming a picture billions of pixels wide is not believed (the markup’s size stays)', async () => {
    const liar = Buffer.from(png(64, 64));
    liar.writeUInt32BE(0x7fffffff, 16);
    liar.writeUInt32BE(0x7fffffff, 20);
    const [f] = await figuresOf(
      `<figure><img src="${dataUrl(liar)}" width="64" height="64"><figcaption>The quay.</figcaption></figure>`,
    );
    assert.deepEqual(sizeOf(f), [64, 64]);
  });
});
