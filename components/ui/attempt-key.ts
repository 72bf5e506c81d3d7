/**
 * A fresh idempotency key for one attempt at a money-moving request (top-up, order,
 * payment): a double click or a retry sends the same key, so the server acts once.
 * getRandomValues works on plain-http hosts too, where crypto.randomUUID does not exist.
 */
export function newAttemptKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
