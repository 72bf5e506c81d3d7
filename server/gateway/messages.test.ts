import { describe, expect, it } from 'vitest';
import { ImageDecodeError } from '@/server/engines/errors';
import { ApiError } from './envelope';
import { toApiError } from './errors';
import { apiError, localizedMessage, MESSAGES, requestLanguage } from './messages';

const CJK = /[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]/;

describe('the error message catalog', () => {
  it('has an English text for every message, with no Chinese left in it', () => {
    for (const [id, { zh, en }] of Object.entries(MESSAGES)) {
      expect(CJK.test(zh), id).toBe(true);
      expect(CJK.test(en), id).toBe(false);
    }
  });

  it('renders parameters in both languages; Chinese is the message the error carries', () => {
    const err = apiError('missingParameter', { name: 'Width' });
    expect(err).toMatchObject({ code: 'MissingParameter', message: '缺少参数 Width' });
    expect(localizedMessage(err, 'zh-CN')).toBe('缺少参数 Width');
    expect(localizedMessage(err, 'en-US')).toBe('Missing parameter Width');
  });

  it('gives a decoder failure in English without the Chinese decoders\' words', () => {
    const bmp = toApiError(new ImageDecodeError('BMP 图片无法解码：文件头不完整'))!;
    expect(bmp.message).toBe('图片解码失败：文件头不完整');
    expect(localizedMessage(bmp, 'en-US')).toBe('The image could not be decoded: corrupt, truncated or an unsupported variant');
    const sharp = toApiError(new ImageDecodeError('图片解码失败：VipsJpeg: Premature end of input file'))!;
    expect(localizedMessage(sharp, 'en-US')).toBe('The image could not be decoded: VipsJpeg: Premature end of input file');
    expect(toApiError(new ImageDecodeError('图片像素超过 40000000 上限', 'pixels'))).toMatchObject({ code: 'FailedOperation.ImageResolutionExceed' });
  });

  it('translates a plain Chinese ApiError by matching it against the templates of its code', () => {
    const download = (why: string) => new ApiError('FailedOperation.ImageDownloadError', `图片下载失败：${why}`);
    expect(localizedMessage(download('HTTP 状态码 404'), 'en-US')).toBe('Image download failed: HTTP status 404');
    expect(localizedMessage(download('超时（3 秒内未完成）'), 'en-US')).toBe('Image download failed: timed out (not finished within 3 s)');
    // A reason the catalog does not name stays as it is: the fetcher never words one itself.
    expect(localizedMessage(download('别的原因'), 'en-US')).toBe('图片下载失败：别的原因');
    expect(localizedMessage(new ApiError('LimitExceeded.TooLargeFileError', '图片超过 3 MB 上限'), 'en-US')).toBe('The image is over the 3 MB limit');
    // An entry whose English needs more than the Chinese says is not matched (it is only made by apiError).
    expect(localizedMessage(new ApiError('FailedOperation.ImageDecodeFailed', '图片解码失败：坏了'), 'en-US')).toBe('图片解码失败：坏了');
    // Same words under another code, or words the catalog does not know: left as they are.
    expect(localizedMessage(new ApiError('InternalError', '图片超过 3 MB 上限'), 'en-US')).toBe('图片超过 3 MB 上限');
  });

  it('reads X-TC-Language: en-US gives English, anything else or nothing Chinese', () => {
    expect(requestLanguage({ 'x-tc-language': 'en-US' })).toBe('en-US');
    expect(requestLanguage({ 'x-tc-language': 'zh-CN' })).toBe('zh-CN');
    expect(requestLanguage({ 'x-tc-language': 'fr-FR' })).toBe('zh-CN');
    expect(requestLanguage({})).toBe('zh-CN');
    // A v1 request carries Language as a field instead; the header wins when both are sent.
    expect(requestLanguage({}, 'en-US')).toBe('en-US');
    expect(requestLanguage({ 'x-tc-language': 'zh-CN' }, 'en-US')).toBe('zh-CN');
  });
});
