import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import { isPublicAddress } from './address-guard';
import { ApiError } from './envelope';

export interface ImageFetchOptions {
  timeoutMs: number;
  maxBytes: number;
  allowPrivate: boolean;
}

export type ImageFetcher = (url: string) => Promise<Buffer>;

const refusedAddress = () => new ApiError('InvalidParameterValue', 'ImageUrl 指向内网、回环或链路本地地址，不允许下载');
const downloadFailed = (why: string) => new ApiError('FailedOperation.ImageDownloadError', `图片下载失败：${why}`);
const tooLarge = (maxBytes: number) => new ApiError('LimitExceeded.TooLargeFileError', `图片超过 ${(maxBytes / 1024 / 1024).toFixed(0)} MB 上限`);

/**
 * The DNS step of the connection itself refuses private answers, so what is checked is the
 * address actually connected to (a name that re-resolves differently cannot slip through).
 */
function guardedLookup(allowPrivate: boolean): net.LookupFunction {
  return (hostname, options, callback) => {
    dns.lookup(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, '', 0);
      const usable = addresses.filter((a) => allowPrivate || isPublicAddress(a.address));
      if (usable.length === 0) return callback(Object.assign(new Error('refused address'), { code: 'EREFUSEDADDRESS' }), '', 0);
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
        return reject(new ApiError('InvalidParameterValue', 'ImageUrl 不是有效的 URL'));
      }
      if (url.protocol !== 'http:' && url.protocol !== 'https:') return reject(new ApiError('InvalidParameterValue', 'ImageUrl 仅支持 http 和 https'));
      // Node connects to an IP literal without a lookup: check it here.
      const literal = url.hostname.replace(/^\[|\]$/g, '');
      if (net.isIP(literal) && !opts.allowPrivate && !isPublicAddress(literal)) return reject(refusedAddress());

      const get = url.protocol === 'https:' ? https.get : http.get;
      const request = get(url, { lookup, headers: { 'User-Agent': 'image-analysis-console' } }, (res) => {
        if (res.statusCode !== 200) {
          res.resume();
          return fail(downloadFailed(`HTTP ${res.statusCode}`));
        }
        if (Number(res.headers['content-length']) > opts.maxBytes) return fail(tooLarge(opts.maxBytes));
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > opts.maxBytes) return fail(tooLarge(opts.maxBytes));
          chunks.push(chunk);
        });
        res.on('end', () => {
          clearTimeout(timer);
          resolve(Buffer.concat(chunks));
        });
        res.on('error', (err) => fail(downloadFailed(err.message)));
      });
      const timer = setTimeout(() => fail(downloadFailed(`超过 ${opts.timeoutMs / 1000} 秒未完成`)), opts.timeoutMs);
      request.on('error', (err: NodeJS.ErrnoException) => fail(err.code === 'EREFUSEDADDRESS' ? refusedAddress() : downloadFailed(err.message)));

      function fail(err: ApiError) {
        clearTimeout(timer);
        request.destroy();
        reject(err);
      }
    });
}
