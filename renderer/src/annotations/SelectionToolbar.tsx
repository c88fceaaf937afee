/** The floating toolbar over a text selection: five colours, Tag and Note. */
import { useRef } from 'react';
import { COLORS } from '@core/annotations/types';
import type { ReaderSelection } from '../reader/readerStore';
import { useCssVars } from '../ui/useCssVars';
import { copyWithCitation } from '../ui/copyCitation';
import { readerStore } from '../reader/readerStore';
import { highlightSelection } from './actions';

export function SelectionToolbar({ selection }: { selection: ReaderSelection }) {
  const ref = useRef<HTMLDivElement>(null);
  useCssVars(ref, { '--x': selection.x, '--y': selection.y });
  // Keep the text selection alive while the pointer presses a button.
  const keep = (e: React.MouseEvent) => e.preventDefault();
  return (
    <div
      ref={ref}
      className={`selection-toolbar popover ${selection.below ? 'below' : 'above'}`}
      role="toolbar"
      aria-label="Highlight"
      onMouseDown={keep}
    >
      {COLORS.map((c) => (
        <button
          key={c}
          type="button"
          className={`swatch swatch-${c}`}
          aria-label={`Highlight ${c}`}
          title={`Highlight ${c}`}
          onClick={() => void highlightSelection(c)}
        />
      ))}
      <span className="divider" aria-hidden="true" />
      <button type="button" className="text" onClick={() => void highlightSelection(undefined, 'tags')}>
        Tag
      </button>
      <button type="button" className="text" onClick={() => void highlightSelection(undefined, 'note')}>
        Note
      </button>
      <span className="divider" aria-hidden="true" />
      <button
        type="button"
        className="text"
        title="Copy with citation (Ctrl/Cmd+Shift+C)"
        onClick={() => {
          const article = readerStore.get().article;
          if (article)
            void copyWithCitation([{ articleId: article.id, start: selection.start, end: selection.end }]);
        }}
      >
        Cite
      </button>
    </div>
  );
}
