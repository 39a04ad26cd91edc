// Resize text to 200 % (WCAG 1.4.4) on the pages of a booking and of the
// staff member's day: the top page, search results, the STEP2 calendar, the
// STEP3 times, the STEP5 form, the STEP6 confirmation, 予約一覧 and 本日の予約.
//
// Two ways a user gets 200 % text, both checked on each page at a 1280 px
// window:
//  - Text size: the browser's font-size setting (Chrome's 設定 > デザイン >
//    フォントサイズ; the DevTools protocol's Page.setFontSizes sets the same
//    preference) raised from 16 px to 32 px. Only the text grows, the layout
//    keeps its 1280 px: this is text resizing in the literal sense of 1.4.4,
//    and what finds labels clipped by fixed widths or heights. It only works
//    because the stylesheet sizes text in rem/em/%: the test first checks that
//    the root font size really doubled, so a stylesheet in px fails here.
//  - Page zoom: Ctrl + to 200 % in a 1280×800 window lays the page out in a
//    640×400 CSS px viewport (each CSS px drawn as 2 device px), which is what
//    most people use and what 1.4.4's sufficient technique G142 relies on;
//    the viewport is set to 640×400 for this.
// Each time: no horizontal scrolling of the page (a wide table may scroll in
// its own container), the <h1> and the page's main action are shown within
// the width of the window, and no button or clipping link cuts its text.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { launchBrowser, newContext, screenshot } from './support/browser.mjs';
import { startServer } from './support/server.mjs';
import { staffSignIn } from './support/staff.mjs';

const PASSWORD = 'Hanamizuki-2026-haru';
const TITLE = '【13040】ハローワーク品川（東京） 職業相談 面談予約';
let server;
let browser;

before(async () => {
  server = await startServer({ name: 'text-zoom' });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

/** What breaks on the page as it is shown now; `action` is a locator of the page's main action. */
async function zoomProblems(page, action) {
  const problems = await page.evaluate(() => {
    const found = [];
    const width = window.innerWidth;
    const root = document.documentElement;
    if (root.scrollWidth > width + 1) {
      // Name what sticks out, to make the failure useful.
      const wide = [...document.querySelectorAll('body *')]
        .filter((el) => el.getBoundingClientRect().right > width + 1 && getComputedStyle(el).position !== 'fixed')
        .filter((el) => !el.parentElement || el.parentElement.getBoundingClientRect().right <= width + 1)
        .slice(0, 5)
        .map((el) => `${el.tagName.toLowerCase()}${el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\s+/).join('.') : ''} (right edge ${Math.round(el.getBoundingClientRect().right)} px)`);
      found.push(`the page scrolls sideways: scrollWidth ${root.scrollWidth} > window ${width}; sticking out: ${wide.join(', ')}`);
    }
    const h1 = document.querySelector('main h1');
    if (!h1) {
      found.push('no <h1> in <main>');
    } else {
      const r = h1.getBoundingClientRect();
      if (r.width < 1 || r.height < 1 || r.left < -1 || r.right > width + 1) {
        found.push(`the <h1> 「${h1.innerText.trim()}」 is not within the window (${Math.round(r.left)}–${Math.round(r.right)} of ${width})`);
      }
      if (h1.scrollWidth > h1.clientWidth + 1) found.push(`the <h1> 「${h1.innerText.trim()}」 is wider than its box`);
    }
    // Text cut by its own box: every button, and every link that clips what overflows it.
    const controls = document.querySelectorAll('button, .button, input[type="submit"], a');
    for (const el of controls) {
      const s = getComputedStyle(el);
      if (s.display === 'none' || s.visibility === 'hidden' || el.closest('[hidden], .visually-hidden, details:not([open]) > :not(summary)')) continue;
      if (el.getClientRects().length === 0) continue;
      const clips = s.overflowX !== 'visible' || s.overflowY !== 'visible' || s.textOverflow === 'ellipsis';
      const isButton = el.matches('button, .button, input[type="submit"]');
      if (!isButton && !clips) continue;
      const text = (el.innerText || el.value || '').replace(/\s+/g, ' ').trim();
      if (!text) continue;
      if (el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1) {
        found.push(`「${text.slice(0, 40)}」 (${el.tagName.toLowerCase()}.${[...el.classList].join('.')}) cuts or spills its text: ` +
          `content ${el.scrollWidth}×${el.scrollHeight} in a box of ${el.clientWidth}×${el.clientHeight}`);
      }
    }
    return found;
  });
  const button = action.first();
  if (!(await button.isVisible())) {
    problems.push(`the main action (${button}) is not shown`);
  } else {
    await button.scrollIntoViewIfNeeded();
    const box = await button.boundingBox();
    const width = page.viewportSize().width;
    if (!box || box.x < -1 || box.x + box.width > width + 1) {
      problems.push(`the main action 「${(await button.innerText()).trim()}」 is not within the window (${box?.x}–${box && box.x + box.width} of ${width})`);
    }
  }
  return problems;
}

/**
 * Checks the page as it is shown now at 200 % text size and at 200 % page
 * zoom; returns what broke, each line naming the page and the way of zooming.
 */
async function checkZoomed(page, cdp, name, action) {
  const found = [];
  const base = await page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));

  await cdp.send('Page.setFontSizes', { fontSizes: { standard: 32, fixed: 26 } });
  const zoomed = await page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
  if (Math.abs(zoomed - 2 * base) > 0.5) {
    found.push(`${name}, text size 200 %: the root font size went from ${base} px to ${zoomed} px, not to ${2 * base} px (sizes in px do not follow the browser's text size)`);
  }
  for (const p of await zoomProblems(page, action)) found.push(`${name}, text size 200 % at 1280 px: ${p}`);
  if (found.length) await screenshot(page, `zoom-text-${name}`);
  await cdp.send('Page.setFontSizes', { fontSizes: { standard: 16, fixed: 13 } });

  const window = page.viewportSize();
  await page.setViewportSize({ width: 640, height: 400 });
  const zoomProblemsAt640 = await zoomProblems(page, action);
  for (const p of zoomProblemsAt640) found.push(`${name}, page zoom 200 % (640 CSS px): ${p}`);
  if (zoomProblemsAt640.length) await screenshot(page, `zoom-page-${name}`);
  await page.setViewportSize(window);
  return found;
}

