// Accessibility of booking and of 予約内容照会 for a signed-in job seeker, proven
// with axe-core (WCAG 2.2 A/AA and best practices): each booking step (STEP2–7,
// the form with its mistakes, 予約をやめる, a hold that lapsed), 予約一覧, 予約詳細,
// 修正 and 取下げ (each form, confirmation and done page) and a booking that is
// not theirs (404). Each page at 1280 px and 375 px, in
// the standard scheme and in the high-contrast scheme chosen on 配色を変更する
// (kept in the profile once signed in). Any serious or critical violation
// fails, listed with rule, impact, target selector and page.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { auditedPage, axeAudit, chooseScheme } from './support/a11y.mjs';
import { launchBrowser, newContext } from './support/browser.mjs';
import { createJobSeeker, logIn as logInAs } from './support/job_seeker.mjs';
import { startServer } from './support/server.mjs';

const PASSWORD = 'Hanamizuki-2026-haru';
const TITLE = '【13040】ハローワーク品川（東京） 職業相談 面談予約';
let server;
let browser;

before(async () => {
  server = await startServer({ name: 'accessibility-booking' });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

const sql = (statement) => server.sql(statement);

const newUser = (email) => createJobSeeker(server, email, PASSWORD);

const logIn = (page, email, password = PASSWORD) => logInAs(page, server, email, password);

for (const scheme of ['standard', 'high-contrast']) {
  test(`booking and 予約内容照会 pass axe at 1280 and 375 px in the ${scheme} scheme`, async () => {
    const audit = axeAudit({ name: `booking-${scheme}` });
    const email = `a11y.booker.${scheme}@example.jp`;
    newUser(email);
    const context = await newContext(browser, 1280);
    const { page, check, visit } = await auditedPage(context, audit, scheme, server.url);
    await logIn(page, email);
    await page.waitForURL(`${server.url}/`);
    // Signed in, the scheme is the profile's: chosen on the same form.
    if (scheme !== 'standard') await chooseScheme(page, server.url, scheme);

    // STEP1–7.
    await page.goto(`${server.url}/procedures?q=${encodeURIComponent('職業相談 品川')}`);
    await page.getByRole('link', { name: TITLE }).click();
    await page.getByRole('heading', { level: 1, name: '施設選択' }).waitFor();
    const calendarUrl = page.url();
    await check('施設選択 (signed in)');
    await page.locator('a[data-mark="○"]').first().click();
    await page.getByRole('heading', { level: 1, name: '時間選択' }).waitFor();
    await page.locator('label[for="' + await page.locator('input[name="slot_id"]:not([disabled])').first().getAttribute('id') + '"]').click();
    await check('時間選択 (a time chosen)');
    await page.getByRole('button', { name: '予約する' }).click();
    await page.getByRole('heading', { level: 1, name: '手続き説明' }).waitFor();
    await check('STEP4 利用規約の同意');
    await page.getByRole('button', { name: '同意する' }).click();
    await page.locator('#family_name').waitFor();
    await check('STEP5 予約内容の入力');
    await page.locator('#family_name').fill('');
    await page.locator('#phone').fill('03-12');
    await page.getByRole('button', { name: '確認へ進む' }).click();
    await page.getByRole('alert').filter({ hasText: '入力内容に誤りがあります' }).waitFor();
    await check('STEP5 予約内容の入力 (with mistakes)');
    await page.locator('#family_name').fill('雇用');
    await page.locator('#phone').fill('03-1234-5678');
    await page.locator('label[for="topic-consultation"]').click();
    await page.getByRole('button', { name: '確認へ進む' }).click();
    await page.getByText('まだ予約は完了していません。').waitFor();
    await check('STEP6 予約内容の確認');
    await page.getByRole('button', { name: '申込み' }).click();
    await page.getByText('予約が完了しました。').waitFor();
    await check('STEP7 予約完了');
    const number = (await page.locator('#reservation-number').innerText()).trim();

    // 予約をやめる, and a hold that lapsed.
    await page.goto(calendarUrl);
    await page.locator('a[data-mark="○"]').last().click();
    await page.locator('label[for="' + await page.locator('input[name="slot_id"]:not([disabled])').first().getAttribute('id') + '"]').click();
    await page.getByRole('button', { name: '予約する' }).click();
    await page.getByRole('button', { name: '予約をやめる' }).first().click();
    await page.getByRole('heading', { level: 1, name: '予約をやめました' }).waitFor();
    await check('予約をやめました');
    await page.goto(calendarUrl);
    await page.locator('a[data-mark="○"]').last().click();
    await page.locator('label[for="' + await page.locator('input[name="slot_id"]:not([disabled])').last().getAttribute('id') + '"]').click();
    await page.getByRole('button', { name: '予約する' }).click();
    await page.getByRole('button', { name: '同意する' }).click();
    await page.locator('label[for="topic-consultation"]').click();
    await page.getByRole('button', { name: '確認へ進む' }).click();
    await page.getByText('まだ予約は完了していません。').waitFor();
    sql(`UPDATE holds SET expires_at = expires_at - 3601 WHERE released_at IS NULL AND user_id = (SELECT id FROM users WHERE email1 = '${email}')`);
    await page.getByRole('button', { name: '申込み' }).click();
    await page.getByRole('heading', { level: 1 }).filter({ hasText: '有効期限' }).waitFor();
    await check('仮予約の有効期限切れ');

    // 予約内容照会, 修正, 取下げ.
    await visit('/reservations', '予約一覧');
    await page.locator('#number').fill(number);
    await page.getByRole('button', { name: '検索' }).click();
    await page.waitForLoadState('load');
    await check('予約一覧 (searched by number)');
    await visit(`/reservations/${number}`, '予約詳細');
    await page.getByRole('link', { name: '修正する' }).click();
    await page.getByRole('heading', { level: 1, name: '予約変更' }).waitFor();
    await check('予約変更');
    await page.locator('#phone').fill('012-987-6543');
    await page.getByRole('button', { name: '確認へ進む' }).last().click();
    await page.getByRole('heading', { level: 1, name: '予約変更確認' }).waitFor();
    await check('予約変更確認');
    await page.getByRole('button', { name: '修正する' }).click();
    await page.getByRole('heading', { level: 1, name: '予約内容を修正しました' }).waitFor();
    await check('予約内容を修正しました');
    await visit(`/reservations/${number}/withdraw`, '取消事由入力');
    await page.getByRole('button', { name: '確認へ進む' }).click();
    await page.waitForLoadState('load');
    await check('取消事由入力 (no reason)');
    await page.locator('#reason').fill('面談キャンセルのため');
    await page.getByRole('button', { name: '確認へ進む' }).click();
    await page.getByRole('heading', { level: 1, name: '予約取下げ確認' }).waitFor();
    await check('予約取下げ確認');
    await page.getByRole('button', { name: '取下げる' }).click();
    await page.getByRole('heading', { level: 1, name: '予約を取下げました' }).waitFor();
    await check('予約を取下げました');
    await visit(`/reservations/${number}`, '予約詳細 (withdrawn)');
    await visit('/reservations/20000101-999999', '404 (not my booking)', 404);


    await context.close();
    audit.assertClean();
  });
}
