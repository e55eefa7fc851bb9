import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen } from '@testing-library/svelte';
import { mockIPC } from '@tauri-apps/api/mocks';
import TaskTable from './TaskTable.svelte';
import Timeline from './Timeline.svelte';
import TaskForm from './TaskForm.svelte';
import type { Area, StatusOption, Task } from '../lib/types';

function task(over: Partial<Task>): Task {
  return {
    id: 1,
    version: 1,
    year: 2026,
    number: '1',
    content: 'Nhiệm vụ',
    area_id: 1,
    area_name: 'Công tác chỉ đạo, điều hành CCHC',
    lead_officer_id: null,
    lead_officer_name: null,
    coordinators: '',
    deadline_text: 'Quý II/2026',
    deadline_kind: 'quarter',
    due: '2026-06-30',
    product: '',
    status: 'in_progress',
    status_label: 'Đang thực hiện',
    completed_on: null,
    result: '',
    reason: '',
    solution: '',
    tracked_from: null,
    occurrences: [],
    standing: 'in_progress',
    standing_label: 'Đang thực hiện',
    counted_done: false,
    overdue: false,
    next_due: '2026-06-30',
    days_left: 30,
    ...over,
  };
}

const tasks = [
  task({ id: 1, number: '1', content: 'Ban hành kế hoạch', due: '2026-01-15', next_due: null, status: 'done', status_label: 'Hoàn thành', counted_done: true, days_left: null }),
  task({ id: 2, number: '2', content: 'Khảo sát hài lòng', area_id: 8, area_name: 'Tác động của CCHC', due: '2026-09-30', next_due: '2026-09-30', overdue: true, days_left: -53, reason: 'Chưa có mẫu phiếu' }),
  task({ id: 3, number: '3', content: 'Đánh giá CBCC', area_id: 5, area_name: 'Đội ngũ CBCC', due: '2026-11-27', next_due: '2026-11-27', days_left: 5, deadline_text: '27/11/2026', deadline_kind: 'date' }),
];

describe('TaskTable', () => {
  it('groups by area in plan order and marks overdue rows', () => {
    render(TaskTable, { tasks, onedit: () => {}, ondone: () => {} });
    const areaRows = [...document.querySelectorAll('tr.area')].map((r) => r.textContent);
    expect(areaRows).toEqual(['Công tác chỉ đạo, điều hành CCHC', 'Tác động của CCHC', 'Đội ngũ CBCC']);
    expect(document.querySelector('tr[data-task-id="2"]')).toHaveClass('overdue');
    expect(document.querySelector('tr[data-task-id="3"]')).not.toHaveClass('overdue');
    expect(screen.getByText('Quá hạn')).toBeInTheDocument();
    expect(screen.getByText(/Lý do: Chưa có mẫu phiếu/)).toBeInTheDocument();
    expect(screen.getByText('còn 5 ngày')).toBeInTheDocument();
  });

  it('sorts by deadline on request and offers "Hoàn thành" only for open tasks', async () => {
    const ondone = vi.fn();
    // Given out of deadline order, so that only sorting puts them right.
    render(TaskTable, { tasks: [tasks[2], tasks[0], tasks[1]], onedit: () => {}, ondone });
    await fireEvent.click(screen.getByText('Thời hạn'));
    const order = [...document.querySelectorAll('tr[data-task-id]')].map((r) => r.getAttribute('data-task-id'));
    expect(order).toEqual(['1', '2', '3']);
    expect(document.querySelector('[data-done="1"]')).toBeNull();
    await fireEvent.click(document.querySelector('[data-done="3"]')!);
    expect(ondone).toHaveBeenCalledWith(expect.objectContaining({ id: 3 }));
  });
});

describe('Timeline', () => {
  it('puts overdue tasks first, then open ones month by month, and leaves finished ones out', () => {
    render(Timeline, { tasks, onedit: () => {} });
    const titles = [...document.querySelectorAll('#task-timeline h3')].map((h) => h.textContent?.replace(/\s+/g, ' ').trim());
    expect(titles).toEqual(['Quá hạn (1)', 'Tháng 11/2026 (1)']);
    expect(screen.queryByText(/Ban hành kế hoạch/)).toBeNull();
  });
});

