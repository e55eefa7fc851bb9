// End to end, in the real webview, on the laptops of commune offices (1024×768 and 1366×768):
// every screen and every dialog in a screenshot, nothing clipped or pushed behind a sideways
// scroll, Save always in sight, the menu and header fixed; deletes and approval that ask first;
// Esc on a changed form; Tab kept in a dialog; focus at log-in; a fresh commune's first steps.

import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { cchc, find, openApp, shot, stopDisplay, tempDataDir, textOf, typeInto } from './harness.mjs';

after(stopDisplay);

const SIZES = [
  [1024, 768],
  [1366, 768],
];

async function sized(browser, [w, h]) {
  await browser.setWindowSize(w, h);
  await browser.waitUntil(async () => (await browser.execute(() => window.innerWidth)) === w, {
    timeout: 5000,
    timeoutMsg: `the window did not take ${w}×${h}`,
  });
}

async function login(browser, user) {
  if (await (await browser.$('#logout')).isExisting()) await (await find(browser, '#logout')).click();
  await (await find(browser, `[data-demo-user="${user}"]`)).click();
  await (await find(browser, '#login-submit')).click();
  await find(browser, '[data-screen="overview"]');
}

const activeId = (browser) => browser.execute(() => document.activeElement?.id ?? '');

/** What is wrong with the layout on screen now: sideways scroll, spilled figures, titles
 * wrapped word by word, a menu or header gone from view, a table's key columns hidden. */
function layoutProblems(browser) {
  return browser.execute(() => {
    const out = [];
    const content = document.querySelector('.content');
    if (content && content.scrollWidth > content.clientWidth + 1) out.push(`the screen scrolls sideways (${content.scrollWidth} > ${content.clientWidth})`);
    for (const el of document.querySelectorAll('.content .big, .content .mid')) {
      if (!el.getClientRects().length) continue;
      if (el.scrollWidth > el.clientWidth + 1) out.push(`figure cut: ${el.textContent}`);
      const card = el.closest('.card');
      if (card && el.getBoundingClientRect().right > card.getBoundingClientRect().right + 1) out.push(`figure out of its card: ${el.textContent}`);
    }
    for (const el of document.querySelectorAll('.content .card .label, .content .card > h2, .content .card > .head h2')) {
      const words = el.textContent.trim().split(/\s+/).length;
      const line = parseFloat(getComputedStyle(el).lineHeight) || parseFloat(getComputedStyle(el).fontSize) * 1.3;
      const lines = Math.round(el.getBoundingClientRect().height / line);
      if (words > 1 && lines >= words) out.push(`title wraps word by word: ${el.textContent}`);
    }
    const inView = (el) => {
      const r = el.getBoundingClientRect();
      return r.bottom > 0 && r.top < window.innerHeight && r.right > 0 && r.left < window.innerWidth;
    };
    for (const sel of ['#logout', '#year-select', '[data-nav="overview"]', '#screen-title']) {
      const el = document.querySelector(sel);
      if (el && !inView(el)) out.push(`${sel} out of view`);
    }
    // Tables scroll inside their card, with their key columns in sight.
    const keyColumns = { 'batches-table': 4, 'sessions-table': 5, 'task-table': 6, 'approval-table': 5 };
    for (const [id, n] of Object.entries(keyColumns)) {
      const table = document.getElementById(id);
      if (!table) continue;
      const box = (table.closest('.table-scroll') ?? table.parentElement).getBoundingClientRect();
      const th = table.querySelector(`thead th:nth-child(${n})`);
      if (th && th.getBoundingClientRect().right > box.right + 1) out.push(`${id}: column ${n} (${th.textContent.trim()}) hidden sideways`);
    }
    return out;
  });
}

/** The dialog's Save (its footer) is on the screen, and the dialog fits the window's width. */
function dialogProblems(browser) {
  return browser.execute(() => {
    const out = [];
    const dialogs = [...document.querySelectorAll('[role="dialog"]')];
    const d = dialogs[dialogs.length - 1];
    if (!d) return ['no dialog open'];
    const r = d.getBoundingClientRect();
    if (r.right > window.innerWidth + 1 || r.left < -1) out.push('dialog wider than the window');
    if (r.bottom > window.innerHeight + 1) out.push('dialog taller than the window');
    const footer = d.querySelector('.actions.footer');
    if (footer) {
      const f = footer.getBoundingClientRect();
      if (f.bottom > window.innerHeight + 1 || f.top < 0) out.push(`Save out of sight (${f.top}–${f.bottom} of ${window.innerHeight})`);
    }
    return out;
  });
}

