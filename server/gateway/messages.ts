import type { IncomingHttpHeaders } from 'node:http';
import { ApiError } from './envelope';

// Every error message the API answers, in both languages X-TC-Language offers (SPEC §13).
// A template's {name} is filled from the error's parameters. Code that still throws
// ApiError with a plain Chinese message (e.g. the image fetcher) is translated by matching
// that message against the zh templates of its code, so no message needs a second home.

export type Language = 'zh-CN' | 'en-US';
export type MessageParams = Readonly<Record<string, string | number>>;

interface Entry {
  code: string;
  zh: string;
  en: string;
}

const entry = (code: string, zh: string, en: string): Entry => ({ code, zh, en });

export const MESSAGES = {
  missingAuthorization: entry('AuthFailure.InvalidAuthorization', '缺少 Authorization 请求头', 'The Authorization header is missing'),
  malformedAuthorization: entry(
    'AuthFailure.InvalidAuthorization',
    'Authorization 请求头不符合 TC3-HMAC-SHA256 规范',
    'The Authorization header does not follow TC3-HMAC-SHA256',
  ),
  signedHeadersIncomplete: entry('AuthFailure.InvalidAuthorization', 'SignedHeaders 必须包含 content-type 和 host', 'SignedHeaders must include content-type and host'),
  signedHeaderAbsent: entry('AuthFailure.InvalidAuthorization', '签名头部 {name} 未随请求发送', 'The signed header {name} was not sent'),
  legacySignature: entry(
    'AuthFailure.SignatureFailure',
    '图像分析（tiia）的所有接口只接受签名方法 v3（TC3-HMAC-SHA256），不支持 {method} 签名，请改用 TC3-HMAC-SHA256',
    'Every tiia action requires signature method v3 (TC3-HMAC-SHA256); {method} signatures are not accepted, sign with TC3-HMAC-SHA256',
  ),
  missingTimestamp: entry('MissingParameter', '缺少 X-TC-Timestamp 请求头', 'The X-TC-Timestamp header is missing'),
  badTimestamp: entry('InvalidParameterValue', 'X-TC-Timestamp 必须是 Unix 秒级时间戳', 'X-TC-Timestamp must be a Unix time in seconds'),
  signatureExpired: entry(
    'AuthFailure.SignatureExpire',
    '签名已过期：X-TC-Timestamp 与服务器时间相差超过 {seconds} 秒',
    'Signature expired: X-TC-Timestamp is more than {seconds} seconds away from the server time',
  ),
  credentialDate: entry(
    'AuthFailure.SignatureFailure',
    'Credential 中的日期与 X-TC-Timestamp 的 UTC 日期不一致',
    'The date in Credential is not the UTC date of X-TC-Timestamp',
  ),
  credentialService: entry('AuthFailure.SignatureFailure', 'Credential 中的服务名必须是 {service}', 'The service in Credential must be {service}'),
  secretIdNotFound: entry('AuthFailure.SecretIdNotFound', '密钥不存在或已被禁用', 'The SecretId does not exist or is disabled'),
  signatureMismatch: entry(
    'AuthFailure.SignatureFailure',
    '签名校验失败，请检查 SecretKey 和签名方法',
    'The signature does not match; check the SecretKey and the signing steps',
  ),
  unsupportedMethod: entry('UnsupportedProtocol', '仅支持 GET 和 POST 请求', 'Only GET and POST requests are supported'),
  missingActionHeader: entry('MissingParameter', '缺少 X-TC-Action 请求头', 'The X-TC-Action header is missing'),
  missingVersionHeader: entry('MissingParameter', '缺少 X-TC-Version 请求头', 'The X-TC-Version header is missing'),
  unsupportedVersion: entry('InvalidParameterValue', '不支持的 Version {version}，应为 {expected}', 'Version {version} is not supported; use {expected}'),
  unknownAction: entry('InvalidAction', '接口 {action} 不存在', 'The action {action} does not exist'),
  notActivated: entry('FailedOperation.UnOpenError', '图像分析服务尚未开通，请先在控制台开通', 'The image analysis service is not activated; activate it in the console first'),
  rateLimited: entry('RequestLimitExceeded', '请求频率超过限制（{qps} 次/秒）', 'Request rate over the limit ({qps} per second)'),
  inArrears: entry(
    'ResourceUnavailable.InArrears',
    '账户已欠费且没有可用的免费或预付费资源包，请充值后重试',
    'The account is in arrears and has no usable free or prepaid pack; top up and retry',
  ),
  bodyNotJson: entry('InvalidParameter', '请求包体不是有效的 JSON', 'The request body is not valid JSON'),
  bodyNotObject: entry('InvalidParameter', '请求包体必须是 JSON 对象', 'The request body must be a JSON object'),
  queryMalformed: entry('InvalidParameter', '查询参数 {name} 的写法无效', 'The query parameter {name} is malformed'),
  bodyTooLarge: entry('LimitExceeded.TooLargeFileError', '请求包体超过 {mb} MB 上限', 'The request body is over the {mb} MB limit'),
  requestTooLarge: entry('RequestSizeLimitExceeded', '{method} 请求的请求包超过 {kb} KB 上限', 'The {method} request is over the {kb} KB limit'),
  missingParameter: entry('MissingParameter', '缺少参数 {name}', 'Missing parameter {name}'),
  positiveInteger: entry('InvalidParameterValue', '{name} 必须是正整数', '{name} must be a positive integer'),
  notString: entry('InvalidParameterValue', '{name} 必须是字符串', '{name} must be a string'),
  missingImage: entry('MissingParameter', '缺少参数 ImageUrl 或 ImageBase64', 'Missing parameter ImageUrl or ImageBase64'),
  base64TooLarge: entry('LimitExceeded.TooLargeFileError', 'ImageBase64 超过 4 MB 上限', 'ImageBase64 is over the 4 MB limit'),
  badBase64: entry(
    'InvalidParameterValue',
    'ImageBase64 不是有效的 Base64 编码（不要带 data:image/...;base64, 头部）',
    'ImageBase64 is not valid Base64 (leave out any data:image/...;base64, prefix)',
  ),
  sceneList: entry('InvalidParameterValue', 'Scenes 必须是非空的字符串数组，可选值 {choices}', 'Scenes must be a non-empty list of strings, one of {choices}'),
  unknownScene: entry('InvalidParameterValue', '不支持的场景 {scene}，可选值 {choices}', 'Scene {scene} is not supported; choose from {choices}'),
  sceneWithoutEngine: entry(
    'UnsupportedOperation',
    '本部署尚未提供{engine}引擎，场景 {scene} 暂不可用，调用不计费',
    'This deployment has no {engineEn} engine; scene {scene} is unavailable and the call is not billed',
  ),
  noFace: entry('InvalidParameterValue.NoFaceInPhoto', '图片中没有检测到人脸', 'No face was found in the image'),
  imageDecodeFailed: entry('FailedOperation.ImageDecodeFailed', '图片解码失败：{detail}', 'The image could not be decoded: {detailEn}'),
  imageNotSupported: entry(
    'FailedOperation.ImageNotSupported',
    '图片格式不支持，仅支持 PNG、JPG、JPEG、BMP',
    'Unsupported image format; PNG, JPG, JPEG and BMP are accepted',
  ),
  imageResolutionExceed: entry('FailedOperation.ImageResolutionExceed', '图片像素超过 {pixels} 上限', 'The image has more than {pixels} pixels'),
  // The image fetcher's reason classes (fetch-image.ts): never the socket's own error text.
  imageDownloadTimeout: entry('FailedOperation.ImageDownloadError', '图片下载失败：超时（{seconds} 秒内未完成）', 'Image download failed: timed out (not finished within {seconds} s)'),
  imageDownloadTooLarge: entry('LimitExceeded.TooLargeFileError', '图片下载失败：图片过大（超过 {size}上限）', 'Image download failed: the image is over the {size}limit'),
  imageDownloadRefusedAddress: entry('FailedOperation.ImageDownloadError', '图片下载失败：地址不允许（仅允许公网地址）', 'Image download failed: address not allowed (public addresses only)'),
  imageDownloadHttpStatus: entry('FailedOperation.ImageDownloadError', '图片下载失败：HTTP 状态码 {status}', 'Image download failed: HTTP status {status}'),
  imageDownloadConnection: entry('FailedOperation.ImageDownloadError', '图片下载失败：连接失败', 'Image download failed: connection failed'),
  imageUrlInvalid: entry('InvalidParameterValue', 'ImageUrl 不是有效的 URL', 'ImageUrl is not a valid URL'),
  imageUrlScheme: entry('InvalidParameterValue', 'ImageUrl 仅支持 http 和 https', 'ImageUrl must be http or https'),
  imageTooLarge: entry('LimitExceeded.TooLargeFileError', '图片超过 {mb} MB 上限', 'The image is over the {mb} MB limit'),
  internalError: entry('InternalError', '内部错误，请稍后重试', 'Internal error; retry later'),
} as const satisfies Record<string, Entry>;

