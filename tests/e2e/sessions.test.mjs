// End to end: recording a dissemination session in the real webview and seeing the totals
// change; bad input refused; screenshots of the list with its totals and of the form.

import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { cchc, find, openApp, shot, stopDisplay, tempDataDir, textOf, typeInto } from './harness.mjs';

after(stopDisplay);

const digits = (s) => Number(s.replace(/\D/g, ''));

test('sessions: record one, totals change, bad input is refused', async () => {
  const dir = tempDataDir('sessions');
  assert.equal(cchc(dir, 'demo').code, 0);
  const before = JSON.parse(cchc(dir, 'summary', '--json').stdout).sessions;

  const app = await openApp(dir);
  const { browser } = app;
  try {
    await (await find(browser, '[data-demo-user="congchuc"]')).click();
    await (await find(browser, '#login-submit')).click();
    await find(browser, '[data-screen="overview"]');
    await (await find(browser, '[data-nav="sessions"]')).click();
    await find(browser, '#sessions-table');
    assert.equal(digits(await textOf(browser, '#sessions-count')), before.count);
    assert.equal(digits(await textOf(browser, '#sessions-attendees')), before.attendees);
    await shot(browser, 'sessions-01-list');

    await (await find(browser, '#session-add')).click();
    await typeInto(browser, '#session-content', 'Phổ biến Luật Cư trú cho nhân dân thôn Nà Pài');
    await typeInto(browser, '#session-village', 'Thôn Nà Pài');
    await typeInto(browser, '#session-laws', 'Luật Cư trú 2020');
    await typeInto(browser, '#session-attendees', '-5');
    await (await find(browser, '#session-save')).click();
    await browser.waitUntil(async () => (await textOf(browser, '#session-form [role="alert"]')).includes('không được âm'));
    await typeInto(browser, '#session-attendees', 'ba mươi');
    await (await find(browser, '#session-save')).click();
    await browser.waitUntil(async () => (await textOf(browser, '#session-form [role="alert"]')).includes('không phải là một số'));
    assert.equal(JSON.parse(cchc(dir, 'summary', '--json').stdout).sessions.count, before.count, 'nothing saved');
    await shot(browser, 'sessions-02-form-error');

    await typeInto(browser, '#session-attendees', '42');
    await (await find(browser, '#session-save')).click();
    await browser.waitUntil(async () => !(await (await browser.$('#session-form')).isExisting()));
    await browser.waitUntil(async () => digits(await textOf(browser, '#sessions-count')) === before.count + 1);
    assert.equal(digits(await textOf(browser, '#sessions-attendees')), before.attendees + 42);

    // Filter by law without diacritics.
    await typeInto(browser, '#session-filter-law', 'cu tru');
    await browser.waitUntil(async () => (await browser.$$('tr[data-session-id]')).length === 1);
    assert.equal(digits(await textOf(browser, '#sessions-attendees')), 42);
    await typeInto(browser, '#session-filter-law', ' ');
    await browser.waitUntil(async () => digits(await textOf(browser, '#sessions-count')) === before.count + 1);
    await shot(browser, 'sessions-03-after-adding');

    const after = JSON.parse(cchc(dir, 'summary', '--json').stdout).sessions;
    assert.equal(after.count, before.count + 1);
    assert.equal(after.attendees, before.attendees + 42);
  } finally {
    await app.close();
  }
});
