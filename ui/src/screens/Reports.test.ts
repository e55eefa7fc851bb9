import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen } from '@testing-library/svelte';
import { mockIPC } from '@tauri-apps/api/mocks';
import { emit } from '@tauri-apps/api/event';
import Reports from './Reports.svelte';
import { app, startSession } from '../lib/app.svelte';
import { session } from '../test/fixtures';
import type { Assessment, MadeReport, ReportKind, ReportOptions, ReportRequest, ReportSettings } from '../lib/types';

// jsdom has neither canvas nor workers: the stub shows which bytes reached the preview.
vi.mock('../reports/PdfPreview.svelte', async () => ({ default: (await import('../test/PdfPreviewStub.svelte')).default }));

const TITLES = [
  'Báo cáo công tác cải cách hành chính',
  'Bảng tự chấm điểm Chỉ số CCHC',
  'Kế hoạch cải cách hành chính năm',
  'Báo cáo công tác tuyên truyền, PBGDPL',
  'Danh mục tài liệu kiểm chứng',
];

function options(year: number): ReportOptions {
  return {
    kinds: [
      { kind: 'annual', title: TITLES[0], description: 'Kết quả từng lĩnh vực, đánh giá và nhiệm vụ kỳ tới', has_period: true, docx: true },
      { kind: 'scoring', title: TITLES[1], description: 'Điểm tự chấm từng tiêu chí, kèm tài liệu kiểm chứng', has_period: false, docx: false },
      { kind: 'plan', title: TITLES[2], description: 'Nhiệm vụ, chủ trì, thời hạn, sản phẩm', has_period: false, docx: true },
      { kind: 'sessions', title: TITLES[3], description: 'Số buổi, số người tham dự, Biểu 09a', has_period: true, docx: false },
      { kind: 'evidence', title: TITLES[4], description: 'Văn bản kiểm chứng theo từng tiêu chí', has_period: false, docx: false },
    ],
    periods: [
      { code: 'q1', name: `Quý I/${year}` },
      { code: '6m', name: `6 tháng đầu năm ${year}` },
      { code: '9m', name: `9 tháng đầu năm ${year}` },
      { code: 'year', name: `Năm ${year}` },
    ],
    today: '2026-12-10',
    empty: [],
  };
}

function settings(kind: ReportKind): ReportSettings {
  return {
    number: kind === 'scoring' ? '05/BC-UBND' : '',
    place: 'Nông Thượng',
    recipients: ['Sở Nội vụ tỉnh Thái Nguyên', 'Lưu: VT, VP-TK'],
    signer: { on_behalf: 'TM. ỦY BAN NHÂN DÂN', title: 'CHỦ TỊCH', name: kind === 'scoring' ? 'Nguyễn Văn Bình' : 'Trần Văn Hùng' },
  };
}

const NO_TEXT: Assessment = { strengths: '', limits: '', causes: '', next_tasks: '', recommendations: '' };

type Call = { cmd: string; args: Record<string, unknown> };
type Handler = (args: Record<string, unknown>) => unknown;

/** A backend that answers every report command; `over` replaces single commands. */
function backend(over: Record<string, Handler> = {}): Call[] {
  const calls: Call[] = [];
  const defaults: Record<string, Handler> = {
    report_options: (a) => options(a.year as number),
    report_settings: (a) => settings(a.kind as ReportKind),
    report_assessment: (a) => ({ ...NO_TEXT, strengths: `Hoàn thành 16/20 nhiệm vụ (${a.period} ${a.year})` }),
    save_report_assessment: (a) => a.assessment,
    make_report: (a) => {
      const r = a.request as ReportRequest;
      return { path: r.out ?? '/data/bao-cao/annual-2026-year.pdf', pages: r.format === 'pdf' ? 3 : 0, size: 45_000, draft: false, citation: null } satisfies MadeReport;
    },
    // Core owns the naming rule; this stands in for it with the two names the tests use.
    report_file_name: (a) =>
      ({ 'annual|2026|year|pdf': 'bao-cao-cchc-2026-nam.pdf', 'plan|2026|year|docx': 'ke-hoach-cchc-2026.docx' } as Record<string, string>)[
        `${a.kind}|${a.year}|${a.period}|${a.format}`
      ],
    read_report: () => new Uint8Array(1234).buffer,
    open_report: () => null,
    'plugin:dialog|save': () => '/home/lan/Tài liệu/bao-cao.pdf',
  };
  mockIPC(
    (cmd, args) => {
      calls.push({ cmd, args: args as Record<string, unknown> });
      return (over[cmd] ?? defaults[cmd])?.(args as Record<string, unknown>);
    },
    { shouldMockEvents: true },
  );
  return calls;
}

