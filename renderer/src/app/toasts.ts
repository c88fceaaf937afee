/** Unobtrusive messages: errors from main (role=alert) and confirmations (role=status). */
import { createStore } from '../store';
import { messageOf } from '../gloss';

export interface Toast {
  id: number;
  kind: 'error' | 'info';
  message: string;
}

export const toastStore = createStore({ toasts: [] as Toast[] });
let nextId = 1;

export function dismissToast(id: number): void {
  toastStore.set((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) }));
}

function push(kind: Toast['kind'], message: string, ms: number): void {
  const id = nextId++;
  toastStore.set((s) => ({ toasts: [...s.toasts.slice(-3), { id, kind, message }] }));
  setTimeout(() => dismissToast(id), ms);
}

export const showError = (err: unknown): void => push('error', messageOf(err), 8000);
export const showInfo = (message: string): void => push('info', message, 4000);
