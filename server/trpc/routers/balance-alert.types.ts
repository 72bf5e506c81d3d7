import { z } from 'zod';
import { fen } from '../output-fields';

/** 余额预警 as the 账户 page shows it. */
export const balanceAlertOutput = z.object({
  /** null: off (the default). */
  thresholdFen: fen.nullable(),
  /** The message for the current dip below the threshold was already sent. */
  sent: z.boolean(),
});
