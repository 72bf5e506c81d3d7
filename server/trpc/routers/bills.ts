import { z } from 'zod';
import { explainStoredBill } from '@/server/queries/bill-explanation';
import { billStandings, getBill, listBills, monthEstimate } from '@/server/queries/bills';
import { protectedProcedure, router } from '../init';
import { billDetailOutput, billOutput, monthEstimateOutput } from './bills.types';

// The id comes straight from the page URL; anything that is not a bill id of this
// account, garbage included, is simply a bill that does not exist (NOT_FOUND).
const billIdInput = z.object({ id: z.string() });
const NO_BILL = 0;

export const billsRouter = router({
  list: protectedProcedure
    .output(z.array(billOutput))
    .query(async ({ ctx }) => billStandings(ctx.db, ctx.accountId, await listBills(ctx.db, ctx.accountId))),
  get: protectedProcedure
    .input(billIdInput)
    .output(billDetailOutput)
    .query(async ({ ctx, input }) => {
      const id = /^[1-9]\d{0,14}$/.test(input.id) ? Number(input.id) : NO_BILL;
      const detail = await getBill(ctx.db, ctx.accountId, id);
      const [bill] = await billStandings(ctx.db, ctx.accountId, [detail.bill]);
      return { ...detail, bill, explanation: explainStoredBill(detail) };
    }),
  /** 本月预估: the current app month rated as if it ended now. */
  estimate: protectedProcedure.output(monthEstimateOutput).query(async ({ ctx }) => {
    const now = await ctx.now();
    return { ...(await monthEstimate(ctx.db, ctx.accountId, now)), now };
  }),
});
