// End to end: Cài đặt › Chẩn đoán. The officer sees what the support file holds, makes it, and
// the zip carries the logs and the facts but not the database, the evidence or the password.
// A command that fails leaves its trace in the log the file carries.

import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { answerFileDialog, cchc, find, openApp, shot, stopDisplay, tempDataDir, textOf, typeInto } from './harness.mjs';

after(stopDisplay);

test('diagnostics: the support file from the app', async () => {
  const dir = tempDataDir('diagnostics');
  assert.equal(cchc(dir, 'demo').code, 0);
  const app = await openApp(dir);
  const { browser } = app;
  try {
    // A failed log-in first, so the log holds a refused command.
    await typeInto(browser, '#login-username', 'congchuc');
    await typeInto(browser, '#login-password', 'sai-mat-khau-e2e');
    await (await find(browser, '#login-submit')).click();
    await find(browser, '[role="alert"]');
    await (await find(browser, '[data-demo-user="congchuc"]')).click();
    await (await find(browser, '#login-submit')).click();
    await find(browser, '[data-screen="overview"]');

    await (await find(browser, '[data-nav="settings"]')).click();
    await (await find(browser, '[data-tab="diagnostics"]')).click();
    await find(browser, '#diagnostics-facts');
    const facts = await textOf(browser, '[data-panel="diagnostics"]');
    assert.match(facts, /không chứa cơ sở dữ liệu, tài liệu kiểm chứng, mật khẩu/);
    assert.match(facts, /Nhiệm vụ kế hoạch\s*20/);
    assert.match(facts, /Bình thường/);
    await shot(browser, 'settings-diagnostics');

    const out = path.join(dir, 'chan-doan.zip');
    const answered = answerFileDialog('Lưu tệp gửi hỗ trợ', out);
    await (await find(browser, '#diagnostics-make')).click();
    await answered;
    await browser
      .waitUntil(async () => (await textOf(browser, '[data-panel="diagnostics"]')).includes('Đã tạo tệp'), { timeout: 20000 })
      .catch(async () => {
        await shot(browser, 'settings-diagnostics-failed');
        assert.fail(`no confirmation of the support file: ${await textOf(browser, '[data-panel="diagnostics"]')}`);
      });
    await shot(browser, 'settings-diagnostics-made');
    assert.ok(existsSync(out), 'the zip was written');
    const listing = execFileSync('python3', ['-c', 'import sys,zipfile;print("\\n".join(zipfile.ZipFile(sys.argv[1]).namelist()))', out])
      .toString()
      .trim()
      .split('\n');
    assert.ok(listing.includes('thong-tin.txt'), listing.join(', '));
    assert.ok(listing.some((n) => n.startsWith('nhat-ky/app.')), listing.join(', '));
    assert.ok(!listing.some((n) => n.endsWith('.sqlite') || n.startsWith('evidence/')), listing.join(', '));
    const logs = execFileSync('python3', [
      '-c',
      'import sys,zipfile;z=zipfile.ZipFile(sys.argv[1]);print("".join(z.read(n).decode() for n in z.namelist() if n.startswith("nhat-ky/")))',
      out,
    ]).toString();
    assert.match(logs, /command="login".*kind=bad_credentials/);
    assert.ok(!logs.includes('sai-mat-khau-e2e') && !logs.includes('demo1234'), 'no password in the logs');
  } finally {
    await app.close();
  }
});
