// End-to-end in English: a job seeker whose browser asks for English books
// from the search (STEP1) to the completion page (STEP7) and every page is in
// English — headings and buttons, and no hiragana or katakana anywhere in the
// page text except the data that stays Japanese (office, procedure, facility
// and frame names, the procedure's description and 利用規約). The
// confirmation mail arrives in English with the date written "Thu 22 Aug 2024".
// Also: the 日本語 / English switch in the header changes a page and is
// remembered on the next one, and a refused form shows the English message
// beside each field and keeps what was typed. Screenshots at 375/1280 px.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';

import { artifactsDir, launchBrowser, newContext, screenshot, watchProblems } from './support/browser.mjs';
import { startServer } from './support/server.mjs';
import { startSmtp } from './support/smtp.mjs';

const TITLE = '【13040】ハローワーク品川（東京） 職業相談 面談予約';
const KANA = /[\u3040-\u30ff]/;
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const ENGLISH_DATE = /\b(Sun|Mon|Tue|Wed|Thu|Fri|Sat) \d{1,2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4}\b/;
const ENGLISH_TIMES = /\b\d{2}:\d{2}–\d{2}:\d{2} JST\b/;

let smtp;
let server;
let browser;
let dataTexts = [];

before(async () => {
  smtp = await startSmtp();
  server = await startServer({ name: 'english', extraArgs: ['--smtp-url', smtp.url, '--mail-from', 'no-reply@hellowork.example.jp'] });
  browser = await launchBrowser();
  dataTexts = knownDataTexts();
});

after(async () => {
  await browser?.close();
  await server?.stop();
  smtp?.stop();
});

function sql(statement) {
  return execFileSync('sqlite3', [server.db.replace(/^sqlite:/, ''), statement], { encoding: 'utf8' });
}

// What stays Japanese on an English page because it is data: the office's,
// procedure's, facilities' and frames' names and addresses, the contact's name.
function knownDataTexts() {
  const office = `(SELECT office_id FROM procedures WHERE title = '${TITLE}')`;
  const texts = sql(`
    SELECT name FROM offices WHERE id = ${office};
    SELECT title FROM procedures WHERE office_id = ${office};
    SELECT contact_name FROM procedures WHERE office_id = ${office};
    SELECT name FROM facilities WHERE office_id = ${office};
    SELECT address FROM facilities WHERE office_id = ${office};
    SELECT f.name FROM reservation_frames f JOIN procedures p ON p.id = f.procedure_id WHERE p.office_id = ${office};`)
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  assert.ok(texts.includes(TITLE), texts.join('\n'));
  // Longest first, so that a name inside a longer one does not leave the rest behind.
  return [...new Set(texts)].sort((a, b) => b.length - a.length);
}

function withoutData(text) {
  let rest = text;
  for (const data of dataTexts) rest = rest.split(data).join('');
  return rest;
}

// The page's text (title and body) without the data that stays Japanese:
// free texts written by the office (description, 利用規約, opening hours,
// notices) are taken out of the DOM, names are taken out of the text.
async function pageTextWithoutData(page) {
  const text = await page.evaluate(() => {
    const body = document.body.cloneNode(true);
    for (const element of body.querySelectorAll('.terms-box, .preserve-lines, script, style')) element.remove();
    // innerText needs a rendered element: measure the clone off-screen.
    const holder = document.createElement('div');
    holder.style.position = 'absolute';
    holder.style.left = '-100000px';
    holder.append(body);
    document.documentElement.append(holder);
    const out = `${document.title}\n${body.innerText}`;
    holder.remove();
    return out;
  });
  return withoutData(text);
}

async function assertNoKana(page, where) {
  const text = await pageTextWithoutData(page);
  const lines = text.split('\n').filter((line) => KANA.test(line));
  assert.deepEqual(lines, [], `Japanese kana on the English page "${where}" (${page.url()})`);
}

function englishContext(width) {
  return newContext(browser, width, { locale: 'en-GB', extraHTTPHeaders: { 'Accept-Language': 'en-GB,en;q=0.9' } });
}

