import { z } from 'zod';
import { formatCnyFen, yuanToFen } from '@/lib/money';
import { MAX_BALANCE_ALERT_FEN, setBalanceAlert } from '@/server/billing/balance-alert';
import { balanceAlertOf } from '@/server/queries/balance-alert';
import { protectedProcedure, router } from '../init';
import { balanceAlertOutput } from './balance-alert.types';

// 元 with at most two decimals, exact: parsed as a decimal string, never as a float.
const threshold = z
  .string({ error: '请输入预警阈值' })
  .trim()
  .regex(/^\d{1,9}(\.\d{1,2})?$/, '请输入正确的金额，最多两位小数')
  .transform((text) => yuanToFen(text))
  .refine((v) => v >= 1 && v <= MAX_BALANCE_ALERT_FEN, `预警阈值须在 ¥0.01 至 ${formatCnyFen(MAX_BALANCE_ALERT_FEN)} 之间`);

export const balanceAlertRouter = router({
  get: protectedProcedure.output(balanceAlertOutput).query(({ ctx }) => balanceAlertOf(ctx.db, ctx.accountId)),
  /** A threshold turns the warning on; null turns it off. */
  set: protectedProcedure
    .input(z.object({ threshold: threshold.nullable() }))
    .output(balanceAlertOutput)
    .mutation(async ({ ctx, input }) => {
      await setBalanceAlert(ctx.db, { accountId: ctx.accountId, thresholdFen: input.threshold });
      return balanceAlertOf(ctx.db, ctx.accountId);
    }),
});

