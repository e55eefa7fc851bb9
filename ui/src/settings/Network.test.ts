import { describe, expect, it } from 'vitest';
import { render, screen } from '@testing-library/svelte';
import { mockIPC } from '@tauri-apps/api/mocks';
import Network from './Network.svelte';
import type { NetworkStatus } from '../lib/types';

const status: NetworkStatus = {
  settings: { enabled: true, port: 8765 },
  adjustable: true,
  listening: '0.0.0.0:8765',
  on_network: true,
  urls: ['http://192.168.1.10:8765'],
  qr_svg: null,
  error: null,
  advice: [],
};

describe('Mạng nội bộ', () => {
  it('reads the status once when it opens, not over and over', async () => {
    const calls: string[] = [];
    // Answers after a tick, as a host does: a load that re-ran itself would then be counted
    // here instead of spinning without end.
    mockIPC(async (cmd) => {
      calls.push(cmd);
      await new Promise((r) => setTimeout(r, 5));
      if (cmd === 'network_status') return status;
      if (cmd === 'client_sessions') return [];
    });
    render(Network);
    expect(await screen.findByDisplayValue('http://192.168.1.10:8765')).toBeInTheDocument();
    // Long enough for a load that re-ran on its own busy flag to have run several times.
    await new Promise((r) => setTimeout(r, 300));
    expect(calls.filter((c) => c === 'network_status')).toHaveLength(1);
    expect(calls.filter((c) => c === 'client_sessions')).toHaveLength(1);
  });
});
