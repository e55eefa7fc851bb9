// Feedback where the user is looking: a short message at the bottom of the window, whatever
// the scroll position, instead of a line at the top of a long screen.

export interface Toast {
  id: number;
  text: string;
  kind: 'ok' | 'error';
}

export const toasts = $state<Toast[]>([]);
let next = 1;

/** Shows `text` for a few seconds (errors stay until closed). */
export function toast(text: string, kind: Toast['kind'] = 'ok'): void {
  if (!text) return;
  const id = next++;
  toasts.push({ id, text, kind });
  if (kind === 'ok') setTimeout(() => dismiss(id), 6000);
}

export function dismiss(id: number): void {
  const i = toasts.findIndex((t) => t.id === id);
  if (i >= 0) toasts.splice(i, 1);
}
