import path from 'node:path';
import { expect, test } from './fixtures';
import { signUp, snapshot, uniqueEmail } from './helpers';
import { trpcMutation } from './trpc-call';

// 在线调试: a photo through the real API with the account's own key, its boxes drawn on it,
// and the call counted in 用量统计 and listed in 请求日志 like any SDK call.

const COFFEE = path.join(__dirname, '..', 'server', 'engines', 'fixtures', 'coffee.jpg');

test('在线调试: DetectProduct on a photo draws the cup the API found; the call is in 用量统计 and 请求日志 within 1 s', async ({ page, server }) => {
  await signUp(page, uniqueEmail('explorer'));
  expect((await trpcMutation(page.request, 'product.activate')).error).toBeNull();

  // With no key yet, the page sends the customer to API 密钥 instead.
  await page.getByRole('link', { name: '在线调试' }).click();
  await expect(page.getByRole('heading', { name: '在线调试' })).toBeVisible();
  await expect(page.getByRole('button', { name: '发送请求' })).toBeDisabled();
  await page.getByTestId('explorer-no-key').getByRole('link', { name: 'API 密钥' }).click();
  await expect(page).toHaveURL(/\/api-keys$/);
  await page.getByRole('button', { name: '新建密钥' }).click();
  const secretId = (await page.getByTestId('secret-id').textContent())!;
  await page.getByRole('button', { name: '我已保存，关闭' }).click();

  await page.getByRole('link', { name: '在线调试' }).click();
  await expect(page.getByLabel('密钥（SecretId）')).toHaveValue(/\d+/);
  await expect(page.getByLabel('密钥（SecretId）').locator('option:checked')).toHaveText(secretId);
  await expect(page.getByText('这是一次真实的 API 调用：用所选密钥签名')).toBeVisible();

  // Checked before anything is sent (the exact usage count below shows nothing was).
  await page.getByLabel('接口').selectOption('DetectProduct');
  await page.getByRole('button', { name: '发送请求' }).click();
  await expect(page.getByText('请上传图片或填写图片 URL')).toBeVisible();
  await expect(page.getByTestId('explorer-response')).toHaveCount(0);

  await page.getByLabel('图片文件').setInputFiles(COFFEE);
  // The same request as code: the chosen key, this deployment's endpoint, the file read from disk.
  const node = page.getByTestId('explorer-code-node');
  await expect(node).toContainText(`secretId: "${secretId}", secretKey: "<SecretKey>"`);
  await expect(node).toContainText(`endpoint: "${server.apiHost}"`);
  await expect(node).toContainText('ImageBase64: fs.readFileSync("coffee.jpg").toString("base64")');
  await expect(node).toContainText('client.DetectProduct(params)');
  await page.getByRole('tab', { name: 'curl（TC3 签名）' }).click();
  await expect(page.getByTestId('explorer-code-curl')).toContainText(`HOST='${server.apiHost}'`);

  await page.getByRole('button', { name: '发送请求' }).click();
  const response = page.getByTestId('explorer-response');
  await expect(response).toContainText('"Name": "杯子"', { timeout: 30_000 }); // the detector's first run on a cold server
  const requestId = (await page.getByTestId('explorer-request-id').textContent())!;
  expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
  await expect(response).toContainText(`"RequestId": "${requestId}"`);
  await expect(page.getByTestId('explorer-calls')).toHaveText('1');
  await expect(page.getByTestId('explorer-latency')).toHaveText(/^\d+\.\d$/);

  // Every product of the answer is a box on the picture, labelled with its name from the JSON.
  const answer = JSON.parse((await response.textContent())!) as { Response: { Products: { Name: string }[] } };
  const boxes = page.getByTestId('explorer-box');
  await expect(boxes).toHaveCount(answer.Response.Products.length);
  await expect(boxes.first()).toHaveText('杯子');
  for (const label of await page.getByTestId('explorer-box-label').allTextContents()) expect(answer.Response.Products.map((p) => p.Name)).toContain(label);
  const picture = await page.getByRole('img', { name: '发送的图片' }).boundingBox();
  const cup = await boxes.first().boundingBox();
  expect(picture && cup).toBeTruthy();
  expect(cup!.width * cup!.height).toBeGreaterThan(0.05 * picture!.width * picture!.height);
  expect(cup!.x).toBeGreaterThanOrEqual(picture!.x - 1);
  expect(cup!.y).toBeGreaterThanOrEqual(picture!.y - 1);
  expect(cup!.x + cup!.width).toBeLessThanOrEqual(picture!.x + picture!.width + 1);
  expect(cup!.y + cup!.height).toBeLessThanOrEqual(picture!.y + picture!.height + 1);
  await snapshot(page, 'explorer');

  // Metered like an SDK call: one 商品识别 call, from the free pack. "Within 1 s" bounds the
  // data, not how fast a loaded 2-core machine draws a page: each page is first waited for
  // until it has drawn what it loaded (its figures or its empty state; it does not refetch),
  // and then the call must be in it within 1 s.
  await page.getByRole('link', { name: '用量统计', exact: true }).click();
  await expect(page.getByTestId('usage-sum-total').or(page.getByTestId('usage-empty')).first()).toBeVisible();
  await expect(page.getByTestId('usage-sum-total')).toHaveText('1', { timeout: 1_000 });
  await expect(page.getByTestId('usage-total').locator('td')).toHaveText(['合计', '全部服务', '1', '1', '0', '0']);
  await expect(page.locator('[data-testid^="usage-row-"][data-testid$="-product"] td').nth(1)).toHaveText('商品识别');

  await page.getByRole('link', { name: '请求日志' }).click();
  const log = page.getByTestId('request-log');
  await expect(log).toBeVisible();
  const row = log.getByTestId(`request-${requestId}`);
  await expect(row).toBeVisible({ timeout: 1_000 });
  await expect(row.locator('td').nth(1)).toHaveText('DetectProduct');
  await expect(row.locator('td').nth(2)).toHaveText(secretId);
  await expect(row.getByTestId('request-result')).toHaveText('成功');
  await expect(row.locator('td').nth(4)).toHaveText('1');
  await expect(log.locator('tbody tr')).toHaveCount(1);
});