async function checkScreen(browser, name) {
  await browser.pause(400);
  await shot(browser, name);
  assert.deepEqual(await layoutProblems(browser), [], name);
  // Scrolled to the bottom, the menu and the header are still there.
  await browser.execute(() => document.querySelector('.content')?.scrollTo(0, 1e6));
  await browser.pause(150);
  assert.deepEqual(
    (await layoutProblems(browser)).filter((p) => p.includes('out of view')),
    [],
    `${name}, scrolled down`,
  );
  await browser.execute(() => document.querySelector('.content')?.scrollTo(0, 0));
}

async function checkDialog(browser, name) {
  await browser.pause(300);
  await shot(browser, name);
  assert.deepEqual(await dialogProblems(browser), [], name);
}

async function closeDialog(browser) {
  await browser.keys('Escape');
  await browser.waitUntil(async () => (await browser.$$('[role="dialog"]')).length === 0);
}

async function openNav(browser, id) {
  await (await find(browser, `[data-nav="${id}"]`)).click();
  await find(browser, `[data-screen="${id}"]`);
}

for (const size of SIZES) {
  const tag = `${size[0]}x${size[1]}`;

  test(`layout ${tag}: every screen and dialog of the demo commune fits`, async () => {
    const dir = tempDataDir(`layout-${tag}`);
    assert.equal(cchc(dir, 'demo').code, 0);
    const app = await openApp(dir);
    const { browser } = app;
    try {
      await sized(browser, size);
      await find(browser, '#login-username');
      await browser.waitUntil(async () => (await activeId(browser)) === 'login-username', { timeoutMsg: 'the cursor is not in Tên đăng nhập' });
      await shot(browser, `${tag}-00-login`);

      await login(browser, 'chutich');
      await browser.waitUntil(async () => (await activeId(browser)) === 'screen-title', { timeoutMsg: 'focus is not on the heading' });
      const ids = [];
      for (const e of await browser.$$('[data-nav]')) ids.push(await e.getAttribute('data-nav'));
      for (const id of ids) {
        await openNav(browser, id);
        await checkScreen(browser, `${tag}-screen-${id}`);
      }

      // Plan: a new task (with the mid-year question of a recurring deadline), an existing one,
      // marking one done, the rollover question, and a delete's question.
      await openNav(browser, 'plan');
      await (await find(browser, '#task-add')).click();
      await find(browser, '#task-form');
      assert.equal(await activeId(browser), 'task-number', 'the dialog starts on its first field');
      await typeInto(browser, '#task-content', 'Cập nhật tin bài trên Trang thông tin điện tử');
      await typeInto(browser, '#task-deadline', 'Hằng tháng');
      await find(browser, '#task-tracking');
      await checkDialog(browser, `${tag}-dialog-task-new-recurring`);
      await browser.keys('Escape');
      await (await find(browser, '#discard-confirm')).click();
      await browser.waitUntil(async () => (await browser.$$('[role="dialog"]')).length === 0);

      await (await find(browser, 'tr[data-task-id] [data-edit]')).click();
      await find(browser, '#task-form');
      await checkDialog(browser, `${tag}-dialog-task-edit`);
      await (await find(browser, '#task-delete')).click();
      await find(browser, '#confirm-dialog');
      await checkDialog(browser, `${tag}-dialog-task-delete`);
      await (await find(browser, '#confirm-cancel')).click();
      await closeDialog(browser);
      const open = await browser.$('tr[data-task-id] [data-done]');
      if (await open.isExisting()) {
        await open.click();
        await find(browser, '#done-date');
        await checkDialog(browser, `${tag}-dialog-task-done`);
        await closeDialog(browser);
      }
      await (await find(browser, '#plan-rollover')).click();
      await checkDialog(browser, `${tag}-dialog-rollover`);
      await closeDialog(browser);

      // Sessions: the long form keeps Save in sight; a session's delete question.
      await openNav(browser, 'sessions');
      await (await find(browser, '#session-add')).click();
      await find(browser, '#session-form');
      await checkDialog(browser, `${tag}-dialog-session-new`);
      await closeDialog(browser);
      await (await find(browser, '[data-edit-session]')).click();
      await find(browser, '#session-form');
      await checkDialog(browser, `${tag}-dialog-session-edit`);
      await (await find(browser, '#session-delete')).click();
      await find(browser, '#confirm-dialog');
      await checkDialog(browser, `${tag}-dialog-session-delete`);
      await (await find(browser, '#confirm-cancel')).click();
      await closeDialog(browser);

      // One-stop: a period's form and a month's delete question.
      await openNav(browser, 'onestop');
      await (await find(browser, '#batch-add')).click();
      await find(browser, '#batch-form');
      await checkDialog(browser, `${tag}-dialog-batch-new`);
      await closeDialog(browser);
      await (await find(browser, '[data-delete-batch]')).click();
      await find(browser, '#confirm-dialog');
      await checkDialog(browser, `${tag}-dialog-batch-delete`);
      await closeDialog(browser);

      // Scoring: a criterion's panel and the approval of the whole sheet.
      await openNav(browser, 'scoring');
      await (await find(browser, 'tr[data-criterion="I.4.2"] button.title')).click();
      await find(browser, '#criterion-panel');
      await checkDialog(browser, `${tag}-dialog-criterion`);
      await closeDialog(browser);
      await (await find(browser, '#sheet-approve')).click();
      await find(browser, '#approval-table');
      await checkDialog(browser, `${tag}-dialog-approval`);
      await closeDialog(browser);
      await (await find(browser, '[data-view="risk"]')).click();
      await checkScreen(browser, `${tag}-screen-scoring-risk`);

      // Reports: the annual report's form at this size.
      await openNav(browser, 'reports');
      await (await find(browser, '[data-kind="annual"]')).click();
      await checkScreen(browser, `${tag}-screen-reports-annual`);

      // Settings: every tab.
      await login(browser, 'quantri');
      await openNav(browser, 'settings');
      for (const tab of ['commune', 'years', 'officers', 'areas', 'accounts', 'audit', 'password']) {
        await (await find(browser, `[data-tab="${tab}"]`)).click();
        await checkScreen(browser, `${tag}-settings-${tab}`);
      }
      await (await find(browser, '[data-tab="accounts"]')).click();
      await (await find(browser, '#account-add')).click();
      await checkScreen(browser, `${tag}-settings-account-new`);
    } finally {
      await app.close();
    }
  });
}

