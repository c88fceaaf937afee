/**
 * The reader's annotations store keys each highlight locally (as Hypothesis's
 * `$tag`): a new highlight is selectable and editable before main has saved
 * it, and keeps its key once saved, so nothing is re-keyed. The list logic is
 * pure (localAnnotations.ts); the store is driven here against a real service
 * over a temp folder, through the same bridge and dispatch as the app, with
 * `createAnnotation` held on its way to main until the test lets it through.
 */
import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { GlossService } from '@core/service';
import type { Annotation } from '@core/contract';
import { gate, rendererBridge, until, type Gate, type RendererBridge } from '../helpers/renderer-bridge';
import {
  findByKey,
  fromMain,
  keyOfId,
  putLocal,
  putSaved,
  savedIdOf,
  settle,
  sorted,
  stepKey,
  toAnnotation,
  unsavedAnnotation,
  visibleAnnotations,
  withoutKey,
} from '../../../renderer/src/annotations/localAnnotations';

const saved = (id: string, start: number, end: number, extra: Partial<Annotation> = {}): Annotation => ({
  id,
  articleId: 'art',
  target: {
    source: 'art',
    quote: { type: 'TextQuoteSelector', exact: 'x', prefix: '', suffix: '' },
    position: { type: 'TextPositionSelector', start, end },
  },
  color: 'yellow',
  tags: [],
  note: '',
  created: '2026-01-01T00:00:00.000Z',
  modified: '2026-01-01T00:00:00.000Z',
  ...extra,
});

describe('the local key of a highlight in the renderer (pure list logic)', () => {
  it('keys an annotation from main by its id', () => {
    const a = fromMain(saved('a1', 0, 4));
    assert.equal(a.key, 'a1');
    assert.equal(a.unsaved, undefined);
  });

  it('gives each new highlight a fresh key before it has an id', () => {
    const one = unsavedAnnotation('art', { start: 0, end: 4, color: 'green' });
    const two = unsavedAnnotation('art', { start: 0, end: 4, color: 'green' });
    assert.notEqual(one.key, two.key);
    assert.equal(one.unsaved, true);
    assert.equal(savedIdOf([one], one.key), null, 'no id for main while unsaved');
  });

  it('keeps the key when the new highlight is saved, and then knows it by its id', () => {
    const item = unsavedAnnotation('art', { start: 5, end: 9, color: 'blue' });
    const items = settle([item], item.key, saved('real-id', 5, 9, { color: 'blue' }));
    assert.equal(items.length, 1);
    assert.equal(items[0].key, item.key);
    assert.equal(items[0].unsaved, undefined);
    assert.equal(savedIdOf(items, item.key), 'real-id');
    assert.equal(keyOfId(items, 'real-id'), item.key);
  });

  it('puts what main answers for a saved highlight under the key it already has', () => {
    const item = unsavedAnnotation('art', { start: 5, end: 9, color: 'blue' });
    const items = settle([item], item.key, saved('real-id', 5, 9));
    const after = putSaved(items, saved('real-id', 5, 9, { note: 'changed' }));
    assert.deepEqual(
      after.map((a) => [a.key, a.note]),
      [[item.key, 'changed']],
    );
  });

  it('keys an annotation main gives back after a deletion by its id', () => {
    const after = putSaved([], saved('back', 1, 2));
    assert.equal(after[0].key, 'back');
  });

  it('keeps the list in reading order', () => {
    let items = [fromMain(saved('b', 10, 20))];
    items = putLocal(items, fromMain(saved('a', 0, 5)));
    items = putLocal(items, fromMain(saved('c', 10, 30)));
    assert.deepEqual(
      items.map((a) => a.key),
      ['a', 'b', 'c'],
    );
  });

  it('puts an item where sorting the list with it last would, after those at the same place, and moves a changed one', () => {
    let seed = 7;
    const rand = (n: number) => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % n;
    let items: ReturnType<typeof fromMain>[] = [];
    for (let k = 0; k < 400; k++) {
      const start = rand(30);
      const replacing = items.length > 0 && rand(3) === 0 ? items[rand(items.length)].key : `k${k}`;
      const item = fromMain(saved(replacing, start, start + 1 + rand(4)));
      const expected = sorted([...items.filter((x) => x.key !== item.key), item]);
      items = putLocal(items, item);
      assert.deepEqual(items, expected);
    }
  });

  it('tells a gone highlight (undefined) from an unsaved one (null)', () => {
    const item = unsavedAnnotation('art', { start: 0, end: 1, color: 'pink' });
    assert.equal(savedIdOf(withoutKey([item], item.key), item.key), undefined);
  });

  it('drops the local fields before anything goes to main or into history', () => {
    const item = settle([], 'new:x', saved('id1', 0, 3))[0];
    const plain = toAnnotation(item);
    assert.ok(!('key' in plain) && !('unsaved' in plain));
    assert.deepEqual(plain, saved('id1', 0, 3));
  });

  it('steps to the next and previous highlight in reading order, wrapping round, past orphans', () => {
    const items = [
      fromMain(saved('a', 0, 5)),
      fromMain(saved('gone', 6, 7, { orphan: true })),
      fromMain(saved('b', 10, 20)),
    ];
    assert.equal(stepKey(items, null, 1), 'a');
    assert.equal(stepKey(items, null, -1), 'b');
    assert.equal(stepKey(items, 'a', 1), 'b');
    assert.equal(stepKey(items, 'b', 1), 'a');
    assert.equal(stepKey(items, 'a', -1), 'b');
    assert.equal(stepKey([], null, 1), null);
  });

  it('filters by colour and by tag, a tag covering its sub-tags', () => {
    const items = [
      fromMain(saved('a', 0, 5, { tags: ['claim/official'] })),
      fromMain(saved('b', 6, 9, { color: 'green' })),
    ];
    assert.deepEqual(
      visibleAnnotations({ items, filter: { tag: 'claim', color: '' } }).map((a) => a.key),
      ['a'],
    );
    assert.deepEqual(
      visibleAnnotations({ items, filter: { tag: '', color: 'green' } }).map((a) => a.key),
      ['b'],
    );
    assert.equal(findByKey(items, null), undefined);
  });
});

