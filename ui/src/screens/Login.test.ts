import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen } from '@testing-library/svelte';
import { mockIPC } from '@tauri-apps/api/mocks';
import Login from './Login.svelte';
import { demoStart, freshStart, session } from '../test/fixtures';

describe('Login', () => {
  it('shows the demo accounts and fills the form from them', async () => {
    render(Login, { start: demoStart, onenter: () => {} });
    expect(screen.getByText('Đang dùng dữ liệu mẫu: tài khoản dùng thử')).toBeInTheDocument();
    await fireEvent.click(screen.getAllByText('Điền')[1]);
    expect((document.getElementById('login-username') as HTMLInputElement).value).toBe('chutich');
    expect((document.getElementById('login-password') as HTMLInputElement).value).toBe('demo1234');
  });

  it('hides demo accounts for a real commune', () => {
    render(Login, { start: { ...freshStart, initialised: true, commune: demoStart.commune }, onenter: () => {} });
    expect(screen.queryByText('Đang dùng dữ liệu mẫu: tài khoản dùng thử')).toBeNull();
  });

  it('shows the backend message on a wrong password and clears the password', async () => {
    mockIPC((cmd) => {
      if (cmd === 'login') throw { kind: 'bad_credentials', message: 'Tên đăng nhập hoặc mật khẩu không đúng.' };
    });
    render(Login, { start: demoStart, onenter: () => {} });
    await fireEvent.input(document.getElementById('login-username')!, { target: { value: 'congchuc' } });
    await fireEvent.input(document.getElementById('login-password')!, { target: { value: 'sai' } });
    await fireEvent.click(screen.getByText('Đăng nhập', { selector: 'button' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Tên đăng nhập hoặc mật khẩu không đúng.');
    await vi.waitFor(() => expect((document.getElementById('login-password') as HTMLInputElement).value).toBe(''));
  });

  it('asks for both fields before calling the backend', async () => {
    const calls: string[] = [];
    mockIPC((cmd) => void calls.push(cmd));
    render(Login, { start: demoStart, onenter: () => {} });
    await fireEvent.click(screen.getByText('Đăng nhập', { selector: 'button' }));
    expect(screen.getByRole('alert')).toHaveTextContent('Hãy nhập tên đăng nhập và mật khẩu.');
    expect(calls).not.toContain('login');
  });

  it('enters the app with the session the backend returns', async () => {
    mockIPC((cmd, args) => {
      if (cmd === 'login') {
        expect(args).toEqual({ username: 'congchuc', password: 'demo1234' });
        return session('officer');
      }
    });
    const onenter = vi.fn();
    render(Login, { start: demoStart, onenter });
    await fireEvent.click(screen.getAllByText('Điền')[0]);
    await fireEvent.click(screen.getByText('Đăng nhập', { selector: 'button' }));
    await vi.waitFor(() => expect(onenter).toHaveBeenCalledWith(session('officer')));
  });
});