test('a delete is cancelled, then confirmed: a month of one-stop records', async () => {
  const dir = tempDataDir('delete');
  assert.equal(cchc(dir, 'demo').code, 0);
  const before = JSON.parse(cchc(dir, 'summary', '--json').stdout).tthc;
  const app = await openApp(dir);
  const { browser } = app;
  try {
    await sized(browser, SIZES[0]);
    await login(browser, 'congchuc');
    await openNav(browser, 'onestop');
    const row = await find(browser, 'tr[data-batch-id]');
    const id = await row.getAttribute('data-batch-id');
    await (await find(browser, `[data-delete-batch="${id}"]`)).click();
    const question = await textOf(browser, '#confirm-dialog');
    const asked = /Xóa số liệu một cửa (Tháng \d+\/\d{4}): ([\d.]+) hồ sơ tiếp nhận/.exec(question);
    assert.ok(asked, question);
    const label = asked[1];
    assert.equal(await activeId(browser), 'confirm-cancel', 'the safe answer has the focus');
    await shot(browser, 'delete-01-asked');
    await (await find(browser, '#confirm-cancel')).click();
    await browser.waitUntil(async () => (await browser.$$('[role="dialog"]')).length === 0);
    assert.deepEqual(JSON.parse(cchc(dir, 'summary', '--json').stdout).tthc, before, 'cancelled: nothing changed');
    assert.ok(await (await browser.$(`tr[data-batch-id="${id}"]`)).isExisting());

    await (await find(browser, `[data-delete-batch="${id}"]`)).click();
    await (await find(browser, '#confirm-ok')).click();
    await browser.waitUntil(async () => !(await (await browser.$(`tr[data-batch-id="${id}"]`)).isExisting()));
    assert.ok(JSON.parse(cchc(dir, 'summary', '--json').stdout).tthc.received < before.received);
    await find(browser, '[data-toast="ok"]');
    assert.match(await textOf(browser, '[data-toast="ok"]'), new RegExp(`Đã xóa số liệu ${label}`));
    await shot(browser, 'delete-02-done');
  } finally {
    await app.close();
  }
});

