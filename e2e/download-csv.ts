import fs from 'node:fs';
import { expect, type Locator, type Page } from '@playwright/test';

/** Clicks an 导出 CSV button and returns the file's name and lines (BOM checked and removed). */
export async function downloadCsv(page: Page, button: Locator): Promise<{ filename: string; lines: string[] }> {
  const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
  const text = fs.readFileSync(await download.path(), 'utf8');
  expect(text.startsWith('\uFEFF'), 'CSV starts with a UTF-8 BOM so Excel reads the Chinese').toBe(true);
  return { filename: download.suggestedFilename(), lines: text.slice(1).split('\r\n').filter((l) => l !== '') };
}
