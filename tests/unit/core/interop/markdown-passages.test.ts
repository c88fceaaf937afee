import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readMarkdownPassages } from '@core/interop/markdown-passages';

const LIBRARY = [
  '# Notes from Gloss',
  '',
  '## Bridge closes',
  '',
  '```yaml',
  'title: Bridge closes',
  '```',
  '',
  'Why it matters.',
  '',
  'Second paragraph',
  'on two lines.   ',
  '',
  '> close the old bridge ^gloss-aaaa1111',
  '',
  '— “Bridge closes”, ¶2',
  '',
  '> runs every twenty minutes ^gloss-bbbb2222',
  '',
  '— “Bridge closes”, ¶3',
  '',
  '## Second story',
  '',
  '```yaml',
  'title: Second story',
  '```',
  '',
  'Ferry note.',
  '',
  '### Passages no longer found in the text',
  '',
  '> timetable ^gloss-cccc3333',
  '',
  '— “Second story”, no longer found in the text',
  '',
].join('\n');

describe('reading an article note back from an exported Markdown file', () => {
  const { passages } = readMarkdownPassages(LIBRARY);

  it('gives an article’s first passage the paragraphs under its heading, less the properties block', () => {
    assert.deepEqual(passages[0].lead, ['Why it matters.', 'Second paragraph\non two lines.']);
  });

  it('gives a passage after another passage of the same article no lead', () => {
    assert.deepEqual(passages[1].lead, []);
  });

  it('reads past the heading over passages no longer found, to the note above it', () => {
    assert.deepEqual(passages[2].lead, ['Ferry note.']);
  });
});
