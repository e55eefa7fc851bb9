import { describe, expect, it } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { mockIPC } from '@tauri-apps/api/mocks';
import ImportScreen from './ImportScreen.svelte';
import { app, startSession } from '../lib/app.svelte';
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

const YEARS = [
  { year: 2027, kept: false },
  { year: 2026, kept: true },
  { year: 2025, kept: true },
];

/** The backend: `import_years` answered, then whatever the test adds. */
function backend(handlers: Record<string, (args: Record<string, unknown>) => unknown>) {
  const calls: { cmd: string; args: Record<string, unknown> }[] = [];
  mockIPC(
    (cmd, args) => {
      const a = (args ?? {}) as Record<string, unknown>;
      calls.push({ cmd, args: a });
      if (cmd === 'import_years') return YEARS;
      return handlers[cmd]?.(a);
    },
    { shouldMockEvents: true },
  );
  return calls;
}

async function check() {
  await fireEvent.input(document.getElementById('import-path')!, { target: { value: '/tmp/ke-hoach.xlsx' } });
  await fireEvent.click(screen.getByText('Kiểm tra tệp'));
}

describe('ImportScreen', () => {
  it('shows the problems of a file with errors and offers no import', async () => {
    startSession(session('officer'));
    backend({
      import_file: () =>
        outcome({
          problems: [{ sheet: 'Sheet1', row: 7, column: 'E', severity: 'error', message: 'Không đọc được thời hạn “khi nào xong”.' }],
        }),
    });
    render(ImportScreen);
    await check();
    expect(await screen.findByText('Không đọc được thời hạn “khi nào xong”.')).toBeInTheDocument();
    expect(screen.getByText(/Tệp có 1 lỗi/)).toBeInTheDocument();
    expect(document.getElementById('import-confirm')).toBeNull();
    expect(document.getElementById('import-annotate')).not.toBeNull();
  });

  it('checks first, then imports for real on confirmation', async () => {
    startSession(session('officer'));
    const calls = backend({
      import_file: (a) => {
        expect(a).toMatchObject({ kind: 'tasks', path: '/tmp/ke-hoach.xlsx', year: 2026 });
        return outcome({ dry_run: a.dryRun as boolean, applied: !a.dryRun });
      },
    });
    render(ImportScreen);
    await check();
    expect(document.getElementById('import-annotate')).toBeNull();
    await fireEvent.click(await screen.findByText('Nhập 3 dòng vào dữ liệu năm 2026'));
    expect(await screen.findByText(/Đã nhập: tạo mới 3/)).toBeInTheDocument();
    expect(calls.filter((c) => c.cmd === 'import_file').map((c) => c.args.dryRun)).toEqual([true, false]);
  });

  it('shows each update old → new and the columns not imported', async () => {
    startSession(session('officer'));
    backend({
      import_file: () =>
        outcome({
          created: 0,
          updated: 1,
          unchanged: 1,
          skipped: 0,
          rows: [
            {
              row: 6,
              action: 'update',
              summary: 'Rà soát văn bản quy phạm pháp luật',
              changes: [
                { field: 'Trạng thái', old: 'Đang thực hiện', new: 'Hoàn thành' },
                { field: 'Ngày hoàn thành', old: '', new: '25/06/2026' },
              ],
            },
            { row: 7, action: 'unchanged', summary: 'Theo dõi thi hành pháp luật', changes: [] },
          ],
          unused_columns: [{ sheet: 'Kế hoạch', column: 'H', header: 'Ghi chú của văn phòng' }],
        }),
    });
    render(ImportScreen);
    await check();
    const update = (await screen.findByText('Rà soát văn bản quy phạm pháp luật')).closest('tr')!;
    expect(update).toHaveTextContent('Trạng thái: Đang thực hiện → Hoàn thành');
    expect(update).toHaveTextContent('Ngày hoàn thành: (trống) → 25/06/2026');
    // The updates are shown first; the unchanged row is one click away.
    expect(screen.queryByText('Theo dõi thi hành pháp luật')).toBeNull();
    await fireEvent.click(document.querySelector('[data-filter="all"]')!);
    expect(screen.getByText('Theo dõi thi hành pháp luật')).toBeInTheDocument();
    const unused = document.getElementById('import-unused')!;
    expect(unused).toHaveTextContent('Không nhập (1 cột)');
    expect(unused.querySelector('[data-column="H"]')).toHaveTextContent('Kế hoạchHGhi chú của văn phòng');
    // An unused column is worth a copy with its header noted.
    expect(document.getElementById('import-annotate')).not.toBeNull();
  });

  it('offers next year, says it will open it, then that it did', async () => {
    startSession(session('officer'));
    const calls = backend({
      import_file: (a) =>
        outcome({ dry_run: a.dryRun as boolean, applied: !a.dryRun, opens_years: [2027], created: 12, skipped: 0 }),
    });
    render(ImportScreen);
    const select = document.getElementById('import-year') as HTMLSelectElement;
    await waitFor(() => expect(select.options).toHaveLength(3));
    expect([...select.options].map((o) => o.text)).toEqual(['2027 (năm mới: sẽ mở khi nhập)', '2026', '2025']);
    await fireEvent.change(select, { target: { value: '2027' } });
    await check();
    expect(await screen.findByText(/^Sẽ mở năm 2027/)).toBeInTheDocument();
    await fireEvent.click(screen.getByText('Nhập 12 dòng vào dữ liệu năm 2027 (mở năm 2027)'));
    expect(await screen.findByText(/^Đã mở năm 2027/)).toBeInTheDocument();
    expect(calls.filter((c) => c.cmd === 'import_file').map((c) => c.args.year)).toEqual([2027, 2027]);
    expect(app.session!.years[0]).toBe(2027);
  });

  it('writes the annotated copy where the user says, beside the file, never over it', async () => {
    startSession(session('officer'));
    const calls = backend({
      import_file: () =>
        outcome({ problems: [{ sheet: 'Sheet1', row: 7, column: 'E', severity: 'error', message: 'Không đọc được thời hạn.' }] }),
      'plugin:dialog|save': () => '/tmp/ke-hoach - đánh dấu lỗi.xlsx',
      annotate_import: () => ({ problems: 1, cells: 1, sheets: 1 }),
    });
    render(ImportScreen);
    await check();
    await fireEvent.click(await screen.findByText('Tải tệp đã đánh dấu lỗi'));
    expect(await screen.findByText(/Đã lưu \/tmp\/ke-hoach - đánh dấu lỗi.xlsx: 1 mục trong trang “Danh sách lỗi”, 1 ô/)).toBeInTheDocument();
    const dialog = calls.find((c) => c.cmd === 'plugin:dialog|save')!.args.options as { defaultPath: string };
    expect(dialog.defaultPath).toBe('ke-hoach - đánh dấu lỗi.xlsx');
    expect(calls.find((c) => c.cmd === 'annotate_import')!.args).toEqual({
      kind: 'tasks',
      path: '/tmp/ke-hoach.xlsx',
      year: 2026,
      from: null,
      to: null,
      out: '/tmp/ke-hoach - đánh dấu lỗi.xlsx',
    });
  });
});
