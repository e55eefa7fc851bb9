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
