// How the screens reach the host, chosen at run time. The same screens run in three places:
// - 'desktop': the app's own window, on the PC that holds the data (tauri IPC);
// - 'browser': a browser of another PC, on the host's own pages (same-origin HTTP, a cookie
//   the scripts cannot read, and the session's anti-forgery value in X-CSRF-Token);
// - 'client': the desktop app of another PC connected to a host ("máy khách"): HTTP to the
//   host's address with a bearer token.
// Every call is `call(command, args)`; nothing else in the UI knows which one runs. Plain HTTP
// on an office address is not a secure context: nothing here needs crypto.randomUUID,
// crypto.subtle or the clipboard API.

import type { CommandName } from './bindings/commands';
import { invoke } from '@tauri-apps/api/core';
import { listen } from '@tauri-apps/api/event';

export type Mode = 'desktop' | 'browser' | 'client';

/** The failure every screen shows the same way: `{ kind, message }`. */
export interface CallError {
  kind: string;
  message: string;
}

const REMOTE_KEY = 'cchc.remote-host';
const TOKEN_KEY = 'cchc.remote-token';

interface Remote {
  base: string;
  token: string | null;
}

let remote: Remote | null = null;
let csrf: string | null = null;

function isTauri(): boolean {
  return typeof window !== 'undefined' && '__TAURI_INTERNALS__' in window;
}

function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

/** The host this desktop app was told to work against, remembered between runs. */
export function rememberedHost(): string | null {
  return isTauri() ? (storage()?.getItem(REMOTE_KEY) ?? null) : null;
}

/** Works against the host at `base` ("http://may-chu:8765") from now on; null: this PC. */
export function useHost(base: string | null) {
  const s = storage();
  if (base) {
    const clean = base.replace(/\/+$/, '');
    s?.setItem(REMOTE_KEY, clean);
    remote = { base: clean, token: sessionStorage.getItem(TOKEN_KEY) };
  } else {
    s?.removeItem(REMOTE_KEY);
    sessionStorage.removeItem(TOKEN_KEY);
    remote = null;
  }
}

// A desktop app set up as a client resumes as one.
if (isTauri()) {
  const base = rememberedHost();
  if (base) useHost(base);
}

export function mode(): Mode {
  if (remote) return 'client';
  return isTauri() ? 'desktop' : 'browser';
}

/** The base of the host's address for links and downloads ('' on the host's own pages). */
export function hostBase(): string {
  return remote?.base ?? '';
}

/** Connection state, for the "mất kết nối với máy chủ" screen. */
type Listener = (lost: boolean) => void;
const connectionListeners = new Set<Listener>();
let lost = false;

function setLost(value: boolean) {
  if (lost === value) return;
  lost = value;
  connectionListeners.forEach((l) => l(value));
}

export function onConnection(listener: Listener): () => void {
  connectionListeners.add(listener);
  return () => connectionListeners.delete(listener);
}

export const OFFLINE: CallError = {
  kind: 'offline',
  message: 'Mất kết nối với máy chủ. Hãy kiểm tra mạng nội bộ và máy chủ, rồi bấm “Thử lại”.',
};

/** Headers of a request to the host over HTTP. */
export function httpHeaders(json = true): Record<string, string> {
  const headers: Record<string, string> = {};
  if (json) headers['Content-Type'] = 'application/json';
  if (remote) {
    headers['X-CCHC-Client'] = 'desktop';
    if (remote.token) headers.Authorization = `Bearer ${remote.token}`;
  } else if (csrf) {
    headers['X-CSRF-Token'] = csrf;
  }
  return headers;
}

/** `fetch` to the host, turning a network failure into the offline state. */
export async function hostFetch(path: string, init: RequestInit): Promise<Response> {
  try {
    const response = await fetch(`${hostBase()}${path}`, {
      ...init,
      credentials: remote ? 'omit' : 'same-origin',
    });
    setLost(false);
    return response;
  } catch {
    setLost(true);
    throw OFFLINE;
  }
}

