import { expect, type Page } from '@playwright/test';

export const PASSWORD = 'correct-horse-42';

let counter = 0;
/** An e-mail no other test (or earlier run on the same database) has used. */
export function uniqueEmail(tag: string): string {
  counter += 1;
  return `${tag}-${Date.now().toString(36)}-${counter}@example.com`;
}

export async function signUp(page: Page, email = uniqueEmail('user'), password = PASSWORD): Promise<string> {
  await page.goto('/signup');
  await page.getByLabel('邮箱').fill(email);
  await page.getByLabel('密码', { exact: true }).fill(password);
  await page.getByLabel('确认密码').fill(password);
  await page.getByRole('button', { name: '注册' }).click();
  await expect(page.getByTestId('account-email')).toHaveText(email, { timeout: 30_000 }); // a cold server's first sign-up (scrypt, first render) on a loaded machine
  return email;
}

export async function signIn(page: Page, email: string, password = PASSWORD) {
  await page.goto('/login');
  await page.getByLabel('邮箱').fill(email);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page.getByTestId('account-email')).toHaveText(email);
}

/** Every page the suite visits is kept as a picture in e2e/artifacts for review. */
export async function snapshot(page: Page, name: string) {
  await page.screenshot({ path: `e2e/artifacts/${name}.png`, fullPage: true });
}

/** The page's own error message (Next.js adds a route announcer with role=alert too). */
export function errorAlert(page: Page) {
  return page.locator('[role="alert"]:not(#__next-route-announcer__)');
}
