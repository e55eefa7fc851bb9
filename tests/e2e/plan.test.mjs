// End to end: the plan in the real webview. Create a task, mark it done late, see the
// counters change (and agree with the CLI); screenshots of the table, timeline and form.

import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { cchc, find, openApp, shot, stopDisplay, tempDataDir, textOf, typeInto } from './harness.mjs';

after(stopDisplay);

const summary = (dir) => JSON.parse(cchc(dir, 'summary', '--json').stdout);

test('plan: add a task, mark it done late, counters follow', async () => {
  const dir = tempDataDir('plan');
  assert.equal(cchc(dir, 'demo').code, 0);
  const before = summary(dir);
  const year = before.year;

  const app = await openApp(dir);
  const { browser } = app;
  try {
    await (await find(browser, '[data-demo-user="congchuc"]')).click();
    await (await find(browser, '#login-submit')).click();
    await find(browser, '[data-screen="overview"]');
    assert.equal(await textOf(browser, '#overview-tasks .big'), `${before.tasks.done}/${before.tasks.total}`);
    await shot(browser, 'plan-01-overview');

    await (await find(browser, '[data-nav="plan"]')).click();
    await find(browser, '#task-table');
    assert.equal(await textOf(browser, '#plan-done'), `${before.tasks.done}/${before.tasks.total}`);
    assert.equal(await textOf(browser, '#plan-overdue'), String(before.tasks.overdue));
    assert.match(await textOf(browser, '#plan-citation'), /Kế hoạch số 05\/KH-UBND ngày 10\/01\//);
    await shot(browser, 'plan-02-table');

    await (await find(browser, '[data-view="timeline"]')).click();
    await find(browser, '#task-timeline');
    await shot(browser, 'plan-03-timeline');
    await (await find(browser, '[data-view="table"]')).click();

    // An empty content is refused and nothing is saved.
    await (await find(browser, '#task-add')).click();
    await typeInto(browser, '#task-deadline', `01/01/${year}`);
    await (await find(browser, '#task-save')).click();
    assert.equal(await textOf(browser, '#task-form [role="alert"]'), 'Nội dung nhiệm vụ không được để trống.');
    assert.equal(summary(dir).tasks.total, before.tasks.total);

    // A deadline it cannot read is refused too.
    await typeInto(browser, '#task-content', 'Kiểm tra đầu cuối việc cập nhật kế hoạch');
    await typeInto(browser, '#task-deadline', 'khi nào xong');
    await (await find(browser, '#task-save')).click();
    await browser.waitUntil(async () => (await textOf(browser, '#task-form [role="alert"]')).startsWith('Không đọc được thời hạn'));
    await shot(browser, 'plan-04-task-form-error');

    await typeInto(browser, '#task-deadline', `01/01/${year}`);
    await (await find(browser, '#task-save')).click();
    await browser.waitUntil(async () => !(await (await browser.$('#task-form')).isExisting()));
    await browser.waitUntil(async () => (await textOf(browser, '#plan-done')) === `${before.tasks.done}/${before.tasks.total + 1}`);
    assert.equal(await textOf(browser, '#plan-overdue'), String(before.tasks.overdue + 1));

    // Search without diacritics finds it; mark it done today, after its deadline.
    await typeInto(browser, '#task-search', 'kiem tra dau cuoi');
    await browser.waitUntil(async () => (await browser.$$('tr[data-task-id]')).length === 1);
    const row = await find(browser, 'tr[data-task-id]');
    const id = await row.getAttribute('data-task-id');
    await (await find(browser, `[data-done="${id}"]`)).click();
    await find(browser, '#done-date');
    await shot(browser, 'plan-05-done-dialog');
    await (await find(browser, '#done-confirm')).click();
    await browser.waitUntil(async () => (await textOf(browser, `tr[data-task-id="${id}"]`)).includes('Hoàn thành trễ hạn'));
    assert.equal(await textOf(browser, '#plan-done'), `${before.tasks.done + 1}/${before.tasks.total + 1}`);
    assert.equal(await textOf(browser, '#plan-overdue'), String(before.tasks.overdue));

    const after = summary(dir);
    assert.deepEqual(
      [after.tasks.total, after.tasks.done, after.tasks.overdue],
      [before.tasks.total + 1, before.tasks.done + 1, before.tasks.overdue],
    );
    const t = after.tasks;
    assert.equal(t.done + t.in_progress + t.not_started + t.not_done, t.total);
    const listed = JSON.parse(cchc(dir, 'tasks', 'list', '--json').stdout);
    const mine = listed.find((t) => String(t.id) === id);
    assert.equal(mine.status, 'done_late');

    // The change is in the audit log (read as the chairman).
    await (await find(browser, '#logout')).click();
    await (await find(browser, '[data-demo-user="chutich"]')).click();
    await (await find(browser, '#login-submit')).click();
    await (await find(browser, '[data-nav="settings"]')).click();
    await (await find(browser, '[data-tab="audit"]')).click();
    assert.match(await textOf(browser, '#audit-table'), /trạng thái Chưa thực hiện → Hoàn thành trễ hạn/);
    for (const tab of ['officers', 'areas']) {
      await (await find(browser, `[data-tab="${tab}"]`)).click();
      await find(browser, `#${tab}-table`);
      await shot(browser, `settings-${tab}`);
    }
  } finally {
    await app.close();
  }
});
