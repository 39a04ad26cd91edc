// Keyboard only (WCAG 2.1.1, 2.4.1, 2.4.7): a job seeker books an interview
// from the top page to 予約完了 — ログイン, the search, a ○ day of the STEP2
// calendar, a time (radio buttons: Space, then an arrow key), 同意する, the
// form (a checkbox: Space), 確認へ進む, 申込み — with page.keyboard alone: Tab,
// Shift+Tab, Enter, Space, arrow keys and typing; no click and no
// element.focus(). On every page the first tab stop is the skip link
// 「本文へ移動」, and Enter on it moves the focus to the main content; every
// element that takes the focus on the way shows a focus indicator (an
// outline, or a box-shadow, on itself or — for a radio or checkbox drawn by
// its label — on its label). At 1280 px and 375 px, and at 1280 px in the
// high-contrast scheme.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { after, before, test } from 'node:test';

import { focusIndicator } from './support/a11y.mjs';
import { launchBrowser, newContext, screenshot } from './support/browser.mjs';
import { startServer } from './support/server.mjs';

const PASSWORD = 'Hanamizuki-2026-haru';
const TITLE = '【13040】ハローワーク品川（東京） 職業相談 面談予約';
const MAX_TAB_STOPS = 150;
let server;
let browser;

before(async () => {
  server = await startServer({ name: 'keyboard' });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

const describe = (f) => `${f.tag}${f.text ? ` 「${f.text}」` : ''}`;

/**
 * Keyboard moves that remember every focus stop without a visible indicator
 * (reported all together at the end, with the page they were on).
 */
function keyboardUser(page) {
  const invisible = [];
  const stops = [];

  async function noteFocus(how) {
    const f = await focusIndicator(page);
    stops.push(`${how} → ${describe(f)}`);
    if (f.visible === false) {
      invisible.push(`${describe(f)} (after ${how}) has no visible focus indicator on ${page.url()}`);
    }
    return f;
  }

  return {
    invisible,
    stops,
    async press(key) {
      await page.keyboard.press(key);
      return noteFocus(key);
    },
    /**
     * Presses Tab (or Shift+Tab) until the focused element satisfies `wanted`
     * (a function of focusIndicator()'s answer); checks each stop on the way.
     */
    async tabTo(wanted, what, { back = false } = {}) {
      const key = back ? 'Shift+Tab' : 'Tab';
      const seen = [];
      for (let i = 0; i < MAX_TAB_STOPS; i++) {
        await page.keyboard.press(key);
        const f = await noteFocus(key);
        seen.push(describe(f));
        if (wanted(f)) return f;
      }
      assert.fail(`${what} was not reached with ${key} on ${page.url()}; the stops were:\n  ${seen.join('\n  ')}`);
    },
    /** The first Tab of a page reaches 「本文へ移動」; Enter puts the focus on <main>. */
    async skipToMain() {
      const first = await this.press('Tab');
      assert.equal(first.text, '本文へ移動', `the first tab stop of ${page.url()} is the skip link, not ${describe(first)}`);
      assert.ok(first.visible, `the skip link shows its focus on ${page.url()}`);
      assert.ok(first.box[1] >= 0 && first.box[2] > 1 && first.box[3] > 1,
        `the focused skip link is on screen (${first.box}) on ${page.url()}`);
      const main = await this.press('Enter');
      assert.equal(main.id, 'main', `Enter on the skip link moves the focus to <main> on ${page.url()}`);
    },
  };
}

const isLink = (text) => (f) => f.element === 'a' && f.text === text;
const isButton = (text) => (f) => f.element === 'button' && f.text.startsWith(text);

// Enter on the focused link or button; waits for the next page and checks where it is.
async function enterAndWait(page, url) {
  await Promise.all([
    page.waitForEvent('framenavigated', (frame) => frame === page.mainFrame()),
    page.keyboard.press('Enter'),
  ]);
  await page.waitForLoadState('load');
  if (url instanceof RegExp) assert.match(page.url(), url);
  else assert.equal(page.url(), url);
}

for (const [width, scheme] of [[1280, 'standard'], [375, 'standard'], [1280, 'high-contrast']]) {
  test(`a job seeker books an interview with the keyboard alone at ${width} px in the ${scheme} scheme`, async () => {
    const email = `keyboard.${width}.${scheme}@example.jp`;
    server.yoyaku(['create-user', '--db', server.db, '--email', email, '--password', PASSWORD, '--family-name', '雇用',
      '--given-name', '太郎', '--job-seeker-number', '12345-12345678', '--phone', '0312345678']);
    const context = await newContext(browser, width);
    // The 配色 that 配色を変更する keeps: a cookie before ログイン, the profile after (the choice itself is not
    // what this test is about).
    if (scheme !== 'standard') {
      await context.addCookies([{ name: 'color_scheme', value: scheme, url: server.url }]);
      execFileSync('sqlite3', [server.db.replace(/^sqlite:/, ''), `UPDATE users SET color_scheme = '${scheme}' WHERE email1 = '${email}'`]);
    }
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    const user = keyboardUser(page);

    // The top page: the skip link comes first; then ログイン in the header (in the menu on a phone).
    await page.goto(`${server.url}/`);
    assert.equal(await page.evaluate(() => document.documentElement.dataset.colorScheme), scheme);
    const first = await user.press('Tab');
    assert.equal(first.text, '本文へ移動', `the first tab stop is the skip link, not ${describe(first)}`);
    assert.ok(first.visible, 'the skip link shows its focus');
    const login = await user.tabTo((f) => isLink('ログイン')(f) || (f.element === 'summary' && /メニュー/.test(f.text)),
      'ログイン (or the メニュー button)');
    if (login.element === 'summary') {
      await user.press('Enter');  // opens the menu
      await user.tabTo(isLink('ログイン'), 'ログイン in the menu');
    }
    await enterAndWait(page, /\/login$/);

    // ログイン.
    await user.skipToMain();
    await user.tabTo((f) => f.id === 'email', 'メールアドレス');
    await page.keyboard.type(email);
    await user.tabTo((f) => f.id === 'password', 'パスワード');
    await page.keyboard.type(PASSWORD);
    await user.tabTo(isButton('ログイン'), 'the ログイン button');
    await enterAndWait(page, `${server.url}/`);

    // STEP1: the search on the top page; Enter in the field submits it.
    await user.skipToMain();
    await user.tabTo((f) => f.id === 'search-q', '検索キーワード');
    await page.keyboard.type('職業相談 品川');
    await enterAndWait(page, /\/procedures\?/);
    await user.skipToMain();
    await user.tabTo(isLink(TITLE), TITLE);
    await enterAndWait(page, /\/procedures\/\d+/);

    // STEP2: the first ○ day of the calendar.
    await page.getByRole('heading', { level: 1, name: '施設選択' }).waitFor();
    await user.skipToMain();
    await user.tabTo((f) => f.element === 'a' && f.mark === '○', 'a ○ day');
    await enterAndWait(page, /\/days\//);

    // STEP3: Tab into the radio group (its first free time), Space chooses it.
    await page.getByRole('heading', { level: 1, name: '時間選択' }).waitFor();
    await user.skipToMain();
    const radio = await user.tabTo((f) => f.element === 'input' && f.type === 'radio', 'a time');
    await user.press('Space');
    assert.ok(await page.locator(`#${radio.id}`).isChecked(), 'Space chose the time');
    // The arrow keys move within the group and choose as they go (the next free time, or this one again).
    const next = await user.press('ArrowDown');
    assert.equal(next.type, 'radio', 'ArrowDown stays in the group of times');
    assert.ok(next.checked, 'ArrowDown chose the time it moved to');
    await user.tabTo(isButton('予約する'), '予約する');
    await enterAndWait(page, /\/terms$/);

    // STEP4: 同意する (after the terms; Shift+Tab and Tab on the way back and forth).
    await page.getByRole('heading', { level: 1, name: '手続き説明' }).waitFor();
    await user.skipToMain();
    await user.tabTo(isButton('同意する'), '同意する');
    await user.press('Shift+Tab');
    await user.press('Tab');
    await enterAndWait(page, /\/form$/);

    // STEP5: pre-filled from the profile; tick 相談内容 with Space.
    await page.locator('#family_name').waitFor();
    await user.skipToMain();
    await user.tabTo((f) => f.id === 'topic-consultation', '相談内容「職業相談」');
    await user.press('Space');
    assert.ok(await page.locator('#topic-consultation').isChecked(), 'Space ticked the checkbox');
    await screenshot(page, `keyboard-form-checkbox-${scheme}`);
    await user.tabTo(isButton('確認へ進む'), '確認へ進む');
    await enterAndWait(page, /\/form$/);
    await page.getByText('まだ予約は完了していません。').waitFor();

    // STEP6 → STEP7.
    await user.skipToMain();
    await user.tabTo(isButton('申込み'), '申込み');
    await enterAndWait(page, /\/bookings\//);
    await assert.doesNotReject(page.getByText('予約が完了しました。').waitFor());
    assert.match((await page.locator('#reservation-number').innerText()).trim(), /^\d{8}-\d{6}$/);
    await user.skipToMain();
    await user.press('Tab');
    assert.equal(await page.evaluate(() => document.documentElement.dataset.colorScheme), scheme);
    await screenshot(page, `keyboard-done-${scheme}`);

    assert.deepEqual(user.invisible, [],
      `focus that cannot be seen:\n${user.invisible.join('\n')}\n(all stops: ${user.stops.length})`);
    await context.close();
  });
}
