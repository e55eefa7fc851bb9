import { beforeEach, describe, expect, it } from 'vitest';
import { fireEvent, render, screen } from '@testing-library/svelte';
import { mockIPC } from '@tauri-apps/api/mocks';
import Plan from './Plan.svelte';
import { startSession } from '../lib/app.svelte';
import { nav } from '../lib/navigation.svelte';
import { session } from '../test/fixtures';
import type { PlanScreen, TaskFigures } from '../lib/types';

function planScreen(figures: Partial<TaskFigures>): PlanScreen {
  return {
    info: { year: 2026, doc_number: '', issued_on: null },
    citation: null,
    figures: { total: 0, done: 0, done_late: 0, in_progress: 0, not_started: 0, not_done: 0, overdue: 0, ...figures },
    areas: [{ id: 1, name: 'Công tác chỉ đạo, điều hành CCHC', position: 1, active: true }],
    officers: [],
    statuses: [{ value: 'not_started', label: 'Chưa thực hiện' }],
    today: '2026-04-20',
  };
}

describe('Plan', () => {
  beforeEach(() => startSession(session('officer')));

  it('an empty plan says what to do first, with the buttons for it, and no filter message', async () => {
    mockIPC((cmd) => {
      if (cmd === 'plan_screen') return planScreen({});
      if (cmd === 'search_tasks') return [];
    });
    render(Plan);
    expect(await screen.findByText('Kế hoạch CCHC năm 2026 chưa có nhiệm vụ nào')).toBeInTheDocument();
    expect(screen.queryByText(/khớp điều kiện lọc/)).toBeNull();
    await fireEvent.click(document.getElementById('plan-empty-import')!);
    expect(nav.screen).toBe('import');
    expect(nav.importKind).toBe('tasks');
  });

  it('shows every bucket of the one rule, adding up to the total', async () => {
    mockIPC((cmd) => {
      if (cmd === 'plan_screen') return planScreen({ total: 20, done: 16, in_progress: 3, not_started: 1, overdue: 2 });
      if (cmd === 'search_tasks') return [];
    });
    render(Plan);
    expect(await screen.findByText('16/20')).toBeInTheDocument();
    const split = document.getElementById('plan-split')!.textContent!.replace(/\s+/g, ' ');
    expect(split).toContain('Đang thực hiện3');
    expect(split).toContain('Chưa thực hiện1');
    expect(split).toContain('Không thực hiện0');
    // Tasks exist but none match: the filter is the reason, and it can be cleared.
    expect(await screen.findByText('Không có nhiệm vụ nào khớp điều kiện lọc.')).toBeInTheDocument();
  });
});
