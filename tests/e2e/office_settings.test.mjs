// 安定所の設定 in Chromium: the demo administrator opens ハローワーク品川's
// settings from the office's tabs (tablet, 820 px), is told about a bad phone
// number next to the field with what was typed kept, saves the office's
// contact data and closes one day for 職員研修. A job seeker's phone (390 px)
// and a desktop (1280 px) then show the office's numbers on the public
// 施設選択 page and that day as "-" in the calendar. Screenshots at each width.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { launchBrowser, screenshot, watchProblems } from './support/browser.mjs';
import { startServer } from './support/server.mjs';
import { japaneseContext, staffSignIn } from './support/staff.mjs';

const PHONE = '03-5419-8609';
const CONSULTATION_PHONE = '03-5419-8611';
let server;
let browser;

before(async () => {
  server = await startServer({ name: 'office-settings' });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});



async function json(path) {
  const response = await fetch(`${server.url}${path}`);
  assert.equal(response.status, 200, path);
  return response.json();
}

// "2026年12月15日" for "2026-12-15", as the calendar's labels write it.
function japaneseDate(iso) {
  const [y, m, d] = iso.split('-');
  return `${y}年${m}月${d}日`;
}

// The statuses of every frame of the procedure on `date` ("available", "full", "closed").
async function statusesOn(procedure, date) {
  const calendar = await json(`/api/v1/procedures/${procedure}/calendar?from=${date}&days=1`);
  return calendar.facilities.flatMap((f) => f.frames.flatMap((frame) => frame.days.map((d) => d.status)));
}

test('an administrator sets 品川\'s phone numbers and closes a day; the public page shows both', async () => {
  const search = await json('/api/v1/procedures?q=13040&kind=job_consultation');
  const procedure = search.items[0].id;
  // A day two weeks or more ahead (past the demo bookings) that is open now.
  const from = new Date(Date.now() + 9 * 3600_000 + 14 * 86400_000).toISOString().slice(0, 10);
  const calendar = await json(`/api/v1/procedures/${procedure}/calendar?from=${from}&days=21`);
  const day = calendar.facilities[0].frames[0].days.find((d) => d.status === 'available')?.date;
  assert.ok(day, 'an open day in the three weeks from ' + from);
  assert.ok((await statusesOn(procedure, day)).includes('available'));

  // The office's staff side at tablet width.
  const tablet = await japaneseContext(browser, 820, 1180);
  const page = await tablet.newPage();
  page.setDefaultTimeout(15_000);
  const watcher = watchProblems(page);
  await staffSignIn(page, server.url);
  await page.goto(`${server.url}/staff/offices/13040`);
  await page.getByRole('link', { name: '安定所の設定' }).first().click();
  await page.waitForURL(/\/staff\/offices\/13040\/settings$/);
  await assert.doesNotReject(page.getByRole('heading', { level: 1, name: '安定所の設定' }).waitFor());
  await screenshot(page, 'office-settings');

  await page.locator('#postal_code').fill('１４１－８６０９');  // full width, as typed on a Japanese keyboard
  await page.locator('#address').fill('東京都品川区上大崎3-1-1 目黒セントラルスクエア');
  await page.locator('#phone').fill('03-5419-86O9');  // a letter O for a zero
  await page.locator('#consultation_phone').fill(CONSULTATION_PHONE);
  await page.locator('#opening_hours').fill('平日 8時30分～17時15分\n（土日祝日・年末年始を除く）');
  watcher.expectErrorDocument(true);  // the form comes back with 422
  await page.getByRole('button', { name: '連絡先を保存する' }).click();
  const phoneField = page.locator('.field', { has: page.locator('#phone') });
  await assert.doesNotReject(phoneField.locator('.field__error').waitFor());
  assert.equal(await page.locator('#phone').getAttribute('aria-invalid'), 'true');
  assert.equal(await page.locator('#phone').inputValue(), '03-5419-86O9');
  assert.equal(await page.locator('#consultation_phone').inputValue(), CONSULTATION_PHONE);
  assert.equal(await page.locator('#address').inputValue(), '東京都品川区上大崎3-1-1 目黒セントラルスクエア');
  await screenshot(page, 'office-settings-error');
  watcher.expectErrorDocument(false);
  // Nothing was saved by the refused form.
  assert.equal((await (await fetch(`${server.url}/procedures/${procedure}`)).text()).includes(CONSULTATION_PHONE), false);

  await page.locator('#phone').fill(PHONE);
  await page.getByRole('button', { name: '連絡先を保存する' }).click();
  await assert.doesNotReject(page.getByText('連絡先を保存しました。').waitFor());
  assert.equal(await page.locator('#postal_code').inputValue(), '141-8609');  // normalised

  await page.locator('#from').fill(day);
  await page.locator('#reason').fill('職員研修のため');
  await page.getByRole('button', { name: '休業日を登録する' }).click();
  await assert.doesNotReject(page.getByText('休業日を登録しました。').waitFor());
  const closures = page.locator('table.schedule-table').first();
  await assert.doesNotReject(closures.getByText('職員研修のため').waitFor());
  await screenshot(page, 'office-settings-saved');
  assert.deepEqual(await watcher.collect(), []);
  await tablet.close();

  // Every frame of that day is closed now; the API agrees with the page below.
  assert.deepEqual([...new Set(await statusesOn(procedure, day))], ['closed']);

  // A job seeker's phone and a desktop: the calendar week of that day and the office's contact.
  for (const [width, height, name] of [[390, 844, 'phone'], [1280, 900, 'desktop']]) {
    const visitor = await japaneseContext(browser, width, height);
    const publicPage = await visitor.newPage();
    const publicWatcher = watchProblems(publicPage);
    await publicPage.goto(`${server.url}/procedures/${procedure}?from=${day}`);
    await assert.doesNotReject(publicPage.getByRole('heading', { level: 1, name: '施設選択' }).waitFor());
    const marks = publicPage.locator('.calendar__mark', { hasText: `${japaneseDate(day)}` });
    const count = await marks.count();
    assert.ok(count >= 1, `the calendar shows ${day}`);
    for (let i = 0; i < count; ++i) {
      assert.equal(await marks.nth(i).getAttribute('data-mark'), '-');
      assert.ok((await marks.nth(i).textContent()).includes('予約受付期間外'));
    }
    // No link to that day's times.
    assert.equal(await publicPage.locator(`a[href*="/days/${day}"]`).count(), 0);
    await screenshot(publicPage, `office-closed-day-calendar-${name}`);

    const contact = publicPage.locator('#office-contact');
    await contact.scrollIntoViewIfNeeded();
    await assert.doesNotReject(contact.getByRole('heading', { name: 'ハローワーク品川' }).waitFor());
    assert.equal(await contact.getByRole('link', { name: PHONE }).getAttribute('href'), `tel:${PHONE}`);
    assert.equal(await contact.getByRole('link', { name: CONSULTATION_PHONE }).getAttribute('href'),
                 `tel:${CONSULTATION_PHONE}`);
    assert.ok((await contact.innerText()).includes('〒141-8609 東京都品川区上大崎3-1-1'));
    await contact.screenshot({ path: (await screenshot(publicPage, `office-contact-${name}`))
      .replace(`office-contact-${name}`, `office-contact-section-${name}`) });
    assert.deepEqual(await publicWatcher.collect(), []);
    await visitor.close();
  }
});
