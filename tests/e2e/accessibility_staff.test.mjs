// Accessibility of the staff side, proven with axe-core (WCAG 2.2 A/AA and
// best practices): 職員ログイン with its mistakes, the code step, enrolling an
// authenticator at the first sign-in, ログアウト; then, as the demo
// administrator, 職員メニュー, 本日の予約 (a day with bookings), 週間表示, 予約の検索
// (empty and with results), 代行入力 (and its mistakes), one booking with its
// 修正 and 取下げ forms, the CSV export form with its mistakes, and a 404.
// (The administration pages: accessibility_admin.test.mjs.) Each page
// at 1280 px and 375 px, in the standard scheme and in the high-contrast
// scheme (the 配色 cookie, chosen on /color-scheme). Any serious or critical
// violation fails, listed with rule, impact, target selector and page.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { auditedPage, axeAudit, chooseScheme } from './support/a11y.mjs';
import { launchBrowser, newContext } from './support/browser.mjs';
import { startServer } from './support/server.mjs';
import { staffSignIn } from './support/staff.mjs';
import { totp } from './support/totp.mjs';

const PASSWORD = 'Kasumigaseki-2026';
const SCHEMES = ['standard', 'high-contrast'];
let server;
let browser;

before(async () => {
  server = await startServer({ name: 'accessibility-staff' });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

const sql = (statement) => server.sql(statement);

async function passwordStep(page, email, password) {
  await page.goto(`${server.url}/staff/login`);
  await page.locator('#email').fill(email);
  await page.locator('#password').fill(password);
  await page.getByRole('button', { name: 'ログイン' }).click();
  await page.waitForLoadState('load');
}

for (const scheme of SCHEMES) {
  test(`the staff sign-in pages pass axe at 1280 and 375 px in the ${scheme} scheme`, async () => {
    const audit = axeAudit({ name: `staff-sign-in-${scheme}` });
    const context = await newContext(browser, 1280);
    const { page, check, visit } = await auditedPage(context, audit, scheme, server.url);
    await chooseScheme(page, server.url, scheme);

    await visit('/staff/login', '職員ログイン');
    await passwordStep(page, 'staff.shinagawa@example.jp', 'not-the-password-1');
    await check('職員ログイン (wrong password)');
    // The code step of an enrolled staff member (no code is used up here).
    await passwordStep(page, 'staff.shinagawa@example.jp', 'staff-password-2024');
    await page.waitForURL(/\/staff\/login\/otp/);
    await check('職員ログイン (認証コード)');
    await page.locator('#code').fill('000000');
    await page.getByRole('button', { name: /確認/ }).click();
    await page.waitForLoadState('load');
    await check('職員ログイン (認証コード, wrong code)');

    // A new staff member enrols an authenticator at the first sign-in.
    await context.clearCookies({ name: 'yoyaku_session' });
    const email = `a11y.clerk.${scheme}@example.jp`;
    server.yoyaku(['create-staff', '--db', server.db, '--email', email, '--password', PASSWORD, '--name', '品川 職員',
      '--office', '13040']);
    await passwordStep(page, email, PASSWORD);
    await page.waitForURL(/\/staff\/login\/totp-setup/);
    await check('2段階認証の設定 (職員)');
    await page.locator('#code').fill('000000');
    await page.getByRole('button', { name: '設定してログインする' }).click();
    await page.waitForLoadState('load');
    await check('2段階認証の設定 (職員, wrong code)');
    const key = (await page.locator('.secret-key__value').innerText()).replace(/\s/g, '');
    await page.locator('#code').fill(totp(key));
    await page.getByRole('button', { name: '設定してログインする' }).click();
    await page.waitForURL(`${server.url}/staff`);
    await check('職員メニュー (a clerk of one office)');
    await visit('/staff/offices/13040', '本日の予約 (a clerk)');
    await visit('/staff/offices/01901', '404 (another office)', 404);
    await visit('/staff/logout', 'ログアウト (職員, confirm)');
    await page.getByRole('button', { name: 'ログアウト' }).click();
    await page.waitForURL(/\/staff\/login\?done=logged_out/);
    await check('職員ログイン (logged out)');

    await context.close();
    audit.assertClean();
  });
}

test("the pages of an office's day-to-day work pass axe at 1280 and 375 px in both schemes", async () => {
  // One sign-in (a code works once), both schemes: staff take the 配色 from the cookie.
  const context = await newContext(browser, 1280);
  const signIn = await context.newPage();
  signIn.setDefaultTimeout(15_000);
  await staffSignIn(signIn, server.url);
  await signIn.close();

  const office = sql("SELECT id FROM offices WHERE code = '13040'");
  const booking = sql(`SELECT r.number || '|' || s.slot_date FROM reservations r JOIN slots s ON s.id = r.slot_id
    JOIN procedures p ON p.id = r.procedure_id WHERE p.office_id = ${office} AND r.status = 'confirmed'
    AND s.slot_date > date('now', '+9 hours') ORDER BY s.slot_date, s.start_minute LIMIT 1`);
  const [number, day] = booking.split('|');
  assert.match(number ?? '', /^\d{8}-\d{6}$/, 'a future demo booking at 品川');
  // A booking of today, whose page also has 出席/不参加 once it has started (the demo has some most days).
  const today = sql(`SELECT r.number FROM reservations r JOIN slots s ON s.id = r.slot_id
    JOIN procedures p ON p.id = r.procedure_id WHERE p.office_id = ${office}
    AND s.slot_date = date('now', '+9 hours') ORDER BY s.start_minute LIMIT 1`);

  const audit = axeAudit({ name: 'staff' });
  for (const scheme of SCHEMES) {
    const { page, check, visit } = await auditedPage(context, audit, scheme, server.url);
    await chooseScheme(page, server.url, scheme);
    const base = '/staff/offices/13040';

    await visit('/staff', '職員メニュー (administrator)');
    await visit(base, '本日の予約');
    await visit(`${base}?date=${day}`, '本日の予約 (a day with bookings)');
    await visit(`${base}/week`, '週間表示');
    await visit(`${base}/search`, '予約の検索');
    await visit(`${base}/search?q=${encodeURIComponent('雇用 太郎')}`, '予約の検索 (results)');
    await visit(`${base}/search?q=${encodeURIComponent('該当なし')}`, '予約の検索 (no results)');
    await visit(`${base}/reservations.csv?from=2026-13-01&to=`, '予約のCSVダウンロード (mistakes)', 422);

    // 代行入力: from the first 代行入力 link of the day with bookings or the days after it.
    await page.goto(`${server.url}${base}?date=${day}`);
    let book = page.locator('main').getByRole('link', { name: /^代行入力/ }).first();
    for (let i = 0; i < 7 && (await book.count()) === 0; ++i) {
      await page.getByRole('link', { name: '翌日 >' }).click();
      book = page.locator('main').getByRole('link', { name: /^代行入力/ }).first();
    }
    await book.click();
    await page.getByRole('heading', { level: 1, name: '代行入力' }).waitFor();
    await check('代行入力');
    await page.getByRole('button', { name: '予約する' }).click();
    await page.getByText('入力内容に誤りがあります').first().waitFor();
    await check('代行入力 (with mistakes)');

    await visit(`/staff/reservations/${number}`, '予約詳細 (職員)');
    await visit(`/staff/reservations/${number}/edit`, '予約の修正 (職員)');
    await visit(`/staff/reservations/${number}/withdraw`, '予約の取下げ (職員)');
    if (today) await visit(`/staff/reservations/${today}`, '予約詳細 (職員, today)');

    await visit('/staff/no-such-page', '404 (職員)', 404);
    await visit('/staff/logout', 'ログアウト (administrator, confirm)');
    await page.close();
  }
  await context.close();
  audit.assertClean();
});
