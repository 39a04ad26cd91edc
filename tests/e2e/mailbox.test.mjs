// End-to-end: the demo mailbox, where a newcomer reads the mail the service
// sent without any mail server (`yoyaku serve --demo-mailbox`).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { launchBrowser, newContext, screenshot, watchProblems } from './support/browser.mjs';
import { startServer } from './support/server.mjs';

let server;
let browser;

before(async () => {
  server = await startServer({ name: 'mailbox', extraArgs: ['--demo-mailbox'] });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

// Waits until the mail to `recipient` shows as sent (宛先 and 状態 share one line).
async function waitUntilSent(url, recipient) {
  const sentLine = new RegExp(`宛先：${recipient.replace(/[.]/g, '\\.')}[^<]*状態：送信済み`);
  const deadline = Date.now() + 15_000;
  for (;;) {
    const html = await (await fetch(`${url}/demo/mailbox`)).text();
    if (sentLine.test(html)) return;
    if (Date.now() > deadline) throw new Error(`no sent mail to ${recipient} in the demo mailbox:\n${html}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

for (const width of [1280, 375]) {
  test(`a queued mail can be read in the demo mailbox at ${width} px`, async () => {
    const recipient = `reader${width}@example.jp`;
    server.yoyaku(['mail-test', '--queue', '--db', server.db, recipient]);
    await waitUntilSent(server.url, recipient);

    const context = await newContext(browser, width);
    const page = await context.newPage();
    const watcher = watchProblems(page);
    await page.goto(`${server.url}/demo/mailbox`);
    await assert.doesNotReject(page.getByRole('heading', { name: '送信メール一覧（デモ）' }).waitFor());
    assert.match(await page.locator('.demo-banner').innerText(), /デモ用の画面です/);
    const link = page.locator('.mail-list__link', { hasText: `reader${width}@example.jp` });
    assert.equal(await link.count(), 1);
    assert.match(await link.innerText(), /送信済み/);
    await screenshot(page, 'demo-mailbox');

    await link.click();
    await assert.doesNotReject(page.getByRole('heading', { name: 'ハローワーク：テストメール' }).waitFor());
    const body = await page.locator('.mail-body').innerText();
    assert.match(body, /メール送信設定を確認するためのテストメールです。/);
    assert.match(body, /ヘルプデスク 0570-028-609（有料）/);
    const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(scrollWidth <= width, `no sideways scrolling (scrollWidth ${scrollWidth})`);
    await screenshot(page, 'demo-mail');

    await page.getByRole('link', { name: '送信メール一覧へ戻る' }).click();
    await assert.doesNotReject(page.getByRole('heading', { name: '送信メール一覧（デモ）' }).waitFor());
    const problems = await watcher.collect();
    assert.deepEqual(problems, [], `problems on the page:\n${problems.join('\n')}`);
    await context.close();
  });
}
