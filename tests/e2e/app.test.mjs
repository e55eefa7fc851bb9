// End to end, in the real webview: first start, the demo commune, log-in, every screen.

import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { cchc, find, openApp, shot, stopDisplay, tempDataDir, textOf, typeInto } from './harness.mjs';

after(stopDisplay);

async function login(browser, username, password) {
  await typeInto(browser, '#login-username', username);
  await typeInto(browser, '#login-password', password);
  await (await find(browser, '#login-submit')).click();
}

test('demo commune: log in, visit every navigation entry, see roles enforced', async () => {
  const dir = tempDataDir('demo');
  const app = await openApp(dir);
  const { browser } = app;
  try {
    await find(browser, '[data-screen="setup"]');
    await shot(browser, '01-setup');
    await (await find(browser, '#use-demo')).click();

    await find(browser, '#demo-accounts');
    const demoText = await textOf(browser, '#demo-accounts');
    assert.match(demoText, /congchuc/);
    assert.match(demoText, /chutich/);
    await shot(browser, '02-login-demo');

    await login(browser, 'quantri', 'sai-mat-khau');
    const alert = await find(browser, '[role="alert"]');
    assert.equal(await alert.getText(), 'Tên đăng nhập hoặc mật khẩu không đúng.');
    await shot(browser, '03-login-wrong-password');

    await (await find(browser, '[data-demo-user="quantri"]')).click();
    await (await find(browser, '#login-submit')).click();
    await find(browser, '[data-screen="overview"]');
    assert.equal(await textOf(browser, '#current-user'), 'Nông Văn Khánh');

    const entries = await browser.$$('[data-nav]');
    const ids = [];
    for (const e of entries) ids.push(await e.getAttribute('data-nav'));
    assert.ok(ids.length >= 2, `navigation entries: ${ids}`);
    for (const id of ids) {
      await (await find(browser, `[data-nav="${id}"]`)).click();
      await find(browser, `[data-screen="${id}"]`);
      await browser.pause(300);
      await shot(browser, `nav-${id}`);
    }

    // The year selector: every screen follows it.
    await (await find(browser, '[data-nav="overview"]')).click();
    const summary = JSON.parse(cchc(dir, 'summary', '--json').stdout);
    const previous = summary.year - 1;
    await (await find(browser, '#year-select')).selectByAttribute('value', String(previous));
    await browser.waitUntil(async () => (await textOf(browser, '#overview-heading')).includes(`năm ${previous}`));

    // Settings tabs an admin sees, each in a screenshot.
    await (await find(browser, '[data-nav="settings"]')).click();
    for (const tab of ['commune', 'years', 'accounts', 'audit']) {
      await (await find(browser, `[data-tab="${tab}"]`)).click();
      await browser.pause(300);
      await shot(browser, `settings-${tab}`);
    }
    // The log is newest first, 50 a page: the demo's first change is on a later page.
    assert.match(await textOf(browser, '#audit-table'), /Dữ liệu mẫu/);
    const next = await find(browser, 'button=Trang sau');
    while (!(await textOf(browser, '#audit-table')).includes('Thiết lập dữ liệu cho xã Nông Thượng')) {
      assert.ok(await next.isEnabled(), 'the first change must be on some page');
      await next.click();
      await browser.pause(200);
    }

    // An officer sees neither accounts nor the audit log.
    await (await find(browser, '#logout')).click();
    await (await find(browser, '[data-demo-user="congchuc"]')).click();
    await (await find(browser, '#login-submit')).click();
    await find(browser, '[data-screen="overview"]');
    await (await find(browser, '[data-nav="settings"]')).click();
    await find(browser, '[data-tab="commune"]');
    assert.equal(await (await browser.$('[data-tab="accounts"]')).isExisting(), false);
    assert.equal(await (await browser.$('[data-tab="audit"]')).isExisting(), false);
  } finally {
    await app.close();
  }
});

test('first start: set a commune up with its first account; the CLI sees the same data', async () => {
  const dir = tempDataDir('setup');
  const app = await openApp(dir);
  const { browser } = app;
  try {
    await find(browser, '[data-screen="setup"]');
    await typeInto(browser, '#setup-commune', 'Quảng Phú');
    await typeInto(browser, '#setup-province', 'Thái Nguyên');
    await typeInto(browser, '#setup-superior', 'Sở Nội vụ tỉnh Thái Nguyên');
    await typeInto(browser, '#setup-year', '2026');
    await typeInto(browser, '#setup-fullname', 'Lý Thị Hạnh');
    await typeInto(browser, '#setup-username', 'hanh');
    await typeInto(browser, '#setup-password', 'matkhau1');
    await typeInto(browser, '#setup-confirm', 'matkhau2');
    await (await find(browser, '#setup-submit')).click();
    assert.equal(await textOf(browser, '[role="alert"]'), 'Hai lần nhập mật khẩu không khớp nhau.');
    assert.notEqual(cchc(dir, 'summary', '--json').code, 0, 'nothing saved yet');

    await typeInto(browser, '#setup-confirm', 'matkhau1');
    await (await find(browser, '#setup-submit')).click();
    await find(browser, '[data-screen="overview"]');
    assert.equal(await textOf(browser, '#current-user'), 'Lý Thị Hạnh');
    await shot(browser, '04-after-setup');

    const summary = JSON.parse(cchc(dir, 'summary', '--year', '2026', '--json').stdout);
    assert.equal(summary.commune, 'Xã Quảng Phú');
  } finally {
    await app.close();
  }
});
