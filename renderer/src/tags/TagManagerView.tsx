/**
 * The tag manager: every tag in the library with its count, nested by '/';
 * rename, merge several, delete, describe (colour and description: the
 * codebook) — each undoable — and a way to see a tag's
 * passages in the notebook.
 */
import { useEffect, useMemo } from 'react';
import { tagKey } from '@core/annotations/tags';
import type { TagCount } from '@core/contract';
import { useStore } from '../store';
import { plural } from '../ui/format';
import { showView } from '../ui/views';
import { setNotebookFilter } from '../notebook/notebookStore';
import { EVERY_PASSAGE } from '@core/notebook/passage-filter';
import { findTagRows, tagRows, type TagRow } from './tagTree';
import { loadTags, tagsStore, toggleChecked } from './tagsStore';
import { TagDialogs } from './TagDialogs';
import { tagListStore } from '../ui/tagList';

export function TagManagerView() {
  const loaded = useStore(tagListStore, (s) => s.loaded);
  const tags = useStore(tagListStore, (s) => s.tags);
  const checked = useStore(tagsStore, (s) => s.checked);
  const find = useStore(tagsStore, (s) => s.find);
  const rows = useMemo(() => tagRows(tags), [tags]);
  const shown = useMemo(() => findTagRows(rows, find), [rows, find]);
  const codes = useMemo(() => new Map(tags.map((t) => [tagKey(t.tag), t])), [tags]);
  const chosen = tags.filter((t) => checked.has(tagKey(t.tag))).map((t) => t.tag);

  useEffect(() => void loadTags(), []);

  return (
    <main className="tags-view" aria-labelledby="tags-title">
      <header className="notebook-header">
        <h1 id="tags-title">Tags</h1>
        <span className="notebook-count" role="status">
          {loaded ? plural(tags.length, 'tag') : 'Loading tags…'}
        </span>
      </header>
      <div className="tags-toolbar">
        <input
          type="search"
          aria-label="Find a tag"
          placeholder="Find a tag…"
          value={find}
          onChange={(e) => tagsStore.set({ find: e.target.value })}
        />
        {chosen.length > 0 && (
          <div className="selection-bar" role="toolbar" aria-label="Selected tags">
            <span className="selection-count">{plural(chosen.length, 'tag')} selected</span>
            <button
              type="button"
              disabled={chosen.length < 2}
              onClick={() => tagsStore.set({ dialog: { kind: 'merge', tags: chosen } })}
            >
              Merge…
            </button>
            <button type="button" onClick={() => tagsStore.set({ dialog: { kind: 'delete', tags: chosen } })}>
              Delete…
            </button>
            <button type="button" className="link" onClick={() => tagsStore.set({ checked: new Set() })}>
              Clear selection
            </button>
          </div>
        )}
      </div>
      {loaded && tags.length === 0 ? (
        <p className="empty">No tags yet. Tag a highlight in an article (press T) and it is listed here.</p>
      ) : (
        <ul className="tag-tree" aria-label="Tags">
          {shown.map((r) => (
            <TagRowView
              key={r.tag}
              row={r}
              code={codes.get(tagKey(r.tag))}
              checked={checked.has(tagKey(r.tag))}
            />
          ))}
        </ul>
      )}
      <TagDialogs />
    </main>
  );
}

function TagRowView({ row: r, code, checked }: { row: TagRow; code?: TagCount; checked: boolean }) {
  const showPassages = () => {
    setNotebookFilter({ ...EVERY_PASSAGE, tags: [r.tag] });
    showView('notebook');
  };
  return (
    <li className={`tag-row depth-${Math.min(r.depth, 5)} ${r.implied ? 'is-implied' : ''}`} data-tag={r.tag}>
      <input
        type="checkbox"
        aria-label={`Select tag ${r.tag}`}
        checked={checked}
        disabled={r.implied}
        onChange={() => toggleChecked(r.tag)}
      />
      <span className="tag-name">
        <span
          className="tag-swatch"
          data-color={code?.color}
          role={code?.color ? 'img' : undefined}
          aria-label={code?.color ? `Colour ${code.color}` : undefined}
        />
        #{r.depth > 0 && <span className="tag-parent">{r.tag.slice(0, r.tag.length - r.name.length)}</span>}
        {r.name}
        {code?.description && <span className="tag-description">{code.description}</span>}
      </span>
      <span className="tag-count">{r.implied ? 'only under it' : plural(r.count, 'passage')}</span>
      <span className="tag-actions">
        <button
          type="button"
          className="link"
          aria-label={`Show passages tagged ${r.tag}`}
          onClick={showPassages}
        >
          Passages
        </button>
        <button
          type="button"
          aria-label={`Describe ${r.tag}`}
          onClick={() => tagsStore.set({ dialog: { kind: 'describe', tag: r.tag } })}
        >
          Describe…
        </button>
        <button
          type="button"
          aria-label={`Rename ${r.tag}`}
          onClick={() => tagsStore.set({ dialog: { kind: 'rename', tag: r.tag } })}
        >
          Rename…
        </button>
        <button
          type="button"
          aria-label={`Delete ${r.tag}`}
          disabled={r.implied}
          onClick={() => tagsStore.set({ dialog: { kind: 'delete', tags: [r.tag] } })}
        >
          Delete…
        </button>
      </span>
    </li>
  );
}
