// End to end: the documents the commune issues and submits. On the Báo cáo screen the plan
// document shows its texts and previews; on the scoring screen the current year's dossier is
// refused (not approved), the demo's 2025 (approved, appraised) is made into a zip the CLI
// verifies, and "Kiểm tra hồ sơ" reads it back; then, on a PC with no commune at all, the
// first-start screen opens a tampered copy without logging in and names the changed file.

import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { answerFileDialog, answerOpenDialog, cchc, find, openApp, shot, stopDisplay, tempDataDir, textOf } from './harness.mjs';

after(stopDisplay);

const zipFile = (dir) => path.join(dir, 'ho-so-2025.zip');

test('plan document and the appraisal dossier from the screens', async () => {
  const dir = tempDataDir('dossier');
  assert.equal(cchc(dir, 'demo').code, 0);
  const app = await openApp(dir);
  const { browser } = app;
  try {
    await browser.setWindowSize(1366, 768);
    await (await find(browser, '[data-demo-user="congchuc"]')).click();
    await (await find(browser, '#login-submit')).click();

    // Báo cáo › the plan document: its texts, then every page previewed.
    await (await find(browser, '[data-nav="reports"]')).click();
    await (await find(browser, '[data-kind="plan_document"]')).click();
    await find(browser, '#plan-texts');
    await browser.waitUntil(async () => (await (await find(browser, '#plan-purpose')).getValue()).includes('Mục đích'), {
      timeout: 10000,
      timeoutMsg: 'the plan texts did not load',
    });
    await (await find(browser, '#report-preview')).click();
    await browser.waitUntil(async () => (await browser.$$('[data-screen="reports"] canvas')).length >= 3, {
      timeout: 60000,
      timeoutMsg: 'the plan document preview drew no pages',
    });
    await shot(browser, 'dossier-01-plan-document');
    // A 1024×768 laptop: the texts' card and the buttons fit without sideways scrolling.
    await browser.setWindowSize(1024, 768);
    await (await find(browser, '#plan-texts')).scrollIntoView();
    await shot(browser, 'dossier-01-plan-texts-1024');
    const sideways = await browser.execute(() => document.querySelector('main, .content, [data-screen="reports"]').scrollWidth - document.querySelector('main, .content, [data-screen="reports"]').clientWidth);
    assert.ok(sideways <= 1, `the Báo cáo screen scrolls sideways by ${sideways}px`);
    await browser.setWindowSize(1366, 768);

    // Chấm điểm: the current year is not approved, so nothing can be made.
    await (await find(browser, '[data-nav="scoring"]')).click();
    await (await find(browser, '#dossier-open')).click();
    await find(browser, '#dossier-blocked', 15000);
    assert.match(await textOf(browser, '#dossier-blocked'), /chưa duyệt toàn bộ biểu tự chấm/);
    await shot(browser, 'dossier-02-refused');
    await (await find(browser, '#dossier-cancel')).click();

    // 2025, approved and appraised: the dossier is made where the officer saves it.
    await (await find(browser, '#year-select')).selectByAttribute('value', '2025');
    // 2025 has its appraisal: the sheet of that year is on screen.
    await browser.waitUntil(async () => (await textOf(browser, '[data-screen="scoring"] .head')).includes('điểm thẩm định'), {
      timeout: 10000,
      timeoutMsg: 'the 2025 sheet did not load',
    });
    await (await find(browser, '#dossier-open')).click();
    await find(browser, '#dossier-number', 15000);
    assert.equal(await textOf(browser, '#dossier-body'), 'Sở Nội vụ tỉnh Thái Nguyên');
    await (await find(browser, '#dossier-number')).setValue('21');
    await shot(browser, 'dossier-03-letter');
    await browser.setWindowSize(1024, 768);
    await find(browser, '#dossier-make');
    const inSight = await browser.execute(() => {
      const r = document.querySelector('#dossier-make').getBoundingClientRect();
      return r.top >= 0 && r.bottom <= window.innerHeight && r.left >= 0 && r.right <= window.innerWidth;
    });
    assert.ok(inSight, 'the make button is in sight at 1024×768');
    await shot(browser, 'dossier-03-letter-1024');
    await browser.setWindowSize(1366, 768);
    const out = zipFile(dir);
    const answered = answerFileDialog('Lưu hồ sơ đề nghị thẩm định', out);
    await (await find(browser, '#dossier-make')).click();
    await answered;
    await find(browser, '#dossier-made', 60000);
    const code = await textOf(browser, '#dossier-code');
    assert.match(code, /^[0-9A-F]{4}( [0-9A-F]{4}){3}$/);
    await shot(browser, 'dossier-04-made');
    assert.ok(existsSync(out));
    const verified = cchc(dir, 'dossier', 'verify', out);
    assert.equal(verified.code, 0, verified.stdout + verified.stderr);
    assert.ok(verified.stdout.includes(code), verified.stdout);
    const letter = execFileSync('python3', ['-c', 'import sys,zipfile;sys.stdout.buffer.write(zipfile.ZipFile(sys.argv[1]).read("01-to-trinh-de-nghi-tham-dinh.pdf"))', out]);
    const pdf = path.join(dir, 'to-trinh.pdf');
    execFileSync('bash', ['-c', 'cat > "$1"', 'write', pdf], { input: letter });
    const text = execFileSync('pdftotext', [pdf, '-']).toString();
    assert.ok(text.includes('21/TTr-UBND'), 'the number typed');
    assert.ok(text.includes(code), 'the code at its foot');
    await (await find(browser, '#dossier-close')).click();

    // Kiểm tra hồ sơ: the same file read back in the program.
    await (await find(browser, '#dossier-check')).click();
    const picked = answerOpenDialog('Chọn hồ sơ đề nghị thẩm định', out);
    await (await find(browser, '#received-choose')).click();
    await picked;
    await find(browser, '#received-verdict', 30000);
    assert.match(await textOf(browser, '#received-verdict'), /Hồ sơ nguyên vẹn/);
    assert.equal(await textOf(browser, '#received-code'), code);
    await find(browser, '[data-received="I.1.1"]');
    await shot(browser, 'dossier-05-received');
  } catch (e) {
    await shot(browser, 'dossier-failed').catch(() => {});
    throw e;
  } finally {
    await app.close();
  }
});

