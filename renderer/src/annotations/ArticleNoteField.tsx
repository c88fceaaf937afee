/**
 * The note on the whole article, at the top of the panel: saved as it is
 * typed (a moment after the last keystroke) and at once when the page may go
 * away, like every other draft.
 */
import { useEffect, useRef, useState } from 'react';
import { gloss } from '../gloss';
import { showError } from '../app/toasts';
import { DRAFT_DEBOUNCE_MS, registerFlush, sentTyping, typedUnsent } from './drafts';
import { onArticleNoteChanged } from './articleNoteChanges';

export function ArticleNoteField({ articleId }: { articleId: string }) {
  const [text, setText] = useState('');
  const [loaded, setLoaded] = useState(false);
  const saved = useRef('');
  const latest = useRef('');
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);

  useEffect(() => {
    let live = true;
    setLoaded(false);
    gloss()
      .getArticleNote({ articleId })
      .then((note) => {
        if (!live) return;
        saved.current = latest.current = note?.text ?? '';
        setText(saved.current);
        setLoaded(true);
      }, showError);
    return () => {
      live = false;
    };
  }, [articleId]);

  // Changed elsewhere (a Markdown sync): shown, and taken as saved, unless the user is typing here.
  useEffect(
    () =>
      onArticleNoteChanged((id, changed) => {
        if (id !== articleId || latest.current !== saved.current) return;
        saved.current = latest.current = changed;
        setText(changed);
      }),
    [articleId],
  );

  useEffect(() => {
    const save = (): Promise<void> => {
      clearTimeout(timer.current);
      const value = latest.current;
      if (value === saved.current) return Promise.resolve();
      saved.current = value;
      return gloss()
        .setArticleNote({ articleId, text: value })
        .then(() => undefined, showError);
    };
    const unregister = registerFlush(save, () => latest.current !== saved.current);
    return () => {
      unregister();
      void save(); // leaving the article saves what was typed
    };
  }, [articleId]);

  return (
    <label className="article-note">
      <span>Note on this article</span>
      <textarea
        rows={2}
        placeholder={loaded ? 'Why it matters, what to check…' : ''}
        disabled={!loaded}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          latest.current = e.target.value;
          typedUnsent();
          clearTimeout(timer.current);
          timer.current = setTimeout(() => {
            void gloss()
              .setArticleNote({ articleId, text: (saved.current = latest.current) })
              .catch(showError);
            sentTyping();
          }, DRAFT_DEBOUNCE_MS);
        }}
      />
    </label>
  );
}
