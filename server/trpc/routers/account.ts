import { z } from 'zod';
import { parseTopUpAmount } from '@/lib/money';
import { sandboxProvider, topUp } from '@/server/ledger';
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
  idempotencyKey: z.string().trim().min(8, '缺少充值请求标识').max(64, '充值请求标识过长'),
});

export const accountRouter = router({
  /** 现金余额 / 冻结金额 / 可用余额, arrears, and who collects top-ups (shown on the page). */
  balances: protectedProcedure.output(balancesOutput).query(async ({ ctx }) => ({
    ...(await accountBalances(ctx.db, ctx.accountId)),
    paymentProvider: { id: sandboxProvider.id, label: sandboxProvider.label },
  })),
  topUp: protectedProcedure
    .input(topUpInput)
    .output(topUpOutput)
    .mutation(async ({ ctx, input }) =>
      topUp(ctx.db, { accountId: ctx.accountId, amountFen: input.amount, idempotencyKey: input.idempotencyKey, now: await ctx.now() }),
    ),
  ledger: protectedProcedure
    .input(pageInput)
    .output(ledgerPageOutput)
    .query(({ ctx, input }) => listLedger(ctx.db, ctx.accountId, input)),
  ledgerAll: protectedProcedure.output(z.array(ledgerEntryOutput)).query(({ ctx }) => allLedgerEntries(ctx.db, ctx.accountId)),
});
