// The navigation: only screens whose work has landed are listed (no "coming soon" pages).

export type ScreenId = 'overview' | 'plan' | 'sessions' | 'scoring' | 'evidence' | 'onestop' | 'reports' | 'import' | 'settings';

export interface NavEntry {
  id: ScreenId;
  label: string;
  icon: string;
}

export const NAV: NavEntry[] = [
  { id: 'overview', label: 'Tổng quan', icon: '◧' },
  { id: 'plan', label: 'Kế hoạch CCHC', icon: '☰' },
  { id: 'sessions', label: 'Tuyên truyền/PBGDPL', icon: '✆' },
  { id: 'scoring', label: 'Chấm điểm CCHC', icon: '★' },
  { id: 'evidence', label: 'Tài liệu kiểm chứng', icon: '▤' },
  { id: 'onestop', label: 'Một cửa/TTHC', icon: '⇄' },
  { id: 'reports', label: 'Báo cáo', icon: '▦' },
  { id: 'import', label: 'Nhập dữ liệu Excel', icon: '⇪' },
  { id: 'settings', label: 'Cài đặt', icon: '⚙' },
];
