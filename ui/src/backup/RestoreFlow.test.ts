import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen } from '@testing-library/svelte';
import { mockIPC } from '@tauri-apps/api/mocks';
import RestoreFlow from './RestoreFlow.svelte';
import { preview } from '../test/backupFixtures';
import type { BackupPreview, Restored } from '../lib/types';

type Call = { cmd: string; args: Record<string, unknown> };
const FILE = '/media/usb/cchc-xa-nong-thuong-2026-11-29-173048.cchcbak';

function backend(shown: BackupPreview, restored: Partial<Restored> = {}): Call[] {
  const calls: Call[] = [];
  mockIPC((cmd, args) => {
    const a = args as Record<string, unknown>;
    calls.push({ cmd, args: a });
    if (cmd === 'plugin:dialog|open') return FILE;
    if (cmd === 'preview_backup') return shown;
    if (cmd === 'restore_backup' || cmd === 'restore_first_start')
      return { target: '/data', set_aside: null, preview: shown, migrated: false, notes: [], ...restored };
  });
  return calls;
}

const byId = (id: string) => document.getElementById(id)!;

describe('Khôi phục từ bản sao lưu', () => {
  it('shows what the backup holds, and "Không khôi phục" restores nothing', async () => {
    const calls = backend({ ...preview, needs_migration: true, notes: ['Bản sao lưu thiếu 1 tệp tài liệu kiểm chứng.'] });
    render(RestoreFlow, { onrestored: vi.fn() });
    await fireEvent.click(screen.getByText('Khôi phục từ bản sao lưu…'));
    const shown = await screen.findByText('Xã Nông Thượng, Thái Nguyên');
    expect(shown).toBeInTheDocument();
    expect(byId('restore-made')).toHaveTextContent('29/11/2026 17:30');
    expect(byId('restore-counts')).toHaveTextContent('20 nhiệm vụ, 15 buổi tuyên truyền, 34 tiêu chí, 12 tài liệu kiểm chứng (10 tệp)');
    expect(byId('restore-preview')).toHaveTextContent('phiên bản cũ hơn');
    expect(byId('restore-preview')).toHaveTextContent('thiếu 1 tệp');
    expect(byId('restore-preview')).toHaveTextContent('Toàn bộ dữ liệu đang dùng sẽ được thay');
    expect(calls.find((c) => c.cmd === 'preview_backup')!.args).toEqual({ path: FILE, firstStart: false });
    await fireEvent.click(screen.getByText('Không khôi phục'));
    expect(document.getElementById('restore-preview')).toBeNull();
    expect(calls.some((c) => c.cmd.startsWith('restore_'))).toBe(false);
  });

  it('restores over the data in use after the confirmation, says where the old data is, then logs out', async () => {
    const onrestored = vi.fn();
    const calls = backend(preview, { set_aside: '/data (trước khôi phục 2026-11-30 10-15)' });
    render(RestoreFlow, { onrestored });
    await fireEvent.click(screen.getByText('Khôi phục từ bản sao lưu…'));
    await fireEvent.click(await screen.findByText('Thay dữ liệu bằng bản sao lưu'));
    expect(await screen.findByText('/data (trước khôi phục 2026-11-30 10-15)')).toBeInTheDocument();
    expect(calls.find((c) => c.cmd === 'restore_backup')!.args).toEqual({ path: FILE });
    expect(onrestored).not.toHaveBeenCalled();
    await fireEvent.click(screen.getByText('Đăng nhập lại'));
    expect(onrestored).toHaveBeenCalledTimes(1);
  });

  it('on the first-start screen: into the new folder, nothing to replace', async () => {
    const calls = backend(preview);
    render(RestoreFlow, { firstStart: true, onrestored: vi.fn() });
    await fireEvent.click(screen.getByText('Khôi phục từ bản sao lưu…'));
    await screen.findByText('Xã Nông Thượng, Thái Nguyên');
    expect(byId('restore-preview')).not.toHaveTextContent('Toàn bộ dữ liệu đang dùng sẽ được thay');
    await fireEvent.click(screen.getByText('Khôi phục'));
    await screen.findByText('Đăng nhập lại');
    expect(calls.find((c) => c.cmd === 'preview_backup')!.args).toEqual({ path: FILE, firstStart: true });
    expect(calls.find((c) => c.cmd === 'restore_first_start')!.args).toEqual({ path: FILE });
    expect(calls.some((c) => c.cmd === 'restore_backup')).toBe(false);
  });
});