test('在线调试 shows the API’s refusal: CropImage with a bad ratio is refused in Chinese before sending; the API’s own refusal shows its code, nothing metered', async ({ page }) => {
  await signUp(page, uniqueEmail('explorer-refused'));
  expect((await trpcMutation(page.request, 'apiKeys.create')).error).toBeNull();
  await page.goto('/explorer');
  await page.getByLabel('接口').selectOption('CropImage');
  await page.getByLabel('宽度（Width）').fill('');
  await page.getByLabel('高度（Height）').fill('1.5');
  await page.getByLabel('图片文件').setInputFiles({ name: 'broken.png', mimeType: 'image/png', buffer: Buffer.from('not a png at all') });
  await expect(page.getByTestId('explorer-file-name')).toHaveText('broken.png');
  await page.getByRole('button', { name: '发送请求' }).click();
  await expect(page.getByText('请填写宽度')).toBeVisible();
  await expect(page.getByText('高度须为正整数')).toBeVisible();

  // The product is not activated: the API's own code and message, nothing metered.
  await page.getByLabel('宽度（Width）').fill('16');
  await page.getByLabel('高度（Height）').fill('9');
  await page.getByRole('button', { name: '发送请求' }).click();
  await expect(page.getByTestId('explorer-error-code')).toHaveText('FailedOperation.UnOpenError');
  await expect(page.getByTestId('explorer-calls')).toHaveText('0');
  await expect(page.getByTestId('explorer-response')).toContainText('"Code": "FailedOperation.UnOpenError"');
  await expect(page.getByTestId('explorer-box')).toHaveCount(0);

  // Scenes are sent in the API's order, whatever order they were ticked in.
  await page.getByLabel('接口').selectOption('DetectLabel');
  await expect(page.getByRole('checkbox', { name: 'WEB 网络图片' })).toBeChecked();
  await page.getByRole('checkbox', { name: 'NEWS 新闻' }).check();
  await page.getByRole('tab', { name: 'Python SDK' }).click();
  await expect(page.getByTestId('explorer-code-python')).toContainText('"Scenes": ["WEB", "NEWS"],');
  await expect(page.getByTestId('explorer-code-python')).toContainText('"ImageBase64": base64.b64encode(open("broken.png", "rb").read()).decode(),');
});
