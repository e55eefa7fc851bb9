import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen } from '@testing-library/svelte';
import { mockIPC } from '@tauri-apps/api/mocks';
import DossierDialog from '../scoring/DossierDialog.svelte';
import ReceivedDossier from './ReceivedDossier.svelte';
import type { DossierPreflight, DossierVerdict, ReceivedDossier as Received, ReportSettings } from '../lib/types';

type Call = { cmd: string; args: Record<string, unknown> };

function backend(answers: Record<string, (a: Record<string, unknown>) => unknown>): Call[] {
  const calls: Call[] = [];
  mockIPC(
    (cmd, args) => {
      calls.push({ cmd, args: args as Record<string, unknown> });
      const answer = answers[cmd];
      if (!answer) throw new Error(`unexpected ${cmd}`);
      return answer(args as Record<string, unknown>);
    },
    { shouldMockEvents: true },
  );
  return calls;
}

const letter = (number: string): ReportSettings => ({
  number,
  place: 'Nông Thượng',
  recipients: ['Như trên', 'Lưu: VT, VP'],
  signer: { on_behalf: 'TM. ỦY BAN NHÂN DÂN', title: 'CHỦ TỊCH', name: 'Trần Văn Hùng' },
});

function preflight(ready: boolean): DossierPreflight {
  return {
    year: 2025,
    ready,
    problems: ready ? [] : ['Chủ tịch UBND xã chưa duyệt toàn bộ biểu tự chấm: còn 2 tiêu chí chưa duyệt: I.3.2 (bị trả lại), I.5 (nháp).'],
    appraising_body: 'Sở Nội vụ tỉnh Thái Nguyên',
    approved_by: 'Trần Văn Hùng',
    approved_at: '2025-12-12 10:00:00',
    to_trinh: letter('15/TTr-UBND'),
    cong_van: letter(''),
    file_name: 'ho-so-de-nghi-tham-dinh-cchc-2025-nong-thuong.zip',
  };
}

const byId = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

describe('DossierDialog', () => {
  it('says what stands in the way and offers nothing to make', async () => {
    const calls = backend({ dossier_preflight: () => preflight(false) });
    render(DossierDialog, { year: 2026, onclose: () => {} });
    expect(await screen.findByText(/còn 2 tiêu chí chưa duyệt/)).toBeInTheDocument();
    expect(byId('dossier-make')).toBeNull();
    expect(calls.map((c) => c.cmd).filter((c) => !c.startsWith('plugin:'))).toEqual(['dossier_preflight']);
  });

  it('makes the dossier with the chosen letter into the file picked and shows its code', async () => {
    const calls = backend({
      dossier_preflight: () => preflight(true),
      'plugin:dialog|save': () => '/home/lan/Tài liệu/ho-so.zip',
      make_dossier: (a) => ({
        path: a.out,
        sha256: '0a89',
        code: '0A89 2966 6DA4 F10C',
        files: 22,
        evidence_files: 16,
        documents: 11,
        criteria: 14,
        message: 'Đã lập hồ sơ đề nghị thẩm định năm 2025: 22 tệp.',
      }),
    });
    render(DossierDialog, { year: 2025, onclose: () => {} });
    await vi.waitFor(() => expect(byId<HTMLInputElement>('dossier-number').value).toBe('15/TTr-UBND'));
    expect(byId('dossier-body').textContent).toBe('Sở Nội vụ tỉnh Thái Nguyên');
    // Công văn brings its own remembered settings.
    await fireEvent.click(screen.getByLabelText('Công văn'));
    expect(byId<HTMLInputElement>('dossier-number').value).toBe('');
    await fireEvent.input(byId('dossier-number'), { target: { value: ' 21 ' } });
    await fireEvent.click(byId('dossier-make'));
    expect(await screen.findByText('0A89 2966 6DA4 F10C')).toBeInTheDocument();
    const made = calls.find((c) => c.cmd === 'make_dossier')!.args;
    expect(made.out).toBe('/home/lan/Tài liệu/ho-so.zip');
    expect(made.request).toMatchObject({ year: 2025, letter: 'cong_van', settings: { number: '21', recipients: ['Như trên', 'Lưu: VT, VP'] } });
  });
});

