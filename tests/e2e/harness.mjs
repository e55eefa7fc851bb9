// Drives the real app in its real webview: Xvfb (when there is no display), tauri-driver with
// WebKitWebDriver, and WebdriverIO. Each app run gets its own data folder.

import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, existsSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { remote } from 'webdriverio';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const TARGET = process.env.CARGO_TARGET_DIR ?? path.join(ROOT, 'target');
const exe = (name) => path.join(TARGET, 'debug', process.platform === 'win32' ? `${name}.exe` : name);
export const APP = exe('cchc-xa');
export const CLI = exe('cchc');
export const SHOTS = path.join(TARGET, 'e2e-shots');

let xvfb = null;

/** Starts Xvfb once for the whole run when no display is set (CI has none). */
export async function ensureDisplay() {
  if (process.env.DISPLAY || xvfb) return;
  const display = `:${90 + (process.pid % 9)}`;
  xvfb = spawn('Xvfb', [display, '-screen', '0', '1440x900x24', '-nolisten', 'tcp'], { stdio: 'ignore' });
  process.env.DISPLAY = display;
  await new Promise((r) => setTimeout(r, 800));
}

export function stopDisplay() {
  if (xvfb) xvfb.kill();
  xvfb = null;
}

export function tempDataDir(name) {
  return mkdtempSync(path.join(os.tmpdir(), `cchc-e2e-${name}-`));
}

/** Runs the `cchc` CLI on a data folder; returns { code, stdout, stderr }. */
export function cchc(dataDir, ...args) {
  const r = spawnSync(CLI, ['--data-dir', dataDir, ...args], { encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

async function waitForPort(port, ms) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    const ok = await new Promise((resolve) => {
      const s = net.connect(port, '127.0.0.1', () => (s.end(), resolve(true)));
      s.on('error', () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`tauri-driver did not listen on port ${port}`);
}

/** Starts the app (the debug build unless `application` names another) on `dataDir`; returns { browser, driver, close }. */
export async function openApp(dataDir, application = APP) {
  if (!existsSync(application)) throw new Error(`app binary missing: ${application} (build it with tauri build --debug --no-bundle)`);
  await ensureDisplay();
  const port = await freePort();
  const nativePort = await freePort();
  const driver = spawn('tauri-driver', ['--port', String(port), '--native-port', String(nativePort)], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, CCHC_DATA_DIR: dataDir },
  });
  await waitForPort(port, 15000);
  const browser = await remote({
    hostname: '127.0.0.1',
    port,
    logLevel: 'error',
    capabilities: {
      'wdio:enforceWebDriverClassic': true,
      'tauri:options': { application, args: ['--data-dir', dataDir] },
    },
  });
  return {
    browser,
    driver,
    async close() {
      try {
        await browser.deleteSession();
      } finally {
        driver.kill();
      }
    },
  };
}

export async function shot(browser, name) {
  mkdirSync(SHOTS, { recursive: true });
  // WebKitWebDriver captures the last painted frame: let the page paint what it just rendered.
  await browser.executeAsync((done) => requestAnimationFrame(() => requestAnimationFrame(() => done())));
  await browser.pause(250);
  await browser.saveScreenshot(path.join(SHOTS, `${name}.png`));
}

/** Waits for an element and returns it. */
export async function find(browser, selector, timeout = 10000) {
  const el = await browser.$(selector);
  await el.waitForDisplayed({ timeout });
  return el;
}

export async function typeInto(browser, selector, text) {
  const el = await find(browser, selector);
  await el.clearValue();
  await el.setValue(text);
}

export async function textOf(browser, selector) {
  return (await find(browser, selector)).getText();
}

/** xdotool drops non-ASCII letters it types when the machine is busy: dialogs get ASCII paths. */
function asciiOnly(file) {
  if (/[^\x20-\x7e]/.test(file)) throw new Error(`a path typed into a native dialog must be ASCII: ${file}`);
}

/**
 * Answers GTK's open-file or folder chooser (answerFileDialog answers save dialogs): opens the
 * location entry (Ctrl+L) and types the path. A file: Enter opens it. A folder: out of the
 * Recent list first (Alt+Home), typed with a trailing slash GTK goes into it, and the Open
 * button chooses the folder shown.
 */
export function answerOpenDialog(title, file, { folder = false, timeoutMs = 20000 } = {}) {
  asciiOnly(file);
  const script = `
    end=$(( $(date +%s) + ${Math.ceil(timeoutMs / 1000)} ))
    while :; do
      win=$(xdotool search --onlyvisible --name "$1" 2>/dev/null | head -n1 || true)
      [ -n "$win" ] && break
      [ $(date +%s) -ge $end ] && { echo "no dialog titled $1" >&2; exit 1; }
      sleep 0.2
    done
    sleep 0.8
    xdotool windowfocus --sync "$win" 2>/dev/null || true
    for key in $6; do xdotool key $key; sleep 0.5; done
    xdotool key ctrl+l
    sleep 0.3
    xdotool type --delay 2 "$2$4"
    sleep 1
    for key in $5; do
      xdotool search --onlyvisible --name "$1" >/dev/null 2>&1 || exit 0
      xdotool windowfocus --sync "$win" 2>/dev/null || true
      xdotool key $key
      sleep 1
    done
    if xdotool search --onlyvisible --name "$1" >/dev/null 2>&1; then
      import -window root "$3" 2>/dev/null || true
      echo "the dialog stayed open (see $3)" >&2
      exit 1
    fi
    exit 0
  `;
  return new Promise((resolve, reject) => {
    const child = spawn('bash', ['-c', script, 'answer', title, file, path.join(SHOTS, 'open-dialog-stuck.png'), folder ? '/' : '', folder ? 'alt+o Return' : 'Return alt+o', folder ? 'alt+Home' : ''], { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`dialog "${title}" not answered: ${err}`))));
  });
}

