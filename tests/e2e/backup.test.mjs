// End to end: backups in the real webview, on the host's desktop app. The admin is warned on
// Tổng quan that the last good backup is 10 days old, backs up now into a file the native dialog
// names, chooses the automatic backups' folder and backs up into it, then restores an earlier
// backup after reading its preview (everyone logs in again; the data in use is set aside). A new
// PC restores the same backup from the first-start screen; the running app makes the daily
// backup by itself; Kiểm tra dữ liệu lists an unused stored file and prunes it after asking.
// Screens at 1366×768 and 1024×768.

import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { answerFileDialog, answerOpenDialog, cchc, find, openApp, shot, stopDisplay, tempDataDir, textOf } from './harness.mjs';

after(stopDisplay);

const SIZES = [
  [1366, 768],
  [1024, 768],
];

function sql(dir, statement) {
  return execFileSync('sqlite3', [path.join(dir, 'cchc.sqlite'), statement]).toString().trim();
}

async function waitForText(browser, selector, pattern, what, timeout = 60000) {
  await browser
    .waitUntil(async () => pattern.test(await textOf(browser, selector)), { timeout })
    .catch(async () => {
      await shot(browser, `backup-failed-${what}`);
      assert.fail(`${what}: ${await textOf(browser, selector).catch(() => '(gone)')}`);
    });
}

async function shots(browser, name) {
  for (const [w, h] of SIZES) {
    await browser.setWindowSize(w, h);
    await browser.pause(300);
    await shot(browser, `${name}-${w}x${h}`);
    const sideways = await browser.execute(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);
    assert.equal(sideways, false, `${name} at ${w}×${h} scrolls sideways`);
  }
  await browser.setWindowSize(1366, 768);
}

async function logIn(browser, user) {
  await (await find(browser, `[data-demo-user="${user}"]`, 20000)).click();
  await (await find(browser, '#login-submit')).click();
  await find(browser, '[data-screen="overview"]', 20000);
}

/** Restores `file` with the flow both screens share: pick, read the preview, confirm, done. */
async function restoreWith(browser, file, name) {
  const picked = answerOpenDialog('Chọn bản sao lưu để khôi phục', file);
  await (await find(browser, '#restore-pick')).click();
  await picked;
  await find(browser, '#restore-preview', 30000).catch(async (e) => {
    await shot(browser, `${name}-no-preview`);
    throw e;
  });
  const preview = await textOf(browser, '#restore-preview');
  assert.match(preview, /Sao lưu lúc/);
  assert.match(preview, /20 nhiệm vụ/);
  assert.match(preview, /tiêu chí/);
  assert.match(preview, /tài liệu kiểm chứng \(\d+ tệp\)/);
  await shots(browser, `${name}-preview`);
  await (await find(browser, '#restore-confirm')).click();
  await find(browser, '#restore-result', 120000);
  const result = await textOf(browser, '#restore-result');
  assert.match(result, /Đã khôi phục dữ liệu của/);
  await shots(browser, `${name}-done`);
  return result;
}

