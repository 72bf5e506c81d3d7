import { z } from 'zod';
import { getBill, listBills, monthEstimate } from '@/server/billing';
import { billStandings } from '@/server/queries/bills';
import { protectedProcedure, router } from '../init';

// The id comes straight from the page URL; anything that is not a bill id of this
// account, garbage included, is simply a bill that does not exist (NOT_FOUND).
const billIdInput = z.object({ id: z.string() });
const NO_BILL = 0;

export const billsRouter = router({
  list: protectedProcedure.query(({ ctx }) => billStandings(ctx.db, ctx.accountId, listBills(ctx.db, ctx.accountId))),
  get: protectedProcedure.input(billIdInput).query(({ ctx, input }) => {
    const id = /^[1-9]\d{0,14}$/.test(input.id) ? Number(input.id) : NO_BILL;
    const detail = getBill(ctx.db, ctx.accountId, id);
    const [bill] = billStandings(ctx.db, ctx.accountId, [detail.bill]);
    return { ...detail, bill };
  }),
  /** 本月预估: the current app month rated as if it ended now. */
  estimate: protectedProcedure.query(({ ctx }) => {
    const now = ctx.now();
    return { ...monthEstimate(ctx.db, ctx.accountId, now), now };
  }),
});
