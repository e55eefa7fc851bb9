import { describe, expect, it } from 'vitest';
import { reportFileName, slug } from './fileName';
import type { ReportKindInfo } from '../lib/types';

const annual: ReportKindInfo = { kind: 'annual', title: 'Báo cáo công tác CCHC', description: '', has_period: true, docx: true };
const plan: ReportKindInfo = { kind: 'plan', title: 'Kế hoạch CCHC năm', description: '', has_period: false, docx: true };

describe('report file names', () => {
  it('drops diacritics, đ and punctuation', () => {
    expect(slug('  Đánh giá: Quý IV/2026 ')).toBe('danh-gia-quy-iv-2026');
    // Decomposed text (from old tools) gives the same name.
    expect(slug('Quý'.normalize('NFD'))).toBe('quy');
  });

  it('names the period without repeating the year', () => {
    expect(reportFileName(annual, 2026, { code: 'year', name: 'Năm 2026' }, 'pdf')).toBe('bao-cao-cchc-2026-nam.pdf');
    expect(reportFileName(annual, 2026, { code: 'q1', name: 'Quý I/2026' }, 'docx')).toBe('bao-cao-cchc-2026-quy-i.docx');
    expect(reportFileName(annual, 2026, { code: '6m', name: '6 tháng đầu năm 2026' }, 'pdf')).toBe('bao-cao-cchc-2026-6-thang-dau-nam.pdf');
  });

  it('leaves the period out for kinds that have none', () => {
    expect(reportFileName(plan, 2026, { code: 'year', name: 'Năm 2026' }, 'pdf')).toBe('ke-hoach-cchc-2026.pdf');
  });
});
