// Shapes the backup commands return, for the UI tests: the demo commune's history.
import type { BackupPanel, BackupPreview, BackupRecord, Checked } from '../lib/types';

export function record(over: Partial<BackupRecord> = {}): BackupRecord {
  return {
    id: 1,
    kind: 'daily',
    kind_label: 'Tự động hằng ngày',
    started_at: '2026-11-29 17:30:48',
    finished_at: '2026-11-29 17:30:52',
    path: 'E:\\SaoLuu-CCHC\\cchc-xa-nong-thuong-2026-11-29-173048.cchcbak',
    size: 41_380,
    ok: true,
    verified: true,
    evidence_files: 10,
    skipped_files: 0,
    error: '',
    change_mark: 120,
    made_by: 'Ứng dụng CCHC Xã',
    removed_at: null,
    ...over,
  };
}

const FULL =
  'Ổ đĩa “E:\\SaoLuu-CCHC\\cchc-xa-nong-thuong-2026-11-27-173005.cchcbak” đã đầy: hãy giải phóng dung lượng hoặc chọn ổ khác rồi thử lại.';

export function panel(over: Partial<BackupPanel> = {}): BackupPanel {
  const good = record();
  return {
    status: {
      folder: 'E:\\SaoLuu-CCHC',
      folder_reachable: true,
      last_good: good,
      last: good,
      days_since_good: 1,
      changed_since_good: true,
      warn: false,
      warnings: [],
    },
    history: [
      good,
      record({ id: 2, kind: 'exit', kind_label: 'Tự động khi đóng ứng dụng', started_at: '2026-11-28 17:31:12', finished_at: '2026-11-28 17:31:17' }),
      record({ id: 3, started_at: '2026-11-27 17:30:05', finished_at: '2026-11-27 17:30:11', ok: false, verified: false, size: 0, error: FULL }),
    ],
    file_name: 'cchc-xa-nong-thuong-2026-11-30-101542.cchcbak',
    on_host: true,
    ...over,
  };
}

export const stale: Partial<BackupPanel> = {
  status: {
    folder: 'E:\\SaoLuu-CCHC',
    folder_reachable: false,
    last_good: record({ finished_at: '2026-11-20 17:30:52' }),
    last: record({ finished_at: '2026-11-20 17:30:52' }),
    days_since_good: 10,
    changed_since_good: true,
    warn: true,
    warnings: [
      { code: 'stale', message: 'Lần sao lưu tốt gần nhất đã cách đây 10 ngày (20/11/2026 17:30): hãy sao lưu ngay.' },
      {
        code: 'unreachable',
        message: 'Không truy cập được thư mục sao lưu tự động “E:\\SaoLuu-CCHC”: hãy cắm ổ USB hoặc kết nối ổ mạng, hoặc chọn thư mục khác.',
      },
    ],
  },
};

export const preview: BackupPreview = {
  path: '/media/usb/cchc-xa-nong-thuong-2026-11-29-173048.cchcbak',
  file_size: 12.3 * 1024 * 1024,
  commune: 'Xã Nông Thượng',
  province: 'Thái Nguyên',
  is_demo: false,
  created_at: '2026-11-29 17:30:48',
  created_at_text: '29/11/2026 17:30',
  app_version: '0.1.0',
  schema_version: 10,
  needs_migration: false,
  years: [2025, 2026],
  current_year: 2026,
  counts: { tasks: 20, sessions: 15, criteria: 34, evidence_documents: 12, evidence_files: 10, officers: 9, accounts: 3 },
  missing_files: 0,
  damaged_files: 0,
  notes: [],
};

export function checked(over: Partial<Checked['report']> = {}, lines?: string[]): Checked {
  const report = {
    level: 'standard' as const,
    database_ok: true,
    database_problems: [],
    files_checked: 10,
    file_problems: [],
    temp_removed: [],
    temp_kept: [],
    orphans: [],
    orphan_bytes: 0,
    strays: [],
    ok: true,
    ...over,
  };
  return {
    report,
    lines: lines ?? ['Cơ sở dữ liệu: tốt (kiểm tra nhanh).', 'Tài liệu kiểm chứng: 10 tệp, tất cả đúng mã SHA-256.'],
  };
}
