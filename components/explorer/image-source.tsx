'use client';

import { useId, useState } from 'react';
import { Tabs } from '@/components/ui/tabs';
import { TextField } from '@/components/ui/text-field';
import type { ImageInput } from '@/lib/explorer/actions';

/** The chosen picture: what is sent (ImageInput) and, for an upload, what the page can draw. */
export interface ChosenImage {
  input: ImageInput;
  /** A data: URL of the uploaded file, or the image URL when it is https (the console's CSP loads no plain-http image). */
  preview: string | null;
}

export const NO_IMAGE: ChosenImage = { input: { kind: 'none' }, preview: null };

/** One read gives both: the data: URL to show and, after its comma, the Base64 to send. */
function readFile(file: File): Promise<ChosenImage> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onerror = () => reject(reader.error);
    reader.onload = () => {
      const dataUrl = String(reader.result);
      resolve({ input: { kind: 'upload', base64: dataUrl.slice(dataUrl.indexOf(',') + 1), fileName: file.name }, preview: dataUrl });
    };
    reader.readAsDataURL(file);
  });
}

type Mode = 'upload' | 'url';

const byUrl = (url: string): ChosenImage => ({ input: { kind: 'url', url }, preview: /^https:\/\//i.test(url.trim()) ? url.trim() : null });

export function ImageSource({ value, onChange, error }: { value: ChosenImage; onChange: (image: ChosenImage) => void; error?: string }) {
  const [mode, setMode] = useState<Mode>(value.input.kind === 'url' ? 'url' : 'upload');
  const [url, setUrl] = useState(value.input.kind === 'url' ? value.input.url : '');
  const [readError, setReadError] = useState<string | null>(null);
  const fileId = useId();
  const switchTo = (next: Mode) => {
    setMode(next);
    onChange(next === 'url' ? byUrl(url) : NO_IMAGE);
  };
  const message = readError ?? error;

  return (
    <div className="flex flex-col gap-3">
      <Tabs
        tabs={[
          { key: 'upload', label: '上传图片（ImageBase64）' },
          { key: 'url', label: '图片 URL（ImageUrl）' },
        ]}
        value={mode}
        onChange={switchTo}
      />
      {mode === 'upload' ? (
        <div className="flex flex-col gap-1">
          <span className="text-sm text-muted">图片文件</span>
          <div className="flex items-center gap-3">
            {/* The browser's own file button speaks the browser's language: a console button instead. */}
            <input
              id={fileId}
              type="file"
              accept="image/png,image/jpeg,image/bmp"
              aria-label="图片文件"
              aria-invalid={message ? true : undefined}
              className="peer sr-only"
              onChange={(e) => {
                const file = e.target.files?.[0];
                setReadError(null);
                if (!file) return onChange(NO_IMAGE);
                readFile(file).then(onChange, () => setReadError('无法读取该文件，请重新选择'));
              }}
            />
            <label
              htmlFor={fileId}
              className="inline-flex h-8 cursor-pointer items-center border border-line bg-white px-4 text-sm hover:border-brand hover:text-brand peer-focus-visible:outline-2 peer-focus-visible:outline-brand"
            >
              选择图片
            </label>
            <span data-testid="explorer-file-name" className="text-sm">
              {value.input.kind === 'upload' ? value.input.fileName : <span className="text-muted">未选择图片</span>}
            </span>
          </div>
          <p className={`text-xs ${message ? 'text-danger' : 'text-muted'}`}>
            {message ?? '支持 PNG、JPG、BMP，Base64 编码后不超过 4 MB；图片只发给 API 服务，不会保存在控制台。'}
          </p>
        </div>
      ) : (
        <TextField
          label="图片 URL"
          placeholder="https://example.com/photo.jpg"
          value={url}
          error={error}
          hint="API 服务在 3 秒内下载，不超过 3 MB；同时给出时 ImageUrl 优先。"
          onChange={(e) => {
            setUrl(e.target.value);
            onChange(byUrl(e.target.value));
          }}
        />
      )}
    </div>
  );
}