export type MessageId = keyof typeof MESSAGES;

function render(template: string, params: MessageParams): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** The refusal `id` names, its message rendered in Chinese (what logs and older callers read). */
export function apiError(id: MessageId, params: MessageParams = {}): ApiError {
  const { code, zh } = MESSAGES[id];
  return new ApiError(code, render(zh, params), { id, params });
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A zh template as a pattern whose named groups capture its parameters. */
function zhPattern(template: string): RegExp {
  const parts = template.split(/(\{\w+\})/);
  return new RegExp(`^${parts.map((p) => (/^\{\w+\}$/.test(p) ? `(?<${p.slice(1, -1)}>.*)` : escapeRegExp(p))).join('')}$`, 's');
}

const placeholders = (template: string) => [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);

/** Entries a plain Chinese message can be translated by: their English needs only what the Chinese holds. */
const PATTERNS = Object.values(MESSAGES)
  .filter((e) => placeholders(e.en).every((name) => placeholders(e.zh).includes(name)))
  .map((e) => ({ ...e, pattern: zhPattern(e.zh) }));

function englishOf(err: ApiError): string {
  if (err.text && err.text.id in MESSAGES) return render(MESSAGES[err.text.id as MessageId].en, err.text.params);
  for (const e of PATTERNS) {
    if (e.code !== err.code) continue;
    const groups = e.pattern.exec(err.message)?.groups;
    if (!groups) continue;
    return render(e.en, groups);
  }
  // A message this catalog does not know yet: the Chinese text is better than none.
  return err.message;
}

export function localizedMessage(err: ApiError, language: Language): string {
  return language === 'en-US' ? englishOf(err) : err.message;
}

/** X-TC-Language picks the language; anything but en-US (or none) is Chinese, the default. */
export function requestLanguage(headers: IncomingHttpHeaders, fallback?: string | null): Language {
  const value = headers['x-tc-language'];
  const asked = (Array.isArray(value) ? value[0] : value) ?? fallback;
  return asked === 'en-US' ? 'en-US' : 'zh-CN';
}
