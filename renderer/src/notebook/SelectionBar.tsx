/** What can be done with the passages checked: tag, recolour, copy, export; or clear the selection. */
import { COLORS } from '@core/annotations/types';
import { useStore } from '../store';
import { useTagList } from '../ui/tagList';
import { plural } from '../ui/format';
import { TagField } from '../ui/TagField';
import { copyWithCitation } from '../ui/copyCitation';
import { clearSelection, notebookStore, recolourSelected, selectAll, tagSelected } from './notebookStore';

export function SelectionBar({ total, onExport }: { total: number; onExport: (ids: string[]) => void }) {
  const selected = useStore(notebookStore, (s) => s.selected);
  const tags = useTagList();
  if (selected.size === 0) return null;
  return (
    <div className="selection-bar" role="toolbar" aria-label="Selected passages">
      <span className="selection-count" role="status">
        {plural(selected.size, 'passage')} selected
      </span>
      <TagField
        label="Tag the selected passages"
        placeholder="Add tag…"
        tags={tags}
        onCommit={(t) => void tagSelected(t)}
      />
      <span className="filter-colors" role="group" aria-label="Colour the selected passages">
        {COLORS.map((c) => (
          <button
            key={c}
            type="button"
            className={`swatch swatch-${c}`}
            aria-label={`Colour selected ${c}`}
            title={c}
            onClick={() => void recolourSelected(c)}
          />
        ))}
      </span>
      <button
        type="button"
        title="Copy with citations"
        onClick={() => void copyWithCitation([...notebookStore.get().selected].map((id) => ({ id })))}
      >
        Copy
      </button>
      <button type="button" onClick={() => onExport([...selected])}>
        Export…
      </button>
      {selected.size < total && (
        <button type="button" className="link" onClick={() => void selectAll()}>
          Select all {total}
        </button>
      )}
      <button type="button" className="link" onClick={clearSelection}>
        Clear selection
      </button>
    </div>
  );
}
