/** Sort and narrow the library: by date added, published, title, author, source or highlights; by source, tag, "has highlights". */
import { useMemo } from 'react';
import { useStore } from '../store';
import { useTagList } from '../ui/tagList';
import { LIBRARY_SORTS, librarySources, type LibrarySort } from './libraryOrder';
import { libraryStore, setLibraryFilter, setLibraryTag } from './libraryStore';
import { plural } from '../ui/format';
import { LongMenu } from '../ui/LongMenu';

export function LibraryToolbar({ shown }: { shown: number }) {
  const articles = useStore(libraryStore, (s) => s.articles);
  const filter = useStore(libraryStore, (s) => s.filter);
  const tag = useStore(libraryStore, (s) => s.tag);
  const sources = useMemo(() => librarySources(articles), [articles]);
  const tags = useTagList();
  const tagChoices = useMemo(
    () => tags.map((t) => ({ value: t.tag, label: `#${t.tag} (${t.count})` })),
    [tags],
  );
  const narrowed = filter.source || filter.withHighlights || tag;

  return (
    <div className="library-toolbar" role="group" aria-label="Sort and filter the library">
      <label>
        Sort by{' '}
        <select
          value={filter.sort}
          onChange={(e) => setLibraryFilter({ sort: e.target.value as LibrarySort })}
        >
          {Object.entries(LIBRARY_SORTS).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </label>
      <label>
        Source{' '}
        <select value={filter.source} onChange={(e) => setLibraryFilter({ source: e.target.value })}>
          <option value="">All sources</option>
          {sources.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </label>
      <label>
        Tag{' '}
        <LongMenu value={tag} onChange={(t) => void setLibraryTag(t)} none="Any tag" choices={tagChoices} />
      </label>
      <label className="check">
        <input
          type="checkbox"
          checked={filter.withHighlights}
          onChange={(e) => setLibraryFilter({ withHighlights: e.target.checked })}
        />{' '}
        With highlights only
      </label>
      {narrowed && (
        <span className="library-count" role="status">
          {plural(shown, 'article')} of {articles.length}
        </span>
      )}
    </div>
  );
}
