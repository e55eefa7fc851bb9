import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen } from '@testing-library/svelte';
import { mockIPC } from '@tauri-apps/api/mocks';
import SessionForm from './SessionForm.svelte';
import type { SessionsScreen } from '../lib/types';

const sessionsScreen: SessionsScreen = {
  periods: [],
  kinds: [
    { value: 'pbgdpl', label: 'Phổ biến, giáo dục pháp luật' },
    { value: 'cchc', label: 'Tuyên truyền cải cách hành chính' },
  ],
  forms: [
    { value: 'conference', label: 'Hội nghị' },
    { value: 'village_meeting', label: 'Lồng ghép sinh hoạt thôn, tổ dân phố' },
  ],
  officers: [],
  tasks: [],
  today: '2026-11-22',
};

const type = (id: string, value: string) => fireEvent.input(document.getElementById(id)!, { target: { value } });

describe('SessionForm', () => {
  it('refuses attendees that are not a number without calling the backend', async () => {
    const calls: string[] = [];
    mockIPC((cmd) => void calls.push(cmd));
    render(SessionForm, { screen: sessionsScreen, session: null, onsaved: () => {}, onclose: () => {} });
    await type('session-content', 'Phổ biến Luật Hộ tịch');
    await type('session-attendees', 'bốn mươi');
    await fireEvent.click(screen.getByText('Lưu'));
    expect(screen.getByRole('alert')).toHaveTextContent('Số người tham dự “bốn mươi” không phải là một số.');
    expect(calls).not.toContain('save_session');
  });

  it('sends laws one per line, attendees with a thousands dot, and shows core errors', async () => {
    let sent: any = null;
    mockIPC((cmd, args) => {
      if (cmd === 'save_session') {
        sent = args;
        throw { kind: 'invalid', message: 'Số người tham dự không được âm (đang là -3).' };
      }
    });
    const onsaved = vi.fn();
    render(SessionForm, { screen: sessionsScreen, session: null, onsaved, onclose: () => {} });
    await type('session-content', 'Hội nghị triển khai');
    await type('session-attendees', '1.296');
    await type('session-laws', 'Luật Hộ tịch\nLuật Đất đai 2024');
    await fireEvent.click(screen.getByText('Lưu'));
    expect(await screen.findByRole('alert')).toHaveTextContent('Số người tham dự không được âm');
    expect(sent.input).toMatchObject({ attendees: 1296, laws: ['Luật Hộ tịch', 'Luật Đất đai 2024'], held_on: '2026-11-22' });
    expect(onsaved).not.toHaveBeenCalled();
  });
});
