'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, type ChangeEvent } from 'react';
import { toast } from 'sonner';
import { useTRPC } from '@/components/trpc';
import { photoBase64 } from './photo-file';

/** 上传照片: one reference photo for a person; the server keeps only its face descriptor. */
export function PhotoUpload({ personId, name }: { personId: number; name: string }) {
  const id = useId();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const upload = useMutation(
    trpc.gallery.addPhoto.mutationOptions({
      onSuccess: () => {
        toast.success(`已为 ${name} 添加参考照片`);
        void queryClient.invalidateQueries({ queryKey: trpc.gallery.list.queryKey() });
      },
      onError: (e) => toast.error(e.message),
    }),
  );
  async function choose(e: ChangeEvent<HTMLInputElement>) {
    const file = e.target.files?.[0];
    e.target.value = ''; // the same file can be chosen again after a refusal
    if (!file) return;
    const photo = await photoBase64(file);
    if ('error' in photo) toast.error(photo.error);
    else upload.mutate({ personId, photoBase64: photo.base64 });
  }
  return (
    <label htmlFor={id} className={`inline-flex h-8 cursor-pointer items-center text-sm text-brand hover:underline ${upload.isPending ? 'pointer-events-none text-muted' : ''}`}>
      {upload.isPending ? '识别中…' : '上传照片'}
      <input id={id} type="file" accept="image/jpeg,image/png" className="sr-only" aria-label={`上传 ${name} 的参考照片`} disabled={upload.isPending} onChange={choose} />
    </label>
  );
}
