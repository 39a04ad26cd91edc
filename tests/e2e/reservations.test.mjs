// End-to-end, following manual 1.2–1.4: 予約内容照会 → look up by 予約番号 →
// 詳細 → 修正 the phone (shown in blue on 予約変更確認) → 取下げ with a reason.
// Screenshots at 375 px and 1280 px.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { launchBrowser, newContext, screenshot, watchProblems } from './support/browser.mjs';
import { startServer } from './support/server.mjs';

const PASSWORD = 'Hanamizuki-2026-haru';
let server;
let browser;

before(async () => {
  server = await startServer({ name: 'reservations' });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

async function api(method, path, token, body) {
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: response.status, body: await response.json() };
}

// A booking made through the API, to look up in the browser.
async function bookingFor(email) {
  server.yoyaku(['create-user', '--db', server.db, '--email', email, '--password', PASSWORD, '--family-name', '雇用',
    '--given-name', '太郎', '--job-seeker-number', '12345-12345678', '--phone', '0123456789']);
  const { body: session } = await api('POST', '/api/v1/sessions', null, { email, password: PASSWORD });
  const { body: found } = await api('GET', '/api/v1/procedures?q=13040&kind=job_consultation');
  const id = found.items[0].id;
  const { body: calendar } = await api('GET', `/api/v1/procedures/${id}/calendar?days=30`);
  const days = calendar.facilities[0].frames[0].days.filter((d) => d.status === 'available');
  const { body: slots } = await api('GET', `/api/v1/procedures/${id}/slots?date=${days[4].date}`);
  const { body: hold } = await api('POST', '/api/v1/holds', session.token, { slot_id: slots[8].id });
  const { status, body } = await api('POST', '/api/v1/reservations', session.token, {
    hold_id: hold.hold_id, agreed_to_terms: true, family_name: '雇用', given_name: '太郎',
    job_seeker_number: '12345-12345678', phone: '0123456789', topics: ['consultation'],
  });
  assert.equal(status, 201);
  return body.number;
}

for (const width of [1280, 375]) {
  test(`look up, change and withdraw a booking as the manual says at ${width} px`, async () => {
    const email = `lookup.${width}@example.jp`;
    const number = await bookingFor(email);
    const context = await newContext(browser, width);
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    const watcher = watchProblems(page);
    await page.goto(`${server.url}/login`);
    await page.locator('#email').fill(email);
    await page.locator('#password').fill(PASSWORD);
    await page.getByRole('button', { name: 'ログイン' }).click();
    await page.waitForURL(`${server.url}/`);

    // 1.2 STEP1: メニュー → 予約内容照会
    await page.locator('header summary', { hasText: 'メニュー' }).click();
    await page.getByRole('navigation', { name: 'メニュー' }).getByRole('link', { name: '予約内容照会' }).click();
    await assert.doesNotReject(page.getByRole('heading', { level: 1, name: '予約一覧' }).waitFor());
    // STEP2: search by 予約番号
    await page.locator('#number').fill(number);
    await page.getByRole('button', { name: '検索' }).click();
    const list = await page.locator('main').innerText();
    assert.match(list, new RegExp(number));
    assert.match(list, /予約完了/);
    await screenshot(page, 'lookup-list');
    await page.getByRole('link', { name: /詳細/ }).first().click();
    await assert.doesNotReject(page.getByRole('heading', { level: 1, name: '予約詳細' }).waitFor());
    assert.match(await page.locator('main').innerText(), /申込/);  // 処理履歴
    await screenshot(page, 'lookup-detail');

    // 1.3: 修正する → change the phone → 確認へ進む → the phone in blue → 修正する
    await page.getByRole('link', { name: '修正する' }).click();
    await assert.doesNotReject(page.getByRole('heading', { level: 1, name: '予約変更' }).waitFor());
    await page.locator('#phone').fill('1234567890');
    await page.locator('#phone').fill('012-987-6543');
    await screenshot(page, 'modify-form');
    await page.getByRole('button', { name: '確認へ進む' }).last().click();
    await assert.doesNotReject(page.getByRole('heading', { level: 1, name: '予約変更確認' }).waitFor());
    const changed = page.locator('dd.value--changed');
    assert.equal(await changed.count(), 1);
    assert.match(await changed.innerText(), /012-987-6543/);
    assert.match(await changed.innerText(), /変更あり/);  // said to screen readers too
    const color = await changed.evaluate((el) => getComputedStyle(el).color);
    const [r, g, b] = color.match(/\d+/g).map(Number);
    assert.ok(b > r + 60 && b > g, `changed values are blue (${color})`);
    await screenshot(page, 'modify-confirm');
    await page.getByRole('button', { name: '修正する' }).click();
    await assert.doesNotReject(page.getByRole('heading', { level: 1, name: '予約内容を修正しました' }).waitFor());

    // 1.4: 取下げる with a reason
    await page.getByRole('link', { name: '詳細へ戻る' }).click();
    assert.match(await page.locator('main').innerText(), /修正/);  // 処理履歴 now has 修正
    await page.getByRole('link', { name: '取下げる' }).click();
    await assert.doesNotReject(page.getByRole('heading', { level: 1, name: '取消事由入力' }).waitFor());
    await page.locator('#reason').fill('面談キャンセルのため');
    assert.equal((await page.locator('[data-count-for="reason"]').innerText()).trim(), '10');
    await screenshot(page, 'withdraw-reason');
    await page.getByRole('button', { name: '確認へ進む' }).click();
    await assert.doesNotReject(page.getByRole('heading', { level: 1, name: '予約取下げ確認' }).waitFor());
    assert.match(await page.locator('main').innerText(), /面談キャンセルのため/);
    await screenshot(page, 'withdraw-confirm');
    await page.getByRole('button', { name: '取下げる' }).click();
    await assert.doesNotReject(page.getByRole('heading', { level: 1, name: '予約を取下げました' }).waitFor());
    await page.getByRole('link', { name: '一覧へ戻る' }).click();
    assert.match(await page.locator('main').innerText(), /取下げ/);
    await screenshot(page, 'lookup-list-withdrawn');

    const problems = await watcher.collect();
    assert.deepEqual(problems, [], `problems on the page:\n${problems.join('\n')}`);
    await context.close();
  });
}

test('the reason counter counts characters as the user sees them, and the limit is explained', async () => {
  const email = 'counter@example.jp';
  const number = await bookingFor(email);
  const context = await newContext(browser, 375);
  const page = await context.newPage();
  const watcher = watchProblems(page);
  await page.goto(`${server.url}/login`);
  await page.locator('#email').fill(email);
  await page.locator('#password').fill(PASSWORD);
  await page.getByRole('button', { name: 'ログイン' }).click();
  await page.waitForURL(`${server.url}/`);
  await page.goto(`${server.url}/reservations/${number}/withdraw`);
  await page.locator('#reason').fill('取'.repeat(2001));
  assert.equal((await page.locator('[data-count-for="reason"]').innerText()).trim(), '2001');
  watcher.expectErrorDocument(true);
  await page.getByRole('button', { name: '確認へ進む' }).click();
  await assert.doesNotReject(page.getByText(/2000文字以内/).first().waitFor());
  assert.equal((await page.locator('#reason').inputValue()).length, 2001);  // kept
  await screenshot(page, 'withdraw-too-long');
  await context.close();
});
