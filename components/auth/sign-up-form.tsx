'use client';

import { useMutation } from '@tanstack/react-query';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/text-field';
import { useTRPC } from '@/components/trpc';
import { signUpSchema } from '@/lib/credentials';
import { AuthCard } from './auth-card';
import { useFormErrors } from './use-form-errors';

export function SignUpForm() {
  const trpc = useTRPC();
  const router = useRouter();
  const [form, setForm] = useState({ email: '', password: '', confirmPassword: '' });
  const { errors, validate } = useFormErrors(signUpSchema);
  const signUp = useMutation(
    trpc.auth.signUp.mutationOptions({
      onSuccess: () => {
        router.push('/');
        router.refresh();
      },
    }),
  );
  const set = (key: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [key]: e.target.value });

  function submit(e: FormEvent) {
    e.preventDefault();
    const values = validate(form);
    if (values) signUp.mutate(values);
  }

  return (
    <AuthCard title="注册" footer={<>已有账号？<Link className="text-brand hover:underline" href="/login">直接登录</Link></>}>
      <form className="flex flex-col gap-4" onSubmit={submit} noValidate>
        {signUp.error ? <Alert tone="error">{signUp.error.message}</Alert> : null}
        <TextField label="邮箱" type="email" autoComplete="email" value={form.email} onChange={set('email')} error={errors.email} />
        <TextField label="密码" type="password" autoComplete="new-password" value={form.password} onChange={set('password')} error={errors.password} hint="至少 8 位" />
        <TextField label="确认密码" type="password" autoComplete="new-password" value={form.confirmPassword} onChange={set('confirmPassword')} error={errors.confirmPassword} />
        <Button variant="primary" type="submit" className="h-9" disabled={signUp.isPending}>
          注册
        </Button>
      </form>
    </AuthCard>
  );
}
