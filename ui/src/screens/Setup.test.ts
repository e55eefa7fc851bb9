import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen } from '@testing-library/svelte';
import { mockIPC } from '@tauri-apps/api/mocks';
import Setup from './Setup.svelte';
import { demoStart, freshStart, session } from '../test/fixtures';

const type = (id: string, value: string) =>
  fireEvent.input(document.getElementById(id)!, { target: { value } });

async function fillForm(confirm: string) {
  await type('setup-commune', 'Quảng Phú');
  await type('setup-province', 'Thái Nguyên');
  await type('setup-fullname', 'Lý Thị Hạnh');
  await type('setup-username', 'hanh');
  await type('setup-password', 'matkhau1');
  await type('setup-confirm', confirm);
}

describe('Setup', () => {
  it('refuses mismatched passwords without calling the backend', async () => {
    const calls: string[] = [];
    mockIPC((cmd) => {
      calls.push(cmd);
      return cmd === 'suggest_superior' ? [] : undefined;
    });
    render(Setup, { start: freshStart, onenter: () => {}, ondemo: () => {} });
    await fillForm('khac');
    await fireEvent.click(screen.getByText('Thiết lập và bắt đầu'));
    expect(screen.getByRole('alert')).toHaveTextContent('Hai lần nhập mật khẩu không khớp nhau.');
    expect(calls).not.toContain('setup_commune');
  });

  it('sends the commune and the first account together', async () => {
    let sent: unknown = null;
    mockIPC((cmd, args) => {
      if (cmd === 'suggest_superior') return ['UBND tỉnh Thái Nguyên'];
      if (cmd === 'setup_commune') {
        sent = args;
        return session('admin');
      }
    });
    const onenter = vi.fn();
    render(Setup, { start: freshStart, onenter, ondemo: () => {} });
    await fillForm('matkhau1');
    await fireEvent.click(screen.getByText('Thiết lập và bắt đầu'));
    await vi.waitFor(() => expect(onenter).toHaveBeenCalled());
    expect(sent).toMatchObject({
      commune: { name: 'Quảng Phú', province: 'Thái Nguyên', current_year: 2026 },
      account: { full_name: 'Lý Thị Hạnh', username: 'hanh', password: 'matkhau1' },
    });
  });

  it('shows the backend error and stays on the form', async () => {
    mockIPC((cmd) => {
      if (cmd === 'suggest_superior') return [];
      if (cmd === 'setup_commune') throw { kind: 'invalid', message: 'Tên xã không được để trống.' };
    });
    const onenter = vi.fn();
    render(Setup, { start: freshStart, onenter, ondemo: () => {} });
    await fillForm('matkhau1');
    await fireEvent.click(screen.getByText('Thiết lập và bắt đầu'));
    expect(await screen.findByRole('alert')).toHaveTextContent('Tên xã không được để trống.');
    expect(onenter).not.toHaveBeenCalled();
  });

  it('opens the demo commune', async () => {
    mockIPC((cmd) => (cmd === 'load_demo' ? demoStart : []));
    const ondemo = vi.fn();
    render(Setup, { start: freshStart, onenter: () => {}, ondemo });
    await fireEvent.click(screen.getByText('Dùng dữ liệu mẫu'));
    await vi.waitFor(() => expect(ondemo).toHaveBeenCalledWith(demoStart));
  });
});
