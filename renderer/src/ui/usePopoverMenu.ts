/**
 * A button that opens a popover of buttons (the reader bar's Contents and
 * Version menus). A click outside or focus leaving closes it; Escape closes it
 * and gives focus back to the button; arrow keys, Home and End move between
 * the popover's buttons.
 */
import { useCallback, useEffect, useRef, useState } from 'react';

export function usePopoverMenu(itemSelector: string) {
  const [open, setOpen] = useState(false);
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);

  const items = useCallback(
    () => Array.from(rootRef.current?.querySelectorAll<HTMLButtonElement>(itemSelector) ?? []),
    [itemSelector],
  );
  const close = useCallback((refocus: boolean) => {
    setOpen(false);
    if (refocus) buttonRef.current?.focus();
  }, []);

  useEffect(() => {
    if (!open) return;
    const onPointer = (e: MouseEvent) => {
      if (!rootRef.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', onPointer);
    return () => document.removeEventListener('mousedown', onPointer);
  }, [open]);

  /** On the popover. */
  const onPopoverKeyDown = (e: React.KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      close(true);
      return;
    }
    const buttons = items();
    const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
    const last = buttons.length - 1;
    const moves: Record<string, number> = {
      ArrowDown: Math.min(last, at + 1),
      ArrowUp: Math.max(0, at - 1),
      Home: 0,
      End: last,
    };
    const to = moves[e.key];
    if (to === undefined || at < 0) return;
    e.preventDefault();
    buttons[to]?.focus();
  };

  /** On the root element: Tab away (focus leaving the menu) closes it. */
  const onRootBlur = (e: React.FocusEvent) => {
    if (open && e.relatedTarget && !rootRef.current?.contains(e.relatedTarget as Node)) setOpen(false);
  };

  return { open, setOpen, close, rootRef, buttonRef, items, onPopoverKeyDown, onRootBlur };
}
