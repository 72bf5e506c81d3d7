import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import { isPublicAddress } from './address-guard';
import type { ApiError } from './envelope';
import { apiError } from './messages';

export interface ImageFetchOptions {
  timeoutMs: number;
  maxBytes: number;
  allowPrivate: boolean;
}

export type ImageFetcher = (url: string) => Promise<Buffer>;

/** Why a download failed: a class, never the socket's own words (they map the network). */
export type DownloadFailure =
  | { reason: 'timeout'; timeoutMs: number }
  | { reason: 'tooLarge'; maxBytes: number }
  | { reason: 'refusedAddress' }
  | { reason: 'httpStatus'; status: number }
  | { reason: 'connection' };

// Download failures in words (both languages: server/gateway/messages.ts). Too
// large keeps the code an oversized ImageBase64 gets; everything else is the official
// FailedOperation.ImageDownloadError.
export function downloadError(failure: DownloadFailure): ApiError {
  switch (failure.reason) {
    case 'timeout':
      return apiError('imageDownloadTimeout', { seconds: failure.timeoutMs / 1000 });
    case 'tooLarge':
      return apiError('imageDownloadTooLarge', { size: sizeText(failure.maxBytes) });
    case 'refusedAddress':
      return apiError('imageDownloadRefusedAddress');
    case 'httpStatus':
      return apiError('imageDownloadHttpStatus', { status: failure.status });
    case 'connection':
      return apiError('imageDownloadConnection');
  }
}

const sizeText = (bytes: number) => (bytes >= 1024 * 1024 ? `${+(bytes / 1024 / 1024).toFixed(1)} MB ` : `${+(bytes / 1024).toFixed(1)} KB `);

const REFUSED = 'EREFUSEDADDRESS';

/**
 * The DNS step of the connection itself refuses non-public answers, so what is checked is
 * the address actually connected to: a name that re-resolves differently between a check
 * and the connect (DNS rebinding) has no window to slip through.
 */
function guardedLookup(allowPrivate: boolean): net.LookupFunction {
  return (hostname, options, callback) => {
    dns.lookup(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, '', 0);
      const usable = addresses.filter((a) => allowPrivate || isPublicAddress(a.address));
      if (usable.length === 0) return callback(Object.assign(new Error('refused address'), { code: REFUSED }), '', 0);
      if (options.all) return (callback as unknown as (e: null, a: dns.LookupAddress[]) => void)(null, usable);
      callback(null, usable[0].address, usable[0].family);
    });
  };
}

export function createImageFetcher(opts: ImageFetchOptions): ImageFetcher {
  const lookup = guardedLookup(opts.allowPrivate);
  return (rawUrl) =>
    new Promise((resolve, reject) => {
      let url: URL;
      try {
        url = new URL(rawUrl);
      } catch {
        return reject(apiError('imageUrlInvalid'));
      }
      if (url.protocol !== 'http:' && url.protocol !== 'https:') return reject(apiError('imageUrlScheme'));
      // Node connects to an IP literal without a lookup: check it here.
      const literal = url.hostname.replace(/^\[|\]$/g, '');
      if (net.isIP(literal) && !opts.allowPrivate && !isPublicAddress(literal)) return reject(downloadError({ reason: 'refusedAddress' }));

      const get = url.protocol === 'https:' ? https.get : http.get;
      const request = get(url, { lookup, headers: { 'User-Agent': 'image-analysis-console' } }, (res) => {
        if (res.statusCode !== 200) {
          res.resume();
          return fail({ reason: 'httpStatus', status: res.statusCode ?? 0 });
        }
        if (Number(res.headers['content-length']) > opts.maxBytes) return fail({ reason: 'tooLarge', maxBytes: opts.maxBytes });
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > opts.maxBytes) return fail({ reason: 'tooLarge', maxBytes: opts.maxBytes });
          chunks.push(chunk);
        });
        res.on('end', () => {
          clearTimeout(timer);
          resolve(Buffer.concat(chunks));
        });
        res.on('error', () => fail({ reason: 'connection' }));
      });
      const timer = setTimeout(() => fail({ reason: 'timeout', timeoutMs: opts.timeoutMs }), opts.timeoutMs);
      request.on('error', (err: NodeJS.ErrnoException) => fail(err.code === REFUSED ? { reason: 'refusedAddress' } : { reason: 'connection' }));

      // A second failure (destroy() raising ECONNRESET) rejects a settled promise: a no-op.
      function fail(failure: DownloadFailure) {
        clearTimeout(timer);
        request.destroy();
        reject(downloadError(failure));
      }
    });
}
