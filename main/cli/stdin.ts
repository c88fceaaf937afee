/**
 * Standard input read whole, for `gloss import -` (text piped or pasted into
 * the terminal). Bounded: importText takes at most 50 million characters, so
 * more than four bytes a character of UTF-8 is refused before it is all held.
 */
import type { Readable } from 'node:stream';
import { GlossError } from '../core/errors';

export const MAX_STDIN_BYTES = 200 * 1024 * 1024;

export async function readStdin(stream: Readable = process.stdin, max = MAX_STDIN_BYTES): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const b = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    size += b.length;
    if (size > max) {
      stream.destroy();
      throw new GlossError(
        'TOO_LARGE',
        `The text on standard input is over ${Math.round(max / 1024 / 1024)} MB, more than Gloss imports.`,
      );
    }
    chunks.push(b);
  }
  return Buffer.concat(chunks).toString('utf8');
}
