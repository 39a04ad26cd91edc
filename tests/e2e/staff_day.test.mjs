// End-to-end: a staff member's day at the counter (leaflet ①–⑥). The demo
// staff member signs in with the code of the printed key, opens 本日の予約,
// books a caller by phone on the first free time (代行入力), saves the Zoom
// meeting details (the caller gets 「ハローワーク：オンライン職業相談のご案内」
// from a real SMTP server), marks 出席 once the interview has started, finds
// the booking by its number, and looks at the week. Then the job seeker's
// side: the meeting staff set shows in 予約詳細 and 「Zoom を起動する」 opens
// shortly before the start. Screenshots at 1280 px and tablet width (768 px).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { after, before, test } from 'node:test';

import { launchBrowser, newContext, screenshot, watchProblems } from './support/browser.mjs';
import { startServer } from './support/server.mjs';
import { startSmtp } from './support/smtp.mjs';
import { totp } from './support/totp.mjs';

const STAFF_KEY = 'DEMOSTAFFSHINAGAWAKEYFORDEMOONLY';
let smtp;
let server;
let browser;
let lastCodeStep = 0;

before(async () => {
  smtp = await startSmtp();
  server = await startServer({ name: 'staff-day', extraArgs: ['--smtp-url', smtp.url, '--mail-from', 'no-reply@hellowork.example.jp'] });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
  smtp?.stop();
});

function sql(statement) {
  return execFileSync('sqlite3', [server.db.replace(/^sqlite:/, ''), statement], { encoding: 'utf8' }).trim();
}

// JST wall-clock time `minutesFromNow` from now: { date: 'YYYY-MM-DD', minute } — never on :00 or :30, where
// the demo's slot rows are (a slot row is unique per frame, date and start).
function jstMinute(minutesFromNow) {
  let at = new Date(Date.now() + 9 * 3600_000 + minutesFromNow * 60_000);
  if (at.getUTCMinutes() % 30 === 0) at = new Date(at.getTime() - 60_000);
  return { date: at.toISOString().slice(0, 10), minute: at.getUTCHours() * 60 + at.getUTCMinutes() };
}

// Moves a booking's interview to start at `when` (a test of what the clock decides).
function moveInterview(number, when) {
  sql(`UPDATE slots SET slot_date = '${when.date}', start_minute = ${when.minute}, end_minute = ${when.minute + 30}` +
      ` WHERE id = (SELECT slot_id FROM reservations WHERE number = '${number}')`);
}

