import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen } from '@testing-library/svelte';
import { mockIPC } from '@tauri-apps/api/mocks';
import Diagnostics from './Diagnostics.svelte';
import type { DiagnosticsInfo } from '../lib/types';

const info: DiagnosticsInfo = {
  facts: {
    app_version: '0.1.0',
    os: 'Windows 10 (Pro) [64-bit] (x86_64)',
    made_at: '2026-11-30 10:15:00',
    data_dir_bytes: 3 * 1024 * 1024,
    database_bytes: 300 * 1024,
    evidence_files: 12,
    evidence_bytes: 2 * 1024 * 1024,
    log_files: ['app.2026-11-30.log'],
    log_bytes: 2048,
    counts: [{ label: 'Nhiệm vụ kế hoạch', count: 1296 }],
    database_check: 'ok',
    settings: { commune: 'Xã Nông Thượng', province: 'Thái Nguyên', superior: '', current_year: 2026, years: [2026], is_demo: false },
  },
  logs_dir: 'C:\\Users\\vp\\AppData\\Roaming\\vn.cchcxa.desktop\\logs',
  verbose: false,
};

describe('Diagnostics', () => {
  it('says what the file holds and what it never holds', async () => {
    mockIPC((cmd) => (cmd === 'diagnostics_info' ? info : undefined));
    render(Diagnostics);
    expect(await screen.findByText('Windows 10 (Pro) [64-bit] (x86_64)')).toBeInTheDocument();
    expect(screen.getByText('1.296')).toBeInTheDocument();
    expect(screen.getByText('Bình thường')).toBeInTheDocument();
    expect(screen.getByText(/Tệp không chứa cơ sở dữ liệu, tài liệu kiểm chứng, mật khẩu/)).toBeInTheDocument();
  });

  it('shows a damaged database in words, not as "ok"', async () => {
    const damaged = { ...info, facts: { ...info.facts, database_check: '*** in database main *** Page 5: btreeInitPage() returns error code 11' } };
    mockIPC((cmd) => (cmd === 'diagnostics_info' ? damaged : undefined));
    render(Diagnostics);
    expect(await screen.findByText(/btreeInitPage/)).toHaveClass('bad');
  });

  it('raises the log level when support asks', async () => {
    const calls: unknown[] = [];
    mockIPC((cmd, args) => {
      if (cmd === 'diagnostics_info') return info;
      if (cmd === 'set_log_level') {
        calls.push(args);
        return true;
      }
    });
    render(Diagnostics);
    const box = (await screen.findByLabelText(/Ghi nhật ký chi tiết/)) as HTMLInputElement;
    await fireEvent.click(box);
    await vi.waitFor(() => expect(calls).toEqual([{ verbose: true }]));
    await vi.waitFor(() => expect(box.checked).toBe(true));
  });
});
