// Numbers and dates as Vietnamese documents print them: 1.296; 99,9%; 05/01/2026.

const int = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 0 });
const dec = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 2 });

export const formatInt = (n: number) => int.format(n);
export const formatDecimal = (n: number) => dec.format(n);

/** One decimal, as reports round; "—" when there is nothing to divide by. */
export function formatPct(x: number | null | undefined): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return '—';
  return `${new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 1 }).format(x)}%`;
}

/** "2026-01-05 08:30:00" → "05/01/2026 08:30". */
export function formatDateTime(s: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})/.exec(s);
  return m ? `${m[3]}/${m[2]}/${m[1]} ${m[4]}:${m[5]}` : s;
}

/** "2026-01-05" → "05/01/2026"; empty for none. */
export function formatDate(iso: string | null | undefined): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso ?? '');
  return m ? `${m[3]}/${m[2]}/${m[1]}` : '';
}

/** The gap of a rate to its target: "Đạt chỉ tiêu" or "Thiếu 0,1%"; empty without a rate. */
export function gapText(gap: number | null | undefined): string {
  if (gap === null || gap === undefined) return '';
  return gap >= 0 ? 'Đạt chỉ tiêu' : `Thiếu ${formatPct(-gap)}`;
}

/** "còn 5 ngày", "hôm nay", "quá 3 ngày". */
export function daysLeftText(days: number | null | undefined): string {
  if (days === null || days === undefined) return '';
  if (days === 0) return 'hôm nay';
  return days > 0 ? `còn ${days} ngày` : `quá ${-days} ngày`;
}