// A code of a 30-second step not used yet (a code works once).
async function freshCode() {
  for (;;) {
    const step = Math.floor(Date.now() / 30_000);
    if (step !== lastCodeStep) {
      lastCodeStep = step;
      return totp(STAFF_KEY);
    }
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
}

async function staffSignIn(page) {
  await page.goto(`${server.url}/staff/login`);
  await page.locator('#email').fill('staff.shinagawa@example.jp');
  await page.locator('#password').fill('staff-password-2024');
  await page.getByRole('button', { name: 'ログイン' }).click();
  await page.waitForURL(/\/staff\/login\/otp/);
  await page.locator('#code').fill(await freshCode());
  await page.getByRole('button', { name: /確認/ }).click();
  await page.waitForURL(`${server.url}/staff`);
}

const main = (page) => page.locator('main');

test('a staff member books a caller, sends the meeting details and records attendance at 1280 px', async () => {
  const context = await newContext(browser, 1280);
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  const watcher = watchProblems(page);
  await staffSignIn(page);

  // 職員メニュー → the office → 本日の予約.
  await page.getByRole('link', { name: /ハローワーク品川/ }).click();
  await assert.doesNotReject(page.getByRole('heading', { level: 1, name: /本日の予約/ }).waitFor());
  const tabs = page.getByRole('navigation', { name: '安定所の業務' });
  assert.equal(await tabs.getByRole('link', { name: '本日の予約' }).getAttribute('aria-current'), 'page');
  await screenshot(page, 'staff-day');

  // 代行入力 on the first free time (today if a time is left, else the next days).
  let book = main(page).getByRole('link', { name: /^代行入力/ }).first();
  for (let i = 0; i < 7 && (await book.count()) === 0; ++i) {
    await page.getByRole('link', { name: '翌日 >' }).click();
    book = main(page).getByRole('link', { name: /^代行入力/ }).first();
  }
  await book.click();
  await assert.doesNotReject(page.getByRole('heading', { level: 1, name: '代行入力' }).waitFor());
  assert.ok(await page.getByRole('radio', { name: '電話' }).isChecked());
  // Nothing typed yet: the fields are explained next to themselves, and nothing is booked.
  watcher.expectErrorDocument(true);  // the form comes back with 422
  await page.getByRole('button', { name: '予約する' }).click();
  await assert.doesNotReject(page.getByText('入力内容に誤りがあります').first().waitFor());
  assert.ok(await page.locator('#family_name[aria-invalid="true"]').count() === 1);
  watcher.expectErrorDocument(false);
  await page.locator('#family_name').fill('電話');
  await page.locator('#given_name').fill('花子');
  await page.locator('#job_seeker_number').fill('13040-00000099');
  await page.locator('#phone').fill('090-1234-5678');
  await page.locator('#email').fill('denwa.hanako@example.jp');
  await page.locator('label[for="topic-consultation"]').click();
  await screenshot(page, 'staff-book');
  await page.getByRole('button', { name: '予約する' }).click();

  await assert.doesNotReject(page.getByText('予約を登録し、予約確定のメールを送信しました。').waitFor());
  const number = (await page.locator('h1 .staff-page__date').innerText()).trim();
  assert.match(number, /^\d{8}-\d{6}$/);
  const confirmed = await smtp.waitFor('denwa.hanako@example.jp', 'ハローワーク：予約を確定しました');
  assert.ok(confirmed.body.includes(number));
  assert.ok(!confirmed.body.includes('利用者ログインを行い'), 'no account: no 予約内容照会 link');

  // The Zoom meeting details, mailed to the caller.
  await page.locator('#meeting_id').fill('123 4567 8901');
  await page.locator('#passcode').fill('abc123');
  await page.getByRole('button', { name: '保存してメールで案内する' }).click();
  await assert.doesNotReject(page.getByText('面談情報を保存し、「ハローワーク：オンライン職業相談のご案内」を送信しました。').waitFor());
  const meeting = await smtp.waitFor('denwa.hanako@example.jp', 'ハローワーク：オンライン職業相談のご案内');
  for (const part of [number, '12345678901', 'abc123', 'https://zoom.us/j/12345678901', '13040-00000099 電話 花子']) {
    assert.ok(meeting.body.includes(part), `the meeting mail has ${part}:\n${meeting.body}`);
  }
  assert.match(await main(page).innerText(), /面談情報登録/);  // 処理履歴

  // Before the start, attendance waits; once the interview started 15 minutes ago, 出席 can be recorded.
  assert.match(await main(page).innerText(), /出欠は面談開始の10分後（.+）から記録できます。/);
  const started = jstMinute(-15);
  moveInterview(number, started);
  await page.reload();
  assert.match(await main(page).innerText(), /不参加（連絡なし）/);
  await page.getByRole('radio', { name: '出席' }).check();
  await page.getByRole('button', { name: '出欠を記録する' }).click();
  await assert.doesNotReject(page.getByText('出欠を記録しました。').waitFor());
  assert.equal((await main(page).locator('.detail-list .status-tag').first().innerText()).trim(), '出席');
  await screenshot(page, 'staff-reservation');

  // The day of the interview lists it as 出席; the search finds it by number.
  await page.goto(`${server.url}/staff/offices/13040?date=${started.date}`);
  const row = main(page).locator('tr', { has: page.getByRole('link', { name: number }) });
  assert.match(await row.innerText(), /電話 花子/);
  assert.match(await row.innerText(), /出席/);
  await tabs.getByRole('link', { name: '予約の検索' }).click();
  await page.locator('#q').fill(number);
  await page.getByRole('button', { name: '検索' }).click();
  await assert.doesNotReject(page.getByText('1件の予約が見つかりました。').waitFor());
  await page.getByRole('link', { name: number }).click();
  await assert.doesNotReject(page.getByRole('heading', { level: 1, name: /予約詳細/ }).waitFor());

  // The week: counts per time, a day opens its list.
  await tabs.getByRole('link', { name: '週間表示' }).click();
  await assert.doesNotReject(page.getByRole('heading', { level: 1, name: /週間表示/ }).waitFor());
  assert.ok(await main(page).locator('.week-table__cell--booked').count() > 0);
  await screenshot(page, 'staff-week');

  // Every view of personal data is in the audit log.
  const views = Number(sql(`SELECT COUNT(*) FROM audit_log WHERE action = 'staff.reservation_viewed' AND target_id = '${number}'`));
  assert.ok(views >= 3, `audit rows for the views: ${views}`);
  const problems = await watcher.collect();
  assert.deepEqual(problems, [], `problems on the page:\n${problems.join('\n')}`);
  await context.close();
});

test('the day at tablet width fits the counter\'s screen', async () => {
  const context = await newContext(browser, 768);
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  await staffSignIn(page);
  // A day with the demo's bookings.
  const day = sql("SELECT s.slot_date FROM reservations r JOIN slots s ON s.id = r.slot_id WHERE r.number LIKE '%' ORDER BY s.slot_date LIMIT 1");
  await page.goto(`${server.url}/staff/offices/13040?date=${day}`);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `the page scrolls sideways by ${overflow}px`);
  // The status column is inside the visible table, not cut off to the right.
  const table = await main(page).locator('.table-scroll').first().boundingBox();
  const status = await main(page).locator('.schedule-table thead th').last().boundingBox();
  assert.ok(status.x + status.width <= table.x + table.width + 1, 'the last column is visible without scrolling');
  await screenshot(page, 'staff-day');
  await context.close();
});

