import { describe, expect, it } from 'vitest';
import { countsText, percent, sizeText } from './format';

describe('backup formats', () => {
  it('says sizes as the history and core do', () => {
    expect(sizeText(850)).toBe('850 byte');
    expect(sizeText(41_000)).toBe('40 KB');
    expect(sizeText(12.3 * 1024 * 1024)).toBe('12,3 MB');
    expect(sizeText(1.25 * 1024 * 1024 * 1024)).toBe('1,25 GB');
  });

  it('never shows more than 100% or divides by nothing', () => {
    expect(percent({ done_bytes: 50, total_bytes: 200 })).toBe(25);
    expect(percent({ done_bytes: 300, total_bytes: 200 })).toBe(100);
    expect(percent({ done_bytes: 0, total_bytes: 0 })).toBe(100);
  });

  it('names what a backup holds with Vietnamese thousands', () => {
    expect(countsText({ tasks: 1296, sessions: 15, criteria: 34, evidence_documents: 12, evidence_files: 10, officers: 9, accounts: 3 })).toBe(
      '1.296 nhiệm vụ, 15 buổi tuyên truyền, 34 tiêu chí, 12 tài liệu kiểm chứng (10 tệp)',
    );
  });
});
