import { expect, test, type Page } from './fixtures';
import { signedCall } from './api-call';
import { signUp, snapshot } from './helpers';
import { trpcMutation } from './trpc-call';


/** A signed AssessQuality call against the API server under test; returns the error code or 'OK'. */
async function callApi(page: Page, apiHost: string, secretId: string, secretKey: string): Promise<string> {
  const { Response } = await signedCall(page.request, apiHost, { secretId, secretKey }, 'AssessQuality', { ImageBase64: 'iVBORw0KGgo=' });
  return Response.Error?.Code ?? 'OK';
}

async function confirm(page: Page, action: '禁用' | '启用' | '删除', secretId: string) {
  await page.getByTestId(`key-${secretId}`).getByRole('button', { name: action }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText(secretId);
  await dialog.getByRole('button', { name: `确定${action}` }).click();
  await expect(dialog).toBeHidden();
}

test('API keys: create (SecretKey shown once), disable, enable, delete, at most two', async ({ page, server }) => {
  await signUp(page);
  await page.getByRole('link', { name: 'API 密钥' }).click();
  await expect(page.getByText('暂无密钥')).toBeVisible();
  await expect(page.getByTestId('sdk-example')).toContainText(`endpoint: "${server.apiHost}"`);

  await page.getByRole('button', { name: '新建密钥' }).click();
  const secretId = (await page.getByTestId('secret-id').textContent())!;
  const secretKey = (await page.getByTestId('secret-key').textContent())!;
  expect(secretId).toMatch(/^AKID[A-Za-z0-9]{32}$/);
  expect(secretKey).toMatch(/^[A-Za-z0-9]{32}$/);
  const row = page.getByTestId(`key-${secretId}`);
  await expect(row).toContainText('已启用');
  await expect(row).toContainText('从未使用');
  await snapshot(page, 'api-keys-created');

  // The key signs real API calls: the signature is accepted, the product is just not activated yet.
  expect(await callApi(page, server.apiHost, secretId, secretKey)).toBe('FailedOperation.UnOpenError');
  expect(await callApi(page, server.apiHost, secretId, 'x'.repeat(32))).toBe('AuthFailure.SignatureFailure');

  await page.getByRole('button', { name: '我已保存，关闭' }).click();
  await expect(page.getByTestId('secret-key')).toBeHidden();
  await page.reload();
  await expect(row).toBeVisible();
  await expect(page.getByText(secretKey)).toHaveCount(0);
  // Last used: the calls above, which the API writes at its next cache refresh (REFRESH_MS), so a page loaded sooner shows the old value.
  await expect(async () => {
    await page.reload();
    await expect(row).not.toContainText('从未使用', { timeout: 500 });
  }).toPass({ timeout: 5_000 });

  await confirm(page, '禁用', secretId);
  await expect(row).toContainText('已禁用');
  await expect.poll(() => callApi(page, server.apiHost, secretId, secretKey), { timeout: 3_000 }).toBe('AuthFailure.SecretIdNotFound');
  await confirm(page, '启用', secretId);
  await expect(row).toContainText('已启用');
  await expect.poll(() => callApi(page, server.apiHost, secretId, secretKey), { timeout: 3_000 }).toBe('FailedOperation.UnOpenError');

  await page.getByRole('button', { name: '新建密钥' }).click();
  const secondId = (await page.getByTestId('secret-id').textContent())!;
  await expect(page.getByTestId(`key-${secondId}`)).toBeVisible();
  await expect(page.getByRole('button', { name: '新建密钥' })).toBeDisabled();
  await expect(page.getByText('已达到每个账号 2 个密钥的上限')).toBeVisible();
  await page.getByRole('button', { name: '我已保存，关闭' }).click();
  await snapshot(page, 'api-keys');

  await confirm(page, '删除', secondId);
  await expect(page.getByTestId(`key-${secondId}`)).toHaveCount(0);
  await expect(page.getByRole('button', { name: '新建密钥' })).toBeEnabled();
  await expect.poll(() => callApi(page, server.apiHost, secretId, secretKey)).toBe('FailedOperation.UnOpenError');
});

test("another account's key cannot be touched", async ({ browser }) => {
  const owner = await browser.newPage();
  await signUp(owner);
  const created = await trpcMutation<{ key: { id: number } }>(owner.request, 'apiKeys.create');
  const intruder = await browser.newPage();
  await signUp(intruder);
  for (const [path, input] of [
    ['apiKeys.setStatus', { id: created.data.key.id, status: 'disabled' }],
    ['apiKeys.remove', { id: created.data.key.id }],
  ] as const) {
    const answer = await trpcMutation(intruder.request, path, input);
    expect(answer.error).toMatchObject({ code: 'NOT_FOUND', message: '密钥不存在' });
  }
});
