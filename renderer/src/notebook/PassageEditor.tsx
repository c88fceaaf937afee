/**
 * A passage's tags and note, edited in place in the notebook. Each tag added
 * or removed is saved at once; the note when the field is left or Done is
 * pressed. What is typed is kept as a draft meanwhile (annotations/drafts.ts),
 * so a reload or quit loses nothing.
 */
import { useEffect, useId, useRef, useState } from 'react';
import type { Annotation } from '@core/contract';
import { normalizeTags } from '@core/annotations/tags';
import { useTagList } from '../ui/tagList';
import { TagField } from '../ui/TagField';
import { clearDraft, typeDraft } from '../annotations/drafts';
import { editPassage, notebookStore } from './notebookStore';
import { TagChips } from '../ui/TagChips';
import { NoteField } from '../ui/NoteField';

export function PassageEditor({ a }: { a: Annotation }) {
  const tags = useTagList();
  const [note, setNote] = useState(a.note);
  const [tagText, setTagText] = useState('');
  const noteRef = useRef(note);
  noteRef.current = note;
  const ref = useRef<HTMLDivElement>(null);
  const draftKey = useId();

  useEffect(() => {
    typeDraft(draftKey, a.articleId, () => a.id, {
      note: note !== a.note ? note : undefined,
      tag: tagText.trim() || undefined,
    });
  }, [draftKey, a.articleId, a.id, a.note, note, tagText]);
  // An undo underneath changes the note: follow it.
  useEffect(() => setNote(a.note), [a.note]);
  useEffect(() => ref.current?.querySelector<HTMLElement>('input')?.focus(), []);

  const saveNote = () =>
    noteRef.current !== a.note ? editPassage(a.id, { note: noteRef.current }) : Promise.resolve();
  const done = () => {
    void saveNote().then(() => clearDraft(draftKey, a.articleId, a.id));
    notebookStore.set({ editing: null });
  };

  // A press outside the editor (not on its row's Edit button, which toggles it) closes it.
  useEffect(() => {
    const onDown = (e: MouseEvent) => {
      const t = e.target as Element | null;
      if (ref.current?.contains(t) || t?.closest?.('.passage-row.is-editing .passage-actions')) return;
      done();
    };
    document.addEventListener('mousedown', onDown);
    return () => document.removeEventListener('mousedown', onDown);
  });

  return (
    <div
      ref={ref}
      className="passage-editor popover"
      role="dialog"
      aria-label="Edit passage"
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          done();
        }
      }}
    >
      <div className="editor-tags">
        <TagChips
          tags={a.tags}
          onRemove={(t) => void editPassage(a.id, { tags: a.tags.filter((x) => x !== t) })}
        />
        <TagField
          label="Add tag"
          placeholder="Add tag…"
          tags={tags}
          except={a.tags}
          commitOnBlur
          onTyping={setTagText}
          onCommit={(t) => {
            const next = normalizeTags([...a.tags, ...t.split(',')]);
            if (next.length !== a.tags.length) void editPassage(a.id, { tags: next });
          }}
        />
      </div>
      <NoteField value={note} onChange={setNote} onSave={() => void saveNote()} onDone={done} />
      <div className="editor-actions">
        <span />
        <button type="button" className="primary" onClick={done}>
          Done
        </button>
      </div>
    </div>
  );
}
