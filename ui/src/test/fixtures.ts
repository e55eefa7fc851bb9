// Shapes the backend returns, for the UI tests.
import type { Account, Session, StartInfo } from '../lib/types';

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
