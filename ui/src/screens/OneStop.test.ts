import { beforeEach, describe, expect, it } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { mockIPC } from '@tauri-apps/api/mocks';
import OneStop from './OneStop.svelte';
import { startSession } from '../lib/app.svelte';
import { session } from '../test/fixtures';
import { toasts } from '../lib/toast.svelte';
import type { Batch, OneStopYear, TthcCounts } from '../lib/types';

const counts = (received: number): TthcCounts => ({
  received_direct: received - 40,
  received_online: 30,
  received_bcci: 10,
  carried_over: 0,
  resolved_early: 20,
  resolved_on_time: received - 21,
  resolved_late: 1,
  in_progress: 0,
  in_progress_overdue: 0,
  returned: 0,
});

const march: Batch = {
  id: 3,
  from: '2026-03-01',
  to: '2026-03-31',
  label: 'Tháng 3/2026',
  source: 'form',
  total: counts(98),
  on_time_rate_pct: 99,
  rows: [{ procedure_code: '', procedure_name: '', field: '', ...counts(98) }],
  row_on_time_rates: [99],
  counted: true,
  skipped_because: null,
};

function year(batches: Batch[]): OneStopYear {
  return {
    year: 2026,
    catalogue: { at_one_stop: 108, not_at_one_stop: 1, interlinked_same_level: 1, interlinked_between_levels: 7, online_partial: 20, online_full: 18, bcci: 53, reviewed: 12 },
    targets: { online_rate_pct: 60, on_time_rate_pct: 100 },
    indicators: { digital_teams: 15, digital_team_members: 75, survey_respondents: 0, survey_satisfied: 0, iso_status: '' },
    satisfaction_pct: null,
    batches,
    total: batches.length ? counts(98) : counts(40),
    received: batches.length ? 98 : 0,
    resolved: batches.length ? 98 : 0,
    on_time_rate_pct: batches.length ? 99 : null,
    online_rate_pct: null,
    on_time_gap: null,
    online_gap: null,
  };
}

describe('OneStop', () => {
  beforeEach(() => startSession(session('officer')));

  it('asks before deleting a month, naming its records; "Không" keeps it, confirming deletes it', async () => {
    const calls: string[] = [];
    let batches = [march];
    mockIPC((cmd) => {
      calls.push(cmd);
      if (cmd === 'onestop_year') return year(batches);
      if (cmd === 'delete_tthc_batch') batches = [];
    });
    render(OneStop);
    await screen.findByText('Tháng 3/2026');
    await fireEvent.click(document.querySelector('[data-delete-batch="3"]')!);
    expect(document.getElementById('confirm-dialog')).toHaveTextContent('Xóa số liệu một cửa Tháng 3/2026: 98 hồ sơ tiếp nhận, 98 hồ sơ đã giải quyết?');
    await fireEvent.click(document.getElementById('confirm-cancel')!);
    expect(calls).not.toContain('delete_tthc_batch');
    expect(document.querySelector('[data-batch-id="3"]')).not.toBeNull();

    await fireEvent.click(document.querySelector('[data-delete-batch="3"]')!);
    await fireEvent.click(document.getElementById('confirm-ok')!);
    await waitFor(() => expect(calls).toContain('delete_tthc_batch'));
    await waitFor(() => expect(toasts.map((t) => t.text)).toContain('Đã xóa số liệu Tháng 3/2026.'));
    expect(await screen.findByText('Chưa có số liệu một cửa của năm 2026')).toBeInTheDocument();
  });
});
