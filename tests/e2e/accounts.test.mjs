// End-to-end: 利用者登録 → the email link from a real SMTP server → ログイン →
// 2段階認証 with a code computed from the QR code's secret → ログアウト →
// ログイン with a code. Screenshots of each page at 375 px and 1280 px.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { launchBrowser, newContext, screenshot, watchProblems } from './support/browser.mjs';
import { startServer } from './support/server.mjs';
import { startSmtp } from './support/smtp.mjs';
import { totp } from './support/totp.mjs';

const PASSWORD = 'Momiji-no-yama-2026';
let smtp;
let server;
let browser;

before(async () => {
  smtp = await startSmtp();
  server = await startServer({ name: 'accounts', extraArgs: ['--smtp-url', smtp.url, '--mail-from', 'no-reply@hellowork.example.jp'] });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
  smtp?.stop();
});

async function logIn(page, email) {
  await page.goto(`${server.url}/login`);
  await page.locator('#email').fill(email);
  await page.locator('#password').fill(PASSWORD);
  await page.getByRole('button', { name: 'ログイン' }).click();
}

for (const width of [1280, 375]) {
  test(`register, verify by email, enable 2FA and log in with a code at ${width} px`, async () => {
    const email = `e2e.${width}@example.jp`;
    const context = await newContext(browser, width);
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    const watcher = watchProblems(page);

    // 利用者登録, with a mistake first: the message shows next to the field and the input is kept.
    await page.goto(`${server.url}/register`);
    await assert.doesNotReject(page.getByRole('heading', { level: 1, name: '利用者登録' }).waitFor());
    await page.locator('#email1').fill(email);
    await page.locator('#password').fill(PASSWORD);
    await page.locator('#password_confirmation').fill(PASSWORD);
    await page.locator('#family_name').fill('雇用');
    await page.locator('#given_name').fill('太郎');
    await page.locator('#job_seeker_number').fill('１２３４５－１２３４５６７８');  // full-width, as an IME types it
    await page.locator('#phone').fill('03-1234');
    await screenshot(page, 'register');
    watcher.expectErrorDocument(true);  // the form answers 422 with its messages
    await page.getByRole('button', { name: '確認メールを送信する' }).click();
    await assert.doesNotReject(page.getByRole('alert').filter({ hasText: '入力内容に誤りがあります' }).waitFor());
    assert.match(await page.locator('#phone-error').innerText(), /10桁または11桁の数字で/);
    assert.equal(await page.locator('#family_name').inputValue(), '雇用');
    assert.equal(await page.locator('#phone').inputValue(), '03-1234');
    await screenshot(page, 'register-error');
    await page.locator('#password').fill(PASSWORD);
    await page.locator('#password_confirmation').fill(PASSWORD);
    await page.locator('#phone').fill('03-1234-5678');
    watcher.expectErrorDocument(false);
    await page.getByRole('button', { name: '確認メールを送信する' }).click();
    await assert.doesNotReject(page.getByRole('heading', { level: 1, name: '確認メールを送信しました' }).waitFor());
    await screenshot(page, 'register-sent');

    // The link arrives through the real SMTP server.
    const mail = await smtp.waitFor(email, 'ハローワーク：利用者登録のメールアドレス確認');
    assert.match(mail.body, /雇用 太郎 様/);
    const link = mail.body.match(/http:\/\/\S+\/verify-email\?token=[0-9a-f]+/)?.[0];
    assert.ok(link, mail.body);
    await page.goto(link);
    await screenshot(page, 'verify-email');
    await page.getByRole('button', { name: 'メールアドレスを確認する' }).click();
    await assert.doesNotReject(page.getByText('メールアドレスの確認が完了しました。').waitFor());

    // ログイン → 利用者情報.
    await logIn(page, email);
    // The manual: after ログイン the top page, then メニュー → 利用者情報.
    await page.waitForURL(`${server.url}/`);
    await page.goto(`${server.url}/account`);
    await assert.doesNotReject(page.getByRole('heading', { level: 1, name: '利用者情報' }).waitFor());
    assert.equal(await page.locator('#job_seeker_number').inputValue(), '12345-12345678');
    await screenshot(page, 'account');

    // 2段階認証: the password first, then read the key next to the QR code and answer with a computed code.
    await page.locator('#totp_password').fill(PASSWORD);
    await page.getByRole('button', { name: '2段階認証を設定する' }).click();
    await assert.doesNotReject(page.getByRole('heading', { level: 1, name: '2段階認証の設定' }).waitFor());
    assert.equal(await page.locator('.qr-figure svg').count(), 1);
    const secret = (await page.locator('.secret-key__value').innerText()).replace(/\s+/g, '');
    assert.match(secret, /^[A-Z2-7]{32}$/);
    await screenshot(page, 'totp-setup');
    const enrolledAt = Date.now() / 1000;
    await page.locator('#code').fill(totp(secret, enrolledAt));
    await page.getByRole('button', { name: '設定を完了する' }).click();
    await assert.doesNotReject(page.getByRole('heading', { level: 1, name: 'リカバリーコード' }).waitFor());
    const codes = await page.locator('.code-grid__item').allInnerTexts();
    assert.equal(codes.length, 10);
    await screenshot(page, 'totp-codes');

    // ログアウト from the menu.
    await page.locator('header summary', { hasText: 'メニュー' }).click();
    await page.getByRole('navigation', { name: 'メニュー' }).getByRole('link', { name: 'ログアウト' }).click();
    await page.getByRole('button', { name: 'ログアウト' }).click();
    await assert.doesNotReject(page.getByText('ログアウトしました。').waitFor());

    // ログイン again: the password is not enough any more.
    await logIn(page, email);
    await page.waitForURL(/\/login\/otp/);
    await screenshot(page, 'login-otp');
    // The next step's code (the enrolment used this one; a code works once).
    await page.locator('#code').fill(totp(secret, enrolledAt + 30));
    await page.getByRole('button', { name: '確認する' }).click();
    await page.waitForURL(`${server.url}/`);
    if (width < 640) await page.locator('header summary', { hasText: 'メニュー' }).click();
    const who = page.locator(width < 640 ? '.menu__user' : '.header-user');
    assert.match(await who.innerText(), /雇用 太郎 様/);
    await screenshot(page, 'signed-in');

    const problems = await watcher.collect();
    assert.deepEqual(problems, [], `problems on the page:\n${problems.join('\n')}`);
    await context.close();
  });
}

