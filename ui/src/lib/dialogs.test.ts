import { describe, expect, it } from 'vitest';
import { fireEvent, render, waitFor } from '@testing-library/svelte';
import ModalHarness from '../test/ModalHarness.svelte';
import { trapTab } from './focus';

const $ = (id: string) => document.getElementById(id)!;

async function openDialog() {
  render(ModalHarness);
  $('opener').focus();
  await fireEvent.click($('opener'));
  await waitFor(() => expect(document.activeElement).toBe($('field-name')));
}

describe('Modal', () => {
  it('takes focus on its first field and gives it back to the opener on close', async () => {
    await openDialog();
    expect(document.querySelector('[role="dialog"]')).toHaveAttribute('aria-modal', 'true');
    await fireEvent.keyDown(window, { key: 'Escape' });
    await waitFor(() => expect(document.querySelector('[role="dialog"]')).toBeNull());
    expect(document.activeElement).toBe($('opener'));
    expect($('closed-count')).toHaveTextContent('1');
  });

  it('keeps Tab inside the dialog, both ways', async () => {
    await openDialog();
    const close = document.querySelector<HTMLElement>('button.close')!;
    $('save').focus();
    await fireEvent.keyDown(window, { key: 'Tab' });
    expect(document.activeElement).toBe(close);
    await fireEvent.keyDown(window, { key: 'Tab', shiftKey: true });
    expect(document.activeElement).toBe($('save'));
    // Focus that escaped to the page behind comes back into the dialog.
    $('behind').focus();
    await fireEvent.keyDown(window, { key: 'Tab' });
    expect(document.querySelector('[role="dialog"]')!.contains(document.activeElement)).toBe(true);
  });

  it('asks "Bỏ các thay đổi chưa lưu?" on Esc or ✕ after typing, and keeps the work on "Tiếp tục sửa"', async () => {
    await openDialog();
    await fireEvent.input($('field-name'), { target: { value: 'Nguyễn Văn A' } });
    await fireEvent.keyDown(window, { key: 'Escape' });
    expect(document.querySelector('[role="alertdialog"]')).toHaveTextContent('Bỏ các thay đổi chưa lưu?');
    await waitFor(() => expect(document.activeElement).toBe($('discard-cancel')));
    await fireEvent.click($('discard-cancel'));
    expect(document.querySelector('[role="alertdialog"]')).toBeNull();
    expect(($('field-name') as HTMLInputElement).value).toBe('Nguyễn Văn A');
    expect($('closed-count')).toHaveTextContent('0');

    await fireEvent.click(document.querySelector('button.close')!);
    expect(document.querySelector('[role="alertdialog"]')).not.toBeNull();
    await fireEvent.click($('discard-confirm'));
    await waitFor(() => expect(document.querySelector('[role="dialog"]')).toBeNull());
    expect($('closed-count')).toHaveTextContent('1');
  });

  it('closes at once when nothing was typed', async () => {
    await openDialog();
    await fireEvent.click(document.querySelector('button.close')!);
    await waitFor(() => expect(document.querySelector('[role="dialog"]')).toBeNull());
    expect(document.querySelector('[role="alertdialog"]')).toBeNull();
  });
});

describe('trapTab', () => {
  it('leaves other keys alone', () => {
    const root = document.createElement('div');
    root.innerHTML = '<button id="a">a</button><button id="b">b</button>';
    document.body.append(root);
    const e = new KeyboardEvent('keydown', { key: 'Enter', cancelable: true });
    trapTab(root, e);
    expect(e.defaultPrevented).toBe(false);
    root.remove();
  });
});
