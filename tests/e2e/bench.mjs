// Headline figures of the desktop app as shipped (the release build, UI embedded): cold start
// to a usable log-in screen, and memory after log-in (the app plus its WebKit processes), with
// WebKit's GPU compositing on and off (WEBKIT_DISABLE_COMPOSITING_MODE=1). Medians over RUNS
// runs; printed with the ratio to the goal, never asserted.
//   node bench.mjs [path to the app binary]   (default: target/release/cchc-xa)

import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { ROOT, cchc, ensureDisplay, find, openApp, stopDisplay, tempDataDir } from './harness.mjs';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const APP = process.argv[2] ?? path.join(process.env.CARGO_TARGET_DIR ?? path.join(ROOT, 'target'), 'release', 'cchc-xa');
const START_GOAL_MS = 1000;
const MEMORY_GOAL_MB = 150;

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

function procs() {
  return readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .map((pid) => {
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
        const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
        return { pid: Number(pid), ppid, comm };
      } catch {
        return null;
      }
    })
    .filter(Boolean);
}

/** PSS in MB of the app process and everything it started (WebKit web and network processes). */
function appMemoryMb() {
  const all = procs();
  const app = all.find((p) => p.comm === 'cchc-xa');
  if (!app) return NaN;
  const tree = new Set([app.pid]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const p of all) if (tree.has(p.ppid) && !tree.has(p.pid)) (tree.add(p.pid), (grew = true));
  }
  let kb = 0;
  for (const pid of tree) {
    try {
      const m = /^Pss:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'));
      if (m) kb += Number(m[1]);
    } catch {}
  }
  return kb / 1024;
}

/** RUNS cold starts on fresh demo data: ms to the log-in form, MB after log-in. */
async function measure(compositing) {
  if (compositing) delete process.env.WEBKIT_DISABLE_COMPOSITING_MODE;
  else process.env.WEBKIT_DISABLE_COMPOSITING_MODE = '1';
  const starts = [];
  const memories = [];
  for (let i = 0; i < RUNS; i++) {
    const dir = tempDataDir('bench');
    cchc(dir, 'demo');
    const t0 = performance.now();
    const app = await openApp(dir, APP);
    try {
      await find(app.browser, '#login-form', 30000);
      starts.push(performance.now() - t0);
      await (await find(app.browser, '[data-demo-user="congchuc"]')).click();
      await (await find(app.browser, '#login-submit')).click();
      await find(app.browser, '[data-screen="overview"]', 30000);
      // The overview's charts load after it opens; let them draw before measuring.
      await find(app.browser, '.chart canvas', 30000);
      await app.browser.pause(1000);
      memories.push(appMemoryMb());
    } finally {
      await app.close();
    }
  }
  return { starts, memories };
}

const list = (xs, digits = 0) => xs.map((x) => x.toFixed(digits)).join(', ');
const ratio = (x, goal) => `${(x / goal).toFixed(2).replace('.', ',')} lần mục tiêu`;

await ensureDisplay();
try {
  for (const compositing of [true, false]) {
    const { starts, memories } = await measure(compositing);
    const mode = compositing ? 'WebKit mặc định' : 'WEBKIT_DISABLE_COMPOSITING_MODE=1';
    const start = median(starts);
    const memory = median(memories);
    console.log(
      `Bản release, ${mode}: khởi động nguội đến màn hình đăng nhập trung vị ${start.toFixed(0)} ms (${RUNS} lần: ${list(starts)}; mục tiêu < ${START_GOAL_MS} ms, ${ratio(start, START_GOAL_MS)})`,
    );
    console.log(
      `Bản release, ${mode}: bộ nhớ sau đăng nhập (PSS, ứng dụng + WebKit) trung vị ${memory.toFixed(0)} MB (${list(memories)}; mục tiêu < ${MEMORY_GOAL_MB} MB, ${ratio(memory, MEMORY_GOAL_MB)})`,
    );
  }
} finally {
  stopDisplay();
}
