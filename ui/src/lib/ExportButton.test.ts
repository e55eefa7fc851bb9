import { describe, expect, it } from 'vitest';
import { fireEvent, render, screen } from '@testing-library/svelte';
import { mockIPC } from '@tauri-apps/api/mocks';
import ExportButton from './ExportButton.svelte';
import { startSession } from './app.svelte';
import { session } from '../test/fixtures';

describe('ExportButton', () => {
  it('exports the criteria set under its own name, the year and the file the user chose', async () => {
    startSession(session('officer'));
    const calls: { cmd: string; args: Record<string, unknown> }[] = [];
    mockIPC((cmd, args) => {
      calls.push({ cmd, args: (args ?? {}) as Record<string, unknown> });
      if (cmd === 'plugin:dialog|save') return '/tmp/bo-tieu-chi-2026.xlsx';
      if (cmd === 'export_table') return 42;
    });
    render(ExportButton, { table: 'criteria', name: 'bo-tieu-chi', label: 'Xuất bộ tiêu chí' });
    await fireEvent.click(screen.getByText('Xuất bộ tiêu chí'));
    expect(await screen.findByText('Đã xuất 42 dòng ra /tmp/bo-tieu-chi-2026.xlsx.')).toBeInTheDocument();
    const dialog = calls.find((c) => c.cmd === 'plugin:dialog|save')!.args.options as { defaultPath: string };
    expect(dialog.defaultPath).toBe('bo-tieu-chi-2026.xlsx');
    expect(calls.find((c) => c.cmd === 'export_table')!.args).toEqual({
      table: 'criteria',
      year: 2026,
      period: null,
      path: '/tmp/bo-tieu-chi-2026.xlsx',
    });
  });
});