function newUser(email) {
  server.yoyaku(['create-user', '--db', server.db, '--email', email, '--password', 'Hanamizuki-2026-haru',
    '--family-name', '雇用', '--given-name', '太郎', '--job-seeker-number', '98765-43210987', '--phone', '0312345678']);
}

// Signs in without relying on the login page's wording.
async function logIn(page, email) {
  await page.goto(`${server.url}/login`);
  await page.locator('#email').fill(email);
  await page.locator('#password').fill('Hanamizuki-2026-haru');
  await page.locator('#password').press('Enter');
  await page.waitForURL(`${server.url}/`);
}

function h1(page, name) {
  return page.getByRole('heading', { level: 1, name, exact: true });
}

// "2024-08-22" written as the English pages and mails write it: "Thu 22 Aug 2024".
function englishDate(iso) {
  const [y, m, d] = iso.split('-').map(Number);
  const weekday = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return `${WEEKDAYS[weekday]} ${d} ${MONTHS[m - 1]} ${y}`;
}

// STEP1–3 in English: the search, the calendar, a time; returns the day chosen (ISO).
async function searchAndHold(page, shots) {
  await page.goto(`${server.url}/procedures`);
  await assert.doesNotReject(h1(page, 'Book an interview').waitFor());
  await page.locator('#q').fill('職業相談 品川');
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await assert.doesNotReject(page.getByRole('heading', { level: 2, name: 'Procedures' }).waitFor());
  assert.match(await page.locator('main').innerText(), /Results:\s*1/);
  // The office's reading in rōmaji under its Japanese name.
  assert.equal((await page.locator('.result-list__reading').innerText()).trim(), 'Hello Work Shinagawa');
  await assertNoKana(page, 'STEP1 search');
  if (shots) await screenshot(page, 'en-step1-search');

  await page.getByRole('link', { name: TITLE }).click();
  await assert.doesNotReject(h1(page, 'Choose a place and day').waitFor());
  assert.equal((await page.locator('.procedure-name__reading').innerText()).trim(), 'Hello Work Shinagawa');
  const calendar = await page.locator('main').innerText();
  assert.match(calendar, /✓\s*: selected/);
  assert.match(calendar, /○\s*: available/);
  await assertNoKana(page, 'STEP2 calendar');
  if (shots) await screenshot(page, 'en-step2-calendar');

  await page.locator('a[data-mark="○"]').first().click();
  await assert.doesNotReject(h1(page, 'Choose a time').waitFor());
  const day = page.url().match(/\/days\/(\d{4}-\d{2}-\d{2})/)[1];
  assert.ok((await page.locator('main').innerText()).includes(englishDate(day)));
  const firstFree = page.locator('input[name="slot_id"]:not([disabled])').first();
  await page.locator(`label[for="${await firstFree.getAttribute('id')}"]`).click();
  await assertNoKana(page, 'STEP3 times');
  if (shots) await screenshot(page, 'en-step3-times');
  await page.getByRole('button', { name: 'Book', exact: true }).click();
  await assert.doesNotReject(h1(page, 'About this procedure').waitFor());
  return day;
}