/** The `{kind, message}` of a failed answer. */
export async function failure(response: Response): Promise<CallError> {
  const body = await response.json().catch(() => null);
  if (body && typeof body === 'object' && 'message' in body) return body as CallError;
  return { kind: 'http', message: `Máy chủ trả lời lỗi ${response.status}; hãy thử lại.` };
}

/** Keeps what a log-in answer carries for the next calls. */
function keepSession(command: string, answer: unknown) {
  if (!answer || typeof answer !== 'object') return;
  const a = answer as { csrf?: string; token?: string };
  if (a.csrf) csrf = a.csrf;
  if (remote && a.token) {
    remote.token = a.token;
    sessionStorage.setItem(TOKEN_KEY, a.token);
  }
  if (command === 'logout') {
    csrf = null;
    if (remote) {
      remote.token = null;
      sessionStorage.removeItem(TOKEN_KEY);
    }
  }
}

/** Calls one command of the host. */
export async function call<T>(command: CommandName, args: Record<string, unknown> = {}): Promise<T> {
  if (mode() === 'desktop') return invoke<T>(command, args);
  const response = await hostFetch(`/api/${command}`, {
    method: 'POST',
    headers: httpHeaders(),
    body: JSON.stringify(args),
  });
  if (!response.ok) {
    const error = await failure(response);
    if (command === 'logout') keepSession(command, null);
    throw error;
  }
  const type = response.headers.get('content-type') ?? '';
  const answer = type.includes('application/json') ? await response.json() : await response.arrayBuffer();
  keepSession(command, answer);
  if (command === 'current_session' && answer === null) csrf = null;
  return answer as T;
}

/**
 * Progress of long work the host reports while one call runs (import, report). Only the
 * desktop window hears it; over the network the screen shows that it works, without figures.
 */
export function onEvent<T>(event: string, listener: (payload: T) => void): () => void {
  if (mode() !== 'desktop') return () => {};
  let stopped = false;
  let unlisten: (() => void) | null = null;
  listen<T>(event, (e) => listener(e.payload))
    .then((u) => (stopped ? u() : (unlisten = u)))
    .catch(() => {});
  return () => {
    stopped = true;
    unlisten?.();
  };
}

/** What changed on the host, so that the screen on view reloads. */
export interface Change {
  area: string;
  year?: number | null;
  account?: number | null;
}

/**
 * Listens for changes made by other users: tauri events on the host's own window, the host's
 * event stream over HTTP (reconnected when it drops). Returns the way to stop.
 */
export function onChange(listener: (change: Change) => void): () => void {
  let stopped = false;
  if (mode() === 'desktop') {
    let unlisten: (() => void) | null = null;
    listen<Change>('data-changed', (e) => listener(e.payload))
      .then((u) => (stopped ? u() : (unlisten = u)))
      .catch(() => {});
    return () => {
      stopped = true;
      unlisten?.();
    };
  }
  const controller = new AbortController();
  const run = async () => {
    while (!stopped) {
      try {
        const response = await fetch(`${hostBase()}/api/events`, {
          headers: httpHeaders(false),
          credentials: remote ? 'omit' : 'same-origin',
          signal: controller.signal,
        });
        if (!response.ok || !response.body) throw new Error(String(response.status));
        setLost(false);
        const reader = response.body.getReader();
        const decoder = new TextDecoder();
        let buffer = '';
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer += decoder.decode(value, { stream: true });
          let end: number;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const data = block
              .split('\n')
              .filter((l) => l.startsWith('data:'))
              .map((l) => l.slice(5).trim())
              .join('');
            if (data) {
              try {
                listener(JSON.parse(data) as Change);
              } catch {
                // A line that is not a change is not ours to show.
              }
            }
          }
        }
      } catch {
        if (stopped) return;
      }
      await new Promise((r) => setTimeout(r, 3000));
    }
  };
  void run();
  return () => {
    stopped = true;
    controller.abort();
  };
}

/** For tests: back to a fresh state. */
export function resetTransport() {
  remote = null;
  csrf = null;
  lost = false;
}
