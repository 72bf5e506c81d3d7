import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from './fixtures';
import { signedCall } from './api-call';
import { signUp, snapshot, uniqueEmail } from './helpers';
import { trpcMutation } from './trpc-call';

// 请求日志: failed requests are listed with their error code and no metered calls, next to
// the successful ones, and the result filter tells them apart.

const CAT = readFileSync(path.join(__dirname, '..', 'server', 'engines', 'fixtures', 'cat.jpg')).toString('base64');
/** A JPEG header and then nothing a decoder can use. */
const CORRUPT_JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x02, 0x03, 0x04, 0x05]).toString('base64');

test('请求日志: a corrupt image shows FailedOperation.ImageDecodeFailed with 0 metered calls; the result filter works', async ({ page, server }) => {
  await signUp(page, uniqueEmail('requests'));
  expect((await trpcMutation(page.request, 'product.activate')).error).toBeNull();
  const created = await trpcMutation<{ key: { secretId: string }; secretKey: string }>(page.request, 'apiKeys.create');
  const creds = { secretId: created.data.key.secretId, secretKey: created.data.secretKey };

  const ok = await signedCall(page.request, server.apiHost, creds, 'AssessQuality', { ImageBase64: CAT });
  expect(ok.Response.Error).toBeUndefined();
  const corrupt = await signedCall(page.request, server.apiHost, creds, 'DetectLabel', { ImageBase64: CORRUPT_JPEG });
  expect(corrupt.Response.Error?.Code).toBe('FailedOperation.ImageDecodeFailed');

  await page.getByRole('link', { name: '请求日志' }).click();
  await expect(page.getByRole('heading', { name: '请求日志' })).toBeVisible();
  const log = page.getByTestId('request-log');
  const failed = log.getByTestId(`request-${corrupt.Response.RequestId}`);
  const succeeded = log.getByTestId(`request-${ok.Response.RequestId}`);
  // Newest first. The failure's row is written by the batched writer within its interval
  // (FLUSH_EVERY_MS), so a page loaded sooner lists only the success: load it again.
  await expect(async () => {
    await page.reload();
    await expect(log.locator('tbody tr')).toHaveCount(2, { timeout: 500 });
  }).toPass({ timeout: 5_000 });
  await expect(log.locator('tbody tr').first()).toHaveAttribute('data-testid', `request-${corrupt.Response.RequestId}`);
  await expect(failed.locator('td').nth(1)).toHaveText('DetectLabel');
  await expect(failed.locator('td').nth(2)).toHaveText(creds.secretId);
  await expect(failed.getByTestId('request-result')).toHaveText('FailedOperation.ImageDecodeFailed');
  await expect(failed.locator('td').nth(4)).toHaveText('0');
  await expect(succeeded.locator('td').nth(1)).toHaveText('AssessQuality');
  await expect(succeeded.getByTestId('request-result')).toHaveText('成功');
  await expect(succeeded.locator('td').nth(4)).toHaveText('1');
  await snapshot(page, 'requests');

  const result = page.getByLabel('结果');
  await result.selectOption({ label: 'FailedOperation.ImageDecodeFailed' });
  await expect(log.locator('tbody tr')).toHaveCount(1);
  await expect(failed).toBeVisible();
  await result.selectOption({ label: '成功' });
  await expect(log.locator('tbody tr')).toHaveCount(1);
  await expect(succeeded).toBeVisible();
  await result.selectOption({ label: '全部失败' });
  await expect(log.locator('tbody tr')).toHaveCount(1);
  await expect(failed).toBeVisible();
  await result.selectOption({ label: '全部结果' });
  await expect(log.locator('tbody tr')).toHaveCount(2);

  // By action as well: the failed call was a DetectLabel.
  await page.getByLabel('接口').selectOption('AssessQuality');
  await expect(log.locator('tbody tr')).toHaveCount(1);
  await expect(succeeded).toBeVisible();
});

test('API 密钥 → 访问记录: the key’s own calls, newest first, failures included; 更多访问记录 opens 请求日志 filtered by it', async ({ page, server }) => {
  await signUp(page, uniqueEmail('key-calls'));
  expect((await trpcMutation(page.request, 'product.activate')).error).toBeNull();
  const newKey = async () => {
    const created = await trpcMutation<{ key: { secretId: string }; secretKey: string }>(page.request, 'apiKeys.create');
    return { secretId: created.data.key.secretId, secretKey: created.data.secretKey };
  };
  const [a, b] = [await newKey(), await newKey()];
  const first = await signedCall(page.request, server.apiHost, a, 'AssessQuality', { ImageBase64: CAT });
  const other = await signedCall(page.request, server.apiHost, b, 'AssessQuality', { ImageBase64: CAT });
  const missing = await signedCall(page.request, server.apiHost, a, 'CropImage', { ImageBase64: CAT, Width: 100 });
  expect([first.Response.Error, other.Response.Error, missing.Response.Error?.Code]).toEqual([undefined, undefined, 'MissingParameter']);

  await page.getByRole('link', { name: 'API 密钥' }).click();
  await expect(page).toHaveURL(/\/api-keys$/);
  const recent = page.getByTestId('key-recent-calls');
  // The failure's row is written by the request log's batched writer within FLUSH_EVERY_MS:
  // a panel opened sooner lists only the success (a clean-clone run on a fast machine did).
  await expect(async () => {
    await page.reload();
    await page.getByTestId(`key-${a.secretId}`).getByRole('button', { name: '访问记录' }).click();
    await expect(recent.locator('tbody tr')).toHaveCount(2, { timeout: 500 });
  }).toPass({ timeout: 5_000 });
  await expect(recent.locator('tbody tr').first()).toHaveAttribute('data-testid', `request-${missing.Response.RequestId}`);
  await expect(recent.getByTestId(`request-${missing.Response.RequestId}`).getByTestId('request-result')).toHaveText('MissingParameter');
  await expect(recent.getByTestId(`request-${first.Response.RequestId}`).getByTestId('request-result')).toHaveText('成功');
  await expect(recent.getByTestId(`request-${first.Response.RequestId}`).locator('td').nth(4)).toHaveText('1');
  await expect(recent.getByTestId(`request-${other.Response.RequestId}`)).toHaveCount(0);
  await snapshot(page, 'api-keys-recent-calls');

  await page.getByRole('link', { name: '更多访问记录' }).click();
  await expect(page).toHaveURL(new RegExp(`/requests\\?secretId=${a.secretId}$`));
  const log = page.getByTestId('request-log');
  await expect(log.locator('tbody tr')).toHaveCount(2);
  await expect(log.getByTestId(`request-${other.Response.RequestId}`)).toHaveCount(0);
  await page.getByLabel('密钥').selectOption({ label: '全部密钥' });
  await expect(log.locator('tbody tr')).toHaveCount(3);
});
