import { NotFoundError } from '@/db/not-found';
import { BillingError } from '@/server/billing';
import { ImageDecodeError } from '@/server/engines/errors';
import { ApiError } from './envelope';

// The one place that decides which Tencent error code a domain refusal becomes.

const BILLING_CODES: Partial<Record<BillingError['code'], string>> = {
  NotActivated: 'FailedOperation.UnOpenError',
  InArrears: 'ResourceUnavailable.InArrears',
};

/** The API error for a thrown value; null for a fault of ours (answered as InternalError). */
export function toApiError(err: unknown): ApiError | null {
  if (err instanceof ApiError) return err;
  // The key's account no longer exists: to the caller that is an unknown key.
  if (err instanceof NotFoundError) return new ApiError('AuthFailure.SecretIdNotFound', '密钥不存在或已被禁用');
  if (err instanceof ImageDecodeError) return new ApiError('FailedOperation.ImageDecodeFailed', err.message);
  if (err instanceof BillingError) {
    const code = BILLING_CODES[err.code];
    return code ? new ApiError(code, err.message) : null;
  }
  return null;
}
