// The PostgreSQL twin of ./sqlite.ts: the same tables, columns, keys and indexes (a test
// compares them). Money (fen), times (epoch ms) and call counters are bigint read as JS
// numbers (all stay far below 2^53); rated amounts stay exact decimal strings.
import { sql } from 'drizzle-orm';
import { bigint, boolean, index, integer, pgTable, primaryKey, text, uniqueIndex } from 'drizzle-orm/pg-core';

const big = (name: string) => bigint(name, { mode: 'number' });

export const users = pgTable('users', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  email: text('email').notNull().unique(),
  passwordHash: text('password_hash').notNull(),
  isOperator: boolean('is_operator').notNull().default(false),
  createdAt: big('created_at').notNull(),
});

export const sessions = pgTable(
  'sessions',
  {
    // sha256 of the cookie token: a copy of the database cannot be replayed as a session.
    tokenHash: text('token_hash').primaryKey(),
    userId: integer('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    createdAt: big('created_at').notNull(),
    expiresAt: big('expires_at').notNull(),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

// Failed sign-ins per e-mail and per client address (key 'email:…' / 'ip:…'): a throttled
// key is refused until blocked_until (wall clock), doubling with each failure past the
// allowance. Kept in the store so a restart does not forgive them.
export const signInThrottle = pgTable('sign_in_throttle', {
  key: text('key').primaryKey(),
  failures: integer('failures').notNull(),
  blockedUntil: big('blocked_until').notNull(),
  updatedAt: big('updated_at').notNull(),
});

export const accounts = pgTable('accounts', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  userId: integer('user_id').notNull().unique().references(() => users.id, { onDelete: 'cascade' }),
  activatedAt: big('activated_at'),
  cashFen: big('cash_fen').notNull().default(0),
  frozenFen: big('frozen_fen').notNull().default(0),
  inArrears: boolean('in_arrears').notNull().default(false),
  qpsLimit: integer('qps_limit'),
  // 余额预警: threshold in fen (null = off); sent = the one message for this dip is out,
  // re-armed when the available balance is back at or above the threshold.
  balanceAlertFen: big('balance_alert_fen'),
  balanceAlertSent: boolean('balance_alert_sent').notNull().default(false),
  createdAt: big('created_at').notNull(),
});

// One row: the app clock is wall clock + offset, so it keeps running and only jumps forward.
export const appClock = pgTable('app_clock', {
  id: integer('id').primaryKey(),
  offsetMs: big('offset_ms').notNull(),
  sandbox: boolean('sandbox').notNull(),
  updatedAt: big('updated_at').notNull(),
});

// A job's unit of work (e.g. bill run for 2019-12) is done once: the row is the proof.
export const jobRuns = pgTable(
  'job_runs',
  {
    job: text('job').notNull(),
    period: text('period').notNull(),
    ranAt: big('ran_at').notNull(), // app time
    detail: text('detail').notNull().default(''),
  },
  (t) => [primaryKey({ columns: [t.job, t.period] })],
);

export const packs = pgTable(
  'packs',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    accountId: integer('account_id').notNull().references(() => accounts.id),
    item: text('item').notNull(),
    kind: text('kind', { enum: ['free', 'prepaid'] }).notNull(),
    // for free packs: the month they cover; null for prepaid
    month: text('month'),
    sizeCalls: big('size_calls').notNull(),
    usedCalls: big('used_calls').notNull().default(0),
    validFrom: big('valid_from').notNull(),
    validUntil: big('valid_until').notNull(), // exclusive
    orderId: text('order_id'),
    priceFen: big('price_fen').notNull().default(0),
    refundedAt: big('refunded_at'),
    lowNotified: boolean('low_notified').notNull().default(false),
    createdAt: big('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('packs_free_unique').on(t.accountId, t.item, t.month).where(sql`kind = 'free'`),
    index('packs_account_item_idx').on(t.accountId, t.item, t.validUntil),
  ],
);

export const usageMonthly = pgTable(
  'usage_monthly',
  {
    accountId: integer('account_id').notNull().references(() => accounts.id),
    item: text('item').notNull(),
    month: text('month').notNull(),
    totalCalls: big('total_calls').notNull().default(0),
    freeCalls: big('free_calls').notNull().default(0),
    packCalls: big('pack_calls').notNull().default(0),
    chargedCalls: big('charged_calls').notNull().default(0),
  },
  // (account, month) first: a bill reads one account's month, and the planner would
  // otherwise scan the whole month through usage_monthly_month_idx.
  (t) => [primaryKey({ columns: [t.accountId, t.month, t.item] }), index('usage_monthly_month_idx').on(t.month)],
);

export const usageDaily = pgTable(
  'usage_daily',
  {
    accountId: integer('account_id').notNull().references(() => accounts.id),
    item: text('item').notNull(),
    day: text('day').notNull(), // YYYY-MM-DD in UTC+8
    totalCalls: big('total_calls').notNull().default(0),
    freeCalls: big('free_calls').notNull().default(0),
    packCalls: big('pack_calls').notNull().default(0),
    chargedCalls: big('charged_calls').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.item, t.day] })],
);

