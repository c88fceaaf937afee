/** A passage's note field: saved when it loses focus; Ctrl/Cmd+Enter is Done (the highlight editor and the notebook's passage editor). */
export function NoteField(props: {
  value: string;
  onChange: (note: string) => void;
  onSave: () => void;
  onDone: () => void;
}) {
  return (
    <textarea
      aria-label="Note"
      placeholder="Write a note…"
      rows={3}
      value={props.value}
      onChange={(e) => props.onChange(e.target.value)}
      onBlur={props.onSave}
      onKeyDown={(e) => {
        if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
          e.preventDefault();
          props.onDone();
        }
      }}
    />
  );
}
