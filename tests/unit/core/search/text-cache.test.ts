import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { TextCache } from '@core/search/text-cache';
import { SearchableText } from '@core/search/searchable-text';

describe('text cache', () => {
  it('drops the least recently used text first once over its budget', () => {
    const cache = new TextCache(30);
    cache.set('a', new SearchableText('0123456789'));
    cache.set('b', new SearchableText('0123456789'));
    cache.get('a'); // used: b is now the oldest
    cache.set('c', new SearchableText('0123456789'));
    cache.set('d', new SearchableText('0123456789'));
    assert.equal(cache.peek('b'), undefined);
    assert.ok(cache.peek('a') && cache.peek('c') && cache.peek('d'));
  });

  it('peeking at a text (a phrase probing hundreds) does not count as using it', () => {
    const cache = new TextCache(30);
    cache.set('a', new SearchableText('0123456789'));
    cache.set('b', new SearchableText('0123456789'));
    assert.ok(cache.peek('a'));
    cache.set('c', new SearchableText('0123456789'));
    cache.set('d', new SearchableText('0123456789'));
    assert.equal(cache.peek('a'), undefined, 'a stayed the oldest and went first');
    assert.ok(cache.peek('b'));
  });

  it('counts a peeked text again once its terms are computed, dropping others to stay in budget', () => {
    const cache = new TextCache(50);
    cache.set('a', new SearchableText('alpha beta'));
    cache.set('b', new SearchableText('gamma delta'));
    assert.equal(cache.chars, 21);
    const b = cache.peek('b')!;
    assert.ok(b.hasPhrase(['gamma', 'delta']));
    assert.equal(cache.peek('b'), b);
    assert.equal(cache.chars, 10 + b.size);
    cache.peek('a')!.prepare();
    assert.equal(cache.peek('a')?.text, 'alpha beta', 'the one just peeked is kept');
    assert.equal(cache.size, 1, 'b, now the oldest, was dropped');
    assert.ok(cache.chars <= 50);
  });
});