export const orders = pgTable(
  'orders',
  {
    id: text('id').primaryKey(), // 订单号
    accountId: integer('account_id').notNull().references(() => accounts.id),
    item: text('item').notNull(),
    sizeCode: text('size_code').notNull(),
    quantity: integer('quantity').notNull(),
    amountFen: big('amount_fen').notNull(),
    status: text('status', { enum: ['pending', 'paid', 'cancelled', 'expired'] }).notNull(),
    idempotencyKey: text('idempotency_key').notNull(),
    createdAt: big('created_at').notNull(),
    expiresAt: big('expires_at').notNull(),
    paidAt: big('paid_at'),
    closedAt: big('closed_at'),
  },
  (t) => [uniqueIndex('orders_idem_unique').on(t.accountId, t.idempotencyKey), index('orders_account_idx').on(t.accountId, t.createdAt)],
);

export const ledgerEntries = pgTable(
  'ledger_entries',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    accountId: integer('account_id').notNull().references(() => accounts.id),
    type: text('type', { enum: ['topup', 'pack_purchase', 'pack_refund', 'bill_payment', 'freeze', 'unfreeze'] }).notNull(),
    cashDeltaFen: big('cash_delta_fen').notNull(),
    frozenDeltaFen: big('frozen_delta_fen').notNull(),
    cashAfterFen: big('cash_after_fen').notNull(),
    frozenAfterFen: big('frozen_after_fen').notNull(),
    // what caused it (order id, bill id, top-up id); (account, type, ref) is unique so a
    // retry can never move the same money twice
    ref: text('ref').notNull(),
    note: text('note').notNull().default(''),
    createdAt: big('created_at').notNull(),
  },
  (t) => [uniqueIndex('ledger_ref_unique').on(t.accountId, t.type, t.ref), index('ledger_account_idx').on(t.accountId, t.id)],
);

export const topUps = pgTable(
  'top_ups',
  {
    id: text('id').primaryKey(),
    accountId: integer('account_id').notNull().references(() => accounts.id),
    amountFen: big('amount_fen').notNull(),
    provider: text('provider').notNull(),
    status: text('status', { enum: ['pending', 'succeeded', 'failed'] }).notNull(),
    idempotencyKey: text('idempotency_key').notNull(),
    // the payment's reference at its provider (a bank transfer's 流水号): one credit each
    externalRef: text('external_ref'),
    createdAt: big('created_at').notNull(),
    confirmedAt: big('confirmed_at'),
  },
  (t) => [uniqueIndex('top_ups_idem_unique').on(t.accountId, t.idempotencyKey), uniqueIndex('top_ups_external_ref_unique').on(t.provider, t.externalRef)],
);

export const bills = pgTable(
  'bills',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    accountId: integer('account_id').notNull().references(() => accounts.id),
    month: text('month').notNull(),
    subtotal: text('subtotal').notNull(),
    precisionAdjustment: text('precision_adjustment').notNull(),
    payableFen: big('payable_fen').notNull(),
    releasedFen: big('released_fen').notNull().default(0),
    deductedFen: big('deducted_fen').notNull().default(0),
    frozenFen: big('frozen_fen').notNull().default(0),
    status: text('status', { enum: ['issued', 'settled'] }).notNull(),
    issuedAt: big('issued_at').notNull(),
    settledAt: big('settled_at'),
  },
  (t) => [uniqueIndex('bills_account_month_unique').on(t.accountId, t.month), index('bills_month_idx').on(t.month)],
);

export const billLines = pgTable(
  'bill_lines',
  {
    billId: integer('bill_id').notNull().references(() => bills.id, { onDelete: 'cascade' }),
    item: text('item').notNull(),
    totalCalls: big('total_calls').notNull(),
    freeCalls: big('free_calls').notNull(),
    packCalls: big('pack_calls').notNull(),
    chargedCalls: big('charged_calls').notNull(),
    tier: integer('tier'),
    unitPrice: text('unit_price').notNull(),
    amount: text('amount').notNull(),
  },
  (t) => [primaryKey({ columns: [t.billId, t.item] })],
);

