import { expect, test } from '@playwright/test';
import { errorAlert, signUp, snapshot } from './helpers';

test('the sandbox clock moves forward only and shows the app time in UTC+8', async ({ page }) => {
  await signUp(page);
  await page.getByRole('link', { name: '模拟时钟' }).click();
  const time = page.getByTestId('app-time');
  await expect(time).toContainText('2019-12-');
  const before = await time.textContent();
  await page.getByRole('button', { name: '前进 1 天' }).click();
  await expect(page.getByText(/已前进到/)).toBeVisible();
  await expect(time).not.toHaveText(before!);
  await snapshot(page, 'clock');

  await page.getByLabel('指定时间').fill('2019-01-01T00:00:00+08:00');
  await page.getByRole('button', { name: '前进到该时间' }).click();
  await expect(errorAlert(page)).toHaveText('模拟时钟只能向前调整，不能回到过去');
});
