import { expect, test } from './fixtures';
import { grantOperator } from './account-cli';
import { signUp, snapshot, uniqueEmail } from './helpers';
import { meterCalls } from './meter-calls';
import { topUp } from './money-actions';
import { trpcMutation } from './trpc-call';

test('资源包推荐: 3 complete months of 图像标签 give the cheapest plan worked out by hand; a typed volume and 按推荐购买', async ({ page, server }) => {
  test.setTimeout(180_000); // a grant, three meter CLI runs and three month jumps with bill runs
  const email = await signUp(page, uniqueEmail('advisor'));
  grantOperator(server, email); // moving the sandbox clock is an operator's privilege
  expect((await trpcMutation(page.request, 'product.activate')).error).toBeNull();
  // Enough for three months' bills and freezes, so no month goes into arrears.
  await topUp(page, '20000.00');

  // 1,200,000 label calls in each of December, January and February; the clock starts in December 2019.
  expect(meterCalls(server, email, 'label', 1_200_000)).toMatch(/^2019-12-/);
  for (const to of ['2020-01-10T10:00:00+08:00', '2020-02-10T10:00:00+08:00']) {
    expect((await trpcMutation(page.request, 'clock.advance', { to })).status).toBe(200);
    expect(meterCalls(server, email, 'label', 1_200_000)).toBe(to.slice(0, 10));
  }
  expect((await trpcMutation(page.request, 'clock.advance', { to: '2020-03-05T10:00:00+08:00' })).status).toBe(200);

  await page.goto('/packs');
  const label = page.getByTestId('advisor-row-label');
  // Worked out from SPEC.md's prices for March 2020 – February 2021 (12 months):
  //   volume: (1,200,000 × 3) ÷ 3 = 1,200,000 a month → tier 2 (100万–300万), ¥2.2 per 1,000 calls
  //   each month: 10,000 free, 1,190,000 charged × ¥0.0022 = ¥2,618.00
  //   postpaid only: 12 × ¥2,618.00 = ¥31,416.00
  //   calls to pay for: 12 × 1,190,000 = 14,280,000. Group A packs: 1000万 ¥17,000 (¥1.7/千次),
  //   100万 ¥2,000 (¥2/千次) are below ¥2.2/千次; 10万 ¥225 (¥2.25/千次) is not.
  //   1 × 1000万 + 4 × 100万 = 14,000,000 calls for ¥25,000.00; the 280,000 left fall in
  //   February 2021 (still tier 2): 280,000 × ¥0.0022 = ¥616.00 → plan ¥25,616.00
  //   (5 × 100万 instead: ¥27,000.00; 2 × 1000万: ¥34,000.00; + 2 × 10万: ¥25,626.00)
  //   saving: ¥31,416.00 − ¥25,616.00 = ¥5,800.00
  await expect(label.getByTestId('advisor-postpaid')).toHaveText('¥31,416.00');
  await expect(label.getByTestId('advisor-plan')).toHaveText('¥25,616.00');
  await expect(label.getByTestId('advisor-saving')).toHaveText('¥5,800.00');
  await expect(label.getByTestId('advisor-plan-text')).toHaveText('100万次 × 4 + 1000万次 × 1，其余后付费 ¥616.00');
  await expect(label).toContainText('1,200,000（近 3 月平均）');
  await expect(label).toContainText('每月免费 10,000 次第 2 档（100万-300万次/月），¥2.2/千次');
  // Only the item used has a row.
  await expect(page.getByTestId(/^advisor-row-/)).toHaveCount(1);
  await snapshot(page, 'advisor');

  // A typed volume for 公众人物识别 (group B), 5,000,000 a month:
  //   tier 3 (300万–1500万), ¥1.2/千次; each month 4,990,000 charged × ¥0.0012 = ¥5,988.00
  //   postpaid only: 12 × ¥5,988.00 = ¥71,856.00; calls to pay for: 59,880,000
  //   1000万 ¥11,000 (¥1.1/千次) is the only size below ¥1.2/千次:
  //   5 × 1000万 = ¥55,000.00 + 9,880,000 × ¥0.0012 = ¥11,856.00 → ¥66,856.00;
  //   6 × 1000万 = 60,000,000 ≥ 59,880,000 calls → ¥66,000.00, the cheaper
  //   saving: ¥71,856.00 − ¥66,000.00 = ¥5,856.00
  await page.getByLabel('服务', { exact: true }).selectOption({ label: '公众人物识别' });
  await page.getByLabel('每月调用量（次）').fill('5000000');
  await page.getByRole('button', { name: '试算' }).click();
  const celebrity = page.getByTestId('advisor-row-celebrity');
  await expect(celebrity.getByTestId('advisor-postpaid')).toHaveText('¥71,856.00');
  await expect(celebrity.getByTestId('advisor-plan')).toHaveText('¥66,000.00');
  await expect(celebrity.getByTestId('advisor-saving')).toHaveText('¥5,856.00');
  await expect(celebrity.getByTestId('advisor-plan-text')).toHaveText('1000万次 × 6');
  await expect(celebrity).toContainText('5,000,000（输入）');
  // The history rows stay as they were.
  await expect(label.getByTestId('advisor-plan')).toHaveText('¥25,616.00');
  await snapshot(page, 'advisor-typed');

  // A volume the advisor refuses is said so, under the field.
  await page.getByLabel('每月调用量（次）').fill('12.5');
  await page.getByRole('button', { name: '试算' }).click();
  await expect(page.getByText('每月调用量须为整数次', { exact: true })).toBeVisible();
  await expect(celebrity.getByTestId('advisor-plan')).toHaveText('¥66,000.00'); // the last answer stays

  // 按推荐购买 opens the purchase form with the plan's largest pack: 图像标签 1000万次 × 1.
  await label.getByRole('link', { name: '按推荐购买' }).click();
  await expect(page).toHaveURL(/\/packs\/buy\?item=label&size=10m&quantity=1$/);
  await expect(page.getByRole('radiogroup', { name: '服务' }).getByRole('radio', { name: '图像标签', exact: true })).toBeChecked();
  await expect(page.getByRole('radiogroup', { name: '资源包规格' }).getByRole('radio', { name: '1000万次', exact: true })).toBeChecked();
  await expect(page.getByLabel('数量', { exact: true })).toHaveValue('1');
  await expect(page.getByTestId('pack-total')).toHaveText('¥17,000.00');
  await snapshot(page, 'advisor-buy-prefill');
});