test('backup: warned, backed up now, folder chosen, restored with its preview', async () => {
  const dir = tempDataDir('backup');
  const keep = tempDataDir('backup-files');
  const earlier = path.join(keep, 'truoc-do.cchcbak');
  assert.equal(cchc(dir, 'demo').code, 0);
  const made = cchc(dir, 'backup', '--out', earlier);
  assert.equal(made.code, 0, made.stderr);
  // The last good backup is 10 days old; a task is changed after it, which the restore undoes.
  sql(dir, "UPDATE backup_record SET started_at = datetime('now', 'localtime', '-10 days'), finished_at = datetime('now', 'localtime', '-10 days')");
  const taskId = sql(dir, 'SELECT min(id) FROM task');
  const content = sql(dir, `SELECT content FROM task WHERE id = ${taskId}`);
  sql(dir, `UPDATE task SET content = 'Sửa sau khi sao lưu' WHERE id = ${taskId}`);

  const app = await openApp(dir);
  const { browser } = app;
  try {
    await browser.setWindowSize(1366, 768);
    await logIn(browser, 'quantri');
    await waitForText(browser, '#data-health', /cách đây 10 ngày/, 'stale warning');
    await shots(browser, 'backup-overview-stale');
    await (await find(browser, '#health-open-backup')).click();
    await find(browser, '#backup-status');
    await waitForText(browser, '[data-panel="backup"]', /cách đây 10 ngày/, 'panel warning');
    await shots(browser, 'backup-panel-stale');

    // Sao lưu ngay, into the file the dialog is given.
    const now = path.join(keep, 'sao-luu-ngay.cchcbak');
    const saved = answerFileDialog('Lưu bản sao lưu', now);
    await (await find(browser, '#backup-now')).click();
    await saved;
    await waitForText(browser, '[data-panel="backup"]', /Đã sao lưu vào .*sao-luu-ngay\.cchcbak/, 'backup now');
    assert.ok(existsSync(now), 'the backup file was written');
    assert.doesNotMatch(await textOf(browser, '[data-panel="backup"]'), /cách đây 10 ngày/);
    assert.match(await textOf(browser, '#backup-history'), /Sao lưu thủ công|Thủ công/i);
    await shots(browser, 'backup-panel-made');

    // The automatic backups' folder, chosen with the host's folder dialog, then used now.
    const folder = path.join(keep, 'tu-dong');
    mkdirSync(folder);
    const chosen = answerOpenDialog('Chọn thư mục sao lưu tự động', folder, { folder: true });
    await (await find(browser, '#backup-choose-folder')).click();
    await chosen;
    await waitForText(browser, '#backup-folder', /tu-dong/, 'folder chosen');
    assert.match(await textOf(browser, '#backup-folder'), /truy cập được/);
    await (await find(browser, '#backup-to-folder')).click();
    await waitForText(browser, '[data-panel="backup"]', /Đã sao lưu vào .*tu-dong/, 'backup to folder');
    assert.equal(readdirSync(folder).filter((f) => f.endsWith('.cchcbak')).length, 1);
    await shots(browser, 'backup-panel-folder');

    // Tổng quan warns no more.
    await (await find(browser, '[data-nav="overview"]')).click();
    await find(browser, '[data-screen="overview"]');
    await browser.pause(800);
    assert.equal(await (await browser.$('#data-health')).isExisting(), false, 'no warning after a good backup');

    // Restore the earlier backup: the change made after it is undone; everyone logs in again.
    await (await find(browser, '[data-nav="settings"]')).click();
    await (await find(browser, '[data-tab="backup"]')).click();
    await find(browser, '#backup-status');
    const result = await restoreWith(browser, earlier, 'backup-restore');
    assert.match(result, /được giữ nguyên trong thư mục/);
    const aside = await textOf(browser, '#restore-aside');
    assert.ok(existsSync(aside), `the data in use was set aside in ${aside}`);
    await (await find(browser, '#restore-done')).click();
    await find(browser, '#login-submit', 20000);
    assert.equal(sql(dir, `SELECT content FROM task WHERE id = ${taskId}`), content);
    await logIn(browser, 'quantri');
  } finally {
    await app.close();
  }
});

test('backup: a new PC restores from the first-start screen', async () => {
  const source = tempDataDir('backup-source');
  const keep = tempDataDir('backup-first-files');
  const file = path.join(keep, 'xa-cu.cchcbak');
  assert.equal(cchc(source, 'demo').code, 0);
  assert.equal(cchc(source, 'backup', '--out', file).code, 0);

  const dir = tempDataDir('backup-first');
  const app = await openApp(dir);
  const { browser } = app;
  try {
    await browser.setWindowSize(1366, 768);
    await find(browser, '#setup-restore', 20000);
    await shots(browser, 'backup-first-start');
    await restoreWith(browser, file, 'backup-first-restore');
    await (await find(browser, '#restore-done')).click();
    await logIn(browser, 'quantri');
    assert.equal(sql(dir, 'SELECT count(*) FROM task'), sql(source, 'SELECT count(*) FROM task'));
  } finally {
    await app.close();
  }
});

