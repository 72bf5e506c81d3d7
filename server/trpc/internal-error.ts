import { randomBytes } from 'node:crypto';

/**
 * An unexpected failure reaches the browser as this and nothing else: its detail (SQL,
 * file paths, a library's words) goes to the server log under the same id, for the
 * operator to find when a customer quotes it.
 */
export function reportInternalError(cause: unknown, path: string | undefined): string {
  const id = randomBytes(4).toString('hex');
  console.error(`[trpc] internal error ${id} in ${path ?? '(no procedure)'}:`, cause);
  return `内部错误（错误编号 ${id}），请稍后重试`;
}
