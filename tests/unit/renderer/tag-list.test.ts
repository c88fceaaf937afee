/**
 * The renderer's one list of the library's tags (ui/tagList.ts): every view
 * that shows tags reads it, and main is asked once per change, not once per
 * view. Driven against a real service over a temp folder, through the same
 * bridge and dispatch as the app, counting the listTags requests that cross;
 * a request can be held on its way to show what a change meanwhile does.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { GlossService } from '@core/service';
import { rendererBridge, type RendererBridge } from '../helpers/renderer-bridge';

describe('the renderer’s tag list', () => {
  let bridge: RendererBridge;
  let service: GlossService;
  let articleId: string;
  let asked = 0;
  let hold: Promise<void> | null = null;
  let failing = false;
  let list: typeof import('../../../renderer/src/ui/tagList');

  before(async () => {
    bridge = await rendererBridge('tag-list', async (channel) => {
      if (channel !== 'listTags') return;
      asked++;
      if (hold) await hold;
      if (failing) throw new Error('main is gone');
    });
    service = bridge.service;
    list = await import('../../../renderer/src/ui/tagList');
    [{ id: articleId }] = await service.listArticles();
  });
  after(() => bridge.close());

  const counts = () => Object.fromEntries(list.tagListStore.get().tags.map((t) => [t.tag, t.count]));
  const tag = async (tags: string[]) => {
    const { text } = await service.getArticle({ id: articleId });
    const start = text.indexOf(' ') + 1;
    await service.createAnnotation({ articleId, start, end: start + 4, color: 'yellow', tags, note: '' });
  };

  it('asks main once however many views want the list at once, and not again while nothing changed', async () => {
    await tag(['claim']);
    asked = 0;
    await Promise.all([list.ensureTags(), list.ensureTags(), list.ensureTags()]);
    assert.equal(asked, 1);
    assert.deepEqual(counts(), { claim: 1 });
    await list.ensureTags(); // the next view shown
    assert.equal(asked, 1);
  });

  it('asks once after a change, and the counts follow', async () => {
    asked = 0;
    await tag(['claim', 'source']);
    list.tagsChanged();
    await list.ensureTags(); // the request on its way, and any asked after it
    assert.equal(asked, 1);
    assert.deepEqual(counts(), { claim: 2, source: 1 });
  });

  it('asks once more after changes made while a request was on its way, never keeping the counts from before them', async () => {
    asked = 0;
    let release!: () => void;
    hold = new Promise<void>((ok) => (release = ok));
    list.tagsChanged(); // a first change: asked at once, held on its way
    await tag(['claim']);
    list.tagsChanged(); // two more while it is held: one request after it, not two
    await tag(['claim']);
    list.tagsChanged();
    const done = list.ensureTags();
    hold = null;
    release();
    await done;
    await list.ensureTags(); // the request on its way, and any asked after it
    assert.equal(asked, 2);
    assert.deepEqual(counts(), { claim: 4, source: 1 });
  });

  it('a request that fails is asked again at the next use', async () => {
    asked = 0;
    failing = true;
    list.tagsChanged();
    await assert.rejects(list.ensureTags(), /main is gone/);
    failing = false;
    await list.ensureTags();
    assert.equal(asked, 2);
    assert.deepEqual(counts(), { claim: 4, source: 1 });
  });
});
