import { NotFoundError } from '@/db/not-found';
import { BillingError } from '@/server/billing';
import { MAX_INPUT_PIXELS } from '@/server/engines/decode';
import { ImageDecodeError, type ImageDecodeFailure } from '@/server/engines/errors';
import { ApiError } from './envelope';
import { apiError, type MessageId } from './messages';

// The one place that decides which Tencent error code a domain refusal becomes.

const BILLING_MESSAGES: Partial<Record<BillingError['code'], MessageId>> = {
  NotActivated: 'notActivated',
  InArrears: 'inArrears',
};

/** The documented tiia codes (docs/api.md): ImageNotSupported, ImageResolutionExceed, ImageDecodeFailed. */
function decodeRefusal(failure: ImageDecodeFailure, message: string): ApiError {
  if (failure === 'format') return apiError('imageNotSupported');
  if (failure === 'pixels') return apiError('imageResolutionExceed', { pixels: MAX_INPUT_PIXELS });
  // The detail: the library's own words (English) or our decoders' (Chinese), after our prefix.
  const detail = message.replace(/^[^：]*：/, '') || message;
  const detailEn = /[\u4e00-\u9fff]/.test(detail) ? 'corrupt, truncated or an unsupported variant' : detail;
  return apiError('imageDecodeFailed', { detail, detailEn });
}

/** The API error for a thrown value; null for a fault of ours (answered as InternalError). */
export function toApiError(err: unknown): ApiError | null {
  if (err instanceof ApiError) return err;
  // The key's account no longer exists: to the caller that is an unknown key.
  if (err instanceof NotFoundError) return apiError('secretIdNotFound');
  if (err instanceof ImageDecodeError) return decodeRefusal(err.failure, err.message);
  if (err instanceof BillingError) {
    const id = BILLING_MESSAGES[err.code];
    return id ? apiError(id) : null;
  }
  return null;
}
