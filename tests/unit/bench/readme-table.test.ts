/**
 * The README's Performance table is written from a bench run, not by hand:
 * every row with its medians, spread, ratio, target and verdict, and the run's
 * date and machine.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  TABLE_END,
  TABLE_START,
  renderReadmeTable,
  replaceTable,
  type Results,
} from '../../../bench/lib/readme-table';
import { isNoisy, samplesNeeded, summarize } from '../../../bench/lib/stats';

const run: Results = {
  started: '2026-11-29T10:00:00.000Z',
  totalSeconds: 312.4,
  node: 'v20.20.2',
  cpus: 2,
  cpuModel: 'Test CPU',
  platform: 'linux x64',
  rows: [
    {
      name: 'open-article',
      gloss: 'the sample article painted',
      baseline: 'static HTML | same article',
      target: { ratio: 1.3 },
      glossMs: { n: 10, median: 150, q1: 140, q3: 160 },
      baselineMs: { n: 10, median: 120, q1: 110, q3: 130 },
      ratio: 1.25,
      meets: true,
    },
    {
      name: 'export',
      gloss: 'export 100k',
      baseline: 'JSON.stringify',
      target: { ratio: 2 },
      glossMs: { n: 10, median: 1200, q1: 1100, q3: 1300 },
      baselineMs: { n: 10, median: 400, q1: 390, q3: 410 },
      ratio: 3,
      meets: false,
    },
    {
      name: 'library',
      gloss: 'library',
      baseline: 'static list',
      target: { ratio: 1.5 },
      glossMs: { n: 10, median: 600, q1: 500, q3: 700 },
      baselineMs: { n: 10, median: 300, q1: 100, q3: 900 },
      ratio: 2,
      noisy: true,
    },
  ],
};

describe('the README performance table', () => {
  const table = renderReadmeTable(run);

  it('says when and on what machine the run was made', () => {
    assert.match(table, /Run of 2026-11-29 on 2 × Test CPU, linux x64, Node 20\.20\.2; 312 s/);
  });

  it('gives every row its medians with their interquartile range, the ratio, the target and the verdict', () => {
    const row = table.split('\n').find((l) => l.startsWith('| open-article'));
    assert.equal(
      row,
      '| open-article | the sample article painted | 150 ms (140 ms–160 ms) | static HTML \\| same article | 120 ms (110 ms–130 ms) | 1.25× | ≤ 1.3× | met | 10 |',
    );
    assert.match(table, /\| export \|.*\| 3\.00× \| ≤ 2× \| \*\*not met\*\* \| 10 \|/);
  });

  it('shows a memory row in MB', () => {
    const memory = renderReadmeTable({
      ...run,
      rows: [
        {
          name: 'book-heap',
          gloss: 'heap',
          baseline: 'static heap',
          target: { ratio: 2 },
          unit: 'MB',
          glossMs: { n: 5, median: 84.2, q1: 83, q3: 85 },
          baselineMs: { n: 5, median: 40.1, q1: 40, q3: 41 },
          ratio: 2.1,
          meets: false,
        },
      ],
    });
    assert.match(memory, /\| book-heap \| heap \| 84\.2 MB \(83\.0 MB–85\.0 MB\) \|/);
  });

  it('shows a scenario the run left out as not measured, never drops it', () => {
    const partial = renderReadmeTable(run, ['open-article', 'export', 'library', 'search-10k']);
    assert.match(partial, /\| search-10k \| not measured in this run \|.*\| not run \| — \|/);
  });

  it('marks a noisy row for a rerun instead of judging it', () => {
    assert.match(table, /\| library \|.*\| noisy — rerun \|/);
  });

  it('replaces only what lies between its markers', () => {
    const readme = `# Gloss\n\nintro\n${TABLE_START}\nold numbers\n${TABLE_END}\n\nWhere the time goes.\n`;
    const out = replaceTable(readme, table);
    assert.ok(out.startsWith(`# Gloss\n\nintro\n${TABLE_START}\nRun of`));
    assert.ok(out.endsWith(`${TABLE_END}\n\nWhere the time goes.\n`));
    assert.ok(!out.includes('old numbers'));
    assert.equal(replaceTable(out, table), out, 'writing the same run twice changes nothing');
    assert.throws(() => replaceTable('# no markers', table), /needs the lines/);
  });
});

describe('bench statistics', () => {
  it('takes at least ten samples, five where one takes over two seconds, more when a scenario asks', () => {
    assert.equal(samplesNeeded(3, 50), 10);
    assert.equal(samplesNeeded(3, 2500), 5);
    assert.equal(samplesNeeded(15, 50), 15);
  });

  it('calls a baseline noisy when its interquartile range is wider than its median', () => {
    assert.equal(isNoisy(summarize([10, 11, 12, 13, 14])), false);
    assert.equal(isNoisy(summarize([5, 6, 10, 40, 60])), true);
  });
});
