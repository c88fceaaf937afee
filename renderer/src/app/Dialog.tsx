/**
 * An accessible modal: role=dialog (or alertdialog), named by its title,
 * focus moved in on open and given back on close, Tab kept inside, Escape closes.
 */
import { useEffect, useId, useLayoutEffect, useRef, type ReactNode } from 'react';

/**
 * The dialogs on screen. The app's key handler asks on every key whether one is open: a
 * `[aria-modal]` query walked the whole page for it (0.5 ms of the H key's task with a long
 * book's panel in the page, bench add-highlight).
 */
let openDialogs = 0;
export const modalOpen = (): boolean => openDialogs > 0;

const FOCUSABLE =
  'button:not([disabled]), [href], input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

export function Dialog(props: {
  title: string;
  role?: 'dialog' | 'alertdialog';
  onClose: () => void;
  children: ReactNode;
  className?: string;
  /** Selector of the element to focus first (default: the first focusable). */
  initialFocus?: string;
  description?: string;
}) {
  const titleId = useId();
  const descId = useId();
  const ref = useRef<HTMLDivElement>(null);
  const onClose = useRef(props.onClose);
  onClose.current = props.onClose;

  useLayoutEffect(() => {
    openDialogs++;
    return () => {
      openDialogs--;
    };
  }, []);

  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null;
    const box = ref.current;
    const first =
      (props.initialFocus && box?.querySelector<HTMLElement>(props.initialFocus)) ||
      box?.querySelector<HTMLElement>(FOCUSABLE);
    (first ?? box)?.focus();
    return () => {
      if (previous && document.contains(previous)) previous.focus();
    };
    // Focus once, when the dialog opens.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  // Escape closes the topmost dialog wherever focus is (a button that just
  // disabled itself leaves focus on <body>).
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape' || e.defaultPrevented) return;
      const open = document.querySelectorAll('[aria-modal="true"]');
      if (open[open.length - 1] !== ref.current) return;
      e.preventDefault();
      e.stopPropagation();
      onClose.current();
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, []);

  const onKeyDown = (e: React.KeyboardEvent) => {
    if (e.key === 'Tab' && ref.current) {
      const items = Array.from(ref.current.querySelectorAll<HTMLElement>(FOCUSABLE));
      if (items.length === 0) return;
      const first = items[0];
      const last = items[items.length - 1];
      if (e.shiftKey && document.activeElement === first) {
        e.preventDefault();
        last.focus();
      } else if (!e.shiftKey && document.activeElement === last) {
        e.preventDefault();
        first.focus();
      }
    }
  };

  return (
    <div className="modal-backdrop" onMouseDown={(e) => e.target === e.currentTarget && props.onClose()}>
      <div
        ref={ref}
        className={`modal ${props.className ?? ''}`}
        role={props.role ?? 'dialog'}
        aria-modal="true"
        aria-labelledby={titleId}
        aria-describedby={props.description ? descId : undefined}
        tabIndex={-1}
        onKeyDown={onKeyDown}
      >
        <h2 id={titleId} className="modal-title">
          {props.title}
        </h2>
        {props.description && (
          <p id={descId} className="modal-description">
            {props.description}
          </p>
        )}
        {props.children}
      </div>
    </div>
  );
}

/** A form dialog's last lines: its error, if any, then Cancel and the submit button. */
export function FormActions(props: {
  onCancel: () => void;
  /** The submit button's label. */
  submit: string;
  disabled?: boolean;
  error?: string | null;
}) {
  return (
    <>
      {props.error && (
        <p className="form-error" role="alert">
          {props.error}
        </p>
      )}
      <div className="modal-actions">
        <button type="button" onClick={props.onCancel}>
          Cancel
        </button>
        <button type="submit" className="primary" disabled={props.disabled}>
          {props.submit}
        </button>
      </div>
    </>
  );
}
