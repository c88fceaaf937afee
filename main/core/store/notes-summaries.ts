/**
 * Every article's counts (notes-index.ts's entries, by article id), with the
 * library's tag totals kept up to date as each article's entry is replaced —
 * so listing the tags costs the number of tags, not a sum over 10,000 articles
 * (50–200 ms on every call, and the library, the notebook and the tag manager
 * each ask).
 *
 * The totals start the first time they are asked for (the library list needs
 * counts alone, and parsing every entry's tags is the one full pass); from
 * then on each `set` or `delete` takes the old entry's tags off and adds the
 * new one's. An entry whose stored tags do not parse stops the totals until
 * the caller has read that article's notes file again (`unreadableTags`).
 */
import type { TagCount } from '../annotations/types';
import { tagsOf, type IndexedNotes } from './notes-index';

/** One tag across the library: its count, and how many articles write it which way. */
interface TagTotal {
  count: number;
  /** The tag as first written in an article → the number of articles that write it so. */
  forms: Map<string, number>;
}

/** The library's articles, newest first (LibraryIndex). */
export interface ListedArticles {
  has(id: string): boolean;
  ids(): readonly string[];
}

// The default locale's order, as localeCompare gives it, without looking the locale up on every comparison.
// Made with the first list of tags, not at start-up: the collator's data costs ~3 MB of memory.
let collator: Intl.Collator | undefined;
const byUse = (a: string, b: string): number => (collator ??= new Intl.Collator()).compare(a, b);

export class NotesSummaries extends Map<string, IndexedNotes> {
  /** Tag key → its total over every entry; null until asked for, or after an entry's tags did not parse. */
  private totals: Map<string, TagTotal> | null = null;
  /** The sorted list last answered, until the totals change. */
  private sorted: ReadonlyArray<readonly [string, TagCount]> | null = null;

  override set(id: string, entry: IndexedNotes): this {
    // The check of a trusted index puts back the entry it found unchanged: nothing to count.
    if (super.get(id) === entry) return this;
    if (this.totals) {
      const old = super.get(id);
      const next = parsedTags(entry);
      if (next === null) this.totals = null;
      else {
        if (old) this.count(old, -1);
        this.add(next, 1);
      }
    }
    this.sorted = null;
    return super.set(id, entry);
  }

  override delete(id: string): boolean {
    const old = super.get(id);
    if (old && this.totals) this.count(old, -1);
    this.sorted = null;
    return super.delete(id);
  }

  override clear(): void {
    this.totals = null;
    this.sorted = null;
    super.clear();
  }

  /** The articles (of those with counts) whose stored tags do not parse: their notes files must be read. */
  unreadableTags(): string[] {
    const out: string[] = [];
    for (const [id, entry] of this) if (parsedTags(entry) === null) out.push(id);
    return out;
  }

  /**
   * Tags over the articles the library lists, most used first, each with its key (not to be
   * changed: the list is kept until the totals change). Every entry's tags must parse (see
   * unreadableTags). Where articles write a tag in different ways, it is shown as the first
   * of them in the library's order writes it.
   */
  tagCounts(library: ListedArticles): ReadonlyArray<readonly [key: string, tag: TagCount]> {
    const totals = this.tagTotals();
    // Notes of an article the library does not list (a removal cut short) are not counted.
    let taken: Map<string, number> | null = null;
    for (const [id, entry] of this) {
      if (library.has(id)) continue;
      taken ??= new Map();
      for (const [key, t] of parsedTags(entry)!) taken.set(key, (taken.get(key) ?? 0) + t.count);
    }
    if (!taken && this.sorted) return this.sorted;
    const list: Array<[string, TagCount]> = [];
    // A tag written in several ways is shown as the library's order says: a list holding one is not kept.
    let ordered = false;
    for (const [key, total] of totals) {
      const count = total.count - (taken?.get(key) ?? 0);
      ordered ||= total.forms.size > 1;
      if (count > 0) list.push([key, { tag: this.shownForm(key, total, library), count }]);
    }
    list.sort(([, a], [, b]) => b.count - a.count || byUse(a.tag, b.tag));
    if (!taken && !ordered) this.sorted = list;
    return list;
  }

  private tagTotals(): Map<string, TagTotal> {
    if (this.totals) return this.totals;
    const totals = new Map<string, TagTotal>();
    this.totals = totals;
    for (const entry of this.values()) {
      const tags = parsedTags(entry);
      if (tags === null) throw new Error('An entry’s tags do not parse: read its notes file first.');
      this.add(tags, 1);
    }
    return totals;
  }

  /** The tag as written: its one form, else as the first article listed that holds it writes it. */
  private shownForm(key: string, total: TagTotal, library: ListedArticles): string {
    if (total.forms.size === 1) return total.forms.keys().next().value!;
    for (const id of library.ids()) {
      const entry = super.get(id);
      const t = entry && parsedTags(entry)?.get(key);
      if (t) return t.tag;
    }
    return total.forms.keys().next().value!;
  }

  private count(entry: IndexedNotes, sign: 1 | -1): void {
    const tags = parsedTags(entry);
    // Added to the totals, so it parsed then (an entry is replaced, never changed).
    if (tags) this.add(tags, sign);
  }

  private add(tags: ReadonlyMap<string, TagCount>, sign: 1 | -1): void {
    const totals = this.totals!;
    for (const [key, t] of tags) {
      let total = totals.get(key);
      if (!total) totals.set(key, (total = { count: 0, forms: new Map() }));
      total.count += sign * t.count;
      const forms = (total.forms.get(t.tag) ?? 0) + sign;
      if (forms > 0) total.forms.set(t.tag, forms);
      else total.forms.delete(t.tag);
      if (total.forms.size === 0) totals.delete(key);
    }
  }
}

/** The entry's tags, parsed once (the entry keeps the map: its stored line stays valid); null if they do not parse. */
function parsedTags(entry: IndexedNotes): ReadonlyMap<string, TagCount> | null {
  const tags = tagsOf(entry);
  if (tags && typeof entry.tags === 'string') entry.tags = tags;
  return tags;
}
