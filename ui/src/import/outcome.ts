// What an import's outcome says, as the Import screen words it: the action of each row, the
// years it opens, the rows a filter shows, and the name offered for the annotated copy.

import type { ImportAction, ImportOutcome, ImportRow } from '../lib/types';

export const ACTION_LABEL: Record<ImportAction, string> = {
  create: 'Tạo mới',
  update: 'Cập nhật',
  unchanged: 'Giữ nguyên',
  skip: 'Bỏ qua',
};

/** The row filters, in the order the screen offers them. */
export type RowFilter = 'all' | ImportAction;
export const FILTERS: RowFilter[] = ['all', 'update', 'create', 'unchanged', 'skip'];

/** How many rows a filter holds. */
export function filterCount(o: ImportOutcome, f: RowFilter): number {
  switch (f) {
    case 'all':
      return o.rows.length;
    case 'create':
      return o.created;
    case 'update':
      return o.updated;
    case 'unchanged':
      return o.unchanged;
    case 'skip':
      return o.skipped;
  }
}

/** The rows a filter shows, at most `limit` of them (a file may hold 100 000). */
export function filterRows(rows: ImportRow[], f: RowFilter, limit: number): { shown: ImportRow[]; more: number } {
  const all = f === 'all' ? rows : rows.filter((r) => r.action === f);
  return { shown: all.slice(0, limit), more: Math.max(0, all.length - limit) };
}

/** "Sẽ mở năm 2027" before, "Đã mở năm 2027" after; empty when no year is opened. */
export function yearsNotice(o: ImportOutcome): string {
  if (o.opens_years.length === 0) return '';
  const years = o.opens_years.join(', ');
  return o.applied
    ? `Đã mở năm ${years}: năm này đã có trong danh sách năm làm việc.`
    : `Sẽ mở năm ${years}: xã chưa có dữ liệu năm này; khi nhập, năm được thêm vào danh sách năm làm việc.`;
}

/** "ke-hoach.xls" → "ke-hoach - đánh dấu lỗi.xlsx": always an .xlsx, never the file's own name. */
export function annotatedName(fileName: string): string {
  const base = fileName.replace(/\.(xlsx|xlsm|xls|ods|xlsb)$/i, '').trim() || 'tep-nhap';
  return `${base} - đánh dấu lỗi.xlsx`;
}

/** The working years after an import opened `opened`, newest first as the year selector lists them. */
export function withOpened(years: number[], opened: number[]): number[] {
  return [...new Set([...years, ...opened])].sort((a, b) => b - a);
}
