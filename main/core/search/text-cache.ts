/**
 * Searchable texts by article id, least recently used dropped first once they
 * hold more than a budget of characters. A text grows when its phrase terms
 * are first computed; its size is counted again each time it is used.
 */
import type { SearchableText } from './searchable-text';

interface Entry {
  text: SearchableText;
  /** Its size when last counted. */
  counted: number;
}

export class TextCache {
  private readonly entries = new Map<string, Entry>();
  private total = 0;

  constructor(private readonly maxChars: number) {}

  get(id: string): SearchableText | undefined {
    const entry = this.entries.get(id);
    if (!entry) return undefined;
    // Most recently used last.
    this.entries.delete(id);
    this.entries.set(id, entry);
    this.recount(entry);
    this.trim(id);
    return entry.text;
  }

  /**
   * The text if held, without counting it as used (a phrase query probes hundreds of texts: moving
   * each to the end of the order was a quarter of its time). Its size is counted again if it grew.
   */
  peek(id: string): SearchableText | undefined {
    const entry = this.entries.get(id);
    if (!entry) return undefined;
    if (entry.counted !== entry.text.size) {
      this.recount(entry);
      this.trim(id);
    }
    return entry.text;
  }

  set(id: string, text: SearchableText): void {
    this.delete(id);
    const entry = { text, counted: 0 };
    this.entries.set(id, entry);
    this.recount(entry);
    this.trim(id);
  }

  delete(id: string): void {
    const entry = this.entries.get(id);
    if (!entry) return;
    this.entries.delete(id);
    this.total -= entry.counted;
  }

  get size(): number {
    return this.entries.size;
  }

  /** Characters held, as last counted. */
  get chars(): number {
    return this.total;
  }

  private recount(entry: Entry): void {
    this.total += entry.text.size - entry.counted;
    entry.counted = entry.text.size;
  }

  /** Drops the least recently used until within budget (never `keep`, the one just used). */
  private trim(keep: string): void {
    // Within budget, no iterator is made: a Map's iteration starts by skipping the slots that its
    // deletes left (an LRU's every use deletes one), thousands of them between two rehashes.
    if (this.total <= this.maxChars) return;
    for (const [id] of this.entries) {
      if (this.total <= this.maxChars) return;
      if (id !== keep) this.delete(id); // a peeked one may stand anywhere in the order
    }
  }
}
