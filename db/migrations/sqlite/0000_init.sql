CREATE TABLE `accounts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`activated_at` integer,
	`cash_fen` integer DEFAULT 0 NOT NULL,
	`frozen_fen` integer DEFAULT 0 NOT NULL,
	`in_arrears` integer DEFAULT false NOT NULL,
	`qps_limit` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `accounts_user_id_unique` ON `accounts` (`user_id`);--> statement-breakpoint
CREATE TABLE `api_keys` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`account_id` integer NOT NULL,
	`secret_id` text NOT NULL,
	`secret_key_enc` text NOT NULL,
	`status` text NOT NULL,
	`created_at` integer NOT NULL,
	`last_used_at` integer,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `api_keys_secret_id_unique` ON `api_keys` (`secret_id`);--> statement-breakpoint
CREATE INDEX `api_keys_account_idx` ON `api_keys` (`account_id`);--> statement-breakpoint
CREATE TABLE `api_requests` (
	`request_id` text PRIMARY KEY NOT NULL,
	`account_id` integer NOT NULL,
	`action` text NOT NULL,
	`calls` integer NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `api_requests_account_idx` ON `api_requests` (`account_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `app_clock` (
	`id` integer PRIMARY KEY NOT NULL,
	`offset_ms` integer NOT NULL,
	`sandbox` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `bill_lines` (
	`bill_id` integer NOT NULL,
	`item` text NOT NULL,
	`total_calls` integer NOT NULL,
	`free_calls` integer NOT NULL,
	`pack_calls` integer NOT NULL,
	`charged_calls` integer NOT NULL,
	`tier` integer,
	`unit_price` text NOT NULL,
	`amount` text NOT NULL,
	PRIMARY KEY(`bill_id`, `item`),
	FOREIGN KEY (`bill_id`) REFERENCES `bills`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `bills` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`account_id` integer NOT NULL,
	`month` text NOT NULL,
	`subtotal` text NOT NULL,
	`precision_adjustment` text NOT NULL,
	`payable_fen` integer NOT NULL,
	`released_fen` integer DEFAULT 0 NOT NULL,
	`deducted_fen` integer DEFAULT 0 NOT NULL,
	`frozen_fen` integer DEFAULT 0 NOT NULL,
	`status` text NOT NULL,
	`issued_at` integer NOT NULL,
	`settled_at` integer,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `bills_account_month_unique` ON `bills` (`account_id`,`month`);--> statement-breakpoint
CREATE INDEX `bills_month_idx` ON `bills` (`month`);--> statement-breakpoint
CREATE TABLE `contact_requests` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`account_id` integer NOT NULL,
	`topic` text NOT NULL,
	`message` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `gallery_version` (
	`id` integer PRIMARY KEY NOT NULL,
	`version` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `job_runs` (
	`job` text NOT NULL,
	`period` text NOT NULL,
	`ran_at` integer NOT NULL,
	`detail` text DEFAULT '' NOT NULL,
	PRIMARY KEY(`job`, `period`)
);
--> statement-breakpoint
CREATE TABLE `ledger_entries` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`account_id` integer NOT NULL,
	`type` text NOT NULL,
	`cash_delta_fen` integer NOT NULL,
	`frozen_delta_fen` integer NOT NULL,
	`cash_after_fen` integer NOT NULL,
	`frozen_after_fen` integer NOT NULL,
	`ref` text NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `ledger_ref_unique` ON `ledger_entries` (`account_id`,`type`,`ref`);--> statement-breakpoint
CREATE INDEX `ledger_account_idx` ON `ledger_entries` (`account_id`,`id`);--> statement-breakpoint
CREATE TABLE `notifications` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`account_id` integer NOT NULL,
	`kind` text NOT NULL,
	`title` text NOT NULL,
	`body` text NOT NULL,
	`dedupe_key` text NOT NULL,
	`created_at` integer NOT NULL,
	`read_at` integer,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `notifications_dedupe_unique` ON `notifications` (`account_id`,`dedupe_key`);--> statement-breakpoint
CREATE INDEX `notifications_account_idx` ON `notifications` (`account_id`,`id`);--> statement-breakpoint
CREATE TABLE `orders` (
	`id` text PRIMARY KEY NOT NULL,
	`account_id` integer NOT NULL,
	`item` text NOT NULL,
	`size_code` text NOT NULL,
	`quantity` integer NOT NULL,
	`amount_fen` integer NOT NULL,
	`status` text NOT NULL,
	`idempotency_key` text NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`paid_at` integer,
	`closed_at` integer,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `orders_idem_unique` ON `orders` (`account_id`,`idempotency_key`);--> statement-breakpoint
CREATE INDEX `orders_account_idx` ON `orders` (`account_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `packs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`account_id` integer NOT NULL,
	`item` text NOT NULL,
	`kind` text NOT NULL,
	`month` text,
	`size_calls` integer NOT NULL,
	`used_calls` integer DEFAULT 0 NOT NULL,
	`valid_from` integer NOT NULL,
	`valid_until` integer NOT NULL,
	`order_id` text,
	`price_fen` integer DEFAULT 0 NOT NULL,
	`refunded_at` integer,
	`low_notified` integer DEFAULT false NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `packs_free_unique` ON `packs` (`account_id`,`item`,`month`) WHERE kind = 'free';--> statement-breakpoint
CREATE INDEX `packs_account_item_idx` ON `packs` (`account_id`,`item`,`valid_until`);--> statement-breakpoint
CREATE TABLE `person_faces` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`person_id` integer NOT NULL,
	`descriptor` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`person_id`) REFERENCES `persons`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `person_faces_person_idx` ON `person_faces` (`person_id`);--> statement-breakpoint
CREATE TABLE `persons` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`name` text NOT NULL,
	`labels` text DEFAULT '[]' NOT NULL,
	`basic_info` text DEFAULT '' NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `sessions` (
	`token_hash` text PRIMARY KEY NOT NULL,
	`user_id` integer NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `sessions_user_idx` ON `sessions` (`user_id`);--> statement-breakpoint
CREATE TABLE `top_ups` (
	`id` text PRIMARY KEY NOT NULL,
	`account_id` integer NOT NULL,
	`amount_fen` integer NOT NULL,
	`provider` text NOT NULL,
	`status` text NOT NULL,
	`idempotency_key` text NOT NULL,
	`created_at` integer NOT NULL,
	`confirmed_at` integer,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `top_ups_idem_unique` ON `top_ups` (`account_id`,`idempotency_key`);--> statement-breakpoint
CREATE TABLE `usage_daily` (
	`account_id` integer NOT NULL,
	`item` text NOT NULL,
	`day` text NOT NULL,
	`total_calls` integer DEFAULT 0 NOT NULL,
	`free_calls` integer DEFAULT 0 NOT NULL,
	`pack_calls` integer DEFAULT 0 NOT NULL,
	`charged_calls` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`account_id`, `item`, `day`),
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `usage_monthly` (
	`account_id` integer NOT NULL,
	`item` text NOT NULL,
	`month` text NOT NULL,
	`total_calls` integer DEFAULT 0 NOT NULL,
	`free_calls` integer DEFAULT 0 NOT NULL,
	`pack_calls` integer DEFAULT 0 NOT NULL,
	`charged_calls` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`account_id`, `month`, `item`),
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `usage_monthly_month_idx` ON `usage_monthly` (`month`);--> statement-breakpoint
CREATE TABLE `users` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`email` text NOT NULL,
	`password_hash` text NOT NULL,
	`is_operator` integer DEFAULT false NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_email_unique` ON `users` (`email`);