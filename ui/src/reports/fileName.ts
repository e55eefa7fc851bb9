// The file name offered when a report is saved: plain ASCII that every Windows folder, e-mail
// client and USB stick accepts, yet still readable to the officer: bao-cao-cchc-2026-quy-i.pdf.

import type { ReportKind, ReportKindInfo, ReportPeriod } from '../lib/types';

const KIND_SLUG: Record<ReportKind, string> = {
  annual: 'bao-cao-cchc',
  scoring: 'tu-cham-diem-cchc',
  plan: 'ke-hoach-cchc',
  sessions: 'bao-cao-tuyen-truyen-pbgdpl',
  evidence: 'danh-muc-tai-lieu-kiem-chung',
};

/** "Quý I/2026" → "quy-i-2026": no diacritics, lower case, words joined by "-". */
export function slug(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** bao-cao-cchc-2026-nam.pdf; the period (without its year, already in the name) only for kinds that have one. */
export function reportFileName(kind: ReportKindInfo, year: number, period: ReportPeriod | undefined, ext: 'pdf' | 'docx'): string {
  const parts = [KIND_SLUG[kind.kind] ?? slug(kind.title), String(year)];
  if (kind.has_period && period) {
    const p = slug(period.name)
      .split('-')
      .filter((w) => w && w !== String(year))
      .join('-');
    if (p) parts.push(p);
  }
  return `${parts.join('-')}.${ext}`;
}
