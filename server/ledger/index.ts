export { postEntry, type EntryInput, type LedgerEntry, type LedgerEntryType } from './post-entry';
export { checkLedger, type LedgerCheck } from './check-ledger';
export { confirmTopUp, sandboxProvider, topUp, type CollectOutcome, type PaymentProvider, type TopUp, type TopUpInput } from './top-up';
export { bankTransferPayee, onlineProvider, requireOnlineProvider, type BankTransferPayee } from './payment-mode';
export { BANK_TRANSFER_KEY_PREFIX } from './bank-transfer';
