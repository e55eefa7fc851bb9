// Checks of a form's shape before it is sent; the rules themselves are checked in core.

/** A year typed in a number box, or the Vietnamese reason it is not one. */
export function readYear(value: unknown): { year: number } | { error: string } {
  const n = typeof value === 'number' ? value : Number(String(value ?? '').trim());
  if (!Number.isInteger(n) || String(value ?? '').trim() === '') {
    return { error: 'Năm làm việc phải là một số nguyên, ví dụ 2026.' };
  }
  return { year: n };
}

export function passwordsMatch(password: string, confirm: string): string {
  return password === confirm ? '' : 'Hai lần nhập mật khẩu không khớp nhau.';
}

/** "5/3/2026", "05/03/2026", "05-03-2026" → "2026-03-05"; '' for empty; null when not a real date. */
export function parseDate(text: string): string | null {
  const t = text.trim();
  if (!t) return '';
  const m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(t);
  if (!m) return null;
  const [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null;
  return `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}
