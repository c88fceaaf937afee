/**
 * Main's events for the app shell (menu commands, import progress, store
 * warnings), subscribed to once, before React renders. The shell's handler
 * is registered when App mounts, later; what main sends in between — a menu
 * command chosen while the window is still starting — waits for it instead of
 * being lost. (flush-drafts is answered by annotations/drafts.ts itself.)
 */
import type { GlossEvent } from '@core/contract';
import { gloss } from '../gloss';

type Handler = (e: GlossEvent) => void;

/** Events kept for the shell before it mounts; more would be a stuck start-up, not a user. */
const EARLY_MAX = 100;

let handler: Handler | null = null;
const early: GlossEvent[] = [];

export function listenToMain(): () => void {
  return gloss().onEvent((e) => {
    if (e.type === 'flush-drafts') return;
    if (handler) handler(e);
    else if (early.length < EARLY_MAX) early.push(e);
  });
}

/** The shell's handler: given what came before it, then every event; the returned function removes it. */
export function handleMainEvents(h: Handler): () => void {
  handler = h;
  for (const e of early.splice(0)) h(e);
  return () => {
    if (handler === h) handler = null;
  };
}