test('backup: the running app backs up into the automatic folder when the daily one is due', async () => {
  const dir = tempDataDir('backup-daily');
  const folder = tempDataDir('backup-daily-folder');
  assert.equal(cchc(dir, 'demo').code, 0);
  const set = cchc(dir, 'backup', 'auto', '--folder', folder);
  assert.equal(set.code, 0, set.stderr);
  // The demo's last good backup is two days old, and the data changed since.
  sql(dir, "UPDATE backup_record SET started_at = datetime('now', 'localtime', '-2 days'), finished_at = datetime('now', 'localtime', '-2 days'), change_mark = 0");
  const ours = `SELECT count(*) FROM backup_record WHERE kind = 'daily' AND ok = 1 AND verified = 1 AND path LIKE '${folder}%'`;
  // Debug builds look every CCHC_AUTO_BACKUP_EVERY seconds instead of every hour.
  process.env.CCHC_AUTO_BACKUP_EVERY = '3';
  const app = await openApp(dir);
  delete process.env.CCHC_AUTO_BACKUP_EVERY;
  const { browser } = app;
  try {
    await browser.setWindowSize(1366, 768);
    await logIn(browser, 'quantri');
    await browser
      .waitUntil(() => sql(dir, ours) === '1', {
        timeout: 90000,
        interval: 1000,
      })
      .catch(() => assert.fail(`no daily backup recorded: ${sql(dir, 'SELECT kind, ok, error FROM backup_record')}`));
    assert.equal(readdirSync(folder).filter((f) => f.endsWith('.cchcbak')).length, 1);
    // Nothing changed since: the next looks make no second one.
    await browser.pause(8000);
    assert.equal(sql(dir, `SELECT count(*) FROM backup_record WHERE path LIKE '${folder}%'`), '1');
    await (await find(browser, '[data-nav="settings"]')).click();
    await (await find(browser, '[data-tab="backup"]')).click();
    await waitForText(browser, '#backup-history', /Tự động hằng ngày/, 'daily backup in the history');
    await shots(browser, 'backup-panel-daily');
  } finally {
    await app.close();
  }
});

test('check: the data check lists a stored file no document uses and prunes it after asking', async () => {
  const dir = tempDataDir('check');
  assert.equal(cchc(dir, 'demo').code, 0);
  // A scan replaced long ago: its file stayed in the store, used by no document.
  const bytes = Buffer.from('%PDF-1.4 bản scan cũ của biên bản đã được thay\n');
  const sha = createHash('sha256').update(bytes).digest('hex');
  const orphan = path.join(dir, 'evidence', sha.slice(0, 2), sha);
  mkdirSync(path.dirname(orphan), { recursive: true });
  writeFileSync(orphan, bytes);
  const old = new Date(Date.now() - 2 * 24 * 3600 * 1000);
  utimesSync(orphan, old, old);

  const app = await openApp(dir);
  const { browser } = app;
  try {
    await browser.setWindowSize(1366, 768);
    await logIn(browser, 'quantri');
    await (await find(browser, '[data-nav="settings"]')).click();
    await (await find(browser, '[data-tab="check"]')).click();
    await (await find(browser, '#check-full')).click();
    await find(browser, '#check-result', 60000);
    assert.match(await textOf(browser, '#check-orphans'), new RegExp(sha.slice(0, 12)));
    await shots(browser, 'check-orphans');
    await (await find(browser, '#check-prune')).click();
    assert.match(await textOf(browser, '#confirm-dialog'), new RegExp(`Xóa 1 tệp.*${sha.slice(0, 12)}`, 's'));
    await shots(browser, 'check-confirm');
    await (await find(browser, '#confirm-ok')).click();
    await waitForText(browser, '[data-panel="check"]', /Đã xóa 1 tệp/, 'pruned');
    assert.equal(existsSync(orphan), false, 'the orphan file is gone');
    assert.equal(await (await browser.$('#check-prune')).isExisting(), false);
    assert.match(await textOf(browser, '#check-result'), /Dữ liệu tốt/);
    await shots(browser, 'check-pruned');
  } finally {
    await app.close();
  }
});
