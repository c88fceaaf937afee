/** One tag as a chip: `#name`, drawn in its codebook colour, its description as tooltip and accessible description. */
import type { ReactNode } from 'react';
import { useTagLook } from './tagCodebook';

export function TagChip({ tag, children }: { tag: string; children?: ReactNode }) {
  const { color, description } = useTagLook(tag);
  return (
    <li className="tag" data-color={color} title={description} aria-description={description}>
      #{tag}
      {children}
    </li>
  );
}
