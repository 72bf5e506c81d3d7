import type http from 'node:http';
import { apiError } from './messages';

/** The request body cap: a 4 MB base64 image plus the JSON around it. */
export const MAX_BODY_BYTES = 6 * 1024 * 1024;

/** Past the 6 MB of a TC3 POST, the image limit's code; past a smaller cap (a GET, a v1 form), API 3.0's. */
export const bodyTooLarge = (maxBytes = MAX_BODY_BYTES, method = 'POST') =>
  maxBytes >= MAX_BODY_BYTES ? apiError('bodyTooLarge', { mb: MAX_BODY_BYTES / 1024 / 1024 }) : apiError('requestTooLarge', { method, kb: Math.round(maxBytes / 1024) });

/**
 * Reads the whole body, refusing it as soon as it passes the cap. The rest of an oversized
 * body is discarded rather than the socket destroyed, so the caller still gets its answer.
 */
export function readBody(req: http.IncomingMessage, maxBytes = MAX_BODY_BYTES): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length']);
    if (declared > maxBytes) {
      req.resume();
      reject(bodyTooLarge(maxBytes, req.method));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let refused = false;
    req.on('data', (chunk: Buffer) => {
      if (refused) return;
      size += chunk.length;
      if (size > maxBytes) {
        refused = true;
        chunks.length = 0;
        reject(bodyTooLarge(maxBytes, req.method));
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}
