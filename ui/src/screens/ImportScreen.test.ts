import { describe, expect, it } from 'vitest';
import { fireEvent, render, screen } from '@testing-library/svelte';
import { mockIPC } from '@tauri-apps/api/mocks';
import ImportScreen from './ImportScreen.svelte';
import { startSession } from '../lib/app.svelte';
import { session } from '../test/fixtures';
import type { ImportOutcome } from '../lib/types';

const outcome = (over: Partial<ImportOutcome>): ImportOutcome => ({
  kind: 'tasks',
  sheet: 'Sheet1',
  header_row: 4,
  dry_run: true,
  applied: false,
  created: 3,
  updated: 0,
  unchanged: 0,
  skipped: 2,
  problems: [],
  rows: [{ row: 7, action: 'create', summary: '1 Ban hành Kế hoạch CCHC năm 2026', changes: [] }],
  unused_columns: [],
  opens_years: [],
  ...over,
});

async function check() {
  await fireEvent.input(document.getElementById('import-path')!, { target: { value: '/tmp/ke-hoach.xlsx' } });
  await fireEvent.click(screen.getByText('Kiểm tra tệp'));
}

describe('ImportScreen', () => {
  it('shows the problems of a file with errors and offers no import', async () => {
    startSession(session('officer'));
    mockIPC(
      (cmd) => {
        if (cmd === 'import_file')
          return outcome({
            problems: [{ sheet: 'Sheet1', row: 7, column: 'E', severity: 'error', message: 'Không đọc được thời hạn “khi nào xong”.' }],
          });
      },
      { shouldMockEvents: true },
    );
    render(ImportScreen);
    await check();
    expect(await screen.findByText('Không đọc được thời hạn “khi nào xong”.')).toBeInTheDocument();
    expect(screen.getByText(/Tệp có 1 lỗi/)).toBeInTheDocument();
    expect(document.getElementById('import-confirm')).toBeNull();
  });

  it('checks first, then imports for real on confirmation', async () => {
    startSession(session('officer'));
    const calls: { dryRun: boolean }[] = [];
    mockIPC(
      (cmd, args) => {
        if (cmd === 'import_file') {
          const a = args as { dryRun: boolean; kind: string; path: string; year: number };
          calls.push({ dryRun: a.dryRun });
          expect(a).toMatchObject({ kind: 'tasks', path: '/tmp/ke-hoach.xlsx', year: 2026 });
          return outcome({ dry_run: a.dryRun, applied: !a.dryRun });
        }
      },
      { shouldMockEvents: true },
    );
    render(ImportScreen);
    await check();
    await fireEvent.click(await screen.findByText('Nhập 3 dòng vào dữ liệu năm 2026'));
    expect(await screen.findByText(/Đã nhập: tạo mới 3/)).toBeInTheDocument();
    expect(calls).toEqual([{ dryRun: true }, { dryRun: false }]);
  });
});
