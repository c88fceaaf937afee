/**
 * Version detection: the same page again (canonical URL), the same story edited
 * (same title and source, most five-word runs shared), and two different
 * stories from one source with the same boilerplate kept apart.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  ASK_RESEMBLANCE,
  boilerplateOf,
  candidateKind,
  canonicalUrl,
  judgeVersion,
  resemblance,
  RETITLED_ASK_RESEMBLANCE,
  RETITLED_SAME_RESEMBLANCE,
  SAME_ARTICLE_RESEMBLANCE,
  shingles,
  titlesShareWords,
  titleWords,
  without,
} from '@core/versions/detect';

const BOILERPLATE =
  'Sign up for our morning newsletter to get the day’s top stories delivered to your inbox. ' +
  'Reporting by the Herald staff; editing by the news desk. All rights reserved. ' +
  'Follow us on social media for live updates and corrections policy details.';

function story(seed: string, sentences: number): string {
  const words = [
    'council',
    'budget',
    'river',
    'school',
    'bridge',
    'vote',
    'mayor',
    'plan',
    'funds',
    'housing',
    'transit',
    'park',
  ];
  let x = [...seed].reduce((h, c) => (h * 31 + c.charCodeAt(0)) >>> 0, 7);
  const out: string[] = [];
  for (let s = 0; s < sentences; s++) {
    const w: string[] = [];
    for (let i = 0; i < 12; i++) {
      x = (x * 1103515245 + 12345) >>> 0;
      w.push(words[x % words.length]);
    }
    out.push(`${seed} ${w.join(' ')}.`);
  }
  return out.join(' ');
}

const meta = (extra: object = {}) => ({
  title: 'City council approves budget',
  source: 'The Herald',
  ...extra,
});

describe('version detection', () => {
  it('reduces a URL to what names the page: no scheme, www., fragment, trailing slash or tracking parameters', () => {
    assert.equal(
      canonicalUrl('https://www.Example.com/news/story-1/?utm_source=x&id=4#top'),
      canonicalUrl('http://example.com/news/story-1?id=4'),
    );
    assert.notEqual(
      canonicalUrl('https://example.com/news/story-1'),
      canonicalUrl('https://example.com/news/story-2'),
    );
    assert.equal(canonicalUrl('not a url'), undefined);
  });

  it('takes the same canonical URL as a version, whatever the text', () => {
    const v = judgeVersion(
      meta({ url: 'https://example.com/a?utm_medium=rss', title: 'New headline' }),
      meta({ url: 'https://www.example.com/a' }),
      () => 0,
    );
    assert.deepEqual(v, { verdict: 'version', reason: 'url' });
  });

  it('takes an edited story with the same title and source as a version', () => {
    const before = story('alpha', 40) + ' ' + BOILERPLATE;
    const after =
      before.replace(/alpha council/g, 'alpha councillors').slice(0, -200) +
      ' A paragraph added in an update.';
    const r = resemblance(shingles(before), shingles(after));
    assert.ok(r >= SAME_ARTICLE_RESEMBLANCE, `resemblance ${r}`);
    assert.equal(judgeVersion(meta(), meta(), () => r).verdict, 'version');
  });

  it('keeps apart two different stories from one source with the same title and boilerplate', () => {
    const a = story('alpha', 20) + ' ' + BOILERPLATE;
    const b = story('beta', 20) + ' ' + BOILERPLATE;
    const r = resemblance(shingles(a), shingles(b));
    assert.ok(r < ASK_RESEMBLANCE, `resemblance ${r}`);
    assert.equal(judgeVersion(meta(), meta(), () => r).verdict, 'different');
  });

  it('asks when a story with the same title and source shares only part of its text', () => {
    const a = story('alpha', 30);
    const b = story('alpha', 15) + ' ' + story('gamma', 15);
    const r = resemblance(shingles(a), shingles(b));
    assert.ok(r >= ASK_RESEMBLANCE && r < SAME_ARTICLE_RESEMBLANCE, `resemblance ${r}`);
    assert.equal(judgeVersion(meta(), meta(), () => r).verdict, 'ask');
  });

  it('never compares texts of another source, or of another title when no source is named (no URL in common)', () => {
    let compared = false;
    const score = () => ((compared = true), 1);
    assert.equal(judgeVersion(meta({ source: 'The Courier' }), meta(), score).verdict, 'different');
    const unnamed = { title: 'Pasted text', source: undefined };
    assert.equal(judgeVersion({ ...unnamed, title: 'Another paste' }, unnamed, score).verdict, 'different');
    assert.equal(compared, false);
  });
});

describe('version detection when the headline was edited (same source, another title)', () => {
  const retitled = meta({ title: 'City council approves budget after late-night vote' });

  it('takes a story with an edited headline and most of its text unchanged as a version', () => {
    const before = story('alpha', 40) + ' ' + BOILERPLATE;
    const after = before.replace('alpha council', 'alpha councillors');
    const r = resemblance(shingles(before), shingles(after));
    assert.ok(r >= RETITLED_SAME_RESEMBLANCE, `resemblance ${r}`);
    assert.deepEqual(
      judgeVersion(retitled, meta(), () => r),
      { verdict: 'version', resemblance: r, reason: 'text' },
    );
  });

  it('asks when a retitled story shares most but not nearly all of its text', () => {
    const a = story('alpha', 30);
    const b = story('alpha', 22) + ' ' + story('gamma', 8);
    const r = resemblance(shingles(a), shingles(b));
    assert.ok(r >= RETITLED_ASK_RESEMBLANCE && r < RETITLED_SAME_RESEMBLANCE, `resemblance ${r}`);
    assert.equal(judgeVersion(retitled, meta(), () => r).verdict, 'ask');
  });

  it('is stricter than for the same title: what would be asked under the same title is another article', () => {
    const r = (ASK_RESEMBLANCE + SAME_ARTICLE_RESEMBLANCE) / 2;
    assert.equal(judgeVersion(meta(), meta(), () => r).verdict, 'ask');
    assert.equal(judgeVersion(retitled, meta(), () => r).verdict, 'different');
  });

  it('keeps apart two stories of one source under different titles that share their boilerplate', () => {
    const a = story('alpha', 20) + ' ' + BOILERPLATE;
    const b = story('beta', 20) + ' ' + BOILERPLATE;
    const r = resemblance(shingles(a), shingles(b));
    assert.equal(judgeVersion(retitled, meta(), () => r).verdict, 'different', `resemblance ${r}`);
  });

  it('leaves out the boilerplate the source’s other articles show, so short stories that are mostly boilerplate stay apart', () => {
    const footer = story('footer', 14) + ' ' + BOILERPLATE;
    const [incoming, other, third] = ['alpha', 'beta', 'delta'].map((s) =>
      shingles(story(s, 2) + ' ' + footer),
    );
    const raw = resemblance(incoming, other);
    assert.ok(raw >= RETITLED_SAME_RESEMBLANCE, `without the library's help they look alike: ${raw}`);
    const bp = boilerplateOf(incoming, [other, third]);
    assert.ok(bp.size > 0);
    const cleaned = resemblance(without(incoming, bp), without(other, bp));
    assert.equal(
      judgeVersion(retitled, meta(), () => cleaned).verdict,
      'different',
      `resemblance ${cleaned}`,
    );
  });

  it('learns no boilerplate from a single other article (its shared runs may be the story itself)', () => {
    const a = shingles(story('alpha', 10));
    assert.equal(boilerplateOf(a, [a]).size, 0);
  });

  it('reads an article of another title only when the source is named and the word counts allow the threshold', () => {
    const existing = { ...meta(), wordCount: 1000 };
    assert.equal(candidateKind({ ...retitled, wordCount: 900 }, existing), 'source');
    assert.equal(candidateKind({ ...retitled, wordCount: 300 }, existing), null, 'too short to share half');
    assert.equal(
      candidateKind({ ...meta(), wordCount: 300 }, existing),
      'title',
      'the same title is always read',
    );
    assert.equal(candidateKind({ ...retitled, source: ' ' }, { ...existing, source: ' ' }), null);
  });
});

describe('titles that share most of their words (the prefilter for older articles of a source)', () => {
  const share = (a: string, b: string) => titlesShareWords(titleWords(a), titleWords(b));

  it('holds for an edited headline that keeps its names and nouns', () => {
    assert.ok(share('Ceasefire talks resume in Doha', 'Ceasefire talks resume in Doha as death toll rises'));
    assert.ok(share('Budget vote delayed to 2025', 'Council budget vote delayed again to 2025'));
  });

  it('does not hold for titles sharing a word or two of many, or only short words', () => {
    assert.ok(!share('Ceasefire talks resume in Doha', 'Ferry talks collapse at the harbour'));
    assert.ok(!share('In the end, it is', 'It is the end'));
    assert.ok(!share('Doha', 'Weather in Oslo'));
  });
});