for (const width of [1280, 375]) {
  test(`a job seeker whose browser says English books in English at ${width} px, and the mail is in English`, async () => {
    const email = `english.${width}@example.jp`;
    newUser(email);
    const context = await englishContext(width);
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    const watcher = watchProblems(page);
    await logIn(page, email);
    assert.equal(await page.locator('html').getAttribute('lang'), 'en');

    const day = await searchAndHold(page, true);

    // STEP4 手続き説明 (利用規約の同意)
    const terms = await page.locator('main').innerText();
    assert.match(terms, /Your time is held until/);
    assert.match(terms, /Terms of use/);
    assert.ok(await page.getByRole('button', { name: 'Cancel booking' }).isVisible());
    assert.ok(await page.getByRole('button', { name: 'Extend', exact: true }).isVisible());
    await assertNoKana(page, 'STEP4 terms');
    await screenshot(page, 'en-step4-terms');
    await page.getByRole('button', { name: 'Agree', exact: true }).click();

    // STEP5 予約 (the form), pre-filled from the profile.
    await assert.doesNotReject(h1(page, 'Your booking').waitFor());
    assert.equal(await page.locator('#family_name').inputValue(), '雇用');
    assert.ok(await page.getByText('Please enter your job seeker number.').isVisible());
    await page.locator('#job_seeker_number').fill('12345-12345678');
    await page.locator('#phone').fill('012-345-6789');
    await page.locator('label[for="topic-consultation"]').click();
    assert.equal(await page.locator('label[for="topic-consultation"]').innerText(), 'Job consultation');
    await assertNoKana(page, 'STEP5 form');
    await screenshot(page, 'en-step5-form');
    await page.getByRole('button', { name: 'Continue to check' }).click();

    // STEP6 予約確認
    await assert.doesNotReject(page.getByText('Your booking is not complete yet.').waitFor());
    await assert.doesNotReject(h1(page, 'Check your booking').waitFor());
    const confirm = await page.locator('main').innerText();
    assert.match(confirm, /12345-12345678/);
    assert.match(confirm, /Job consultation/);
    assert.ok(confirm.includes(englishDate(day)), confirm);
    assert.match(confirm, ENGLISH_TIMES);
    await assertNoKana(page, 'STEP6 confirm');
    await screenshot(page, 'en-step6-confirm');
    await page.getByRole('button', { name: 'Apply', exact: true }).click();

    // STEP7 予約完了
    await assert.doesNotReject(h1(page, 'Booking complete').waitFor());
    await assert.doesNotReject(page.getByText('Your booking is complete.').waitFor());
    const number = (await page.locator('#reservation-number').innerText()).trim();
    assert.match(number, /^\d{8}-\d{6}$/);
    assert.ok((await page.locator('main').innerText()).includes(englishDate(day)));
    await assertNoKana(page, 'STEP7 done');
    await screenshot(page, 'en-step7-done');

    // The mail, in English.
    const mail = await smtp.waitFor(email, 'Hello Work: your reservation is confirmed');
    fs.mkdirSync(artifactsDir(), { recursive: true });
    fs.writeFileSync(path.join(artifactsDir(), `en-confirmation-mail-${width}.txt`), `Subject: ${mail.subject}\n\n${mail.body}`);
    assert.ok(mail.body.includes(number), mail.body);
    assert.ok(mail.body.includes(TITLE), mail.body);
    assert.ok(mail.body.includes(englishDate(day)), mail.body);
    assert.match(mail.body, ENGLISH_DATE);
    assert.match(mail.body, ENGLISH_TIMES);
    const kanaInMail = withoutData(mail.body).split('\n').filter((line) => KANA.test(line));
    assert.deepEqual(kanaInMail, [], `kana in the English mail:\n${mail.body}`);

    const problems = (await watcher.collect()).filter((p) => !/favicon/.test(p));
    assert.deepEqual(problems, [], `problems on the page:\n${problems.join('\n')}`);
    await context.close();
  });
}

