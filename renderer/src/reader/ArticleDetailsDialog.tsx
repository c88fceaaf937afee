/**
 * Correct what a citation says of the article — title, author, date, source,
 * address — when the page got it wrong. What the import found stays beside
 * each corrected field, and can be gone back to.
 */
import { useState } from 'react';
import type { Article } from '@core/contract';
import type { EditableMeta } from '@core/document/types';
import { Dialog, FormActions } from '../app/Dialog';
import { gloss, messageOf } from '../gloss';
import { refreshLibrary } from '../library/libraryStore';
import { readerStore } from './readerStore';
import { withSharedBlockTexts } from './sharedText';

const FIELDS: { key: EditableMeta; label: string; hint?: string; type?: string }[] = [
  { key: 'title', label: 'Title' },
  { key: 'byline', label: 'Author(s)' },
  { key: 'published', label: 'Published', hint: 'YYYY-MM-DD' },
  { key: 'source', label: 'Source' },
  { key: 'url', label: 'Web address', type: 'url' },
];

/**
 * A field's value as the form shows it: a published timestamp as its date, as the field asks
 * (`2024-03-05T07:30:00Z` → `2024-03-05`, the date where it was published). Left as it is, a field is
 * not sent: the stored timestamp stays.
 */
const shown = (key: EditableMeta, value: string | null | undefined): string =>
  value == null ? '' : key === 'published' && /^\d{4}-\d\d-\d\d[T ]/.test(value) ? value.slice(0, 10) : value;

export function ArticleDetailsDialog({ article, onClose }: { article: Article; onClose: () => void }) {
  const [values, setValues] = useState<Record<EditableMeta, string>>(
    () =>
      Object.fromEntries(FIELDS.map((f) => [f.key, shown(f.key, article.meta[f.key])])) as Record<
        EditableMeta,
        string
      >,
  );
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  const save = async (changes: Partial<Record<EditableMeta, string | null>>) => {
    setBusy(true);
    try {
      await gloss().updateArticleMeta({ id: article.id, ...changes });
      const fresh = await gloss().getArticle({ id: article.id });
      if (readerStore.get().article?.id === article.id)
        readerStore.set({ article: withSharedBlockTexts(fresh) });
      void refreshLibrary();
      onClose();
    } catch (err) {
      setError(messageOf(err));
      setBusy(false);
    }
  };

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const changes: Partial<Record<EditableMeta, string>> = {};
    for (const f of FIELDS)
      if (values[f.key].trim() !== shown(f.key, article.meta[f.key])) changes[f.key] = values[f.key].trim();
    if (Object.keys(changes).length === 0) return onClose();
    void save(changes);
  };

  return (
    <Dialog
      title="Article details"
      onClose={onClose}
      className="details"
      description="Corrections are used in the library, in citations and in every export."
    >
      <form onSubmit={submit}>
        {FIELDS.map((f) => {
          const found = article.extracted?.[f.key];
          return (
            <label key={f.key} className="field">
              <span>{f.label}</span>
              <input
                type={f.type ?? 'text'}
                name={f.key}
                value={values[f.key]}
                placeholder={f.hint}
                onChange={(e) => setValues((v) => ({ ...v, [f.key]: e.target.value }))}
              />
              {found !== undefined && (
                <span className="field-note">
                  Imported as {found === null ? 'nothing' : `“${shown(f.key, found)}”`}.{' '}
                  <button
                    type="button"
                    className="link"
                    disabled={busy}
                    onClick={() => void save({ [f.key]: null })}
                  >
                    Restore
                  </button>
                </span>
              )}
            </label>
          );
        })}
        <FormActions onCancel={onClose} submit="Save" disabled={busy} error={error} />
      </form>
    </Dialog>
  );
}
