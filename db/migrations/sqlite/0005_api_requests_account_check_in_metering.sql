-- The metering transaction checks every row's account (it locks it): the per-row foreign key only repeated that.
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_api_requests` (
	`request_id` text PRIMARY KEY NOT NULL,
	`account_id` integer NOT NULL,
	`action` text NOT NULL,
	`calls` integer NOT NULL,
	`created_at` integer NOT NULL,
	`secret_id` text,
	`latency_us` integer
);
--> statement-breakpoint
INSERT INTO `__new_api_requests`("request_id", "account_id", "action", "calls", "created_at", "secret_id", "latency_us") SELECT "request_id", "account_id", "action", "calls", "created_at", "secret_id", "latency_us" FROM `api_requests`;--> statement-breakpoint
DROP TABLE `api_requests`;--> statement-breakpoint
ALTER TABLE `__new_api_requests` RENAME TO `api_requests`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE INDEX `api_requests_account_idx` ON `api_requests` (`account_id`,`created_at`);