test('the meeting staff set shows in the job seeker\'s 予約詳細, and Zoom opens shortly before the start', async () => {
  const staff = await newContext(browser, 1280);
  const page = await staff.newPage();
  page.setDefaultTimeout(15_000);
  await staffSignIn(page);
  await page.goto(`${server.url}/staff/offices/13040/search?q=${encodeURIComponent('雇用 太郎')}`);
  const number = (await main(page).locator('.schedule-table__number').first().innerText()).trim();
  await page.getByRole('link', { name: number }).click();
  await page.getByRole('button', { name: 'IDとパスコードを自動作成して案内する' }).click();
  await assert.doesNotReject(page.getByText(/面談情報を保存し/).waitFor());
  const meetingId = await page.locator('#meeting_id').inputValue();
  assert.match(meetingId, /^\d{11}$/);
  await staff.close();

  const seeker = await newContext(browser, 375);
  const mine = await seeker.newPage();
  mine.setDefaultTimeout(15_000);
  await mine.goto(`${server.url}/login`);
  await mine.locator('#email').fill('koyou.taro@example.jp');
  await mine.locator('#password').fill('demo-password-2024');
  await mine.getByRole('button', { name: 'ログイン' }).click();
  await mine.waitForURL(`${server.url}/`);
  await mine.goto(`${server.url}/reservations/${number}`);
  assert.ok((await main(mine).innerText()).includes(meetingId));
  assert.equal(await mine.getByRole('link', { name: /Zoom を起動する/ }).count(), 0);
  moveInterview(number, jstMinute(5));
  await mine.reload();
  assert.ok(await mine.getByRole('link', { name: /Zoom を起動する/ }).first().isVisible());
  assert.match(await main(mine).innerText(), /12345-12345678 雇用 太郎/);
  await screenshot(mine, 'seeker-meeting-open');
  await seeker.close();
});