function verdict(intact: boolean): DossierVerdict {
  return {
    intact,
    sha256: 'efb9',
    code: 'EFB9 44AD FB3A 3F8A',
    changed: intact ? [] : ['03-tai-lieu-kiem-chung/I/1.1 Ban hành kế hoạch/05-KH-UBND.pdf'],
    missing: [],
    added: intact ? [] : ['bo-sung.pdf'],
    matching: 22,
    commune: 'Xã Nông Thượng',
    year: 2025,
    approved_by: 'Trần Văn Hùng',
    approved_at: '2025-12-12 10:00:00',
    appraising_body: 'Sở Nội vụ tỉnh Thái Nguyên',
    message: intact ? 'Hồ sơ nguyên vẹn: 22 tệp khớp mã kiểm tra.' : 'Hồ sơ KHÔNG nguyên vẹn',
  };
}

function received(intact: boolean): Received {
  return {
    verdict: verdict(intact),
    documents: ['01-to-trinh-de-nghi-tham-dinh.pdf', '02-bao-cao-tu-danh-gia.pdf'],
    sheet: {
      year: 2025,
      commune: 'Xã Nông Thượng',
      criteria_set: 'Bộ tiêu chí năm 2025',
      self_total: '90',
      max_total: '100',
      rating: 'Tốt',
      nodes: [
        {
          code: 'I',
          title: 'Công tác chỉ đạo, điều hành CCHC',
          max: '14',
          self_score: '13',
          explanation: '',
          not_applicable: false,
          evidence: [],
          children: [
            {
              code: 'I.1',
              title: 'Ban hành kế hoạch CCHC năm',
              max: '2',
              self_score: '2',
              explanation: 'Ban hành đúng hạn',
              not_applicable: false,
              evidence: [
                { path: '03-tai-lieu-kiem-chung/I/1 Ban hành kế hoạch/05-KH-UBND (bản 1).pdf', citation: 'Kế hoạch số 05/KH-UBND', revision: 1, approved_revision: true },
                { path: '03-tai-lieu-kiem-chung/I/1 Ban hành kế hoạch/05-KH-UBND (bản 2).pdf', citation: 'Kế hoạch số 05/KH-UBND', revision: 2, approved_revision: false },
              ],
              children: [],
            },
          ],
        },
      ],
    },
  };
}

describe('ReceivedDossier', () => {
  it('checks the file picked and opens each of its files from the dossier', async () => {
    const calls = backend({
      'plugin:dialog|open': () => '/home/thamdinh/ho-so.zip',
      open_received_dossier: () => received(true),
      open_dossier_file: () => null,
    });
    render(ReceivedDossier, {});
    await fireEvent.click(byId('received-choose'));
    expect(await screen.findByText('✓ Hồ sơ nguyên vẹn')).toBeInTheDocument();
    expect(byId('received-code').textContent).toBe('EFB9 44AD FB3A 3F8A');
    expect(document.querySelector('[data-received="I.1"]')?.textContent).toContain('Ban hành đúng hạn');
    expect(screen.getByText('sau khi duyệt')).toBeInTheDocument();
    await fireEvent.click(screen.getByText('Kế hoạch số 05/KH-UBND (bản 2)'));
    await vi.waitFor(() => expect(calls.some((c) => c.cmd === 'open_dossier_file')).toBe(true));
    expect(calls.find((c) => c.cmd === 'open_dossier_file')!.args).toEqual({
      path: '/home/thamdinh/ho-so.zip',
      entry: '03-tai-lieu-kiem-chung/I/1 Ban hành kế hoạch/05-KH-UBND (bản 2).pdf',
    });
  });

  it('names every file changed, missing or added', async () => {
    backend({ 'plugin:dialog|open': () => '/tmp/ho-so.zip', open_received_dossier: () => received(false) });
    render(ReceivedDossier, {});
    await fireEvent.click(byId('received-choose'));
    expect(await screen.findByText('✗ Hồ sơ KHÔNG nguyên vẹn')).toBeInTheDocument();
    const problems = byId('received-problems').textContent ?? '';
    expect(problems).toContain('Bị sửa: 03-tai-lieu-kiem-chung/I/1.1 Ban hành kế hoạch/05-KH-UBND.pdf');
    expect(problems).toContain('Được thêm: bo-sung.pdf');
  });
});
