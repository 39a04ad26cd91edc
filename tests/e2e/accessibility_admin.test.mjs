// Accessibility of the administration pages, proven with axe-core (WCAG 2.2
// A/AA and best practices), as the demo administrator: 安定所の設定, 予約枠の設定
// (frames, procedures and facilities: the list, the new and edit forms),
// 職員アカウント (list, new, edit), 監査ログ, お知らせの管理 (list, new with its
// mistakes, edit) and 利用規約の管理. Each page at 1280 px and 375 px, in the
// standard scheme and in the high-contrast scheme (the 配色 cookie, chosen on
// /color-scheme). Any serious or critical violation fails, listed with rule,
// impact, target selector and page. (Sign-in and the office's daily pages:
// accessibility_staff.test.mjs.)
import { after, before, test } from 'node:test';

import { auditedPage, axeAudit, chooseScheme } from './support/a11y.mjs';
import { launchBrowser, newContext } from './support/browser.mjs';
import { startServer } from './support/server.mjs';
import { staffSignIn } from './support/staff.mjs';

const SCHEMES = ['standard', 'high-contrast'];
let server;
let browser;

before(async () => {
  server = await startServer({ name: 'accessibility-admin' });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

const sql = (statement) => server.sql(statement);

test('every administration page passes axe at 1280 and 375 px in both schemes', async () => {
  // One sign-in (a code works once), both schemes: staff take the 配色 from the cookie.
  const context = await newContext(browser, 1280);
  const signIn = await context.newPage();
  signIn.setDefaultTimeout(15_000);
  await staffSignIn(signIn, server.url);
  await signIn.close();

  const office = sql("SELECT id FROM offices WHERE code = '13040'");
  const procedure = sql(`SELECT id FROM procedures WHERE office_id = ${office} ORDER BY id LIMIT 1`);
  const frame = sql(`SELECT f.id FROM reservation_frames f JOIN procedures p ON p.id = f.procedure_id
    WHERE p.office_id = ${office} ORDER BY f.id LIMIT 1`);
  const facility = sql(`SELECT id FROM facilities WHERE office_id = ${office} ORDER BY id LIMIT 1`);
  const staffId = sql("SELECT id FROM staff WHERE email = 'staff.shinagawa@example.jp'");

  const audit = axeAudit({ name: 'admin' });
  for (const scheme of SCHEMES) {
    const { page, check, visit } = await auditedPage(context, audit, scheme, server.url);
    await chooseScheme(page, server.url, scheme);
    const base = '/staff/offices/13040';

    await visit(`${base}/settings`, '安定所の設定');
    await visit(`${base}/admin/frames`, '予約枠の設定');
    await visit(`${base}/admin/frames/new`, '予約枠の追加');
    await visit(`${base}/admin/frames/${frame}`, '予約枠の編集');
    await visit(`${base}/admin/procedures/new`, '手続きの追加');
    await visit(`${base}/admin/procedures/${procedure}`, '手続きの編集');
    await visit(`${base}/admin/facilities/new`, '施設の追加');
    await visit(`${base}/admin/facilities/${facility}`, '施設の編集');
    await visit('/staff/admin/staff', '職員アカウント');
    await visit('/staff/admin/staff/new', '職員の追加');
    await visit(`/staff/admin/staff/${staffId}`, '職員アカウントの編集');
    await visit('/staff/admin/audit', '監査ログ');
    await visit('/staff/admin/notices', 'お知らせの管理');
    await visit('/staff/admin/notices/new', 'お知らせの作成');
    await page.getByRole('button', { name: '作成する' }).click();
    await page.getByText('入力内容に誤りがあります').first().waitFor();
    await check('お知らせの作成 (with mistakes)');
    const notice = sql('SELECT id FROM notices ORDER BY id LIMIT 1');
    if (notice) await visit(`/staff/admin/notices/${notice}`, 'お知らせの編集');
    await visit(`/staff/admin/procedures/${procedure}/terms`, '利用規約の管理');
    await page.close();
  }
  await context.close();
  audit.assertClean();
});
