/**
 * A menu of thousands of choices (every article, every tag) that holds only
 * the chosen one until it is first used — focused, pressed or keyed. Chromium
 * sizes a <select> by measuring every option's text: 4,000 tags cost the
 * library a second of layout under load right after its rows were painted,
 * and the notebook's 10,000 articles likewise, so the first key pressed
 * waited behind menus nobody had opened.
 *
 * The options are made by hand, not by React: a menu already on screen would
 * get its thousands of options inserted one by one, each looking for its next
 * sibling (300 ms at 10,000; see React's getHostSibling), and made anew it would
 * be a new element under the pointer that pressed it. React renders the select
 * alone; the options are replaced in one pass whenever what the menu shows changes.
 */
import { useLayoutEffect, useRef, useState, type SelectHTMLAttributes } from 'react';

export interface MenuChoice {
  value: string;
  label: string;
}

interface Props extends Omit<SelectHTMLAttributes<HTMLSelectElement>, 'value' | 'onChange' | 'children'> {
  value: string;
  onChange: (value: string) => void;
  /** The first option, for no choice (value ''): "All articles", "Any tag". */
  none: string;
  choices: readonly MenuChoice[];
}

export function LongMenu({
  value,
  onChange,
  none,
  choices,
  onFocus,
  onPointerDown,
  onKeyDown,
  ...rest
}: Props) {
  const ref = useRef<HTMLSelectElement>(null);
  const [used, setUsed] = useState(false);

  // Until used, the options shown follow the choice; once used, only the choices.
  const shownFor = used ? null : value;
  useLayoutEffect(() => {
    const shown = shownFor === null ? choices : choices.filter((c) => c.value === shownFor);
    ref.current!.replaceChildren(new Option(none, ''), ...shown.map((c) => new Option(c.label, c.value)));
  }, [shownFor, choices, none]);
  useLayoutEffect(() => {
    ref.current!.value = value;
  }, [value, shownFor, choices, none]);

  return (
    <select
      {...rest}
      ref={ref}
      onChange={(e) => onChange(e.target.value)}
      // Filled before the browser's own handling of the event opens the list or moves the choice.
      onFocus={(e) => {
        setUsed(true);
        onFocus?.(e);
      }}
      onPointerDown={(e) => {
        setUsed(true);
        onPointerDown?.(e);
      }}
      onKeyDown={(e) => {
        setUsed(true);
        onKeyDown?.(e);
      }}
    />
  );
}
