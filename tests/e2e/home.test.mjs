// End-to-end: the home page, the menu and the error page in Chromium,
// against the real `yoyaku` binary (YOYAKU_BIN) on a fresh database.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { launchBrowser, newContext, screenshot, watchProblems } from './support/browser.mjs';
import { startServer } from './support/server.mjs';

const SERVICE_NAME = 'オンライン・ハローワークシステム 面談予約サービス';

// The menu of the manual (1.2 STEP1), in its order.
const MANUAL_MENU = [
  'ログアウト',
  '利用者情報',
  '操作時間を延長する',
  '配色を変更する',
  'ヘルプ',
  'FAQ',
  '予約手続き',
  '予約内容照会',
  '電子申請',
  'お知らせ',
];

const normalize = (s) => (s ?? '').replace(/\s+/g, ' ').trim();

let server;
let browser;

before(async () => {
  server = await startServer({ name: 'home' });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

async function openPage(width, options) {
  const context = await newContext(browser, width, options);
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  const watcher = watchProblems(page);
  return { context, page, watcher };
}

async function assertNoProblems(watcher) {
  const problems = await watcher.collect();
  assert.deepEqual(problems, [], `problems on the page:\n${problems.join('\n')}`);
}

function menuButton(page) {
  return page.locator('header summary', { hasText: 'メニュー' });
}

function menuNav(page) {
  return page.getByRole('navigation', { name: 'メニュー' });
}

async function assertNoHorizontalScroll(page) {
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `the page scrolls sideways by ${overflow}px`);
}

for (const width of [1280, 375]) {
  describe(`home page at ${width}px`, () => {
    test('shows the service, the search form, the notices and the help desk', async () => {
      const { context, page, watcher } = await openPage(width);
      try {
        const response = await page.goto(`${server.url}/`);
        assert.equal(response.status(), 200);
        assert.match(response.headers()['content-security-policy'] ?? '', /script-src 'self'/);

        assert.equal(await page.title(), `ホーム｜${SERVICE_NAME}`);
        assert.equal(await page.locator('html').getAttribute('lang'), 'ja');
        assert.equal(await page.locator('html').getAttribute('data-color-scheme'), 'standard');

        // Exactly one h1, the service name.
        const h1 = page.locator('h1');
        assert.equal(await h1.count(), 1);
        assert.equal(normalize(await h1.textContent()), SERVICE_NAME);
        assert.ok(await h1.isVisible());

        // The header names the service and links home.
        const brand = page.locator('header a[href="/"]').first();
        assert.match(normalize(await brand.textContent()), /オンライン・ハローワークシステム\s*面談予約サービス/);

        // Skip link to the main content.
        const skip = page.getByRole('link', { name: '本文へ移動' });
        assert.equal(await skip.getAttribute('href'), '#main');
        assert.equal(await page.locator('main#main').count(), 1);

        // STEP1 of the manual: the procedure search form.
        assert.ok(await page.getByText('申込先の安定所番号又は安定所名の一部を入力し、検索してください').isVisible());
        const form = page.locator('form[action="/procedures"]');
        assert.equal(await form.count(), 1);
        assert.equal((await form.getAttribute('method'))?.toLowerCase(), 'get');
        const keyword = page.getByLabel('検索キーワード');
        assert.equal(await keyword.getAttribute('name'), 'q');
        assert.match((await keyword.getAttribute('placeholder')) ?? '', /職業相談 品川/);
        // The manual's hint under the field, tied to it for screen readers.
        const hint = page.getByText('※例：「職業相談 品川」スペース区切りでキーワードを検索してください。');
        assert.ok(await hint.isVisible());
        assert.equal(await keyword.getAttribute('aria-describedby'), await hint.getAttribute('id'));
        const submit = page.getByRole('button', { name: '予約手続きへ' });
        assert.ok(await submit.isVisible());
        const box = await submit.boundingBox();
        assert.ok(box.height >= 44, `search button is ${box.height}px tall`);

        // Links to the two main functions.
        assert.ok(await page.locator('main a[href="/procedures"]').first().isVisible());
        assert.ok(await page.locator('main a[href="/reservations"]').first().isVisible());

        // お知らせ and the help desk (manual 2.3).
        assert.ok(await page.getByRole('heading', { name: 'お知らせ', level: 2 }).isVisible());
        const main = normalize(await page.locator('main').textContent());
        assert.match(main, /0570-028-609/);
        assert.match(main, /平日 8:00～18:00/);
        assert.match(main, /全国\d+か所のハローワーク/);
        assert.match(main, /\d{4}年\d{2}月\d{2}日 \d{2}時\d{2}分/);

        await assertNoHorizontalScroll(page);
        await screenshot(page, 'home');
        await assertNoProblems(watcher);
      } finally {
        await context.close();
      }
    });

    test('the メニュー button opens the menu of the manual', async () => {
      const { context, page, watcher } = await openPage(width);
      try {
        await page.goto(`${server.url}/`);
        const nav = menuNav(page);
        const reservations = nav.getByRole('link', { name: /^予約内容照会/ });
        assert.equal(await reservations.isVisible(), false, 'the menu starts closed');

        await menuButton(page).click();
        await reservations.waitFor({ state: 'visible' });
        assert.equal(await reservations.getAttribute('href'), '/reservations');

        // The manual's items, in the manual's order.
        const names = (await nav.getByRole('link').allTextContents()).map(normalize);
        // A visitor who is not logged in has nothing to log out of.
        const visitorMenu = MANUAL_MENU.filter((item) => item !== 'ログアウト');
        assert.ok(!names.some((n) => n.startsWith('ログアウト')), `no ログアウト before login: ${names.join(' / ')}`);
        const positions = visitorMenu.map((item) => names.findIndex((n) => n.replace(/^[+?]\s*/, '').startsWith(item)));
        assert.ok(positions.every((p) => p >= 0), `menu items: ${names.join(' / ')}`);
        assert.deepEqual([...positions].sort((a, b) => a - b), positions, `menu order: ${names.join(' / ')}`);

        // 電子申請 leaves the site in a new tab.
        const egov = nav.getByRole('link', { name: /電子申請/ });
        assert.equal(await egov.getAttribute('href'), 'https://www.e-gov.go.jp/');
        assert.equal(await egov.getAttribute('target'), '_blank');
        const rel = (await egov.getAttribute('rel')) ?? '';
        assert.match(rel, /noopener/);
        assert.match(rel, /noreferrer/);
        assert.match(normalize(await egov.textContent()), /（外部サイト）/);

        // Visitors can reach 利用者登録 and ログイン.
        assert.ok(await page.locator('header a[href="/register"]').count() > 0);
        assert.ok(await page.locator('header a[href="/login"]').count() > 0);

        await assertNoHorizontalScroll(page);
        if (width === 375) await screenshot(page, 'home-menu');

        // Progressive enhancement (app.js): Escape closes the menu.
        await page.keyboard.press('Escape');
        await reservations.waitFor({ state: 'hidden' });

        await assertNoProblems(watcher);
      } finally {
        await context.close();
      }
    });

    test('an unknown address shows the 404 page', async () => {
      const { context, page, watcher } = await openPage(width);
      watcher.expectErrorDocument();
      try {
        const response = await page.goto(`${server.url}/no-such-page`);
        assert.equal(response.status(), 404);
        const h1 = page.locator('h1');
        assert.equal(await h1.count(), 1);
        assert.equal(normalize(await h1.textContent()), 'ページが見つかりません');
        assert.match(await page.title(), /｜オンライン・ハローワークシステム 面談予約サービス$/);
        const back = page.getByRole('link', { name: 'トップページへ戻る' });
        assert.equal(await back.getAttribute('href'), '/');
        // The header still names the service.
        assert.match(normalize(await page.locator('header').textContent()), /面談予約サービス/);

        await assertNoHorizontalScroll(page);
        await screenshot(page, '404');
        await assertNoProblems(watcher);
      } finally {
        await context.close();
      }
    });
  });
}

test('the menu opens without JavaScript', async () => {
  const { context, page } = await openPage(375, { javaScriptEnabled: false });
  try {
    await page.goto(`${server.url}/`);
    await menuButton(page).click();
    const reservations = menuNav(page).getByRole('link', { name: /^予約内容照会/ });
    await reservations.waitFor({ state: 'visible' });
    // And the search form is a plain GET form.
    assert.ok(await page.getByRole('button', { name: '予約手続きへ' }).isVisible());
  } finally {
    await context.close();
  }
});

test('the menu links lead to pages, not to server errors', async () => {
  const { context, page } = await openPage(1280);
  try {
    await page.goto(`${server.url}/`);
    const hrefs = await page.locator('header nav a[href^="/"]').evaluateAll(
      (links) => [...new Set(links.map((a) => a.getAttribute('href')))]);
    assert.ok(hrefs.length >= 9, `internal menu links: ${hrefs.join(' ')}`);
    for (const href of hrefs) {
      if (href === '/logout') continue; // may change state
      const res = await page.request.get(`${server.url}${href}`, { maxRedirects: 5 });
      assert.ok(res.status() < 500, `GET ${href} answered ${res.status()}`);
    }
  } finally {
    await context.close();
  }
});
