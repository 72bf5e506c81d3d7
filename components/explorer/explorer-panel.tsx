'use client';

import { useMutation, useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { LoadError, Loading } from '@/components/ui/loading';
import { SelectField } from '@/components/ui/select-field';
import { useTRPC } from '@/components/trpc';
import type { ApiAction } from '@/lib/catalog';
import { ACTION_SPECS, buildParams, EXPLORER_ACTIONS, type FormErrors } from '@/lib/explorer/actions';
import type { SnippetRequest } from '@/lib/explorer/snippets';
import { ActionParams, type ParamValues } from './action-params';
import { CodeSamples } from './code-samples';
import { ExplorerResult, type SentRequest } from './explorer-result';
import { ImageSource, NO_IMAGE, type ChosenImage } from './image-source';

const ACTION_OPTIONS = EXPLORER_ACTIONS.map((a) => ({ value: a, label: `${a}（${ACTION_SPECS[a].name}）` }));
const initialParams = (action: ApiAction): ParamValues => ({ scenes: ACTION_SPECS[action].scenes?.initial ?? [], width: '1', height: '1', extra: '' });

export function ExplorerPanel() {
  const trpc = useTRPC();
  const keys = useQuery(trpc.apiKeys.list.queryOptions());
  const [action, setAction] = useState<ApiAction>('DetectLabel');
  const [image, setImage] = useState<ChosenImage>(NO_IMAGE);
  const [values, setValues] = useState<ParamValues>(initialParams('DetectLabel'));
  const [chosenKey, setChosenKey] = useState<string>('');
  const [errors, setErrors] = useState<FormErrors & { key?: string }>({});
  const [sent, setSent] = useState<SentRequest | null>(null);
  const send = useMutation(trpc.explorer.send.mutationOptions());

  if (keys.isPending) return <Loading />;
  if (keys.isError) return <LoadError message={keys.error.message} />;
  const { endpoint, protocol } = keys.data;
  const enabled = keys.data.keys.filter((k) => k.status === 'enabled');
  // The first enabled key until the customer picks one.
  const keyId = chosenKey || String(enabled[0]?.id ?? '');
  const key = keys.data.keys.find((k) => String(k.id) === keyId);
  const built = buildParams({ action, image: image.input, ...values });
  const snippet: SnippetRequest | null =
    built.ok && key ? { action, params: built.params, endpoint, protocol, secretId: key.secretId, imageFile: image.input.kind === 'upload' ? image.input.fileName : undefined } : null;

  function submit() {
    const keyError = key ? undefined : '请选择密钥';
    setErrors({ ...(built.ok ? {} : built.errors), ...(keyError ? { key: keyError } : {}) });
    if (!built.ok || !key) return;
    const request = { action, preview: image.preview };
    send.mutate({ keyId: key.id, action, params: built.params }, { onSuccess: (answer) => setSent({ ...request, answer }) });
  }

  return (
    <div className="flex flex-col gap-4 p-6">
      <Alert>在线调试用您账号的 API 密钥签名，把请求发给真实的图像分析 API，并显示返回的 JSON、RequestId、耗时、计量调用量，以及返回中的位置框。</Alert>
      <Card title="请求">
        <div className="flex flex-col gap-5">
          <div className="flex flex-wrap items-end gap-4">
            <SelectField
              label="接口"
              className="w-80"
              value={action}
              options={ACTION_OPTIONS}
              onChange={(e) => {
                const next = e.target.value as ApiAction;
                setAction(next);
                setValues(initialParams(next));
                setErrors({});
              }}
            />
            {keys.data.keys.length > 0 ? (
              <div className="flex flex-col gap-1">
                <SelectField
                  label="密钥（SecretId）"
                  className="w-96"
                  value={keyId}
                  onChange={(e) => setChosenKey(e.target.value)}
                  options={[
                    ...(enabled.length === 0 ? [{ value: '', label: '请选择密钥' }] : []),
                    ...keys.data.keys.map((k) => ({ value: String(k.id), label: k.status === 'enabled' ? k.secretId : `${k.secretId}（已禁用）` })),
                  ]}
                />
                {errors.key ? <p className="text-xs text-danger">{errors.key}</p> : null}
              </div>
            ) : (
              <p data-testid="explorer-no-key" className="pb-2 text-sm">
                还没有 API 密钥，请先到 <Link href="/api-keys" className="text-brand hover:underline">API 密钥</Link> 新建一个，在线调试用它签名。
              </p>
            )}
          </div>
          <ImageSource value={image} onChange={setImage} error={errors.image} />
          <div className="flex flex-col gap-2">
            <span className="text-sm font-medium">参数</span>
            <ActionParams action={action} values={values} errors={errors} onChange={(patch) => setValues((v) => ({ ...v, ...patch }))} />
          </div>
          <Alert tone="warn">
            这是一次真实的 API 调用：用所选密钥签名，与 SDK 发出的调用一样受请求频率限制，成功的调用计入用量统计并按量计费（先抵扣免费额度和资源包），也会出现在请求日志中。
          </Alert>
          <div className="flex items-center gap-3">
            <Button variant="primary" onClick={submit} disabled={send.isPending || keys.data.keys.length === 0}>
              {send.isPending ? '发送中…' : '发送请求'}
            </Button>
            {send.isError ? (
              <span role="alert" className="text-sm text-danger">
                发送失败：{send.error.message}
              </span>
            ) : null}
          </div>
        </div>
      </Card>
      {sent ? <ExplorerResult sent={sent} /> : null}
      <CodeSamples request={snippet} />
    </div>
  );
}
