'use client';

import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { toast } from 'sonner';
import { useFormErrors } from '@/components/auth/use-form-errors';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { Labelled } from '@/components/ui/labelled';
import { SelectField } from '@/components/ui/select-field';
import { useTRPC } from '@/components/trpc';
import { CONTACT_TOPICS, contactSchema } from '@/lib/contact';

export function ContactForm() {
  const trpc = useTRPC();
  const [topic, setTopic] = useState<string>(CONTACT_TOPICS[0]);
  const [message, setMessage] = useState('');
  const { errors, validate } = useFormErrors(contactSchema);
  const contact = useMutation(
    trpc.product.contact.mutationOptions({
      onSuccess: () => {
        toast.success('已提交，我们的商务同事会尽快与您联系');
        setMessage('');
      },
      onError: (err) => toast.error(err.message),
    }),
  );
  function submit(e: FormEvent) {
    e.preventDefault();
    const values = validate({ topic, message });
    if (values) contact.mutate(values);
  }
  return (
    <Card title="联系我们">
      <p className="mb-3 text-sm text-muted">需要提高并发或定制服务？收费标准以商务报价为准，请留下您的需求。</p>
      <form className="flex flex-col gap-3" onSubmit={submit} noValidate>
        <SelectField label="咨询类型" value={topic} onChange={(e) => setTopic(e.target.value)} options={CONTACT_TOPICS.map((t) => ({ value: t, label: t }))} className="w-60" />
        <Labelled id="contact-message" label="需求说明">
          <textarea
            id="contact-message"
            rows={3}
            value={message}
            onChange={(e) => setMessage(e.target.value)}
            className={`border bg-white px-3 py-2 text-sm outline-none focus:border-brand ${errors.message ? 'border-danger' : 'border-line'}`}
          />
          {errors.message ? <p className="text-xs text-danger">{errors.message}</p> : null}
        </Labelled>
        <div>
          <Button type="submit" disabled={contact.isPending}>
            提交
          </Button>
        </div>
      </form>
    </Card>
  );
}
