import { describe, expect, it } from 'vitest';
import { formatDateTime, formatInt, formatPct } from './format';
import { parseDate, readYear } from './forms';

describe('format', () => {
  it('prints numbers the Vietnamese way', () => {
    expect(formatInt(1296)).toBe('1.296');
    expect(formatPct(99.92)).toBe('99,9%');
    expect(formatPct(null)).toBe('—');
    expect(formatPct(NaN)).toBe('—');
    expect(formatDateTime('2026-01-05 08:30:00')).toBe('05/01/2026 08:30');
  });

  it('reads dates typed the Vietnamese way', () => {
    expect(parseDate('5/3/2026')).toBe('2026-03-05');
    expect(parseDate(' 29/02/2024 ')).toBe('2024-02-29');
    expect(parseDate('29/02/2023')).toBeNull();
    expect(parseDate('2026-03-05')).toBeNull();
    expect(parseDate('')).toBe('');
  });

  it('reads a year or says why not', () => {
    expect(readYear(2026)).toEqual({ year: 2026 });
    expect(readYear('2026')).toEqual({ year: 2026 });
    expect(readYear('')).toHaveProperty('error');
    expect(readYear(null)).toHaveProperty('error');
    expect(readYear('20a6')).toHaveProperty('error');
  });
});
