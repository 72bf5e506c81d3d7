import { expect, test } from './fixtures';
import { errorAlert, signUp, snapshot } from './helpers';

test('the sandbox clock moves forward only and shows the app time in UTC+8', async ({ page }) => {
  await signUp(page);
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
