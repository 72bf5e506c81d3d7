import { expect, test } from './fixtures';
import { downloadCsv } from './download-csv';
import { signUp, snapshot, uniqueEmail } from './helpers';
import { meterCalls } from './meter-calls';
import { trpcMutation, trpcQuery } from './trpc-call';

async function currentMonth(page: Parameters<typeof trpcQuery>[0]): Promise<string> {
  return (await trpcQuery<{ current: string }>(page, 'usage.months')).data.current;
}

test('用量统计 with no calls yet shows the current month and an empty state', async ({ page }) => {
  await signUp(page, uniqueEmail('usage-empty'));
  const month = await currentMonth(page.request);
  await page.getByRole('link', { name: '用量统计', exact: true }).click();
  await expect(page.getByRole('heading', { name: '用量统计' })).toBeVisible();
  await expect(page.getByLabel('月份')).toHaveValue(month);
  await expect(page.getByLabel('月份').locator('option')).toHaveText([`${Number(month.slice(0, 4))}年${Number(month.slice(5))}月（本月）`]);
  await expect(page.getByTestId('usage-empty')).toHaveText('所选月份暂无调用记录。开通图像分析并通过 API 调用后，每日用量会显示在这里。');
  await expect(page.getByRole('button', { name: '导出 CSV' })).toBeDisabled();
});

test('用量统计 shows the metered calls split into free / pack / charged, as a chart, a table and a CSV', async ({ page, server }) => {
  const email = await signUp(page, uniqueEmail('usage'));
  expect((await trpcMutation(page.request, 'product.activate')).error).toBeNull();
  const day = meterCalls(server, email, 'label', 10_002);
  expect(meterCalls(server, email, 'porn', 5)).toBe(day);
  const month = day.slice(0, 7);

  await page.getByRole('link', { name: '用量统计', exact: true }).click();
  await expect(page.getByLabel('月份')).toHaveValue(month);

  // 10,000 calls from the month's free pack, the 2 beyond it charged postpaid.
  await expect(page.getByTestId(`usage-row-${day}-label`).locator('td')).toHaveText([day, '图像标签', '10,002', '10,000', '0', '2']);
  await expect(page.getByTestId(`usage-row-${day}-porn`).locator('td')).toHaveText([day, '图像鉴黄', '5', '5', '0', '0']);
  await expect(page.getByTestId('usage-total').locator('td')).toHaveText(['合计', '全部服务', '10,007', '10,005', '0', '2']);
  await expect(page.getByTestId('usage-sum-total')).toHaveText('10,007');
  await expect(page.getByTestId('usage-sum-free')).toHaveText('10,005');
  await expect(page.getByTestId('usage-sum-pack')).toHaveText('0');
  await expect(page.getByTestId('usage-sum-charged')).toHaveText('2');

  // The chart is drawn by recharts: an SVG with one legend entry per item used.
  const chart = page.getByTestId('usage-chart');
  await expect(chart.locator('svg.recharts-surface').first()).toBeVisible();
  await expect(chart.locator('.recharts-legend-item-text')).toHaveText(['图像标签', '图像鉴黄']);
  await chart.locator('.recharts-bar-rectangle').first().hover();
  await expect(chart.locator('.recharts-tooltip-wrapper')).toContainText(`日期：${day}`);
  await expect(chart.locator('.recharts-tooltip-wrapper')).toContainText('10,002 次');
  await snapshot(page, 'usage');

  const csv = await downloadCsv(page, page.getByRole('button', { name: '导出 CSV' }));
  expect(csv.filename).toBe(`用量统计-${month}.csv`);
  expect(csv.lines).toEqual([
    '日期,服务,总调用量,免费资源包,预付费资源包,计费调用量',
    `${day},图像标签,10002,10000,0,2`,
    `${day},图像鉴黄,5,5,0,0`,
    '合计,全部服务,10007,10005,0,2',
  ]);

  // By how the calls were covered instead of by item.
  await page.getByLabel('图表').selectOption('split');
  await expect(chart.locator('.recharts-legend-item-text')).toHaveText(['免费资源包', '预付费资源包', '计费调用量']);

  // One item only: the table, the totals and the CSV follow the filter.
  await page.getByLabel('服务').selectOption({ label: '图像鉴黄' });
  await expect(page.getByTestId(`usage-row-${day}-label`)).toHaveCount(0);
  await expect(page.getByTestId('usage-total').locator('td')).toHaveText(['合计', '图像鉴黄', '5', '5', '0', '0']);
  const porn = await downloadCsv(page, page.getByRole('button', { name: '导出 CSV' }));
  expect(porn.lines.slice(1)).toEqual([`${day},图像鉴黄,5,5,0,0`, '合计,图像鉴黄,5,5,0,0']);
});

test("another account's calls never show in 用量统计", async ({ browser, server }) => {
  const first = await browser.newPage();
  const email = await signUp(first, uniqueEmail('usage-a'));
  expect((await trpcMutation(first.request, 'product.activate')).error).toBeNull();
  meterCalls(server, email, 'car', 7);
  const second = await browser.newPage();
  await signUp(second, uniqueEmail('usage-b'));
  const report = await trpcQuery<{ rows: unknown[] }>(second.request, 'usage.report', { month: await currentMonth(second.request) });
  expect(report.data.rows).toEqual([]);
});
