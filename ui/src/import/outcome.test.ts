import { describe, expect, it } from 'vitest';
import { annotatedName, filterCount, filterRows, withOpened, yearsNotice } from './outcome';
import type { ImportOutcome, ImportRow } from '../lib/types';

const row = (n: number, action: ImportRow['action']): ImportRow => ({ row: n, action, summary: `dòng ${n}`, changes: [] });

const outcome = (over: Partial<ImportOutcome> = {}): ImportOutcome => ({
  kind: 'tasks',
  sheet: 'KH',
  header_row: 4,
  dry_run: true,
  applied: false,
  created: 1,
  updated: 2,
  unchanged: 1,
  skipped: 0,
  problems: [],
  rows: [row(5, 'update'), row(6, 'create'), row(7, 'update'), row(8, 'unchanged')],
  unused_columns: [],
  opens_years: [],
  ...over,
});

describe('import outcome', () => {
  it('filters rows by what happens to them, a bounded number at a time', () => {
    const o = outcome();
    expect(filterRows(o.rows, 'update', 10).shown.map((r) => r.row)).toEqual([5, 7]);
    expect(filterRows(o.rows, 'all', 3)).toMatchObject({ more: 1 });
    expect(filterRows(o.rows, 'all', 3).shown).toHaveLength(3);
    expect(filterCount(o, 'update')).toBe(2);
    expect(filterCount(o, 'all')).toBe(4);
  });

  it('says which year it will open, then that it opened it', () => {
    expect(yearsNotice(outcome())).toBe('');
    expect(yearsNotice(outcome({ opens_years: [2027] }))).toMatch(/^Sẽ mở năm 2027/);
    expect(yearsNotice(outcome({ opens_years: [2027], applied: true, dry_run: false }))).toMatch(/^Đã mở năm 2027/);
  });

  it('names the annotated copy as an .xlsx beside the file, never the file itself', () => {
    expect(annotatedName('ke-hoach-2026.xlsx')).toBe('ke-hoach-2026 - đánh dấu lỗi.xlsx');
    expect(annotatedName('Thống kê quý I.XLS')).toBe('Thống kê quý I - đánh dấu lỗi.xlsx');
    expect(annotatedName('bao-cao.ods')).toBe('bao-cao - đánh dấu lỗi.xlsx');
    expect(annotatedName('')).toBe('tep-nhap - đánh dấu lỗi.xlsx');
  });

  it('adds the opened years to the working years, newest first', () => {
    expect(withOpened([2026, 2025], [2027])).toEqual([2027, 2026, 2025]);
    expect(withOpened([2026], [2026])).toEqual([2026]);
  });
});