/**
 * Answers the next native file dialog (GTK's, on the test display) with `file`: waits for the
 * window titled `title`, types the path into its name field and presses Enter, as a user would
 * (xdotool, Debian's package, installed by scripts/setup.sh).
 * Call it before the click that opens the dialog; await the promise it returns after the click.
 */
export function answerFileDialog(title, file, timeoutMs = 20000) {
  asciiOnly(file);
  const script = `
    set -e
    end=$(( $(date +%s) + ${Math.ceil(timeoutMs / 1000)} ))
    while :; do
      win=$(xdotool search --onlyvisible --name "$1" 2>/dev/null | head -n1 || true)
      [ -n "$win" ] && break
      [ $(date +%s) -ge $end ] && { echo "no dialog titled $1" >&2; exit 1; }
      sleep 0.2
    done
    sleep 0.5
    # No window manager runs on the test display: focus the dialog, then type as the keyboard.
    xdotool windowfocus --sync "$win" 2>/dev/null || true
    xdotool key ctrl+a
    xdotool type --delay 2 "$2"
    sleep 0.2
    xdotool key Return
  `;
  return new Promise((resolve, reject) => {
    const child = spawn('bash', ['-c', script, 'answer', title, file], { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`file dialog not answered: ${err}`))));
  });
}

export { freePort };

/**
 * A real browser of another PC: Debian's Chromium, headless, driven by chromedriver, opening
 * `url` (the host's own pages). Returns { browser, close }.
 */
export async function openBrowser(url, { width = 1366, height = 768 } = {}) {
  const port = await freePort();
  const driver = spawn('chromedriver', [`--port=${port}`], { stdio: ['ignore', 'ignore', 'inherit'] });
  await waitForPort(port, 15000);
  const profile = mkdtempSync(path.join(os.tmpdir(), 'cchc-chromium-'));
  const browser = await remote({
    hostname: '127.0.0.1',
    port,
    logLevel: 'error',
    capabilities: {
      browserName: 'chrome',
      'goog:chromeOptions': {
        binary: '/usr/bin/chromium',
        args: [
          '--headless=new',
          '--no-sandbox',
          '--disable-gpu',
          '--disable-quic',
          '--no-first-run',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
          '--lang=vi-VN',
          `--window-size=${width},${height}`,
          `--user-data-dir=${profile}`,
        ],
      },
    },
  });
  await browser.url(url);
  return {
    browser,
    async close() {
      try {
        await browser.deleteSession();
      } finally {
        driver.kill();
      }
    },
  };
}
