'use client';

import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { CopyButton } from './copy-button';

function SecretRow({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <div className="flex items-center gap-3">
      <span className="w-20 text-sm text-muted">{label}</span>
      <code data-testid={testId} className="tabular border border-line bg-page px-2 py-1 text-sm select-all">
        {value}
      </code>
      <CopyButton text={value} label={`复制 ${label}`} />
    </div>
  );
}

/** The one and only time a SecretKey is shown: it is not stored anywhere the console can read back. */
export function NewSecretCard({ secretId, secretKey, onDone }: { secretId: string; secretKey: string; onDone: () => void }) {
  return (
    <Card title="密钥已创建">
      <div className="flex flex-col gap-3">
        <Alert tone="warn">SecretKey 仅在此处显示一次，关闭后无法再次查看。请立即复制并妥善保存，不要提交到代码仓库或分享给他人。</Alert>
        <SecretRow label="SecretId" value={secretId} testId="secret-id" />
        <SecretRow label="SecretKey" value={secretKey} testId="secret-key" />
        <div>
          <Button variant="primary" onClick={onDone}>
            我已保存，关闭
          </Button>
        </div>
      </div>
    </Card>
  );
}
