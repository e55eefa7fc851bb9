import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { mockIPC } from '@tauri-apps/api/mocks';
import ApprovalDialog from './ApprovalDialog.svelte';
import CriterionPanel from './CriterionPanel.svelte';
import { startSession } from '../lib/app.svelte';
import { session } from '../test/fixtures';
import type { ApprovalPreview, CriterionNode, LeafScore } from '../lib/types';

const preview: ApprovalPreview = {
  items: [
    { criterion_id: 11, full_code: 'I.4.1', title: 'Ban hành kế hoạch tuyên truyền CCHC', self_score: 1, max: 1, evidence_count: 1, lacks_evidence: false, held: false },
    { criterion_id: 12, full_code: 'I.4.2', title: 'Mức độ thực hiện kế hoạch tuyên truyền', self_score: 2, max: 2, evidence_count: 2, lacks_evidence: false, held: false },
    { criterion_id: 33, full_code: 'III.3', title: 'Tỷ lệ hồ sơ giải quyết đúng hạn', self_score: 4, max: 6, evidence_count: 0, lacks_evidence: true, held: true },
  ],
  approving: 2,
  total: 3,
  lacking_evidence: ['III.3'],
  allow_without_evidence: false,
  question: 'Duyệt 2 tiêu chí với tổng 3 điểm tự chấm?',
  warning: '1 tiêu chí chưa có tài liệu kiểm chứng sẽ không được duyệt, chờ bổ sung tài liệu: III.3.',
};

describe('ApprovalDialog', () => {
  it('lists what is approved with the total, calls out the criteria without evidence, and approves exactly that list', async () => {
    let sent: any = null;
    mockIPC((cmd, args) => {
      if (cmd === 'approval_preview') return preview;
      if (cmd === 'approve_sheet') {
        sent = args;
        return { approved: 2, total: 3, held: ['III.3'], message: 'Đã duyệt 2 tiêu chí (3 điểm). 1 tiêu chí chưa có tài liệu kiểm chứng chưa được duyệt: III.3.' };
      }
    });
    const onapproved = vi.fn();
    render(ApprovalDialog, { year: 2026, id: null, scopeLabel: 'toàn bộ bảng điểm', onapproved, oncancel: () => {} });
    expect(await screen.findByText('Duyệt 2 tiêu chí với tổng 3 điểm tự chấm?')).toBeInTheDocument();
    expect(document.getElementById('approval-warning')).toHaveTextContent('III.3');
    const rows = [...document.querySelectorAll('[data-approval-code]')].map((r) => r.getAttribute('data-approval-code'));
    expect(rows).toEqual(['I.4.1', 'I.4.2', 'III.3']);
    expect(document.querySelector('[data-approval-code="III.3"]')).toHaveClass('lacking');
    expect(document.querySelector('[data-approval-code="III.3"]')).toHaveTextContent('Chưa có');
    expect(document.getElementById('approval-total')).toHaveTextContent('3');
    // The safe answer has the focus.
    await waitFor(() => expect(document.activeElement).toBe(document.getElementById('approval-cancel')));
    await fireEvent.click(screen.getByText('Duyệt 2 tiêu chí'));
    await waitFor(() => expect(onapproved).toHaveBeenCalled());
    expect(sent).toEqual({ year: 2026, shown: [11, 12, 33] });
  });

  it('approves nothing when cancelled', async () => {
    const calls: string[] = [];
    mockIPC((cmd) => {
      calls.push(cmd);
      if (cmd === 'approval_preview') return preview;
    });
    const oncancel = vi.fn();
    render(ApprovalDialog, { year: 2026, id: 5, scopeLabel: 'tiêu chí I', onapproved: () => {}, oncancel });
    await screen.findByText('Duyệt 2 tiêu chí với tổng 3 điểm tự chấm?');
    await fireEvent.click(document.getElementById('approval-cancel')!);
    expect(oncancel).toHaveBeenCalled();
    expect(calls).toEqual(['approval_preview']);
  });
});

function leaf(over: Partial<LeafScore> = {}): LeafScore {
  return {
    version: 1,
    assignee_officer_id: 1,
    assignee_name: 'Nguyễn Thị Lan Anh',
    self_score: null,
    explanation: '',
    state: 'draft',
    state_label: 'Nháp',
    evidence_count: 0,
    round1: null,
    round1_note: '',
    commune_explanation: '',
    round2: null,
    round2_note: '',
    linked_tasks_overdue: 0,
    ...over,
  };
}