test('a PC with no commune checks a tampered dossier without logging in', async () => {
  // The dossier of the first test is not shared: make one here, then change one evidence file.
  const commune = tempDataDir('dossier-commune');
  assert.equal(cchc(commune, 'demo').code, 0);
  const good = zipFile(commune);
  assert.equal(cchc(commune, 'dossier', '--year', '2025', '--out', good).code, 0);
  const bad = path.join(commune, 'ho-so-da-sua.zip');
  const changed = execFileSync('python3', [
    '-c',
    `import sys,zipfile
src=zipfile.ZipFile(sys.argv[1]); dst=zipfile.ZipFile(sys.argv[2],"w",zipfile.ZIP_DEFLATED)
name=None
for i in src.infolist():
    b=src.read(i.filename)
    if name is None and i.filename.startswith("03-tai-lieu-kiem-chung/"):
        name=i.filename; b=b[:-1]+bytes([b[-1]^1])
    dst.writestr(i.filename,b)
dst.close(); print(name)`,
    good,
    bad,
  ])
    .toString()
    .trim();

  const empty = tempDataDir('dossier-appraiser');
  const app = await openApp(empty);
  const { browser } = app;
  try {
    await browser.setWindowSize(1024, 768);
    await (await find(browser, '#read-dossier', 30000)).click();
    const picked = answerOpenDialog('Chọn hồ sơ đề nghị thẩm định', bad);
    await (await find(browser, '#received-choose')).click();
    await picked;
    await find(browser, '#received-verdict', 30000);
    const verdict = await textOf(browser, '#received-verdict');
    assert.match(verdict, /KHÔNG nguyên vẹn/);
    assert.ok(verdict.includes(changed), `${changed} not named: ${verdict}`);
    await shot(browser, 'dossier-06-tampered-1024');
    const wide = await browser.execute(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(wide <= 1, `the page scrolls sideways by ${wide}px`);
    await (await find(browser, '#received-back')).click();
    await find(browser, '[data-screen="setup"]');
  } finally {
    await app.close();
  }
});
