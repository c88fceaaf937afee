/** Unobtrusive messages: errors from main (role=alert) and confirmations (role=status). */
import { createStore } from '../store';
import { messageOf } from '../gloss';

export interface Toast {
  id: number;
  kind: 'error' | 'info';
  message: string;
  /** A button beside the message (Undo after a change across the library). */
  action?: ToastAction;
}
export interface ToastAction {
  label: string;
  run: () => void;
}

export const toastStore = createStore({ toasts: [] as Toast[] });
let nextId = 1;

export function dismissToast(id: number): void {
  toastStore.set((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) }));
}

/** Shows a toast; answers its id (to dismiss it once its action no longer applies). */
function push(kind: Toast['kind'], message: string, ms: number, action?: ToastAction): number {
  const id = nextId++;
  toastStore.set((s) => ({ toasts: [...s.toasts.slice(-3), { id, kind, message, action }] }));
  setTimeout(() => dismissToast(id), ms);
  return id;
}

export const showError = (err: unknown): void => void push('error', messageOf(err), 8000);
/** With an action, the toast stays longer: time to read it and decide. */
export const showInfo = (message: string, action?: ToastAction): number =>
  push('info', message, action ? 10000 : 4000, action);
