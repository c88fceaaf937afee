/**
 * tag-codebook.json: each tag's colour and description (annotations/codebook.ts).
 * Small (one entry per described tag), so one durable file with its .bak,
 * like drafts.json. A malformed entry inside a good file is dropped alone.
 */
import path from 'node:path';
import { Low } from 'lowdb';
import { COLORS } from '../annotations/colors';
import {
  applyCodebookChange,
  DESCRIPTION_MAX,
  isEmptyCode,
  plainCode,
  type StoredTagCode,
  type TagCode,
  type TagCodeChange,
} from '../annotations/codebook';
import { tagKey, type TagChange } from '../annotations/tags';
import { TAG_MAX } from '../annotations/limits';
import { DurableJsonFile } from './durable-json-file';

export const CODEBOOK_FILE = 'tag-codebook.json';

interface CodebookData {
  version: 1;
  tags: StoredTagCode[];
  /** The id of the last tag change carried over: finishing it again after a crash changes nothing. */
  lastChange?: string;
}

const isText = (v: unknown, max: number) => typeof v === 'string' && v.length <= max;

function validateCodebook(raw: unknown): CodebookData {
  const r = raw as Partial<CodebookData> | null;
  if (!r || r.version !== 1 || !Array.isArray(r.tags)) throw new Error('not a tag codebook');
  const tags = r.tags.filter(
    (c): c is StoredTagCode =>
      !!c &&
      isText(c.tag, TAG_MAX) &&
      tagKey(c.tag) !== '' &&
      isText(c.modified, 40) &&
      (c.color === undefined || (COLORS as readonly string[]).includes(c.color)) &&
      (c.description === undefined || isText(c.description, DESCRIPTION_MAX)),
  );
  return { version: 1, tags, ...(isText(r.lastChange, 100) && { lastChange: r.lastChange }) };
}

export class TagCodebook {
  private constructor(
    private readonly db: Low<CodebookData>,
    private readonly adapter: DurableJsonFile<CodebookData>,
  ) {}

  static async open(root: string, warn: (sentence: string) => void): Promise<TagCodebook> {
    const adapter = new DurableJsonFile<CodebookData>({
      file: path.join(root, CODEBOOK_FILE),
      root,
      validate: validateCodebook,
      onWarning: warn,
    });
    const db = new Low<CodebookData>(adapter, { version: 1, tags: [] });
    await db.read();
    return new TagCodebook(db, adapter);
  }

  /** Every described tag, by key. */
  byKey(): Map<string, TagCode> {
    return new Map(this.db.data.tags.map((c) => [tagKey(c.tag), plainCode(c)]));
  }

  /**
   * Puts entries as given (null or an empty code: none), spelled as given;
   * answers what changed. One durable write.
   */
  async put(
    codes: ReadonlyArray<{ tag: string; code: TagCode | null }>,
    modified: string,
  ): Promise<TagCodeChange[]> {
    const byKey = new Map(this.db.data.tags.map((c) => [tagKey(c.tag), c]));
    const changes: TagCodeChange[] = [];
    for (const { tag, code } of codes) {
      const key = tagKey(tag);
      const was = byKey.get(key);
      const next = code && !isEmptyCode(code) ? { ...plainCode({ ...code, tag }), modified } : null;
      const before = was ? plainCode(was) : null;
      const after = next && plainCode(next);
      if (JSON.stringify(before) === JSON.stringify(after)) continue;
      changes.push({ tag, before, after });
      if (next) byKey.set(key, next);
      else byKey.delete(key);
    }
    if (changes.length) await this.save([...byKey.values()]);
    return changes;
  }

  /** Carries a tag rename, merge or delete over to the codebook, once per change id (a crash may repeat it). */
  async applyTagChange(change: TagChange, id: string, modified: string): Promise<TagCodeChange[]> {
    if (this.db.data.lastChange === id) return [];
    const result = applyCodebookChange(this.db.data.tags, change, modified);
    if (!result) return [];
    await this.save(result.codes, id);
    return result.changes;
  }

  idle(): Promise<void> {
    return this.adapter.idle();
  }

  private async save(tags: StoredTagCode[], lastChange = this.db.data.lastChange): Promise<void> {
    this.db.data = { version: 1, tags, ...(lastChange && { lastChange }) };
    await this.db.write();
  }
}