const byId = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const args = (calls: Call[], cmd: string) => calls.filter((c) => c.cmd === cmd).map((c) => c.args);

async function open() {
  startSession(session('officer'));
  render(Reports);
  await screen.findByText(TITLES[0]);
  // The last settings of the kind are in the form before the officer touches it.
  await vi.waitFor(() => expect(byId<HTMLInputElement>('report-place').value).toBe('Nông Thượng'));
}

async function choose(title: string) {
  await fireEvent.click(screen.getByText(title));
}

describe('Reports', () => {
  it('lists the five kinds of report with their descriptions', async () => {
    backend();
    await open();
    const kinds = [...document.querySelectorAll('[data-kind]')];
    expect(kinds.map((k) => k.getAttribute('data-kind'))).toEqual(['annual', 'scoring', 'plan', 'sessions', 'evidence']);
    expect(kinds.map((k) => k.querySelector('strong')?.textContent)).toEqual(TITLES);
    expect(screen.getByText('Số buổi, số người tham dự, Biểu 09a')).toBeInTheDocument();
    expect(byId<HTMLInputElement>('report-date').value).toBe('10/12/2026');
  });

  it('offers the period only for kinds that have one', async () => {
    backend();
    await open();
    const period = byId<HTMLSelectElement>('report-period');
    expect(period).not.toBeNull();
    expect(period.value).toBe('year');
    expect([...period.options].map((o) => o.text)).toEqual(['Quý I/2026', '6 tháng đầu năm 2026', '9 tháng đầu năm 2026', 'Năm 2026']);
    await choose(TITLES[1]);
    expect(byId('report-period')).toBeNull();
    await choose(TITLES[3]);
    expect(byId('report-period')).not.toBeNull();
  });

  it('loads the settings last used for the kind when the kind changes', async () => {
    const calls = backend();
    await open();
    await choose(TITLES[1]);
    await vi.waitFor(() => expect(byId<HTMLInputElement>('report-number').value).toBe('05/BC-UBND'));
    expect(byId<HTMLInputElement>('report-signer-name').value).toBe('Nguyễn Văn Bình');
    expect(args(calls, 'report_settings')).toEqual([{ kind: 'annual' }, { kind: 'scoring' }]);
  });

  it('shows the assessment only for the annual report and saves it for the chosen year and period', async () => {
    let release!: () => void;
    const calls = backend({
      save_report_assessment: (a) =>
        new Promise((resolve) => (release = () => resolve({ ...(a.assessment as Assessment), strengths: 'Đã làm sạch' }))),
    });
    await open();
    expect(byId('report-assessment')).not.toBeNull();
    await vi.waitFor(() => expect(byId<HTMLTextAreaElement>('assessment-strengths').value).toBe('Hoàn thành 16/20 nhiệm vụ (year 2026)'));

    await fireEvent.change(byId('report-period'), { target: { value: 'q1' } });
    await vi.waitFor(() => expect(byId<HTMLTextAreaElement>('assessment-strengths').value).toBe('Hoàn thành 16/20 nhiệm vụ (q1 2026)'));
    expect(args(calls, 'report_assessment')).toEqual([
      { year: 2026, period: 'year' },
      { year: 2026, period: 'q1' },
    ]);

    const texts: Assessment = {
      strengths: 'Thực hiện được 16/20 nhiệm vụ',
      limits: 'Tỷ lệ hồ sơ trực tuyến chưa đạt 60%',
      causes: 'Người dân chưa quen nộp hồ sơ trực tuyến',
      next_tasks: 'Hoàn thành 4 nhiệm vụ còn lại',
      recommendations: 'Đề nghị Sở Nội vụ mở lớp tập huấn',
    };
    for (const [key, value] of Object.entries(texts)) await fireEvent.input(byId(`assessment-${key}`), { target: { value } });
    const save = screen.getByText('Lưu nhận xét');
    await fireEvent.click(save);
    await fireEvent.click(save);
    release();
    expect(await screen.findByText('Đã lưu nhận xét của kỳ Quý I/2026.')).toBeInTheDocument();
    expect(args(calls, 'save_report_assessment')).toEqual([{ year: 2026, period: 'q1', assessment: texts }]);
    // The form shows the texts as core kept them.
    expect(byId<HTMLTextAreaElement>('assessment-strengths').value).toBe('Đã làm sạch');

    await choose(TITLES[1]);
    expect(byId('report-assessment')).toBeNull();
    await choose(TITLES[3]);
    expect(byId('report-assessment')).toBeNull();
  });

  it('previews the report made from the form: number, recipients one per line, PDF into the app folder', async () => {
    const calls = backend({
      make_report: () => ({ path: '/data/bao-cao/annual-2026-year.pdf', pages: 3, size: 45_000, draft: true }),
    });
    await open();
    expect(byId<HTMLButtonElement>('report-open')).toBeDisabled();
    await fireEvent.input(byId('report-number'), { target: { value: ' 12/BC-UBND ' } });
    await fireEvent.input(byId('report-recipients'), {
      target: { value: 'Sở Nội vụ tỉnh Thái Nguyên\n\n  Thường trực Đảng ủy xã  \r\n   \nLưu: VT, VP-TK\n' },
    });
    await fireEvent.click(screen.getByText('Xem trước'));

    expect(await screen.findByTestId('pdf-preview')).toHaveTextContent('1234 byte');
    expect(args(calls, 'make_report')).toEqual([
      {
        request: {
          kind: 'annual',
          year: 2026,
          period: 'year',
          date: '2026-12-10',
          settings: {
            number: '12/BC-UBND',
            place: 'Nông Thượng',
            recipients: ['Sở Nội vụ tỉnh Thái Nguyên', 'Thường trực Đảng ủy xã', 'Lưu: VT, VP-TK'],
            signer: { on_behalf: 'TM. ỦY BAN NHÂN DÂN', title: 'CHỦ TỊCH', name: 'Trần Văn Hùng' },
          },
          format: 'pdf',
          out: null,
        },
      },
    ]);
    expect(args(calls, 'read_report')).toEqual([{ path: '/data/bao-cao/annual-2026-year.pdf' }]);
    expect(screen.getByText('3 trang')).toBeInTheDocument();
    expect(byId('report-draft')).toHaveTextContent('DỰ THẢO');

    await fireEvent.click(byId('report-open'));
    await vi.waitFor(() => expect(args(calls, 'open_report')).toEqual([{ path: '/data/bao-cao/annual-2026-year.pdf' }]));
  });

  it('saves the assessment typed but not saved before making the annual report', async () => {
    const calls = backend();
    await open();
    await vi.waitFor(() => expect(byId<HTMLTextAreaElement>('assessment-strengths').value).not.toBe(''));
    await fireEvent.input(byId('assessment-limits'), { target: { value: 'Chưa đạt chỉ tiêu hồ sơ trực tuyến' } });
    await fireEvent.click(screen.getByText('Xem trước'));
    await screen.findByTestId('pdf-preview');
    const order = calls.map((c) => c.cmd).filter((c) => c === 'save_report_assessment' || c === 'make_report');
    expect(order).toEqual(['save_report_assessment', 'make_report']);
    expect((args(calls, 'save_report_assessment')[0].assessment as Assessment).limits).toBe('Chưa đạt chỉ tiêu hồ sơ trực tuyến');
  });

  it('saves a PDF where the officer chooses, with a Vietnamese file name, and prints that file', async () => {
    const calls = backend({ 'plugin:dialog|save': () => '/home/lan/Tài liệu/bao-cao-cchc-2026-nam.pdf' });
    await open();
    await fireEvent.click(screen.getByText('Lưu PDF…'));
    expect(await screen.findByText('Đã lưu báo cáo PDF, 3 trang vào /home/lan/Tài liệu/bao-cao-cchc-2026-nam.pdf.')).toBeInTheDocument();
    const dialog = args(calls, 'plugin:dialog|save')[0].options as { defaultPath: string; filters: { extensions: string[] }[] };
    expect(dialog.defaultPath).toBe('bao-cao-cchc-2026-nam.pdf');
    expect(dialog.filters[0].extensions).toEqual(['pdf']);
    const request = args(calls, 'make_report')[0].request as ReportRequest;
    expect(request).toMatchObject({ format: 'pdf', out: '/home/lan/Tài liệu/bao-cao-cchc-2026-nam.pdf' });
    await fireEvent.click(byId('report-open'));
    await vi.waitFor(() => expect(args(calls, 'open_report')).toEqual([{ path: '/home/lan/Tài liệu/bao-cao-cchc-2026-nam.pdf' }]));
  });

  it('offers Word only for kinds that can be made as Word', async () => {
    const calls = backend({ 'plugin:dialog|save': () => '/home/lan/ke-hoach.docx' });
    await open();
    expect(byId('report-save-docx')).not.toBeNull();
    await choose(TITLES[1]);
    expect(byId('report-save-docx')).toBeNull();
    expect(screen.queryByText('Lưu Word…')).toBeNull();
    await choose(TITLES[4]);
    expect(byId('report-save-docx')).toBeNull();
    await choose(TITLES[2]);
    await fireEvent.click(screen.getByText('Lưu Word…'));
    expect(await screen.findByText('Đã lưu báo cáo Word vào /home/lan/ke-hoach.docx.')).toBeInTheDocument();
    const dialog = args(calls, 'plugin:dialog|save')[0].options as { defaultPath: string; filters: { extensions: string[] }[] };
    expect(dialog.defaultPath).toBe('ke-hoach-cchc-2026.docx');
    expect(dialog.filters[0].extensions).toEqual(['docx']);
    expect(args(calls, 'make_report')[0].request).toMatchObject({ kind: 'plan', format: 'docx', out: '/home/lan/ke-hoach.docx' });
    // A Word file is not what "Mở để in" opens.
    expect(byId<HTMLButtonElement>('report-open')).toBeDisabled();
  });

  it('shows the progress while the report is made and keeps the buttons still', async () => {
    let finish!: () => void;
    backend({
      make_report: () => new Promise((resolve) => (finish = () => resolve({ path: '/data/bc.pdf', pages: 2, size: 9000, draft: false }))),
    });
    await open();
    await fireEvent.click(screen.getByText('Xem trước'));
    await vi.waitFor(() => expect(finish).toBeTypeOf('function'));
    await emit('report-progress', { done: 2, total: 4, stage: 'Đang dàn trang' });
    expect(await screen.findByText('Đang dàn trang…')).toBeInTheDocument();
    expect(screen.getByRole('progressbar')).toHaveAttribute('aria-valuenow', '2');
    for (const id of ['report-preview', 'report-save-pdf', 'report-save-docx', 'report-open']) expect(byId(id)).toBeDisabled();
    finish();
    await screen.findByTestId('pdf-preview');
    expect(screen.queryByRole('progressbar')).toBeNull();
    expect(byId('report-preview')).toBeEnabled();
  });

  it('shows the Vietnamese message when the report cannot be made', async () => {
    const message = 'Năm 2026 chưa có bộ tiêu chí Chỉ số CCHC: hãy nhập bộ tiêu chí trước khi in bảng tự chấm điểm.';
    backend({ make_report: () => Promise.reject({ kind: 'not_found', message }) });
    await open();
    await choose(TITLES[1]);
    await fireEvent.click(screen.getByText('Xem trước'));
    expect(await screen.findByRole('alert')).toHaveTextContent(message);
    expect(screen.queryByTestId('pdf-preview')).toBeNull();
    expect(byId<HTMLButtonElement>('report-open')).toBeDisabled();
  });

  it('follows the year chosen in the shell', async () => {
    const calls = backend();
    await open();
    app.year = 2025;
    expect(await screen.findByText('Năm 2025')).toBeInTheDocument();
    expect(args(calls, 'report_options')).toEqual([{ year: 2026 }, { year: 2025 }]);
    await vi.waitFor(() => expect(args(calls, 'report_assessment')).toContainEqual({ year: 2025, period: 'year' }));
  });

  it('warns before making a report of an empty period, and makes it only when asked to anyway', async () => {
    const warning = 'Quý I/2026 chưa có nhiệm vụ của kế hoạch, buổi tuyên truyền, số liệu một cửa: báo cáo sẽ là văn bản toàn số 0 hoặc bỏ trống.';
    const calls = backend({
      report_options: (a) => ({ ...options(a.year as number), empty: [{ kind: 'annual', period: 'q1', warning }] }),
    });
    await open();
    await fireEvent.change(byId('report-period'), { target: { value: 'q1' } });
    expect(byId('report-empty-warning')).toHaveTextContent(warning);
    await fireEvent.click(byId('report-preview'));
    expect(byId('confirm-dialog')).toHaveTextContent(warning);
    await fireEvent.click(byId('confirm-cancel'));
    expect(args(calls, 'make_report')).toHaveLength(0);
    await fireEvent.click(byId('report-preview'));
    await fireEvent.click(byId('confirm-ok'));
    await vi.waitFor(() => expect(args(calls, 'make_report')).toHaveLength(1));
    // A period with figures is made at once.
    await fireEvent.change(byId('report-period'), { target: { value: 'year' } });
    expect(byId('report-empty-warning')).toBeNull();
  });

  it('keeps the texts of the plan document per year, saves them before printing, and tells the reference it issued', async () => {
    const planKind = { kind: 'plan_document' as ReportKind, title: 'Kế hoạch CCHC năm (văn bản ban hành)', description: 'Văn bản Kế hoạch để Chủ tịch ký', has_period: false, docx: true };
    const calls = backend({
      report_options: (a) => ({ ...options(a.year as number), kinds: [...options(a.year as number).kinds, planKind] }),
      plan_texts: (a) => ({ purpose: `1. Mục đích\nNăm ${a.year}`, organisation: 'Các bộ phận phối hợp.', saved: false }),
      save_plan_texts: (a) => ({ ...(a.texts as object), saved: true }),
      report_file_name: () => 'van-ban-ke-hoach-cchc-2026.pdf',
      'plugin:dialog|save': () => '/home/lan/ke-hoach.pdf',
      make_report: (a) => ({ path: (a.request as ReportRequest).out, pages: 4, size: 60_000, draft: false, citation: 'Kế hoạch số 04/KH-UBND ngày 08/01/2026' }),
    });
    await open();
    await choose(planKind.title);
    await vi.waitFor(() => expect(byId<HTMLTextAreaElement>('plan-purpose').value).toBe('1. Mục đích\nNăm 2026'));
    expect(byId('plan-texts-usual')).not.toBeNull();
    expect(byId('report-assessment')).toBeNull();
    await fireEvent.input(byId('plan-organisation'), { target: { value: 'Văn phòng - Thống kê theo dõi, đôn đốc.' } });
    await fireEvent.input(byId('report-number'), { target: { value: '4' } });
    await fireEvent.click(screen.getByText('Lưu PDF…'));
    expect(await screen.findByText(/dẫn căn cứ: Kế hoạch số 04\/KH-UBND ngày 08\/01\/2026/)).toBeInTheDocument();
    const order = calls.map((c) => c.cmd).filter((c) => c === 'save_plan_texts' || c === 'make_report');
    expect(order).toEqual(['save_plan_texts', 'make_report']);
    expect(args(calls, 'save_plan_texts')[0]).toMatchObject({ year: 2026, texts: { organisation: 'Văn phòng - Thống kê theo dõi, đôn đốc.' } });
    expect(args(calls, 'make_report')[0].request).toMatchObject({ kind: 'plan_document', settings: { number: '4' } });
  });
});