test('an idle session warns five minutes before it ends and 延長する extends it', async () => {
  const email = 'idle.e2e@example.jp';
  server.yoyaku(['create-user', '--db', server.db, '--email', email, '--password', PASSWORD, '--family-name', '待機',
    '--given-name', '花子', '--job-seeker-number', '12345-00000009', '--phone', '0312345678']);
  const context = await newContext(browser, 375);
  const page = await context.newPage();
  await page.clock.install();
  await logIn(page, email);
  await page.waitForURL(`${server.url}/`);
  const bar = page.locator('.session-warning');
  assert.equal(await bar.isVisible(), false);
  await page.clock.fastForward('26:00');  // 4 minutes left of 30
  await assert.doesNotReject(bar.waitFor({ state: 'visible' }));
  assert.match(await bar.innerText(), /あと\s*\d+分\d+秒で操作時間が終了します/);
  await screenshot(page, 'session-warning');
  const before = Number(await bar.getAttribute('data-session-expires-at'));
  await page.clock.runFor(2000);  // the server's deadline moves by whole seconds
  await new Promise((resolve) => setTimeout(resolve, 1100));
  await bar.getByRole('button', { name: '延長する' }).click();
  await page.waitForURL(`${server.url}/`);
  const after = Number(await page.locator('.session-warning').getAttribute('data-session-expires-at'));
  assert.ok(after > before, `the deadline moved: ${before} -> ${after}`);
  await context.close();
});

test('the login page shows a temporary lock in Japanese after repeated failures', async () => {
  const context = await newContext(browser, 375);
  const page = await context.newPage();
  for (let i = 0; i < 5; i++) {
    await page.goto(`${server.url}/login`);
    await page.locator('#email').fill('e2e.1280@example.jp');
    await page.locator('#password').fill('a-wrong-password');
    await page.getByRole('button', { name: 'ログイン' }).click();
  }
  await assert.doesNotReject(page.getByText(/一時的にログインできなくなっています/).waitFor());
  await screenshot(page, 'login-locked');
  await context.close();
});
