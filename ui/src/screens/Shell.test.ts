import { beforeEach, describe, expect, it } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { mockIPC } from '@tauri-apps/api/mocks';
import Shell from './Shell.svelte';
import { app, startSession } from '../lib/app.svelte';
import { NAV } from '../lib/nav';
import { dashboard, session } from '../test/fixtures';

describe('Shell', () => {
  const asked: number[] = [];
  beforeEach(() => {
    asked.length = 0;
    mockIPC((cmd, args) => {
      if (cmd === 'dashboard') {
        const year = (args as { year: number }).year;
        asked.push(year);
        return dashboard(year);
      }
      if (cmd === 'audit_log') return { entries: [], total: 0 };
      if (cmd === 'commune_settings') return { commune: session('admin').commune, superior_suggestions: [], data_dir: '/tmp' };
    });
  });

  it('lists exactly the landed screens', () => {
    localStorage.setItem('cchc.menu-folded', '0');
    startSession(session('officer'));
    render(Shell, { onlogout: () => {} });
    const entries = [...document.querySelectorAll('[data-nav]')].map((e) => e.textContent?.trim());
    expect(entries).toEqual(NAV.map((n) => `${n.icon}${n.label}`));
  });

  it('folds the menu to icons on a 1024 px screen, each still named, and unfolds on request', async () => {
    localStorage.removeItem('cchc.menu-folded');
    window.innerWidth = 1024;
    startSession(session('officer'));
    render(Shell, { onlogout: () => {} });
    const entries = [...document.querySelectorAll('[data-nav]')];
    expect(entries.map((e) => e.textContent?.trim())).toEqual(NAV.map((n) => n.icon));
    expect(entries.map((e) => e.getAttribute('aria-label'))).toEqual(NAV.map((n) => n.label));
    await fireEvent.click(document.getElementById('menu-toggle')!);
    expect(document.querySelector('[data-nav="plan"]')?.textContent?.trim()).toBe('☰Kế hoạch CCHC');
    expect(localStorage.getItem('cchc.menu-folded')).toBe('0');
  });

  it('puts the keyboard on the screen heading after log-in and on each screen opened', async () => {
    localStorage.setItem('cchc.menu-folded', '0');
    startSession(session('officer'));
    render(Shell, { onlogout: () => {} });
    await waitFor(() => expect(document.activeElement).toBe(document.getElementById('screen-title')));
    expect(document.activeElement).toHaveTextContent('Tổng quan');
    await fireEvent.click(document.querySelector('[data-nav="settings"]')!);
    await waitFor(() => expect(document.activeElement).toHaveTextContent('Cài đặt'));
  });

  it('starts on the current year and every screen follows the selector', async () => {
    startSession(session('officer'));
    render(Shell, { onlogout: () => {} });
    expect(app.year).toBe(2026);
    await fireEvent.change(document.getElementById('year-select')!, { target: { value: '2025' } });
    expect(app.year).toBe(2025);
    await screen.findByText('Xã Nông Thượng — năm 2025');
    expect(asked).toContain(2025);
    expect(await screen.findByText('16/20')).toBeInTheDocument();
    expect(screen.getByText('99,9%')).toBeInTheDocument();
    expect(screen.getByText('45%')).toBeInTheDocument();
    expect(screen.getByText('buổi, 688 lượt người tham dự')).toBeInTheDocument();
  });

  it('hides the accounts and audit tabs from an officer', async () => {
    startSession(session('officer'));
    render(Shell, { onlogout: () => {} });
    await fireEvent.click(document.querySelector('[data-nav="settings"]')!);
    expect(document.querySelector('[data-tab="commune"]')).not.toBeNull();
    expect(document.querySelector('[data-tab="accounts"]')).toBeNull();
    expect(document.querySelector('[data-tab="audit"]')).toBeNull();
  });

  it('shows the accounts and audit tabs to an admin', async () => {
    startSession(session('admin'));
    render(Shell, { onlogout: () => {} });
    await fireEvent.click(document.querySelector('[data-nav="settings"]')!);
    expect(document.querySelector('[data-tab="accounts"]')).not.toBeNull();
    expect(document.querySelector('[data-tab="audit"]')).not.toBeNull();
  });
});
