'use client';

import { useMutation } from '@tanstack/react-query';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/text-field';
import { useTRPC } from '@/components/trpc';
import { signInSchema } from '@/lib/credentials';
import { AuthCard } from './auth-card';
import { useFormErrors } from './use-form-errors';

export function SignInForm() {
  const trpc = useTRPC();
  const router = useRouter();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const { errors, validate } = useFormErrors(signInSchema);
  const signIn = useMutation(
    trpc.auth.signIn.mutationOptions({
      onSuccess: () => {
        router.push('/');
        router.refresh();
      },
    }),
  );

  function submit(e: FormEvent) {
    e.preventDefault();
    const values = validate({ email, password });
    if (values) signIn.mutate(values);
  }

  return (
    <AuthCard title="登录" footer={<>还没有账号？<Link className="text-brand hover:underline" href="/signup">立即注册</Link></>}>
      <form className="flex flex-col gap-4" onSubmit={submit} noValidate>
        {signIn.error ? <Alert tone="error">{signIn.error.message}</Alert> : null}
        <TextField label="邮箱" type="email" autoComplete="email" value={email} onChange={(e) => setEmail(e.target.value)} error={errors.email} />
        <TextField label="密码" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} error={errors.password} />
        <Button variant="primary" type="submit" className="h-9" disabled={signIn.isPending}>
          登录
        </Button>
      </form>
    </AuthCard>
  );
}
