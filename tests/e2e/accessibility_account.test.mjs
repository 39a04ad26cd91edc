// Accessibility of a signed-in job seeker's own pages, proven with axe-core
// (WCAG 2.2 A/AA and best practices): the top page, 利用者情報, 操作時間を延長する,
// ログアウト, 2段階認証 (the QR code and the recovery codes) and ログイン with a
// code. (Booking and 予約内容照会: accessibility_booking.test.mjs.) Each page at 1280 px and 375 px, in
// the standard scheme and in the high-contrast scheme chosen on 配色を変更する
// (kept in the profile once signed in). Any serious or critical violation
// fails, listed with rule, impact, target selector and page.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { auditedPage, axeAudit, chooseScheme } from './support/a11y.mjs';
import { launchBrowser, newContext } from './support/browser.mjs';
import { createJobSeeker, logIn as logInAs } from './support/job_seeker.mjs';
import { startServer } from './support/server.mjs';
import { totp } from './support/totp.mjs';

const PASSWORD = 'Hanamizuki-2026-haru';
let server;
let browser;

before(async () => {
  server = await startServer({ name: 'accessibility-account' });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

const newUser = (email) => createJobSeeker(server, email, PASSWORD);

const logIn = (page, email, password = PASSWORD) => logInAs(page, server, email, password);

for (const scheme of ['standard', 'high-contrast']) {
  test(`the account pages of a signed-in job seeker pass axe at 1280 and 375 px in the ${scheme} scheme`, async () => {
    const audit = axeAudit({ name: `account-${scheme}` });
    const email = `a11y.seeker.${scheme}@example.jp`;
    newUser(email);
    const context = await newContext(browser, 1280);
    const { page, check, visit } = await auditedPage(context, audit, scheme, server.url);
    await logIn(page, email);
    await page.waitForURL(`${server.url}/`);
    // Signed in, the scheme is the profile's: chosen on the same form.
    if (scheme !== 'standard') await chooseScheme(page, server.url, scheme);

    await visit('/', 'トップページ (signed in)');
    await visit('/account', '利用者情報');
    await visit('/session/extend', '操作時間を延長する');
    await page.getByRole('button', { name: '延長する' }).first().click();
    await page.waitForLoadState('load');
    await check('操作時間を延長する (extended)');
    await visit('/logout', 'ログアウト (confirm)');

    // 2段階認証: the QR code, the recovery codes, then ログイン with a code.
    await page.goto(`${server.url}/account`);
    await page.locator('#totp_password').fill(PASSWORD);
    await page.getByRole('button', { name: '2段階認証を設定する' }).click();
    await page.getByRole('heading', { level: 1, name: '2段階認証の設定' }).waitFor();
    await check('2段階認証の設定');
    const secret = (await page.locator('.secret-key__value').innerText()).replace(/\s+/g, '');
    const enrolledAt = Date.now() / 1000;
    await page.locator('#code').fill(totp(secret, enrolledAt));
    await page.getByRole('button', { name: '設定を完了する' }).click();
    await page.getByRole('heading', { level: 1, name: 'リカバリーコード' }).waitFor();
    await check('リカバリーコード');
    await visit('/account', '利用者情報 (2段階認証あり)');
    await page.goto(`${server.url}/logout`);
    await page.getByRole('button', { name: 'ログアウト' }).click();
    await page.getByText('ログアウトしました。').waitFor();
    await check('ログアウトしました');
    await logIn(page, email);
    await page.waitForURL(/\/login\/otp/);
    await check('ログイン (認証コード)');
    await page.locator('#code').fill('000000');
    await page.getByRole('button', { name: '確認する' }).click();
    await page.waitForLoadState('load');
    await check('ログイン (認証コード, wrong code)');

    await context.close();
    audit.assertClean();
  });
}
