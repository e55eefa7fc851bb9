import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen } from '@testing-library/svelte';
import { mockIPC } from '@tauri-apps/api/mocks';
import { emit } from '@tauri-apps/api/event';
import Backup from './Backup.svelte';
import { panel, stale } from '../test/backupFixtures';
import type { BackupPanel } from '../lib/types';

type Call = { cmd: string; args: Record<string, unknown> };

function backend(shown: BackupPanel, over: Record<string, (a: Record<string, unknown>) => unknown> = {}): Call[] {
  const calls: Call[] = [];
  mockIPC(
    (cmd, args) => {
      const a = args as Record<string, unknown>;
      calls.push({ cmd, args: a });
      if (over[cmd]) return over[cmd](a);
      if (cmd === 'backup_panel') return shown;
    },
    { shouldMockEvents: true },
  );
  return calls;
}

const byId = (id: string) => document.getElementById(id)!;

describe('Cài đặt › Sao lưu', () => {
  it('shows where backups stand, the folder, and every attempt with why one failed', async () => {
    backend(panel());
    render(Backup);
    const history = await screen.findByRole('table');
    expect(history).toHaveTextContent('29/11/2026 17:30');
    expect(history).toHaveTextContent('Tự động khi đóng ứng dụng');
    expect(history).toHaveTextContent('40 KB');
    expect(history).toHaveTextContent('Không thành công');
    expect(history).toHaveTextContent('đã đầy');
    expect(byId('backup-folder')).toHaveTextContent('E:\\SaoLuu-CCHC');
    expect(byId('backup-folder')).toHaveTextContent('truy cập được');
    expect(byId('backup-status')).toHaveTextContent('dữ liệu đã thay đổi');
    expect(document.getElementById('backup-warnings')).toBeNull();
    expect(byId('backup-choose-folder')).toBeInTheDocument();
    expect(byId('restore-pick')).toBeInTheDocument();
  });

  it('says what is wrong when the last good backup is old and the stick is out', async () => {
    backend(panel(stale));
    render(Backup);
    const warnings = await screen.findByText(/đã cách đây 10 ngày/);
    expect(warnings).toHaveClass('strong');
    expect(byId('backup-warnings')).toHaveTextContent('hãy cắm ổ USB');
    expect(byId('backup-folder')).toHaveTextContent('không truy cập được');
  });

  it('backs up now into the file picked, offering the name core chose, with its progress', async () => {
    let finish!: () => void;
    const calls = backend(panel(), {
      'plugin:dialog|save': () => '/media/usb/sao-luu.cchcbak',
      make_backup: (a) =>
        new Promise((resolve) => {
          finish = () =>
            resolve({
              made: { path: a.path, size: 12.3 * 1024 * 1024, verified: true },
              record: { id: 9 },
            });
        }),
    });
    render(Backup);
    await fireEvent.click(await screen.findByText('Sao lưu ngay…'));
    await vi.waitFor(() => expect(finish).toBeTypeOf('function'));
    const dialog = calls.find((c) => c.cmd === 'plugin:dialog|save')!.args.options as { defaultPath: string; filters: { extensions: string[] }[] };
    expect(dialog.defaultPath).toBe('cchc-xa-nong-thuong-2026-11-30-101542.cchcbak');
    expect(dialog.filters[0].extensions).toEqual(['cchcbak']);
    expect(calls.find((c) => c.cmd === 'make_backup')!.args).toEqual({ path: '/media/usb/sao-luu.cchcbak' });
    await emit('backup-progress', { phase: 'writing', label: 'Đang ghi bản sao lưu', done_bytes: 40, total_bytes: 100 });
    expect(await screen.findByText('Đang ghi bản sao lưu… 40%')).toBeInTheDocument();
    expect(byId('backup-now')).toBeDisabled();
    finish();
    expect(await screen.findByText(/Đã sao lưu vào \/media\/usb\/sao-luu.cchcbak \(12,3 MB\)/)).toBeInTheDocument();
    expect(document.getElementById('backup-progress')).toBeNull();
    // The history is read again.
    expect(calls.filter((c) => c.cmd === 'backup_panel').length).toBe(2);
  });

  it('chooses the automatic folder with the folder dialog of the host', async () => {
    const calls = backend(panel({ status: { ...panel().status, folder: null, folder_reachable: false } }), {
      'plugin:dialog|open': () => 'F:\\CCHC-SaoLuu',
      set_backup_folder: (a) => ({ folder: a.folder, updated_at: '2026-11-30 10:20:00', updated_by: 'Nông Văn Khánh' }),
    });
    render(Backup);
    await fireEvent.click(await screen.findByText('Chọn thư mục…'));
    expect(await screen.findByText('Đã chọn thư mục sao lưu tự động “F:\\CCHC-SaoLuu”.')).toBeInTheDocument();
    const open = calls.find((c) => c.cmd === 'plugin:dialog|open')!.args.options as { directory: boolean };
    expect(open.directory).toBe(true);
    expect(calls.find((c) => c.cmd === 'set_backup_folder')!.args).toEqual({ folder: 'F:\\CCHC-SaoLuu' });
  });

  it('on another PC: the folder and the restore are the host’s, and say so', async () => {
    backend(panel({ on_host: false }));
    render(Backup);
    expect(await screen.findByText(/Thư mục sao lưu tự động được chọn trên máy chủ/)).toBeInTheDocument();
    expect(byId('backup-restore-host')).toHaveTextContent('Chỉ khôi phục được trên máy chủ');
    expect(document.getElementById('backup-choose-folder')).toBeNull();
    expect(document.getElementById('restore-pick')).toBeNull();
    // A backup into the folder on the host is still the admin's to start.
    expect(byId('backup-to-folder')).toBeInTheDocument();
  });
});
