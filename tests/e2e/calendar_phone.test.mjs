// The STEP2 calendar and the staff week on a phone: at 375 px both are lists
// of days that fit the screen (no sideways scrolling), a bookable day is a
// link that can be reached and tapped; at 1280 px both are tables. The same
// markup serves both (CSS only), in each 配色 scheme. Screenshots at 375/1280 px.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { launchBrowser, newContext, screenshot, watchProblems } from './support/browser.mjs';
import { startServer } from './support/server.mjs';
import { staffSignIn } from './support/staff.mjs';

const TITLE = '【13040】ハローワーク品川（東京） 職業相談 面談予約';
const SCHEMES = ['standard', 'high-contrast', 'large-text'];
let server;
let browser;

before(async () => {
  server = await startServer({ name: 'calendar-phone' });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

function fitsTheScreen(page) {
  return page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, inner: window.innerWidth }));
}

// The scheme as the 配色 page would set it (the attribute the layout writes).
function useScheme(page, scheme) {
  return page.evaluate((s) => { document.documentElement.dataset.colorScheme = s; }, scheme);
}

async function openCalendar(page) {
  await page.goto(`${server.url}/procedures?q=${encodeURIComponent('職業相談 品川')}`);
  await page.getByRole('link', { name: TITLE }).click();
  await assert.doesNotReject(page.getByRole('heading', { level: 1, name: '施設選択' }).waitFor());
}

test('STEP2 at 375 px: a list of days without sideways scrolling, a ○ day tapped', async () => {
  const context = await newContext(browser, 375);
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  const watcher = watchProblems(page);
  await openCalendar(page);

  for (const scheme of SCHEMES) {
    await useScheme(page, scheme);
    const { scroll, inner } = await fitsTheScreen(page);
    assert.ok(scroll <= inner, `${scheme}: the page is ${scroll} px wide in a ${inner} px window`);
    // The table's head is not shown; each day shows its date in its own row.
    assert.equal(await page.locator('.calendar thead').isVisible(), false);
    const days = page.locator('.calendar__cell');
    assert.ok(await days.count() >= 7);
    const first = await days.nth(0).boundingBox();
    const second = await days.nth(1).boundingBox();
    assert.ok(second.y >= first.y + first.height - 1, `${scheme}: the days are one under the other`);
    assert.match(await days.nth(0).innerText(), /\d{4}年\d{2}月\d{2}日\(.\)/);
    // The calendar itself does not scroll sideways.
    const box = await page.locator('.calendar-scroll').evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
    assert.ok(box.scroll <= box.client, `${scheme}: the calendar is ${box.scroll} px wide in ${box.client} px`);
    await screenshot(page, `calendar-phone-${scheme}`);
  }
  await useScheme(page, 'standard');

  // A bookable day: a link by its date and state, wide enough to tap, within the screen.
  const link = page.locator('a[data-mark="○"]').first();
  const label = await link.getAttribute('aria-label');
  assert.match(label, /予約可$/);
  await link.scrollIntoViewIfNeeded();
  const box = await link.boundingBox();
  assert.ok(box.x >= 0 && box.x + box.width <= 375, `the link lies within the screen: ${JSON.stringify(box)}`);
  assert.ok(box.width >= 250 && box.height >= 44, `the link is a full-width tap target: ${JSON.stringify(box)}`);
  await page.getByRole('link', { name: label }).click();
  await assert.doesNotReject(page.getByRole('heading', { level: 1, name: '時間選択' }).waitFor());
  assert.deepEqual(await watcher.collect(), []);
  await context.close();
});

test('STEP2 at 1280 px: the table, days across', async () => {
  const context = await newContext(browser, 1280);
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  await openCalendar(page);
  assert.equal(await page.locator('.calendar thead').isVisible(), true);
  assert.equal(await page.locator('.calendar thead th').count(), 9);
  assert.equal(await page.locator('.calendar__date').first().isVisible(), false);
  const cells = page.locator('tbody tr').first().locator('.calendar__cell');
  const first = await cells.nth(0).boundingBox();
  const second = await cells.nth(1).boundingBox();
  assert.ok(Math.abs(first.y - second.y) < 1 && second.x > first.x, 'the days stand side by side');
  await screenshot(page, 'calendar-table');
  await context.close();
});

test('週間表示 at 375 px is a list of days, at 820 and 1280 px a table', async () => {
  const context = await newContext(browser, 1280);
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  const watcher = watchProblems(page);
  await staffSignIn(page, server.url);
  const week = `${server.url}/staff/offices/13040/week`;

  await page.setViewportSize({ width: 375, height: 812 });
  await page.goto(week);
  await assert.doesNotReject(page.getByRole('heading', { level: 1, name: /週間表示/ }).waitFor());
  for (const scheme of SCHEMES) {
    await useScheme(page, scheme);
    const { scroll, inner } = await fitsTheScreen(page);
    assert.ok(scroll <= inner, `${scheme}: the page is ${scroll} px wide in a ${inner} px window`);
    const table = await page.locator('.table-scroll').first().evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
    assert.ok(table.scroll <= table.client, `${scheme}: the week is ${table.scroll} px wide in ${table.client} px`);
    await screenshot(page, `staff-week-phone-${scheme}`);
  }
  await useScheme(page, 'standard');
  // Day by day: the first day's heading, then its times (each with its time shown), then the next day.
  const section = page.locator('.schedule--week').first();
  const days = section.locator('.week-table__day');
  const cells = section.locator('tbody tr:first-child .week-table__cell');
  const monday = await days.nth(0).boundingBox();
  const tuesday = await days.nth(1).boundingBox();
  const mondayFirst = await cells.nth(0).boundingBox();
  const tuesdayFirst = await cells.nth(1).boundingBox();
  assert.ok(monday.y < mondayFirst.y && mondayFirst.y < tuesday.y && tuesday.y < tuesdayFirst.y,
    'each day heading stands above its own times');
  assert.match(await cells.nth(0).innerText(), /\d{2}:\d{2}/);
  // A day's count opens that day.
  const booked = section.locator('.week-table__cell--booked a').first();
  await booked.scrollIntoViewIfNeeded();
  const box = await booked.boundingBox();
  assert.ok(box.height >= 44 && box.x + box.width <= 375, JSON.stringify(box));
  await booked.click();
  await assert.doesNotReject(page.getByRole('heading', { level: 1, name: /本日の予約|予約一覧/ }).waitFor());

  for (const width of [820, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    await page.goto(week);
    assert.equal(await page.locator('.week-table thead').first().isVisible(), true);
    assert.equal(await page.locator('.week-table__cell-time').first().isVisible(), false);
    const row = page.locator('.week-table tbody tr').first().locator('td');
    const a = await row.nth(0).boundingBox();
    const b = await row.nth(1).boundingBox();
    assert.ok(Math.abs(a.y - b.y) < 1 && b.x > a.x, `${width} px: the days stand side by side`);
    const table = await page.locator('.table-scroll').first().evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
    assert.ok(table.scroll <= table.client, `${width} px: the week fits (${table.scroll} px in ${table.client} px)`);
    await screenshot(page, 'staff-week-table');
  }
  assert.deepEqual(await watcher.collect(), []);
  await context.close();
});
