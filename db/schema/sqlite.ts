// Money rules for this schema: money that moves (balances, ledger, orders, pack prices,
// bill payable) is integer fen; rated amounts (unit prices, line amounts, subtotals) are
// exact decimal strings. Never REAL. Times are epoch milliseconds on the app clock.
import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

export const users = sqliteTable('users', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  email: text('email').notNull().unique(),
  passwordHash: text('password_hash').notNull(),
  isOperator: integer('is_operator', { mode: 'boolean' }).notNull().default(false),
  createdAt: integer('created_at').notNull(),
});

export const sessions = sqliteTable(
  'sessions',
  {
    // sha256 of the cookie token: a copy of the database cannot be replayed as a session.
    tokenHash: text('token_hash').primaryKey(),
    userId: integer('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    createdAt: integer('created_at').notNull(),
    expiresAt: integer('expires_at').notNull(),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

// Failed sign-ins per e-mail and per client address (key 'email:…' / 'ip:…'): a throttled
// key is refused until blocked_until (wall clock), doubling with each failure past the
// allowance. Kept in the store so a restart does not forgive them.
export const signInThrottle = sqliteTable('sign_in_throttle', {
  key: text('key').primaryKey(),
  failures: integer('failures').notNull(),
  blockedUntil: integer('blocked_until').notNull(),
  updatedAt: integer('updated_at').notNull(),
});

export const accounts = sqliteTable('accounts', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  userId: integer('user_id').notNull().unique().references(() => users.id, { onDelete: 'cascade' }),
  activatedAt: integer('activated_at'),
  cashFen: integer('cash_fen').notNull().default(0),
  frozenFen: integer('frozen_fen').notNull().default(0),
  inArrears: integer('in_arrears', { mode: 'boolean' }).notNull().default(false),
  qpsLimit: integer('qps_limit'),
  // 余额预警: threshold in fen (null = off); sent = the one message for this dip is out,
  // re-armed when the available balance is back at or above the threshold.
  balanceAlertFen: integer('balance_alert_fen'),
  balanceAlertSent: integer('balance_alert_sent', { mode: 'boolean' }).notNull().default(false),
  createdAt: integer('created_at').notNull(),
});

// One row: the app clock is wall clock + offset, so it keeps running and only jumps forward.
export const appClock = sqliteTable('app_clock', {
  id: integer('id').primaryKey(),
  offsetMs: integer('offset_ms').notNull(),
  sandbox: integer('sandbox', { mode: 'boolean' }).notNull(),
  updatedAt: integer('updated_at').notNull(),
});

// A job's unit of work (e.g. bill run for 2019-12) is done once: the row is the proof.
export const jobRuns = sqliteTable(
  'job_runs',
  {
    job: text('job').notNull(),
    period: text('period').notNull(),
    ranAt: integer('ran_at').notNull(), // app time
    detail: text('detail').notNull().default(''),
  },
  (t) => [primaryKey({ columns: [t.job, t.period] })],
);

export const packs = sqliteTable(
  'packs',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    accountId: integer('account_id').notNull().references(() => accounts.id),
    item: text('item').notNull(),
    kind: text('kind', { enum: ['free', 'prepaid'] }).notNull(),
    // for free packs: the month they cover; null for prepaid
    month: text('month'),
    sizeCalls: integer('size_calls').notNull(),
    usedCalls: integer('used_calls').notNull().default(0),
    validFrom: integer('valid_from').notNull(),
    validUntil: integer('valid_until').notNull(), // exclusive
    orderId: text('order_id'),
    priceFen: integer('price_fen').notNull().default(0),
    refundedAt: integer('refunded_at'),
    lowNotified: integer('low_notified', { mode: 'boolean' }).notNull().default(false),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('packs_free_unique').on(t.accountId, t.item, t.month).where(sql`kind = 'free'`),
    index('packs_account_item_idx').on(t.accountId, t.item, t.validUntil),
  ],
);

export const usageMonthly = sqliteTable(
  'usage_monthly',
  {
    accountId: integer('account_id').notNull().references(() => accounts.id),
    item: text('item').notNull(),
    month: text('month').notNull(),
    totalCalls: integer('total_calls').notNull().default(0),
    freeCalls: integer('free_calls').notNull().default(0),
    packCalls: integer('pack_calls').notNull().default(0),
    chargedCalls: integer('charged_calls').notNull().default(0),
  },
  // (account, month) first: a bill reads one account's month, and the planner would
  // otherwise scan the whole month through usage_monthly_month_idx.
  (t) => [primaryKey({ columns: [t.accountId, t.month, t.item] }), index('usage_monthly_month_idx').on(t.month)],
);

export const usageDaily = sqliteTable(
  'usage_daily',
  {
    accountId: integer('account_id').notNull().references(() => accounts.id),
    item: text('item').notNull(),
    day: text('day').notNull(), // YYYY-MM-DD in UTC+8
    totalCalls: integer('total_calls').notNull().default(0),
    freeCalls: integer('free_calls').notNull().default(0),
    packCalls: integer('pack_calls').notNull().default(0),
    chargedCalls: integer('charged_calls').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.item, t.day] })],
);

