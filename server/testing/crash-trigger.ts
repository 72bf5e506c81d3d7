import { sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { rawRun } from '@/db/kernel/results';
import { transaction } from '@/db/kernel/transaction';
import { STORE } from '@/db/store';

/**
 * Simulates a crash in the middle of a transaction: from now on, inserting a notification
 * for `accountId` fails with 'simulated crash' (a trigger, on either store). The returned
 * function removes it.
 */
export async function crashOnNotification(db: Db, accountId: number): Promise<() => Promise<void>> {
  const id = Number(accountId); // inlined into DDL, which takes no parameters
  if (STORE === 'pg') {
    await transaction(db, async (tx) => {
      await rawRun(tx, sql.raw(`CREATE FUNCTION simulated_crash() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'simulated crash'; END $$ LANGUAGE plpgsql`));
      await rawRun(tx, sql.raw(`CREATE TRIGGER crash BEFORE INSERT ON notifications FOR EACH ROW WHEN (NEW.account_id = ${id}) EXECUTE FUNCTION simulated_crash()`));
    });
    return () =>
      transaction(db, async (tx) => {
        await rawRun(tx, sql.raw('DROP TRIGGER crash ON notifications'));
        await rawRun(tx, sql.raw('DROP FUNCTION simulated_crash()'));
      });
  }
  await transaction(db, async (tx) => {
    await rawRun(tx, sql.raw(`CREATE TRIGGER crash BEFORE INSERT ON notifications WHEN NEW.account_id = ${id} BEGIN SELECT RAISE(ABORT, 'simulated crash'); END`));
  });
  return () => transaction(db, async (tx) => void (await rawRun(tx, sql.raw('DROP TRIGGER crash'))));
}

/** Whether `err` is that crash: SQLite's error itself, or PostgreSQL's as drizzle's wrapped cause. */
export function isSimulatedCrash(err: unknown): boolean {
  const e = err as { message?: string; cause?: { message?: string } };
  return [e?.message, e?.cause?.message].some((m) => m === 'simulated crash');
}
