/**
 * drafts.json: what the user is typing into an annotation's note or tag field
 * and has not committed yet. The renderer saves it as they type and flushes it
 * before the page goes away, so a reload, a crash or a quit loses nothing; the
 * next time the article opens, the draft is applied to its annotation and
 * removed. Small by nature (only fields being typed), so one durable file.
 */
import path from 'node:path';
import { Low } from 'lowdb';
import type { Draft } from '../annotations/types';
import { DurableJsonFile } from './durable-json-file';

export const DRAFTS_FILE = 'drafts.json';

interface DraftsData {
  version: 1;
  drafts: Draft[];
}

const isText = (v: unknown, max: number) => typeof v === 'string' && v.length <= max;

/** Keeps each well-formed draft; a malformed one is dropped rather than failing the file. */
function validateDrafts(raw: unknown): DraftsData {
  const r = raw as Partial<DraftsData> | null;
  if (!r || r.version !== 1 || !Array.isArray(r.drafts)) throw new Error('not a drafts file');
  const drafts = r.drafts.filter(
    (d): d is Draft =>
      !!d &&
      isText(d.articleId, 200) &&
      isText(d.annotationId, 200) &&
      isText(d.saved, 40) &&
      (d.note === undefined || isText(d.note, 100_000)) &&
      (d.tag === undefined || isText(d.tag, 200)),
  );
  return { version: 1, drafts };
}

export class Drafts {
  private constructor(
    private readonly db: Low<DraftsData>,
    private readonly adapter: DurableJsonFile<DraftsData>,
  ) {}

  static async open(root: string, warn: (sentence: string) => void): Promise<Drafts> {
    const adapter = new DurableJsonFile<DraftsData>({
      file: path.join(root, DRAFTS_FILE),
      root,
      validate: validateDrafts,
      onWarning: warn,
    });
    const db = new Low<DraftsData>(adapter, { version: 1, drafts: [] });
    await db.read();
    return new Drafts(db, adapter);
  }

  list(articleId: string): Draft[] {
    return structuredClone(this.db.data.drafts.filter((d) => d.articleId === articleId));
  }

  /** Replace the draft of one annotation; a draft with neither note nor tag removes it. */
  async save(draft: Draft): Promise<void> {
    const others = this.db.data.drafts.filter((d) => d.annotationId !== draft.annotationId);
    const empty = draft.note === undefined && (draft.tag === undefined || draft.tag === '');
    if (empty && others.length === this.db.data.drafts.length) return; // nothing to clear
    this.db.data = { version: 1, drafts: empty ? others : [...others, draft] };
    await this.db.write();
  }

  /** Drafts of annotations or articles that no longer exist. */
  async discard(match: (d: Draft) => boolean): Promise<void> {
    const kept = this.db.data.drafts.filter((d) => !match(d));
    if (kept.length === this.db.data.drafts.length) return;
    this.db.data = { version: 1, drafts: kept };
    await this.db.write();
  }

  idle(): Promise<void> {
    return this.adapter.idle();
  }
}
