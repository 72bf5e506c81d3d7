'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { toast } from 'sonner';
import { useFormErrors } from '@/components/auth/use-form-errors';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { SelectField } from '@/components/ui/select-field';
import { TextField } from '@/components/ui/text-field';
import { useTRPC } from '@/components/trpc';
import { PERSON_KIND_LABELS, PERSON_KINDS, personSchema, type PersonKindCode } from '@/lib/gallery';

const EMPTY = { name: '', labels: '', basicInfo: '' };

export function AddPersonForm({ kind, onKindChange }: { kind: PersonKindCode; onKindChange: (kind: PersonKindCode) => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [fields, setFields] = useState(EMPTY);
  const { errors, validate } = useFormErrors(personSchema);
  const add = useMutation(
    trpc.gallery.add.mutationOptions({
      onSuccess: (_, input) => {
        toast.success(`已添加 ${input.name.trim()}，请上传参考照片`);
        setFields(EMPTY);
        void queryClient.invalidateQueries({ queryKey: trpc.gallery.list.queryKey() });
      },
      onError: (e) => toast.error(e.message),
    }),
  );
  const set = (key: keyof typeof EMPTY) => (e: { target: { value: string } }) => setFields((f) => ({ ...f, [key]: e.target.value }));
  function submit(e: FormEvent) {
    e.preventDefault();
    // The raw labels line goes to the server, which splits it with the same schema.
    if (validate({ kind, ...fields })) add.mutate({ kind, ...fields });
  }
  return (
    <Card title="添加人物">
      <form className="grid grid-cols-2 gap-3" onSubmit={submit} noValidate>
        <SelectField
          label="类型"
          value={kind}
          onChange={(e) => onKindChange(e.target.value as PersonKindCode)}
          options={PERSON_KINDS.map((k) => ({ value: k, label: PERSON_KIND_LABELS[k] }))}
        />
        <TextField label="姓名" value={fields.name} onChange={set('name')} error={errors.name} maxLength={64} />
        <TextField label="标签" value={fields.labels} onChange={set('labels')} error={errors.labels} hint="多个标签用逗号分隔，如：运动员, 足球" />
        <TextField label="基本信息" value={fields.basicInfo} onChange={set('basicInfo')} error={errors.basicInfo} maxLength={500} />
        <div>
          <Button type="submit" variant="primary" disabled={add.isPending}>
            添加
          </Button>
        </div>
      </form>
    </Card>
  );
}