export const orders = sqliteTable(
  'orders',
  {
    id: text('id').primaryKey(), // 订单号
    accountId: integer('account_id').notNull().references(() => accounts.id),
    item: text('item').notNull(),
    sizeCode: text('size_code').notNull(),
    quantity: integer('quantity').notNull(),
    amountFen: integer('amount_fen').notNull(),
    status: text('status', { enum: ['pending', 'paid', 'cancelled', 'expired'] }).notNull(),
    idempotencyKey: text('idempotency_key').notNull(),
    createdAt: integer('created_at').notNull(),
    expiresAt: integer('expires_at').notNull(),
    paidAt: integer('paid_at'),
    closedAt: integer('closed_at'),
  },
  (t) => [uniqueIndex('orders_idem_unique').on(t.accountId, t.idempotencyKey), index('orders_account_idx').on(t.accountId, t.createdAt)],
);

export const ledgerEntries = sqliteTable(
  'ledger_entries',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    accountId: integer('account_id').notNull().references(() => accounts.id),
    type: text('type', { enum: ['topup', 'pack_purchase', 'pack_refund', 'bill_payment', 'freeze', 'unfreeze'] }).notNull(),
    cashDeltaFen: integer('cash_delta_fen').notNull(),
    frozenDeltaFen: integer('frozen_delta_fen').notNull(),
    cashAfterFen: integer('cash_after_fen').notNull(),
    frozenAfterFen: integer('frozen_after_fen').notNull(),
    // what caused it (order id, bill id, top-up id); (account, type, ref) is unique so a
    // retry can never move the same money twice
    ref: text('ref').notNull(),
    note: text('note').notNull().default(''),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [uniqueIndex('ledger_ref_unique').on(t.accountId, t.type, t.ref), index('ledger_account_idx').on(t.accountId, t.id)],
);

export const topUps = sqliteTable(
  'top_ups',
  {
    id: text('id').primaryKey(),
    accountId: integer('account_id').notNull().references(() => accounts.id),
    amountFen: integer('amount_fen').notNull(),
    provider: text('provider').notNull(),
    status: text('status', { enum: ['pending', 'succeeded', 'failed'] }).notNull(),
    idempotencyKey: text('idempotency_key').notNull(),
    // the payment's reference at its provider (a bank transfer's 流水号): one credit each
    externalRef: text('external_ref'),
    createdAt: integer('created_at').notNull(),
    confirmedAt: integer('confirmed_at'),
  },
  (t) => [uniqueIndex('top_ups_idem_unique').on(t.accountId, t.idempotencyKey), uniqueIndex('top_ups_external_ref_unique').on(t.provider, t.externalRef)],
);

export const bills = sqliteTable(
  'bills',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    accountId: integer('account_id').notNull().references(() => accounts.id),
    month: text('month').notNull(),
    subtotal: text('subtotal').notNull(),
    precisionAdjustment: text('precision_adjustment').notNull(),
    payableFen: integer('payable_fen').notNull(),
    releasedFen: integer('released_fen').notNull().default(0),
    deductedFen: integer('deducted_fen').notNull().default(0),
    frozenFen: integer('frozen_fen').notNull().default(0),
    status: text('status', { enum: ['issued', 'settled'] }).notNull(),
    issuedAt: integer('issued_at').notNull(),
    settledAt: integer('settled_at'),
  },
  (t) => [uniqueIndex('bills_account_month_unique').on(t.accountId, t.month), index('bills_month_idx').on(t.month)],
);

