import { useLayoutEffect, type RefObject } from 'react';

/**
 * Position things through CSS custom properties set with the CSSOM: the CSP
 * forbids style attributes in markup, not style.setProperty.
 */
export function useCssVars(
  ref: RefObject<HTMLElement | null>,
  vars: Record<string, string | number | undefined>,
): void {
  const key = JSON.stringify(vars);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    for (const [k, v] of Object.entries(vars)) {
      if (v === undefined) el.style.removeProperty(k);
      else el.style.setProperty(k, typeof v === 'number' ? `${v}px` : v);
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [ref, key]);
}
