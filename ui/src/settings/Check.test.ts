import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen } from '@testing-library/svelte';
import { mockIPC } from '@tauri-apps/api/mocks';
import Check from './Check.svelte';
import { checked } from '../test/backupFixtures';
import type { Checked } from '../lib/types';

type Call = { cmd: string; args: Record<string, unknown> };

const A = 'a1'.repeat(32);
const B = 'b2'.repeat(32);
const orphans = [
  { sha256: A, size: 250_000, path: `evidence/a1/${A}` },
  { sha256: B, size: 2 * 1024 * 1024, path: `evidence/b2/${B}` },
];

/** A backend whose check answers `first`, then `after` once something was pruned. */
function backend(first: Checked, after: Checked = first): Call[] {
  const calls: Call[] = [];
  let pruned = false;
  mockIPC((cmd, args) => {
    const a = args as Record<string, unknown>;
    calls.push({ cmd, args: a });
    if (cmd === 'check_data') return pruned ? after : first;
    if (cmd === 'prune_orphans') {
      pruned = true;
      return { removed: orphans, bytes: 250_000 + 2 * 1024 * 1024 };
    }
  });
  return calls;
}

const byId = (id: string) => document.getElementById(id)!;

describe('Cài đặt › Kiểm tra dữ liệu', () => {
  it('runs the standard check, and the full one only when asked', async () => {
    const calls = backend(checked());
    render(Check);
    await fireEvent.click(screen.getByText('Kiểm tra'));
    expect(await screen.findByText('Dữ liệu tốt.')).toBeInTheDocument();
    expect(byId('check-lines')).toHaveTextContent('10 tệp, tất cả đúng mã SHA-256');
    await fireEvent.click(screen.getByText('Kiểm tra toàn bộ (chậm hơn)'));
    await screen.findByText('Dữ liệu tốt.');
    expect(calls.filter((c) => c.cmd === 'check_data').map((c) => c.args.full)).toEqual([false, true]);
    expect(document.getElementById('check-prune')).toBeNull();
  });

  it('shows a damaged file as a problem, with its lines', async () => {
    backend(
      checked(
        { ok: false, file_problems: [{ kind: 'corrupt', sha256: A, document_ids: [4], message: 'Tệp của tài liệu “Kế hoạch CCHC 2026” đã bị sửa.' }] },
        ['Cơ sở dữ liệu: tốt (kiểm tra nhanh).', 'Tài liệu kiểm chứng: 1 tệp có vấn đề:', '  Tệp của tài liệu “Kế hoạch CCHC 2026” đã bị sửa.'],
      ),
    );
    render(Check);
    await fireEvent.click(screen.getByText('Kiểm tra'));
    expect(await screen.findByText('Dữ liệu có vấn đề: xem các dòng dưới đây.')).toBeInTheDocument();
    expect(byId('check-result')).toHaveClass('bad');
    expect(screen.getByText('Tệp của tài liệu “Kế hoạch CCHC 2026” đã bị sửa.')).toHaveClass('detail');
  });

  it('asks before pruning, names the files, and prunes exactly the ones shown', async () => {
    const calls = backend(checked({ orphans, orphan_bytes: 250_000 + 2 * 1024 * 1024 }), checked());
    render(Check);
    await fireEvent.click(screen.getByText('Kiểm tra'));
    await fireEvent.click(await screen.findByText('Xóa 2 tệp không còn dùng…'));
    const dialog = byId('confirm-dialog');
    expect(dialog).toHaveTextContent('Xóa 2 tệp trong kho tài liệu kiểm chứng (2,2 MB)');
    expect(dialog).toHaveTextContent(`${A.slice(0, 12)}… (244 KB)`);
    // "Không" changes nothing.
    await fireEvent.click(screen.getByText('Không'));
    expect(calls.some((c) => c.cmd === 'prune_orphans')).toBe(false);
    await fireEvent.click(screen.getByText('Xóa 2 tệp không còn dùng…'));
    await fireEvent.click(screen.getByText('Xóa các tệp này'));
    expect(await screen.findByText(/Đã xóa 2 tệp \(2,2 MB\)/)).toBeInTheDocument();
    expect(calls.find((c) => c.cmd === 'prune_orphans')!.args).toEqual({ shown: [A, B] });
    // Checked again: nothing left to prune.
    await vi.waitFor(() => expect(document.getElementById('check-prune')).toBeNull());
    expect(calls.filter((c) => c.cmd === 'check_data').length).toBe(2);
  });
});
