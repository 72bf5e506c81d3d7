import { expect, test } from './fixtures';
import { errorAlert, signUp, snapshot } from './helpers';

test('the original postpaid flow: 图像分析 → 立即开通 grants this month’s free packs', async ({ page }) => {
  await signUp(page);
  await page.getByRole('link', { name: '图像分析', exact: true }).click();
  await expect(page.getByRole('heading', { name: '图像分析' })).toBeVisible();
  await expect(page.getByTestId('product-status')).toHaveText('未开通');
  // the price table is the original page's, tier by tier
  await expect(page.getByTestId('price-row-label')).toContainText('图像标签DetectLabel2.5元/千次2.2元/千次2元/千次1.5元/千次');
  await expect(page.getByTestId('price-row-celebrity')).toContainText('2元/千次1.5元/千次1.2元/千次1元/千次');
  await expect(page.getByTestId('price-row-enhance')).toContainText('公测免费');

  await page.getByRole('button', { name: '立即开通' }).click();
  await expect(page.getByTestId('product-status')).toHaveText('已开通');
  await expect(page.getByTestId('free-packs-issued')).toContainText('本月免费资源包已发放：9 个服务 × 10,000 次');
  await expect(page.getByRole('button', { name: '立即开通' })).toHaveCount(0);
  await snapshot(page, 'product');

  // activating again is harmless
  const again = await page.request.post('/api/trpc/product.activate', { data: { json: null } });
  expect(again.status()).toBe(200);
  await page.reload();
  await expect(page.getByTestId('free-packs-issued')).toContainText('9 个服务');

  await page.getByRole('link', { name: '概览' }).click();
  await expect(page.getByTestId('activation-status')).toHaveText('已开通');
});

test('联系我们 records a request and refuses an empty one', async ({ page }) => {
  await signUp(page);
  await page.goto('/product');
  await page.getByRole('button', { name: '提交' }).click();
  await expect(page.getByText('请至少填写 5 个字的需求说明')).toBeVisible();
  await page.getByLabel('咨询类型').selectOption('提高并发');
  await page.getByLabel('需求说明').fill('希望把 DetectLabel 的并发提高到 100 次/秒');
  await page.getByRole('button', { name: '提交' }).click();
  await expect(page.getByText('已提交，我们的商务同事会尽快与您联系')).toBeVisible();
  await expect(errorAlert(page)).toHaveCount(0);
});

test.describe('during the public beta', () => {
  test.use({ variant: 'beta' });

  test('activation works, everything is free and no free pack is issued yet', async ({ page }) => {
    await signUp(page);
    await page.goto('/product');
    await expect(page.getByText('图像分析在 2019年12月1日前处于免费公测阶段')).toBeVisible();
    await page.getByRole('button', { name: '立即开通' }).click();
    await expect(page.getByTestId('product-status')).toHaveText('已开通');
    await expect(page.getByTestId('free-packs-issued')).toHaveCount(0);
    await snapshot(page, 'product-beta');
  });
});
