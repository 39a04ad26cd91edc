// End-to-end, following manual 1.1 literally: 「職業相談 品川」 → the
// procedure → a ○ day → a time → 「予約する」 → 「同意する」 → the form (with a
// 求職番号 typed full-width, as an IME does) → 「確認へ進む」 → 「申込み」 → the
// number, and the mail 「ハローワーク：予約を確定しました」 in a real SMTP
// server. Also: a lapsed hold, and 「予約をやめる」. Screenshots at 375/1280 px.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { after, before, test } from 'node:test';

import { launchBrowser, newContext, screenshot, watchProblems } from './support/browser.mjs';
import { startServer } from './support/server.mjs';
import { startSmtp } from './support/smtp.mjs';

const TITLE = '【13040】ハローワーク品川（東京） 職業相談 面談予約';
let smtp;
let server;
let browser;

before(async () => {
  smtp = await startSmtp();
  server = await startServer({ name: 'booking', extraArgs: ['--smtp-url', smtp.url, '--mail-from', 'no-reply@hellowork.example.jp'] });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
  smtp?.stop();
});

function sql(statement) {
  return execFileSync('sqlite3', [server.db.replace(/^sqlite:/, ''), statement], { encoding: 'utf8' });
}

function newUser(email) {
  server.yoyaku(['create-user', '--db', server.db, '--email', email, '--password', 'Hanamizuki-2026-haru',
    '--family-name', '雇用', '--given-name', '太郎', '--job-seeker-number', '98765-43210987', '--phone', '0312345678']);
}

async function logIn(page, email) {
  await page.goto(`${server.url}/login`);
  await page.locator('#email').fill(email);
  await page.locator('#password').fill('Hanamizuki-2026-haru');
  await page.getByRole('button', { name: 'ログイン' }).click();
  await page.waitForURL(`${server.url}/`);
}

// A new signed-in user at `width` px who has just held a time (at STEP4).
async function holdingUser(email, width) {
  newUser(email);
  const context = await newContext(browser, width);
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  await logIn(page, email);
  await searchAndHold(page, false);
  return { context, page };
}

// STEP3: ticks the first ○ time (the radio's label, as a user taps it).
async function chooseFirstFreeTime(page) {
  const firstFree = page.locator('input[name="slot_id"]:not([disabled])').first();
  await page.locator(`label[for="${await firstFree.getAttribute('id')}"]`).click();
}

// STEP1–3: from the search to a held time.
async function searchAndHold(page, shots) {
  await page.goto(`${server.url}/procedures`);
  await page.locator('#q').fill('職業相談 品川');
  await page.getByRole('button', { name: '絞り込みで検索する' }).click();
  await assert.doesNotReject(page.getByRole('heading', { name: '手続き一覧' }).waitFor());
  if (shots) await screenshot(page, 'step1-search');
  await page.getByRole('link', { name: TITLE }).click();
  await assert.doesNotReject(page.getByRole('heading', { level: 1, name: '施設選択' }).waitFor());
  assert.match(await page.locator('main').innerText(), /✓\s*[:：]\s*選択中/);
  if (shots) await screenshot(page, 'step2-calendar');
  await page.locator('a[data-mark="○"]').first().click();
  await assert.doesNotReject(page.getByRole('heading', { level: 1, name: '時間選択' }).waitFor());
  await chooseFirstFreeTime(page);
  if (shots) await screenshot(page, 'step3-times');
  await page.getByRole('button', { name: '予約する' }).click();
  await assert.doesNotReject(page.getByRole('heading', { level: 1, name: '手続き説明' }).waitFor());
}

for (const width of [1280, 375]) {
  test(`a job seeker books an interview as the manual says at ${width} px`, async () => {
    const email = `booker.${width}@example.jp`;
    newUser(email);
    const context = await newContext(browser, width);
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    const watcher = watchProblems(page);
    await logIn(page, email);

    await searchAndHold(page, true);
    // STEP4 利用規約の同意
    assert.match(await page.locator('main').innerText(), /仮予約 \d{4}年\d{2}月\d{2}日\(.\)\d{2}時\d{2}分まで有効/);
    assert.match(await page.locator('main').innerText(), /オンライン職業相談等利用規約/);
    await screenshot(page, 'step4-terms');
    await page.getByRole('button', { name: '同意する' }).click();

    // STEP5 予約内容の入力: pre-filled from the profile; the number typed with an IME.
    await assert.doesNotReject(page.locator('#family_name').waitFor());
    assert.equal(await page.locator('#family_name').inputValue(), '雇用');
    await page.locator('#job_seeker_number').fill('');
    await page.locator('#job_seeker_number').pressSequentially('１２３４５－１２３４５６７８');
    await page.locator('#phone').fill('012-345-6789');
    await page.locator('label[for="topic-consultation"]').click();
    await screenshot(page, 'step5-form');
    await page.getByRole('button', { name: '確認へ進む' }).click();

    // STEP6 予約内容の確認
    await assert.doesNotReject(page.getByText('まだ予約は完了していません。').waitFor());
    const confirm = await page.locator('main').innerText();
    assert.match(confirm, /12345-12345678/);
    assert.match(confirm, /職業相談/);
    assert.match(confirm, /\d{2}時\d{2}分～\d{2}時\d{2}分/);
    await screenshot(page, 'step6-confirm');
    await page.getByRole('button', { name: '申込み' }).click();

    // STEP7 予約完了
    await assert.doesNotReject(page.getByText('予約が完了しました。').waitFor());
    const number = (await page.locator('#reservation-number').innerText()).trim();
    assert.match(number, /^\d{8}-\d{6}$/);
    await screenshot(page, 'step7-done');

    const mail = await smtp.waitFor(email, 'ハローワーク：予約を確定しました');
    assert.ok(mail.body.includes(number), mail.body);
    assert.ok(mail.body.includes(TITLE), mail.body);

    const problems = (await watcher.collect()).filter((p) => !/favicon/.test(p));
    assert.deepEqual(problems, [], `problems on the page:\n${problems.join('\n')}`);
    await context.close();
  });
}

