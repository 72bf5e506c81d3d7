import type { ReactNode } from 'react';
import { visibleMenu } from './menu';
import { SideMenu } from './side-menu';
import { TopBar } from './top-bar';

export function ConsoleShell({ email, sandbox, isOperator, children }: { email: string; sandbox: boolean; isOperator: boolean; children: ReactNode }) {
  return (
    <div className="flex min-h-screen flex-col">
      <TopBar email={email} sandbox={sandbox} />
      <div className="flex flex-1">
        <SideMenu entries={visibleMenu({ sandbox, isOperator })} />
        <main className="min-w-0 flex-1">{children}</main>
      </div>
    </div>
  );
}