test('approval asks first and names the criteria without evidence', async () => {
  const dir = tempDataDir('approval');
  assert.equal(cchc(dir, 'demo').code, 0);
  const states = () => {
    const walk = (nodes) => nodes.flatMap((n) => [n, ...walk(n.children)]);
    return Object.fromEntries(walk(JSON.parse(cchc(dir, 'criteria', 'show', '--json').stdout)).map((n) => [n.code, n.state]));
  };
  const before = states();
  const app = await openApp(dir);
  const { browser } = app;
  try {
    await sized(browser, SIZES[1]);
    await login(browser, 'chutich');
    await openNav(browser, 'scoring');
    await (await find(browser, '#sheet-approve')).click();
    await find(browser, '#approval-table');
    assert.deepEqual(states(), before, 'opening the confirmation approves nothing');
    assert.match(await textOf(browser, '#approval-question'), /^Duyệt \d+ tiêu chí với tổng [\d,]+ điểm tự chấm\?$/);
    const warning = await textOf(browser, '#approval-warning');
    for (const code of ['III.3', 'III.4', 'VII.2']) {
      assert.match(warning, new RegExp(code.replace('.', '\\.')), code);
      assert.match(await textOf(browser, `[data-approval-code="${code}"]`), /Chưa có/);
    }
    await shot(browser, 'approval-01-confirmation');
    await (await find(browser, '#approval-cancel')).click();
    assert.deepEqual(states(), before, 'cancelled: nothing approved');

    // A single criterion without evidence: the confirmation says it will not be approved.
    await (await find(browser, 'tr[data-criterion="III.3"] button.title')).click();
    await (await find(browser, '#criterion-approve')).click();
    await find(browser, '#approval-warning');
    assert.equal(await (await find(browser, '#approval-confirm')).isEnabled(), false);
    await shot(browser, 'approval-02-single-without-evidence');
    await browser.keys('Escape');
    await closeDialog(browser);

    await (await find(browser, '#sheet-approve')).click();
    await (await find(browser, '#approval-confirm')).click();
    await browser.waitUntil(async () => states()['I.4.1'] === 'approved');
    const after = states();
    assert.equal(after['III.3'], 'submitted', 'without evidence it waits');
    await find(browser, '[data-toast="ok"]');
    assert.match(await textOf(browser, '[data-toast="ok"]'), /chưa có tài liệu kiểm chứng chưa được duyệt: III\.3/);
    await shot(browser, 'approval-03-approved');
  } finally {
    await app.close();
  }
});

test('Esc on a changed form asks "Bỏ các thay đổi chưa lưu?"', async () => {
  const dir = tempDataDir('esc');
  assert.equal(cchc(dir, 'demo').code, 0);
  const count = () => JSON.parse(cchc(dir, 'summary', '--json').stdout).sessions.count;
  const before = count();
  const app = await openApp(dir);
  const { browser } = app;
  try {
    await sized(browser, SIZES[0]);
    await login(browser, 'congchuc');
    await openNav(browser, 'sessions');
    // Unchanged: Esc closes at once.
    await (await find(browser, '#session-add')).click();
    await find(browser, '#session-form');
    await browser.keys('Escape');
    await browser.waitUntil(async () => !(await (await browser.$('#session-form')).isExisting()));

    await (await find(browser, '#session-add')).click();
    await typeInto(browser, '#session-content', 'Phổ biến Luật Cư trú cho nhân dân thôn Nà Pài');
    await browser.keys('Escape');
    assert.equal(await textOf(browser, '#discard-question'), 'Bỏ các thay đổi chưa lưu?');
    await shot(browser, 'esc-01-asked');
    await (await find(browser, '#discard-cancel')).click();
    assert.equal(await (await find(browser, '#session-content')).getValue(), 'Phổ biến Luật Cư trú cho nhân dân thôn Nà Pài');
    // ✕ asks the same.
    await (await find(browser, 'button[aria-label="Đóng"]')).click();
    await find(browser, '#discard-question');
    await (await find(browser, '#discard-confirm')).click();
    await browser.waitUntil(async () => !(await (await browser.$('#session-form')).isExisting()));
    assert.equal(count(), before, 'nothing saved');
  } finally {
    await app.close();
  }
});

