// End to end: the Báo cáo screen. The officer writes the assessment of the 6-month report,
// previews it (pages drawn by pdf.js), and the CLI's PDF of the same report carries the typed
// number and text; the scoring sheet previews with DỰ THẢO; an empty place is refused.

import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { cchc, find, openApp, shot, stopDisplay, tempDataDir, textOf, typeInto } from './harness.mjs';

after(stopDisplay);

test('reports: assessment, preview, draft mark, refused settings', async () => {
  const dir = tempDataDir('reports');
  assert.equal(cchc(dir, 'demo').code, 0);
  const app = await openApp(dir);
  const { browser } = app;
  try {
    await (await find(browser, '[data-demo-user="congchuc"]')).click();
    await (await find(browser, '#login-submit')).click();
    await (await find(browser, '[data-nav="reports"]')).click();
    await find(browser, '[data-screen="reports"]');

    await (await find(browser, '[data-kind="annual"]')).click();
    await (await find(browser, '#report-period')).selectByAttribute('value', '6m');
    await typeInto(browser, '#report-number', '15');
    await find(browser, '#report-assessment');
    await typeInto(browser, '#assessment-limits', 'Tỷ lệ hồ sơ trực tuyến chưa đạt chỉ tiêu của tỉnh.');
    await (await find(browser, '#report-save-assessment')).click();
    await browser.waitUntil(async () => (await textOf(browser, '[role="status"], .notice')).includes('Đã lưu'), {
      timeout: 10000,
      timeoutMsg: 'no saved notice',
    });

    await (await find(browser, '#report-preview')).click();
    await browser.waitUntil(async () => (await browser.$$('[data-screen="reports"] canvas')).length >= 2, {
      timeout: 30000,
      timeoutMsg: 'the preview drew no pages',
    });
    const pages = Number((await textOf(browser, '#report-pages')).replace(/\D/g, ''));
    assert.ok(pages >= 3, `${pages} pages`);
    assert.equal((await browser.$$('#report-draft')).length, 0, 'the annual report is not a draft');
    await shot(browser, 'reports-01-annual');

    // The same report from the CLI: the remembered number and the officer's text are in it.
    const pdf = path.join(dir, 'bc-6m.pdf');
    const made = cchc(dir, 'report', 'annual', '--period', 'h1', '--out', pdf);
    assert.equal(made.code, 0, made.stderr);
    const text = execFileSync('pdftotext', [pdf, '-']).toString().replace(/\s+/g, ' ');
    assert.ok(text.includes('Số: 15/BC-UBND'), 'number remembered');
    assert.ok(text.includes('Tỷ lệ hồ sơ trực tuyến chưa đạt chỉ tiêu của tỉnh.'), 'assessment saved');
    assert.ok(text.includes('6 tháng đầu năm 2026'));

    // The self-scoring sheet is not approved: DỰ THẢO on the preview.
    await (await find(browser, '[data-kind="scoring"]')).click();
    await (await find(browser, '#report-preview')).click();
    await find(browser, '#report-draft', 30000);
    await browser.waitUntil(async () => (await browser.$$('[data-screen="reports"] canvas')).length >= 2, {
      timeout: 30000,
      timeoutMsg: 'the scoring preview drew no pages',
    });
    await shot(browser, 'reports-02-scoring');

    // An empty place is refused with a Vietnamese message.
    await typeInto(browser, '#report-place', ' ');
    await (await find(browser, '#report-preview')).click();
    await browser.waitUntil(async () => (await textOf(browser, '[role="alert"]')).includes('Địa danh'), {
      timeout: 10000,
      timeoutMsg: 'no message for the empty place',
    });
  } finally {
    await app.close();
  }
});