export const billLines = sqliteTable(
  'bill_lines',
  {
    billId: integer('bill_id').notNull().references(() => bills.id, { onDelete: 'cascade' }),
    item: text('item').notNull(),
    totalCalls: integer('total_calls').notNull(),
    freeCalls: integer('free_calls').notNull(),
    packCalls: integer('pack_calls').notNull(),
    chargedCalls: integer('charged_calls').notNull(),
    tier: integer('tier'),
    unitPrice: text('unit_price').notNull(),
    amount: text('amount').notNull(),
  },
  (t) => [primaryKey({ columns: [t.billId, t.item] })],
);

export const notifications = sqliteTable(
  'notifications',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    accountId: integer('account_id').notNull().references(() => accounts.id),
    kind: text('kind', { enum: ['pack_low', 'pack_empty', 'bill_issued', 'arrears', 'arrears_cleared', 'balance_low'] }).notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    // the event a notification is about, so a rerun of a job never raises it twice
    dedupeKey: text('dedupe_key').notNull(),
    createdAt: integer('created_at').notNull(),
    readAt: integer('read_at'),
  },
  (t) => [uniqueIndex('notifications_dedupe_unique').on(t.accountId, t.dedupeKey), index('notifications_account_idx').on(t.accountId, t.id)],
);

export const apiKeys = sqliteTable(
  'api_keys',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    accountId: integer('account_id').notNull().references(() => accounts.id),
    secretId: text('secret_id').notNull().unique(),
    secretKeyEnc: text('secret_key_enc').notNull(),
    status: text('status', { enum: ['enabled', 'disabled'] }).notNull(),
    createdAt: integer('created_at').notNull(),
    lastUsedAt: integer('last_used_at'),
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
export const apiRequests = sqliteTable(
  'api_requests',
  {
    requestId: text('request_id').primaryKey(),
    accountId: integer('account_id').notNull(),
    action: text('action').notNull(),
    calls: integer('calls').notNull(),
    createdAt: integer('created_at').notNull(),
    /** The key that signed the request; null on rows metered before 请求日志 read them. */
    secretId: text('secret_id'),
    /** Arrival to the start of its metering transaction; null as above. */
    latencyUs: integer('latency_us'),
  },
  (t) => [index('api_requests_account_idx').on(t.accountId, t.createdAt)],
);

// 请求日志's failed requests: one row per request of an account answered with an error,
// written in batches off the request path (server/gateway/request-log.ts) and pruned after
// 30 days; successful requests are api_requests' rows. May lose the last few rows of a
// crashed process. Indexed for the page (account, time) and the pruning (time) only: a
// filter by action, key or error code reads the account's failures of the window, which
// every index more would make each failure's write dearer.
export const apiRequestLog = sqliteTable(
  'api_request_log',
  {
    requestId: text('request_id').primaryKey(),
    accountId: integer('account_id').notNull().references(() => accounts.id),
    secretId: text('secret_id'),
    action: text('action'),
    /** The error code answered. */
    outcome: text('outcome').notNull(),
    latencyUs: integer('latency_us').notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [
    index('api_request_log_account_idx').on(t.accountId, t.createdAt),
    index('api_request_log_created_idx').on(t.createdAt),
  ],
);

export const contactRequests = sqliteTable('contact_requests', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  accountId: integer('account_id').notNull().references(() => accounts.id),
  topic: text('topic').notNull(),
  message: text('message').notNull(),
  createdAt: integer('created_at').notNull(),
});

// 人物库: the operator-managed galleries DetectCelebrity (kind celebrity) and the POLITICS
// moderation scene (kind politics) match faces against. Labels are a JSON array of strings.
export const persons = sqliteTable('persons', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  kind: text('kind', { enum: ['celebrity', 'politics'] }).notNull(),
  name: text('name').notNull(),
  labels: text('labels').notNull().default('[]'),
  basicInfo: text('basic_info').notNull().default(''),
  createdAt: integer('created_at').notNull(),
});

// One reference photo's face descriptor (JSON array of 1024 L2-normalised numbers); the
// photo itself is not kept.
export const personFaces = sqliteTable(
  'person_faces',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    personId: integer('person_id').notNull().references(() => persons.id, { onDelete: 'cascade' }),
    descriptor: text('descriptor').notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('person_faces_person_idx').on(t.personId)],
);

// One row, bumped by every gallery change: the API process's matcher polls it to know when
// to reload the galleries (the console and the API server are separate processes).
export const galleryVersion = sqliteTable('gallery_version', {
  id: integer('id').primaryKey(),
  version: integer('version').notNull(),
});