function node(over: Partial<CriterionNode> = {}): CriterionNode {
  return {
    id: 7,
    version: 1,
    code: '1.1',
    full_code: 'I.1.1',
    title: 'Ban hành kế hoạch CCHC năm',
    kind: 'normal',
    max_points: 1,
    effective_max: 1,
    max_mismatch: false,
    children_sum: null,
    evidence_required: '',
    not_applicable: false,
    not_applicable_reason: '',
    levels: [
      { label: 'Ban hành đúng thời hạn', points: 1 },
      { label: 'Ban hành chậm', points: 0.5 },
    ],
    children: [],
    leaf: leaf(),
    self_points: 0,
    round1_points: null,
    round2_points: null,
    final_points: null,
    last_year_points: null,
    scored_leaves: 0,
    leaves: 1,
    without_evidence: 0,
    ...over,
  };
}

describe('CriterionPanel', () => {
  beforeEach(() => startSession(session('officer')));

  it('opens an unscored criterion with no level chosen and no empty score box, and an empty history without a number', async () => {
    mockIPC((cmd) => {
      if (cmd === 'criterion_history') return [];
      if (cmd === 'evidence_for') return [];
    });
    render(CriterionPanel, { node: node(), officers: [], scorable: [7], onchanged: () => {}, onapprove: () => {}, onclose: () => {} });
    const radios = [...document.querySelectorAll<HTMLInputElement>('input[name="level"]')];
    expect(radios).toHaveLength(3);
    expect(radios.some((r) => r.checked)).toBe(false);
    expect(document.getElementById('criterion-score')).toBeNull();
    expect(await screen.findByText('Chưa có bước nào.')).toBeInTheDocument();
    expect(document.querySelector('#criterion-history li')).toBeNull();
    await fireEvent.click(document.getElementById('criterion-level-typed')!);
    expect(document.getElementById('criterion-score')).not.toBeNull();
  });

  it('keeps the panel open after saving a score, says so there, and offers "Gửi duyệt" next to it', async () => {
    let sent: any = null;
    mockIPC((cmd, args) => {
      if (cmd === 'criterion_history') return [];
      if (cmd === 'evidence_for') return [];
      if (cmd === 'score_criterion') sent = args;
    });
    const onchanged = vi.fn();
    const onclose = vi.fn();
    const { rerender } = render(CriterionPanel, { node: node(), officers: [], scorable: [7], onchanged, onapprove: () => {}, onclose });
    await fireEvent.click(screen.getByLabelText(/Ban hành chậm/));
    await fireEvent.click(document.getElementById('criterion-save')!);
    await waitFor(() => expect(onchanged).toHaveBeenCalledWith('Đã lưu điểm tự chấm tiêu chí I.1.1.'));
    expect(sent.input).toEqual({ level: 1, score: null, explanation: '' });
    expect(onclose).not.toHaveBeenCalled();
    expect(screen.getByText(/bấm “Gửi duyệt” để Chủ tịch duyệt/)).toBeInTheDocument();
    // The screen hands the panel the saved criterion: "Gửi duyệt" is one click away.
    await rerender({ node: node({ leaf: leaf({ self_score: 0.5 }) }) });
    expect(document.getElementById('criterion-submit')).not.toBeDisabled();
  });

  it('sends the chairman to the approval confirmation instead of approving at once', async () => {
    startSession(session('chairman'));
    const calls: string[] = [];
    mockIPC((cmd) => {
      calls.push(cmd);
      if (cmd === 'criterion_history') return [];
      if (cmd === 'evidence_for') return [];
    });
    const onapprove = vi.fn();
    render(CriterionPanel, { node: node({ leaf: leaf({ self_score: 1, state: 'submitted', state_label: 'Chờ duyệt' }) }), officers: [], scorable: [], onchanged: () => {}, onapprove, onclose: () => {} });
    await fireEvent.click(document.getElementById('criterion-approve')!);
    expect(onapprove).toHaveBeenCalledWith(expect.objectContaining({ full_code: 'I.1.1' }));
    expect(calls).not.toContain('approve_criterion');
  });
});
