// End to end: importing a workbook through the app — check (nothing written), read the
// preview, confirm; a broken file gets a clear message. Screenshots of the preview.

import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { cchc, find, openApp, shot, stopDisplay, tempDataDir, textOf, typeInto } from './harness.mjs';

after(stopDisplay);

test('import: preview first, then confirm; a broken file changes nothing', async () => {
  const dir = tempDataDir('import');
  assert.equal(cchc(dir, 'demo').code, 0);
  const before = JSON.parse(cchc(dir, 'summary', '--json').stdout).tasks.total;
  const file = path.join(dir, 'mau-nhiem-vu.xlsx');
  const made = cchc(dir, 'template', 'tasks', '--out', file);
  assert.equal(made.code, 0, made.stderr);
  const broken = path.join(dir, 'hong.xlsx');
  writeFileSync(broken, 'không phải bảng tính');

  const app = await openApp(dir);
  const { browser } = app;
  try {
    await (await find(browser, '[data-demo-user="congchuc"]')).click();
    await (await find(browser, '#login-submit')).click();
    await (await find(browser, '[data-nav="import"]')).click();
    await find(browser, '[data-screen="import"]');

    await typeInto(browser, '#import-path', broken);
    await (await find(browser, '#import-check')).click();
    await browser.waitUntil(async () => (await textOf(browser, '[role="alert"]')).includes('bị hỏng'));

    await typeInto(browser, '#import-path', file);
    await (await find(browser, '#import-check')).click();
    await find(browser, '#import-preview');
    assert.equal(await textOf(browser, '#import-created'), '1');
    assert.equal(await textOf(browser, '#import-errors'), '0');
    assert.equal(JSON.parse(cchc(dir, 'summary', '--json').stdout).tasks.total, before, 'checking writes nothing');
    await shot(browser, 'import-01-preview');

    await (await find(browser, '#import-confirm')).click();
    await browser.waitUntil(async () => (await textOf(browser, '#import-preview h2')).includes('Kết quả nhập'));
    assert.equal(JSON.parse(cchc(dir, 'summary', '--json').stdout).tasks.total, before + 1);
    await shot(browser, 'import-02-done');
  } finally {
    await app.close();
  }
});
