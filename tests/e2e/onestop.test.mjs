// End to end: Tổng quan shows the demo commune's real figures (the same as `cchc summary`),
// and the one-stop screen takes a period's records and recomputes the rates.

import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { cchc, find, openApp, shot, stopDisplay, tempDataDir, textOf, typeInto } from './harness.mjs';

after(stopDisplay);

const vn = (n) => new Intl.NumberFormat('vi-VN').format(n);
const pct = (x) => (x === null ? '—' : `${new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 1 }).format(x)}%`);

test('overview and one-stop: real figures, a new period changes the rates', async () => {
  const dir = tempDataDir('onestop');
  assert.equal(cchc(dir, 'demo').code, 0);
  const s = JSON.parse(cchc(dir, 'summary', '--json').stdout);

  const app = await openApp(dir);
  const { browser } = app;
  try {
    await (await find(browser, '[data-demo-user="chutich"]')).click();
    await (await find(browser, '#login-submit')).click();
    await find(browser, '[data-screen="overview"]');
    await find(browser, '#overview-online');
    assert.equal(await textOf(browser, '#overview-tasks .big'), `${vn(s.tasks.done)}/${vn(s.tasks.total)}`);
    assert.equal(await textOf(browser, '#overview-overdue .big'), vn(s.tasks.overdue));
    assert.equal(await textOf(browser, '#overview-sessions .big'), vn(s.sessions.count));
    assert.equal(await textOf(browser, '#overview-ontime .big'), pct(s.tthc.on_time_rate_pct));
    assert.equal(await textOf(browser, '#overview-online .big'), pct(s.tthc.online_rate_pct));
    await browser.pause(500);
    await shot(browser, 'overview');

    await (await find(browser, '#overview-online')).click();
    await find(browser, '#batches-table');
    assert.equal(await textOf(browser, '#tthc-received'), vn(s.tthc.received));
    await shot(browser, 'onestop-01');

    // A period in December of last year does not belong to this year; use this year's
    // last month, which the demo leaves empty until it is over.
    await (await find(browser, '#batch-add')).click();
    await typeInto(browser, '#batch-from', `01/12/${s.year}`);
    await typeInto(browser, '#batch-to', `31/12/${s.year}`);
    await typeInto(browser, '#batch-received_direct', '10');
    await typeInto(browser, '#batch-received_online', '-4');
    await (await find(browser, '#batch-save')).click();
    await browser.waitUntil(async () => (await textOf(browser, '#batch-form [role="alert"]')).includes('không được âm'));
    await typeInto(browser, '#batch-received_online', '90');
    await typeInto(browser, '#batch-resolved_on_time', '100');
    await (await find(browser, '#batch-save')).click();
    await browser.waitUntil(async () => !(await (await browser.$('#batch-form')).isExisting()));
    await browser.waitUntil(async () => (await textOf(browser, '#tthc-received')) === vn(s.tthc.received + 100));

    const after = JSON.parse(cchc(dir, 'summary', '--json').stdout).tthc;
    assert.equal(after.received, s.tthc.received + 100);
    assert.equal(after.online, s.tthc.online + 90);
    assert.equal(await textOf(browser, '#tthc-online'), pct(after.online_rate_pct));
    assert.equal(await textOf(browser, '#tthc-ontime'), pct(after.on_time_rate_pct));
    await shot(browser, 'onestop-02-after-adding');
  } finally {
    await app.close();
  }
});