test('the 日本語 / English switch in the header changes the page and is remembered on the next page', async () => {
  const context = await newContext(browser, 375);  // a Japanese browser
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  const watcher = watchProblems(page);
  await page.goto(`${server.url}/procedures?q=${encodeURIComponent('職業相談 品川')}`);
  await assert.doesNotReject(h1(page, '予約手続き').waitFor());
  assert.equal(await page.locator('html').getAttribute('lang'), 'ja');
  // The kana check used on the English pages does see the Japanese page.
  assert.match(await pageTextWithoutData(page), KANA);

  const toEnglish = page.locator('.language-switch button');
  assert.equal((await toEnglish.innerText()).trim(), 'English');
  await toEnglish.click();
  await assert.doesNotReject(h1(page, 'Book an interview').waitFor());
  assert.equal(await page.locator('html').getAttribute('lang'), 'en');
  // Back on the same page, the search kept.
  assert.equal(await page.locator('#q').inputValue(), '職業相談 品川');
  await assert.doesNotReject(page.getByRole('heading', { level: 2, name: 'Procedures' }).waitFor());
  await screenshot(page, 'en-switched-to-english');

  // The next page is English too.
  await page.getByRole('link', { name: TITLE }).click();
  await assert.doesNotReject(h1(page, 'Choose a place and day').waitFor());
  await assertNoKana(page, 'calendar after the switch');
  const cookies = await context.cookies();
  assert.ok(cookies.some((c) => c.value === 'en'), JSON.stringify(cookies));

  // And back to Japanese, remembered as well.
  const toJapanese = page.locator('.language-switch button');
  assert.equal((await toJapanese.innerText()).trim(), '日本語');
  await toJapanese.click();
  await assert.doesNotReject(h1(page, '施設選択').waitFor());
  await page.locator('a[data-mark="○"]').first().click();
  await assert.doesNotReject(h1(page, '時間選択').waitFor());
  assert.equal(await page.locator('html').getAttribute('lang'), 'ja');

  const problems = (await watcher.collect()).filter((p) => !/favicon/.test(p));
  assert.deepEqual(problems, [], `problems on the page:\n${problems.join('\n')}`);
  await context.close();
});

for (const width of [375, 1280]) {
  test(`a refused form shows the English message beside each field and keeps what was typed at ${width} px`, async () => {
    const email = `english.errors.${width}@example.jp`;
    newUser(email);
    const context = await englishContext(width);
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await logIn(page, email);
    await searchAndHold(page, false);
    await page.getByRole('button', { name: 'Agree', exact: true }).click();
    await assert.doesNotReject(h1(page, 'Your booking').waitFor());

    await page.locator('#family_name').fill('');
    await page.locator('#given_name').fill('Maria');
    await page.locator('#job_seeker_number').fill('12345');
    await page.locator('#phone').fill('12-34');
    await page.getByRole('button', { name: 'Continue to check' }).click();

    await assert.doesNotReject(page.getByRole('heading', { level: 2, name: 'There is a problem with what you entered' }).waitFor());
    assert.equal(await page.title(), 'Enter your booking details｜Online Hello Work System Interview Reservations');
    const fieldError = async (field) => (await page.locator(`#${field}-error`).textContent()).trim();
    assert.equal(await fieldError('family_name'), 'Error: Please enter your family name (up to 50 characters). Example: Koyo');
    assert.match(await fieldError('job_seeker_number'), /^Error: Enter your job seeker number as 14 half-width characters/);
    assert.match(await fieldError('phone'), /^Error: Enter your telephone number as 10 or 11 digits/);
    assert.equal(await page.locator('#given_name-error').count(), 0);
    // The message sits with its field, and the field points at it.
    assert.match(await page.locator('#job_seeker_number').getAttribute('aria-describedby'), /job_seeker_number-error/);
    assert.equal(await page.locator('#job_seeker_number').getAttribute('aria-invalid'), 'true');
    // The summary links to the fields, in English.
    const summary = await page.locator('.error-summary__list').innerText();
    assert.match(summary, /Please enter your family name/);
    assert.doesNotMatch(summary, KANA);
    // What was typed is kept.
    assert.equal(await page.locator('#family_name').inputValue(), '');
    assert.equal(await page.locator('#given_name').inputValue(), 'Maria');
    assert.equal(await page.locator('#job_seeker_number').inputValue(), '12345');
    assert.equal(await page.locator('#phone').inputValue(), '12-34');
    await assertNoKana(page, 'STEP5 with errors');
    await screenshot(page, 'en-step5-errors');

    // 「予約をやめる」 in English too.
    await page.getByRole('button', { name: 'Cancel booking' }).click();
    await assert.doesNotReject(h1(page, 'You have cancelled the booking').waitFor());
    await assertNoKana(page, 'booking cancelled');
    await context.close();
  });
}
