'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { toast } from 'sonner';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { LoadError, Loading } from '@/components/ui/loading';
import { DataTable, type Column } from '@/components/ui/table';
import { Tabs } from '@/components/ui/tabs';
import { useTRPC, type RouterOutputs } from '@/components/trpc';
import { PERSON_KIND_LABELS, PERSON_KINDS, type PersonKindCode } from '@/lib/gallery';
import { AddPersonForm } from './add-person-form';
import { PhotoUpload } from './photo-upload';

type PersonRow = RouterOutputs['gallery']['list'][number];

const USED_BY: Readonly<Record<PersonKindCode, string>> = {
  celebrity: '公众人物识别（DetectCelebrity）返回匹配到的人物的姓名、标签和基本信息。',
  politics: '图片审核（ImageModeration）的 POLITICS 场景：与政治人物相似的人脸判为 BLOCK 或 REVIEW。',
};

export function GalleryPanel() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [kind, setKind] = useState<PersonKindCode>('celebrity');
  const [deleting, setDeleting] = useState<PersonRow | null>(null);
  const list = useQuery(trpc.gallery.list.queryOptions({ kind }));
  const remove = useMutation(
    trpc.gallery.remove.mutationOptions({
      onSuccess: () => {
        toast.success(`已删除 ${deleting?.name ?? '人物'}`);
        setDeleting(null);
        void queryClient.invalidateQueries({ queryKey: trpc.gallery.list.queryKey() });
      },
      onError: (e) => toast.error(e.message),
    }),
  );

  const columns: Column<PersonRow>[] = [
    { key: 'name', header: '姓名', render: (p) => p.name },
    {
      key: 'labels',
      header: '标签',
      render: (p) =>
        p.labels.length ? (
          <div className="flex flex-wrap gap-1">
            {p.labels.map((l) => (
              <Badge key={l} tone="info">
                {l}
              </Badge>
            ))}
          </div>
        ) : (
          <span className="text-muted">—</span>
        ),
    },
    { key: 'basicInfo', header: '基本信息', render: (p) => p.basicInfo || <span className="text-muted">—</span> },
    {
      key: 'photos',
      header: '参考照片',
      render: (p) => (p.photos > 0 ? <span className="tabular">{p.photos} 张</span> : <Badge tone="warn">未上传，暂不参与比对</Badge>),
    },
    {
      key: 'actions',
      header: '操作',
      render: (p) => (
        <div className="flex gap-3">
          <PhotoUpload personId={p.id} name={p.name} />
          <Button variant="link" className="text-danger" onClick={() => setDeleting(p)}>
            删除
          </Button>
        </div>
      ),
    },
  ];

  return (
    <div className="flex flex-col gap-4 p-6">
      <Alert>
        人物库供图像分析 API 比对人脸。每张参考照片须只有此人一张清晰的人脸（JPEG 或 PNG，不超过 4 MB），只保存人脸特征、不保存照片；相似度达到 70% 判为同一人。修改在 1 秒内对 API 生效。
      </Alert>
      <AddPersonForm kind={kind} onKindChange={setKind} />
      <Card title="人物列表">
        <Tabs tabs={PERSON_KINDS.map((k) => ({ key: k, label: PERSON_KIND_LABELS[k] }))} value={kind} onChange={setKind} />
        <p className="my-3 text-sm text-muted">{USED_BY[kind]}</p>
        {list.isPending ? (
          <Loading />
        ) : list.isError ? (
          <LoadError message={list.error.message} />
        ) : (
          <DataTable columns={columns} rows={list.data} rowKey={(p) => p.id} testId="persons" rowTestId={(p) => `person-${p.id}`} empty="暂无人物，请在上方添加" />
        )}
      </Card>
      <ConfirmDialog
        open={deleting !== null}
        title="删除人物"
        confirmLabel="删除"
        danger
        pending={remove.isPending}
        onConfirm={() => deleting && remove.mutate({ id: deleting.id })}
        onCancel={() => setDeleting(null)}
      >
        确定删除 {deleting?.name} 及其全部参考照片吗？删除后 1 秒内，API 不再识别此人。
      </ConfirmDialog>
    </div>
  );
}
