// End-to-end, by the manual's wording alone: from the top page
// (「予約手続きへ」) through §1.1 (booking the first ○ the calendar offers),
// §1.2 (予約内容照会 → 詳細), §1.3 (the phone changed to the manual's
// 1234567890) and §1.4 (取下げ), at 1280 px and 375 px, with screenshots.
// It holds the rules the manual implies: the first bookable day is still
// changeable when booked, the last slot ends by 15:30, and 予約詳細 never
// says the deadline has passed while offering 修正する.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { launchBrowser, newContext, screenshot, watchProblems } from './support/browser.mjs';
import { startServer } from './support/server.mjs';

const PASSWORD = 'Hanamizuki-2026-haru';
const TITLE = '【13040】ハローワーク品川（東京） 職業相談 面談予約';
const STAFF_ROW = 'ハローワーク職員用項目（求職者の方は入力不要な項目です。）';
const TOPICS_ROW = 'ご相談内容について、該当する項目の□にチェックを入れてください。（複数選択可）';

let server;
let browser;

before(async () => {
  server = await startServer({ name: 'manual' });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

const main = (page) => page.locator('main');
const mainText = async (page) => (await main(page).innerText()).replace(/[ \t]+/g, ' ');

// Today's date in Japan as YYYY-MM-DD, plus `days`.
function japanDate(days) {
  const now = new Date(Date.now() + 9 * 3600 * 1000 + days * 86400 * 1000);
  return now.toISOString().slice(0, 10);
}

// A <dt> and its <dd> in a definition list, by the <dt>'s exact text.
async function rowValue(page, label) {
  const term = main(page).locator('dt').filter({ hasText: label }).first();
  return (await term.locator('xpath=following-sibling::dd[1]').innerText()).trim();
}

async function openMenuItem(page, name) {
  await page.locator('header summary', { hasText: 'メニュー' }).click();
  await page.getByRole('navigation', { name: 'メニュー' }).getByRole('link', { name }).click();
}

for (const width of [1280, 375]) {
  test(`the manual's §1.1–§1.4 from the top page at ${width} px`, async () => {
    const email = `manual.${width}@example.jp`;
    server.yoyaku(['create-user', '--db', server.db, '--email', email, '--password', PASSWORD, '--family-name', '雇用',
      '--given-name', '太郎', '--job-seeker-number', '12345-12345678', '--phone', '0123456789']);
    const context = await newContext(browser, width);
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    const watcher = watchProblems(page);
    const shot = (name) => screenshot(page, `manual-${name}`);

    // 前提: ログインした状態. After ログイン the top page, not 利用者情報.
    await page.goto(`${server.url}/login`);
    await page.locator('#email').fill(email);
    await page.locator('#password').fill(PASSWORD);
    await page.getByRole('button', { name: 'ログイン' }).click();
    await page.waitForURL(`${server.url}/`);

    // The top page's お知らせ carries the FAQ link of §1.2 STEP1.
    const faq = main(page).getByRole('link', { name: 'https://www.mhlw.go.jp/content/11600000/001121514.pdf' });
    assert.ok(await faq.first().isVisible());
    assert.match(await mainText(page), /↓よくあるご質問↓/);

    // §1.1 STEP1: the keyword on the top page, 「予約手続きへ」.
    assert.ok(await page.getByText('申込先の安定所番号又は安定所名の一部を入力し、検索してください').isVisible());
    await page.getByLabel('検索キーワード').fill('職業相談 品川');
    await shot('step1-top');
    await page.getByRole('button', { name: '予約手続きへ' }).click();
    await assert.doesNotReject(page.getByRole('heading', { name: '手続き一覧' }).waitFor());
    // 手続き検索 opens with that keyword, and 「絞り込みで検索する」 searches again.
    assert.equal(await page.locator('#q').inputValue(), '職業相談 品川');
    await page.getByRole('button', { name: '絞り込みで検索する' }).click();
    await assert.doesNotReject(page.getByRole('heading', { name: '手続き一覧' }).waitFor());
    await shot('step1-list');
    await page.getByRole('link', { name: TITLE }).click();

    // STEP2 施設選択: the first ○ is the day after tomorrow or later.
    await assert.doesNotReject(page.getByRole('heading', { level: 1, name: '施設選択' }).waitFor());
    const firstFree = page.locator('a[data-mark="○"]').first();
    const day = (await firstFree.getAttribute('href')).match(/\d{4}-\d{2}-\d{2}/)[0];
    assert.ok(day >= japanDate(2), `the first ○ (${day}) is on or after the day after tomorrow (${japanDate(2)})`);
    // The 説明's address is a link; an office without a phone number says so.
    const kyusyoku = main(page).getByRole('link', { name: 'https://online.hellowork.mhlw.go.jp/kyusyokuNo.link/' });
    assert.equal(await kyusyoku.getAttribute('target'), '_blank');
    const facilityPhone = main(page).locator('.facility dt', { hasText: '電話番号' }).locator('xpath=following-sibling::dd[1]');
    assert.match((await facilityPhone.innerText()).trim(), /^(0[\d-]{9,12}|登録されていません)$/);
    await shot('step2-calendar');
    await firstFree.click();

    // STEP3 時間選択: 10:00…15:00, the last ending by 15:30; the first ○.
    await assert.doesNotReject(page.getByRole('heading', { level: 1, name: '時間選択' }).waitFor());
    assert.match(await mainText(page), /「予約する」ボタンを押下してください。/);
    const times = await main(page).locator('input[name="slot_id"]').evaluateAll(
      (inputs) => inputs.map((input) => document.querySelector(`label[for="${input.id}"]`).innerText));
    const starts = times.map((t) => t.match(/\d{2}:\d{2}/)[0]);
    assert.equal(starts[0], '10:00', `times: ${starts.join(' ')}`);
    assert.equal(starts.at(-1), '15:00', `times: ${starts.join(' ')}`);
    const freeTime = page.locator('input[name="slot_id"]:not([disabled])').first();
    await page.locator(`label[for="${await freeTime.getAttribute('id')}"]`).click();
    assert.ok(await freeTime.isChecked());
    await shot('step3-times');
    await page.getByRole('button', { name: '予約する' }).click();

    // STEP4 利用規約の同意: the office's court in 第14条, the device bullets of 第12条.
    await assert.doesNotReject(page.getByRole('heading', { level: 1, name: '手続き説明' }).waitFor());
    const terms = await mainText(page);
    assert.match(terms, /東京地方裁判所/);
    assert.match(terms, /品川公共職業安定所長/);
    await shot('step4-terms');
    await page.getByRole('button', { name: '同意する' }).click();

    // STEP5 予約内容の入力: pre-filled; 電話番号 before the input; staff item 非表示.
    await assert.doesNotReject(page.locator('#family_name').waitFor());
    const form = await mainText(page);
    assert.match(form, /申込完了まで時間が必要な場合は、「操作時間を延長する」メニュー内の「延長する」ボタンをクリックしてください。/);
    assert.equal(await page.locator('#family_name').inputValue(), '雇用');
    assert.equal(await page.locator('#job_seeker_number').inputValue(), '12345-12345678');
    assert.equal(await page.locator('#phone').inputValue(), '0123456789');
    const inlineLabel = main(page).locator('.field__inline-label', { hasText: '電話番号' });
    const [labelBox, phoneBox] = [await inlineLabel.boundingBox(), await page.locator('#phone').boundingBox()];
    assert.ok(labelBox.x + labelBox.width <= phoneBox.x + 1, '「電話番号」 stands in front of the input');
    assert.ok(await page.getByRole('radio', { name: '非表示' }).isChecked());
    assert.equal(await page.locator('#staff_note').isVisible(), false);
    await page.locator('label[for="topic-consultation"]').click();
    await shot('step5-form');
    await page.getByRole('button', { name: '確認へ進む' }).click();

    // STEP6 予約内容の確認
    await assert.doesNotReject(page.getByText('まだ予約は完了していません。').waitFor());
    assert.equal(await rowValue(page, '連絡先電話番号'), '0123456789');
    assert.equal(await rowValue(page, TOPICS_ROW), '職業相談');
    assert.equal(await rowValue(page, STAFF_ROW), '非表示');
    await shot('step6-confirm');
    await page.getByRole('button', { name: '申込み' }).click();

    // STEP7 予約完了
    await assert.doesNotReject(page.getByText('予約が完了しました。').waitFor());
    const number = (await page.locator('#reservation-number').innerText()).trim();
    assert.match(number, /^\d{8}-\d{6}$/);
    await shot('step7-done');

    // §1.2 STEP1–2: メニュー → 予約内容照会 → 予約番号 → 検索 → 詳細
    await openMenuItem(page, '予約内容照会');
    await assert.doesNotReject(page.getByRole('heading', { level: 1, name: '予約一覧' }).waitFor());
    await page.locator('#number').fill(number);
    await page.getByRole('button', { name: '検索' }).click();
    assert.match(await mainText(page), new RegExp(`予約番号 ?${number}`));
    await page.getByRole('link', { name: /詳細/ }).first().click();
    await assert.doesNotReject(page.getByRole('heading', { level: 1, name: '予約詳細' }).waitFor());
    assert.equal(await rowValue(page, '予約番号'), number);
    assert.equal(await rowValue(page, STAFF_ROW), '非表示');
    // Booked on the first ○ day, it is still changeable: no passed deadline, and both buttons.
    assert.doesNotMatch(await mainText(page), /過ぎています/);
    assert.ok(await page.getByRole('link', { name: '修正する' }).isVisible());
    assert.ok(await page.getByRole('link', { name: '取下げる' }).isVisible());
    await shot('detail');

    // §1.3: 修正する → 1234567890 → 確認へ進む → 予約変更確認 → 修正する
    await page.getByRole('link', { name: '修正する' }).click();
    await assert.doesNotReject(page.getByRole('heading', { level: 1, name: '予約変更' }).waitFor());
    await page.locator('#phone').fill('1234567890');
    await shot('modify-form');
    await page.getByRole('button', { name: '確認へ進む' }).last().click();
    await assert.doesNotReject(page.getByRole('heading', { level: 1, name: '予約変更確認' }).waitFor());
    assert.match(await mainText(page), /以下の内容で修正してよろしいですか？/);
    assert.match(await main(page).locator('dd.value--changed').innerText(), /1234567890/);
    await shot('modify-confirm');
    await page.getByRole('button', { name: '修正する' }).click();
    await assert.doesNotReject(page.getByRole('heading', { level: 1, name: '予約内容を修正しました' }).waitFor());
    await page.getByRole('link', { name: '詳細へ戻る' }).click();
    assert.equal(await rowValue(page, '連絡先電話番号'), '1234567890');

    // §1.4: 取下げる → 取消事由 → 確認へ進む → 予約取下げ確認 → 取下げる
    await page.getByRole('link', { name: '取下げる' }).click();
    await assert.doesNotReject(page.getByRole('heading', { level: 1, name: '取消事由入力' }).waitFor());
    await page.locator('#reason').fill('面談キャンセルのため');
    await page.getByRole('button', { name: '確認へ進む' }).click();
    await assert.doesNotReject(page.getByRole('heading', { level: 1, name: '予約取下げ確認' }).waitFor());
    assert.match(await mainText(page), /以下の申込を取下げてもよろしいですか？/);
    assert.equal(await rowValue(page, '取下げ事由'), '面談キャンセルのため');
    assert.equal(await rowValue(page, '連絡先電話番号'), '1234567890');
    assert.equal(await rowValue(page, STAFF_ROW), '非表示');
    await shot('withdraw-confirm');
    await page.getByRole('button', { name: '取下げる' }).click();
    await assert.doesNotReject(page.getByRole('heading', { level: 1, name: '予約を取下げました' }).waitFor());
    await shot('withdrawn');

    const problems = await watcher.collect();
    assert.deepEqual(problems, [], `problems on the page:\n${problems.join('\n')}`);
    await context.close();
  });
}
