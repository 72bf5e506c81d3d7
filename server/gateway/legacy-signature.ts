import type { RequestHead } from './authenticate';

// Signature method v1 (HmacSHA1 / HmacSHA256): no Authorization header, the credential
// travels as the form fields SecretId, Nonce, Timestamp, SignatureMethod and Signature —
// in the query of a GET, in an application/x-www-form-urlencoded body of a POST (API 3.0
// allows only v1 with that content type). Every tiia action requires v3, so such a
// request is refused (SPEC §13) before anything else is looked at.

export interface LegacyRequest {
  method: string;
  /** The Action field, when the query holds the fields. */
  action: string | null;
  /** Where the v1 fields are: known from the query, or in a form body still to be read. */
  fieldsIn: 'query' | 'body';
}

/** Signature method v1 caps a POST body at 1 MB (API 3.0 request structure). */
export const LEGACY_MAX_BODY_BYTES = 1024 * 1024;

function isFormPost(head: RequestHead): boolean {
  const type = head.headers['content-type'] ?? '';
  return head.method === 'POST' && /^application\/x-www-form-urlencoded\s*(;|$)/i.test(type);
}

/** The v1 request this is, or null for anything else (which TC3 checking then refuses or admits). */
export function legacySignature(head: RequestHead): LegacyRequest | null {
  if (head.headers.authorization !== undefined) return null;
  const query = new URLSearchParams(head.query);
  if (query.has('Signature') || query.has('SignatureMethod')) return { method: query.get('SignatureMethod') ?? 'HmacSHA1', action: query.get('Action'), fieldsIn: 'query' };
  return isFormPost(head) ? { method: 'HmacSHA1', action: null, fieldsIn: 'body' } : null;
}

/** The SignatureMethod, Action and Language fields of a v1 form body. */
export function legacyFormFields(body: Buffer): { method: string | null; action: string | null; language: string | null } {
  const form = new URLSearchParams(body.toString('utf8'));
  return { method: form.get('SignatureMethod'), action: form.get('Action'), language: form.get('Language') };
}
