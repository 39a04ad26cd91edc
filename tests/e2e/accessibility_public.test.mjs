// Accessibility of every page a visitor sees, proven with axe-core (WCAG 2.2
// A/AA and best practices): the menu pages, the search with and without
// results, the STEP2 calendar and STEP3 times, 利用者登録 with its mistakes and
// the mailed link, 確認メールの再送, ログイン with a wrong password, パスワード再設定
// with the mailed link, the 404 page and the demo mailbox. Each page at
// 1280 px and 375 px, in the standard scheme and in the high-contrast scheme
// chosen on 配色を変更する (a cookie). Any serious or critical violation fails,
// listed with rule, impact, target selector and page. The signed-in pages are
// in accessibility_account.test.mjs, the staff side in accessibility_staff.test.mjs.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { auditedPage, axeAudit, chooseScheme } from './support/a11y.mjs';
import { launchBrowser, newContext } from './support/browser.mjs';
import { logIn as logInAs } from './support/job_seeker.mjs';
import { startServer } from './support/server.mjs';

const PASSWORD = 'Hanamizuki-2026-haru';
const TITLE = '【13040】ハローワーク品川（東京） 職業相談 面談予約';
let server;
let browser;

before(async () => {
  server = await startServer({ name: 'accessibility-public', extraArgs: ['--demo-mailbox'] });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

const sql = (statement) => server.sql(statement);

// The link of the newest mail to `email` matching `pattern`, as the outbox holds it.
function mailedLink(email, pattern) {
  const body = sql(`SELECT body FROM email_outbox WHERE recipients LIKE '%${email}%' ORDER BY id DESC LIMIT 1`);
  const link = body.match(pattern)?.[0];
  assert.ok(link, `no link ${pattern} in the mail to ${email}:\n${body}`);
  return link.replace(/^https?:\/\/[^/]+/, server.url);
}

const logIn = (page, email, password = PASSWORD) => logInAs(page, server, email, password);

for (const scheme of ['standard', 'high-contrast']) {
  test(`every page a visitor sees passes axe at 1280 and 375 px in the ${scheme} scheme`, async () => {
    const audit = axeAudit({ name: `public-${scheme}` });
    const context = await newContext(browser, 1280);
    const { page, check, visit } = await auditedPage(context, audit, scheme, server.url);
    if (scheme !== 'standard') await chooseScheme(page, server.url, scheme);

    // The menu.
    await visit('/', 'トップページ');
    await visit('/help', 'ヘルプ');
    await visit('/faq', 'FAQ');
    await visit('/notices', 'お知らせ');
    await visit('/color-scheme', '配色を変更する');
    await visit('/session/extend', '操作時間を延長する (signed out)');

    // Reserving, STEP1–3 (no login needed to look).
    await visit('/procedures', '手続き一覧 (no search)');
    await visit(`/procedures?q=${encodeURIComponent('該当なしの手続きXYZ')}`, '手続き一覧 (no results)');
    await page.goto(`${server.url}/procedures`);
    await page.locator('#q').fill('職業相談 品川');
    await page.getByRole('button', { name: '絞り込みで検索する' }).click();
    await page.getByRole('heading', { name: '手続き一覧' }).waitFor();
    await check('手続き一覧 (results)');
    await page.getByRole('link', { name: TITLE }).click();
    await page.getByRole('heading', { level: 1, name: '施設選択' }).waitFor();
    await check('施設選択 (STEP2 calendar)');
    await page.locator('a[data-mark="○"]').first().click();
    await page.getByRole('heading', { level: 1, name: '時間選択' }).waitFor();
    await check('時間選択 (STEP3)');

    // 利用者登録: the form, its mistakes, the mail sent, the resend, the link.
    const email = `a11y.visitor.${scheme}@example.jp`;
    await visit('/register', '利用者登録');
    await page.locator('#email1').fill(email);
    await page.locator('#phone').fill('03-1234');
    await page.getByRole('button', { name: '確認メールを送信する' }).click();
    await page.getByRole('alert').filter({ hasText: '入力内容に誤りがあります' }).waitFor();
    await check('利用者登録 (with mistakes)');
    await page.locator('#email1').fill(email);
    await page.locator('#password').fill(PASSWORD);
    await page.locator('#password_confirmation').fill(PASSWORD);
    await page.locator('#family_name').fill('雇用');
    await page.locator('#given_name').fill('花子');
    await page.locator('#job_seeker_number').fill('12345-12345678');
    await page.locator('#phone').fill('03-1234-5678');
    await page.getByRole('button', { name: '確認メールを送信する' }).click();
    await page.getByRole('heading', { level: 1, name: '確認メールを送信しました' }).waitFor();
    await check('確認メールを送信しました');
    await visit('/register/resend', '確認メールの再送');
    await page.locator('#email').fill(email);
    await page.getByRole('button', { name: '確認メールを再送する' }).click();
    await page.waitForLoadState('load');
    await check('確認メールの再送 (sent)');
    await visit('/verify-email', 'メールアドレスの確認 (no token)');
    await page.goto(mailedLink(email, /https?:\/\/\S+\/verify-email\?token=[0-9a-f]+/));
    await check('メールアドレスの確認 (the mailed link)');
    await page.getByRole('button', { name: 'メールアドレスを確認する' }).click();
    await page.getByText('メールアドレスの確認が完了しました。').waitFor();
    await check('メールアドレスの確認 (done)');

    // ログイン and its mistakes; パスワード再設定 with the mailed link.
    await visit('/login', 'ログイン');
    await logIn(page, email, 'not-the-password-1');
    await page.locator('main').getByText(/メールアドレスまたはパスワード/).first().waitFor();
    await check('ログイン (wrong password)');
    await visit('/password/forgot', 'パスワードを忘れた方');
    await page.locator('#email').fill(email);
    await page.getByRole('button', { name: '再設定のご案内を送信する' }).click();
    await page.waitForLoadState('load');
    await check('パスワードを忘れた方 (sent)');
    await visit('/password/reset', '新しいパスワードの設定 (no token)');
    await page.goto(mailedLink(email, /https?:\/\/\S+\/password\/reset\?token=[0-9a-f]+/));
    await check('新しいパスワードの設定 (the mailed link)');
    await page.locator('#password').fill('Another-password-2026');
    await page.locator('#password_confirmation').fill('Different-password-2026');
    await page.getByRole('button', { name: /設定/ }).last().click();
    await page.getByRole('alert').filter({ hasText: '入力内容に誤りがあります' }).waitFor();
    await check('新しいパスワードの設定 (with mistakes)');

    // What is not there.
    await visit('/no-such-page', '404 ページが見つかりません', 404);
    await visit('/procedures/999999', '404 (no such procedure)', 404);

    // The demo mailbox (only with --demo-mailbox): a page of the demo, outside the service, which does not
    // know the visitor (no 配色), so it is checked in the standard scheme only.
    if (scheme === 'standard') {
      await visit('/demo/mailbox', 'デモ用メールボックス');
      await page.locator('main a[href^="/demo/mailbox/"]').first().click();
      await page.waitForLoadState('load');
      await check('デモ用メールボックス (one mail)');
    }

    await context.close();
    audit.assertClean();
  });
}
