import http from 'node:http';
import { ApiError, errorEnvelope, newRequestId } from './envelope';

const MAX_BODY_BYTES = 6 * 1024 * 1024;

function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new ApiError('LimitExceeded.TooLargeFileError', '请求包体超过 6 MB 上限'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function send(res: http.ServerResponse, body: unknown) {
  const json = JSON.stringify(body);
  res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(json) });
  res.end(json);
}

/** Handles one API request; everything it cannot do yet is a Tencent-style error. */
async function handle(req: http.IncomingMessage): Promise<never> {
  if (req.method !== 'POST' || (req.url ?? '/').split('?')[0] !== '/') {
    throw new ApiError('UnsupportedProtocol', '仅支持 POST /');
  }
  await readBody(req);
  const authorization = req.headers.authorization;
  if (!authorization) throw new ApiError('AuthFailure.InvalidAuthorization', '缺少 Authorization 请求头');
  throw new ApiError('AuthFailure.SecretIdNotFound', '密钥不存在');
}

export function createApiServer(): http.Server {
  return http.createServer((req, res) => {
    const requestId = newRequestId();
    handle(req).catch((err: unknown) => {
      if (err instanceof ApiError) return send(res, errorEnvelope(requestId, err.code, err.message));
      console.error('[api] internal error', requestId, err);
      send(res, errorEnvelope(requestId, 'InternalError', '内部错误'));
    });
  });
}
