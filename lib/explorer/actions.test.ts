import { describe, expect, it } from 'vitest';
import { ACTION_SPECS, buildParams, EXPLORER_ACTIONS, MAX_BASE64_CHARS, type ExplorerForm } from './actions';

const photo = { kind: 'upload', base64: 'iVBORw0KGgo=', fileName: 'cat.png' } as const;
const form = (patch: Partial<ExplorerForm>): ExplorerForm => ({ action: 'AssessQuality', image: photo, scenes: [], width: '', height: '', extra: '', ...patch });

describe('the explorer actions', () => {
  it('are the eight of the API', () => {
    expect(EXPLORER_ACTIONS).toEqual(['DetectLabel', 'DetectProduct', 'DetectCelebrity', 'RecognizeCar', 'ImageModeration', 'CropImage', 'AssessQuality', 'EnhanceImage']);
  });
});

describe('buildParams', () => {
  it('sends an upload as ImageBase64 and an URL as ImageUrl (trimmed)', () => {
    expect(buildParams(form({}))).toEqual({ ok: true, params: { ImageBase64: 'iVBORw0KGgo=' } });
    expect(buildParams(form({ image: { kind: 'url', url: ' https://example.com/a.jpg ' } }))).toEqual({ ok: true, params: { ImageUrl: 'https://example.com/a.jpg' } });
  });

  it('refuses a missing image, a non-http URL and an image over the API limit, in Chinese', () => {
    expect(buildParams(form({ image: { kind: 'none' } }))).toEqual({ ok: false, errors: { image: '请上传图片或填写图片 URL' } });
    expect(buildParams(form({ image: { kind: 'url', url: '  ' } }))).toEqual({ ok: false, errors: { image: '请填写图片 URL' } });
    expect(buildParams(form({ image: { kind: 'url', url: 'ftp://example.com/a.jpg' } }))).toEqual({ ok: false, errors: { image: '图片 URL 须以 http:// 或 https:// 开头' } });
    const big = { kind: 'upload', base64: 'A'.repeat(MAX_BASE64_CHARS + 4), fileName: 'big.png' } as const;
    expect(buildParams(form({ image: big }))).toEqual({ ok: false, errors: { image: '图片过大：Base64 编码后不能超过 4 MB（原图约 3 MB）' } });
    expect(buildParams(form({ image: { ...big, base64: 'A'.repeat(MAX_BASE64_CHARS) } })).ok).toBe(true);
  });

  it('DetectLabel: the ticked scenes in list order, none ticked → the API default (no Scenes)', () => {
    expect(ACTION_SPECS.DetectLabel.scenes?.initial).toEqual(['WEB']);
    expect(buildParams(form({ action: 'DetectLabel', scenes: ['NEWS', 'WEB', 'NEWS'] }))).toEqual({ ok: true, params: { ImageBase64: photo.base64, Scenes: ['WEB', 'NEWS'] } });
    expect(buildParams(form({ action: 'DetectLabel', scenes: [] }))).toEqual({ ok: true, params: { ImageBase64: photo.base64 } });
  });

  it('ImageModeration: at least one scene, Extra passed when given', () => {
    expect(buildParams(form({ action: 'ImageModeration', scenes: [] }))).toEqual({ ok: false, errors: { scenes: '请至少选择一个审核场景' } });
    expect(buildParams(form({ action: 'ImageModeration', scenes: ['POLITICS', 'PORN'], extra: 'batch 7' }))).toEqual({
      ok: true,
      params: { ImageBase64: photo.base64, Scenes: ['PORN', 'POLITICS'], Extra: 'batch 7' },
    });
  });

  it('CropImage: Width and Height required positive integers, sent as numbers', () => {
    expect(buildParams(form({ action: 'CropImage', width: '16', height: ' 9 ' }))).toEqual({ ok: true, params: { ImageBase64: photo.base64, Width: 16, Height: 9 } });
    expect(buildParams(form({ action: 'CropImage', width: '', height: '0' }))).toEqual({ ok: false, errors: { width: '请填写宽度', height: '高度须为正整数' } });
    expect(buildParams(form({ action: 'CropImage', width: '1.5', height: '-2' }))).toEqual({ ok: false, errors: { width: '宽度须为正整数', height: '高度须为正整数' } });
  });

  it('collects every error at once, and ignores parameters of other actions', () => {
    expect(buildParams(form({ action: 'CropImage', image: { kind: 'none' } }))).toEqual({ ok: false, errors: { image: '请上传图片或填写图片 URL', width: '请填写宽度', height: '请填写高度' } });
    expect(buildParams(form({ action: 'DetectProduct', scenes: ['WEB'], width: '3', extra: 'x' }))).toEqual({ ok: true, params: { ImageBase64: photo.base64 } });
  });
});
