import { expect, test } from './fixtures';
import { errorAlert, PASSWORD, signIn, signUp, snapshot, uniqueEmail } from './helpers';

test('sign up lands on 概览, sign out and sign in again', async ({ page }) => {
  await page.goto('/signup');
  await snapshot(page, 'signup');
  const email = await signUp(page);
  await expect(page.getByRole('heading', { name: '概览' })).toBeVisible();
  await expect(page.getByText(`您好，${email}`)).toBeVisible();
  await expect(page.getByTestId('activation-status')).toHaveText('未开通');
  await expect(page.getByText('¥0.00').first()).toBeVisible();
  await expect(page.getByTestId('overview-estimate')).toHaveText('¥0.00');
  await snapshot(page, 'overview');

  await page.getByRole('button', { name: '退出登录' }).click();
  await expect(page).toHaveURL(/\/login$/);
  await snapshot(page, 'login');
  await page.goto('/');
  await expect(page).toHaveURL(/\/login$/);

  await signIn(page, email);
  await expect(page.getByRole('heading', { name: '概览' })).toBeVisible();
});

test('signed out, every console page redirects to /login', async ({ page }) => {
  for (const path of ['/', '/clock']) {
    await page.goto(path);
    await expect(page).toHaveURL(/\/login$/);
  }
});

test('signed out, tRPC procedures answer UNAUTHORIZED', async ({ request }) => {
  const res = await request.get('/api/trpc/overview.state');
  expect(res.status()).toBe(401);
});

test('a duplicate e-mail is refused and creates nothing', async ({ page, browser }) => {
  const email = await signUp(page);
  const other = await browser.newPage();
  await other.goto('/signup');
  await other.getByLabel('邮箱').fill(email.toUpperCase());
  await other.getByLabel('密码', { exact: true }).fill('another-password');
  await other.getByLabel('确认密码').fill('another-password');
  await other.getByRole('button', { name: '注册' }).click();
  await expect(errorAlert(other)).toHaveText('该邮箱已注册，请直接登录');
  await expect(other).toHaveURL(/\/signup$/);
  // the original password still works: the refused sign-up changed nothing
  await signIn(other, email, PASSWORD);
  await other.close();
});

test('a wrong password is refused', async ({ page }) => {
  const email = await signUp(page);
  await page.getByRole('button', { name: '退出登录' }).click();
  await page.getByLabel('邮箱').fill(email);
  await page.getByLabel('密码').fill('wrong-password');
  await page.getByRole('button', { name: '登录' }).click();
  await expect(errorAlert(page)).toHaveText('邮箱或密码错误');
  await expect(page).toHaveURL(/\/login$/);
});

test('malformed e-mail, short password and mismatched confirmation are refused', async ({ page }) => {
  await page.goto('/signup');
  const email = uniqueEmail('bad');
  await page.getByLabel('邮箱').fill('not-an-email');
  await page.getByLabel('密码', { exact: true }).fill('short');
  await page.getByLabel('确认密码').fill('different');
  await page.getByRole('button', { name: '注册' }).click();
  await expect(page.getByText('邮箱格式不正确')).toBeVisible();
  await expect(page.getByText('密码至少 8 位')).toBeVisible();
  await snapshot(page, 'signup-errors');

  await page.getByLabel('邮箱').fill(email);
  await page.getByLabel('密码', { exact: true }).fill(PASSWORD);
  await page.getByLabel('确认密码').fill(`${PASSWORD}x`);
  await page.getByRole('button', { name: '注册' }).click();
  await expect(page.getByText('两次输入的密码不一致')).toBeVisible();
  await expect(page).toHaveURL(/\/signup$/);

  // the server refuses the same input on its own, whatever the page does
  const res = await page.request.post('/api/trpc/auth.signUp', {
    data: { json: { email: 'not-an-email', password: PASSWORD, confirmPassword: PASSWORD } },
  });
  expect(res.status()).toBe(400);
  expect((await res.json()).error.json.message).toBe('邮箱格式不正确');
  // nothing was created: the well-formed address can still sign up
  await signUp(page, email);
});
