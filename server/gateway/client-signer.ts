import { authorizationHeader, sha256Hex } from './tc3';

export interface Credentials {
  secretId: string;
  secretKey: string;
}

/**
 * Headers of a TC3-signed POST / as the official SDKs send it. A client may reuse a
 * signature for the same body within the same second (the timestamp is all that changes),
 * which keeps the load generator's CPU for the server on a 2-core machine.
 */
export function signer(creds: Credentials, host: string, action: string, body: string) {
  const payloadHash = sha256Hex(body);
  let cachedSecond = -1;
  let cached: Record<string, string> = {};
  return (): Record<string, string> => {
    const timestamp = Math.floor(Date.now() / 1000);
    if (timestamp !== cachedSecond) {
      const contentType = 'application/json';
      const authorization = authorizationHeader(creds.secretId, {
        secretKey: creds.secretKey,
        timestamp,
        service: 'tiia',
        method: 'POST',
        path: '/',
        query: '',
        headers: [
          ['content-type', contentType],
          ['host', host],
        ],
        payloadHash,
      });
      cached = {
        Authorization: authorization,
        'Content-Type': contentType,
        Host: host,
        'X-TC-Action': action,
        'X-TC-Version': '2019-05-29',
        'X-TC-Timestamp': String(timestamp),
        'X-TC-Region': 'ap-guangzhou',
      };
      cachedSecond = timestamp;
    }
    return cached;
  };
}
