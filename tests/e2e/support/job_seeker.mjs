// A job seeker for end-to-end tests: an account made with `yoyaku create-user`
// (verified, no 2段階認証) and the ログイン form filled in.
//
//   createJobSeeker(server, 'a@example.jp', PASSWORD);
//   await logIn(page, server, 'a@example.jp', PASSWORD);

export function createJobSeeker(server, email, password) {
  server.yoyaku(['create-user', '--db', server.db, '--email', email, '--password', password, '--family-name', '雇用',
    '--given-name', '太郎', '--job-seeker-number', '12345-12345678', '--phone', '0312345678']);
}

/** Fills in and sends the ログイン form (the caller checks where it lands). */
export async function logIn(page, server, email, password) {
  await page.goto(`${server.url}/login`);
  await page.locator('#email').fill(email);
  await page.locator('#password').fill(password);
  await page.getByRole('button', { name: 'ログイン' }).click();
}
