// End to end across the office network, with two real clients at once: the reform officer in
// the desktop app, which is the host (Cài đặt › Mạng nội bộ turned on), and the chairman in a
// headless Chromium on "another PC", over HTTP. The officer scores and submits; the chairman
// approves from the browser; the officer's screen shows the approval without a reload. Then
// both edit the same task: the second to save is told who saved first and loses nothing.

import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { cchc, find, freePort, openApp, openBrowser, shot, stopDisplay, tempDataDir, textOf, typeInto } from './harness.mjs';

after(stopDisplay);

const rowText = (b, code) => textOf(b, `tr[data-criterion="${code}"]`);

async function scoringAs(b, user) {
  await (await find(b, `[data-demo-user="${user}"]`)).click();
  await (await find(b, '#login-submit')).click();
  await find(b, '[data-screen="overview"]');
  await (await find(b, '[data-nav="scoring"]')).click();
  await find(b, '#scoring-table');
}

test('network: the chairman approves from a browser, the officer sees it; two edits of one task', async () => {
  const dir = tempDataDir('network');
  assert.equal(cchc(dir, 'demo').code, 0);
  const port = await freePort();
  const on = cchc(dir, 'network', '--on', '--port', String(port));
  assert.equal(on.code, 0, on.stderr);
  const app = await openApp(dir);
  const officer = app.browser;
  let chrome = null;
  try {
    // The officer, on the host PC, scores I.5 with evidence and submits it.
    await scoringAs(officer, 'congchuc');
    await (await find(officer, 'tr[data-criterion="I.5"] button.title')).click();
    await find(officer, '#criterion-panel');
    await (await find(officer, 'input[name="level"][value="1"]')).click();
    await typeInto(officer, '#criterion-explanation', 'Giải pháp một cửa liên thông được UBND tỉnh ghi nhận.');
    await (await find(officer, '#evidence-link-existing')).click();
    await (await find(officer, '#evidence-choose')).selectByIndex(1);
    await (await find(officer, 'button=Gắn')).click();
    await officer.waitUntil(async () => (await officer.$$('#evidence-list [data-document]')).length === 1);
    await (await find(officer, '#criterion-save')).click();
    await officer.waitUntil(async () => (await find(officer, '#criterion-submit')).isEnabled());
    await (await find(officer, '#criterion-submit')).click();
    await officer.waitUntil(async () => (await rowText(officer, 'I.5')).includes('Chờ duyệt'));
    await (await find(officer, 'button[aria-label="Đóng"]')).click();

    // The chairman, on his own PC, opens the host's address in a browser.
    chrome = await openBrowser(`http://127.0.0.1:${port}/`);
    const chairman = chrome.browser;
    await find(chairman, '[data-screen="login"]', 20000);
    await shot(chairman, 'network-01-browser-login');
    await scoringAs(chairman, 'chutich');
    await (await find(chairman, 'tr[data-criterion="I.5"] button.title')).click();
    await find(chairman, '#criterion-panel');
    await (await find(chairman, '#criterion-approve')).click();
    await find(chairman, '#approval-table');
    await shot(chairman, 'network-02-browser-approval');
    await (await find(chairman, '#approval-confirm')).click();
    await chairman.waitUntil(async () => (await rowText(chairman, 'I.5')).includes('Đã duyệt'), { timeout: 15000 });

    // The officer's screen shows it, without anyone reloading it.
    await officer.waitUntil(async () => (await rowText(officer, 'I.5')).includes('Đã duyệt'), {
      timeout: 15000,
      timeoutMsg: "the officer's screen did not show the chairman's approval",
    });
    await shot(officer, 'network-03-app-sees-approval');
    await (await find(chairman, 'button[aria-label="Đóng"]')).click();

    // Both open task 1 of the plan; the chairman saves first.
    await (await find(officer, '[data-nav="plan"]')).click();
    await find(officer, '#task-table');
    await (await find(chairman, '[data-nav="plan"]')).click();
    await find(chairman, '#task-table');
    const first = await (await find(officer, '#task-table [data-edit]')).getAttribute('data-edit');
    await (await find(officer, `[data-edit="${first}"]`)).click();
    await (await find(chairman, `[data-edit="${first}"]`)).click();
    await typeInto(chairman, '#task-result', 'Chủ tịch ghi: đã ban hành kế hoạch.');
    await (await find(chairman, '#task-save')).click();
    await chairman.waitUntil(async () => !(await (await chairman.$('#task-form')).isExisting()), { timeout: 15000 });

    const typed = 'Công chức ghi: kế hoạch đã gửi các thôn.';
    await typeInto(officer, '#task-result', typed);
    await (await find(officer, '#task-save')).click();
    const alert = await find(officer, '#task-form [role="alert"]', 15000);
    assert.match(await alert.getText(), /vừa được Trần Văn Hùng sửa lúc/);
    assert.equal(await (await find(officer, '#task-result')).getValue(), typed, 'the typed work stays');
    await find(officer, '#stale-reload');
    await shot(officer, 'network-04-app-conflict');
    await shot(chairman, 'network-05-browser-after-save');

    // What the chairman saved stands.
    const tasks = JSON.parse(cchc(dir, 'tasks', 'list', '--json').stdout);
    const saved = tasks.find((t) => String(t.id) === first);
    assert.equal(saved.result, 'Chủ tịch ghi: đã ban hành kế hoạch.');
  } finally {
    if (chrome) await chrome.close();
    await app.close();
  }
});
