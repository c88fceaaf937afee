/**
 * The popover for one highlight: colour, tags (with autocomplete from every tag
 * in the library), note, delete. Each edit is saved at once.
 */
import { useEffect, useId, useLayoutEffect, useRef, useState } from 'react';
import { COLORS } from '@core/annotations/types';
import { useTagList } from '../ui/tagList';
import { useCssVars } from '../ui/useCssVars';
import { normalizeTags, sameTag } from '@core/annotations/tags';
import {
  annotationsStore,
  closeEditor,
  deleteAnnotation,
  updateAnnotation,
  type EditorFocus,
} from './annotationsStore';
import { clearDraft, typeDraft } from './drafts';
import { savedIdOf, type LocalAnnotation } from './localAnnotations';
import { FOCUS_KEY_ATTR } from '../reader/focusKey';
import { TagChips } from '../ui/TagChips';
import { NoteField } from '../ui/NoteField';
import { copyWithCitation } from '../ui/copyCitation';

export function AnnotationEditor(props: {
  annotation: LocalAnnotation;
  focus: EditorFocus;
  articleEl: HTMLElement | null;
  contentEl: HTMLElement | null;
}) {
  const a = props.annotation;
  const allTags = useTagList();
  const ref = useRef<HTMLDivElement>(null);
  const [pos, setPos] = useState({ x: 0, y: 0 });
  const [tagDraft, setTagDraft] = useState('');
  const [note, setNote] = useState(a.note);
  const listId = useId();
  const noteRef = useRef(note);
  noteRef.current = note;
  const tagRef = useRef(tagDraft);
  tagRef.current = tagDraft;
  const draftKey = useId();
  // A new highlight may still be unsaved: its draft is sent once main has given it an id.
  const savedId = () => savedIdOf(annotationsStore.get().items, a.key);

  // What is typed and not yet committed is saved as a draft, so a reload or quit loses nothing.
  useEffect(() => {
    typeDraft(draftKey, a.articleId, () => savedIdOf(annotationsStore.get().items, a.key), {
      note: note !== a.note ? note : undefined,
      tag: tagDraft.trim() || undefined,
    });
  }, [draftKey, a.articleId, a.key, a.note, note, tagDraft]);

  // Follow the note when main (or undo) changes it underneath us.
  useEffect(() => setNote(a.note), [a.note]);

  useLayoutEffect(() => {
    const marks = props.articleEl?.querySelectorAll(`[data-keys~="${CSS.escape(a.key)}"]`);
    const content = props.contentEl?.getBoundingClientRect();
    if (!marks?.length || !content) return;
    const last = marks[marks.length - 1].getBoundingClientRect();
    const x = Math.max(170, Math.min(content.width - 170, last.left + last.width / 2 - content.left));
    setPos({ x, y: last.bottom - content.top + 10 });
  }, [a.key, a.target.position.start, a.target.position.end, props.articleEl, props.contentEl]);
  useCssVars(ref, { '--x': pos.x, '--y': pos.y });

  useLayoutEffect(() => {
    // Before the next key press: what is typed right after T or N lands in the field.
    const box = ref.current;
    const target =
      props.focus === 'tags'
        ? box?.querySelector<HTMLElement>('input')
        : props.focus === 'note'
          ? box?.querySelector<HTMLElement>('textarea')
          : box?.querySelector<HTMLElement>('[aria-pressed="true"]');
    target?.focus({ preventScroll: true }); // the popover may not be placed yet
  }, [props.focus]);

  const saveNote = (): Promise<void> =>
    noteRef.current !== a.note ? updateAnnotation(a.key, { note: noteRef.current }) : Promise.resolve();
  const close = () => {
    const committed = [saveNote(), tagRef.current.trim() ? addTags(tagRef.current) : Promise.resolve()];
    const articleId = a.articleId;
    void Promise.all(committed).then(() => clearDraft(draftKey, articleId, savedId()));
    closeEditor();
    // Focus goes back to the highlight the editor was for (the press outside moves it on from there).
    props.articleEl
      ?.querySelector<HTMLElement>(`[${FOCUS_KEY_ATTR}="${CSS.escape(a.key)}"]`)
      ?.focus({ preventScroll: true });
  };

  // A press outside the popover (and outside any highlight) closes it.
  useEffect(() => {
    const onDown = (e: MouseEvent) => {
      const t = e.target as Element | null;
      if (ref.current?.contains(t) || t?.closest?.('mark.hl')) return;
      close();
    };
    document.addEventListener('mousedown', onDown);
    return () => document.removeEventListener('mousedown', onDown);
  });

  const addTags = (raw: string): Promise<void> => {
    const next = normalizeTags([...a.tags, ...raw.split(',')]);
    setTagDraft('');
    return next.length !== a.tags.length ? updateAnnotation(a.key, { tags: next }) : Promise.resolve();
  };

  return (
    <div
      ref={ref}
      className="annotation-editor popover"
      role="dialog"
      aria-label="Edit highlight"
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          close();
        }
      }}
    >
      <blockquote className="editor-quote">{a.target.quote.exact || '…'}</blockquote>
      <div className="editor-colors" role="group" aria-label="Colour">
        {COLORS.map((c) => (
          <button
            key={c}
            type="button"
            className={`swatch swatch-${c}`}
            aria-label={c[0].toUpperCase() + c.slice(1)}
            aria-pressed={a.color === c}
            onClick={() => void updateAnnotation(a.key, { color: c })}
          />
        ))}
      </div>
      <div className="editor-tags">
        <TagChips
          tags={a.tags}
          onRemove={(t) => void updateAnnotation(a.key, { tags: a.tags.filter((x) => x !== t) })}
        />
        <input
          type="text"
          aria-label="Add tag"
          placeholder="Add tag…"
          list={listId}
          value={tagDraft}
          onChange={(e) => setTagDraft(e.target.value)}
          onKeyDown={(e) => {
            if ((e.key === 'Enter' || e.key === ',') && tagDraft.trim()) {
              e.preventDefault();
              void addTags(tagDraft);
            }
          }}
          onBlur={() => void (tagDraft.trim() && addTags(tagDraft))}
        />
        <datalist id={listId}>
          {allTags
            .filter((t) => !a.tags.some((x) => sameTag(x, t.tag)))
            .map((t) => (
              <option key={t.tag} value={t.tag} />
            ))}
        </datalist>
      </div>
      <NoteField value={note} onChange={setNote} onSave={() => void saveNote()} onDone={close} />
      <div className="editor-actions">
        <button
          type="button"
          className="danger-text"
          onClick={() => {
            void deleteAnnotation(a.key, { undoable: true });
            props.articleEl?.focus({ preventScroll: true });
          }}
        >
          Delete highlight
        </button>
        <button
          type="button"
          title="Copy with citation (Ctrl/Cmd+Shift+C)"
          disabled={!!a.unsaved}
          onClick={() => void copyWithCitation([{ articleId: a.articleId, id: a.id }])}
        >
          Copy with citation
        </button>
        <button type="button" className="primary" onClick={close}>
          Done
        </button>
      </div>
    </div>
  );
}
