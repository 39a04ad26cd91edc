// Signing in on the staff side (/staff/login, then the authenticator code)
// as one of the demo accounts that `yoyaku seed-demo` creates.
import { totp } from './totp.mjs';

export const DEMO_ADMIN = {
  email: 'admin@example.jp',
  password: 'admin-password-2024',
  key: 'DEMOADMINISTRATORKEYFORDEMOONLYX',
};

/** Signs `page` in at `baseUrl` as `account` ({email, password, key}); ends on 職員メニュー. */
export async function staffSignIn(page, baseUrl, account = DEMO_ADMIN) {
  await page.goto(`${baseUrl}/staff/login`);
  await page.locator('#email').fill(account.email);
  await page.locator('#password').fill(account.password);
  await page.getByRole('button', { name: 'ログイン' }).click();
  await page.waitForURL(/\/staff\/login\/otp/);
  await page.locator('#code').fill(totp(account.key));
  await page.getByRole('button', { name: /確認/ }).click();
  await page.waitForURL(`${baseUrl}/staff`);
}

/** A browser context at `width`×`height` in Japanese, on Tokyo time. */
export function japaneseContext(browser, width, height) {
  return browser.newContext({ viewport: { width, height }, locale: 'ja-JP', timezoneId: 'Asia/Tokyo' });
}
