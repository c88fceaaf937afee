import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { stringify } from 'yaml';
import { propertiesYaml, type Properties } from '@core/export/yaml-properties';

/** Pieces that change how YAML writes a scalar: indicators, separators, look-alikes of other types, controls. */
const PIECES = [
  'a',
  'Z',
  ' ',
  ':',
  ': ',
  ' #',
  '#',
  '-',
  '- ',
  '?',
  '? ',
  '.',
  '...',
  '---',
  '%',
  '@',
  '`',
  '"',
  "'",
  ',',
  '[',
  ']',
  '{',
  '}',
  '&',
  '*',
  '!',
  '|',
  '>',
  '\t',
  '\n',
  'true',
  'False',
  'null',
  '~',
  '1',
  '-2',
  '0x1F',
  '0o7',
  '.inf',
  '.NaN',
  '1e3',
  '2024-03-05',
  '12:30',
  'é',
  'e\u0301',
  '’',
  '\u00a0',
  '\u2028',
  '\u0085',
  '\u0007',
  '\ud800',
  '\ufeff',
  '日本',
  '😀',
  'https://example.org/a?b=c#d',
];

/** A seeded generator (mulberry32), so a failure names the same values every run. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('Article properties as YAML', () => {
  it('writes exactly what yaml’s stringify writes, for 20,000 hostile titles, names, dates and tags', () => {
    const rand = seeded(42);
    const value = (): string => {
      let s = '';
      for (let i = 1 + Math.floor(rand() * 4); i > 0; i--) s += PIECES[Math.floor(rand() * PIECES.length)];
      return s;
    };
    for (let n = 0; n < 20_000; n++) {
      const properties: Properties = { title: value() };
      if (rand() < 0.5) properties.author = value();
      if (rand() < 0.5) properties.date = value();
      if (rand() < 0.5) properties.tags = [value(), value()];
      assert.equal(
        propertiesYaml(properties),
        stringify(properties, { lineWidth: 0 }),
        JSON.stringify(properties),
      );
    }
  });

  it('writes ordinary properties as plain lines, tags as a list', () => {
    const properties = {
      title: 'Parliament raises the oil levy',
      author: 'Kosar Nawzad',
      date: '2024-03-05T08:00:00Z',
      url: 'https://example.org/levy',
      tags: ['claim', 'oil/exports'],
    };
    const yaml = propertiesYaml(properties);
    assert.equal(
      yaml,
      'title: Parliament raises the oil levy\nauthor: Kosar Nawzad\ndate: 2024-03-05T08:00:00Z\nurl: https://example.org/levy\ntags:\n  - claim\n  - oil/exports\n',
    );
    assert.equal(yaml, stringify(properties, { lineWidth: 0 }));
  });
});
