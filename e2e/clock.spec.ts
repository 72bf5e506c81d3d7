import { expect, test } from './fixtures';
import { grantOperator } from './account-cli';
import { errorAlert, signUp, snapshot } from './helpers';
import { trpcMutation, trpcQuery } from './trpc-call';

test('a customer sees the sandbox time but cannot move it, nor the platform-wide job runs', async ({ page }) => {
  await signUp(page);
  await page.getByRole('link', { name: '模拟时钟' }).click();
  await expect(page.getByTestId('app-time')).toHaveText(/^2019-12-05 \d{2}:\d{2}:\d{2}$/);
  await expect(page.getByTestId('clock-operators-only')).toHaveText('模拟时钟仅运营人员可以调整，您的账号只能查看应用时间。如需调整，请联系运营人员。');
  await expect(page.getByRole('button', { name: '前进 1 天' })).toHaveCount(0);
  await expect(page.getByText('最近运行的任务')).toHaveCount(0);
  await snapshot(page, 'clock-customer');
  const before = await trpcQuery<{ now: number; recentRuns: unknown }>(page.request, 'clock.state');
  expect(before.data.recentRuns).toBeNull();
  const refused = await trpcMutation(page.request, 'clock.advance', { to: '2020-06-01T00:00:00+08:00' });
  expect(refused.status).toBe(403);
  const after = await trpcQuery<{ now: number }>(page.request, 'clock.state');
  expect(after.data.now - before.data.now).toBeLessThan(60_000); // only the wall clock ticked
});

test('the sandbox clock moves forward only and shows the app time in UTC+8', async ({ page, server }) => {
  const email = await signUp(page);
  grantOperator(server, email);
  await page.getByRole('link', { name: '模拟时钟' }).click();
  const time = page.getByTestId('app-time');
  // This spec's own server started its clock at E2E_CLOCK_START; it has been running since.
  await expect(time).toHaveText(/^2019-12-05 \d{2}:\d{2}:\d{2}$/);
  const before = Date.parse(`${(await time.textContent())!.replace(' ', 'T')}+08:00`);
  await page.getByRole('button', { name: '前进 1 天' }).click();
  await expect(page.getByText(/已前进到/)).toBeVisible();
  const elapsed = async () => Date.parse(`${(await time.textContent())!.replace(' ', 'T')}+08:00`) - before;
  // one day forward, plus the few seconds the running clock ticked meanwhile
  await expect.poll(elapsed).toBeGreaterThanOrEqual(86_400_000);
  expect(await elapsed()).toBeLessThan(86_400_000 + 30_000);
  await snapshot(page, 'clock');

  await page.getByLabel('指定时间').fill('2019-01-01T00:00:00+08:00');
  await page.getByRole('button', { name: '前进到该时间' }).click();
  await expect(errorAlert(page)).toHaveText('模拟时钟只能向前调整，不能回到过去');
});
