import { beforeEach, describe, expect, it } from 'vitest';
import { fireEvent, render, screen } from '@testing-library/svelte';
import { mockIPC } from '@tauri-apps/api/mocks';
import Overview from './Overview.svelte';
import { startSession } from '../lib/app.svelte';
import { nav } from '../lib/navigation.svelte';
import { dashboard, session } from '../test/fixtures';

const fresh = (year: number) =>
  dashboard(year, {
    summary: { ...dashboard(year).summary, tasks: { total: 0, done: 0, done_late: 0, in_progress: 0, not_started: 0, not_done: 0, overdue: 0 } },
    first_steps: {
      all_done: false,
      steps: [
        { key: 'plan_reference', title: 'Ghi số, ngày ban hành Kế hoạch CCHC năm 2026', state: 'Đã có: Kế hoạch số 05/KH-UBND ngày 15/01/2026', done: true },
        { key: 'plan_tasks', title: 'Nhập các nhiệm vụ của kế hoạch năm 2026 (thêm từng nhiệm vụ hoặc nhập từ Excel)', state: 'Chưa có nhiệm vụ nào', done: false },
        { key: 'criteria_set', title: 'Nhập bộ tiêu chí Chỉ số CCHC năm 2026 của tỉnh (từ tệp Excel)', state: 'Chưa có bộ tiêu chí', done: false },
        { key: 'accounts', title: 'Tạo tài khoản cho Chủ tịch UBND xã và công chức phụ trách', state: 'Chưa có tài khoản Chủ tịch UBND xã', done: false },
      ],
    },
  });

describe('Overview', () => {
  beforeEach(() => startSession(session('admin')));

  it('shows a fresh commune its first steps with their state and a button for each left', async () => {
    mockIPC((cmd, args) => {
      if (cmd === 'dashboard') return fresh((args as { year: number }).year);
      if (cmd === 'audit_log') return { entries: [], total: 0 };
    });
    render(Overview, { onopen: () => {} });
    expect(await screen.findByText('Bắt đầu với CCHC Xã')).toBeInTheDocument();
    const steps = [...document.querySelectorAll('[data-step]')];
    expect(steps.map((s) => s.getAttribute('data-step'))).toEqual(['plan_reference', 'plan_tasks', 'criteria_set', 'accounts']);
    expect(steps[0]).toHaveClass('done');
    expect(steps[1]).toHaveTextContent('Chưa có nhiệm vụ nào');
    expect(steps[1]).not.toHaveClass('done');
    expect(document.querySelector('[data-step-go="plan_reference"]')).toBeNull();
    await fireEvent.click(document.querySelector('[data-step-go="accounts"]')!);
    expect(nav.screen).toBe('settings');
    expect(nav.settingsTab).toBe('accounts');
  });

  it('shows no first steps once they are done, and the plan split that adds up', async () => {
    mockIPC((cmd, args) => {
      if (cmd === 'dashboard') return dashboard((args as { year: number }).year);
      if (cmd === 'audit_log') return { entries: [], total: 0 };
    });
    render(Overview, { onopen: () => {} });
    expect(await screen.findByText('16/20')).toBeInTheDocument();
    expect(document.getElementById('first-steps')).toBeNull();
    expect(document.getElementById('overview-task-split')).toHaveTextContent('đang thực hiện 3 · chưa thực hiện 1');
  });

  it('warns when the data is at risk, with the way to fix it for an admin and whom to tell otherwise', async () => {
    const health = (can_fix: boolean) => ({
      backup_warn: true,
      backup_warnings: [{ code: 'stale', message: 'Lần sao lưu tốt gần nhất đã cách đây 10 ngày (20/11/2026 17:30): hãy sao lưu ngay.' }],
      check_problems: ['Tài liệu kiểm chứng: 1 tệp có vấn đề:', '  Tệp của tài liệu “Kế hoạch CCHC 2026” đã bị sửa.'],
      can_fix,
    });
    let fix = true;
    mockIPC((cmd, args) => {
      if (cmd === 'dashboard') return dashboard((args as { year: number }).year);
      if (cmd === 'audit_log') return { entries: [], total: 0 };
      if (cmd === 'data_health') return health(fix);
    });
    const first = render(Overview, { onopen: () => {} });
    const card = await screen.findByText('Cần sao lưu dữ liệu');
    expect(card.parentElement).toHaveTextContent('đã cách đây 10 ngày');
    expect(document.getElementById('health-check')).toHaveTextContent('Tệp của tài liệu “Kế hoạch CCHC 2026” đã bị sửa.');
    await fireEvent.click(document.getElementById('health-open-backup')!);
    expect(nav.screen).toBe('settings');
    expect(nav.settingsTab).toBe('backup');
    first.unmount();

    fix = false;
    render(Overview, { onopen: () => {} });
    await screen.findByText('Cần sao lưu dữ liệu');
    expect(document.getElementById('health-open-backup')).toBeNull();
    expect(screen.getAllByText(/Hãy báo quản trị viên/).length).toBe(2);
  });
});
