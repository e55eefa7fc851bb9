// How the backup screens say sizes, progress and what a backup holds, in one place.

import { formatInt } from '../lib/format';
import type { BackupCounts, BackupStep } from '../lib/types';

const dec1 = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 1 });

/** "850 byte", "41 KB", "12,3 MB", "1,25 GB", as core's `size_text`. */
export function sizeText(bytes: number): string {
  const KB = 1024;
  if (bytes < KB) return `${formatInt(bytes)} byte`;
  if (bytes < KB * KB) return `${formatInt(Math.round(bytes / KB))} KB`;
  if (bytes < KB * KB * KB) return `${dec1.format(bytes / KB / KB)} MB`;
  return `${new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 2 }).format(bytes / KB / KB / KB)} GB`;
}

/** Whole percent of a step; 100 for a step with nothing to count. */
export function percent(step: Pick<BackupStep, 'done_bytes' | 'total_bytes'>): number {
  if (step.total_bytes <= 0) return 100;
  return Math.min(100, Math.floor((step.done_bytes * 100) / step.total_bytes));
}

/** "20 nhiệm vụ, 15 buổi tuyên truyền, 34 tiêu chí, 12 tài liệu kiểm chứng (10 tệp)". */
export function countsText(c: BackupCounts): string {
  return [
    `${formatInt(c.tasks)} nhiệm vụ`,
    `${formatInt(c.sessions)} buổi tuyên truyền`,
    `${formatInt(c.criteria)} tiêu chí`,
    `${formatInt(c.evidence_documents)} tài liệu kiểm chứng (${formatInt(c.evidence_files)} tệp)`,
  ].join(', ');
}
