// Headline figures of the desktop app: cold start to a usable log-in screen, and memory after
// log-in (the app plus its WebKit processes). Medians over RUNS runs; printed, never asserted.

import { readFileSync, readdirSync } from 'node:fs';
import { cchc, ensureDisplay, find, openApp, stopDisplay, tempDataDir } from './harness.mjs';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);

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

await ensureDisplay();
const starts = [];
const memories = [];
for (let i = 0; i < RUNS; i++) {
  const dir = tempDataDir('bench');
  cchc(dir, 'demo');
  const t0 = performance.now();
  const app = await openApp(dir);
  try {
    await find(app.browser, '#login-form', 30000);
    starts.push(performance.now() - t0);
    await (await find(app.browser, '[data-demo-user="congchuc"]')).click();
    await (await find(app.browser, '#login-submit')).click();
    await find(app.browser, '[data-screen="overview"]', 30000);
    await app.browser.pause(1000);
    memories.push(appMemoryMb());
  } finally {
    await app.close();
  }
}
stopDisplay();

console.log(`Khởi động nguội đến màn hình đăng nhập: trung vị ${median(starts).toFixed(0)} ms (${RUNS} lần: ${starts.map((x) => x.toFixed(0)).join(', ')}; mục tiêu < 1000 ms)`);
console.log(`Bộ nhớ sau đăng nhập (PSS, ứng dụng + WebKit): trung vị ${median(memories).toFixed(0)} MB (${memories.map((x) => x.toFixed(0)).join(', ')}; mục tiêu < 150 MB)`);
