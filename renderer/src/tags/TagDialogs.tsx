/**
 * The tag manager's dialogs. Each says how many passages the change touches
 * before it is made; renaming to a name already in use asks again, since it
 * merges two tags into one.
 */
import { useEffect, useState } from 'react';
import { sameTag } from '@core/annotations/tags';
import { useStore } from '../store';
import { Dialog, FormActions } from '../app/Dialog';
import { plural } from '../ui/format';
import { COLORS, DESCRIPTION_MAX, type Color, type TagCount } from '@core/contract';
import { deleteTags, describeTag, existingTag, passagesTouched, renameTags, tagsStore } from './tagsStore';
import { tagListStore } from '../ui/tagList';

const close = () => tagsStore.set({ dialog: null });

/** The number of passages a change touches, counted when the dialog opens. */
function useTouched(kind: 'rename' | 'delete', tags: readonly string[]): number | null {
  const [n, setN] = useState<number | null>(null);
  const key = tags.join('\n');
  useEffect(() => {
    let live = true;
    setN(null); // never a count for other tags than those now chosen
    passagesTouched(kind, key.split('\n')).then(
      (x) => live && setN(x),
      () => live && setN(null),
    );
    return () => {
      live = false;
    };
  }, [kind, key]);
  return n;
}

const changes = (n: number | null) =>
  n === null ? 'Counting the passages…' : `${plural(n, 'passage')} will change.`;

/** A merge keeps the target's own colour and description (the merged tags' fill in only what it lacks). */
const keepsCode = (target: TagCount | undefined) =>
  target && (target.color || target.description)
    ? ` #${target.tag} keeps its own colour and description.`
    : '';

export function TagDialogs() {
  const dialog = useStore(tagsStore, (s) => s.dialog);
  if (!dialog) return null;
  if (dialog.kind === 'rename') return <RenameDialog key={dialog.tag} tag={dialog.tag} />;
  if (dialog.kind === 'merge') return <MergeDialog tags={dialog.tags} />;
  if (dialog.kind === 'describe') return <DescribeDialog key={dialog.tag} tag={dialog.tag} />;
  return <DeleteDialog tags={dialog.tags} />;
}

