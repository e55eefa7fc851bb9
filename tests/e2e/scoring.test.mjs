// End to end: an officer scores a criterion with evidence and submits it; the chairman approves
// it and returns another with a reason; the officer is never offered approval. Screenshots of
// the sheet, the points at risk and a history.

import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { cchc, find, openApp, shot, stopDisplay, tempDataDir, textOf, typeInto } from './harness.mjs';

after(stopDisplay);

async function loginAs(browser, user) {
  if (await (await browser.$('#logout')).isExisting()) await (await find(browser, '#logout')).click();
  await (await find(browser, `[data-demo-user="${user}"]`)).click();
  await (await find(browser, '#login-submit')).click();
  await find(browser, '[data-screen="overview"]');
  await (await find(browser, '[data-nav="scoring"]')).click();
  await find(browser, '#scoring-table');
}

async function openCriterion(browser, code) {
  await (await find(browser, `tr[data-criterion="${code}"] button.title`)).click();
  await find(browser, '#criterion-panel');
}

const rowText = (browser, code) => textOf(browser, `tr[data-criterion="${code}"]`);
const state = (dir, code) => {
  const walk = (nodes) => nodes.flatMap((n) => [n, ...walk(n.children)]);
  return walk(JSON.parse(cchc(dir, 'criteria', 'show', '--json').stdout)).find((n) => n.code === code);
};

test('scoring: officer scores with evidence and submits, chairman approves and returns', async () => {
  const dir = tempDataDir('scoring');
  assert.equal(cchc(dir, 'demo').code, 0);
  const app = await openApp(dir);
  const { browser } = app;
  try {
    await loginAs(browser, 'congchuc');
    await shot(browser, 'scoring-01-sheet');

    // I.5 is assigned to the officer and not scored yet.
    await openCriterion(browser, 'I.5');
    await (await find(browser, 'input[name="level"][value="1"]')).click();
    await typeInto(browser, '#criterion-explanation', 'Giải pháp một cửa liên thông được UBND tỉnh ghi nhận.');
    await (await find(browser, '#evidence-link-existing')).click();
    await (await find(browser, '#evidence-choose')).selectByIndex(1);
    await (await find(browser, 'button=Gắn')).click();
    await browser.waitUntil(async () => (await browser.$$('#evidence-list [data-document]')).length === 1);
    await shot(browser, 'scoring-02-panel');
    await (await find(browser, '#criterion-save')).click();
    await browser.waitUntil(async () => (await rowText(browser, 'I.5')).includes('1,5'));
    assert.equal(state(dir, 'I.5').evidence_count, 1);

    // The panel stays open with the saved score: "Gửi duyệt" is the next click.
    await find(browser, '#criterion-panel');
    await browser.waitUntil(async () => (await find(browser, '#criterion-submit')).isEnabled());
    await shot(browser, 'scoring-02b-saved-panel');
    await (await find(browser, '#criterion-submit')).click();
    await browser.waitUntil(async () => (await rowText(browser, 'I.5')).includes('Chờ duyệt'));
    await (await find(browser, 'button[aria-label="Đóng"]')).click();

    // The officer is not offered approval of a submitted score.
    await openCriterion(browser, 'I.4.2');
    assert.equal(await (await browser.$('#criterion-approve')).isExisting(), false);
    assert.equal(await (await browser.$('#criterion-return')).isExisting(), false);
    await (await find(browser, 'button[aria-label="Đóng"]')).click();

    await (await find(browser, '[data-view="risk"]')).click();
    await find(browser, '#risk-table');
    await shot(browser, 'scoring-03-at-risk');
    await (await find(browser, '[data-view="sheet"]')).click();

    // The chairman approves I.5 and returns I.4.1 with a reason.
    await loginAs(browser, 'chutich');
    await openCriterion(browser, 'I.5');
    await (await find(browser, '#criterion-approve')).click();
    await find(browser, '#approval-table');
    assert.match(await textOf(browser, '#approval-question'), /Duyệt 1 tiêu chí với tổng 1,5 điểm tự chấm\?/);
    await (await find(browser, '#approval-confirm')).click();
    await browser.waitUntil(async () => (await rowText(browser, 'I.5')).includes('Đã duyệt'));
    await (await find(browser, 'button[aria-label="Đóng"]')).click();

    await openCriterion(browser, 'I.4.1');
    await (await find(browser, '#criterion-return')).click();
    assert.equal(await textOf(browser, '#criterion-panel [role="alert"]'), 'Hãy ghi lý do.');
    await typeInto(browser, '#criterion-reason', 'Bổ sung kế hoạch tuyên truyền có chữ ký, đóng dấu.');
    await (await find(browser, '#criterion-return')).click();
    await browser.waitUntil(async () => (await rowText(browser, 'I.4.1')).includes('Bị trả lại'));

    await browser.waitUntil(async () => (await textOf(browser, '#criterion-history')).includes('Bổ sung kế hoạch tuyên truyền'));
    assert.equal(await (await browser.$('#criterion-save')).isExisting(), false, 'the chairman does not score the officer’s criterion');
    await shot(browser, 'scoring-04-history');
    await (await find(browser, 'button[aria-label="Đóng"]')).click();

    assert.equal(state(dir, 'I.5').state, 'approved');
    assert.equal(state(dir, 'I.4.1').state, 'returned');
    assert.equal(state(dir, 'I.5').self_points, 1.5);

    // The chairman approves everything still waiting, then records an appraisal score.
    assert.equal(state(dir, 'I.4.2').state, 'submitted');
    await (await find(browser, '#sheet-approve')).click();
    await (await find(browser, '#approval-confirm')).click();
    await browser.waitUntil(async () => (await rowText(browser, 'I.4.2')).includes('Đã duyệt'));
    assert.equal(state(dir, 'I.4.2').state, 'approved');
    await openCriterion(browser, 'I.5');
    await typeInto(browser, '#round1-score', '1');
    await typeInto(browser, '#round1-note', 'Chưa có quyết định công nhận sáng kiến');
    await (await find(browser, 'button=Lưu lần 1')).click();
    await browser.waitUntil(async () => JSON.parse(cchc(dir, 'summary', '--json').stdout).scoring.status === 'appraised');
    await (await find(browser, 'button[aria-label="Đóng"]')).click();

    // The evidence screen shows where each document is used.
    await (await find(browser, '[data-nav="evidence"]')).click();
    await find(browser, '#evidence-table');
    assert.match(await textOf(browser, '#evidence-table'), /Tiêu chí I\.1\.1/);
    await shot(browser, 'evidence-01-list');
  } finally {
    await app.close();
  }
});

