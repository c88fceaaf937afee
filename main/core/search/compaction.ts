/**
 * Compaction: a part's snapshot and journal folded into a new snapshot, done
 * from the files alone so that it can run in a thread of its own
 * (compaction-worker.ts) while the search worker goes on answering queries —
 * serialising a part of 10,000 articles takes seconds, which the search worker
 * once spent answering nothing.
 *
 * It reads the snapshot the keeper names and the journal's first
 * `journalBytes` (fsynced before it was asked; lines appended since are not
 * read), builds the part from them in memory, and writes it to a temp file
 * beside the snapshot, fsynced. Putting it in place is the keeper's (on its
 * own thread, between journal appends): the new snapshot, then a new journal
 * naming it and holding the lines appended meanwhile.
 */
import { readPart, writePartToTemp, type PartName } from './index-files';
import { readJournal } from './index-journal';
import { SearchIndex, type PartChanges } from './search-index';

export interface CompactionRequest {
  dataDir: string;
  name: PartName;
  /** The checksum of the snapshot to start from (it must still be the one on disk). */
  snapshot: number;
  /** How much of its journal to fold in. */
  journalBytes: number;
}

export interface CompactedPart {
  /** The new snapshot, fsynced, in a temp file beside its place. */
  temp: string;
  crc: number;
  bytes: number;
}

/** The part as of the snapshot and the journal's first bytes, in memory (the slow part: seconds on a large part). */
export async function buildPart(request: CompactionRequest): Promise<SearchIndex> {
  const { dataDir, name, snapshot, journalBytes } = request;
  const loaded = await readPart(dataDir, name);
  if (loaded.status !== 'ok' || loaded.crc !== snapshot)
    throw new Error('the snapshot changed before it could be compacted');
  const journal = await readJournal<PartChanges[typeof name][number]>(dataDir, name, snapshot, journalBytes);
  if (journal.status !== 'ok' || journal.bytes !== journalBytes)
    throw new Error('the journal changed before it could be compacted');
  const index =
    name === 'articles'
      ? SearchIndex.fromParts(loaded.part as never, null)
      : SearchIndex.fromParts(null, loaded.part as never);
  index.replay(name, journal.entries as never);
  return index;
}

/** Writes the part built by `buildPart` to a temp file beside its snapshot. */
export function writeCompacted(request: CompactionRequest, index: SearchIndex): Promise<CompactedPart> {
  const { dataDir, name } = request;
  return name === 'articles'
    ? writePartToTemp(dataDir, name, index.articlesPart())
    : writePartToTemp(dataDir, name, index.annotationsPart());
}
