import { asc, eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { notFound } from '@/db/not-found';
import { accounts, ledgerEntries } from '@/db/schema';
import type { Fen } from '@/lib/money';

export interface LedgerCheck {
  ok: boolean;
  /** Σ of the entries' deltas. */
  cashFen: Fen;
  frozenFen: Fen;
  entries: number;
  /** Empty when the account's balances are exactly what its entries say. */
  problems: string[];
}

/**
 * Replays an account's ledger from zero: every entry's after-values must continue the
 * chain, the frozen amount must never go negative, and the account row must end where
 * the entries end. Tests run it after every story; operators can run it any time.
 */
export async function checkLedger(db: Db, accountId: number): Promise<LedgerCheck> {
  const [account] = await db.select().from(accounts).where(eq(accounts.id, accountId)).limit(1);
  if (!account) throw notFound('账户');
  const entries = await db.select().from(ledgerEntries).where(eq(ledgerEntries.accountId, accountId)).orderBy(asc(ledgerEntries.id));

  const problems: string[] = [];
  let cashFen = 0;
  let frozenFen = 0;
  for (const e of entries) {
    cashFen += e.cashDeltaFen;
    frozenFen += e.frozenDeltaFen;
    if (e.cashAfterFen !== cashFen || e.frozenAfterFen !== frozenFen) {
      problems.push(
        `entry ${e.id} (${e.type} ${e.ref}) records cash ${e.cashAfterFen}/frozen ${e.frozenAfterFen}, the chain gives ${cashFen}/${frozenFen}`,
      );
    }
    if (frozenFen < 0) problems.push(`entry ${e.id} (${e.type} ${e.ref}) leaves the frozen amount negative`);
  }
  if (account.cashFen !== cashFen) problems.push(`account cash ${account.cashFen} ≠ Σ cash deltas ${cashFen}`);
  if (account.frozenFen !== frozenFen) problems.push(`account frozen ${account.frozenFen} ≠ Σ frozen deltas ${frozenFen}`);
  return { ok: problems.length === 0, cashFen, frozenFen, entries: entries.length, problems };
}
