'use client';

import { useState } from 'react';
import { CopyButton } from '@/components/api-keys/copy-button';
import { Card } from '@/components/ui/card';
import { Tabs } from '@/components/ui/tabs';
import { curlSnippet, nodeSnippet, pythonSnippet, SECRET_KEY_PLACEHOLDER, type SnippetRequest } from '@/lib/explorer/snippets';

const LANGUAGES = {
  node: { label: 'Node.js SDK', code: nodeSnippet },
  python: { label: 'Python SDK', code: pythonSnippet },
  curl: { label: 'curl（TC3 签名）', code: curlSnippet },
} as const;
type Language = keyof typeof LANGUAGES;

/** The request on the form as code the customer can run as it is, once the SecretKey is filled in. */
export function CodeSamples({ request }: { request: SnippetRequest | null }) {
  const [language, setLanguage] = useState<Language>('node');
  const code = request ? LANGUAGES[language].code(request) : null;
  return (
    <Card title="代码示例" extra={code ? <CopyButton text={code} label="复制代码" /> : null}>
      <Tabs tabs={Object.entries(LANGUAGES).map(([key, l]) => ({ key: key as Language, label: l.label }))} value={language} onChange={setLanguage} />
      {code ? (
        <>
          <p className="mt-3 text-sm text-muted">
            与上面的请求相同。SecretKey 不会发送到浏览器，请把代码中的 <code className="text-ink">{SECRET_KEY_PLACEHOLDER}</code> 换成该密钥的 SecretKey；上传的图片由代码从同目录的文件读取。
          </p>
          <pre data-testid={`explorer-code-${language}`} className="mt-2 max-h-[480px] overflow-auto border border-line bg-page p-4 text-xs leading-5">
            {code}
          </pre>
        </>
      ) : (
        <p className="mt-3 text-sm text-muted">选择密钥并填好图片和参数后，这里给出同一请求的 Node.js、Python 和 curl 代码。</p>
      )}
    </Card>
  );
}
