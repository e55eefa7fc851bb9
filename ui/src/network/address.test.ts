import { describe, expect, it } from 'vitest';
import { normaliseHost } from './address';

describe('normaliseHost', () => {
  it('reads the host as officers type it', () => {
    expect(normaliseHost('192.168.1.10')).toBe('http://192.168.1.10:8765');
    expect(normaliseHost(' may-chu:8800 ')).toBe('http://may-chu:8800');
    expect(normaliseHost('http://MAY-CHU:8765/')).toBe('http://may-chu:8765');
    expect(normaliseHost('')).toBeNull();
    expect(normaliseHost('http://')).toBeNull();
  });
});
