import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { JSDOM } from 'jsdom';
import type { CaptionBlock } from '@core/document/types';
import { captionWorthy, isDecorativeImage } from '@core/import/html-figures';
import { imageSize } from '@core/import/image-assets';
import { importFixturePage } from '../../helpers/fixture-pages';
import { png } from '../../helpers/png';

const img = (attrs: string): Element => new JSDOM(`<img ${attrs}>`).window.document.querySelector('img')!;

describe('Figures of an imported page', () => {
  it('stay in their place among the paragraphs, with caption, credit and the stored picture', async () => {
    const { article, assets } = await importFixturePage('harbour-courier.html');
    const kinds = article.blocks.map((b) => b.kind);
    const lead = article.blocks.findIndex((b) => b.text.startsWith('Crew members gathered'));
    assert.equal(kinds[lead - 1], 'paragraph');
    assert.ok(article.blocks[lead - 1].text.startsWith('Crews on the island ferries'));
    const cap = article.blocks[lead] as CaptionBlock;
    assert.equal(cap.credit, 'Ann Byrne/Harbour Courier');
    assert.ok(cap.image && assets.has(cap.image.asset));
  });

  it('of a saved page whose pictures are on the web are placeholders with their address, and a warning says so', async () => {
    const { article, warnings } = await importFixturePage('harbour-courier.html');
    const queue = article.blocks.find(
      (b) => b.text === 'Cars queue at the terminal on Tuesday morning',
    ) as CaptionBlock;
    assert.equal(queue.kind, 'caption');
    assert.equal(queue.imageUrl, 'https://images.harbourcourier.example/2024/03/terminal-queue.jpg');
    assert.equal(queue.image, undefined);
    assert.match(warnings.join('\n'), /2 pictures of the page are on the web and were not downloaded/);
  });

  it('keep no file name, alt default or credit alone as a caption', async () => {
    const { article } = await importFixturePage('harbour-courier.html');
    const figures = article.blocks.filter((b): b is CaptionBlock => b.kind === 'caption');
    assert.ok(
      !figures.some((f) => /0225-ferry-getty-01|update_graphic_red_bar/.test(f.text + (f.image?.alt ?? ''))),
    );
    const getty = figures.find((f) => f.credit === 'Getty Images');
    assert.ok(getty, 'the credit is kept as a credit');
    assert.equal(getty.text, '', 'a credit alone is not a caption');
    assert.ok(getty.image);
    const slug = figures.find((f) => f.imageUrl?.endsWith('0225-ferry-getty-01.jpg'));
    assert.equal(slug?.text, '', 'the picture stays, without the file name as its caption');
  });

  it('are never tracking pixels, spacers or icons', async () => {
    const { article, assets } = await importFixturePage('harbour-courier.html');
    const all = JSON.stringify(article.blocks);
    assert.doesNotMatch(all, /pixel\.gif|share-icon|logo/);
    assert.equal(assets.size, 3, 'the quay, the harbour and the timetable: no icon is stored');
  });

  it('tell pictures from decoration by their markup', () => {
    for (const a of [
      'src="a.gif" width="1" height="1"',
      'src="photo.jpg" width="24"',
      'src="https://x.example/spacer.gif"',
      'src="https://www.facebook.com/tr?id=1&ev=PageView"',
      'src="x.png" class="wp-smiley"',
      'src="x.png" role="presentation"',
      'src="data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7"',
    ])
      assert.ok(isDecorativeImage(img(a)), a);
    for (const a of [
      'src="photo.jpg"',
      'src="photo.jpg" width="640" height="480"',
      'src="pixel-art-show.jpg"',
    ])
      assert.ok(!isDecorativeImage(img(a)), a);
  });

  it('tell a caption from a file name', () => {
    for (const t of [
      '0225-lupita-nyongo-getty-01',
      'update_graphic_red_bar',
      'IMG_2041.JPG',
      'DSC01234',
      'image',
      'Photo 3',
      'Featured image',
    ])
      assert.ok(!captionWorthy(t, 'https://x.example/a.jpg'), t);
    assert.ok(
      !captionWorthy('storm surge', 'https://x.example/storm-surge.jpg'),
      'the picture’s own file name',
    );
    for (const t of ['Sandbags on the quay at dawn.', 'Lupita Nyong’o at the premiere', 'Sunset'])
      assert.ok(captionWorthy(t, 'https://x.example/a.jpg'), t);
  });

  it('read a downloaded picture’s size from its header, and nothing from damaged bytes', () => {
    assert.deepEqual(imageSize(png(64, 48)), { width: 64, height: 48 });
    assert.equal(imageSize(png(64, 48).subarray(0, 20)), undefined);
    const gif = Buffer.from('474946383961010001000000', 'hex');
    assert.deepEqual(imageSize(Buffer.concat([gif, Buffer.alloc(8)])), { width: 1, height: 1 });
    const jpeg = Buffer.from(
      'ffd8ffe000104a46494600010100000100010000ffc0001108003000400301220002110103110100',
      'hex',
    );
    assert.deepEqual(imageSize(jpeg), { width: 64, height: 48 });
    assert.equal(imageSize(Buffer.from('ffd8ff00000000000000000000', 'hex')), undefined);
  });
});
