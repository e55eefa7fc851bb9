// The files a user gives a command or gets from it, the same way on every screen:
// - on the PC that holds the data ('desktop'), the PC's own dialogs pick paths the host uses;
// - in a browser, a file input uploads the file to the host first (the command then names it
//   `upload:<id>`), and what a command writes is asked for as `download:<token>/<name>` and
//   then downloaded under that name;
// - in the desktop app of another PC ('client'), the app's own dialogs pick and save files on
//   that PC, and the bytes travel to and from the host as in a browser.

import { open as openDialog, save as saveDialog } from '@tauri-apps/plugin-dialog';
import { invoke } from '@tauri-apps/api/core';
import type { CommandName } from './bindings/commands';
import { call, failure, hostBase, hostFetch, httpHeaders, mode, OFFLINE } from './transport';

export interface Filter {
  name: string;
  extensions: string[];
}

/** A file for a command to read, as the command wants it named. */
export interface Input {
  path: string;
  name: string;
}

/** Where a command writes, and what to do once it has. */
export interface Output {
  path: string;
  /** Brings the written file to the user (a download); nothing to do on the host's own PC. */
  finish(): Promise<void>;
  /** How to tell the user where the file went. */
  shown: string;
}

export type Progress = (done: number, total: number) => void;

function baseName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}

/** 16 random bytes as hex; `crypto.getRandomValues` works over plain HTTP too. */
export function randomToken(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Sends a file to the host; answers what the command should name it. */
export function upload(file: Blob, name: string, progress?: Progress): Promise<Input> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `${hostBase()}/api/upload?name=${encodeURIComponent(name)}`);
    for (const [k, v] of Object.entries(httpHeaders(false))) xhr.setRequestHeader(k, v);
    xhr.withCredentials = false;
    xhr.upload.onprogress = (e) => progress?.(e.loaded, e.total || file.size);
    xhr.onerror = () => reject(OFFLINE);
    xhr.onload = () => {
      let body: { upload?: string; name?: string; message?: string; kind?: string } | null = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        body = null;
      }
      if (xhr.status === 200 && body?.upload) resolve({ path: body.upload, name: body.name ?? name });
      else reject(body?.message ? body : { kind: 'http', message: `Không tải được tệp lên (lỗi ${xhr.status}).` });
    };
    xhr.send(file);
  });
}

/** A file input of the page, as a promise of the chosen file. */
function chooseWithInput(filters: Filter[] | undefined): Promise<File | null> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    if (filters?.length) input.accept = filters.flatMap((f) => f.extensions.map((e) => `.${e}`)).join(',');
    input.onchange = () => resolve(input.files?.[0] ?? null);
    input.addEventListener('cancel', () => resolve(null));
    input.click();
  });
}

/** Lets the user pick a file for a command to read. */
export async function pickInput(title: string, filters?: Filter[], progress?: Progress): Promise<Input | null> {
  switch (mode()) {
    case 'desktop': {
      const path = await openDialog({ title, multiple: false, directory: false, filters });
      return typeof path === 'string' ? { path, name: baseName(path) } : null;
    }
    case 'client': {
      const picked = await invoke<{ id: string; name: string } | null>('client_pick_file', { title, filters: filters ?? [] });
      if (!picked) return null;
      const bytes = await invoke<ArrayBuffer>('client_file_bytes', { id: picked.id });
      return upload(new Blob([bytes]), picked.name, progress);
    }
    case 'browser': {
      const file = await chooseWithInput(filters);
      return file ? upload(file, file.name, progress) : null;
    }
  }
}

/** The bytes of a file a command wrote for this client. */
export async function downloadBytes(path: string): Promise<ArrayBuffer> {
  const token = path.replace(/^download:/, '').split('/')[0];
  const response = await hostFetch(`/api/download/${token}`, { method: 'GET', headers: httpHeaders(false) });
  if (!response.ok) throw await failure(response);
  return response.arrayBuffer();
}

/** Hands bytes to the user as a file named `name`. */
async function deliver(bytes: ArrayBuffer, name: string, title: string, filters?: Filter[]) {
  if (mode() === 'client') {
    const extensions = (filters ?? []).flatMap((f) => f.extensions).join(',');
    await invoke('client_save_file', new Uint8Array(bytes), {
      headers: { 'x-title': encodeURIComponent(title), 'x-name': encodeURIComponent(name), 'x-extensions': extensions },
    });
    return;
  }
  const url = URL.createObjectURL(new Blob([bytes]));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/**
 * A file of the host to look at: the PC's own program opens it on the host's own PC; anywhere
 * else the file is downloaded under its name.
 */
export async function openOnHost(command: CommandName, args: Record<string, unknown>, name: string): Promise<void> {
  if (mode() === 'desktop') {
    await call<void>(command, args);
    return;
  }
  const bytes = await call<ArrayBuffer>(command, args);
  await deliver(bytes, name, 'Lưu tệp');
}

/** Lets the user say where a command's file goes. */
export async function pickOutput(title: string, defaultName: string, filters?: Filter[]): Promise<Output | null> {
  if (mode() === 'desktop') {
    const path = await saveDialog({ title, defaultPath: defaultName, filters });
    return path ? { path, finish: async () => {}, shown: path } : null;
  }
  const path = `download:${randomToken()}/${defaultName}`;
  return {
    path,
    shown: defaultName,
    finish: async () => deliver(await downloadBytes(path), defaultName, title, filters),
  };
}

/**
 * Lets the user pick a folder of the host (the automatic backups' folder). Only the desktop app
 * on the host picks folders: a folder of another PC means nothing to the host. Elsewhere: null.
 */
export async function pickFolder(title: string): Promise<string | null> {
  if (mode() !== 'desktop') return null;
  const path = await openDialog({ title, multiple: false, directory: true });
  return typeof path === 'string' ? path : null;
}

/** A place for a command's file that the user does not choose (a preview). */
export function scratchOutput(name: string): string | null {
  return mode() === 'desktop' ? null : `download:${randomToken()}/${name}`;
}
