import { beforeEach, describe, expect, it } from 'vitest';
import { fireEvent, render, screen } from '@testing-library/svelte';
import { mockIPC } from '@tauri-apps/api/mocks';
import Shell from './Shell.svelte';
import { app, startSession } from '../lib/app.svelte';
import { NAV } from '../lib/nav';
import { session } from '../test/fixtures';

describe('Shell', () => {
  const asked: number[] = [];
  beforeEach(() => {
    asked.length = 0;
    mockIPC((cmd, args) => {
      if (cmd === 'dashboard') {
        const year = (args as { year: number }).year;
        asked.push(year);
        return {
          summary: {
            year,
            commune: 'Xã Nông Thượng',
            province: 'Thái Nguyên',
            tasks: { total: 20, done: 16, overdue: 2 },
            sessions: { count: 15, attendees: 688, from: null, to: null },
            tthc: { received: 1296, online: 583, bcci: 86, resolved_early: 412, resolved_on_time: 883, resolved_late: 1, in_progress: 0, on_time_rate_pct: 99.9, online_rate_pct: 45 },
            scoring: { max_total: 0, self_total: 0, status: 'no_criteria' },
          },
          targets: { online_rate_pct: 60, on_time_rate_pct: 100 },
          on_time_gap: -0.1,
          online_gap: -15,
          progress_by_area: [],
          records_by_period: [],
          due_soon: [],
          my_tasks: [],
          score_by_field: [],
          points_at_risk: 0,
          waiting_scores: [],
        };
      }
      if (cmd === 'audit_log') return { entries: [], total: 0 };
      if (cmd === 'commune_settings') return { commune: session('admin').commune, superior_suggestions: [], data_dir: '/tmp' };
    });
  });

  it('lists exactly the landed screens', () => {
    startSession(session('officer'));
    render(Shell, { onlogout: () => {} });
    const entries = [...document.querySelectorAll('[data-nav]')].map((e) => e.textContent?.trim());
    expect(entries).toEqual(NAV.map((n) => `${n.icon}${n.label}`));
  });

  it('starts on the current year and every screen follows the selector', async () => {
    startSession(session('officer'));
    render(Shell, { onlogout: () => {} });
    expect(app.year).toBe(2026);
    await fireEvent.change(document.getElementById('year-select')!, { target: { value: '2025' } });
    expect(app.year).toBe(2025);
    await screen.findByText('Xã Nông Thượng — năm 2025');
    expect(asked).toContain(2025);
    expect(await screen.findByText('16/20')).toBeInTheDocument();
    expect(screen.getByText('99,9%')).toBeInTheDocument();
    expect(screen.getByText('45%')).toBeInTheDocument();
    expect(screen.getByText('buổi, 688 lượt người tham dự')).toBeInTheDocument();
  });

  it('hides the accounts and audit tabs from an officer', async () => {
    startSession(session('officer'));
    render(Shell, { onlogout: () => {} });
    await fireEvent.click(document.querySelector('[data-nav="settings"]')!);
    expect(document.querySelector('[data-tab="commune"]')).not.toBeNull();
    expect(document.querySelector('[data-tab="accounts"]')).toBeNull();
    expect(document.querySelector('[data-tab="audit"]')).toBeNull();
  });

  it('shows the accounts and audit tabs to an admin', async () => {
    startSession(session('admin'));
    render(Shell, { onlogout: () => {} });
    await fireEvent.click(document.querySelector('[data-nav="settings"]')!);
    expect(document.querySelector('[data-tab="accounts"]')).not.toBeNull();
    expect(document.querySelector('[data-tab="audit"]')).not.toBeNull();
  });
});