test('a lapsed hold is explained and what was typed comes back', async () => {
  const email = 'lapsed@example.jp';
  const { context, page } = await holdingUser(email, 375);
  await page.getByRole('button', { name: '同意する' }).click();
  await page.locator('#given_name').fill('次郎');
  await page.locator('#phone').fill('090-1111-2222');
  await page.getByRole('button', { name: '確認へ進む' }).click();
  await assert.doesNotReject(page.getByText('まだ予約は完了していません。').waitFor());
  // 60 minutes pass.
  sql("UPDATE holds SET expires_at = expires_at - 3601 WHERE user_id = (SELECT id FROM users WHERE email1 = 'lapsed@example.jp')");
  await page.getByRole('button', { name: '申込み' }).click();
  await assert.doesNotReject(page.getByRole('heading', { level: 1 }).filter({ hasText: '有効期限' }).waitFor());
  assert.match(await page.locator('main').innerText(), /入力した内容は保存されています/);
  await screenshot(page, 'booking-lapsed');
  assert.equal(sql("SELECT COUNT(*) FROM reservations WHERE user_id = (SELECT id FROM users WHERE email1 = 'lapsed@example.jp')").trim(), '0');

  // Pick again: the form comes back with what was typed.
  assert.equal(sql("SELECT COUNT(*) FROM booking_drafts").trim() !== '0', true);
  await page.getByRole('link', { name: '日時を選択し直す' }).click();
  await page.locator('a[data-mark="○"]').first().click();
  await chooseFirstFreeTime(page);
  await page.getByRole('button', { name: '予約する' }).click();
  await page.getByRole('button', { name: '同意する' }).click();
  assert.equal(await page.locator('#given_name').inputValue(), '次郎');
  assert.equal(await page.locator('#phone').inputValue(), '090-1111-2222');
  await context.close();
});

test('予約をやめる frees the seat at once', async () => {
  const email = 'quitter@example.jp';
  const { context, page } = await holdingUser(email, 1280);
  const userId = "(SELECT id FROM users WHERE email1 = 'quitter@example.jp')";
  assert.equal(sql(`SELECT COUNT(*) FROM holds WHERE user_id = ${userId} AND released_at IS NULL`).trim(), '1');
  await page.getByRole('button', { name: '予約をやめる' }).first().click();
  await assert.doesNotReject(page.getByRole('heading', { level: 1, name: '予約をやめました' }).waitFor());
  assert.equal(sql(`SELECT COUNT(*) FROM holds WHERE user_id = ${userId} AND released_at IS NULL`).trim(), '0');
  assert.equal(sql(`SELECT release_reason FROM holds WHERE user_id = ${userId}`).trim(), 'cancelled');
  await screenshot(page, 'booking-cancelled');
  await context.close();
});

test('変更する goes back to the calendar and keeps what was typed', async () => {
  const email = 'changer@example.jp';
  const { context, page } = await holdingUser(email, 375);
  await page.getByRole('button', { name: '同意する' }).click();
  await page.locator('#given_name').fill('三郎');
  await page.getByRole('button', { name: /変更する/ }).click();
  await assert.doesNotReject(page.getByRole('heading', { level: 1, name: '施設選択' }).waitFor());
  // The held day shows ✓; choose a later ○ day and time.
  assert.equal(await page.locator('a[data-mark="✓"]').count(), 1);
  // Late in the week the held day may be its only bookable one: then the next week.
  if (await page.locator('a[data-mark="○"]').count() === 0) {
    await page.getByRole('link', { name: '1週間後>' }).click();
  }
  await page.locator('a[data-mark="○"]').last().click();
  await chooseFirstFreeTime(page);
  await page.getByRole('button', { name: '予約する' }).click();
  await page.getByRole('button', { name: '同意する' }).click();
  assert.equal(await page.locator('#given_name').inputValue(), '三郎');
  const userId = "(SELECT id FROM users WHERE email1 = 'changer@example.jp')";
  assert.equal(sql(`SELECT COUNT(*) FROM holds WHERE user_id = ${userId} AND released_at IS NULL`).trim(), '1');
  await context.close();
});
