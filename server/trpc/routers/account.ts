import { z } from 'zod';
import { parseTopUpAmount } from '@/lib/money';
import { readClock } from '@/server/clock/app-clock';
import { BANK_TRANSFER_KEY_PREFIX, bankTransferPayee, onlineProvider, requireOnlineProvider, topUp } from '@/server/ledger';
import { accountBalances, allLedgerEntries, listLedger } from '@/server/queries/account';
import { protectedProcedure, router } from '../init';
import { pageInput } from '../paging';
import { balancesOutput, ledgerEntryOutput, ledgerPageOutput, topUpOutput } from './account.types';

// The same rule the 充值 form applies in the browser; the server never trusts the form.
const topUpAmount = z.string().transform((text, ctx) => {
  const parsed = parseTopUpAmount(text);
  if (!parsed.ok) {
    ctx.addIssue({ code: 'custom', message: parsed.message });
    return z.NEVER;
  }
  return parsed.fen;
});

const topUpInput = z.object({
  amount: topUpAmount,
  idempotencyKey: z
    .string()
    .trim()
    .min(8, '缺少充值请求标识')
    .max(64, '充值请求标识过长')
    // A bank transfer's key: taken, it would make that transfer's credit look done.
    .refine((key) => !key.startsWith(BANK_TRANSFER_KEY_PREFIX), '充值请求标识不正确'),
});

export const accountRouter = router({
  /** 现金余额 / 冻结金额 / 可用余额, arrears, and how to top up in this mode (shown on the page). */
  balances: protectedProcedure.output(balancesOutput).query(async ({ ctx }) => {
    const provider = onlineProvider(await readClock(ctx.db));
    return {
      ...(await accountBalances(ctx.db, ctx.accountId)),
      paymentProvider: provider && { id: provider.id, label: provider.label },
      bankTransfer: bankTransferPayee(),
    };
  }),
  topUp: protectedProcedure
    .input(topUpInput)
    .output(topUpOutput)
    .mutation(async ({ ctx, input }) => {
      const clock = await readClock(ctx.db);
      // Refused before anything is written: no top-up row, no money, without a provider.
      const provider = requireOnlineProvider(clock);
      return topUp(ctx.db, { accountId: ctx.accountId, amountFen: input.amount, idempotencyKey: input.idempotencyKey, now: clock.now }, provider);
    }),
  ledger: protectedProcedure
    .input(pageInput)
    .output(ledgerPageOutput)
    .query(({ ctx, input }) => listLedger(ctx.db, ctx.accountId, input)),
  ledgerAll: protectedProcedure.output(z.array(ledgerEntryOutput)).query(({ ctx }) => allLedgerEntries(ctx.db, ctx.accountId)),
});
