// Keyboard focus inside dialogs: where it starts, and Tab kept inside while the dialog is open.

const FOCUSABLE = [
  'a[href]',
  'button:not([disabled])',
  'input:not([disabled]):not([type="hidden"])',
  'select:not([disabled])',
  'textarea:not([disabled])',
  '[tabindex]:not([tabindex="-1"])',
].join(',');

/** What Tab can reach inside `root`, in order; hidden elements are left out. */
export function focusables(root: HTMLElement): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>(FOCUSABLE)].filter(
    // checkVisibility is missing from older webviews (and jsdom): then only [hidden] counts.
    (el) => !el.closest('[hidden], [inert]') && (el.checkVisibility?.() ?? true),
  );
}

/** The first field to type in (an input, a list, a text box), else the first button. */
export function firstField(root: HTMLElement): HTMLElement | null {
  const all = focusables(root);
  return all.find((el) => /^(INPUT|SELECT|TEXTAREA)$/.test(el.tagName) && !(el as HTMLInputElement).readOnly) ?? all[0] ?? null;
}

/** Keeps Tab and Shift+Tab inside `root`: past the last element it comes back to the first. */
export function trapTab(root: HTMLElement, event: KeyboardEvent): void {
  if (event.key !== 'Tab') return;
  const all = focusables(root);
  if (all.length === 0) {
    event.preventDefault();
    root.focus();
    return;
  }
  const first = all[0];
  const last = all[all.length - 1];
  const active = root.ownerDocument.activeElement as HTMLElement | null;
  const inside = !!active && root.contains(active);
  if (event.shiftKey && (!inside || active === first)) {
    event.preventDefault();
    last.focus();
  } else if (!event.shiftKey && (!inside || active === last)) {
    event.preventDefault();
    first.focus();
  }
}
