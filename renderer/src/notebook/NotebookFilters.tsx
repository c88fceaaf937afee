/** The notebook's filters: tags (all or any), colours, article, source, article date range, text; and the sort. */
import { COLORS } from '@core/annotations/types';
import { normalizeTags, sameTag } from '@core/annotations/tags';
import { useStore } from '../store';
import { useTagList } from '../ui/tagList';
import { TagField } from '../ui/TagField';
import { LongMenu } from '../ui/LongMenu';
import { useMemo } from 'react';
import { notebookStore, setNotebookFilter } from './notebookStore';
import { EVERY_PASSAGE, NOTEBOOK_SORTS, type NotebookSort } from '@core/notebook/passage-filter';

const cap = (s: string) => s[0].toUpperCase() + s.slice(1);

export function NotebookFilters() {
  const f = useStore(notebookStore, (s) => s.filter);
  const tags = useTagList();
  const choices = useStore(notebookStore, (s) => s.choices);
  const articleChoices = useMemo(
    () => choices.articles.map((a) => ({ value: a.id, label: a.title })),
    [choices.articles],
  );
  const narrowed = JSON.stringify({ ...f, sort: 'article' }) !== JSON.stringify(EVERY_PASSAGE);

  return (
    <div className="notebook-filters" role="group" aria-label="Filter passages">
      <div className="filter-row">
        <input
          type="search"
          className="notebook-text"
          aria-label="Filter by text"
          placeholder="Filter by words in the passage or note…"
          value={f.text}
          onChange={(e) => setNotebookFilter({ text: e.target.value })}
        />
        <label>
          Sort by{' '}
          <select
            value={f.sort}
            onChange={(e) => setNotebookFilter({ sort: e.target.value as NotebookSort })}
          >
            {Object.entries(NOTEBOOK_SORTS).map(([v, label]) => (
              <option key={v} value={v}>
                {label}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div className="filter-row">
        <div className="filter-tags" role="group" aria-label="Tags">
          {f.tags.length > 0 && (
            <ul className="tag-list" aria-label="Tags filtered by">
              {f.tags.map((t) => (
                <li key={t} className="tag">
                  #{t}
                  <button
                    type="button"
                    className="icon"
                    aria-label={`Stop filtering by ${t}`}
                    onClick={() => setNotebookFilter({ tags: f.tags.filter((x) => x !== t) })}
                  >
                    ×
                  </button>
                </li>
              ))}
            </ul>
          )}
          <TagField
            label="Filter by tag"
            placeholder="Filter by tag…"
            tags={tags}
            except={f.tags}
            onCommit={(t) =>
              !f.tags.some((x) => sameTag(x, t)) && setNotebookFilter({ tags: normalizeTags([...f.tags, t]) })
            }
          />
          {f.tags.length > 1 && (
            <select
              aria-label="Tags to match"
              value={f.match}
              onChange={(e) => setNotebookFilter({ match: e.target.value as 'all' | 'any' })}
            >
              <option value="any">Any of these tags</option>
              <option value="all">All of these tags</option>
            </select>
          )}
        </div>
        <div className="filter-colors" role="group" aria-label="Colours">
          {COLORS.map((c) => (
            <button
              key={c}
              type="button"
              className={`swatch swatch-${c}`}
              aria-label={`Only ${c}`}
              title={cap(c)}
              aria-pressed={f.colors.includes(c)}
              onClick={() =>
                setNotebookFilter({
                  colors: f.colors.includes(c) ? f.colors.filter((x) => x !== c) : [...f.colors, c],
                })
              }
            />
          ))}
        </div>
      </div>
      <div className="filter-row">
        <label>
          Article{' '}
          <LongMenu
            className="filter-article"
            value={f.articleId}
            onChange={(articleId) => setNotebookFilter({ articleId })}
            none="All articles"
            choices={articleChoices}
          />
        </label>
        <label>
          Source{' '}
          <select value={f.source} onChange={(e) => setNotebookFilter({ source: e.target.value })}>
            <option value="">All sources</option>
            {choices.sources.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
        <label>
          Dated from{' '}
          <input
            type="date"
            aria-label="Article dated from"
            value={f.from}
            onChange={(e) => setNotebookFilter({ from: e.target.value })}
          />
        </label>
        <label>
          to{' '}
          <input
            type="date"
            aria-label="Article dated to"
            value={f.to}
            onChange={(e) => setNotebookFilter({ to: e.target.value })}
          />
        </label>
        {narrowed && (
          <button
            type="button"
            className="link"
            onClick={() => setNotebookFilter({ ...EVERY_PASSAGE, sort: f.sort })}
          >
            Clear filters
          </button>
        )}
      </div>
    </div>
  );
}
