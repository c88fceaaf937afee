/**
 * The library's tag counts are kept up to date as each article's notes change,
 * not summed over every article on each call: whatever changed them — a
 * highlight, a deletion, a rename across the library, an undo, a removed
 * article, a notes file changed while Gloss was closed — the counts listed
 * are what a recount of the notes files gives.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { type Store } from '@core/store/index';
import { NotesSummaries } from '@core/store/notes-summaries';
import { summarise } from '@core/store/notes';
import { tagKey } from '@core/annotations/tags';
import type { Annotation, TagCount } from '@core/annotations/types';
import { makeAnnotation, makeArticle, tempDataDir, withStore } from '../../helpers/store-fixtures';

/** What counting every article's notes again gives, as tagCounts orders it. */
async function recount(s: Store): Promise<TagCount[]> {
  const total = new Map<string, TagCount>();
  for (const { id } of s.listArticles())
    for (const a of await s.listAnnotations(id))
      for (const tag of new Set(a.tags)) {
        const t = total.get(tagKey(tag));
        if (t) t.count++;
        else total.set(tagKey(tag), { tag, count: 1 });
      }
  return [...total.values()].sort((a, b) => b.count - a.count || a.tag.localeCompare(b.tag));
}

const tagged = (a: ReturnType<typeof makeArticle>, n: number, tags: string[]): Annotation =>
  makeAnnotation(a, n, { tags });

describe('store: tag counts kept up to date', () => {
  it('follow every kind of change to the notes, and always equal a recount of the notes files', async (t) => {
    const { dir } = await tempDataDir(t);
    const [a, b, c] = [makeArticle(1), makeArticle(2), makeArticle(3)];
    await withStore(dir, async (s) => {
      for (const x of [a, b, c]) await s.putArticle(x);
      await s.putAnnotation(tagged(a, 1, ['claim', 'oil']));
      await s.putAnnotation(tagged(b, 2, ['claim/official']));
      assert.deepEqual(await s.tagCounts(), await recount(s), 'first asked: summed once');

      const steps: Array<[string, () => Promise<unknown>]> = [
        ['a highlight tagged', () => s.putAnnotation(tagged(c, 3, ['oil', 'water']))],
        ['a tag removed from a highlight', () => s.putAnnotation(tagged(a, 1, ['claim']))],
        ['a highlight deleted', () => s.deleteAnnotation(c.id, 'ann-3')],
        [
          'a tag renamed across the library',
          () => s.changeTags({ kind: 'rename', from: ['claim'], to: 'claims' }, '2026-02-01T00:00:00.000Z'),
        ],
        [
          'a tag deleted across the library',
          () => s.changeTags({ kind: 'delete', tags: ['claims/official'] }, '2026-02-02T00:00:00.000Z'),
        ],
        [
          'an undo putting annotations back',
          () =>
            s.restoreAnnotations([
              tagged(a, 1, ['claim', 'oil']),
              tagged(b, 2, ['claim/official']),
              tagged(c, 3, ['oil']),
            ]),
        ],
        ['an article removed', () => s.removeArticle(b.id)],
      ];
      for (const [what, step] of steps) {
        await step();
        assert.deepEqual(await s.tagCounts(), await recount(s), what);
      }
      assert.deepEqual(await s.tagCounts(), [
        { tag: 'oil', count: 2 },
        { tag: 'claim', count: 1 },
      ]);
    });
    await withStore(dir, async (s) =>
      assert.deepEqual(await s.tagCounts(), await recount(s), 'and as saved for the next session'),
    );
  });

  it('are corrected when a notes file changed while Gloss was closed, also once they were listed', async (t) => {
    const { dir } = await tempDataDir(t);
    const [a, b, c] = [makeArticle(1), makeArticle(2), makeArticle(3)];
    await withStore(dir, async (s) => {
      for (const x of [a, b, c]) await s.putArticle(x);
      await s.putAnnotation(tagged(a, 1, ['claim', 'oil']));
      await s.putAnnotation(tagged(b, 2, ['claim']));
    });
    // While closed: a's notes lose 'oil' and gain 'water' (a sync tool, a backup put back); c gets notes of its own.
    await fs.writeFile(
      path.join(dir, 'notes', `${a.id}.json`),
      JSON.stringify({
        version: 1,
        annotations: [tagged(a, 1, ['claim', 'water']), tagged(a, 4, ['water'])],
      }),
    );
    await fs.writeFile(
      path.join(dir, 'notes', `${c.id}.json`),
      JSON.stringify({ version: 1, annotations: [tagged(c, 5, ['claim'])] }),
    );
    await withStore(dir, async (s) => {
      // The sealed index is trusted for the first list (the check runs in the background)…
      const first = await s.tagCounts();
      assert.ok(first.some((x) => x.tag === 'claim'));
      // …and the check's corrections reach the counts already summed.
      const expected = [
        { tag: 'claim', count: 3 },
        { tag: 'water', count: 2 },
      ];
      await s.countsChecked();
      assert.deepEqual(await s.tagCounts(), expected);
      assert.deepEqual(await s.tagCounts(), await recount(s));
    });
    await withStore(dir, async (s) =>
      assert.deepEqual(
        await s.tagCounts(),
        [
          { tag: 'claim', count: 3 },
          { tag: 'water', count: 2 },
        ],
        'the corrected counts were saved',
      ),
    );
  });

  it('show a tag written in several ways as the first article in the library writes it', async (t) => {
    const { dir } = await tempDataDir(t);
    const [a, b] = [makeArticle(1), makeArticle(2)];
    await withStore(dir, async (s) => {
      await s.putArticle(a);
      await s.putArticle(b); // newer: first in the library
      await s.putAnnotation(tagged(a, 1, ['Kurds']));
      await s.putAnnotation(tagged(b, 2, ['kurds']));
      assert.deepEqual(await s.tagCounts(), [{ tag: 'kurds', count: 2 }]);
      await s.deleteAnnotation(b.id, 'ann-2');
      assert.deepEqual(await s.tagCounts(), [{ tag: 'Kurds', count: 1 }], 'the way left');
    });
  });
});

