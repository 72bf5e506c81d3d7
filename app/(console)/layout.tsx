import type { ReactNode } from 'react';
import { ConsoleShell } from '@/components/shell/console-shell';
import { requireUser } from '@/server/auth/current-user';
import { readClock } from '@/server/clock/app-clock';
import { getDb } from '@/server/db';

export const dynamic = 'force-dynamic';

export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  const user = await requireUser();
  const { sandbox } = await readClock(getDb());
  return (
    <ConsoleShell email={user.email} sandbox={sandbox} isOperator={user.isOperator}>
      {children}
    </ConsoleShell>
  );
}
