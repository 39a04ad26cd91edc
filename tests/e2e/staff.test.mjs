// End-to-end: the staff side. A new staff member created by an operator signs
// in with a password, enrols an authenticator app on the spot (QR code key →
// code), lands on 職員メニュー and opens the office's page; the demo staff
// member signs in with the code of the printed key. A job seeker gets 404 on
// the staff side. Screenshots at tablet (768 px), desktop and phone widths.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { launchBrowser, newContext, screenshot, watchProblems } from './support/browser.mjs';
import { startServer } from './support/server.mjs';
import { totp } from './support/totp.mjs';

const PASSWORD = 'Kasumigaseki-2026';
let server;
let browser;

before(async () => {
  server = await startServer({ name: 'staff' });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

async function passwordStep(page, email, password) {
  await page.goto(`${server.url}/staff/login`);
  await assert.doesNotReject(page.getByRole('heading', { level: 1, name: '職員ログイン' }).waitFor());
  await page.locator('#email').fill(email);
  await page.locator('#password').fill(password);
  await page.getByRole('button', { name: 'ログイン' }).click();
}

for (const width of [768, 1280, 375]) {
  test(`a new staff member enrols an authenticator app at the first sign-in at ${width} px`, async () => {
    const email = `clerk.${width}@example.jp`;
    server.yoyaku(['create-staff', '--db', server.db, '--email', email, '--password', PASSWORD, '--name', `品川 職員${width}`,
                   '--office', '13040']);
    const context = await newContext(browser, width);
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    const watcher = watchProblems(page);

    await passwordStep(page, email, PASSWORD);
    await page.waitForURL(/\/staff\/login\/totp-setup/);
    await assert.doesNotReject(page.getByRole('heading', { level: 1, name: '2段階認証の設定' }).waitFor());
    assert.equal(await page.locator('.qr-figure__image svg').count(), 1);
    await screenshot(page, 'staff-totp-setup');
    const key = (await page.locator('.secret-key__value').innerText()).replace(/\s/g, '');
    await page.locator('#code').fill(totp(key));
    await page.getByRole('button', { name: '設定してログインする' }).click();

    await page.waitForURL(`${server.url}/staff`);
    await assert.doesNotReject(page.getByRole('heading', { level: 1, name: '職員メニュー' }).waitFor());
    const office = page.getByRole('link', { name: /ハローワーク品川/ });
    assert.equal(await office.count(), 1);
    await screenshot(page, 'staff-home');
    await office.click();
    await page.waitForURL(`${server.url}/staff/offices/13040`);
    await assert.doesNotReject(page.getByRole('heading', { level: 1, name: /本日の予約/ }).waitFor());
    assert.match(await page.locator('.office-nav').innerText(), /【13040】ハローワーク品川/);
    await screenshot(page, 'staff-office');

    // Another office is not there for this staff member.
    watcher.expectErrorDocument(true);
    const other = await page.goto(`${server.url}/staff/offices/01901`);
    assert.equal(other.status(), 404);
    watcher.expectErrorDocument(false);

    await page.goto(`${server.url}/staff/logout`);
    await page.getByRole('button', { name: 'ログアウト' }).click();
    await page.waitForURL(/\/staff\/login\?done=logged_out/);
    await assert.doesNotReject(page.getByText('ログアウトしました。').waitFor());
    assert.deepEqual(await watcher.collect(), []);
    await context.close();
  });
}

test('the demo staff member signs in with the code of the printed key; a job seeker gets 404', async () => {
  const accounts = server.yoyaku(['seed-demo', '--list-accounts']);
  const line = accounts.split('\n').find((l) => l.includes('staff.shinagawa@example.jp'));
  const [, password] = line.match(/staff\.shinagawa@example\.jp \/ (\S+)/);
  const [, key] = line.match(/セットアップキー (\w+)/);
  const context = await newContext(browser, 768);
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  const watcher = watchProblems(page);

  await passwordStep(page, 'staff.shinagawa@example.jp', password);
  await page.waitForURL(/\/staff\/login\/otp/);
  await screenshot(page, 'staff-login-otp');
  await page.locator('#code').fill(totp(key));
  await page.getByRole('button', { name: '確認する' }).click();
  await page.waitForURL(`${server.url}/staff`);
  assert.match(await page.locator('.header-user').innerText(), /品川 職員/);

  // The job seeker's side is not the staff member's.
  watcher.expectErrorDocument(true);
  assert.equal((await page.goto(`${server.url}/reservations`)).status(), 404);
  await context.close();

  const seeker = await newContext(browser, 375);
  const seekerPage = await seeker.newPage();
  await seekerPage.goto(`${server.url}/login`);
  await seekerPage.locator('#email').fill('koyou.taro@example.jp');
  await seekerPage.locator('#password').fill('demo-password-2024');
  await seekerPage.getByRole('button', { name: 'ログイン' }).click();
  await seekerPage.waitForURL(`${server.url}/`);
  const refused = await seekerPage.goto(`${server.url}/staff`);
  assert.equal(refused.status(), 404);
  await assert.doesNotReject(seekerPage.getByRole('heading', { level: 1, name: 'ページが見つかりません' }).waitFor());
  await seeker.close();
});
