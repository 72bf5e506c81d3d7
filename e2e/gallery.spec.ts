import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from './fixtures';
import { signer } from '../server/gateway/client-signer';
import { grantOperator } from './account-cli';
import { signUp, snapshot } from './helpers';
import { trpcMutation, trpcQuery } from './trpc-call';

// 人物库: operator@example.com is granted the role by the operator CLI after signing up.

const ASTRONAUT = path.join(__dirname, '..', 'server', 'engines', 'fixtures', 'astronaut.jpg');

/** The names DetectCelebrity gives the astronaut photo, through the API server under test. */
async function celebrityNames(page: Page, apiHost: string, secretId: string, secretKey: string): Promise<string[]> {
  const body = JSON.stringify({ ImageBase64: readFileSync(ASTRONAUT).toString('base64') });
  const headers = signer({ secretId, secretKey }, apiHost, 'DetectCelebrity', body)();
  const { Response } = await (await page.request.post(`http://${apiHost}/`, { data: body, headers })).json();
  return (Response.Faces ?? []).map((f: { Name: string }) => f.Name);
}

test('an operator adds a person and a reference photo; the API names the face within a second', async ({ page, server }) => {
  await signUp(page, 'operator@example.com');
  grantOperator(server, 'operator@example.com');
  await page.reload();
  await page.getByRole('link', { name: '人物库' }).click();
  await expect(page).toHaveURL(/\/gallery$/);
  await expect(page.getByText('暂无人物')).toBeVisible();
  // A first call loads the face models (seconds on a busy machine): made before the change,
  // untimed, so the polls below time how soon the API sees the gallery, and it shows that
  // the face is unknown until then.
  expect((await trpcMutation(page.request, 'product.activate')).error).toBeNull();
  const key = await trpcMutation<{ key: { secretId: string }; secretKey: string }>(page.request, 'apiKeys.create');
  expect(await celebrityNames(page, server.apiHost, key.data.key.secretId, key.data.secretKey)).toEqual(['']);

  await page.getByLabel('类型').selectOption({ label: '公众人物' });
  await page.getByLabel('姓名').fill('Eileen Collins');
  await page.getByLabel('标签').fill('宇航员, NASA');
  await page.getByLabel('基本信息').fill('美国宇航员');
  await page.getByRole('button', { name: '添加', exact: true }).click();
  const row = page.getByTestId('persons').getByRole('row', { name: /Eileen Collins/ });
  await expect(row).toContainText('未上传');
  await expect(row).toContainText('NASA');

  await row.getByLabel('上传 Eileen Collins 的参考照片').setInputFiles(ASTRONAUT);
  await expect(row).toContainText('1 张');
  await snapshot(page, 'gallery');

  // The API server (another process) picks the change up from the database.
  await expect.poll(() => celebrityNames(page, server.apiHost, key.data.key.secretId, key.data.secretKey), { timeout: 3_000 }).toEqual(['Eileen Collins']);

  await row.getByRole('button', { name: '删除' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('Eileen Collins');
  await dialog.getByRole('button', { name: '删除' }).click();
  await expect(page.getByText('暂无人物')).toBeVisible();
  await expect.poll(() => celebrityNames(page, server.apiHost, key.data.key.secretId, key.data.secretKey), { timeout: 3_000 }).toEqual(['']);
});

test('a normal user sees no 人物库 entry, the page says 无权访问 and the API refuses', async ({ page }) => {
  await signUp(page);
  await expect(page.getByRole('link', { name: 'API 密钥' })).toBeVisible();
  await expect(page.getByRole('link', { name: '人物库' })).toHaveCount(0);
  await page.goto('/gallery');
  await expect(page.getByText('无权访问')).toBeVisible();
  await snapshot(page, 'gallery-forbidden');
  const list = await trpcQuery(page.request, 'gallery.list', { kind: 'celebrity' });
  expect(list.error?.code).toBe('FORBIDDEN');
});
