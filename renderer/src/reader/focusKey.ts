/** The attribute naming the highlight (its local key) on the element that takes focus for it in the text. */
export const FOCUS_KEY_ATTR = 'data-focus-key';
