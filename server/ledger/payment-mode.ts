import { BillingError } from '@/server/billing/errors';
import { sandboxProvider, type PaymentProvider } from './top-up';

// Which way money comes in depends on the deployment. The sandbox provider confirms every
// payment, so it exists only while the app clock is in sandbox mode; a production console
// has no online provider until one is integrated, and customers pay by bank transfer
// (对公转账), which an operator credits with `npm run account -- credit`.

/** The online provider of this mode; null when top-ups can only come by bank transfer. */
export function onlineProvider(mode: { sandbox: boolean }): PaymentProvider | null {
  return mode.sandbox ? sandboxProvider : null;
}

/** The online provider, or the refusal account.topUp answers when there is none. */
export function requireOnlineProvider(mode: { sandbox: boolean }): PaymentProvider {
  const provider = onlineProvider(mode);
  if (!provider) throw new BillingError('OnlinePaymentUnavailable', '当前环境未开通在线支付，请通过对公转账充值，到账后由运营人员为您入账');
  return provider;
}

export interface BankTransferPayee {
  /** 收款单位 */
  payee: string;
  /** 开户银行 */
  bank: string;
  /** 银行账号 */
  account: string;
}

/**
 * The account customers transfer to, from the deployment's configuration. The
 * placeholders say plainly that they are not a real account, so an unconfigured
 * deployment cannot send money anywhere.
 */
export function bankTransferPayee(env: NodeJS.ProcessEnv = process.env): BankTransferPayee {
  return {
    payee: env.BANK_TRANSFER_PAYEE?.trim() || '（未配置收款单位：BANK_TRANSFER_PAYEE）',
    bank: env.BANK_TRANSFER_BANK?.trim() || '（未配置开户银行：BANK_TRANSFER_BANK）',
    account: env.BANK_TRANSFER_ACCOUNT?.trim() || '（未配置银行账号：BANK_TRANSFER_ACCOUNT）',
  };
}
