/**
 * The reading caret drawn where the selection's focus is in the article: a
 * collapsed selection in text that cannot be edited is invisible, so the
 * reader draws it (caret.ts moves it). Hidden from assistive technology,
 * which follows the selection itself.
 */
import { useEffect, useRef, useState, type RefObject } from 'react';
import { caretRect } from './caret';
import { useCssVars } from '../ui/useCssVars';

export function ReadingCaret({
  articleRef,
  contentRef,
}: {
  articleRef: RefObject<HTMLElement | null>;
  contentRef: RefObject<HTMLElement | null>;
}) {
  const [at, setAt] = useState<{ left: number; top: number; height: number } | null>(null);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const update = () => {
      const article = articleRef.current;
      const content = contentRef.current;
      setAt(article && content ? caretRect(article, content) : null);
    };
    update();
    document.addEventListener('selectionchange', update);
    window.addEventListener('resize', update);
    return () => {
      document.removeEventListener('selectionchange', update);
      window.removeEventListener('resize', update);
    };
  }, [articleRef, contentRef]);
  useCssVars(ref, at ? { '--x': at.left, '--y': at.top, '--h': at.height } : {});
  if (!at) return null;
  return <div ref={ref} className="reading-caret" aria-hidden="true" />;
}
