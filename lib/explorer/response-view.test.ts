import { describe, expect, it } from 'vitest';
import { answerError, enhancedImage, MAX_SHOWN_STRING, shownJson } from './response-view';

describe('shownJson', () => {
  it('prints the answer indented, cutting only strings longer than the limit', () => {
    const png = 'iVBOR' + 'A'.repeat(100_000);
    const shown = shownJson({ Response: { EnhancedImage: png, Name: 'x'.repeat(MAX_SHOWN_STRING), RequestId: 'r-1' } });
    expect(shown).toBe(
      [
        '{',
        '  "Response": {',
        `    "EnhancedImage": "${png.slice(0, 48)}…（共 100005 个字符，已省略）",`,
        `    "Name": "${'x'.repeat(MAX_SHOWN_STRING)}",`,
        '    "RequestId": "r-1"',
        '  }',
        '}',
      ].join('\n'),
    );
  });
});

describe('answerError', () => {
  it('is the code and message of an error answer, null for a success', () => {
    expect(answerError({ Response: { Error: { Code: 'RequestLimitExceeded', Message: '请求频率超过限制' }, RequestId: 'r' } })).toEqual({
      code: 'RequestLimitExceeded',
      message: '请求频率超过限制',
    });
    expect(answerError({ Response: { Labels: [], RequestId: 'r' } })).toBeNull();
    expect(answerError(null)).toBeNull();
  });
});

describe('enhancedImage', () => {
  it("is EnhanceImage's picture as a data: URL of its own format, null for any other answer", () => {
    expect(enhancedImage({ Response: { EnhancedImage: 'iVBORw0KGgo=' } })).toBe('data:image/png;base64,iVBORw0KGgo=');
    expect(enhancedImage({ Response: { EnhancedImage: '/9j/4AAQSkZJRg==' } })).toBe('data:image/jpeg;base64,/9j/4AAQSkZJRg==');
    expect(enhancedImage({ Response: { EnhancedImage: 'Qk06AAAA' } })).toBe('data:image/bmp;base64,Qk06AAAA');
    expect(enhancedImage({ Response: { ClarityScore: 3 } })).toBeNull();
  });
});
