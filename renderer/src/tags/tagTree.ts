/**
 * The library's tags as the tag manager lists them: nested by '/'
 * (`coalition/strategy` under `coalition`), alphabetical at each level. A
 * parent nobody used on its own still shows, with no passages of its own, so
 * its children have a place (and renaming it moves them all).
 */
import type { TagCount } from '@core/contract';
import { tagKey } from '@core/annotations/tags';

export interface TagRow {
  /** The full tag as written (`coalition/strategy`). */
  tag: string;
  /** Its last part (`strategy`). */
  name: string;
  depth: number;
  /** Passages carrying exactly this tag (0 for a parent only its children use). */
  count: number;
  /** True when no passage carries the tag itself, only its children. */
  implied: boolean;
  hasChildren: boolean;
}

interface Node {
  tag: string;
  name: string;
  count: number;
  implied: boolean;
  children: Map<string, Node>;
}

const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });

export function tagRows(tags: readonly TagCount[]): TagRow[] {
  const root: Node = { tag: '', name: '', count: 0, implied: true, children: new Map() };
  for (const t of tags) {
    const parts = t.tag
      .split('/')
      .map((p) => p.trim())
      .filter(Boolean);
    if (!parts.length) continue;
    let node = root;
    parts.forEach((part, i) => {
      const key = tagKey(part);
      let child = node.children.get(key);
      if (!child) {
        child = {
          tag: parts.slice(0, i + 1).join('/'),
          name: part,
          count: 0,
          implied: true,
          children: new Map(),
        };
        node.children.set(key, child);
      }
      node = child;
    });
    node.tag = t.tag;
    node.count += t.count;
    node.implied = false;
  }
  const out: TagRow[] = [];
  const walk = (node: Node, depth: number) => {
    for (const child of [...node.children.values()].sort((a, b) => collator.compare(a.name, b.name))) {
      out.push({
        tag: child.tag,
        name: child.name,
        depth,
        count: child.count,
        implied: child.implied,
        hasChildren: child.children.size > 0,
      });
      walk(child, depth + 1);
    }
  };
  walk(root, 0);
  return out;
}

/** Rows whose tag contains `text` (case ignored), with the parents that place them. */
export function findTagRows(rows: readonly TagRow[], text: string): TagRow[] {
  const q = text.trim().toLocaleLowerCase('und');
  if (!q) return [...rows];
  const keep = new Set<string>();
  for (const r of rows) {
    if (!r.tag.toLocaleLowerCase('und').includes(q)) continue;
    const parts = tagKey(r.tag).split('/');
    for (let i = 1; i <= parts.length; i++) keep.add(parts.slice(0, i).join('/'));
  }
  return rows.filter((r) => keep.has(tagKey(r.tag)));
}
