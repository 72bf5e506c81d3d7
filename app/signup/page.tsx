import { redirect } from 'next/navigation';
import { SignUpForm } from '@/components/auth/sign-up-form';
import { currentUser } from '@/server/auth/current-user';

export const dynamic = 'force-dynamic';

export default async function SignUpPage() {
  if (await currentUser()) redirect('/');
  return <SignUpForm />;
}
