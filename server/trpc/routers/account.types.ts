import { z } from 'zod';
import { ledgerEntries, topUps } from '@/db/schema';
import { epochMs, fen } from '../output-fields';
import { pageOf } from '../paging';

// What 费用中心 › 账户 shows. A ledger entry's account and ref stay on the server.

export const balancesOutput = z.object({
  cashFen: fen,
  frozenFen: fen,
  availableFen: fen,
  inArrears: z.boolean(),
  /** null: this mode has no online payment; top-ups come by bank transfer only. */
  paymentProvider: z.object({ id: z.string(), label: z.string() }).nullable(),
  bankTransfer: z.object({ payee: z.string(), bank: z.string(), account: z.string() }),
});

export const topUpOutput = z.object({ id: z.string(), amountFen: fen, status: z.enum(topUps.status.enumValues) });

export const ledgerEntryOutput = z.object({
  id: z.number().int(),
  type: z.enum(ledgerEntries.type.enumValues),
  cashDeltaFen: fen,
  frozenDeltaFen: fen,
  cashAfterFen: fen,
  frozenAfterFen: fen,
  note: z.string(),
  createdAt: epochMs,
});

export const ledgerPageOutput = pageOf(ledgerEntryOutput);