describe('TaskForm', () => {
  const areas: Area[] = [{ id: 1, name: 'Công tác chỉ đạo, điều hành CCHC', position: 1, active: true }];
  const statuses: StatusOption[] = [
    { value: 'in_progress', label: 'Đang thực hiện' },
    { value: 'done', label: 'Hoàn thành' },
  ];

  it('shows the core message for an unreadable deadline and stays open', async () => {
    mockIPC((cmd) => {
      if (cmd === 'save_task') throw { kind: 'invalid', message: 'Không đọc được thời hạn “sớm”.' };
    });
    const onsaved = vi.fn();
    render(TaskForm, { year: 2026, task: null, areas, officers: [], statuses, today: '2026-11-22', onsaved, onclose: () => {} });
    await fireEvent.input(document.getElementById('task-content')!, { target: { value: 'Rà soát TTHC' } });
    await fireEvent.input(document.getElementById('task-deadline')!, { target: { value: 'sớm' } });
    await fireEvent.click(screen.getByText('Lưu nhiệm vụ'));
    expect(await screen.findByRole('alert')).toHaveTextContent('Không đọc được thời hạn “sớm”.');
    expect(onsaved).not.toHaveBeenCalled();
  });

  it('asks for the completion date only when done, and sends it', async () => {
    let sent: any = null;
    mockIPC((cmd, args) => {
      if (cmd === 'save_task') {
        sent = args;
        return task({});
      }
    });
    const onsaved = vi.fn();
    render(TaskForm, { year: 2026, task: task({ id: 7 }), areas, officers: [], statuses, today: '2026-11-22', onsaved, onclose: () => {} });
    expect(document.getElementById('task-completed-on')).toBeNull();
    await fireEvent.change(document.getElementById('task-status')!, { target: { value: 'done' } });
    await fireEvent.input(document.getElementById('task-completed-on')!, { target: { value: '5/7/2026' } });
    await fireEvent.click(screen.getByText('Lưu nhiệm vụ'));
    await vi.waitFor(() => expect(onsaved).toHaveBeenCalled());
    expect(sent).toMatchObject({ year: 2026, id: 7, input: { status: 'done', completed_on: '2026-07-05' } });
  });

  it('sends the version it showed and, when someone saved meanwhile, keeps the typed work and offers a reload', async () => {
    let sent: any = null;
    mockIPC((cmd, args) => {
      if (cmd === 'save_task') {
        sent = args;
        throw { kind: 'stale', message: 'Nhiệm vụ này vừa được Trần Văn Hùng sửa lúc 10:15; hãy tải lại để xem thay đổi rồi sửa tiếp.' };
      }
    });
    const onsaved = vi.fn();
    const onclose = vi.fn();
    render(TaskForm, { year: 2026, task: task({ id: 7, version: 4 }), areas, officers: [], statuses, today: '2026-11-22', onsaved, onclose });
    await fireEvent.input(document.getElementById('task-content')!, { target: { value: 'Nội dung tôi vừa gõ' } });
    await fireEvent.click(screen.getByText('Lưu nhiệm vụ'));
    expect(await screen.findByText(/vừa được Trần Văn Hùng sửa lúc 10:15/)).toBeInTheDocument();
    expect(sent).toMatchObject({ id: 7, version: 4 });
    expect((document.getElementById('task-content') as HTMLTextAreaElement).value).toBe('Nội dung tôi vừa gõ');
    expect(onsaved).not.toHaveBeenCalled();
    await fireEvent.click(document.getElementById('stale-reload')!);
    expect(onclose).toHaveBeenCalled();
  });
});

