// お知らせ and 利用規約 administration in Chromium: the demo administrator
// writes a notice with a link (the form refuses an end before the start and
// keeps what was typed), sees it scheduled and on the public home page at
// phone width, and publishes 第2版 of 品川's terms, which posts the
// 利用規約の改定 notice. Screenshots at tablet width (820 px) and phone width (390 px).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { launchBrowser, screenshot, watchProblems } from './support/browser.mjs';
import { startServer } from './support/server.mjs';
import { japaneseContext, staffSignIn } from './support/staff.mjs';

let server;
let browser;

before(async () => {
  server = await startServer({ name: 'admin-notices' });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});



// "YYYY-MM-DD" and "HH:MM" in JST, `minutes` from now.
function jstInputs(minutes) {
  const t = new Date(Date.now() + minutes * 60_000 + 9 * 3600_000).toISOString();
  return [t.slice(0, 10), t.slice(11, 16)];
}

test('an administrator writes a notice and publishes new terms at 820 px; the notice shows on the home page at 390 px', async () => {
  const tablet = await japaneseContext(browser, 820, 1180);
  const page = await tablet.newPage();
  page.setDefaultTimeout(15_000);
  const watcher = watchProblems(page);
  await staffSignIn(page, server.url);
  await page.getByRole('link', { name: 'お知らせの管理' }).click();
  await page.waitForURL(/\/staff\/admin\/notices$/);
  await screenshot(page, 'admin-notices-list');

  await page.getByRole('link', { name: 'お知らせを作成する' }).click();
  await page.locator('#title').fill('年末年始の休業について');
  await page.locator('#body').fill(
    '12月29日から1月3日まではオンライン職業相談をお休みします。\n詳しくは https://www.mhlw.go.jp/kyujin/hwmap.html をご覧ください。<script>alert(1)</script>');
  const [fromDate, fromTime] = jstInputs(-1);
  await page.locator('#from_date').fill(fromDate);
  await page.locator('#from_time').fill(fromTime);
  await page.locator('#until_date').fill(fromDate);
  await page.locator('#until_time').fill('00:00');
  watcher.expectErrorDocument(true);  // the form comes back with 422
  await page.getByRole('button', { name: '作成する' }).click();
  await assert.doesNotReject(page.getByText('掲載終了は掲載開始より後の日時を入力してください。').first().waitFor());
  assert.equal(await page.locator('#title').inputValue(), '年末年始の休業について');
  await screenshot(page, 'admin-notice-form-error');
  watcher.expectErrorDocument(false);
  const [untilDate] = jstInputs(60 * 24 * 30);
  await page.locator('#until_date').fill(untilDate);
  await page.getByRole('button', { name: '作成する' }).click();
  await page.waitForURL(/\/staff\/admin\/notices\?done=created/);
  await assert.doesNotReject(page.getByRole('link', { name: '年末年始の休業について' }).waitFor());
  await screenshot(page, 'admin-notices-created');
  await page.getByRole('link', { name: '年末年始の休業について' }).click();
  await page.waitForURL(/\/staff\/admin\/notices\/\d+$/);
  await screenshot(page, 'admin-notice-edit');
  // The preview: the body as text with exactly one link, the address.
  assert.equal(await page.locator('.notice a').count(), 1);

  // 品川's 職業相談 terms: history and 第2版.
  const search = await (await fetch(`${server.url}/api/v1/procedures?q=13040&kind=job_consultation`)).json();
  const procedure = search.items[0].id;
  await page.goto(`${server.url}/staff/admin/procedures/${procedure}/terms`);
  await assert.doesNotReject(page.getByRole('heading', { level: 1, name: '利用規約の管理' }).waitFor());
  await screenshot(page, 'admin-terms');
  await page.locator('#terms_date').fill('令和8年4月1日');
  await page.getByRole('button', { name: '第2版を公開する' }).click();
  await page.waitForURL(/\?done=published/);
  await assert.doesNotReject(page.getByText('新しい版を公開しました。').waitFor());
  await screenshot(page, 'admin-terms-published');
  assert.deepEqual(await watcher.collect(), []);
  await tablet.close();

  const phone = await japaneseContext(browser, 390, 844);
  const home = await phone.newPage();
  await home.goto(server.url);
  const notices = home.locator('.notice-list');
  await assert.doesNotReject(notices.getByText('年末年始の休業について').waitFor());
  await assert.doesNotReject(notices.getByText('利用規約の改定について').first().waitFor());
  const link = notices.getByRole('link', { name: 'https://www.mhlw.go.jp/kyujin/hwmap.html' });
  assert.equal(await link.getAttribute('rel'), 'noopener noreferrer');
  assert.ok((await notices.innerText()).includes('<script>alert(1)</script>'));  // shown as text
  await screenshot(home, 'home-notices');
  await home.locator('#notices-heading').scrollIntoViewIfNeeded();
  await notices.screenshot({ path: (await screenshot(home, 'home-notices')).replace('home-notices', 'home-notices-section') });
  await phone.close();
});
