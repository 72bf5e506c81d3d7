import { execFileSync } from 'node:child_process';
import type { SpecServer } from './servers';

/** Runs the operator CLI (npm run account -- …) on the database of `server`; returns what it printed. */
export function accountCli(server: SpecServer, ...args: string[]): string {
  return execFileSync('node_modules/.bin/tsx', ['scripts/account.ts', ...args], {
    env: { ...process.env, DATABASE_URL: server.databaseUrl },
    encoding: 'utf8',
  });
}

/** Only an operator moves the sandbox clock and keeps the 人物库; the role comes from the CLI alone. */
export function grantOperator(server: SpecServer, email: string): void {
  accountCli(server, 'grant-operator', email);
}