describe('the annotations store against a real service', () => {
  let bridge: RendererBridge;
  let service: GlossService;
  let articleId: string;
  /** createAnnotation is held here on its way to main while set. */
  let held: Gate | null = null;
  let store: typeof import('../../../renderer/src/annotations/annotationsStore');
  let toasts: typeof import('../../../renderer/src/app/toasts');

  before(async () => {
    bridge = await rendererBridge('annotations-store', (channel) =>
      held && channel === 'createAnnotation' ? held.pass() : undefined,
    );
    service = bridge.service;
    store = await import('../../../renderer/src/annotations/annotationsStore');
    toasts = await import('../../../renderer/src/app/toasts');
    [{ id: articleId }] = await service.listArticles();
  });
  beforeEach(async () => {
    held = null;
    for (const a of await service.listAnnotations({ articleId }))
      await service.deleteAnnotation({ articleId, id: a.id });
    await store.loadAnnotations(articleId);
  });
  after(() => bridge.close());

  const state = () => store.annotationsStore.get();

  it('selects a new highlight and opens its editor by key while main is still saving it', async () => {
    held = gate();
    const made = store.createHighlight({ start: 0, end: 12, color: 'green' })!;
    assert.match(made.key, /^new:/);
    assert.equal(state().selectedKey, made.key);
    store.openEditor(made.key, 'note');
    const noted = store.updateAnnotation(made.key, { note: 'typed before the save' });
    await held.arrived;
    assert.deepEqual(await service.listAnnotations({ articleId }), [], 'nothing saved yet');
    held.release();
    const result = await made.saved;
    await noted;
    assert.ok(result);
    assert.equal(state().editor?.key, made.key, 'the editor still names the same key');
    assert.equal(state().selectedKey, made.key);
    const item = findByKey(state().items, made.key)!;
    assert.equal(item.id, result.id);
    assert.equal(item.note, 'typed before the save');
    const [inMain] = await service.listAnnotations({ articleId });
    assert.equal(inMain.note, 'typed before the save');
  });

  it('lets go of a highlight main refuses: gone from the list, the selection and the editor', async () => {
    const made = store.createHighlight({ start: 0, end: 10 ** 9, color: 'green' })!;
    store.openEditor(made.key);
    assert.equal(await made.saved, null);
    assert.equal(findByKey(state().items, made.key), undefined);
    assert.equal(state().selectedKey, null);
    assert.equal(state().editor, null);
  });

  it('deletes by key and offers an Undo that puts the same annotation back', async () => {
    const made = store.createHighlight({ start: 0, end: 12, color: 'pink' })!;
    const a = (await made.saved)!;
    await store.deleteAnnotation(made.key, { undoable: true });
    assert.equal(state().items.length, 0);
    assert.equal(state().selectedKey, null);
    const toast = toasts.toastStore.get().toasts.at(-1)!;
    assert.equal(toast.message, 'Highlight deleted.');
    assert.equal(toast.action?.label, 'Undo');
    toast.action!.run();
    await until(store.annotationsStore, (s) => s.items.length === 1);
    assert.equal(state().items[0].id, a.id);
    assert.equal(state().selectedKey, state().items[0].key);
    assert.deepEqual(
      (await service.listAnnotations({ articleId })).map((x) => x.id),
      [a.id],
    );
  });

  it('undoes the creation of a highlight made in this session by its key', async () => {
    const made = store.createHighlight({ start: 0, end: 12, color: 'blue' })!;
    await made.saved;
    await store.undo();
    assert.equal(findByKey(state().items, made.key), undefined);
    assert.deepEqual(await service.listAnnotations({ articleId }), []);
  });
});