test('Tab stays in a dialog and focus comes back to the button that opened it', async () => {
  const dir = tempDataDir('tab');
  assert.equal(cchc(dir, 'demo').code, 0);
  const app = await openApp(dir);
  const { browser } = app;
  try {
    await sized(browser, SIZES[1]);
    await login(browser, 'congchuc');
    await openNav(browser, 'onestop');
    await (await find(browser, '#batch-add')).click();
    await find(browser, '#batch-form');
    assert.equal(await activeId(browser), 'batch-from', 'the dialog starts on its first field');
    const inside = () => browser.execute(() => !!document.activeElement?.closest('[role="dialog"]'));
    for (let i = 0; i < 20; i++) {
      await browser.keys('Tab');
      assert.ok(await inside(), `Tab ${i + 1} left the dialog for ${await activeId(browser)}`);
    }
    for (let i = 0; i < 5; i++) {
      await browser.keys(['Shift', 'Tab']);
      assert.ok(await inside(), `Shift+Tab ${i + 1} left the dialog`);
    }
    await browser.keys('Escape');
    await browser.waitUntil(async () => !(await (await browser.$('#batch-form')).isExisting()));
    assert.equal(await activeId(browser), 'batch-add', 'focus is back on the button');
  } finally {
    await app.close();
  }
});

for (const size of SIZES) {
  const tag = `${size[0]}x${size[1]}`;
  test(`a fresh commune ${tag}: first steps on Tổng quan, empty screens with the way to start`, async () => {
    const dir = tempDataDir(`fresh-${tag}`);
    const app = await openApp(dir);
    const { browser } = app;
    try {
      await sized(browser, size);
      await find(browser, '[data-screen="setup"]');
      await typeInto(browser, '#setup-commune', 'Tân Thành');
      await typeInto(browser, '#setup-province', 'Thái Nguyên');
      await typeInto(browser, '#setup-fullname', 'Lò Thị Hạnh');
      await typeInto(browser, '#setup-username', 'hanh');
      await typeInto(browser, '#setup-password', 'matkhau123');
      await typeInto(browser, '#setup-confirm', 'matkhau123');
      await (await find(browser, '#setup-submit')).click();
      await find(browser, '#first-steps');
      const steps = await browser.$$('[data-step]');
      assert.equal(steps.length, 4);
      assert.equal((await browser.$$('[data-step].done')).length, 0);
      await checkScreen(browser, `${tag}-fresh-overview`);

      await (await find(browser, '[data-step-go="plan_tasks"]')).click();
      await find(browser, '#plan-empty');
      assert.equal(await (await browser.$('#plan-no-match')).isExisting(), false);
      await checkScreen(browser, `${tag}-fresh-plan`);
      for (const [id, empty] of [
        ['sessions', '#sessions-empty'],
        ['onestop', '#onestop-empty'],
        ['scoring', '#no-criteria'],
        ['evidence', '#evidence-empty'],
      ]) {
        await openNav(browser, id);
        await find(browser, empty);
        await checkScreen(browser, `${tag}-fresh-${id}`);
        if (id === 'scoring') {
          await find(browser, '#criteria-import');
          assert.equal(await (await browser.$('#criteria-copy')).isExisting(), false, 'no last year to copy');
        }
      }

      await openNav(browser, 'reports');
      await (await find(browser, '[data-kind="plan"]')).click();
      await find(browser, '#report-empty-warning');
      await (await find(browser, '#report-preview')).click();
      await find(browser, '#confirm-dialog');
      assert.match(await textOf(browser, '#confirm-dialog'), /chưa có nhiệm vụ của kế hoạch/);
      await checkDialog(browser, `${tag}-fresh-report-warning`);
      await (await find(browser, '#confirm-cancel')).click();
    } finally {
      await app.close();
    }
  });
}
