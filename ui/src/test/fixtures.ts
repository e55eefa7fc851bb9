// Shapes the backend returns, for the UI tests.
import type { Account, Dashboard, Session, StartInfo } from '../lib/types';

export const demoStart: StartInfo = {
  initialised: true,
  needs_first_account: false,
  commune: {
    name: 'Nông Thượng',
    display_name: 'Xã Nông Thượng',
    province: 'Thái Nguyên',
    superior: 'Sở Nội vụ tỉnh Thái Nguyên',
    current_year: 2026,
    is_demo: true,
    version: 1,
  },
  demo_accounts: [
    { username: 'congchuc', password: 'demo1234', role: 'officer', role_label: 'Công chức', full_name: 'Nguyễn Thị Lan Anh' },
    { username: 'chutich', password: 'demo1234', role: 'chairman', role_label: 'Chủ tịch UBND xã', full_name: 'Trần Văn Hùng' },
  ],
  suggested_year: 2026,
  data_dir: '/tmp/xa',
};

export const freshStart: StartInfo = {
  ...demoStart,
  initialised: false,
  commune: null,
  demo_accounts: [],
};

export function account(role: Account['role']): Account {
  return {
    id: 1,
    officer_id: 1,
    username: role === 'officer' ? 'congchuc' : 'quantri',
    full_name: 'Nguyễn Thị Lan Anh',
    position: '',
    department: '',
    role,
    role_label: role === 'officer' ? 'Công chức' : 'Quản trị',
    active: true,
    can: {
      manage_accounts: role === 'admin',
      edit_commune: role !== 'officer',
      read_audit: role !== 'officer',
      approve: role === 'chairman',
    },
  };
}

export function session(role: Account['role']): Session {
  return { account: account(role), commune: demoStart.commune!, years: [2026, 2025] };
}

/** Tổng quan of the demo commune: every first step done. */
export function dashboard(year: number, over: Partial<Dashboard> = {}): Dashboard {
  return {
    summary: {
      year,
      commune: 'Xã Nông Thượng',
      province: 'Thái Nguyên',
      tasks: { total: 20, done: 16, done_late: 1, in_progress: 3, not_started: 1, not_done: 0, overdue: 2 },
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
    first_steps: {
      all_done: true,
      steps: [
        { key: 'plan_reference', title: `Ghi số, ngày ban hành Kế hoạch CCHC năm ${year}`, state: 'Đã có: Kế hoạch số 05/KH-UBND', done: true },
        { key: 'plan_tasks', title: 'Nhập các nhiệm vụ của kế hoạch', state: 'Đã có 20 nhiệm vụ', done: true },
        { key: 'criteria_set', title: 'Nhập bộ tiêu chí', state: 'Đã có bộ tiêu chí', done: true },
        { key: 'accounts', title: 'Tạo tài khoản', state: 'Đã có 3 tài khoản', done: true },
      ],
    },
    ...over,
  };
}