export const notifications = pgTable(
  'notifications',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    accountId: integer('account_id').notNull().references(() => accounts.id),
    kind: text('kind', { enum: ['pack_low', 'pack_empty', 'bill_issued', 'arrears', 'arrears_cleared', 'balance_low'] }).notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    // the event a notification is about, so a rerun of a job never raises it twice
    dedupeKey: text('dedupe_key').notNull(),
    createdAt: big('created_at').notNull(),
    readAt: big('read_at'),
  },
  (t) => [uniqueIndex('notifications_dedupe_unique').on(t.accountId, t.dedupeKey), index('notifications_account_idx').on(t.accountId, t.id)],
);

export const apiKeys = pgTable(
  'api_keys',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    accountId: integer('account_id').notNull().references(() => accounts.id),
    secretId: text('secret_id').notNull().unique(),
    secretKeyEnc: text('secret_key_enc').notNull(),
    status: text('status', { enum: ['enabled', 'disabled'] }).notNull(),
    createdAt: big('created_at').notNull(),
    lastUsedAt: big('last_used_at'),
  },
  (t) => [index('api_keys_account_idx').on(t.accountId)],
);

// Every metered API request, keyed by the RequestId it was answered with: the billing
// truth, and 请求日志's line of every successful request (written in the metering
// transaction, so a successful call writes no second row: server/queries/requests.ts).
// account_id has no foreign key: the metering transaction locks every account it writes
// rows for and refuses one that does not exist (server/gateway/metering.ts), and accounts
// are never deleted, so the per-row check would only repeat it — on PostgreSQL about 6 µs
// of server CPU a metered call (bench/api/README.md).
export const apiRequests = pgTable(
  'api_requests',
  {
    requestId: text('request_id').primaryKey(),
    accountId: integer('account_id').notNull(),
    action: text('action').notNull(),
    calls: big('calls').notNull(),
    createdAt: big('created_at').notNull(),
    /** The key that signed the request; null on rows metered before 请求日志 read them. */
    secretId: text('secret_id'),
    /** Arrival to the start of its metering transaction; null as above. */
    latencyUs: big('latency_us'),
  },
  (t) => [index('api_requests_account_idx').on(t.accountId, t.createdAt)],
);

// 请求日志's failed requests: one row per request of an account answered with an error,
// written in batches off the request path (server/gateway/request-log.ts) and pruned after
// 30 days; successful requests are api_requests' rows. May lose the last few rows of a
// crashed process. Indexed for the page (account, time) and the pruning (time) only: a
// filter by action, key or error code reads the account's failures of the window, which
// every index more would make each failure's write dearer.
export const apiRequestLog = pgTable(
  'api_request_log',
  {
    requestId: text('request_id').primaryKey(),
    accountId: integer('account_id').notNull().references(() => accounts.id),
    secretId: text('secret_id'),
    action: text('action'),
    /** The error code answered. */
    outcome: text('outcome').notNull(),
    latencyUs: big('latency_us').notNull(),
    createdAt: big('created_at').notNull(),
  },
  (t) => [
    index('api_request_log_account_idx').on(t.accountId, t.createdAt),
    index('api_request_log_created_idx').on(t.createdAt),
  ],
);

export const contactRequests = pgTable('contact_requests', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  accountId: integer('account_id').notNull().references(() => accounts.id),
  topic: text('topic').notNull(),
  message: text('message').notNull(),
  createdAt: big('created_at').notNull(),
});

// 人物库: the operator-managed galleries DetectCelebrity (kind celebrity) and the POLITICS
// moderation scene (kind politics) match faces against. Labels are a JSON array of strings.
export const persons = pgTable('persons', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  kind: text('kind', { enum: ['celebrity', 'politics'] }).notNull(),
  name: text('name').notNull(),
  labels: text('labels').notNull().default('[]'),
  basicInfo: text('basic_info').notNull().default(''),
  createdAt: big('created_at').notNull(),
});

// One reference photo's face descriptor (JSON array of 1024 L2-normalised numbers); the
// photo itself is not kept.
export const personFaces = pgTable(
  'person_faces',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    personId: integer('person_id').notNull().references(() => persons.id, { onDelete: 'cascade' }),
    descriptor: text('descriptor').notNull(),
    createdAt: big('created_at').notNull(),
  },
  (t) => [index('person_faces_person_idx').on(t.personId)],
);

// One row, bumped by every gallery change: the API process's matcher polls it to know when
// to reload the galleries (the console and the API server are separate processes).
export const galleryVersion = pgTable('gallery_version', {
  id: integer('id').primaryKey(),
  version: integer('version').notNull(),
});