describe('NotesSummaries: the tag totals beside the counts', () => {
  const entry = (...tags: string[][]) =>
    summarise(tags.map((t, i) => makeAnnotation(makeArticle(1), i, { tags: t })));
  /** A library listing these articles, in this order. */
  const listing = (...ids: string[]) => ({ has: (id: string) => ids.includes(id), ids: () => ids });
  const counts = (s: NotesSummaries, ...ids: string[]) => s.tagCounts(listing(...ids)).map(([, t]) => t);

  it('takes an entry’s old tags off and its new ones on as it is replaced or deleted', () => {
    const s = new NotesSummaries();
    s.set('a', entry(['x', 'y'], ['x']));
    s.set('b', entry(['y']));
    assert.deepEqual(counts(s, 'a', 'b'), [
      { tag: 'x', count: 2 },
      { tag: 'y', count: 2 },
    ]);
    s.set('a', entry(['z']));
    assert.deepEqual(counts(s, 'a', 'b'), [
      { tag: 'y', count: 1 },
      { tag: 'z', count: 1 },
    ]);
    s.delete('b');
    assert.deepEqual(counts(s, 'a'), [{ tag: 'z', count: 1 }]);
  });

  it('does not count the notes of an article the library does not list', () => {
    const s = new NotesSummaries();
    s.set('a', entry(['x']));
    s.set('gone', entry(['x'], ['y']));
    assert.deepEqual(counts(s, 'a'), [{ tag: 'x', count: 1 }]);
    assert.deepEqual(counts(s, 'a', 'gone'), [
      { tag: 'x', count: 2 },
      { tag: 'y', count: 1 },
    ]);
  });

  it('shows a tag written in several ways as the first article listed writes it', () => {
    const s = new NotesSummaries();
    s.set('a', entry(['Oil']));
    s.set('b', entry(['oil']));
    assert.deepEqual(counts(s, 'a', 'b'), [{ tag: 'Oil', count: 2 }]);
    assert.deepEqual(counts(s, 'b', 'a'), [{ tag: 'oil', count: 2 }]);
    s.delete('a');
    assert.deepEqual(counts(s, 'b', 'a'), [{ tag: 'oil', count: 1 }]);
  });

  it('names the entries whose stored tags do not parse, and counts again once they are replaced', () => {
    const s = new NotesSummaries();
    s.set('a', entry(['x']));
    assert.deepEqual(counts(s, 'a', 'b'), [{ tag: 'x', count: 1 }]);
    s.set('b', { count: 1, tags: '[["x",' });
    assert.deepEqual(s.unreadableTags(), ['b']);
    s.set('b', entry(['x']));
    assert.deepEqual(s.unreadableTags(), []);
    assert.deepEqual(counts(s, 'a', 'b'), [{ tag: 'x', count: 2 }]);
  });
});