function RenameDialog({ tag }: { tag: string }) {
  const [name, setName] = useState(tag);
  const [confirming, setConfirming] = useState(false);
  const touched = useTouched('rename', [tag]);
  const target = name.trim().replace(/^#+/, '').trim();
  const other = target && !sameTag(target, tag) ? existingTag(target) : undefined;

  if (confirming && other) {
    return (
      <Dialog
        role="alertdialog"
        title={`Merge #${tag} into #${other.tag}?`}
        description={`#${other.tag} already exists (${plural(other.count, 'passage')}). ${changes(touched)} They will carry #${other.tag} instead of #${tag}.${keepsCode(other)}`}
        onClose={close}
        initialFocus="[data-cancel]"
      >
        <div className="modal-actions">
          <button type="button" data-cancel onClick={() => setConfirming(false)}>
            Back
          </button>
          <button type="button" className="primary" onClick={() => void renameTags([tag], other.tag)}>
            Merge
          </button>
        </div>
      </Dialog>
    );
  }
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    if (!target || target === tag) return close();
    if (other) setConfirming(true);
    else void renameTags([tag], target);
  };
  return (
    <Dialog
      title={`Rename #${tag}`}
      description={`${changes(touched)} Tags under it move with it.`}
      onClose={close}
    >
      <form onSubmit={submit}>
        <label className="field">
          <span>New name</span>
          <input type="text" value={name} onChange={(e) => setName(e.target.value)} autoFocus />
        </label>
        {other && <p className="tag-note">#{other.tag} already exists: renaming merges the two.</p>}
        <FormActions onCancel={close} submit={other ? 'Merge…' : 'Rename'} disabled={!target} />
      </form>
    </Dialog>
  );
}

function MergeDialog({ tags }: { tags: string[] }) {
  const all = useStore(tagListStore, (s) => s.tags);
  const [into, setInto] = useState(tags[0]);
  const target = into.trim().replace(/^#+/, '').trim();
  // Merging into one of the tags chosen leaves that one's passages as they are.
  const sources = tags.filter((t) => !sameTag(t, target));
  const touched = useTouched('rename', sources);
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    if (target && sources.length) void renameTags(sources, existingTag(target)?.tag ?? target);
  };
  return (
    <Dialog
      title={`Merge ${plural(tags.length, 'tag')}`}
      description={`${tags.map((t) => `#${t}`).join(', ')} become one tag. ${changes(touched)}${keepsCode(existingTag(target))}`}
      onClose={close}
    >
      <form onSubmit={submit}>
        <fieldset>
          <legend>Merge into</legend>
          {tags.map((t) => (
            <label key={t} className="choice">
              <input type="radio" name="into" checked={sameTag(into, t)} onChange={() => setInto(t)} />#{t}
            </label>
          ))}
          <label className="field">
            <span>or another name</span>
            <input
              type="text"
              aria-label="Merge into"
              value={into}
              onChange={(e) => setInto(e.target.value)}
              list="merge-tags"
            />
            <datalist id="merge-tags">
              {all.map((t) => (
                <option key={t.tag} value={t.tag} />
              ))}
            </datalist>
          </label>
        </fieldset>
        <FormActions onCancel={close} submit="Merge" disabled={!target || sources.length === 0} />
      </form>
    </Dialog>
  );
}

function DeleteDialog({ tags }: { tags: string[] }) {
  const touched = useTouched('delete', tags);
  const names = tags.map((t) => `#${t}`).join(', ');
  return (
    <Dialog
      role="alertdialog"
      title={tags.length === 1 ? `Delete #${tags[0]}?` : `Delete ${plural(tags.length, 'tag')}?`}
      description={`${names} will be removed from ${touched === null ? 'its passages' : plural(touched, 'passage')}. The passages stay, with their other tags and notes.`}
      onClose={close}
      initialFocus="[data-cancel]"
    >
      <div className="modal-actions">
        <button type="button" data-cancel onClick={close}>
          Cancel
        </button>
        <button type="button" className="danger" onClick={() => void deleteTags(tags)}>
          Delete
        </button>
      </div>
    </Dialog>
  );
}

const COLOR_NAMES: Record<Color, string> = {
  yellow: 'Yellow',
  green: 'Green',
  blue: 'Blue',
  pink: 'Pink',
  purple: 'Purple',
};

/** The codebook entry of one tag: a colour from the highlight palette (or none) and a description. */
function DescribeDialog({ tag }: { tag: string }) {
  const current = existingTag(tag);
  const [color, setColor] = useState<Color | null>(current?.color ?? null);
  const [description, setDescription] = useState(current?.description ?? '');
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    void describeTag(tag, color, description.trim());
  };
  return (
    <Dialog
      title={`Describe #${tag}`}
      description="Its colour marks the tag wherever it is shown; its description says what it means and when to use it."
      onClose={close}
    >
      <form onSubmit={submit}>
        <fieldset className="tag-colors">
          <legend>Colour</legend>
          <label className="choice">
            <input type="radio" name="tag-color" checked={color === null} onChange={() => setColor(null)} />
            None
          </label>
          {COLORS.map((c) => (
            <label key={c} className="choice">
              <input type="radio" name="tag-color" checked={color === c} onChange={() => setColor(c)} />
              <span className="tag-swatch" data-color={c} aria-hidden="true" />
              {COLOR_NAMES[c]}
            </label>
          ))}
        </fieldset>
        <label className="field">
          <span>Description</span>
          <textarea
            value={description}
            maxLength={DESCRIPTION_MAX}
            rows={4}
            onChange={(e) => setDescription(e.target.value)}
            placeholder="What the tag means; when to use it"
            autoFocus
          />
        </label>
        <div className="modal-actions">
          <button type="button" onClick={close}>
            Cancel
          </button>
          <button type="submit" className="primary">
            Save
          </button>
        </div>
      </form>
    </Dialog>
  );
}