describe('TaskForm: a recurring task entered mid-year', () => {
  const areas: Area[] = [{ id: 1, name: 'Công tác chỉ đạo, điều hành CCHC', position: 1, active: true }];
  const statuses: StatusOption[] = [{ value: 'in_progress', label: 'Đang thực hiện' }];
  const monthly = {
    text: 'Hằng tháng',
    kind: 'monthly',
    recurring: true,
    due: '2026-12-31',
    meaning: '12 kỳ, kỳ cuối hạn 31/12/2026',
    occurrences: Array.from({ length: 12 }, (_, i) => ({ label: `Tháng ${i + 1}/2026`, due: `2026-${String(i + 1).padStart(2, '0')}-28` })),
    passed: 10,
    suggested: { from_seq: 11, earlier: 'not_tracked' },
  };

  it('asks from which period it is followed, suggests the running one, and sends the answer', async () => {
    let sent: any = null;
    mockIPC((cmd, args) => {
      if (cmd === 'deadline_preview') return monthly;
      if (cmd === 'save_task') {
        sent = args;
        return task({ number: '4' });
      }
    });
    const onsaved = vi.fn();
    render(TaskForm, { year: 2026, task: null, areas, officers: [], statuses, today: '2026-11-30', onsaved, onclose: () => {} });
    await fireEvent.input(document.getElementById('task-content')!, { target: { value: 'Cập nhật tin bài' } });
    await fireEvent.input(document.getElementById('task-deadline')!, { target: { value: 'Hằng tháng' } });
    await screen.findByText('Nhiệm vụ lặp lại: theo dõi từ kỳ nào?');
    expect(screen.getByText('12 kỳ, kỳ cuối hạn 31/12/2026')).toBeInTheDocument();
    expect(screen.getByText(/10 trong 12 kỳ đã qua hạn/)).toBeInTheDocument();
    expect((document.getElementById('task-tracked-from') as HTMLSelectElement).value).toBe('11');
    // The officer says the earlier months were done.
    await fireEvent.click(screen.getByLabelText('Các kỳ trước: đã thực hiện'));
    await fireEvent.click(screen.getByText('Lưu nhiệm vụ'));
    await vi.waitFor(() => expect(onsaved).toHaveBeenCalledWith('Đã thêm nhiệm vụ 4 vào kế hoạch năm 2026.'));
    expect(sent.input.start).toEqual({ from_seq: 11, earlier: 'done' });
  });

  it('does not ask for a dated deadline and sends no start', async () => {
    let sent: any = null;
    mockIPC((cmd, args) => {
      if (cmd === 'deadline_preview') return { ...monthly, kind: 'quarter', recurring: false, meaning: 'Hạn 30/06/2026', occurrences: [], passed: 0, suggested: null };
      if (cmd === 'save_task') {
        sent = args;
        return task({});
      }
    });
    render(TaskForm, { year: 2026, task: null, areas, officers: [], statuses, today: '2026-11-30', onsaved: () => {}, onclose: () => {} });
    await fireEvent.input(document.getElementById('task-content')!, { target: { value: 'Rà soát' } });
    await fireEvent.input(document.getElementById('task-deadline')!, { target: { value: 'Quý II/2026' } });
    await screen.findByText('Hạn 30/06/2026');
    expect(document.getElementById('task-tracking')).toBeNull();
    await fireEvent.click(screen.getByText('Lưu nhiệm vụ'));
    await vi.waitFor(() => expect(sent).not.toBeNull());
    expect(sent.input.start).toBeNull();
  });

  it('names the task when asking to delete it, and deletes only on confirmation', async () => {
    const calls: string[] = [];
    mockIPC((cmd) => {
      calls.push(cmd);
      if (cmd === 'deadline_preview') return { ...monthly, recurring: false, occurrences: [], passed: 0, suggested: null, meaning: 'Hạn 30/06/2026' };
    });
    const onsaved = vi.fn();
    render(TaskForm, { year: 2026, task: task({ id: 9, number: '9', content: 'Khảo sát mức độ hài lòng' }), areas, officers: [], statuses, today: '2026-11-30', onsaved, onclose: () => {} });
    await fireEvent.click(document.getElementById('task-delete')!);
    expect(document.getElementById('confirm-dialog')).toHaveTextContent('Xóa nhiệm vụ 9 “Khảo sát mức độ hài lòng” khỏi kế hoạch năm 2026?');
    await fireEvent.click(document.getElementById('confirm-cancel')!);
    expect(calls).not.toContain('delete_task');
    await fireEvent.click(document.getElementById('task-delete')!);
    await fireEvent.click(document.getElementById('confirm-ok')!);
    await vi.waitFor(() => expect(onsaved).toHaveBeenCalledWith('Đã xóa nhiệm vụ 9 khỏi kế hoạch năm 2026.'));
    expect(calls).toContain('delete_task');
  });
});
