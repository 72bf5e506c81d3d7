'use client';

import { CopyButton } from '@/components/api-keys/copy-button';
import { Alert } from '@/components/ui/alert';
import { Card } from '@/components/ui/card';
import { Stat } from '@/components/ui/stat';
import type { RouterOutputs } from '@/components/trpc';
import type { ApiAction } from '@/lib/catalog';
import { answerBoxes } from '@/lib/explorer/boxes';
import { answerError, enhancedImage, shownJson } from '@/lib/explorer/response-view';
import { formatCalls } from '@/lib/money';
import { BoxedImage } from './boxed-image';

export type ExplorerAnswer = RouterOutputs['explorer']['send'];

export interface SentRequest {
  action: ApiAction;
  /** The picture as the browser may show it: the upload, or an https URL (see ImageSource). */
  preview: string | null;
  answer: ExplorerAnswer;
}

function Picture({ sent }: { sent: SentRequest }) {
  const boxes = answerBoxes(sent.action, sent.answer.response);
  const enhanced = enhancedImage(sent.answer.response);
  if (!sent.preview) {
    return <p className="text-sm text-muted">控制台只显示 https 地址的图片；{boxes.length > 0 ? `返回中的 ${boxes.length} 个位置框见下方 JSON。` : '返回见下方 JSON。'}</p>;
  }
  return (
    <div className="flex flex-col gap-2">
      {enhanced ? <span className="text-xs text-muted">原图</span> : null}
      <BoxedImage src={sent.preview} boxes={boxes} alt="发送的图片" />
      {enhanced ? (
        <>
          <span className="text-xs text-muted">增强后（EnhancedImage）</span>
          <BoxedImage src={enhanced} boxes={[]} alt="增强后的图片" />
        </>
      ) : null}
      <p className="text-xs text-muted">
        {boxes.length > 0 ? `返回中共 ${boxes.length} 个位置框，已画在图上。` : answerError(sent.answer.response) ? '' : `${sent.action} 的返回不含位置信息。`}
      </p>
    </div>
  );
}

/** The API's answer to one 发送请求: what it cost, what it said, and the boxes it carries. */
export function ExplorerResult({ sent }: { sent: SentRequest }) {
  const { answer } = sent;
  const error = answerError(answer.response);
  return (
    <Card title="返回结果">
      <div className="flex flex-col gap-4">
        <div className="grid grid-cols-[2fr_1fr_1fr] gap-4">
          <Stat label="RequestId" value={<span className="text-sm font-normal">{answer.requestId ?? '—'}</span>} testId="explorer-request-id" />
          <Stat label="耗时（毫秒）" value={answer.latencyMs.toFixed(1)} testId="explorer-latency" />
          <Stat label="计量调用量（次）" value={formatCalls(answer.calls)} testId="explorer-calls" />
        </div>
        {error ? (
          <Alert tone="error">
            <span data-testid="explorer-error-code" className="font-medium">{error.code}</span>：{error.message}
            {answer.calls === 0 ? '（未计量）' : ''}
          </Alert>
        ) : null}
        <div className="grid grid-cols-2 gap-4">
          <Picture sent={sent} />
          <div className="flex min-w-0 flex-col gap-1">
            <div className="flex items-center justify-between">
              <span className="text-sm text-muted">响应 JSON</span>
              <CopyButton text={JSON.stringify(answer.response, null, 2)} label="复制响应" />
            </div>
            <pre data-testid="explorer-response" className="max-h-[480px] overflow-auto border border-line bg-page p-3 text-xs leading-5">
              {shownJson(answer.response)}
            </pre>
          </div>
        </div>
      </div>
    </Card>
  );
}
