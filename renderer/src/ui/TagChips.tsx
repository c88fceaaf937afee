import { TagChip } from './TagChip';

/** An annotation's tags as chips, each with its remove button (the highlight editor and the notebook's passage editor). */
export function TagChips({ tags, onRemove }: { tags: readonly string[]; onRemove: (tag: string) => void }) {
  return (
    <ul className="tag-list" aria-label="Tags">
      {tags.map((t) => (
        <TagChip key={t} tag={t}>
          <button type="button" className="icon" aria-label={`Remove tag ${t}`} onClick={() => onRemove(t)}>
            ×
          </button>
        </TagChip>
      ))}
    </ul>
  );
}
