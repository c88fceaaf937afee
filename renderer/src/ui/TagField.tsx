/** A text field for one tag, suggesting the library's tags; Enter (or a comma) commits what is typed. */
import { useId, useState } from 'react';
import type { TagCount } from '@core/contract';
import { sameTag } from '@core/annotations/tags';

export function TagField(props: {
  label: string;
  placeholder?: string;
  tags: readonly TagCount[];
  /** Tags not to suggest (already there). */
  except?: readonly string[];
  onCommit: (tag: string) => void;
  /** Also commit what is typed when the field loses focus. */
  commitOnBlur?: boolean;
  onTyping?: (text: string) => void;
  autoFocus?: boolean;
}) {
  const [text, setText] = useState('');
  // The suggestions are filled when the field is first focused: a library's thousands of tags
  // would otherwise be laid out in the first screen of every view that has a tag field.
  const [used, setUsed] = useState(props.autoFocus ?? false);
  const listId = useId();
  const set = (t: string) => {
    setText(t);
    props.onTyping?.(t);
  };
  const commit = () => {
    if (!text.trim()) return;
    props.onCommit(text.trim());
    set('');
  };
  return (
    <>
      <input
        type="text"
        aria-label={props.label}
        placeholder={props.placeholder ?? 'Tag…'}
        list={listId}
        value={text}
        autoFocus={props.autoFocus}
        onFocus={() => setUsed(true)}
        onChange={(e) => set(e.target.value)}
        onKeyDown={(e) => {
          if ((e.key === 'Enter' || e.key === ',') && text.trim()) {
            e.preventDefault();
            commit();
          }
        }}
        onBlur={() => props.commitOnBlur && commit()}
      />
      {/* Made anew when filled: in one pass, not option by option. */}
      <datalist id={listId} key={used && props.tags.length > 0 ? 'filled' : 'empty'}>
        {used &&
          props.tags
            .filter((t) => !props.except?.some((x) => sameTag(x, t.tag)))
            .map((t) => <option key={t.tag} value={t.tag} />)}
      </datalist>
    </>
  );
}