test('criteria set: a new year starts from last year’s set and is edited in the app', async () => {
  const dir = tempDataDir('criteria');
  assert.equal(cchc(dir, 'demo').code, 0);
  const next = JSON.parse(cchc(dir, 'summary', '--json').stdout).year + 1;
  const app = await openApp(dir);
  const { browser } = app;
  try {
    await (await find(browser, '[data-demo-user="chutich"]')).click();
    await (await find(browser, '#login-submit')).click();
    await (await find(browser, '[data-nav="settings"]')).click();
    await (await find(browser, '[data-tab="years"]')).click();
    await typeInto(browser, '#year-new', String(next));
    await (await find(browser, '#year-add')).click();
    await browser.waitUntil(async () => (await textOf(browser, '#years-list')).includes(String(next)));
    await (await find(browser, '#year-select')).selectByAttribute('value', String(next));
    await (await find(browser, '[data-nav="scoring"]')).click();
    await find(browser, '#no-criteria');
    await shot(browser, 'scoring-05-no-criteria');
    await (await find(browser, '#criteria-copy')).click();
    await find(browser, '#scoring-table');
    assert.equal(await textOf(browser, '#scoring-table tfoot th:nth-child(3)'), '100');

    await (await find(browser, '#criteria-edit-mode')).click();
    await (await find(browser, '#criteria-add-top')).click();
    await typeInto(browser, '#node-code', 'IX');
    await typeInto(browser, '#node-title', 'Điểm thưởng sáng kiến');
    await typeInto(browser, '#node-max', 'một');
    await (await find(browser, '#node-save')).click();
    assert.equal(await textOf(browser, '#node-form [role="alert"]'), 'Điểm tối đa “một” không phải là số.');
    await typeInto(browser, '#node-max', '2');
    await (await find(browser, '#node-save')).click();
    await find(browser, 'tr[data-criterion="IX"]');
    await shot(browser, 'scoring-06-editing');
    const tree = JSON.parse(cchc(dir, 'criteria', 'show', '--year', String(next), '--json').stdout);
    assert.equal(tree.length, 9);
    assert.equal(tree[8].code, 'IX');
  } finally {
    await app.close();
  }
});