test('at 200 % text size and 200 % page zoom nothing scrolls sideways or is cut off', async () => {
  const email = 'zoom@example.jp';
  server.yoyaku(['create-user', '--db', server.db, '--email', email, '--password', PASSWORD, '--family-name', '雇用',
    '--given-name', '太郎', '--job-seeker-number', '12345-12345678', '--phone', '0312345678']);
  const context = await newContext(browser, 1280);
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  const cdp = await context.newCDPSession(page);
  const problems = [];
  const check = async (name, action) => problems.push(...await checkZoomed(page, cdp, name, action));
  const main = page.locator('main');

  await page.goto(`${server.url}/login`);
  await page.locator('#email').fill(email);
  await page.locator('#password').fill(PASSWORD);
  await page.getByRole('button', { name: 'ログイン' }).click();
  await page.waitForURL(`${server.url}/`);
  await check('home', main.getByRole('button', { name: '予約手続きへ' }));

  await page.goto(`${server.url}/procedures?q=${encodeURIComponent('職業相談 品川')}`);
  await check('search-results', main.getByRole('link', { name: TITLE }));
  await main.getByRole('link', { name: TITLE }).click();
  await page.getByRole('heading', { level: 1, name: '施設選択' }).waitFor();
  await check('calendar', main.locator('a[data-mark="○"]'));
  await main.locator('a[data-mark="○"]').first().click();
  await page.getByRole('heading', { level: 1, name: '時間選択' }).waitFor();
  const free = main.locator('input[name="slot_id"]:not([disabled])').first();
  await main.locator(`label[for="${await free.getAttribute('id')}"]`).click();
  await check('times', main.getByRole('button', { name: '予約する' }));
  await main.getByRole('button', { name: '予約する' }).click();
  await main.getByRole('button', { name: '同意する' }).click();
  await page.locator('#family_name').waitFor();
  await page.locator('label[for="topic-consultation"]').click();
  await check('booking-form', main.getByRole('button', { name: /確認へ進む/ }));
  await main.getByRole('button', { name: /確認へ進む/ }).click();
  await page.getByText('まだ予約は完了していません。').waitFor();
  await check('confirm', main.getByRole('button', { name: '申込み' }));
  await main.getByRole('button', { name: '申込み' }).click();
  await page.getByText('予約が完了しました。').waitFor();
  await page.goto(`${server.url}/reservations`);
  await check('reservations', main.getByRole('button', { name: '検索' }));

  const staff = await newContext(browser, 1280);
  const staffPage = await staff.newPage();
  staffPage.setDefaultTimeout(15_000);
  await staffSignIn(staffPage, server.url);
  await staffPage.goto(`${server.url}/staff/offices/13040`);
  const staffCdp = await staff.newCDPSession(staffPage);
  problems.push(...await checkZoomed(staffPage, staffCdp, 'staff-day',
    staffPage.locator('main').getByRole('link', { name: '翌日 >' })));

  assert.deepEqual(problems, [], `at 200 %:\n${problems.join('\n')}`);
  await staff.close();
  await context.close();
});
